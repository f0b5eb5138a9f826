"""The case as a whole: its summary and edits of its description."""

from __future__ import annotations

import pytest

from desktop.domain.errors import ValidationError
from desktop.domain.models import AuditEntry
from desktop.services import case as case_service


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
