"""The services speak the user's language: with Ukrainian chosen (as the window chooses it from
the interface language), every refusal a user can meet and every audit summary a change writes
is Ukrainian; words that stay Latin are codes, names and file names, each listed with why.

Walked as the interface's translation test walks the window: each message is looked at for
Latin words no rule explains."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop.domain import db
from desktop.domain.errors import CasefileError
from desktop.services import (
    audit,
    case,
    evidence,
    incidents,
    members,
    protection,
    review,
    search,
    sources,
    tabular,
    words,
)
from desktop.services.export import DossierOptions, export_dossier
from desktop.services.interchange import w3c

ACTOR = "Олена Документувальниця"
TEXT = ("Свідчення про розстріл полонених\n\nСвідок розповів, що 6 вересня 2024 року біля "
        "заводу в селі Нью-Йорк військовослужбовця, який склав зброю, розстріляли на місці.\n")

#: Latin text a Ukrainian message may hold, each with the reason it stays as it is.
ALLOWED = (
    (r"\b(?:[A-Z]{1,3}-)+\d+\b", "references: INC-001, E-001, S-001, W-001"),
    (r"\b[\w.-]+\.(?:casefile|docx|csv|txt|zip|jsonld)\b", "file names"),
    (r"'[a-z_]+'|\b(?:approved|returned|draft|in_review|public|confidential|witness|victim|"
     r"perpetrator|documenter|reviewer)\b|\b[A-F]\b", "codes the command line takes, as typed"),
    (r"\b(?:YYYY|MM|DD|HH)\b", "none: dates are asked for as РРРР-ММ-ДД"),
    (r"/\S+", "paths"),
    (r"\.[a-z]{2,5}\b", "file-name extensions: .pdf, .docx"),
    (r"\b(?:PDF|OCR|HTML|MHTML|WARC|UTF-8|BOM|Word)\b", "names of formats and programs"),
    (r"\b\d{4}-\d\d-\d\dT[\d:.]+Z\b", "times as the trail stores them"),
    (r"\b[a-z_]+\.[a-z_]+\b", "audit action codes: case.create"),
    (r"\bCasefile\b|\bcasefile (?:verify|reindex)\b", "the product and its commands"),
    (r"\bURL\b|\bW3C\b|\bSHA-256\b|\bAND\b|\bOR\b|\bNOT\b|\bNEAR\b",
     "standard names and operators"),
)
_ALLOWED = re.compile("|".join(f"(?:{pattern})" for pattern, _ in ALLOWED))


def english_left(text: str) -> str:
    """The Latin words in `text` that no rule of ALLOWED explains ("" when none)."""
    return " ".join(re.findall(r"[A-Za-z][A-Za-z'’]*", _ALLOWED.sub(" ", text)))


@pytest.fixture
def ukrainian_case(tmp_path):
    db.new_case(tmp_path / "справа.casefile", "Справа", actor=ACTOR)
    source = tmp_path / "svidchennia.txt"
    source.write_text(TEXT, encoding="utf-8")
    with words.in_language("uk"):
        yield tmp_path, sources.import_files([source], actor=ACTOR, kind="witness")
    db.close_case()


def _refusals(folder: Path) -> list:
    """Calls a user can make that the services refuse, each as the window or CLI makes it."""
    incident = incidents.create_incident(actor=ACTOR, title="Розстріл").id
    return [
        lambda: incidents.create_incident(actor=ACTOR, code="INC-001"),
        lambda: incidents.create_incident(actor=ACTOR, date_start="2099-01-01"),
        lambda: incidents.create_incident(actor=ACTOR, latitude=100.0),
        lambda: incidents.create_incident(actor=ACTOR, victims_min=5, victims_max=2),
        lambda: incidents.create_incident(actor=ACTOR, time="25:00"),
        lambda: evidence.add_evidence(1, 0, 10_000, actor=ACTOR, incident=incident),
        lambda: evidence.add_evidence(404, 0, 5, actor=ACTOR, incident=incident),
        lambda: evidence.add_evidence(1, 0, 5, actor=ACTOR, incident=404),
        lambda: evidence.add_evidence(1, 0, 5, actor=ACTOR, incident=incident,
                                      period_start="вчора"),
        lambda: review.review_evidence([], "maybe", actor=ACTOR),
        lambda: review.review_evidence([], "returned", actor=ACTOR),
        lambda: review.return_incident(incident, "", actor=ACTOR),
        lambda: review.approve_incident(incident, actor=ACTOR),
        lambda: case.update_case(actor=ACTOR, classification="secret"),
        lambda: protection.add_protected("", "witness", actor=ACTOR),
        lambda: protection.add_protected("Олександр Петренко", "spy", actor=ACTOR),
        lambda: members.add_member("", "reviewer", actor=ACTOR),
        lambda: search.search(""),
        lambda: search.search('"незакрита'),
        lambda: sources.update_source(1, actor=ACTOR, reliability="Z"),
        lambda: tabular.export_csv(folder / "a.txt", "/зла/назва", actor=ACTOR),
        lambda: export_dossier(folder / "немає" / "д.docx", DossierOptions(incidents="drafts"),
                               actor=ACTOR),
        lambda: export_dossier(folder / "д.docx", DossierOptions(), actor=ACTOR),
        lambda: w3c.import_annotations({"type": "AnnotationCollection", "first": "сторінка-2"},
                                       actor=ACTOR),
        lambda: w3c.import_annotations({"type": "Annotation"}, actor=ACTOR, min_score=2.0),
        lambda: w3c.import_annotations("annotations", actor=ACTOR),
    ]


def test_every_refusal_is_said_in_ukrainian(ukrainian_case):
    folder, _imported = ukrainian_case
    said = []
    for call in _refusals(folder):
        with pytest.raises(CasefileError) as refused:
            call()
        said.append(str(refused.value))
    left = {text: english_left(text) for text in said if english_left(text)}
    assert left == {}
    assert all(re.search("[а-яіїєґ]", text) for text in said), said


def test_every_change_is_recorded_in_ukrainian(ukrainian_case):
    folder, _imported = ukrainian_case
    first = audit.history(limit=1)[0].id
    incident = incidents.create_incident(actor=ACTOR, title="Розстріл біля заводу").id
    change = incidents.update_incident(incident, actor=ACTOR, place="Нью-Йорк", victims_min=1)
    change.undo(ACTOR)
    span = evidence.add_evidence(1, 0, 32, actor=ACTOR, incident=incident).id
    evidence.update_evidence(span, actor=ACTOR, credibility="2", note="перевірити").undo(ACTOR)
    members.add_member("Микола Гриценко", "reviewer", actor=ACTOR)
    review.review_evidence(span, "returned", actor="Микола Гриценко", comment="джерело?")
    review.resubmit_evidence(span, actor=ACTOR)
    review.submit_incident(incident, actor=ACTOR)
    protection.add_protected("Олександр Петренко", "witness", actor=ACTOR)
    case.update_case(actor=ACTOR, reference="UA-POW-2024-017")
    search.rebuild_index(actor=ACTOR)
    tabular.export_csv(folder, "реєстри", actor=ACTOR)
    removed = evidence.remove_evidence(span, actor=ACTOR)
    removed.undo(ACTOR)
    incidents.delete_incident(incident, actor=ACTOR).undo(ACTOR)
    written = [e.summary for e in audit.history() if e.id > first]
    assert len(written) >= 18
    left = {text: english_left(text) for text in written if english_left(text)}
    assert left == {}
    assert all(re.search("[а-яіїєґ]", text) for text in written), written


def test_verification_is_reported_in_ukrainian(ukrainian_case):
    from desktop.domain.models import AuditEntry
    from desktop.services import integrity

    passed = integrity.verify_case()
    assert passed.ok and passed.summary().startswith("Цілісність підтверджено: ")
    assert english_left(passed.summary()) == ""
    AuditEntry.update(summary="змінено поза Casefile").where(AuditEntry.id == 1).execute()
    failed = integrity.verify_case()
    assert not failed.ok
    assert failed.problems[0].startswith("Запис журналу аудиту №1 ")
    assert {p: english_left(p) for p in failed.problems if english_left(p)} == {}


def test_a_refused_file_is_said_in_ukrainian_even_from_the_reading_process(ukrainian_case):
    """A PDF is always parsed in the reading process, which speaks the user's language too."""
    folder, _imported = ukrainian_case
    broken = folder / "звіт.pdf"
    broken.write_bytes(b"%PDF-1.7\nnot a PDF body\n")
    unknown = folder / "програма.exe"
    unknown.write_bytes(b"MZ\x90\x00")
    empty = folder / "порожній.txt"
    empty.write_bytes(b"")
    report = sources.import_files([broken, unknown, empty], actor=ACTOR)
    said = [reason for _path, reason in report.failed]
    assert len(said) == 3
    assert all(re.search("[а-яіїєґ]{4}", reason.split(":", 1)[1]) for reason in said), said
    assert {r: english_left(r) for r in said if english_left(r)} == {}
