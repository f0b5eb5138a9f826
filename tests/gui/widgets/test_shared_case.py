"""File → Open shared case…: a case on a server in the window, worked as the role the server
logged the window in as, and the window says so."""

from __future__ import annotations

import psycopg
from PySide6.QtWidgets import QInputDialog

from desktop import cli
from desktop.domain.models import AuditEntry, Evidence
from tests.gui.widgets.test_main_window import (  # noqa: F401  (fixtures)
    casefile,
    import_seeds,
    messages,
    settings,
)


def _shared_case(server_url: str, capsys) -> str:
    """A server case with its roles and a documenter, olena: her address for it."""
    assert cli.main(["server", "init", server_url, "--title", "POW executions"]) == 0
    assert cli.main(["server", "add-member", server_url, "olena", "--as", "documenter"]) == 0
    capsys.readouterr()
    return server_url.replace("casefile_test@", "olena@", 1)


def test_a_shared_case_opens_by_its_address_and_the_window_says_as_whom(
        qtbot, casefile, server_url, capsys, monkeypatch):  # noqa: F811
    address = _shared_case(server_url, capsys)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (address, True))
    casefile.window.actions.open_shared_case.trigger()
    window = casefile.window
    assert casefile.session.server_role == "olena"
    assert window.windowTitle().startswith(f"POW executions — {address} — ")
    assert window.mode_label.text() == f"Shared case on {address}, as olena"
    assert window.user_label.isHidden()  # the role is who works: no second name beside it
    import_seeds(qtbot, casefile)  # in the background, on its own connection as olena
    navigator = window.navigator
    assert navigator.sources_model.rowCount() == 5 and window.evidence_panel is not None
    assert {e.actor for e in AuditEntry.select(AuditEntry.actor)} == {"casefile_test", "olena"}
    casefile.editing.add_evidence(1, 0, 20, {})
    assert Evidence.get_by_id(1).created_by == "olena"
    casefile.cases.close_case()
    assert window.mode_label.text() == "" and window.windowTitle() == "Casefile"
    assert window.mode_label.isHidden() and not window.user_label.isHidden()
    with psycopg.connect(server_url) as con:
        assert con.execute("SELECT created_by FROM evidence").fetchall() == [("olena",)]


def test_an_address_that_is_not_a_server_is_refused_in_words(  # noqa: F811
        qtbot, casefile, messages, monkeypatch):  # noqa: F811
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("/tmp/case.casefile", True))
    casefile.window.actions.open_shared_case.trigger()
    assert messages.shown[-1][2] == ("/tmp/case.casefile is not a server address: it begins "
                                     "with postgresql://")
    assert casefile.session.case_file is None


ANOTHER_WINDOW = """
import sys
from pathlib import Path
from desktop.domain import db
from desktop.services import sources
db.open_case(sys.argv[1])
sources.import_files([Path(sys.argv[2])], actor="mykola")
db.close_case()
"""


def test_what_another_writer_commits_appears_without_a_reload(
        qtbot, casefile, server_url, capsys, tmp_path):  # noqa: F811
    import subprocess
    import sys

    from tests.conftest import ROOT

    address = _shared_case(server_url, capsys)
    assert casefile.cases.open_shared_case(address)
    import_seeds(qtbot, casefile)
    model = casefile.window.navigator.sources_model
    assert model.rowCount() == 5
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    report = tmp_path / "report.txt"
    report.write_text("The prosecutor reported a new execution near Vovchansk.", "utf-8")
    subprocess.run([sys.executable, "-c", ANOTHER_WINDOW, server_url, str(report)], cwd=ROOT,
                   check=True)
    qtbot.waitUntil(lambda: model.rowCount() == 6, timeout=5_000)
    assert resets == []  # the new row was inserted; the others were not read again


#: A second window, in a process of its own, on the shared case at argv[1] (as `app`).
ANOTHER_WINDOW_ON = """
import os, sys, tempfile
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from desktop.gui.app import CasefileApp
from desktop.gui.settings import Settings

qt = QApplication([])
store = QSettings(os.path.join(tempfile.mkdtemp(), "s.ini"), QSettings.Format.IniFormat)
settings = Settings(store)
settings.user_name = "Mykola"  # a window has asked its user's name once (for case files)
app = CasefileApp(settings)
assert app.cases.open_shared_case(sys.argv[1])
"""
SECOND_WINDOW = ANOTHER_WINDOW_ON + """
assert app.editing.add_evidence(1, 0, 20, {}) is not None  # as a user marks a passage
app.cases.close_case()
"""


def test_a_span_marked_in_another_window_shows_in_this_one(
        qtbot, casefile, server_url, capsys):  # noqa: F811
    import subprocess
    import sys

    from tests.conftest import ROOT

    address = _shared_case(server_url, capsys)
    assert cli.main(["server", "add-member", server_url, "mykola", "--as", "documenter"]) == 0
    assert casefile.cases.open_shared_case(address)
    import_seeds(qtbot, casefile)
    model = casefile.window.navigator.sources_model
    first = model.index(0, model.EVIDENCE)
    assert model.data(first) == 0
    subprocess.run([sys.executable, "-c", SECOND_WINDOW, address.replace("olena@", "mykola@")],
                   cwd=ROOT, check=True)
    qtbot.waitUntil(lambda: model.data(model.index(0, model.EVIDENCE)) == 1, timeout=5_000)
    assert casefile.window.evidence_panel.isEnabled()


def test_an_address_the_server_refuses_leaves_the_open_case_open(
        qtbot, casefile, server_url, capsys, messages):  # noqa: F811
    address = _shared_case(server_url, capsys)
    assert casefile.cases.open_shared_case(address)
    title = casefile.window.windowTitle()
    for wrong in ("postgresql://olena@127.0.0.1:1/ua_pow",  # nothing listens there
                  address.replace("olena@", "nobody_here@"),  # a role the server does not know
                  address.rsplit("/", 1)[0] + "/no_such_case"):
        assert not casefile.cases.open_shared_case(wrong)
        assert messages.shown[-1][1] == "The case could not be opened"
        assert "cannot connect" in messages.shown[-1][2]
        # the case open before is still open and worked on, as if nothing had been asked
        assert casefile.session.server is not None and casefile.window.windowTitle() == title
    import_seeds(qtbot, casefile)
    assert casefile.window.navigator.sources_model.rowCount() == 5


def test_a_server_that_drops_the_window_is_said_once_and_nothing_breaks(
        qtbot, casefile, server_url, capsys, messages):  # noqa: F811
    address = _shared_case(server_url, capsys)
    assert casefile.cases.open_shared_case(address)
    import_seeds(qtbot, casefile)
    with psycopg.connect(server_url, autocommit=True) as con:  # as the server going away does
        con.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE application_name = 'Casefile (live updates)'")
    qtbot.waitUntil(lambda: bool(messages.shown), timeout=5_000)
    qtbot.wait(200)  # the socket stays readable: the window must not say it again
    assert [(title, "lost the connection" in text) for _, title, text in messages.shown] == [
        ("Changes made by others will not show", True)]
    assert casefile.editing.add_evidence(1, 0, 20, {}) is not None  # the case is still worked


def test_live_updates_resume_once_their_line_can_be_made_again(
        qtbot, casefile, server_url, capsys, messages, tmp_path, monkeypatch):  # noqa: F811
    import subprocess
    import sys

    from tests.conftest import ROOT

    monkeypatch.setattr(type(casefile.cases), "FOLLOW_AGAIN_MS", 100)
    address = _shared_case(server_url, capsys)
    assert casefile.cases.open_shared_case(address)
    import_seeds(qtbot, casefile)
    with psycopg.connect(server_url, autocommit=True) as con:  # as a server restart does
        con.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE application_name = 'Casefile (live updates)'")
    qtbot.waitUntil(lambda: bool(messages.shown), timeout=5_000)
    assert "tries again" in messages.shown[0][2]
    status = casefile.window.statusBar()
    qtbot.waitUntil(lambda: "show again" in status.currentMessage(), timeout=10_000)
    model = casefile.window.navigator.sources_model
    report = tmp_path / "report.txt"
    report.write_text("The prosecutor reported a new execution near Vovchansk.", "utf-8")
    subprocess.run([sys.executable, "-c", ANOTHER_WINDOW, server_url, str(report)], cwd=ROOT,
                   check=True)
    qtbot.waitUntil(lambda: model.rowCount() == 6, timeout=5_000)  # without reopening
    assert len(messages.shown) == 1


def test_the_status_bar_counts_fit_beside_the_shared_case_at_1024_wide(
        qtbot, casefile, server_url, capsys):  # noqa: F811
    address = _shared_case(server_url, capsys)
    window = casefile.window
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    assert casefile.cases.open_shared_case(address)
    import_seeds(qtbot, casefile)
    casefile.editing.add_evidence(1, 0, 20, {})
    qtbot.wait(50)
    counts = window.counts_label
    assert counts.text().startswith("5 sources · ")
    # the whole of what it says is on screen, beside the mode (never a sentence cut short)
    assert counts.fontMetrics().horizontalAdvance(counts.text()) <= counts.width()


def test_a_shared_case_named_on_the_command_line_opens_by_its_address(
        qtbot, casefile, server_url, capsys):  # noqa: F811
    from desktop.gui import app

    address = _shared_case(server_url, capsys)
    app.open_at_start(casefile, address)  # casefile-gui postgresql://olena@…/case
    assert casefile.session.server is not None and casefile.session.server_role == "olena"
    assert casefile.window.mode_label.text() == f"Shared case on {address}, as olena"


def test_a_shared_case_opened_once_is_in_open_recent(
        qtbot, casefile, server_url, capsys, tmp_path):  # noqa: F811
    address = _shared_case(server_url, capsys)
    assert casefile.cases.new_case(tmp_path / "field.casefile", "Field notes")
    assert casefile.cases.open_shared_case(address)
    assert casefile.cases.close_case()
    casefile.cases.fill_recent_menu()
    entries = [a for a in casefile.window.recent_menu.actions() if not a.isSeparator()]
    assert [a.text() for a in entries] == ["field.casefile", address]
    entries[1].trigger()  # opens it again, by its address
    assert casefile.session.server == address and casefile.session.server_role == "olena"


def test_a_password_in_an_address_is_never_kept():
    from desktop.gui.settings import without_password

    assert without_password("postgresql://olena:s3cret@db.example:5433/ua_pow?sslmode=require"
                            ) == "postgresql://olena@db.example:5433/ua_pow?sslmode=require"
    assert without_password("postgresql:///ua_pow?host=/run/pg&password=s3cret&user=olena"
                            ) == "postgresql:///ua_pow?host=%2Frun%2Fpg&user=olena"
    assert without_password("postgresql://olena@db.example/ua_pow?sslkey=/home/o/key.pem"
                            "&sslpassword=k3y") == (
        "postgresql://olena@db.example/ua_pow?sslkey=%2Fhome%2Fo%2Fkey.pem")
