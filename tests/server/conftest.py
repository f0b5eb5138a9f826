"""The team most server tests work with: a case with its roles, a documenter and two
reviewers, and a little work done."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from desktop import cli
from desktop.domain import db
from desktop.services import evidence, incidents, integrity, sources
from tests.conftest import SEEDS


def as_role(url: str, role: str) -> str:
    """The same case, logged in as another role (the test server trusts 127.0.0.1)."""
    return url.replace("casefile_test@", f"{role}@", 1)


@contextmanager
def working_as(url: str, role: str) -> Iterator[None]:
    """The server case open as `role` (its changes made as that role), closed after."""
    db.open_case(as_role(url, role))
    try:
        yield
    finally:
        db.close_case()


def verified(location, passphrase: str | None = None) -> integrity.IntegrityReport:
    """What `casefile verify` finds in a case (a file, or a server case by its URL)."""
    db.open_read_only(location, passphrase)
    try:
        return integrity.verify_case()
    finally:
        db.close_case()


@pytest.fixture
def team_case(server_url, capsys):
    """A server case with its roles, a documenter (alice) and two reviewers (bob, carol):
    alice imported two seeds and marked E-001 in INC-001."""
    assert cli.main(["server", "init", server_url, "--title", "POW executions"]) == 0
    for role, group in (("alice", "documenter"), ("bob", "reviewer"), ("carol", "reviewer")):
        assert cli.main(["server", "add-member", server_url, role, "--as", group]) == 0
    capsys.readouterr()
    with working_as(server_url, "alice"):
        source_id = sources.import_files(sorted(SEEDS.glob("*.txt"))[:2], actor="alice"
                                         ).source_ids[0]
        incident = incidents.create_incident(actor="alice", title="Executions near Pokrovsk")
        evidence.add_evidence(source_id, 0, 20, actor="alice", incident=incident.id)
    return server_url
