"""Case files in the window: new, open (with passphrase and lock), close, recent, demo,
encrypt, recover, verify.

Only one case is open per window; a lock file beside it keeps a second Casefile window from
opening it at the same time.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLockFile, QSocketNotifier, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit

from desktop import APP_NAME
from desktop.domain import db, encryption, server
from desktop.domain.errors import CasefileError, CaseOpenError
from desktop.gui import logfile
from desktop.gui.flows.base import Flow
from desktop.services import case as case_service
from desktop.services import changes, sources

log = logging.getLogger(__name__)

PASSPHRASE_TRIES = 3


def case_filter() -> str:
    """The file-dialog filter of case files, in the interface language."""
    return (QCoreApplication.translate("CasefileApp", "{app} cases (*{suffix})")
            .format(app=APP_NAME, suffix=db.SUFFIX)
            + ";;" + QCoreApplication.translate("CasefileApp", "All files (*)"))


def documents() -> Path:
    """Where file dialogs start when there is no case to start beside."""
    return Path.home()


def demo_case_path() -> Path:
    """Where the demo case lives: in the user's data folder, beside the log."""
    return logfile.log_path().parent.parent / "Casefile demo case.casefile"


@contextmanager
def rows_set_aside() -> Iterator[None]:
    """No garbage collection while the panels read an opened case (tens of thousands of small
    rows, none of them garbage), and what they read set aside after it: a full collection
    that looked at every row took 50–90 ms, during an open and whenever one came later. The
    rows are still freed as any object is, and closing the case sets nothing aside any more."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:  # the young garbage made meanwhile, before it is set aside with the rows
            gc.collect(1)
        # else start-up, the collector off until the first paint (desktop.__main__): nothing is
        # collected before the window is seen (a collection here looked at all that start-up
        # made, 10-15 ms), and what is made until then lives as long as the window
        gc.freeze()
        if collecting:
            gc.enable()


class CaseFiles(Flow):
    """Opening and closing the window's case, and what is done to the file as a whole."""

    #: How often the window tries to follow others' changes again once their line is lost.
    FOLLOW_AGAIN_MS = 5_000
    #: A connection for live updates made again, off the UI thread: (which case, or None).
    _followed_again = Signal(int, object)

    def __init__(self, app) -> None:
        super().__init__(app)
        self._lock: QLockFile | None = None
        self._live = None  # a shared case's live updates, and the notifier of their socket
        self._live_notifier: QSocketNotifier | None = None
        self._opened = 0  # counts the cases opened: a connection made for an earlier is closed
        self._reconnecting = False
        self._follow_again = QTimer(self)
        self._follow_again.timeout.connect(self._try_following_again)
        self._followed_again.connect(self._resume_following)

    @property
    def case_file(self) -> Path | None:
        return self.app.session.case_file

    # ------------------------------------------------------------ new and open
    def ask_new_case(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self.window, self.tr("New case"),
                                              str(documents()), case_filter())
        if not name:
            return
        from desktop.gui.widgets.dialogs.new_case import NewCaseDialog

        path = Path(name) if name.endswith(db.SUFFIX) else Path(name + db.SUFFIX)
        dialog = NewCaseDialog(path.stem, self.window)
        if dialog.exec() == NewCaseDialog.DialogCode.Accepted:
            self.new_case(path, **dialog.values(), passphrase=dialog.passphrase())

    def new_case(self, path: Path, title: str, *, reference: str = "",
                 classification: str = "confidential", passphrase: str | None = None) -> bool:
        if not self.close_case():
            return False
        made, _ = self.attempt(self.tr("The case could not be created"), lambda: db.new_case(
            path, title, actor=self.user(), reference=reference,
            classification=classification, passphrase=passphrase))
        if not made:
            return False
        made, _ = self.attempt(self.tr("The case could not be created"), db.close_case)
        return made and self.open_case(path, passphrase=passphrase)

    def ask_open_case(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self.window, self.tr("Open case"),
                                              str(documents()), case_filter())
        if name:
            self.open_case(Path(name))

    def ask_open_shared_case(self) -> None:
        url, ok = QInputDialog.getText(
            self.window, self.tr("Open shared case"),
            self.tr("The case's address on its server, postgresql://SERVER[:PORT]/DATABASE\n"
                    "(with ROLE@ before the server to log in as another role; the password "
                    "comes from\nyour .pgpass or service file, never from Casefile):"),
            text=self.app.session.server or "postgresql://")
        if ok and url.strip():
            self.open_shared_case(url.strip())

    def open_shared_case(self, url: str) -> bool:
        """Open a case on a server in this window, worked as the role the server logs the
        window in as; a clear message and nothing changed when it cannot be."""
        if not server.is_server_url(url):
            self.warn(self.tr("The case could not be opened"), self.tr(
                "{address} is not a server address: it begins with postgresql://")
                .format(address=url))
            return False
        # a wrong address, a server that is down, a role it refuses: said before the case
        # open in this window is closed, which then stays open
        if not self.attempt(self.tr("The case could not be opened"),
                            lambda: server.check(url))[0] or not self.close_case():
            return False
        opened, _ = self.attempt(self.tr("The case could not be opened"),
                                 lambda: db.open_case(url))
        if not opened:
            return False
        from desktop.services import team  # a server's roles: only a shared case needs them

        session = self.app.session
        session.server, session.server_role = server.display_name(url), team.signed_in_as()
        self.app.settings.add_recent_shared_case(url)
        # Files written from it (a dossier, registers) are offered in the documents folder,
        # named after its database.
        session.case_file = documents() / f"{url.rsplit('/', 1)[-1].split('?')[0]}{db.SUFFIX}"
        self._reconcile()
        with rows_set_aside():
            self.case_opened(True)
        self._follow_others()
        log.info("opened shared case %s as %s", session.server, session.server_role)
        return True

    def _follow_others(self) -> None:
        """Redraw what other windows and commands change in the shared case, as the server
        announces each of their changes."""
        from desktop.services import live

        made, updates = self.attempt(self.tr("Changes made by others will not show"),
                                     live.LiveUpdates)
        if made:
            self._listen(updates)
        else:
            self._follow_again.start(self.FOLLOW_AGAIN_MS)

    def _listen(self, updates) -> None:
        self._live = updates
        self._live_notifier = QSocketNotifier(updates.fileno(), QSocketNotifier.Type.Read,
                                              self.window)
        self._live_notifier.activated.connect(self._others_changed)

    def _try_following_again(self) -> None:
        """Make the live-updates connection again, on a thread of its own: a server that is
        down, or a network that is gone, must not hold the window while it is tried."""
        if self._reconnecting or self._live is not None or self.app.session.server is None:
            return
        self._reconnecting = True
        opened = self._opened

        def connect() -> None:
            from desktop.services import live

            try:
                updates = live.LiveUpdates()
            except Exception:  # still gone: tried again later, nothing to say meanwhile
                updates = None
            self._followed_again.emit(opened, updates)

        threading.Thread(target=connect, name="live updates again", daemon=True).start()

    def _resume_following(self, opened: int, updates) -> None:
        self._reconnecting = False
        if updates is None:
            return
        if opened != self._opened or self._live is not None:  # closed, or another case
            updates.close()
            return
        self._follow_again.stop()
        self._listen(updates)
        self.publish(changes.everything())  # what others changed while the line was down
        self.status(self.tr("Changes made by others show again."))
        log.info("live updates of %s resumed", self.app.session.server)

    def _others_changed(self) -> None:
        if self._live is None:
            return
        try:
            change = self._live.take()
        except CasefileError as exc:  # the server stopped, or dropped the line: said once
            self._stop_following()  # before the message, while which the socket stays readable
            self._follow_again.start(self.FOLLOW_AGAIN_MS)
            self.warn(self.tr("Changes made by others will not show"), self.tr(
                "{reason}\n\nCasefile tries again every few seconds and says so in the status "
                "bar when they show again; your own changes are saved as before.").format(
                reason=str(exc)))
            return
        if change is not None:
            self.publish(change)

    def _stop_following(self) -> None:
        self._follow_again.stop()
        if self._live_notifier is not None:
            self._live_notifier.setEnabled(False)
            self._live_notifier.deleteLater()
        if self._live is not None:
            self._live.close()
        self._live = self._live_notifier = None

    def open_case(self, path: Path, passphrase: str | None = None) -> bool:
        """Open a case in this window; a clear message and nothing changed when it cannot be.

        An encrypted case asks for its passphrase, three tries at most.
        """
        path = Path(path)
        if self.case_file is not None and self.app.session.server is None \
                and path.resolve() == self.case_file.resolve():
            return True
        lock = QLockFile(str(path) + ".lock")
        lock.setStaleLockTime(0)  # only a lock whose process is gone is stale
        try:  # everything that can refuse the file comes before the open case is closed
            passphrase, version = self._unlock(path, passphrase)
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
        opened, _ = self.attempt(self.tr("The case could not be opened"),
                                 lambda: db.open_case(path, passphrase, inspected=version))
        if not opened:
            lock.unlock()
            return False
        self._lock, self.app.session.case_file = lock, path
        with rows_set_aside():
            self.case_opened(True)
        # What a killed export left is settled once the case is on screen (at start-up, after
        # the first paint; else now), while the same case is open. The recent cases are
        # written then too: QSettings writes its file (and waits for the disk) in the next
        # turn of the event loop, which at start-up came before the first paint.
        self.window.after_first_paint(lambda: self.app.settings.add_recent_case(path))
        self.window.after_first_paint(lambda: self._reconcile(path))
        log.info("opened case %s", path)
        return True

    def _reconcile(self, opened: Path | None = None) -> None:
        """Settle in the trail what a killed export or hand-over left, and say so; for a case
        `opened` earlier, only while it is still the one open, and the panels are told."""
        from desktop.services import outgoing

        if opened is not None and (self.case_file != opened or self.app.session.server):
            return
        _, settled = self.attempt(self.tr("The audit trail could not be brought up to date"),
                                  lambda: outgoing.reconcile(actor=self.user()))
        if settled and opened is not None:
            self.publish(changes.trail_only())
        if settled:
            self.inform(self.tr("An interrupted export was settled"), "\n\n".join(settled))

    def _unlock(self, path: Path, passphrase: str | None) -> tuple[str | None, int | None]:
        """Check the case, asking for its passphrase while needed: the passphrase ("" if the
        user gave up) and the file format the check found."""
        wrong = 0
        while True:
            try:
                return passphrase, db.inspect_case(path, passphrase)
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
                return "", None

    def close_case(self) -> bool:
        """Close the open case (edits are already saved); False if the user must wait."""
        if self.case_file is None:
            return True
        if self.app.background.busy():
            self.warn(self.tr("Please wait"),
                      self.tr("An import or export is still running; cancel it or wait for it "
                              "to finish before closing the case."))
            return False
        form = self.window.incident_form
        lost = form.unsaved()
        if lost and not self.ask(self.tr("A value was not saved"), self.tr(
                "{incident} holds what you typed but Casefile cannot save, because it is not "
                "valid:\n\n{lines}\n\nClose the case anyway and lose it? Choose No to go back "
                "and correct it.").format(incident=form.code(), lines="\n".join(lost))):
            form.reveal()
            return False
        self.app.undo_stack.clear()
        self._stop_following()
        self._remember_place()
        try:
            db.close_case()
        except db.CaseNotCompacted as exc:  # closed all the same: its edits are in its -wal
            self.warn(self.tr("The case is saved but could not be compacted"), str(exc))
        if self._lock is not None:
            self._lock.unlock()
        self._lock, self.app.session.case_file = None, None
        self.app.session.server = self.app.session.server_role = None
        self.case_opened(False)
        gc.unfreeze()  # what was set aside with the case's rows is looked at again
        return True

    def case_opened(self, is_open: bool) -> None:
        """Set the window up for the case just opened (or for none) and redraw every panel."""
        self._opened += 1
        w = self.window
        self.app.undo_stack.clear()  # a history belongs to one case
        for action in w.actions.case_actions():
            action.setEnabled(is_open)
        # A shared case is checked out; a file checked out from one is checked in.
        origin = case_service.checkout_origin() if is_open else None
        w.actions.check_out.setEnabled(is_open and db.is_server())
        w.actions.check_in.setEnabled(origin is not None)
        w.navigator.add_button.setEnabled(is_open)
        w.search_panel.setEnabled(is_open)
        if not is_open:
            w.actions.review_mode.setChecked(False)
        self.app.review.enable_actions(w.actions.review_mode.isChecked())
        w.actions.undo.setEnabled(False)
        w.actions.redo.setEnabled(False)
        for view in w.source_views():
            view.set_source(None)
        w.incident_form.set_incident(None)
        w.search_panel.clear()
        w.show_user(self.user())
        w.show_mode(self.app.session.server, self.app.session.server_role,
                    origin.get("server") if origin else None)
        self.publish(changes.everything())
        if is_open:
            self._go_back_to_place()
        else:
            w.show_summary(None)
            w.show_case_title(None, None)
        self.app.review.case_opened(is_open)

    def _place_key(self) -> str | None:
        """How the settings name the open case: its server address, or its file's path."""
        session = self.app.session
        if session.server:
            return session.server
        return str(session.case_file.resolve()) if session.case_file else None

    def _remember_place(self) -> None:
        """Keep the source shown and the incident selected, for the next time the case opens."""
        key = self._place_key()
        if key is None:
            return
        source = self.app.reading.active_view().source_id()
        incident = self.window.incident_form.incident_id()
        self.app.settings.save_case_place(key, {
            name: value for name, value in (("source", source), ("incident", incident))
            if value is not None})

    def _go_back_to_place(self) -> None:
        """Show the source and the incident the case was left on (those that still exist),
        else its first source; the incident once the window is painted (its form is not
        needed to see the case)."""
        from desktop.services import incidents

        key = self._place_key()
        place = self.app.settings.case_place(key) if key else {}
        source = place.get("source")
        if source is None or not sources.source_titles([source]):
            source = sources.first_source_id()
        if source is not None:
            self.app.reading.open_source(source)
        incident, opened = place.get("incident"), self._opened
        if incident is not None:
            self.window.after_first_paint(
                lambda: opened == self._opened and incidents.incident_exists(incident)
                and self.app.editing.select_incident(incident))

    def fill_recent_menu(self) -> None:
        """The case files opened recently, then the shared cases (by their addresses)."""
        menu = self.window.recent_menu
        menu.clear()
        recent = self.app.settings.recent_cases()
        for path in recent:
            menu.addAction(path.name, lambda p=path: self.open_case(p)).setToolTip(str(path))
        shared = self.app.settings.recent_shared_cases()
        if recent and shared:
            menu.addSeparator()
        for url in shared:
            menu.addAction(server.display_name(url),
                           lambda u=url: self.open_shared_case(u)).setToolTip(
                self.tr("A shared case on its server: {address}").format(address=url))
        if not recent and not shared:
            menu.addAction(self.tr("No recent cases")).setEnabled(False)

    def ensure_demo_case(self) -> Path | None:
        """The demo case, built from the seed texts the first time it is needed."""
        path = demo_case_path()
        if path.exists():
            return path
        from desktop.services import demo  # the seed texts: read on the very first run only

        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            demo.build_demo(path)
        except (CasefileError, OSError) as exc:
            log.warning("the demo case could not be built: %s", exc)
            self.warn(self.tr("The demo case could not be built"), str(exc))
            return None
        return path

    # ------------------------------------------------------------ the file as a whole
    def verify_integrity(self) -> None:
        from desktop.services import integrity

        self.run_in_background(
            self.tr("Verifying the audit trail and the sources' fingerprints…"),
            lambda progress, cancelled: integrity.verify_case(progress),
            done=self._verified, failed_title=self.tr("The work could not be finished"))

    def _verified(self, report) -> None:
        if report.ok:
            self.inform(self.tr("Integrity verified"), report.summary())
        else:
            self.warn(self.tr("The case does not match its fingerprints"),
                      "\n\n".join(report.problems[:12])
                      + ("\n\n…" if len(report.problems) > 12 else ""))

    def ask_encrypt_case(self) -> None:
        """Rewrite the open case encrypted (off the UI thread), then reopen it."""
        path = self.case_file
        if path is None:
            return
        if case_service.is_encrypted():
            self.inform(self.tr("Already encrypted"),
                        self.tr("{name} is already encrypted.").format(name=path.name))
            return
        from desktop.gui.widgets.dialogs.new_case import EncryptCaseDialog

        dialog = EncryptCaseDialog(self.window)
        if dialog.exec() != EncryptCaseDialog.DialogCode.Accepted:
            return
        passphrase = dialog.passphrase()
        if not self.close_case():
            return

        def encrypted(_) -> None:
            if self.open_case(path, passphrase):
                self.publish(case_service.record_encryption(actor=self.user()))

        def not_encrypted(exc: Exception) -> None:
            self.warn(self.tr("The case was not encrypted"), str(exc))
            self.open_case(path)

        self.run_in_background(
            self.tr("Encrypting {name}…").format(name=path.name),
            lambda progress, cancelled: db.convert_to_encrypted(path, passphrase),
            done=encrypted, failed=not_encrypted,
            failed_title=self.tr("The case was not encrypted"))

    def ask_recover_case(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self.window, self.tr("Recover a damaged case"),
                                              str(documents()), case_filter())
        if not name:
            return
        damaged = Path(name)
        dest, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Save the recovered case as"),
            str(damaged.with_name(f"{damaged.stem} recovered{db.SUFFIX}")), case_filter())
        if not dest:
            return
        from desktop.services import recovery

        passphrase = None
        try:
            encrypted = db.is_encrypted_file(damaged)
        except CasefileError as exc:
            self.warn(self.tr("The work could not be finished"), str(exc))
            return
        if encrypted:  # read with it, and the recovered case is encrypted with it too
            passphrase, ok = QInputDialog.getText(
                self.window, self.tr("Encrypted case"),
                self.tr("{name} is encrypted. Its passphrase:").format(name=damaged.name),
                QLineEdit.EchoMode.Password)
            if not ok or not passphrase:
                return
        actor = self.user()
        self.run_in_background(
            self.tr("Recovering {name}…").format(name=damaged.name),
            lambda progress, cancelled: recovery.recover_case(
                damaged, Path(dest), actor=actor, progress=progress, passphrase=passphrase),
            done=self._recovered, failed_title=self.tr("The work could not be finished"))

    def _recovered(self, report) -> None:
        self.inform(self.tr("Recovery finished"), report.summary())
        if self.ask(self.tr("Open the recovered case?"), str(report.dest)):
            self.open_case(report.dest)


def _lock_owner(lock: QLockFile) -> str:
    info = lock.getLockInfo()  # (pid, host name, app name) when the lock file is readable
    if isinstance(info, tuple) and len(info) == 3 and info[0]:
        return " (" + QCoreApplication.translate("CasefileApp", "process {pid} on {host}") \
            .format(pid=info[0], host=info[1]) + ")"
    return ""
