"""Protected people: pseudonyms, and redaction that catches every spelling, quotes included."""

from __future__ import annotations

import pytest

from desktop.domain.errors import ValidationError
from desktop.domain.models import AuditEntry
from desktop.services import protection

pytestmark = pytest.mark.file_and_server


def test_pseudonyms_are_numbered_per_role(case, actor):
    first = protection.add_protected("Oleksandr Marchenko", "witness", actor=actor)
    second = protection.add_protected("Iryna Bondar", "witness", actor=actor)
    victim = protection.add_protected("Petro Shevchuk", "victim", actor=actor)
    suspect = protection.add_protected("Captain Ivanov", "perpetrator", actor=actor)
    pseudonyms = {p.id: p.pseudonym for p in protection.protected_people()}
    assert [pseudonyms[p.id] for p in (first, second, victim, suspect)] == [
        "W-001", "W-002", "V-001", "P-001"]


def test_the_audit_trail_never_records_the_name(case, actor):
    protection.add_protected("Oleksandr Marchenko\nО. Марченко", "witness", actor=actor)
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).get()
    assert "Marchenko" not in f"{entry.summary}{entry.before}{entry.after}"
    assert entry.after == {"pseudonym": "W-001", "role": "witness", "spellings": 2}


def test_every_spelling_is_replaced_whole_words_only(case, actor):
    protection.add_protected("Oleksandr Marchenko\nO. Marchenko\nОлександр Марченко", "witness",
                             actor=actor)
    redact = protection.Redactor.for_case()
    text = ("Witness Oleksandr  Marchenko said that O. Marchenko saw it; "
            "Олександр Марченко підтвердив. Marchenkova is another person.")
    assert redact(text) == ("Witness W-001 said that W-001 saw it; W-001 підтвердив. "
                            "Marchenkova is another person.")


def test_case_does_not_hide_a_name(case, actor):
    protection.add_protected("Petro Shevchuk", "victim", actor=actor)
    assert protection.Redactor.for_case()("PETRO SHEVCHUK was shot.") == "V-001 was shot."


def test_longer_spellings_win_over_parts(case, actor):
    protection.add_protected("Shevchuk", "victim", actor=actor)
    protection.add_protected("Petro Shevchuk Jr", "victim", actor=actor)
    assert protection.Redactor.for_case()("Petro Shevchuk Jr and Shevchuk") == "V-002 and V-001"


def test_names_are_found_for_marking_in_the_source_view(case, actor):
    protection.add_protected("Petro Shevchuk", "victim", actor=actor)
    assert protection.find_names("He saw Petro Shevchuk.") == [(7, 21, "V-001")]


def test_without_protected_people_text_is_unchanged(case):
    assert protection.Redactor.for_case()("Nothing to hide.") == "Nothing to hide."


@pytest.mark.parametrize(("names", "role", "message"), [
    ("", "witness", "at least one spelling"),
    ("Someone", "bystander", "role must be one of"),
])
def test_bad_input_is_refused(case, actor, names, role, message):
    with pytest.raises(ValidationError, match=message):
        protection.add_protected(names, role, actor=actor)


def test_a_pseudonym_is_not_reused(case, actor):
    protection.add_protected("A. B.", "witness", actor=actor, pseudonym="W-007")
    with pytest.raises(ValidationError, match="already used"):
        protection.add_protected("C. D.", "witness", actor=actor, pseudonym="W-007")


def test_letters_that_case_folding_changes_are_still_caught():
    redact = protection.Redactor([("W-001", "Hans Weiß"), ("W-002", "İbrahim Yılmaz")])
    assert redact("Hans Weiß, HANS WEISS, hans weiss") == "W-001, W-001, W-001"
    redacted = redact("İbrahim Yılmaz; İBRAHIM YILMAZ")
    assert "brahim" not in redacted and "YILMAZ" not in redacted


def test_protected_people_are_listed_by_pseudonym_with_every_spelling(case, actor):
    protection.add_protected("Petro Shevchuk", "victim", actor=actor)
    witness = protection.add_protected("Oleksandr Marchenko\nО. Марченко", "witness",
                                       actor=actor)
    people = protection.protected_people()
    assert [p.pseudonym for p in people] == ["V-001", "W-001"]
    assert people[1][:4] == (witness.id, "W-001", "witness", ("Oleksandr Marchenko", "О. Марченко"))
