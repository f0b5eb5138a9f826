"""The main window: menus, toolbar, panels and status bar. It lays widgets out and owns the
actions; what the actions do is wired in `desktop.gui.app`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QPaintEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QStyle,
    QTabWidget,
    QToolBar,
    QWidget,
)

from desktop import APP_NAME
from desktop.domain import scales
from desktop.domain.printable import printable
from desktop.gui.i18n import plural, scale_text, short_status
from desktop.gui.widgets.actions import MENUS, Actions, menu_title
from desktop.gui.widgets.evidence_panel import EvidencePanel
from desktop.gui.widgets.history_panel import HistoryPanel
from desktop.gui.widgets.incident_form import IncidentForm
from desktop.gui.widgets.navigator import Navigator
from desktop.gui.widgets.review_panel import ReviewPanel
from desktop.gui.widgets.search_panel import SearchPanel
from desktop.gui.widgets.source_view import SourceView
from desktop.services.case import CaseSummary


class MainWindow(QMainWindow):
    """Navigator (left), source view(s) (centre), incident form (right), evidence (bottom)."""

    filesDropped = Signal(list)  # list[Path] of importable files dropped on the window
    closeRequested = Signal(QCloseEvent)  # the app decides whether the window may close
    compareViewBuilt = Signal(object)  # the second SourceView, built on first use

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self.setDockNestingEnabled(True)
        self.actions = Actions(self)
        self.navigator = Navigator()
        self.source_view = SourceView()
        # The second view of side by side is built the first time it is asked for: most
        # sessions never compare, and a start-up without it paints sooner.
        self._compare: SourceView | None = None
        self._compare_empty = ""
        self.source_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.source_splitter.setObjectName("sourceSplitter")
        self.source_splitter.addWidget(self.source_view)
        self.source_splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.source_splitter)
        self.incident_form = IncidentForm()
        self.evidence_panel = EvidencePanel()
        self.search_panel = SearchPanel()
        self.history_panel = HistoryPanel()
        self.review_panel = ReviewPanel()
        # Panels that share a place are tabs of one dock, not tabified docks: QMainWindow's
        # dock tab bars were left behind, drawn over other panels, when the window resized.
        self.case_tabs = _tabs((self.navigator, self.tr("Sources and incidents")),
                               (self.search_panel, self.tr("Search")))
        self.bottom_tabs = _tabs((self.evidence_panel, self.tr("Evidence")),
                                 (self.history_panel, self.tr("History")))
        self.evidence_dock = self._dock(self.tr("Evidence"), "evidenceDock", self.bottom_tabs,
                                        Qt.DockWidgetArea.BottomDockWidgetArea)
        self.navigator_dock = self._dock(self.tr("Case"), "navigatorDock", self.case_tabs,
                                         Qt.DockWidgetArea.LeftDockWidgetArea)
        self.incident_dock = self._dock(self.tr("Incident"), "incidentDock", self.incident_form,
                                        Qt.DockWidgetArea.RightDockWidgetArea)
        self.review_dock = self._dock(self.tr("Review"), "reviewDock", self.review_panel,
                                      Qt.DockWidgetArea.RightDockWidgetArea)
        self.review_dock.hide()
        self.review_dock.visibilityChanged.connect(self._give_review_room)
        self._size_docks(1440, 900)
        self._before_comparing: QByteArray | None = None  # the layout side by side replaced
        self._size_before = QSize()
        self._restoring: QByteArray | None = None  # that layout, about to come back
        self.recent_menu = QMenu(self.tr("Open &recent"), self)
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        self.source_view.set_context_actions(self._context_actions())
        self._default_state = self.saveState()  # what View → Reset layout goes back to
        self._painted = False
        self._after_paint: list[Callable[[], None]] = []
        self.resize(1440, 900)

    def after_first_paint(self, work: Callable[[], None]) -> None:
        """Do `work` once the window is first on screen (in the turn of the event loop after
        its first paint), or now when it is already painted or not shown at all: what a user
        does not need to see the case waits until the case is seen."""
        if self._painted or not self.isVisible():
            work()
        else:
            self._after_paint.append(work)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self._painted_once)

    def _painted_once(self) -> None:
        work, self._after_paint = self._after_paint, []
        for done in work:
            done()

    def _size_docks(self, width: int, height: int) -> None:
        """The panels' share of a window this big: the text keeps the most room."""
        self.resizeDocks([self.navigator_dock, self.incident_dock],
                         [max(240, width * 24 // 100), max(300, width * 30 // 100)],
                         Qt.Orientation.Horizontal)
        self.resizeDocks([self.evidence_dock], [max(170, height // 4)], Qt.Orientation.Vertical)

    def _give_review_room(self, visible: bool) -> None:
        """The review panel, when it opens, takes the right column but the incident's head:
        on a short screen its card would otherwise show one line of the quote."""
        if visible:
            self.resizeDocks([self.incident_dock, self.review_dock],
                             [self.height() // 6, self.height()], Qt.Orientation.Vertical)

    def fit_screen(self) -> None:
        """On a first start, no bigger than the screen, the panels sized to what it has."""
        room = self.screen().availableGeometry()
        self.resize(min(self.width(), room.width()), min(self.height(), room.height()))
        self._size_docks(self.width(), self.height())

    def reset_layout(self) -> None:
        """Every panel back in its place, shown, at its share of the window; one source."""
        self.actions.compare.setChecked(False)
        self._before_comparing = self._restoring = None
        self.restoreState(self._default_state)
        for dock in self.docks():
            dock.show()
        self._size_docks(self.width(), self.height())
        half = self.source_splitter.width() // 2
        self.source_splitter.setSizes([half, half])
        self._fit_toolbars()

    def layout_state(self) -> QByteArray:
        """The layout to keep for the next start: the one before side by side, if it is on,
        so that a layout squeezed for two sources never outlives them."""
        return self._before_comparing if self._before_comparing is not None else self.saveState()

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea
              ) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(area, dock)
        return dock

    def docks(self) -> list[QDockWidget]:
        return [self.navigator_dock, self.incident_dock, self.evidence_dock]

    def _build_menus(self) -> None:
        menus = {name: self.menuBar().addMenu(menu_title(name)) for name in MENUS}
        for name, menu in menus.items():
            for action in self.actions.in_menu(name):
                if action is self.actions.close_case:
                    menu.addMenu(self.recent_menu)
                    menu.addSeparator()
                if action in (self.actions.quit, self.actions.remove_evidence,
                              self.actions["status_unverified"], self.actions.find_in_source,
                              self.actions.approve_evidence, self.actions.submit_incident,
                              self.actions.save_handover, self.actions.recover_case,
                              self.actions.export_dossier, self.actions.preferences):
                    menu.addSeparator()
                menu.addAction(action)
        view = menus["View"]
        view.addSeparator()
        for dock in self.docks():
            view.addAction(dock.toggleViewAction())

    def _build_toolbar(self) -> None:
        """The actions, then the five statuses in a toolbar of their own, which moves to a
        second row when the window is too narrow for both (nothing goes behind »)."""
        a = self.actions
        self.toolbar = self._toolbar(self.tr("Main"), "mainToolbar")
        for action in (a.import_files, None, a.new_incident, a.mark_evidence, None, a.compare,
                       a.search_case, None, a.undo, a.redo):
            self.toolbar.addAction(action) if action else self.toolbar.addSeparator()
        # The menu names what undo would undo; the toolbar keeps its button one word wide.
        for action in (a.undo, a.redo):
            action.setIconText(action.text().replace("&", ""))
        self.status_toolbar = self._toolbar(self.tr("Statuses"), "statusToolbar")
        for action, grade in zip(a.status_actions(), scales.VERIFICATION_STATUSES, strict=True):
            look = scales.STATUS_LOOKS[grade.code]
            action.setIconText(f"{look.mark} {short_status(grade.code)}")
            self.status_toolbar.addAction(action)
            button = self.status_toolbar.widgetForAction(action)
            button.setStyleSheet(f"QToolButton {{ background: {look.colour}; border: 1px solid "
                                 "#bbb; border-radius: 3px; padding: 2px 6px; margin: 0 1px; }")

    def _toolbar(self, title: str, name: str) -> QToolBar:
        bar = QToolBar(title, self)
        bar.setObjectName(name)
        bar.setMovable(False)
        bar.setIconSize(QSize(16, 16))
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(bar)
        return bar

    def _fit_toolbars(self) -> None:
        """One row of toolbars when both fit the window's width, else two."""
        needed = (self.toolbar.sizeHint().width() + self.status_toolbar.sizeHint().width()
                  + 2 * self.style().pixelMetric(QStyle.PixelMetric.PM_ToolBarHandleExtent) + 8)
        two_rows = needed > self.width()
        if two_rows != self.toolBarBreak(self.status_toolbar):
            if two_rows:
                self.insertToolBarBreak(self.status_toolbar)
            else:
                self.removeToolBarBreak(self.status_toolbar)

    def _build_status_bar(self) -> None:
        self.counts_label = QLabel("")
        self._counts: str | None = None  # the counts shown, and evidence by status beside them
        self._by_status = ""
        self.user_label = QLabel("")
        self.user_label.setStyleSheet("color: #444; padding: 0 6px;")
        self.mode_label = QLabel("")  # where the case is: a file, or a server (and as whom)
        self.mode_label.setStyleSheet("color: #444; padding: 0 6px;")
        self.statusBar().addWidget(self.counts_label, 1)
        self.statusBar().addPermanentWidget(self.mode_label)
        self.statusBar().addPermanentWidget(self.user_label)

    def _context_actions(self) -> list:
        a = self.actions
        return [a.mark_evidence, *a.status_actions(), a.remove_evidence]

    def show_search(self) -> None:
        """Bring the case search forward, ready to type."""
        self.navigator_dock.show()
        self.case_tabs.setCurrentWidget(self.search_panel)
        self.search_panel.focus_query()

    def show_summary(self, about: CaseSummary | None) -> None:
        """The counts in the status bar: sources, incidents, evidence by status."""
        self._show_empty_states(about)
        if about is None:
            self._counts = None
            self.counts_label.setToolTip("")
            self.counts_label.setText(self.tr("No case open"))
            return
        by_status = ", ".join(
            self.tr("{count} {status}", "evidence in a status: 3 verified").format(
                count=about.evidence_by_status[g.code], status=scale_text(g.label).lower())
            for g in scales.VERIFICATION_STATUSES if about.evidence_by_status.get(g.code))
        counts = (plural(self.tr("%n source(s)", "", about.sources), about.sources),
                  plural(self.tr("%n incident(s)", "", about.incidents), about.incidents),
                  self.tr("%n evidence", "spans of evidence", about.evidence))
        self._counts = " · ".join(counts)
        self._by_status = f" ({by_status})" if by_status else ""
        self.counts_label.setToolTip(self._counts + self._by_status)
        self._fit_counts()

    def _show_empty_states(self, about: CaseSummary | None) -> None:
        """Words for the empty source views and incident form that are true of this case:
        how to open a case, import a first source, add a first incident, or pick one."""
        a = self.actions
        if about is None:
            text = self.tr("No case is open. {new} creates one; {open} opens one.").format(
                new=self.menu_path("File", a.new_case), open=self.menu_path("File", a.open_case))
            sources = compare = incident = text
        elif not about.sources:
            sources = compare = self.tr(
                "No source yet. Import one with {path} ({keys}), or drop files on the window."
            ).format(path=self.menu_path("File", a.import_files),
                     keys=a.import_files.shortcut().toString(
                         QKeySequence.SequenceFormat.NativeText))
        else:
            sources = self.tr("Open a source from the list on the left")
            compare = self.tr("Click a source in the list on the left to read it here, beside "
                              "the other")
        if about is not None:
            incident = (self.tr("Select or add an incident in the list on the left")
                        if about.incidents else
                        self.tr("No incident yet. Add one with Add under the incidents list or "
                                "{path} ({keys}).").format(
                            path=self.menu_path("Incident", a.new_incident),
                            keys=a.new_incident.shortcut().toString(
                                QKeySequence.SequenceFormat.NativeText)))
        self.source_view.set_empty_text(sources)
        self._compare_empty = compare
        if self._compare is not None:
            self._compare.set_empty_text(compare)
        self.incident_form.set_empty_text(incident)

    @staticmethod
    def menu_path(menu: str, action: QAction) -> str:
        """Where an action is in the menus, as the user reads them: "File → Import sources…"."""
        return f"{menu_title(menu).replace('&', '')} → {action.text().replace('&', '')}"

    def _fit_counts(self) -> None:
        """The counts with evidence by status when they fit the status bar, else the counts
        alone (the tooltip has them all): never a sentence cut short."""
        counts, by_status = self._counts, self._by_status
        if counts is None:
            return
        room = self.width() - 40 - sum(label.sizeHint().width() for label in
                                       (self.user_label, self.mode_label) if not label.isHidden())
        whole = counts + by_status
        fits = self.counts_label.fontMetrics().horizontalAdvance(whole) <= room
        self.counts_label.setText(whole if fits else counts)

    def show_user(self, name: str) -> None:
        self.user_label.setText(self.tr("Working as {name}").format(name=name))

    def show_case_title(self, title: str | None, path: Path | None,
                        server: str | None = None) -> None:
        """The case's title and its file's name (or its server address) in the title bar."""
        where = server or (path.name if path else None)
        self.setWindowTitle(printable(f"{title} — {where} — {APP_NAME}") if title and where
                            else APP_NAME)

    def show_mode(self, server: str | None, role: str | None,
                  checked_out_from: str | None = None) -> None:
        """Whether the open case is a file, a file checked out from a shared case (named by
        `checked_out_from`), or on a server, and as which role it is worked."""
        if server:
            text = self.tr("Shared case on {server}, as {role}").format(server=server,
                                                                          role=role)
            tip = self.tr("Everyone on the case works on it at once; the server records your "
                          "changes as its role {role}").format(role=role)
        elif checked_out_from:
            text = self.tr("Checked-out copy")
            tip = self.tr("A copy of the shared case on {server}, for offline work: File → "
                          "Check in to server… brings its work back").format(
                server=checked_out_from)
        else:
            text = tip = ""
        self.mode_label.setText(text)
        self.mode_label.setToolTip(tip)
        # on a server the role is who works, and says so: a name typed for case files, shown
        # beside it, would be a second and perhaps another name
        self.user_label.setHidden(bool(server))
        self.mode_label.setHidden(not text)
        self._fit_counts()

    @property
    def compare_view(self) -> SourceView:
        """The second source view of side by side (built on first use; `compareViewBuilt`
        tells the app, which wires it as it wires the first)."""
        if self._compare is None:
            view = SourceView()
            view.hide()
            self.source_splitter.addWidget(view)
            view.set_context_actions(self._context_actions())
            view.set_empty_text(self._compare_empty)
            self._compare = view
            self.compareViewBuilt.emit(view)
        return self._compare

    def source_views(self) -> list[SourceView]:
        """The source views that exist: the first, and the second once side by side was used."""
        return [self.source_view] + ([self._compare] if self._compare is not None else [])

    def comparing(self) -> bool:
        """Whether side by side is on (the second view shown)."""
        return self._compare is not None and self._compare.isVisible()

    def set_comparing(self, on: bool) -> None:
        """Side by side gives the second source room; closing it puts every panel back as it
        was before."""
        if on == self.comparing():
            return
        if on:
            self._before_comparing, self._size_before = self.saveState(), self.size()
        self.compare_view.setVisible(on)
        if on and self.source_splitter.sizes()[1] == 0:
            half = self.source_splitter.width() // 2
            self.source_splitter.setSizes([half, half])
        if not on and self._before_comparing is not None:
            # Once the one view's smaller minimum is laid out, the docks can take their room.
            self._restoring, self._before_comparing = self._before_comparing, None
            QTimer.singleShot(0, self._restore_docks)

    def _restore_docks(self) -> None:
        """The layout from before side by side (unless Reset layout came first)."""
        state, self._restoring = self._restoring, None
        if state is None:
            return
        if not self.isMaximized() and not self.isFullScreen():
            self.resize(self._size_before)
        self.restoreState(state)

    # Dropping files on the window imports them.
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _importable(event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = _importable(event.mimeData().urls())
        if paths:
            event.acceptProposedAction()
            self.filesDropped.emit(paths)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        self._fit_toolbars()
        self._fit_counts()
        super().resizeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closeRequested.emit(event)


def _tabs(*pages: tuple[QWidget, str]) -> QTabWidget:
    tabs = QTabWidget()
    tabs.setDocumentMode(True)
    tabs.setTabPosition(QTabWidget.TabPosition.South)
    for widget, title in pages:
        tabs.addTab(widget, title)
    return tabs


def _importable(urls) -> list[Path]:
    from desktop.services.importing import SUPPORTED_EXTENSIONS  # loaded on the first drag

    paths = [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]
    return [p for p in paths if p.is_dir() or p.suffix.lower() in SUPPORTED_EXTENSIONS]
