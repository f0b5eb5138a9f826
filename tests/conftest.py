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


@pytest.fixture(autouse=True)
def no_unanswered_dialogs(monkeypatch):
    """A modal question nobody answers would hang the run: in tests, QInputDialog and
    QMessageBox fail the test instead, naming the dialog, unless the test answers them (its
    own patch, e.g. the `messages` fixture, replaces this one)."""
    import sys

    widgets = sys.modules.get("PySide6.QtWidgets")
    if widgets is None:  # a test without the window
        return

    def refuse(kind: str):
        def asked(parent, title="", *args, **kwargs):
            raise AssertionError(f"the test opened a {kind} “{title}” that nobody answers")
        return asked

    for name in ("getText", "getMultiLineText", "getItem", "getInt", "getDouble"):
        monkeypatch.setattr(widgets.QInputDialog, name, staticmethod(refuse("QInputDialog")))
    for name in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(widgets.QMessageBox, name, staticmethod(refuse("message box")))


@pytest.fixture
def actor() -> str:
    return ACTOR


@pytest.fixture
def case_path(tmp_path: Path) -> Path:
    return tmp_path / "test.casefile"


#: Each test that takes a `case` in a module or test so marked runs on a case file and on a
#: case on a PostgreSQL server (skipped where none is installed): the services hold on both.
ON_BOTH = "file_and_server"


def pytest_configure(config):
    config.addinivalue_line("markers", f"{ON_BOTH}: each test that takes a case runs on a case "
                                       "file and on a case on a server")


def pytest_generate_tests(metafunc):
    if "case" in metafunc.fixturenames and metafunc.definition.get_closest_marker(ON_BOTH):
        metafunc.parametrize("case", ["file", "server"], indirect=True)


@pytest.fixture
def case(request, case_path: Path):
    """A new, empty case, open for the test and closed after it: a case file, or in turn a
    case file and a case on a server where the test is marked `file_and_server`."""
    on_server = getattr(request, "param", "file") == "server"
    location = request.getfixturevalue("server_url") if on_server else case_path
    database = db.new_case(location, "Executions of surrendered POWs", actor=ACTOR,
                           reference="UA-POW-2024-001")
    yield database
    db.close_case()


@pytest.fixture
def seed_files() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture
def worked_case(case, seed_files):
    """The seed texts imported, two incidents, and evidence in several verification statuses.

    Returns a dict: source ids by seed file name, incident ids by code, evidence ids by label.
    """
    from tests.worked_case import build_worked_case

    return build_worked_case(seed_files, ACTOR)


@pytest.fixture
def audit_fails_at(monkeypatch):
    """Make the n-th audit entry written from now on fail, as a full disk would."""
    from desktop.services import audit

    def arm(n: int) -> None:
        real_record_all, written = audit.record_all, []

        def failing_record_all(entries):  # `record` writes through it too
            entries = list(entries)
            if len(written) < n <= len(written) + len(entries):
                raise RuntimeError("disk full")
            written.extend(entries)
            return real_record_all(entries)

        monkeypatch.setattr(audit, "record_all", failing_record_all)

    return arm


@pytest.fixture(scope="session")
def pg_cluster():
    """A throw-away PostgreSQL server for the session (tests/pg_cluster.py); the test is
    skipped, saying why, where PostgreSQL's binaries or psycopg are not installed."""
    from tests import pg_cluster as clusters

    reason = clusters.missing()
    if reason:
        pytest.skip(reason)
    cluster = clusters.Cluster().start()
    yield cluster
    cluster.stop()


@pytest.fixture
def server_url(pg_cluster, request) -> str:
    """The URL of a new, empty database on the session's server (dropped after the test)."""
    import re

    name = "case_" + re.sub(r"\W", "_", request.node.name.lower())[:50]
    pg_cluster.drop_database(name)
    yield pg_cluster.create_database(name)
    db.close_case()
    pg_cluster.drop_database(name)
