"""Who works in this window, and on which case: the user's name, preferences, tour, about."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QInputDialog, QMessageBox

from desktop import APP_NAME, __version__
from desktop.gui import logfile
from desktop.gui.flows.base import Flow
from desktop.services import case as case_service
from desktop.services.changes import Change, Kind


class Session(Flow):
    """The person at the window and the case open in it."""

    def __init__(self, app) -> None:
        super().__init__(app)
        self.case_file: Path | None = None
        # A case on a server: its address (as shown) and the role the window logged in as.
        self.server: str | None = None
        self.server_role: str | None = None
        self._tour = None  # the tour while it runs
        self._tally: case_service.StatusTally | None = None  # the open case's spans by status

    @property
    def settings(self):
        return self.app.settings

    def user_name(self) -> str:
        """The name recorded as "created by" / "reviewed by": asked once, then remembered.
        On a server case it is the role the window logged in as."""
        if self.server_role:
            return self.server_role
        name = self.settings.user_name
        if not name:
            name, ok = QInputDialog.getText(
                self.window, self.tr("Your name"),
                self.tr("Your name is recorded with every change you make to a case\n"
                        "(who marked, graded or reviewed each piece of evidence):"),
                text=login_name())
            name = name.strip() if ok and name.strip() else login_name()
            self.settings.user_name = name
            self.window.show_user(name)
        return name

    def case_changed(self, change: Change) -> None:
        """The status bar's counts and the window title follow what the case holds."""
        if self.case_file is None:
            self._tally = None
            return
        if not change.touches(Kind.CASE, Kind.SOURCE, Kind.INCIDENT, Kind.EVIDENCE):
            return
        spans = change.ids(Kind.EVIDENCE)
        if self._tally is None or spans is None:  # a case opened, or anything changed
            self._tally = case_service.StatusTally()
        elif spans:
            self._tally.update(spans)
        about = case_service.summary(self._tally.counts())
        self.window.show_summary(about)
        self.window.show_case_title(about.title, self.case_file, self.server)

    def ask_preferences(self) -> None:
        from desktop.gui.widgets.dialogs.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.settings.user_name, self.settings.language, self.window)
        if dialog.exec() != PreferencesDialog.DialogCode.Accepted:
            return
        values = dialog.values()
        if values["user_name"]:
            self.settings.user_name = values["user_name"]
            self.window.show_user(values["user_name"])
        self.settings.language = values["language"]  # applies after a restart, as it says

    def start_tour(self):
        """Walk a newcomer through the panels; remembered so it is offered only once."""
        from desktop.gui.widgets.tour import Tour, workspace_steps

        tour = Tour(self.window, workspace_steps(self.window))
        tour.finished.connect(self._tour_done)
        tour.start()
        self._tour = tour
        return tour

    def _tour_done(self) -> None:
        self.settings.tour_seen = True
        self._tour = None

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
        import html  # noqa: PLC0415 — not needed to start up

        QMessageBox.about(self.window, self.tr("About {app}").format(app=APP_NAME), self.tr(
            "<h3>{app} {version}</h3><p>Build war-crimes case files from source texts: mark the "
            "passage that proves each fact, grade it, review it, and export a dossier in which "
            "every fact points to a quote and every quote to a fingerprinted source.</p>"
            "<p>Log file: {log}</p>").format(app=APP_NAME, version=__version__,
                                            log=html.escape(str(logfile.log_path()))))


def login_name() -> str:
    import getpass  # noqa: PLC0415 — asked only when no name is known yet

    try:
        return getpass.getuser()
    except OSError:
        return "Documenter"
