"""The redacted annotations export and CSV registers: no protected name leaves the case in them.

The names are fictional, as are the statements.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.domain.models import AuditEntry
from desktop.services import evidence, incidents, protection, sources, tabular
from desktop.services.interchange import w3c
from desktop.services.name_forms import forms_of

SPELLINGS = ("Остап Вербицький", "Ostap Verbytskyi")
STATEMENT = ("Свідчення. Я бачив, як Остапа Вербицького вивели з підвалу. "
             "Потім О. Вербицький сказав, що охоронці забрали документи.\n")


def every_form() -> set[str]:
    """Every spelling the Redactor knows and every form the analyser makes of them."""
    redactor = protection.Redactor.for_case()
    forms = set(redactor.spellings())
    for spelling in SPELLINGS:
        forms |= forms_of(spelling).enumerate()
    return {f.casefold() for f in forms if len(f) > 3}


def leaked(data: bytes) -> set[str]:
    """The forms of the name found anywhere in `data` (read as UTF-8, case-folded)."""
    text = data.decode("utf-8-sig").casefold()
    return {form for form in every_form() if form in text}


@pytest.fixture
def protected_case(case, actor, tmp_path) -> dict:
    """A statement naming a witness in a quote, a note and its source title."""
    path = tmp_path / "statement.txt"
    path.write_text(STATEMENT, encoding="utf-8")
    source_id = sources.import_files([path], actor=actor).imported[0][1]
    sources.update_source(source_id, actor=actor, title="Свідчення Остапа Вербицького",
                          publisher="Ostap Verbytskyi (interview)", confidential=True,
                          url="https://example.org/verbytskyi/statement")
    incident = incidents.create_incident(actor=actor, title="Затримання біля школи").id
    start = STATEMENT.index("Я бачив")
    end = STATEMENT.index("підвалу") + len("підвалу")
    evidence.add_evidence(source_id, start, end, actor=actor, incident=incident,
                          supports="place", note="Зі слів Остапа Вербицького, записано вдруге")
    protection.add_protected("\n".join(SPELLINGS), "witness", actor=actor)
    return {"source": source_id, "incident": incident}


def test_the_redacted_annotations_name_no_protected_person(protected_case, actor, tmp_path):
    full, redacted = tmp_path / "full.jsonld", tmp_path / "redacted.jsonld"
    w3c.write_annotations(full, actor=actor)
    w3c.write_annotations(redacted, actor=actor, redacted=True)
    assert leaked(full.read_bytes())  # the check would see a name that is there
    assert leaked(redacted.read_bytes()) == set()
    data = json.loads(redacted.read_text(encoding="utf-8"))
    body = data["first"]["items"][0]
    assert "W-001" in body["target"]["selector"][1]["exact"]
    assert "W-001" in body["body"]["cf:note"]
    assert data["cf:edition"] == "redacted"
    assert "verbytskyi" not in redacted.read_text(encoding="utf-8").casefold()  # no URL either


def test_the_redacted_registers_name_no_protected_person(protected_case, actor, tmp_path):
    full_dir, redacted_dir = tmp_path / "full", tmp_path / "redacted"
    full_dir.mkdir()
    redacted_dir.mkdir()
    full = tabular.export_csv(full_dir, "case", actor=actor)
    redacted = tabular.export_csv(redacted_dir, "case", actor=actor, redacted=True)
    assert leaked(full[1].read_bytes())
    for path in redacted:
        assert leaked(path.read_bytes()) == set(), path.name
    assert "W-001" in redacted[1].read_text(encoding="utf-8-sig")


def test_the_audit_trail_says_which_edition_left(protected_case, actor, tmp_path):
    tabular.export_csv(tmp_path, "case", actor=actor, redacted=True)
    w3c.write_annotations(tmp_path / "a.jsonld", actor=actor)
    entries = {e.action: e.after for e in AuditEntry.select()
               if e.action in ("registers.export", "annotations.export")}
    assert entries["registers.export"]["edition"] == "redacted"
    assert entries["annotations.export"]["edition"] == "full"


def test_without_the_option_nothing_changes(protected_case, tmp_path):
    out = Path(tmp_path / "a.jsonld")
    w3c.write_annotations(out)
    assert "cf:edition" not in json.loads(out.read_text(encoding="utf-8"))
