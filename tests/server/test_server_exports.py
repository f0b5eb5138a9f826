"""What leaves a server case: a dossier and the registers, recorded in its trail there."""

from __future__ import annotations

import psycopg
import pytest

from desktop.domain import db
from desktop.services import export
from tests.conftest import ACTOR


@pytest.fixture
def worked_server_case(server_url, seed_files):
    from tests.worked_case import build_worked_case

    db.new_case(server_url, "Executions of surrendered POWs", actor=ACTOR)
    yield build_worked_case(seed_files, ACTOR)
    db.close_case()


def test_a_dossier_of_a_server_case_is_written_and_recorded_there(worked_server_case,
                                                                  server_url, tmp_path):
    out = tmp_path / "dossier.docx"
    result = export.export_dossier(out, export.DossierOptions(incidents="drafts"), actor=ACTOR)
    assert out.stat().st_size > 10_000 and result.incidents == 2
    db.close_case()
    with psycopg.connect(server_url) as con:
        (action,) = con.execute("SELECT action FROM audit_entry ORDER BY id DESC LIMIT 1"
                                ).fetchone()
    assert action.startswith("dossier.")
