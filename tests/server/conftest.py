"""The team most server tests work with: a case with its roles, a documenter and two
reviewers, and a little work done."""

from __future__ import annotations

import pytest

from desktop import cli
from desktop.domain import db
from desktop.services import evidence, incidents, sources
from tests.conftest import SEEDS


def as_role(url: str, role: str) -> str:
    """The same case, logged in as another role (the test server trusts 127.0.0.1)."""
    return url.replace("casefile_test@", f"{role}@", 1)


@pytest.fixture
def team_case(server_url, capsys):
    """A server case with its roles, a documenter (alice) and two reviewers (bob, carol):
    alice imported two seeds and marked E-001 in INC-001."""
    assert cli.main(["server", "init", server_url, "--title", "POW executions"]) == 0
    for role, group in (("alice", "documenter"), ("bob", "reviewer"), ("carol", "reviewer")):
        assert cli.main(["server", "add-member", server_url, role, "--as", group]) == 0
    capsys.readouterr()
    db.open_case(as_role(server_url, "alice"))
    source_id = sources.import_files(sorted(SEEDS.glob("*.txt"))[:2], actor="alice"
                                     ).source_ids[0]
    incident = incidents.create_incident(actor="alice", title="Executions near Pokrovsk")
    evidence.add_evidence(source_id, 0, 20, actor="alice", incident=incident.id)
    db.close_case()
    return server_url
