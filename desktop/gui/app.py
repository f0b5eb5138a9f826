"""The composition root of the GUI: builds the window and wires every signal.

Widgets show things and emit what the user asked for; this module turns each request into a
service call (edits through undoable commands, long work through `ops`) and tells the views
what changed. Only one case is open per window; a lock file beside it keeps a second Casefile
window from opening it at the same time.
"""

from __future__ import annotations

import getpass
import html
import logging
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLockFile, QObject, Qt
from PySide6.QtGui import QCloseEvent, QIcon, QUndoStack
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
)

from desktop import APP_NAME, __version__
from desktop.domain import db, encryption, scales
from desktop.domain.errors import CasefileError, CaseOpenError
from desktop.domain.models import Evidence, Incident
from desktop.gui import commands, i18n, logfile
from desktop.gui.background import Ops
from desktop.gui.settings import Settings
from desktop.gui.widgets.actions import REVIEW_ONLY
from desktop.gui.widgets.dialogs.export_dossier import ExportDossierDialog
from desktop.gui.widgets.dialogs.mark_evidence import MarkEvidenceDialog
from desktop.gui.widgets.dialogs.new_case import EncryptCaseDialog, NewCaseDialog
from desktop.gui.widgets.dialogs.preferences import PreferencesDialog
from desktop.gui.widgets.dialogs.protected_people import ProtectedPeopleDialog
from desktop.gui.widgets.dialogs.shortcuts import ShortcutsDialog
from desktop.gui.widgets.dialogs.source_details import SourceDetailsDialog
from desktop.gui.widgets.main_window import MainWindow
from desktop.gui.widgets.tour import Tour, workspace_steps
from desktop.resources import icon_path
from desktop.services import (
    audit,
    demo,
    evidence,
    export,
    handover,
    importing,
    integrity,
    recovery,
    review,
    search,
    sources,
    tabular,
)
from desktop.services import case as case_service
from desktop.services.interchange import hypothesis, w3c

log = logging.getLogger(__name__)

PASSPHRASE_TRIES = 3
#: Widgets that use plain typed keys themselves (see CasefileApp.eventFilter).
_KEY_TAKERS = (QComboBox, QAbstractButton, QAbstractSpinBox)
_COMMAND_MODIFIERS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                      | Qt.KeyboardModifier.MetaModifier)

# Translation: texts of this module are in the "CasefileApp" context (self.tr in CasefileApp's
# methods, QCoreApplication.translate("CasefileApp", …) in module-level functions). Messages
# that pass on a service's error (`str(exc)`, report summaries) translate their framing only:
# the services' own wording stays English for now.


def case_filter() -> str:
    """The file-dialog filter of case files, in the interface language."""
    return (QCoreApplication.translate("CasefileApp", "{app} cases (*{suffix})")
            .format(app=APP_NAME, suffix=db.SUFFIX)
            + ";;" + QCoreApplication.translate("CasefileApp", "All files (*)"))


def source_filter() -> str:
    """The file-dialog filter of importable sources, in the interface language."""
    patterns = " ".join(f"*{e}" for e in sorted(importing.SUPPORTED_EXTENSIONS))
    return (QCoreApplication.translate("CasefileApp", "Sources ({patterns})")
            .format(patterns=patterns)
            + ";;" + QCoreApplication.translate("CasefileApp", "All files (*)"))


class CasefileApp(QObject):
    """One main window and the case open in it."""

    def __init__(self, settings: Settings | None = None, window: MainWindow | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings or Settings()
        self.window = window or MainWindow()
        self.undo_stack = QUndoStack(self)
        self.ops = Ops(self)
        self.case_file: Path | None = None
        self._lock: QLockFile | None = None
        self._last_view = self.window.source_view
        self._review_queue: list[int] = []
        self._tour: Tour | None = None
        self._review_index = 0
        self._wire()
        self._restore_layout()
        if (qt_app := QApplication.instance()) is not None:
            qt_app.installEventFilter(self)
        self._case_opened(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """Give plain keys to combo boxes and buttons before the one-letter shortcuts.

        E, 1–5 and A/R/N/P are window shortcuts; Qt lets line edits keep typed keys but not a
        combo box (where a letter picks an item) or a check box. Typing "3" in a combo box must
        never grade evidence.
        """
        if (event.type() == QEvent.Type.ShortcutOverride
                and isinstance(watched, _KEY_TAKERS) and event.text().isprintable()
                and event.text() and not event.modifiers() & _COMMAND_MODIFIERS):
            event.accept()
        return False

    # ----------------------------------------------------------------- wiring
    def _wire(self) -> None:
        w, a = self.window, self.window.actions
        a.new_case.triggered.connect(self.ask_new_case)
        a.open_case.triggered.connect(self.ask_open_case)
        a.import_files.triggered.connect(self.ask_import_files)
        a.import_folder.triggered.connect(self.ask_import_folder)
        a.export_dossier.triggered.connect(self.ask_export_dossier)
        a.close_case.triggered.connect(self.close_case)
        a.quit.triggered.connect(w.close)
        a.undo.triggered.connect(self.undo)
        a.redo.triggered.connect(self.redo)
        self.undo_stack.canUndoChanged.connect(a.undo.setEnabled)
        self.undo_stack.canRedoChanged.connect(a.redo.setEnabled)
        self.undo_stack.undoTextChanged.connect(lambda t: a.undo.setText(
            f"{QCoreApplication.translate('Actions', '&Undo')} {t}".strip()))
        self.undo_stack.redoTextChanged.connect(lambda t: a.redo.setText(
            f"{QCoreApplication.translate('Actions', '&Redo')} {t}".strip()))
        a.preferences.triggered.connect(self.ask_preferences)
        a.take_tour.triggered.connect(self.start_tour)
        a.export_annotations.triggered.connect(self.ask_export_annotations)
        a.import_annotations.triggered.connect(self.ask_import_annotations)
        a.export_registers.triggered.connect(self.ask_export_registers)
        a.find_in_source.triggered.connect(self._find_in_source)
        a.search_case.triggered.connect(self._focus_search)
        a.mark_evidence.triggered.connect(self.mark_evidence)
        for action, code in zip(a.status_actions(), scales.STATUS_CODES, strict=True):
            action.triggered.connect(lambda _=False, c=code: self.set_status(c))
        a.remove_evidence.triggered.connect(self.remove_evidence)
        a.new_incident.triggered.connect(self.add_incident)
        a.delete_incident.triggered.connect(
            lambda: self.delete_incident(w.navigator.current_incident_id()))
        a.edit_source.triggered.connect(lambda: self.edit_source(self._reading_source()))
        a.compare.toggled.connect(w.set_comparing)
        a.review_mode.toggled.connect(self.set_review_mode)
        a.approve_evidence.triggered.connect(self.approve_current)
        a.return_evidence.triggered.connect(lambda: self.return_current(
            w.review_panel.comment.toPlainText()))
        a.next_pending.triggered.connect(lambda: self.move_review(1))
        a.previous_pending.triggered.connect(lambda: self.move_review(-1))
        a.resubmit_evidence.triggered.connect(self.resubmit_evidence)
        a.submit_incident.triggered.connect(lambda: self.move_incident("submit"))
        a.approve_incident.triggered.connect(lambda: self.move_incident("approve"))
        a.return_incident.triggered.connect(lambda: self.move_incident("return"))
        a.verify_integrity.triggered.connect(self.verify_integrity)
        a.protected_people.triggered.connect(self.show_protected_people)
        a.save_handover.triggered.connect(self.ask_save_handover)
        a.merge_review.triggered.connect(self.ask_merge_review)
        a.recover_case.triggered.connect(self.ask_recover_case)
        a.encrypt_case.triggered.connect(self.ask_encrypt_case)
        w.review_panel.approveRequested.connect(lambda _id: self.approve_current())
        w.review_panel.returnRequested.connect(lambda _id, text: self.return_current(text))
        w.review_panel.moveRequested.connect(self.move_review)
        w.review_panel.submitIncidentRequested.connect(lambda: self.move_incident("submit"))
        w.review_panel.approveIncidentRequested.connect(lambda: self.move_incident("approve"))
        w.review_panel.returnIncidentRequested.connect(
            lambda text: self.move_incident("return", text))
        a.shortcuts.triggered.connect(lambda: ShortcutsDialog(w).exec())
        a.about.triggered.connect(self.show_about)
        w.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        w.filesDropped.connect(self.import_paths)
        w.closeRequested.connect(self._on_close_requested)

        w.navigator.sourceActivated.connect(self.open_source)
        w.navigator.sourceEditRequested.connect(self.edit_source)
        w.navigator.incidentSelected.connect(self.select_incident)
        w.navigator.incidentSelectionCleared.connect(lambda: self.select_incident(None))
        w.navigator.incidentAddRequested.connect(self.add_incident)
        w.navigator.incidentRenameRequested.connect(self.rename_incident)
        w.navigator.incidentDeleteRequested.connect(self.delete_incident)
        for view in (w.source_view, w.compare_view):
            view.spanClicked.connect(self._span_clicked)
            view.selectionChanged.connect(lambda v=view: self._view_used(v))
        w.incident_form.fieldsEdited.connect(self.edit_incident)
        w.incident_form.evidenceActivated.connect(self.show_evidence)
        w.evidence_panel.evidenceActivated.connect(self.show_evidence)
        w.evidence_panel.editRequested.connect(self.edit_evidence)
        w.search_panel.searchRequested.connect(self.run_search)
        w.search_panel.hitActivated.connect(self.open_search_hit)

    # ------------------------------------------------------------ case files
    def ask_new_case(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self.window, self.tr("New case"),
                                              str(_documents()), case_filter())
        if not name:
            return
        path = Path(name) if name.endswith(db.SUFFIX) else Path(name + db.SUFFIX)
        dialog = NewCaseDialog(path.stem, self.window)
        if dialog.exec() == NewCaseDialog.DialogCode.Accepted:
            self.new_case(path, **dialog.values(), passphrase=dialog.passphrase())

    def new_case(self, path: Path, title: str, *, reference: str = "",
                 classification: str = "confidential", passphrase: str | None = None) -> bool:
        if not self.close_case():
            return False
        try:
            db.new_case(path, title, actor=self.user_name(), reference=reference,
                        classification=classification, passphrase=passphrase)
        except CasefileError as exc:
            self.warn(self.tr("The case could not be created"), str(exc))
            return False
        db.close_case()
        return self.open_case(path, passphrase=passphrase)

    def ask_open_case(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self.window, self.tr("Open case"),
                                              str(_documents()), case_filter())
        if name:
            self.open_case(Path(name))

    def open_case(self, path: Path, passphrase: str | None = None) -> bool:
        """Open a case in this window; a clear message and nothing changed when it cannot be.

        An encrypted case asks for its passphrase, three tries at most.
        """
        path = Path(path)
        if self.case_file is not None and path.resolve() == self.case_file.resolve():
            return True
        lock = QLockFile(str(path) + ".lock")
        lock.setStaleLockTime(0)  # only a lock whose process is gone is stale
        try:  # everything that can refuse the file comes before the open case is closed
            passphrase = self._unlock(path, passphrase)
            if passphrase == "":
                return False  # the user cancelled the passphrase prompt
            if not lock.tryLock(100):
                raise CaseOpenError(path, self.tr("is already open in another {app} window{owner}")
                                    .format(app=APP_NAME, owner=_lock_owner(lock)))
        except CasefileError as exc:
            if lock.isLocked():
                lock.unlock()
            self.warn(self.tr("The case could not be opened"), str(exc))
            return False
        if not self.close_case():
            lock.unlock()
            return False
        try:
            db.open_case(path, passphrase)
        except CasefileError as exc:
            lock.unlock()
            self.warn(self.tr("The case could not be opened"), str(exc))
            return False
        self._lock, self.case_file = lock, path
        self.settings.add_recent_case(path)
        self._case_opened(True)
        log.info("opened case %s", path)
        return True

    def _unlock(self, path: Path, passphrase: str | None) -> str | None:
        """Check the case, asking for its passphrase while needed; "" if the user gave up."""
        wrong = 0
        while True:
            try:
                db.inspect_case(path, passphrase)
                return passphrase
            except encryption.PassphraseRequired:
                prompt = self.tr("{name} is encrypted. Its passphrase:").format(name=path.name)
            except encryption.WrongPassphrase:
                wrong += 1
                if wrong == PASSPHRASE_TRIES:
                    raise CaseOpenError(path, self.tr(
                        "the passphrase was not right {count} times; the case stays closed")
                        .format(count=PASSPHRASE_TRIES)) from None
                left = PASSPHRASE_TRIES - wrong
                # Two English texts: "try" has an irregular plural that i18n.plural cannot make.
                prompt = (self.tr("That passphrase is not right for {name}. Try again "
                                  "(%n try left):", "", left) if left == 1 else
                          self.tr("That passphrase is not right for {name}. Try again "
                                  "(%n tries left):", "", left)).format(name=path.name)
            passphrase, ok = QInputDialog.getText(self.window, self.tr("Encrypted case"), prompt,
                                                  QLineEdit.EchoMode.Password)
            if not ok or not passphrase:
                return ""

    def close_case(self) -> bool:
        """Close the open case (edits are already saved); False if the user must wait."""
        if self.case_file is None:
            return True
        if self.ops.busy():
            self.warn(self.tr("Please wait"),
                      self.tr("An import or export is still running; cancel it or wait for it "
                              "to finish before closing the case."))
            return False
        self.window.incident_form.flush()
        self.undo_stack.clear()
        db.close_case()
        if self._lock is not None:
            self._lock.unlock()
        self._lock, self.case_file = None, None
        self._case_opened(False)
        return True

    def _case_opened(self, is_open: bool) -> None:
        w = self.window
        self.undo_stack.clear()  # a history belongs to one case
        for action in w.actions.case_actions():
            action.setEnabled(is_open)
        w.navigator.add_button.setEnabled(is_open)
        w.search_panel.setEnabled(is_open)
        if not is_open:
            w.actions.review_mode.setChecked(False)
        self._enable_review_actions(w.actions.review_mode.isChecked())
        w.actions.undo.setEnabled(False)
        w.actions.redo.setEnabled(False)
        w.source_view.set_source(None)
        w.compare_view.set_source(None)
        w.incident_form.set_incident(None)
        w.search_panel.clear()
        w.show_user(self.user_name())
        if is_open:
            self.refresh(frozenset({"sources", "incidents", "evidence", "case"}))
            first = sources.list_sources()
            if first:
                self.open_source(first[0][0])
        else:
            w.navigator.reload()
            w.evidence_panel.reload()
            w.history_panel.reload()
            w.show_summary(None)
            w.show_case_title(None, None)

    def _fill_recent_menu(self) -> None:
        menu = self.window.recent_menu
        menu.clear()
        recent = self.settings.recent_cases()
        for path in recent:
            menu.addAction(path.name, lambda p=path: self.open_case(p)).setToolTip(str(path))
        if not recent:
            menu.addAction(self.tr("No recent cases")).setEnabled(False)

    # ------------------------------------------------------------ refreshing
    def refresh(self, kinds: frozenset[str], evidence_ids: list[int] | None = None) -> None:
        """Bring the views up to date after something of these kinds changed."""
        if self.case_file is None:
            return
        w = self.window
        if kinds & {"sources", "incidents", "evidence"}:
            w.navigator.reload()
        if "evidence" in kinds:
            w.evidence_panel.reload()
            for view in (w.source_view, w.compare_view):
                view.refresh_spans(evidence_ids)
        if "sources" in kinds:
            for view in (w.source_view, w.compare_view):
                view.refresh_header()
        if "protected" in kinds:
            for view in (w.source_view, w.compare_view):
                view.refresh_names()
        if kinds & {"incidents", "evidence"}:
            incident_id = w.incident_form.incident_id()
            if incident_id is not None and not Incident.select().where(
                    Incident.id == incident_id).exists():
                w.incident_form.set_incident(None)
            else:
                w.incident_form.refresh()
        w.history_panel.reload()
        if w.actions.review_mode.isChecked():
            self._refresh_review()
        about = case_service.summary()
        w.show_summary(about)
        w.show_case_title(about.title, self.case_file)

    def _push(self, command: commands.CaseCommand) -> bool:
        """Run an edit as an undoable command; show its error, if any, in plain words."""
        self.undo_stack.push(command)
        if command.error is not None:
            self.warn(self.tr("The change was not made"), str(command.error))
            return False
        return True

    def undo(self) -> None:
        """Undo the last edit; say so if it could not be undone (the case is unchanged)."""
        self._step_stack(self.undo_stack.index() - 1, self.undo_stack.undo)

    def redo(self) -> None:
        self._step_stack(self.undo_stack.index(), self.undo_stack.redo)

    def _step_stack(self, index: int, step) -> None:
        self.window.incident_form.flush()
        command = self.undo_stack.command(index) if 0 <= index < self.undo_stack.count() else None
        step()
        if isinstance(command, commands.CaseCommand) and command.error is not None:
            error, command.error = command.error, None
            self.warn(self.tr("The change was not undone or redone"), str(error))
            # The stack and the case no longer agree: start a fresh history from here.
            self.undo_stack.clear()
            self.refresh(frozenset({"sources", "incidents", "evidence", "case"}))

    def _notify(self, kinds: frozenset[str], evidence_ids: list[int] | None) -> None:
        self.refresh(kinds, evidence_ids)

    # ------------------------------------------------------------ importing
    def ask_import_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self.window, self.tr("Import sources"),
                                                str(_documents()), source_filter())
        if names:
            self.import_paths([Path(n) for n in names])

    def ask_import_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self.window, self.tr("Import a folder of sources"),
                                                str(_documents()))
        if name:
            self.import_paths([Path(name)])

    def import_paths(self, paths: Sequence[Path]) -> None:
        """Import files (and the importable files inside folders) off the UI thread."""
        if self.case_file is None:
            self.warn(self.tr("No case is open"),
                      self.tr("Open or create a case before importing sources."))
            return
        files = importing.expand_paths(paths)
        if not files:
            self.warn(self.tr("Nothing to import"),
                      self.tr("No .txt, .md, .docx, .html or .pdf files were found."))
            return
        actor = self.user_name()
        self.ops.run(lambda progress, cancelled: sources.import_files(
                         files, actor=actor, progress=progress, cancelled=cancelled),
                     on_done=self._imported, on_failed=self._task_failed, window=self.window,
                     label=i18n.plural(self.tr("Importing %n source file(s)…", "", len(files)),
                                       len(files)))

    def _imported(self, report: sources.ImportReport) -> None:
        self.refresh(frozenset({"sources", "case"}))
        if report.imported and self.window.source_view.source_id() is None:
            self.open_source(report.imported[0][1])
        if report.cancelled:
            self.inform(self.tr("Import cancelled"),
                        self.tr("Nothing was imported: the case is as it was."))
            return
        imported, duplicates, failed = (len(report.imported), len(report.duplicates),
                                        len(report.failed))
        lines = [i18n.plural(self.tr("%n source(s) imported.", "", imported), imported)]
        if report.duplicates:
            lines.append(i18n.plural(self.tr("%n already in the case (same bytes), skipped:", "",
                                             duplicates), duplicates))
            lines += ["  • " + self.tr("{file} — same as “{title}”").format(file=p.name, title=t)
                      for p, t in report.duplicates[:10]]
        if report.failed:
            lines.append(i18n.plural(self.tr("%n could not be imported:", "", failed), failed))
            lines += [f"  • {message}" for _, message in report.failed[:20]]  # services' words
        if report.duplicates or report.failed:
            self.inform(self.tr("Import finished"), "\n".join(lines))
        else:
            self.window.statusBar().showMessage(lines[0], 5000)

    def _task_failed(self, exc: Exception) -> None:
        self.warn(self.tr("The work could not be finished"), f"{exc}")

    # ------------------------------------------------------------ review
    def _enable_review_actions(self, on: bool) -> None:
        for name in REVIEW_ONLY:
            self.window.actions[name].setEnabled(on and self.case_file is not None)

    def set_review_mode(self, on: bool) -> None:
        """Show the review panel and walk the evidence waiting for review."""
        w = self.window
        self._enable_review_actions(on)
        w.review_dock.setVisible(on)
        if on:
            w.review_dock.raise_()
            self._review_index = 0
            self._refresh_review(show=True)

    def _refresh_review(self, show: bool = False) -> None:
        """Rebuild the queue of pending spans; keep the reviewer's place in it."""
        current = self.window.review_panel.current()
        focus = self.window.incident_form.incident_id()
        pending = [row for row in evidence.evidence_rows()
                   if row.review_state == "pending" and row.status != "rejected"]
        # The incident being reviewed comes first, then the rest in the order of the sources.
        pending.sort(key=lambda row: row.incident_id != focus)
        self._review_queue = [row.id for row in pending]
        if current in self._review_queue and not show:
            self._review_index = self._review_queue.index(current)
        self._review_index = min(self._review_index, max(0, len(self._review_queue) - 1))
        self._show_review_item(scroll=show or current not in self._review_queue)
        self._show_review_incident()

    def _show_review_item(self, scroll: bool = True) -> None:
        panel = self.window.review_panel
        if not self._review_queue:
            panel.show_span(None, 0, 0)
            return
        span_id = self._review_queue[self._review_index]
        row = evidence.evidence_rows(ids=[span_id])[0]
        panel.show_span(row, self._review_index, len(self._review_queue))
        if scroll:
            self.show_evidence(span_id)

    def _show_review_incident(self) -> None:
        incident_id = self.window.incident_form.incident_id()
        incident = Incident.get_or_none(Incident.id == incident_id) if incident_id else None
        self.window.review_panel.show_incident(
            incident.code if incident else None, incident.state if incident else "",
            len(review.unreviewed(incident.id)) if incident else 0)

    def move_review(self, step: int) -> None:
        if self._review_queue:
            self._review_index = (self._review_index + step) % len(self._review_queue)
            self._show_review_item()

    def approve_current(self) -> None:
        span_id = self.window.review_panel.current()
        if span_id is not None:
            self._push(commands.ReviewEvidence([span_id], "approved", actor=self.user_name(),
                                               notify=self._notify))
            self._show_review_item()

    def return_current(self, comment: str) -> None:
        span_id = self.window.review_panel.current()
        if span_id is None:
            return
        if not comment.strip():
            comment, ok = QInputDialog.getMultiLineText(
                self.window, self.tr("Return evidence"),
                self.tr("Why is {code} returned? The documenter sees this comment.")
                .format(code=f"E-{span_id:03d}"))
            if not ok or not comment.strip():
                return
        self._push(commands.ReviewEvidence([span_id], "returned", actor=self.user_name(),
                                           notify=self._notify, comment=comment))
        self._show_review_item()

    def resubmit_evidence(self) -> None:
        ids = self._selected_evidence()
        if ids:
            self._push(commands.ReviewEvidence(ids, "pending", actor=self.user_name(),
                                               notify=self._notify))

    def move_incident(self, step: str, comment: str = "") -> None:
        """Submit, approve or return the current incident (a return asks for a comment)."""
        incident_id = self.window.incident_form.incident_id()
        if incident_id is None:
            self.window.statusBar().showMessage(self.tr("Select an incident first."), 5000)
            return
        if step == "return" and not comment.strip():
            comment, ok = QInputDialog.getMultiLineText(
                self.window, self.tr("Return incident"),
                self.tr("Why is the incident returned?"))
            if not ok or not comment.strip():
                return
        self._push(commands.MoveIncident(incident_id, step, actor=self.user_name(),
                                         notify=self._notify, comment=comment))
        self._show_review_incident()

    # ------------------------------------------------------------ integrity and hand-over
    def verify_integrity(self) -> None:
        self.ops.run(lambda progress, cancelled: integrity.verify_case(progress),
                     on_done=self._verified, on_failed=self._task_failed, window=self.window,
                     label=self.tr("Verifying the audit trail and the sources' fingerprints…"))

    def _verified(self, report: integrity.IntegrityReport) -> None:
        if report.ok:
            self.inform(self.tr("Integrity verified"), report.summary())
        else:
            self.warn(self.tr("The case does not match its fingerprints"),
                      "\n\n".join(report.problems[:12])
                      + ("\n\n…" if len(report.problems) > 12 else ""))

    def show_protected_people(self) -> None:
        dialog = ProtectedPeopleDialog(self.window)
        dialog.addRequested.connect(lambda names, role: (self._push(commands.AddProtected(
            names, role, actor=self.user_name(), notify=self._notify)), dialog.reload()))
        dialog.removeRequested.connect(lambda person: (self._push(commands.RemoveProtected(
            person, actor=self.user_name(), notify=self._notify)), dialog.reload()))
        dialog.exec()

    def ask_save_handover(self) -> None:
        default = self.case_file.with_name(f"{self.case_file.stem} for review{db.SUFFIX}")
        name, _ = QFileDialog.getSaveFileName(self.window, self.tr("Save a copy for hand-over"),
                                              str(default), case_filter())
        if not name:
            return
        try:
            manifest = handover.save_copy(Path(name), actor=self.user_name())
        except CasefileError as exc:
            self.warn(self.tr("The copy was not written"), str(exc))
            return
        self.refresh(frozenset({"case"}))
        self.inform(self.tr("Copy saved"), self.tr(
            "{path}\n\nSHA-256 {sha256}\n\nA manifest with this fingerprint, the counts and the "
            "audit chain head is beside it ({manifest}).").format(
                path=name, sha256=manifest["sha256"],
                manifest=f"{Path(name).name}{handover.MANIFEST_SUFFIX}"))

    def ask_merge_review(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self.window,
                                              self.tr("Merge review from a returned copy"),
                                              str(self.case_file.parent), case_filter())
        if not name:
            return
        try:
            report = handover.merge_review(Path(name), actor=self.user_name())
        except CasefileError as exc:
            self.warn(self.tr("The review was not merged"), str(exc))
            return
        self.undo_stack.clear()  # edits before the merge may no longer undo cleanly
        self.refresh(frozenset({"evidence", "incidents"}))
        lines = [report.summary(), *report.applied[:15]]
        if report.conflicts:
            lines += ["", self.tr("Conflicts (left as they are here):"), *report.conflicts[:15]]
        self.inform(self.tr("Review merged"), "\n".join(lines))

    def ask_encrypt_case(self) -> None:
        """Rewrite the open case encrypted, then reopen it with the new passphrase."""
        path = self.case_file
        if path is None:
            return
        if encryption.is_encrypted(db.models.database.obj):
            self.inform(self.tr("Already encrypted"),
                        self.tr("{name} is already encrypted.").format(name=path.name))
            return
        dialog = EncryptCaseDialog(self.window)
        if dialog.exec() != EncryptCaseDialog.DialogCode.Accepted:
            return
        passphrase = dialog.passphrase()
        if not self.close_case():
            return
        try:
            db.convert_to_encrypted(path, passphrase)
        except CasefileError as exc:
            self.warn(self.tr("The case was not encrypted"), str(exc))
            self.open_case(path)
            return
        if self.open_case(path, passphrase):
            with db.models.database.atomic():
                audit.record("case.encrypt", actor=self.user_name(), object_type="case",
                             object_id=1, summary="Encrypted the case with a passphrase")
            self.refresh(frozenset({"case"}))

    def ask_recover_case(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self.window, self.tr("Recover a damaged case"),
                                              str(_documents()), case_filter())
        if not name:
            return
        damaged = Path(name)
        dest, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Save the recovered case as"),
            str(damaged.with_name(f"{damaged.stem} recovered{db.SUFFIX}")), case_filter())
        if not dest:
            return
        actor = self.user_name()
        self.ops.run(lambda progress, cancelled: recovery.recover_case(
                         damaged, Path(dest), actor=actor, progress=progress),
                     on_done=self._recovered, on_failed=self._task_failed, window=self.window,
                     label=self.tr("Recovering {name}…").format(name=damaged.name))

    def _recovered(self, report) -> None:
        self.inform(self.tr("Recovery finished"), report.summary())
        if self.ask(self.tr("Open the recovered case?"), str(report.dest)):
            self.open_case(report.dest)

    # ------------------------------------------------------------ exporting
    def ask_export_dossier(self) -> None:
        if self.case_file is None:
            return
        default = self.case_file.with_name(f"{self.case_file.stem} dossier.docx")
        dialog = ExportDossierDialog(default, self.window)
        if dialog.exec() == ExportDossierDialog.DialogCode.Accepted:
            self.export_dossier(dialog.path(), dialog.options())

    def export_dossier(self, path: Path, options: export.DossierOptions) -> None:
        """Write the dossier off the UI thread, with progress and cancel."""
        actor = self.user_name()
        self.ops.run(lambda progress, cancelled: export.export_dossier(
                         path, options, actor=actor, progress=progress, cancelled=cancelled),
                     on_done=self._exported, on_failed=self._export_failed, window=self.window,
                     label=self.tr("Writing {name}…").format(name=path.name))

    def _exported(self, result: export.DossierResult) -> None:
        self.refresh(frozenset({"case"}))
        editions = {"full": self.tr("full"), "redacted": self.tr("redacted")}
        self.inform(self.tr("Dossier written"), self.tr(
            "{path}\n\n{incidents}, {spans}, {edition} edition.\nSHA-256 of the file: "
            "{sha256}\n\nThe export is recorded in the case's history with this fingerprint.")
            .format(path=result.path,
                    incidents=i18n.plural(self.tr("%n incident(s)", "", result.incidents),
                                          result.incidents),
                    spans=i18n.plural(self.tr("%n evidence span(s)", "", result.evidence),
                                      result.evidence),
                    edition=editions.get(result.edition, result.edition),
                    sha256=result.sha256))

    def _export_failed(self, exc: Exception) -> None:
        if isinstance(exc, export.ExportCancelled):
            self.window.statusBar().showMessage(
                self.tr("Export cancelled; no file was written."), 5000)
        else:
            self.warn(self.tr("The dossier was not written"), str(exc))

    # ------------------------------------------------------------ reading
    def _reading_source(self) -> int | None:
        return self._active_view().source_id()

    def _active_view(self):
        """The source view the user last worked in (the second one only while comparing)."""
        w = self.window
        return w.compare_view if self._last_view is w.compare_view and w.compare_view.isVisible() \
            else w.source_view

    def _view_used(self, view) -> None:
        self._last_view = view

    def open_source(self, source_id: int, view=None) -> None:
        """Show a source; while comparing, an empty second view is filled first."""
        w = self.window
        if view is None:
            comparing = w.compare_view.isVisible()
            view = (w.compare_view if comparing and w.compare_view.source_id() is None
                    else self._active_view())
        view.set_source(source_id)
        self._last_view = view
        w.navigator.select_source(source_id)

    def show_evidence(self, evidence_id: int) -> None:
        """Open the span's source (if needed), scroll to the span and select it everywhere."""
        row = Evidence.get_or_none(Evidence.id == evidence_id)
        if row is None:
            return
        view = self._view_showing(row.source_id)
        if view is None:
            view = self.window.source_view
            self.open_source(row.source_id, view)
        view.select_span(evidence_id)
        self.window.evidence_panel.select_evidence(evidence_id)

    def _view_showing(self, source_id: int):
        w = self.window
        for view in (w.source_view, w.compare_view):
            if view.isVisible() and view.source_id() == source_id:
                return view
        return None

    def _span_clicked(self, evidence_id: int) -> None:
        self.window.evidence_panel.select_evidence(evidence_id)
        row = Evidence.get_or_none(Evidence.id == evidence_id)
        if row is not None and row.incident_id is not None:
            self.select_incident(row.incident_id)

    def _find_in_source(self) -> None:
        self._active_view().show_find_bar()

    def _focus_search(self) -> None:
        self.window.show_search()

    def run_search(self, request: int, text: str) -> None:
        panel = self.window.search_panel
        self.ops.run(lambda progress, cancelled: search.search(text, limit=50),
                     on_done=lambda hits: panel.show_hits(request, hits),
                     on_failed=lambda exc: panel.show_error(request, str(exc)))

    def open_search_hit(self, source_id: int, words: str) -> None:
        view = self._view_showing(source_id) or self.window.source_view
        if view.source_id() != source_id:
            self.open_source(source_id, view)
        # The hit as a whole word, ignoring case (casefold() could shift offsets: ß → ss).
        found = re.search(rf"\b{re.escape(words)}", sources.source_text(source_id),
                          re.IGNORECASE) if words else None
        if found:
            view.show_range(found.start(), found.end())

    # ------------------------------------------------------------ evidence
    def mark_evidence(self) -> None:
        """Turn the selected passage into an evidence span (asks what it proves)."""
        view = self._active_view()
        source_id, selected = view.source_id(), view.selection_range()
        if source_id is None or selected is None:
            self.window.statusBar().showMessage(
                self.tr("Select a passage in the source first, then press E."), 5000)
            return
        start, end = selected
        quote = sources.source_text(source_id)[start:end]
        dialog = MarkEvidenceDialog(quote, self.window.incident_form.incident_id(), self.window)
        if dialog.exec() != MarkEvidenceDialog.DialogCode.Accepted:
            return
        self.add_evidence(source_id, start, end, dialog.values())

    def add_evidence(self, source_id: int, start: int, end: int, values: dict) -> int | None:
        command = commands.AddEvidence(source_id, start, end, values, actor=self.user_name(),
                                       notify=self._notify)
        if not self._push(command):
            return None
        self.show_evidence(command.evidence_id)
        return command.evidence_id

    def _selected_evidence(self) -> list[int]:
        view = self._active_view()
        in_text = view.text_edit().hasFocus()
        return (view.selected_span_ids() if in_text else []) or \
            self.window.evidence_panel.selected_ids()

    def set_status(self, status: str) -> None:
        ids = self._selected_evidence()
        if not ids:
            self.window.statusBar().showMessage(
                self.tr("Select evidence (in the source or the evidence list) to set its "
                        "status."), 5000)
            return
        self.edit_evidence(ids, {"status": status})

    def edit_evidence(self, ids: list[int], changes: dict) -> None:
        self._push(commands.UpdateEvidence(ids, changes, actor=self.user_name(),
                                           notify=self._notify))

    def remove_evidence(self) -> None:
        ids = self._selected_evidence()
        if ids:
            self._push(commands.RemoveEvidence(ids, actor=self.user_name(), notify=self._notify))

    # ------------------------------------------------------------ incidents
    def select_incident(self, incident_id: int | None) -> None:
        form = self.window.incident_form
        if form.incident_id() == incident_id:
            return
        form.flush()
        form.set_incident(incident_id)
        self.window.evidence_panel.set_current_incident(incident_id)
        self._show_review_incident()
        if incident_id is not None:
            self.window.navigator.select_incident(incident_id)

    def add_incident(self) -> None:
        command = commands.CreateIncident({"title": self.tr("New incident")},
                                          actor=self.user_name(), notify=self._notify)
        if self._push(command):
            self.select_incident(command.incident_id)
            self.window.incident_dock.show()
            self.window.incident_form.editor("title").setFocus()

    def rename_incident(self, incident_id: int, title: str) -> None:
        self.edit_incident(incident_id, {"title": title.strip()})

    def edit_incident(self, incident_id: int, changes: dict) -> None:
        self._push(commands.UpdateIncident(incident_id, changes, actor=self.user_name(),
                                           notify=self._notify))

    def delete_incident(self, incident_id: int | None) -> None:
        if incident_id is None:
            return
        incident = Incident.get_by_id(incident_id)
        linked = Evidence.select().where(Evidence.incident == incident_id).count()
        if linked and not self.ask(
                self.tr("Delete {code}?").format(code=incident.code),
                i18n.plural(self.tr("{code} has %n evidence span(s). They will be kept, "
                                    "unlinked from any incident. You can undo this.", "", linked),
                            linked).format(code=incident.code)):
            return
        if self.window.incident_form.incident_id() == incident_id:
            self.select_incident(None)
        self._push(commands.DeleteIncident(incident_id, actor=self.user_name(),
                                           notify=self._notify))

    # ------------------------------------------------------------ sources
    def edit_source(self, source_id: int | None) -> None:
        if source_id is None:
            return
        dialog = SourceDetailsDialog(source_id, self.window)
        if dialog.exec() == SourceDetailsDialog.DialogCode.Accepted and dialog.changes():
            self._push(commands.UpdateSource(source_id, dialog.changes(), actor=self.user_name(),
                                             notify=self._notify))

    # ------------------------------------------------------------ people and messages
    def user_name(self) -> str:
        """The name recorded as "created by" / "reviewed by": asked once, then remembered."""
        name = self.settings.user_name
        if not name:
            name, ok = QInputDialog.getText(
                self.window, self.tr("Your name"),
                self.tr("Your name is recorded with every change you make to a case\n"
                        "(who marked, graded or reviewed each piece of evidence):"),
                text=_login_name())
            name = name.strip() if ok and name.strip() else _login_name()
            self.settings.user_name = name
            self.window.show_user(name)
        return name

    def warn(self, title: str, message: str) -> None:
        QMessageBox.warning(self.window, title, message)

    def inform(self, title: str, message: str) -> None:
        QMessageBox.information(self.window, title, message)

    def ask(self, title: str, message: str) -> bool:
        answer = QMessageBox.question(self.window, title, message)
        return answer == QMessageBox.StandardButton.Yes

    def show_unexpected_error(self, summary: str, details: str) -> None:
        """The plain explanation of an error nobody expected; details are in the log."""
        box = QMessageBox(QMessageBox.Icon.Critical, self.tr("Something went wrong"),
                          self.tr("Casefile ran into an unexpected problem and did not finish "
                                  "what you asked. Your case is safe: every change is saved when "
                                  "it is made.\n\n{summary}\n\nThe details were written to "
                                  "{log}").format(summary=summary, log=logfile.log_path()),
                          QMessageBox.StandardButton.Ok, self.window)
        box.setDetailedText(details)
        box.exec()

    def show_about(self) -> None:
        QMessageBox.about(self.window, self.tr("About {app}").format(app=APP_NAME), self.tr(
            "<h3>{app} {version}</h3><p>Build war-crimes case files from source texts: mark the "
            "passage that proves each fact, grade it, review it, and export a dossier in which "
            "every fact points to a quote and every quote to a fingerprinted source.</p>"
            "<p>Log file: {log}</p>").format(app=APP_NAME, version=__version__,
                                            log=html.escape(str(logfile.log_path()))))

    def ensure_demo_case(self) -> Path | None:
        """The demo case, built from the seed texts the first time it is needed."""
        path = demo_case_path()
        if path.exists():
            return path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            demo.build_demo(path)
        except (CasefileError, OSError) as exc:
            log.warning("the demo case could not be built: %s", exc)
            self.warn(self.tr("The demo case could not be built"), str(exc))
            return None
        return path

    # ------------------------------------------------------------ annotations and registers
    def ask_export_annotations(self) -> None:
        default = self.case_file.with_name(f"{self.case_file.stem} evidence.jsonld")
        name, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Export annotations"), str(default),
            self.tr("W3C Web Annotations (*.jsonld *.json)"))
        if not name:
            return
        try:
            count = w3c.write_annotations(Path(name), actor=self.user_name())
        except CasefileError as exc:
            self.warn(self.tr("The annotations were not written"), str(exc))
            return
        self.refresh(frozenset({"case"}))
        self.window.statusBar().showMessage(
            i18n.plural(self.tr("Wrote %n annotation(s) to {name}", "", count), count)
            .format(name=Path(name).name), 8000)

    def ask_import_annotations(self) -> None:
        name, chosen = QFileDialog.getOpenFileName(
            self.window, self.tr("Import annotations"), str(self.case_file.parent),
            ";;".join([self.tr("W3C Web Annotations (*.jsonld *.json)"),
                       self.tr("Hypothesis export (*.json)")]))
        if not name:
            return
        hypothesis_file = chosen.startswith(self.tr("Hypothesis export"))
        self.import_annotation_file(Path(name), hypothesis_file=hypothesis_file)

    def import_annotation_file(self, path: Path, *, hypothesis_file: bool = False) -> None:
        """Import annotations and say how each one was anchored; none is dropped silently."""
        actor = self.user_name()
        try:
            if hypothesis_file:
                report = hypothesis.import_hypothesis(hypothesis.read_hypothesis_file(path),
                                                      actor=actor)
            else:
                report = w3c.import_annotations(w3c.read_annotation_file(path), actor=actor)
        except CasefileError as exc:
            self.warn(self.tr("The annotations were not imported"), str(exc))
            return
        self.undo_stack.clear()  # edits before the import may no longer undo cleanly
        self.refresh(frozenset({"evidence", "incidents", "sources"}))
        lines = [report.summary()]
        if report.unplaced:
            lines += ["", self.tr("Not placed (nothing was written for these):")]
            lines += [f"  • {item.annotation_id}: “{item.quote[:60]}” — {item.reason}"
                      for item in report.unplaced[:20]]
        self.inform(self.tr("Annotations imported"), "\n".join(lines))

    def ask_export_registers(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self.window, self.tr("Export registers into a folder"), str(self.case_file.parent))
        if not folder:
            return
        try:
            written = tabular.export_csv(Path(folder), self.case_file.stem,
                                         actor=self.user_name())
        except CasefileError as exc:
            self.warn(self.tr("The registers were not written"), str(exc))
            return
        self.refresh(frozenset({"case"}))
        self.inform(self.tr("Registers written"), "\n".join(str(p) for p in written))

    # ------------------------------------------------------------ preferences and tour
    def ask_preferences(self) -> None:
        dialog = PreferencesDialog(self.settings.user_name, self.settings.language, self.window)
        if dialog.exec() != PreferencesDialog.DialogCode.Accepted:
            return
        values = dialog.values()
        if values["user_name"]:
            self.settings.user_name = values["user_name"]
            self.window.show_user(values["user_name"])
        self.settings.language = values["language"]  # applies after a restart, as it says

    def start_tour(self) -> Tour:
        """Walk a newcomer through the panels; remembered so it is offered only once."""
        tour = Tour(self.window, workspace_steps(self.window))
        tour.finished.connect(self._tour_done)
        tour.start()
        self._tour = tour
        return tour

    def _tour_done(self) -> None:
        self.settings.tour_seen = True
        self._tour = None

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

    def save_layout(self) -> None:
        self.settings.save_window_state(self.window.saveGeometry(), self.window.saveState())
        self.settings.save_splitter_state("source", self.window.source_splitter.saveState())
        self.settings.sync()

    def _on_close_requested(self, event: QCloseEvent) -> None:
        self.save_layout()
        last = self.case_file
        if not self.close_case():
            event.ignore()
            return
        if last is not None:
            self.settings.add_recent_case(last)
        else:
            self.settings.forget_last_case()
        event.accept()


def _lock_owner(lock: QLockFile) -> str:
    info = lock.getLockInfo()  # (pid, host name, app name) when the lock file is readable
    if isinstance(info, tuple) and len(info) == 3 and info[0]:
        return " (" + QCoreApplication.translate("CasefileApp", "process {pid} on {host}") \
            .format(pid=info[0], host=info[1]) + ")"
    return ""


def _login_name() -> str:
    try:
        return getpass.getuser()
    except OSError:
        return "Documenter"


def _documents() -> Path:
    return Path.home()


def demo_case_path() -> Path:
    """Where the demo case lives: in the user's data folder, beside the log."""
    return logfile.log_path().parent.parent / "Casefile demo case.casefile"


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
    logfile.start_logging()
    settings = Settings()
    i18n.install(app, i18n.choose_language(settings.language))  # before any widget is built
    casefile = CasefileApp(settings)
    logfile.install_excepthook(casefile.show_unexpected_error)
    casefile.window.show()
    casefile.user_name()
    target = Path(argv[1]) if len(argv) > 1 else casefile.settings.last_case
    if target is None and not casefile.settings.recent_cases():
        target = casefile.ensure_demo_case()
    if target is not None:
        casefile.open_case(target)
    if not settings.tour_seen:
        casefile.start_tour()
    return app.exec()
