"""The real window, driven as a documenter drives it: new case, import, mark, grade, undo."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QMessageBox

from desktop.domain import db
from desktop.domain.models import AuditEntry, Evidence, Incident, Source
from desktop.gui.app import CasefileApp
from desktop.gui.settings import Settings
from desktop.gui.widgets.dialogs.mark_evidence import MarkEvidenceDialog
from tests.conftest import ACTOR, SEEDS

PHENOL = "near the Phenol Plant in New York village"


class Messages:
    """Stands in for message boxes: records them, answers questions with `answer`."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str, str]] = []
        self.answer = QMessageBox.StandardButton.Yes

    def install(self, monkeypatch) -> None:
        def record(kind):
            def show(parent, title, text, *args, **kwargs):
                self.shown.append((kind, title, text))
                return self.answer if kind == "question" else QMessageBox.StandardButton.Ok
            return show

        for kind in ("warning", "information", "question", "critical"):
            monkeypatch.setattr(QMessageBox, kind, record(kind))

    def texts(self) -> str:
        return "\n".join(f"{title}: {text}" for _, title, text in self.shown)


@pytest.fixture
def messages(monkeypatch) -> Messages:
    recorder = Messages()
    recorder.install(monkeypatch)
    return recorder


@pytest.fixture
def settings(tmp_path) -> Settings:
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    result = Settings(store)
    result.user_name = ACTOR
    return result


@pytest.fixture
def casefile(qtbot, settings, messages):
    app = CasefileApp(settings)
    qtbot.addWidget(app.window)
    app.window.show()
    yield app
    app.background.wait()
    app.cases.close_case()


def mark_as(monkeypatch, supports: str, value: str) -> None:
    """Make the mark-evidence popup answer as a user would: pick what it supports, a value."""

    def answer(dialog: MarkEvidenceDialog) -> int:
        dialog.supports.setCurrentIndex(dialog.supports.findData(supports))
        dialog.value.setText(value)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(MarkEvidenceDialog, "exec", answer)


def import_seeds(qtbot, app: CasefileApp) -> None:
    app.exchange.import_paths([SEEDS])
    qtbot.waitUntil(lambda: not app.background.busy(), timeout=20_000)


def source_id_of(name: str) -> int:
    return Source.get(Source.original_name == name).id


def select_quote(app: CasefileApp, quote: str) -> tuple[int, int]:
    view = app.window.source_view
    text = view.text_edit().toPlainText()
    start = text.index(quote)
    view.select_range(start, start + len(quote))
    view.text_edit().setFocus()
    return start, start + len(quote)


def test_a_documenters_session_survives_undo_redo_and_reopening(qtbot, casefile, tmp_path,
                                                                  monkeypatch, messages):
    path = tmp_path / "pow.casefile"
    assert casefile.cases.new_case(path, "Executions of surrendered POWs")
    assert "Executions of surrendered POWs — pow.casefile" in casefile.window.windowTitle()
    import_seeds(qtbot, casefile)
    assert Source.select().count() == 5
    assert "5 sources" in casefile.window.counts_label.text()

    casefile.editing.add_incident()
    incident = Incident.get()
    casefile.editing.edit_incident(incident.id, {"title": "Wounded soldier, Phenol plant"})
    casefile.reading.open_source(source_id_of("003_b8c3f3517aeeccd0.txt"))
    start, end = select_quote(casefile, PHENOL)
    mark_as(monkeypatch, "place", "New York")
    casefile.editing.mark_evidence()
    span = Evidence.get()
    assert (span.start, span.end, span.quote) == (start, end, PHENOL)
    assert (span.incident_id, span.supports, span.asserted_value) == (incident.id, "place",
                                                                      "New York")
    assert span.created_by == ACTOR

    casefile.window.evidence_panel.select_evidence(span.id)
    casefile.window.actions["status_verified"].trigger()
    assert Evidence.get_by_id(span.id).status == "verified"

    casefile.undo_stack.undo()
    assert Evidence.get_by_id(span.id).status == "unverified"
    casefile.undo_stack.undo()
    assert not Evidence.select().exists()
    casefile.undo_stack.redo()
    casefile.undo_stack.redo()
    restored = Evidence.get_by_id(span.id)
    assert (restored.status, restored.quote, restored.start) == ("verified", PHENOL, start)
    actions = [a for (a,) in AuditEntry.select(AuditEntry.action).tuples()]
    # The mark filled the place: its undo sets the place back, then removes the span; the
    # redo restores the span, then fills the place again.
    assert actions[-7:] == ["evidence.update", "evidence.update", "incident.update",
                            "evidence.remove", "evidence.restore", "incident.update",
                            "evidence.update"]
    assert Incident.get().place == "New York"

    casefile.cases.close_case()
    assert casefile.cases.open_case(path)
    reopened = Evidence.get_by_id(span.id)
    assert (reopened.status, reopened.quote, reopened.supports) == ("verified", PHENOL, "place")
    assert Incident.get().title == "Wounded soldier, Phenol plant"
    assert not messages.shown


def test_bulk_status_change_is_one_undo_step(qtbot, casefile, tmp_path, monkeypatch):
    casefile.cases.new_case(tmp_path / "bulk.casefile", "Bulk")
    import_seeds(qtbot, casefile)
    casefile.reading.open_source(source_id_of("000_834f49a7d7f9d56b.txt"))
    text = casefile.window.source_view.text_edit().toPlainText()
    ids = [casefile.editing.add_evidence(source_id_of("000_834f49a7d7f9d56b.txt"), i, i + 8,
                                 {"supports": "narrative"}) for i in range(0, 400, 40)]
    assert len(text) > 400 and len(ids) == 10
    casefile.editing.edit_evidence(ids, {"status": "contested"})
    assert {e.status for e in Evidence.select()} == {"contested"}
    casefile.undo_stack.undo()
    assert {e.status for e in Evidence.select()} == {"unverified"}


def test_the_status_bar_counts_follow_marks_edits_undo_and_redo(qtbot, casefile, tmp_path):
    """The counts are kept by each change's spans; they stay those of the case."""
    casefile.cases.new_case(tmp_path / "counts.casefile", "Counts")
    import_seeds(qtbot, casefile)
    un = source_id_of("000_834f49a7d7f9d56b.txt")
    ids = [casefile.editing.add_evidence(un, i, i + 8, {"supports": "narrative"})
           for i in range(0, 400, 40)]
    counts = casefile.window.counts_label
    assert "10 evidence (10 unverified)" in counts.toolTip()
    casefile.editing.edit_evidence(ids[:3], {"status": "contested"})
    assert "10 evidence (7 unverified, 3 contested)" in counts.toolTip()
    casefile.undo_stack.undo()
    assert "10 evidence (10 unverified)" in counts.toolTip()
    casefile.undo_stack.redo()
    casefile.window.evidence_panel.select_evidence(ids[0])
    casefile.editing.remove_evidence()
    assert "9 evidence (7 unverified, 2 contested)" in counts.toolTip()
    casefile.undo_stack.undo()
    assert "10 evidence (7 unverified, 3 contested)" in counts.toolTip()


def test_conflicting_counts_are_shown_on_the_field(qtbot, casefile, tmp_path):
    casefile.cases.new_case(tmp_path / "counts.casefile", "Counts")
    import_seeds(qtbot, casefile)
    casefile.editing.add_incident()
    incident = Incident.get()
    un = source_id_of("000_834f49a7d7f9d56b.txt")
    hur = source_id_of("004_e29c96a0d55b127c.txt")
    un_text, hur_text = (Source.get_by_id(i).text for i in (un, hur))
    for source_id, text, quote, value in ((un, un_text, "79 cases of execution", "79"),
                                          (hur, hur_text, "more than 150 cases", "150+")):
        start = text.index(quote)
        casefile.editing.add_evidence(source_id, start, start + len(quote),
                              {"incident": incident.id, "supports": "victims",
                               "asserted_value": value})
    casefile.editing.select_incident(incident.id)
    form_text = _visible_text(casefile.window.incident_form)
    assert "79" in form_text and "150+" in form_text


def _visible_text(widget) -> str:
    from PySide6.QtWidgets import QAbstractButton, QLabel

    texts = [w.text() for w in widget.findChildren(QLabel) if w.isVisibleTo(widget)]
    texts += [w.text() for w in widget.findChildren(QAbstractButton) if w.isVisibleTo(widget)]
    return "\n".join(texts)


def test_deleting_an_incident_asks_keeps_evidence_and_undoes(qtbot, casefile, tmp_path,
                                                             messages):
    casefile.cases.new_case(tmp_path / "del.casefile", "Delete")
    import_seeds(qtbot, casefile)
    casefile.editing.add_incident()
    incident = Incident.get()
    span = casefile.editing.add_evidence(source_id_of("003_b8c3f3517aeeccd0.txt"), 0, 20,
                                 {"incident": incident.id, "supports": "title"})
    messages.answer = QMessageBox.StandardButton.No
    casefile.editing.delete_incident(incident.id)
    assert Incident.select().count() == 1
    messages.answer = QMessageBox.StandardButton.Yes
    casefile.editing.delete_incident(incident.id)
    assert Incident.select().count() == 0
    assert Evidence.get_by_id(span).incident_id is None
    assert "will be kept, unlinked" in messages.texts()
    casefile.undo_stack.undo()
    assert Evidence.get_by_id(span).incident_id == incident.id


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: p.write_text("meeting notes"), "is not a Casefile case"),
        (lambda p: p.write_bytes(b""), "is empty"),
    ],
)
def test_a_file_that_is_not_a_case_gets_a_clear_message(casefile, tmp_path, messages, make,
                                                        reason):
    path = tmp_path / "notes.casefile"
    make(path)
    assert not casefile.cases.open_case(path)
    assert "notes.casefile" in messages.texts() and reason in messages.texts()
    assert casefile.case_file is None


def test_a_case_from_a_newer_version_gets_a_clear_message(casefile, tmp_path, messages):
    path = tmp_path / "future.casefile"
    database = db.new_case(path, "Future")
    database.pragma("user_version", db.SCHEMA_VERSION + 5)
    db.close_case()
    assert not casefile.cases.open_case(path)
    assert "newer Casefile" in messages.texts()


def test_a_read_only_case_gets_a_clear_message(casefile, tmp_path, messages, monkeypatch):
    import os

    path = tmp_path / "ro.casefile"
    db.new_case(path, "Read-only")
    db.close_case()
    real_access = os.access
    monkeypatch.setattr(os, "access",
                        lambda p, mode: False if Path(p) == path else real_access(p, mode))
    assert not casefile.cases.open_case(path)
    assert "ro.casefile: is read-only" in messages.texts()


def test_a_case_open_in_another_window_is_refused(qtbot, casefile, tmp_path, settings,
                                                  messages):
    path = tmp_path / "shared.casefile"
    casefile.cases.new_case(path, "Shared")
    copy = tmp_path / "elsewhere.casefile"
    shutil.copy(path, copy)
    other = CasefileApp(settings)
    qtbot.addWidget(other.window)
    assert not other.cases.open_case(path)
    assert "shared.casefile: is already open in another Casefile window" in messages.texts()
    assert other.cases.open_case(copy)
    other.cases.close_case()


def test_dropping_files_imports_them(qtbot, casefile, tmp_path):
    casefile.cases.new_case(tmp_path / "drop.casefile", "Drop")
    casefile.window.filesDropped.emit([SEEDS / "001_f8134103c8dcf54a.txt"])
    qtbot.waitUntil(lambda: not casefile.background.busy(), timeout=10_000)
    assert Source.select().count() == 1


def test_a_failed_import_names_the_file_and_changes_nothing(qtbot, casefile, tmp_path,
                                                            messages):
    casefile.cases.new_case(tmp_path / "bad.casefile", "Bad")
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4 nothing here")
    casefile.exchange.import_paths([scan])
    qtbot.waitUntil(lambda: not casefile.background.busy(), timeout=10_000)
    assert Source.select().count() == 0
    assert "scan.pdf: is not a readable PDF" in messages.texts()


def test_a_large_page_is_imported_beside_a_refused_one(qtbot, casefile, tmp_path, messages):
    casefile.cases.new_case(tmp_path / "pages.casefile", "Pages")
    large = tmp_path / "register.html"  # large enough for the reading process
    large.write_bytes(b"<html><body>" + b"<p>Witness statement.</p>" * 20_000 + b"</body>")
    deep = tmp_path / "old.html"
    deep.write_bytes(b"<html><body>" + b"<div>Paragraph " * 3000 + b"</body>")
    casefile.exchange.import_paths([large, deep])
    qtbot.waitUntil(lambda: not casefile.background.busy(), timeout=30_000)
    assert [source.original_name for source in Source.select()] == ["register.html"]
    assert "old.html: is nested more than 2,048 levels deep" in messages.texts()


def test_layout_and_recent_cases_are_restored(qtbot, casefile, tmp_path, settings):
    path = tmp_path / "layout.casefile"
    casefile.cases.new_case(path, "Layout")
    casefile.window.evidence_dock.hide()
    casefile.window.resize(700, 500)  # within the offscreen screen (800 × 600)
    size = casefile.window.size()  # as the window's minimum size allows
    casefile.window.close()
    assert settings.last_case == path.resolve()
    assert settings.recent_cases() == [path.resolve()]
    again = CasefileApp(settings)
    qtbot.addWidget(again.window)
    again.window.show()
    assert again.window.size() == size
    assert not again.window.evidence_dock.isVisible()


def test_a_case_opened_at_start_up_joins_the_recent_cases_once_the_window_is_painted(
        qtbot, casefile, tmp_path):
    path = tmp_path / "start.casefile"
    casefile.cases.new_case(path, "Start")
    casefile.cases.close_case()
    fresh = Settings(QSettings(str(tmp_path / "fresh.ini"), QSettings.Format.IniFormat))
    fresh.user_name = ACTOR
    again = CasefileApp(fresh)
    qtbot.addWidget(again.window)
    again.window.show()  # shown, not painted yet: as at start-up
    assert again.cases.open_case(path)
    assert again.case_file == path and fresh.recent_cases() == []  # no settings written yet
    qtbot.waitUntil(lambda: fresh.recent_cases() == [path.resolve()])
    assert fresh.last_case == path.resolve()


def test_an_unexpected_error_is_logged_and_explained(casefile, tmp_path, monkeypatch):
    from desktop.gui import logfile

    log_file = tmp_path / "logs" / "casefile.log"
    monkeypatch.setattr(logfile, "log_path", lambda: log_file)
    logfile.start_logging()
    shown = []
    monkeypatch.setattr(casefile.session, "show_unexpected_error",
                        lambda summary, details: shown.append((summary, details)))
    logfile.install_excepthook(casefile.session.show_unexpected_error)
    import sys

    try:
        raise RuntimeError("index out of step")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    assert shown and "RuntimeError: index out of step" in shown[0][0]
    assert casefile.window.isVisible()


def test_e_marks_the_selection_and_number_keys_grade_it(qtbot, casefile, tmp_path,
                                                       monkeypatch):
    from PySide6.QtCore import Qt

    casefile.cases.new_case(tmp_path / "keys.casefile", "Keys")
    import_seeds(qtbot, casefile)
    casefile.editing.add_incident()
    casefile.reading.open_source(source_id_of("003_b8c3f3517aeeccd0.txt"))
    edit = casefile.window.source_view.text_edit()
    select_quote(casefile, PHENOL)
    qtbot.waitUntil(edit.hasFocus)
    mark_as(monkeypatch, "place", "New York")
    qtbot.keyClick(edit, Qt.Key.Key_E)
    span = Evidence.get()
    assert span.quote == PHENOL and span.status == "unverified"
    select_quote(casefile, PHENOL)
    qtbot.keyClick(edit, Qt.Key.Key_4)
    assert Evidence.get_by_id(span.id).status == "contested"


def test_the_history_shows_each_change_and_its_undo(qtbot, casefile, tmp_path):
    from PySide6.QtTest import QAbstractItemModelTester

    casefile.cases.new_case(tmp_path / "history.casefile", "History")
    model = casefile.window.history_panel.model
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    casefile.editing.add_incident()
    casefile.undo_stack.undo()
    actions = [model.index(r, 2).data() for r in range(model.rowCount())]
    assert actions == ["Incident deleted", "Incident added", "Case created"]  # in words
    assert model.index(0, 1).data() == ACTOR


def test_a_dossier_is_exported_off_the_ui_thread(qtbot, casefile, tmp_path, messages):
    from desktop.services.export import DossierOptions

    casefile.cases.new_case(tmp_path / "export.casefile", "Export")
    import_seeds(qtbot, casefile)
    casefile.editing.add_incident()
    out = tmp_path / "out" / "dossier.docx"
    out.parent.mkdir()
    casefile.exchange.export_dossier(out, DossierOptions(incidents="drafts"))
    qtbot.waitUntil(lambda: not casefile.background.busy(), timeout=20_000)
    assert out.exists()
    assert "Dossier written" in messages.texts()
    assert AuditEntry.select().order_by(AuditEntry.id.desc()).get().action == "dossier.export"


def test_an_export_that_cannot_be_written_says_why(qtbot, casefile, tmp_path, messages):
    from desktop.services.export import DossierOptions

    casefile.cases.new_case(tmp_path / "export.casefile", "Export")
    casefile.editing.add_incident()
    casefile.exchange.export_dossier(tmp_path / "missing" / "dossier.docx",
                            DossierOptions(incidents="drafts"))
    qtbot.waitUntil(lambda: not casefile.background.busy(), timeout=20_000)
    assert "dossier.docx: cannot be written" in messages.texts()
    assert not (tmp_path / "missing").exists()


def test_the_first_run_lands_in_the_demo_case(qtbot, casefile, tmp_path, monkeypatch):
    from desktop.gui.flows import cases as app_module

    monkeypatch.setattr(app_module, "demo_case_path", lambda: tmp_path / "data" / "demo.casefile")
    path = casefile.cases.ensure_demo_case()
    assert path == tmp_path / "data" / "demo.casefile" and path.exists()
    assert casefile.cases.ensure_demo_case() == path  # built once, then reused
    assert casefile.cases.open_case(path)
    assert Incident.select().count() == 5
    assert casefile.window.source_view.source_id() is not None


def test_typing_in_a_combo_box_never_grades_evidence(qtbot, casefile, tmp_path):
    from PySide6.QtCore import Qt

    casefile.cases.new_case(tmp_path / "keys.casefile", "Keys")
    import_seeds(qtbot, casefile)
    casefile.editing.add_incident()
    span = casefile.editing.add_evidence(source_id_of("003_b8c3f3517aeeccd0.txt"), 0, 20,
                                 {"supports": "title"})
    casefile.window.evidence_panel.select_evidence(span)
    combo = casefile.window.incident_form.editor("date_precision")
    casefile.window.activateWindow()
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    qtbot.keyClick(combo, Qt.Key.Key_3)
    qtbot.keyClick(combo, Qt.Key.Key_E)
    assert Evidence.get_by_id(span).status == "unverified"
    assert Evidence.select().count() == 1


def test_typed_keys_stay_in_filters_buttons_and_cell_editors(qtbot, casefile, tmp_path):
    """Every widget of the window that takes typed keys keeps them, also one made later (the
    credibility editor of a table cell): "3" there picks a grade, never grades the selection."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QComboBox

    from desktop.gui.qtmodels.evidence_model import EvidenceModel

    casefile.cases.new_case(tmp_path / "keys.casefile", "Keys")
    import_seeds(qtbot, casefile)
    span = casefile.editing.add_evidence(source_id_of("003_b8c3f3517aeeccd0.txt"), 0, 20,
                                         {"supports": "title"})
    panel = casefile.window.evidence_panel
    panel.select_evidence(span)
    casefile.window.activateWindow()
    for widget in (panel.status_combo, panel.source_combo, casefile.window.navigator.add_button):
        widget.setFocus()
        qtbot.waitUntil(widget.hasFocus)
        qtbot.keyClick(widget, Qt.Key.Key_3)
        qtbot.keyClick(widget, Qt.Key.Key_E)
    row = panel.proxy().mapFromSource(panel.model().index(panel.model().row_of(span),
                                                          EvidenceModel.CREDIBILITY))
    panel.view.edit(row)
    qtbot.waitUntil(lambda: panel.view.findChild(QComboBox) is not None)
    editor = panel.view.findChild(QComboBox)
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    qtbot.keyClick(editor, Qt.Key.Key_3)
    assert Evidence.get_by_id(span).status == "unverified"
    assert Evidence.select().count() == 1


def test_a_case_that_cannot_be_opened_leaves_the_open_one_open(casefile, tmp_path, messages):
    casefile.cases.new_case(tmp_path / "open.casefile", "Open")
    notes = tmp_path / "notes.casefile"
    notes.write_text("not a case")
    assert not casefile.cases.open_case(notes)
    assert casefile.case_file == tmp_path / "open.casefile"
    assert Incident.select().count() == 0  # the open case is still usable


def test_an_open_checks_the_file_once_and_a_damaged_one_is_refused(casefile, tmp_path,
                                                                    messages, monkeypatch):
    """The integrity check reads the whole file: the window runs it once per open, and it
    still refuses a damaged case, leaving the open one open."""
    from desktop.domain import fileformat
    from desktop.services import sources

    checks = []
    check = fileformat._read_facts
    monkeypatch.setattr(fileformat, "_read_facts",
                        lambda *args: checks.append(args[1]) or check(*args))
    healthy, damaged = tmp_path / "healthy.casefile", tmp_path / "damaged.casefile"
    db.new_case(damaged, "To be damaged")
    sources.import_files(sorted(SEEDS.glob("*.txt")), actor=ACTOR)
    db.close_case()
    data = bytearray(damaged.read_bytes())
    data[3 * 4096 + 8:3 * 4096 + 200] = b"\xff" * 192  # a b-tree page's cells
    damaged.write_bytes(bytes(data))
    db.new_case(healthy, "Healthy")
    db.close_case()
    checks.clear()
    assert casefile.cases.open_case(healthy)
    assert checks == [healthy]
    assert not casefile.cases.open_case(damaged)
    assert "damaged.casefile: is damaged" in messages.texts()
    assert casefile.case_file == healthy and Incident.select().count() == 0


def test_a_case_read_by_the_panels_is_set_aside_from_garbage_collection(casefile, tmp_path):
    """While a case is open its rows are not looked at by every collection; the collector is
    on as it was, and closing the case sets nothing aside any more."""
    import gc

    path = tmp_path / "rows.casefile"
    casefile.cases.new_case(path, "Rows")
    casefile.cases.close_case()
    assert gc.get_freeze_count() == 0 and gc.isenabled()
    assert casefile.cases.open_case(path)
    assert gc.get_freeze_count() > 0 and gc.isenabled()
    casefile.cases.close_case()
    assert gc.get_freeze_count() == 0 and gc.isenabled()


def test_without_a_case_nothing_can_be_added(casefile):
    assert not casefile.window.navigator.add_button.isEnabled()
    assert not casefile.window.search_panel.isEnabled()
    assert not casefile.window.actions.undo.isEnabled()


def test_deleting_the_current_incident_clears_the_evidence_scope(qtbot, casefile, tmp_path,
                                                               messages):
    casefile.cases.new_case(tmp_path / "scope.casefile", "Scope")
    casefile.editing.add_incident()
    incident = Incident.get()
    casefile.editing.delete_incident(incident.id)
    assert casefile.window.incident_form.incident_id() is None
    assert casefile.window.evidence_panel.model().incident_scope() is None


def test_undoing_an_edit_restores_the_approval_it_cleared(qtbot, casefile, tmp_path):
    from desktop.services import review

    casefile.cases.new_case(tmp_path / "approved.casefile", "Approved")
    import_seeds(qtbot, casefile)
    casefile.editing.add_incident()
    span = casefile.editing.add_evidence(source_id_of("003_b8c3f3517aeeccd0.txt"), 0, 20,
                                 {"supports": "title", "asserted_value": "x"})
    review.review_evidence(span, "approved", actor="Reviewer")
    casefile.editing.edit_evidence([span], {"asserted_value": "y"})
    assert Evidence.get_by_id(span).review_state == "pending"
    casefile.editing.undo()
    restored = Evidence.get_by_id(span)
    assert (restored.asserted_value, restored.review_state, restored.reviewed_by) == (
        "x", "approved", "Reviewer")
