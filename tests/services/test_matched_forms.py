"""A protected person's list of matched forms: seen, edited (forms taken out, spellings added),
audited without the name, undone."""

from __future__ import annotations

import pytest

from desktop.domain.errors import ValidationError
from desktop.domain.models import AuditEntry
from desktop.services import near_misses, protection

# "Коваль" is a surname and the word for a blacksmith: a documenter may take its common-word
# forms out of the list, and keep the name itself.
SMITH = "Іван Коваль"


@pytest.fixture
def smith(case, actor) -> int:
    return protection.add_protected(SMITH, "witness", actor=actor).id


def person(person_id: int) -> protection.PersonRow:
    return next(p for p in protection.protected_people() if p.id == person_id)


def test_the_list_holds_every_case_of_every_word(smith):
    forms = protection.matched_forms(person(smith).spellings)
    assert {"коваль", "коваля", "ковалю", "ковалем", "іван", "івана", "іваном"} <= set(forms)
    assert "kovalia" in forms  # the official Latin transliteration
    assert forms == sorted(forms)


def test_a_form_taken_out_is_no_longer_replaced_but_the_spelling_is(smith, actor):
    protection.update_protected(smith, actor=actor, excluded_forms=["Коваля", "ковалем"])
    row = person(smith)
    assert set(row.excluded_forms) == {"коваля", "ковалем"}
    assert "коваля" not in protection.matched_forms(row.spellings, row.excluded_forms)
    redact = protection.Redactor.for_case()
    assert redact("Послуги коваля. Свідок Іван Коваль.") == "Послуги коваля. Свідок W-001."
    assert redact("Ковалю Івану") == "W-001"  # the other forms still count


def test_a_form_taken_out_is_not_a_near_miss(smith, actor):
    protection.update_protected(smith, actor=actor, excluded_forms=["коваля"])
    assert near_misses.near_misses([("note", "Послуги коваля тут")]) == []
    assert [m.word for m in near_misses.near_misses([("note", "Свідок Кавалеві")])] == [
        "Кавалеві"]


def test_a_spelling_added_is_matched_and_the_trail_counts_without_naming(smith, actor):
    change = protection.update_protected(smith, actor=actor,
                                         spellings=[SMITH, "Ivan Kowal"])
    assert protection.Redactor.for_case()("Ivan Kowal said") == "W-001 said"
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).get()
    assert entry.action == "protected.update"
    stored = f"{entry.summary}{entry.before}{entry.after}"
    assert "Kowal" not in stored and "Коваль" not in stored
    assert entry.after == {"names": "2 spelling(s)"}
    change.undo(actor)
    assert person(smith).spellings == (SMITH,)
    assert protection.Redactor.for_case()("Ivan Kowal said") == "Ivan Kowal said"


def test_taking_forms_out_is_undone(smith, actor):
    change = protection.update_protected(smith, actor=actor, excluded_forms=["коваля"])
    change.undo(actor)
    assert person(smith).excluded_forms == ()
    assert protection.Redactor.for_case()("коваля") == "W-001"


def test_no_spelling_left_is_refused(smith, actor):
    with pytest.raises(ValidationError):
        protection.update_protected(smith, actor=actor, spellings=["  ", ""])
    assert person(smith).spellings == (SMITH,)
