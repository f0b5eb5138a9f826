"""The check before release: words of a redacted text that look like a protected name but
were not replaced. The people and statements are fictional."""

from __future__ import annotations

import pytest

from desktop.domain.models import AuditEntry
from desktop.services import evidence, incidents, near_misses, protection, sources
from desktop.services.export import DossierOptions, NearMissesFound, export_dossier
from tests.conftest import ACTOR

pytestmark = pytest.mark.file_and_server


PEOPLE = [("W-001", "Остап Гнатюшенко\nOstap Hnatiushenko"), ("V-001", "Орися Мороз")]

STATEMENT = (
    "Свідчення. Я, Остап Гнатюшенко, бачив колону. Остапа Гнатюшенка вивели з підвалу; "
    "згодом Гнатюшенкові дали води, а О. Гнатюшенко підписав протокол. Орисю Мороз "
    "допитували окремо.\n")


def found(*texts: str) -> list[near_misses.NearMiss]:
    return near_misses.near_misses([(f"text {i}", t) for i, t in enumerate(texts)],
                                   people=PEOPLE)


def test_a_misspelt_name_is_reported_with_where_and_whom():
    text = STATEMENT + "Свідок Гнатюшнко повторив свої слова.\n"
    [miss] = found(text)
    assert (miss.word, miss.pseudonym, miss.where) == ("Гнатюшнко", "W-001", "text 0")
    assert "повторив" in miss.context
    assert miss.line() == "“Гнатюшнко” (like W-001) in text 0"


def test_latin_misspellings_and_a_name_cut_by_a_line_break_are_reported():
    misses = found("Witness Hnatiushenkko was there.", "Потім Гнатю\nшенка повели далі.")
    assert [(m.word, m.pseudonym) for m in misses] == [
        ("Hnatiushenkko", "W-001"), ("Гнатю⏎шенка", "W-001")]


def test_correctly_spelled_names_in_any_case_report_nothing():
    assert protection.Redactor(PEOPLE)(STATEMENT).count("W-001") == 4
    assert found(STATEMENT, "Ostap Hnatiushenko signed.", "Орисі Мороз не було.") == []


def test_common_words_are_not_reported():
    text = ("Вранці був мороз, і морок стояв над полем. Морози тривали тиждень; моряки "
            "чекали на березі. Поруч гнали худобу, гнати її було важко. Hunting, hesitation "
            "and nothing else.\n") * 3
    assert found(text) == []


def test_without_protected_people_there_is_nothing_to_look_for():
    assert near_misses.near_misses([("a", "Гнатюшнко")], people=[]) == []


def _case_with(tmp_path, quote_text: str) -> int:
    statement = tmp_path / "svidchennia.txt"
    statement.write_text(quote_text, encoding="utf-8")
    source_id = sources.import_files([statement], actor=ACTOR).imported[0][1]
    incident = incidents.create_incident(actor=ACTOR, title="Колона біля підвалу").id
    evidence.add_evidence(source_id, 0, len(quote_text.rstrip()), actor=ACTOR,
                          incident=incident, supports="narrative")
    for pseudonym, names in PEOPLE:
        role = "witness" if pseudonym.startswith("W") else "victim"
        protection.add_protected(names, role, actor=ACTOR)
    return incident


def test_a_redacted_dossier_with_a_near_miss_is_refused_until_accepted(case, tmp_path):
    _case_with(tmp_path, STATEMENT.replace("згодом Гнатюшенкові", "згодом Гнатюшенкві"))
    out = tmp_path / "redacted.docx"
    with pytest.raises(NearMissesFound) as refused:
        export_dossier(out, DossierOptions(incidents="drafts", edition="redacted"), actor=ACTOR)
    # The quote, and the source's title taken from its first line, which the dossier prints.
    assert sorted((m.where, m.word, m.pseudonym) for m in refused.value.found) == [
        ("E-001 quote", "Гнатюшенкві", "W-001"), ("S-001 title", "Гнатюшенкві", "W-001")]
    assert str(refused.value).startswith("2 near misses of protected names not replaced: "
                                         "“Гнатюшенкві” (like W-001) in ")
    assert not out.exists()
    # The full edition is not checked; the redacted one is written once the user accepts.
    export_dossier(tmp_path / "full.docx", DossierOptions(incidents="drafts"), actor=ACTOR)
    result = export_dossier(out, DossierOptions(incidents="drafts", edition="redacted",
                                                accept_near_misses=True), actor=ACTOR)
    assert out.exists() and [m.word for m in result.near_misses] == ["Гнатюшенкві"] * 2
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).get()
    assert entry.after["near_misses_accepted"] == 2
    assert "Гнатюш" not in f"{entry.summary}{entry.after}"


def test_a_redacted_dossier_without_near_misses_is_written(case, tmp_path):
    _case_with(tmp_path, STATEMENT)
    result = export_dossier(tmp_path / "redacted.docx",
                            DossierOptions(incidents="drafts", edition="redacted"), actor=ACTOR)
    assert result.near_misses == ()
