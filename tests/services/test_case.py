"""The case as a whole: its summary and edits of its description."""

from __future__ import annotations

import pytest

from desktop.domain.errors import ValidationError
from desktop.domain.models import AuditEntry
from desktop.services import case as case_service
from desktop.services.changes import Kind

pytestmark = pytest.mark.file_and_server


def test_summary_counts_what_the_case_holds(worked_case):
    about = case_service.summary()
    assert (about.sources, about.incidents, about.evidence) == (5, 2, 4)
    assert about.evidence_by_status == {"unverified": 2, "corroborated": 1, "verified": 1}
    assert about.reference == "UA-POW-2024-001"


def test_editing_the_marking_is_audited(case, actor):
    case_service.update_case(actor=actor, classification="strictly_confidential")
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).get()
    assert entry.action == "case.update"
    assert (entry.before, entry.after) == ({"classification": "confidential"},
                                           {"classification": "strictly_confidential"})


def test_an_unknown_marking_is_refused(case, actor):
    with pytest.raises(ValidationError, match="unknown classification"):
        case_service.update_case(actor=actor, classification="top secret")


def test_a_tally_of_statuses_follows_each_change_by_the_spans_it_names(worked_case, actor):
    """The window's count of spans by status is kept by each change's spans, and agrees with
    counting them all again after marks, edits, removals, undo and a bulk edit."""
    from desktop.services import evidence

    tally = case_service.StatusTally()
    assert tally.counts() == evidence.counts_by_status()
    source = worked_case["sources"]["003_b8c3f3517aeeccd0.txt"]
    marked = evidence.add_evidence(source, 5, 25, actor=actor, status="contested")
    tally.update(marked.ids(Kind.EVIDENCE))
    assert tally.counts() == evidence.counts_by_status()
    assert tally.counts()["contested"] == 1
    edited = evidence.update_evidence([marked.id, worked_case["evidence"]["time"]],
                                      actor=actor, status="rejected")
    tally.update(edited.ids(Kind.EVIDENCE))
    assert tally.counts() == evidence.counts_by_status() and "contested" not in tally.counts()
    undone = edited.undo(actor)
    tally.update(undone.ids(Kind.EVIDENCE))
    assert tally.counts() == evidence.counts_by_status()
    removed = evidence.remove_evidence(marked.id, actor=actor)
    tally.update(removed.ids(Kind.EVIDENCE))
    assert tally.counts() == evidence.counts_by_status() == {
        "unverified": 2, "corroborated": 1, "verified": 1}
    tally.update(None)
    assert tally.counts() == evidence.counts_by_status()
    assert case_service.summary(tally.counts()) == case_service.summary()


def test_a_tally_follows_a_bulk_edit_of_many_spans(worked_case, actor):
    from desktop.services import evidence

    source = worked_case["sources"]["000_834f49a7d7f9d56b.txt"]
    tally = case_service.StatusTally()
    ids = []
    for i in range(70):  # more than one query by shape takes
        marked = evidence.add_evidence(source, i * 5, i * 5 + 4, actor=actor)
        tally.update(marked.ids(Kind.EVIDENCE))
        ids.append(marked.id)
    edited = evidence.update_evidence(ids, actor=actor, status="corroborated")
    tally.update(edited.ids(Kind.EVIDENCE))
    assert tally.counts() == evidence.counts_by_status()
    assert tally.counts()["corroborated"] == 71


@pytest.mark.parametrize("after", ['{"server": "postgresql://db/case"}', "{cut off", "[1]", None])
def test_the_check_out_a_file_came_from_is_read_even_from_a_garbled_first_entry(
        case_path, actor, after):
    """A first entry changed outside Casefile is for verify to name; the case still opens."""
    from desktop.domain import db

    database = db.new_case(case_path, "Checked out", actor=actor)  # a file: a server has none
    assert case_service.checkout_origin() is None  # a case made as a file, not checked out
    database.execute_sql("UPDATE audit_entry SET action = ?, after = ? WHERE id = 1",
                         (case_service.CHECKOUT, after))
    expected = {"server": "postgresql://db/case"} if after and after.startswith('{"') else {}
    try:
        assert case_service.checkout_origin() == expected
    finally:
        db.close_case()
