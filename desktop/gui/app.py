"""The composition root of the GUI: builds the window, the flows and the panels, and connects
them. Nothing else happens here.

Widgets show things and emit what the user asked for; a flow (desktop.gui.flows) turns each
request into a service call. Every service call that changes the case returns a Change, which
`events` hands to each panel; each panel decides for itself what to redraw.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtGui import QCloseEvent, QIcon, QUndoStack
from PySide6.QtWidgets import QApplication
from shiboken6 import isValid

from desktop import APP_NAME, __version__
from desktop.domain import files, scales, server
from desktop.gui import i18n, logfile
from desktop.gui.background import BackgroundRunner
from desktop.gui.events import CaseEvents
from desktop.gui.flows.cases import CaseFiles
from desktop.gui.flows.editing import Editing
from desktop.gui.flows.exchange import Exchange
from desktop.gui.flows.reading import Reading
from desktop.gui.flows.review import Review
from desktop.gui.flows.session import Session
from desktop.gui.settings import Settings
from desktop.gui.widgets.actions import guard_typed_keys
from desktop.gui.widgets.main_window import MainWindow
from desktop.resources import icon_path


class CasefileApp(QObject):
    """One main window, the case open in it, and the flows that act on it."""

    def __init__(self, settings: Settings | None = None, window: MainWindow | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings or Settings()
        self.window = window or MainWindow()
        self.undo_stack = QUndoStack(self)
        self.events = CaseEvents(self)
        self.background = BackgroundRunner(self)
        self.session = Session(self)
        self.reading = Reading(self)
        self.cases = CaseFiles(self)
        self.editing = Editing(self)
        self.review = Review(self)
        self.exchange = Exchange(self)
        self._wire_actions()
        self._wire_panels()
        self._subscribe()
        self._restore_layout()
        guard_typed_keys(self.window)
        self.cases.case_opened(False)

    @property
    def case_file(self) -> Path | None:
        """The case open in this window, or None."""
        return self.session.case_file

    # ----------------------------------------------------------------- wiring
    def _wire_actions(self) -> None:
        w, a = self.window, self.window.actions
        cases, editing, review, exchange = self.cases, self.editing, self.review, self.exchange
        reading, session = self.reading, self.session
        a.new_case.triggered.connect(cases.ask_new_case)
        a.open_case.triggered.connect(cases.ask_open_case)
        a.open_shared_case.triggered.connect(cases.ask_open_shared_case)
        a.close_case.triggered.connect(cases.close_case)
        a.verify_integrity.triggered.connect(cases.verify_integrity)
        a.recover_case.triggered.connect(cases.ask_recover_case)
        a.encrypt_case.triggered.connect(cases.ask_encrypt_case)
        w.recent_menu.aboutToShow.connect(cases.fill_recent_menu)
        a.import_files.triggered.connect(exchange.ask_import_files)
        a.import_folder.triggered.connect(exchange.ask_import_folder)
        a.import_with_record.triggered.connect(exchange.ask_import_with_record)
        a.export_dossier.triggered.connect(exchange.ask_export_dossier)
        a.export_annotations.triggered.connect(exchange.ask_export_annotations)
        a.import_annotations.triggered.connect(exchange.ask_import_annotations)
        a.export_registers.triggered.connect(exchange.ask_export_registers)
        a.export_package.triggered.connect(exchange.ask_export_package)
        a.save_handover.triggered.connect(exchange.ask_save_handover)
        a.merge_review.triggered.connect(exchange.ask_merge_review)
        a.check_out.triggered.connect(exchange.ask_check_out)
        a.check_in.triggered.connect(exchange.ask_check_in)
        a.quit.triggered.connect(w.close)
        a.undo.triggered.connect(editing.undo)
        a.redo.triggered.connect(editing.redo)
        a.mark_evidence.triggered.connect(editing.mark_evidence)
        for action, code in zip(a.status_actions(), scales.STATUS_CODES, strict=True):
            action.triggered.connect(lambda _=False, c=code: editing.set_status(c))
        a.remove_evidence.triggered.connect(editing.remove_evidence)
        a.new_incident.triggered.connect(editing.add_incident)
        a.delete_incident.triggered.connect(
            lambda: editing.delete_incident(w.navigator.current_incident_id()))
        a.edit_source.triggered.connect(lambda: editing.edit_source(reading.reading_source()))
        a.protected_people.triggered.connect(editing.show_protected_people)
        a.case_details.triggered.connect(editing.edit_case)
        a.find_in_source.triggered.connect(reading.find_in_source)
        a.search_case.triggered.connect(reading.focus_search)
        a.compare.toggled.connect(w.set_comparing)
        a.reset_layout.triggered.connect(w.reset_layout)
        a.review_mode.toggled.connect(review.set_review_mode)
        a.approve_evidence.triggered.connect(review.approve_current)
        a.return_evidence.triggered.connect(
            lambda: review.return_current(w.review_panel.comment.toPlainText()))
        a.next_pending.triggered.connect(lambda: review.move(1))
        a.previous_pending.triggered.connect(lambda: review.move(-1))
        a.resubmit_evidence.triggered.connect(review.resubmit_evidence)
        a.submit_incident.triggered.connect(lambda: review.move_incident("submit"))
        a.approve_incident.triggered.connect(lambda: review.move_incident("approve"))
        a.return_incident.triggered.connect(lambda: review.move_incident("return"))
        a.preferences.triggered.connect(session.ask_preferences)
        a.take_tour.triggered.connect(session.start_tour)
        a.shortcuts.triggered.connect(lambda: _shortcuts_dialog(w).exec())
        a.about.triggered.connect(session.show_about)
        self.undo_stack.canUndoChanged.connect(a.undo.setEnabled)
        self.undo_stack.canRedoChanged.connect(a.redo.setEnabled)
        self.undo_stack.undoTextChanged.connect(lambda t: _name_step(a.undo, "&Undo", t))
        self.undo_stack.redoTextChanged.connect(lambda t: _name_step(a.redo, "&Redo", t))

    def _wire_panels(self) -> None:
        w, editing, reading, review = self.window, self.editing, self.reading, self.review
        w.filesDropped.connect(self.exchange.import_paths)
        w.closeRequested.connect(self._on_close_requested)
        w.navigator.sourceActivated.connect(reading.open_source)
        w.navigator.sourceEditRequested.connect(editing.edit_source)
        w.navigator.incidentSelected.connect(editing.select_incident)
        w.navigator.incidentSelectionCleared.connect(lambda: editing.select_incident(None))
        w.navigator.incidentAddRequested.connect(editing.add_incident)
        w.navigator.incidentRenameRequested.connect(editing.rename_incident)
        w.navigator.incidentDeleteRequested.connect(editing.delete_incident)
        self._wire_view(w.source_view)
        w.compareViewBuilt.connect(self._wire_view)
        w.incident_form.fieldsEdited.connect(editing.edit_incident)
        w.incident_form.valueUsed.connect(editing.use_value)
        w.incident_form.evidenceActivated.connect(reading.show_evidence)
        w.evidence_panel.evidenceActivated.connect(reading.show_evidence)
        w.evidence_panel.editRequested.connect(editing.edit_evidence)
        w.evidence_panel.selectionChangedIds.connect(reading.follow_list)
        w.evidence_panel.selectionChangedIds.connect(review.selection_changed)
        w.evidence_panel.shownChanged.connect(review.list_filtered)
        w.search_panel.searchRequested.connect(reading.run_search)
        w.search_panel.hitActivated.connect(reading.open_search_hit)
        w.review_panel.approveRequested.connect(lambda _id: review.approve_current())
        w.review_panel.returnRequested.connect(lambda _id, text: review.return_current(text))
        w.review_panel.moveRequested.connect(review.move)
        w.review_dock.visibilityChanged.connect(review.dock_visibility)
        w.review_panel.submitIncidentRequested.connect(lambda: review.move_incident("submit"))
        w.review_panel.approveIncidentRequested.connect(lambda: review.move_incident("approve"))
        w.review_panel.returnIncidentRequested.connect(
            lambda text: review.move_incident("return", text))

    def _wire_view(self, view) -> None:
        """A source view's clicks reach the reading and review flows, and it hears every
        Change (the second view is wired when side by side first builds it)."""
        reading, review = self.reading, self.review
        view.spanClicked.connect(reading.span_clicked)
        view.spanClicked.connect(review.span_clicked)  # after Reading selected it
        view.selectionChanged.connect(lambda v=view: reading.view_used(v))
        if view is not self.window.source_view:
            self.events.changed.connect(view.case_changed)

    def _subscribe(self) -> None:
        """Every panel hears every Change and redraws what it shows of it."""
        w = self.window
        for subscriber in (w.navigator, w.evidence_panel, w.source_view, w.incident_form,
                           w.history_panel, w.search_panel, self.review, self.session):
            self.events.changed.connect(subscriber.case_changed)

    # ------------------------------------------------------------ layout
    def _restore_layout(self) -> None:
        geometry, state = self.settings.window_state()
        if geometry is not None:
            self.window.restoreGeometry(geometry)
        if state is not None:
            self.window.restoreState(state)
        splitter = self.settings.splitter_state("source")
        if splitter is not None:
            self.window.source_splitter.restoreState(splitter)
        self.review.restore_mode()  # the review panel comes back with review mode, not alone

    def save_layout(self) -> None:
        self.settings.save_window_state(self.window.saveGeometry(), self.window.layout_state())
        self.settings.save_splitter_state("source", self.window.source_splitter.saveState())
        self.settings.sync()

    def _on_close_requested(self, event: QCloseEvent) -> None:
        self.save_layout()
        last = self.case_file
        if not self.cases.close_case():
            event.ignore()
            return
        if last is not None:
            self.settings.add_recent_case(last)
        else:
            self.settings.forget_last_case()
        self.settings.sync()  # the event loop that would write them ends with the window
        event.accept()


def _name_step(action, verb: str, step: str) -> None:
    """Undo / Redo name the step they would take; the stack may outlive the window's actions
    (it belongs to the app), so a deleted action is left alone."""
    if isValid(action):
        action.setText(f"{QCoreApplication.translate('Actions', verb)} {step}".strip())


def _shortcuts_dialog(window: MainWindow):
    from desktop.gui.widgets.dialogs.shortcuts import ShortcutsDialog  # built when asked for

    return ShortcutsDialog(window)


def main(argv: Sequence[str] | None = None) -> int:
    """Start the GUI: open the case named on the command line, else the last one, else (on the
    very first run) the demo case, built from the seed texts."""
    argv = list(sys.argv if argv is None else argv)
    app = QApplication.instance() or QApplication(argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    if (icon := icon_path()) is not None:
        app.setWindowIcon(QIcon(str(icon)))
    logfile.hold_records()  # the log file opens once the window is painted
    settings = Settings()
    i18n.install(app, i18n.choose_language(settings.language))  # before any widget is built
    first_start = settings.window_state()[0] is None
    casefile = CasefileApp(settings)
    if first_start:
        casefile.window.fit_screen()
    logfile.install_excepthook(casefile.session.show_unexpected_error)
    casefile.window.show()
    casefile.window.after_first_paint(logfile.start_logging)
    casefile.session.user_name()
    for folder in {path.parent for path in casefile.settings.recent_cases()}:
        files.sweep_partials(folder)  # what a killed encryption, recovery or export left
    open_at_start(casefile, argv[1] if len(argv) > 1 else None)
    if not settings.tour_seen:
        casefile.session.start_tour()
    QTimer.singleShot(0, _collect_from_now_on)  # runs once the first paint is queued
    QTimer.singleShot(_WARM_UP_AFTER_MS, _warm_up_readers)
    return app.exec()


def open_at_start(casefile: CasefileApp, named: str | None) -> None:
    """The case named on the command line — a file, or a shared case by its postgresql://
    address (a path would make its // one /) —, else the last one, else (on the very first
    run) the demo case."""
    if named is not None and server.is_server_url(named):
        casefile.cases.open_shared_case(named)
        return
    target = Path(named) if named is not None else casefile.settings.last_case
    if target is None and not casefile.settings.recent_cases():
        target = casefile.cases.ensure_demo_case()
    if target is not None:
        casefile.cases.open_case(target)


def _collect_from_now_on() -> None:
    """The garbage collector on again after start-up (the entry point turned it off), with
    what start-up made set aside: it lives as long as the window, so no pass looks at it."""
    gc.freeze()
    gc.enable()


#: After start-up, the readers of dates and number words load in the background (about a
#: second of work) so the first E does not wait for them.
_WARM_UP_AFTER_MS = 3000


def _warm_up_readers() -> None:
    import threading  # noqa: PLC0415

    from desktop.services import suggestions  # noqa: PLC0415

    threading.Thread(target=suggestions.warm_up, name="warm-up", daemon=True).start()
