"""Shared fixtures. Qt must run offscreen in tests: set before any Qt module loads."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from desktop.domain import db  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ACTOR = "Olena Documenter"


@pytest.fixture
def actor() -> str:
    return ACTOR


@pytest.fixture
def case_path(tmp_path: Path) -> Path:
    return tmp_path / "test.casefile"


@pytest.fixture
def case(case_path: Path):
    """A new, empty case, open for the test and closed after it."""
    database = db.new_case(case_path, "Executions of surrendered POWs", actor=ACTOR,
                           reference="UA-POW-2024-001")
    yield database
    db.close_case()


@pytest.fixture
def seed_files() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture
def worked_case(case, seed_files):
    """The seed texts imported, two incidents, and evidence in every verification status.

    Returns a dict: source ids by seed file name, incident ids by code, evidence ids by label.
    """
    from desktop.services import evidence, incidents, sources

    report = sources.import_files(seed_files, actor=ACTOR, kind="news")
    ids = {path.name: source_id for path, source_id in report.imported}
    pgo = ids["003_b8c3f3517aeeccd0.txt"]
    un = ids["000_834f49a7d7f9d56b.txt"]
    phenol = incidents.create_incident(
        actor=ACTOR, title="Wounded soldier executed near the Phenol plant",
        date_start="2024-09-06", time="10:00", place="New York", region="Donetsk region",
        country="Ukraine", victims_min=1, victims_max=1, victim_status="wounded",
        qualifications=["rs_8_2_b_vi"])
    pattern = incidents.create_incident(actor=ACTOR, title="Pattern of executions since August 2024")
    text = sources.source_text(pgo)
    un_text = sources.source_text(un)

    def mark(source_id, source_text, quote, incident, **values):
        start = source_text.index(quote)
        return evidence.add_evidence(source_id, start, start + len(quote), actor=ACTOR,
                                     incident=incident, **values).id

    spans = {
        "time": mark(pgo, text, "around 10:00 on September 6, 2024", phenol.id, supports="time",
                     asserted_value="10:00", credibility="2"),
        "place": mark(pgo, text, "near the Phenol Plant in New York village", phenol.id,
                      supports="place", asserted_value="New York"),
        "killing": mark(pgo, text, "shot him while he lay unarmed on the ground", phenol.id,
                        supports="rs_8_2_b_vi:killing"),
        "un_count": mark(un, un_text, "79 cases of execution", pattern.id, supports="victims",
                         asserted_value="79"),
    }
    evidence.update_evidence(spans["place"], actor=ACTOR, status="corroborated")
    evidence.update_evidence(spans["killing"], actor=ACTOR, status="verified")
    return {"sources": ids, "incidents": {"INC-001": phenol.id, "INC-002": pattern.id},
            "evidence": spans}
