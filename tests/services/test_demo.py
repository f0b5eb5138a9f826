"""The demo case: built from seeds/ as data, every annotation anchored, every state shown."""

from __future__ import annotations

import json
import shutil

import pytest

from desktop.domain import db, scales
from desktop.domain.models import Evidence, Incident
from desktop.services import demo, evidence, integrity
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.casefile"
    report = demo.build_demo(path, SEEDS)
    db.open_case(path)
    yield report
    db.close_case()


def planned() -> dict:
    return json.loads((SEEDS / demo.CASE_DATA).read_text(encoding="utf-8"))


def test_every_annotation_anchors_exactly(built):
    below_exact = [(a.annotation_id, a.method, a.score, a.quote)
                   for a in built.annotations.anchored if a.method != "exact"]
    assert not built.annotations.unplaced, built.annotations.unplaced
    assert below_exact == []
    total = json.loads((SEEDS / demo.ANNOTATIONS).read_text(encoding="utf-8"))["total"]
    assert Evidence.select().count() == total == len(built.annotations.anchored)


def test_every_planned_incident_is_there_with_its_facts(built):
    for wanted in planned()["incidents"]:
        incident = Incident.get(Incident.code == wanted["code"])
        for field in ("title", "place", "date_start", "victims_min", "victims_max",
                      "qualifications"):
            if field in wanted:
                assert getattr(incident, field) == wanted[field], (wanted["code"], field)
        assert incident.state == wanted["workflow"]
        assert evidence.backing(incident.id), wanted["code"]


def test_the_counts_are_claims_of_their_originators_over_their_periods(built):
    """79, 93, 177, 109 and 150+ are counts of different bodies over different windows: shown
    side by side with who counted and when, not as a contradiction; the UN mission's 79,
    carried by two outlets, is one line of evidence."""
    from desktop.services import assessment

    pattern = Incident.get(Incident.code == "INC-005")
    victims = assessment.assess_incident(pattern.id)["victims"]
    claims = {c.value: c for c in victims.claims}
    assert sorted(claims) == sorted(["79", "93", "109", "177", "150+"])
    assert not victims.conflict and not evidence.conflicts(pattern.id)
    assert claims["79"].originators == ("UN Human Rights Monitoring Mission in Ukraine",)
    assert (len(claims["79"].evidence), claims["79"].lines) == (2, 1)
    assert claims["93"].period == "as of 4 October 2024"
    assert claims["109"].period.startswith("2024 only")
    assert all(c.originators != ("",) for c in claims.values())


def test_every_status_review_state_and_workflow_state_is_shown(built):
    statuses = {s for (s,) in Evidence.select(Evidence.status).tuples()}
    reviews = {r for (r,) in Evidence.select(Evidence.review_state).tuples()}
    states = {s for (s,) in Incident.select(Incident.state).tuples()}
    assert statuses == set(scales.STATUS_CODES)
    assert reviews == set(scales.REVIEW_CODES)
    assert states == {"draft", "in_review", "approved", "returned"}


def test_every_element_of_the_signed_off_incident_is_covered(built):
    from desktop.services import incidents

    approved = Incident.get(Incident.code == "INC-001")
    open_ = incidents.open_elements(approved)
    assert not [k for k in open_ if k.startswith("rs_8_2_b_vi:")], open_


def test_the_demo_case_verifies(built):
    assert integrity.verify_case().ok


def test_the_demo_survives_an_edit_of_a_seed_text(tmp_path):
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    pgo = folder / "003_b8c3f3517aeeccd0.txt"
    pgo.write_text("Editor's note: this article was updated.\n" + pgo.read_text("utf-8"),
                   encoding="utf-8")
    report = demo.build_demo(tmp_path / "edited.casefile", folder)
    assert not report.annotations.unplaced
    methods = {a.method for a in report.annotations.anchored}
    assert methods <= {"exact", "moved"}
