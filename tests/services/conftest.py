"""Fixtures of the tests that tamper with a case file behind Casefile's back."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.domain import db
from desktop.services import integrity, members, protection, review

REVIEWER = "Ada Osei"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory, seed_files_module) -> tuple[Path, dict, str]:
    """The worked case with a member, a protected witness and a review decision, closed.
    Built once; each test tampers with its own copy."""
    from tests.conftest import ACTOR
    from tests.worked_case import build_worked_case

    path = tmp_path_factory.mktemp("tampering") / "pristine.casefile"
    db.new_case(path, "Executions of surrendered POWs", actor=ACTOR, reference="UA-POW-1")
    worked = build_worked_case(seed_files_module, ACTOR)
    members.add_member(REVIEWER, "reviewer", actor=ACTOR)
    protection.add_protected(["Ivan Petrenko"], "witness", actor=ACTOR)
    review.review_evidence(worked["evidence"]["killing"], "approved", actor=REVIEWER)
    today = integrity.database.execute_sql("SELECT max(at) FROM audit_entry").fetchone()[0]
    db.close_case()
    return path, worked, today[:10]


@pytest.fixture(scope="module")
def seed_files_module() -> list[Path]:
    from tests.conftest import SEEDS

    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture
def copy(pristine, tmp_path) -> tuple[Path, dict, str]:
    path, worked, today = pristine
    target = tmp_path / "tampered.casefile"
    target.write_bytes(path.read_bytes())
    return target, worked, today
