"""The dossier's facts table says which span a value was taken from (click to fill, or a
badge's “Use …”), beside every span that backs the fact; a value typed by hand says nothing."""

from __future__ import annotations

import pytest

from desktop.domain.refs import evidence_ref
from desktop.services import incidents
from desktop.services.words import in_language
from tests.conftest import ACTOR
from tests.services.test_export import _export, _texts

pytestmark = pytest.mark.file_and_server


def _facts_cell(document, label: str) -> str:
    """The text of the “Value and evidence” cell of the facts table's row `label`."""
    for table in document.tables:
        for row in table.rows:
            cells = [c.text for c in row.cells]
            if cells and cells[0] == label:
                return cells[1]
    raise AssertionError(f"no facts row {label!r}")


def test_a_value_taken_from_a_span_names_it(worked_case, tmp_path):
    incident = worked_case["incidents"]["INC-001"]
    place = worked_case["evidence"]["place"]
    incidents.update_incident(incident, actor=ACTOR, from_evidence=place,
                              place="Phenol Plant, New York")
    _, document = _export(tmp_path, incidents="drafts")
    cell = _facts_cell(document, "Place")
    assert cell.startswith("Phenol Plant, New York")
    assert cell.endswith(f"Value taken from [{evidence_ref(place)}]")
    assert "Value taken from" not in _facts_cell(document, "Time")  # typed by hand


def test_a_value_typed_over_forgets_where_it_was_taken_from(worked_case, tmp_path):
    incident = worked_case["incidents"]["INC-001"]
    place = worked_case["evidence"]["place"]
    incidents.update_incident(incident, actor=ACTOR, from_evidence=place, place="Phenol Plant")
    incidents.update_incident(incident, actor=ACTOR, place="New York, the Phenol Plant")
    _, document = _export(tmp_path, incidents="drafts")
    assert "Value taken from" not in "\n".join(_texts(document))


def test_the_ukrainian_edition_says_it_in_ukrainian(worked_case, tmp_path):
    incident = worked_case["incidents"]["INC-001"]
    place = worked_case["evidence"]["place"]
    incidents.update_incident(incident, actor=ACTOR, from_evidence=place, place="Нью-Йорк")
    with in_language("uk"):
        _, document = _export(tmp_path, incidents="drafts", language="uk")
    text = "\n".join(_texts(document))
    assert f"Значення взято з [{evidence_ref(place)}]" in text
