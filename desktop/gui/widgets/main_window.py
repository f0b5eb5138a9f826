"""The main window: menus, toolbar, panels and status bar. It lays widgets out and owns the
actions; what the actions do is wired in `desktop.gui.app`."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
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
from desktop.services.importing import SUPPORTED_EXTENSIONS


class MainWindow(QMainWindow):
    """Navigator (left), source view(s) (centre), incident form (right), evidence (bottom)."""

    filesDropped = Signal(list)  # list[Path] of importable files dropped on the window
    closeRequested = Signal(QCloseEvent)  # the app decides whether the window may close

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self.setDockNestingEnabled(True)
        self.actions = Actions(self)
        self.navigator = Navigator()
        self.source_view = SourceView()
        self.compare_view = SourceView()
        self.compare_view.hide()
        self.source_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.source_splitter.setObjectName("sourceSplitter")
        self.source_splitter.addWidget(self.source_view)
        self.source_splitter.addWidget(self.compare_view)
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
        self.resizeDocks([self.navigator_dock, self.incident_dock], [340, 400],
                         Qt.Orientation.Horizontal)
        self.resizeDocks([self.evidence_dock], [230], Qt.Orientation.Vertical)
        self.recent_menu = QMenu(self.tr("Open &recent"), self)
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        self.source_view.set_context_actions(self._context_actions())
        self.compare_view.set_context_actions(self._context_actions())
        self.resize(1440, 900)

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
        bar = QToolBar(self.tr("Main"), self)
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.setIconSize(QSize(16, 16))
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        a = self.actions
        for action in (a.import_files, None, a.new_incident, a.mark_evidence, None):
            bar.addAction(action) if action else bar.addSeparator()
        for action, grade in zip(a.status_actions(), scales.VERIFICATION_STATUSES, strict=True):
            look = scales.STATUS_LOOKS[grade.code]
            action.setIconText(f"{look.mark} {short_status(grade.code)}")
            bar.addAction(action)
            button = bar.widgetForAction(action)
            button.setStyleSheet(f"QToolButton {{ background: {look.colour}; border: 1px solid "
                                 "#bbb; border-radius: 3px; padding: 2px 6px; margin: 0 1px; }")
        bar.addSeparator()
        for action in (a.compare, a.search_case, None, a.undo, a.redo):
            bar.addAction(action) if action else bar.addSeparator()
        self.addToolBar(bar)
        self.toolbar = bar

    def _build_status_bar(self) -> None:
        self.counts_label = QLabel("")
        self.user_label = QLabel("")
        self.user_label.setStyleSheet("color: #444; padding: 0 6px;")
        self.statusBar().addWidget(self.counts_label, 1)
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
        if about is None:
            self.counts_label.setText(self.tr("No case open"))
            return
        by_status = ", ".join(
            self.tr("{count} {status}", "evidence in a status: 3 verified").format(
                count=about.evidence_by_status[g.code], status=scale_text(g.label).lower())
            for g in scales.VERIFICATION_STATUSES if about.evidence_by_status.get(g.code))
        counts = (plural(self.tr("%n source(s)", "", about.sources), about.sources),
                  plural(self.tr("%n incident(s)", "", about.incidents), about.incidents),
                  self.tr("%n evidence", "spans of evidence", about.evidence))
        self.counts_label.setText(" · ".join(counts) + (f" ({by_status})" if by_status else ""))

    def show_user(self, name: str) -> None:
        self.user_label.setText(self.tr("Working as {name}").format(name=name))

    def show_case_title(self, title: str | None, path: Path | None) -> None:
        self.setWindowTitle(printable(f"{title} — {path.name} — {APP_NAME}") if title and path
                            else APP_NAME)

    def set_comparing(self, on: bool) -> None:
        self.compare_view.setVisible(on)
        if on and self.source_splitter.sizes()[1] == 0:
            half = self.source_splitter.width() // 2
            self.source_splitter.setSizes([half, half])

    # Dropping files on the window imports them.
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _importable(event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = _importable(event.mimeData().urls())
        if paths:
            event.acceptProposedAction()
            self.filesDropped.emit(paths)

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
    paths = [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]
    return [p for p in paths if p.is_dir() or p.suffix.lower() in SUPPORTED_EXTENSIONS]
