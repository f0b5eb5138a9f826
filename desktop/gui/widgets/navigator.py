"""The left panel: the case's sources and incidents, each a compact sortable table.

It only asks (by signal) for anything to change; the main window turns requests into undoable
commands and then calls `reload()`, which keeps the selections by id.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPoint,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.qtmodels.incidents_model import IncidentsModel
from desktop.gui.qtmodels.sources_model import SORT_ROLE, SourcesFilterProxy, SourcesModel
from desktop.services.changes import Change, Kind

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def compact_table(model: QSortFilterProxyModel, stretch: int,
                  yielding: tuple[int, ...] = ()) -> QTableView:
    """A dense, sortable, single-selection table with one stretched column, for which the
    `yielding` columns give way in a narrow panel (their text elides)."""
    view = QTableView()
    view.setModel(model)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # titles elide
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    # Fit the columns to the rows on screen, not to the first thousand (titles and publishers
    # elide).
    header.setResizeContentsPrecision(0)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    FittedColumns(view, [c for c in range(model.columnCount()) if c != stretch], yielding)
    return view


class FittedColumns(QObject):
    """Columns as wide as what the rows on screen show, and never resized by hand.

    Qt's ResizeToContents measures every row on screen again whenever one row changes (about
    2 ms a table after each mark in a big case); here the columns are fitted when rows come,
    go or move, or the view grows, and a changed row only widens a column it no longer fits.
    """

    #: More changed rows than this at once: fit to the rows on screen instead.
    MEASURE_AT_MOST = 32
    #: The share of the table the stretched column (the title) keeps while a yielding column
    #: can still give way: in a narrow panel, or in Ukrainian, the states and the header
    #: "Open" took all but 30 px of a title.
    KEPT_SHARE = 0.4
    #: A yielding column is never narrower than this many average characters (and the
    #: margins): a few letters of it stay readable, its full text in the tooltip.
    LEAST_CHARACTERS = 5

    def __init__(self, view: QTableView, columns: list[int],
                 yielding: tuple[int, ...] = ()) -> None:
        super().__init__(view)
        self._view, self._columns, self._yielding = view, columns, yielding
        self._natural: dict[int, int] = {}  # each column's width fitted to what it shows
        model = view.model()
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved,
                       model.layoutChanged):
            signal.connect(self.fit)
        model.dataChanged.connect(self._widen)
        view.viewport().installEventFilter(self)
        self._unfitted = True
        self.fit()

    def fit(self, *_) -> None:
        """Fit each column to its header and the rows on screen (once shown: a hidden view
        would measure every row)."""
        self._unfitted = not self._view.isVisible()
        if self._unfitted:
            return
        header = self._view.horizontalHeader()
        for column in self._columns:
            if not self._view.isColumnHidden(column):
                self._view.resizeColumnToContents(column)
                self._natural[column] = header.sectionSize(column)
        self._give_way()

    def _give_way(self) -> None:
        """Narrow the yielding columns, the widest first, so that the stretched column keeps
        KEPT_SHARE of the table; each back to its fitted width when there is room."""
        if not self._yielding or self._unfitted:
            return
        view, header = self._view, self._view.horizontalHeader()
        shown = [c for c in self._columns if not view.isColumnHidden(c)]
        left = int(view.viewport().width() * (1 - self.KEPT_SHARE)) - sum(
            self._natural.get(c, header.sectionSize(c)) for c in shown
            if c not in self._yielding)
        least = view.fontMetrics().averageCharWidth() * self.LEAST_CHARACTERS + 12
        giving = sorted((self._natural.get(c, header.sectionSize(c)), c) for c in shown
                        if c in self._yielding)
        for n, (width, column) in enumerate(giving):
            width = max(min(width, left // (len(giving) - n)), min(width, least))
            left -= width
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if (kind == QEvent.Type.Show and self._unfitted) or (
                kind == QEvent.Type.Resize and event.size().height() > event.oldSize().height()):
            self.fit()  # shown, or more rows on screen
        elif kind == QEvent.Type.Resize and event.size().width() != event.oldSize().width():
            self._give_way()  # more or less room for the title
        return False

    def _widen(self, top: QModelIndex, bottom: QModelIndex, *_) -> None:
        if self._unfitted:
            return
        rows = range(top.row(), bottom.row() + 1)
        if len(rows) > self.MEASURE_AT_MOST:
            self.fit()
            return
        view, model, header = self._view, self._view.model(), self._view.horizontalHeader()
        for column in self._columns:
            if view.isColumnHidden(column) or not top.column() <= column <= bottom.column():
                continue
            needed = max(view.sizeHintForIndex(model.index(row, column)).width()
                         for row in rows)
            if needed > self._natural.get(column, header.sectionSize(column)):
                self._natural[column] = needed
                header.resizeSection(column, needed)
        self._give_way()


def section_title(text: str) -> QLabel:
    """The heading of a section of the panel."""
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def select_row_with_id(view: QTableView, item_id: int | None) -> bool:
    """Select and show the row whose Qt.UserRole is `item_id`; False when it is not shown."""
    model = view.model()
    if item_id is None or model.rowCount() == 0:
        return False
    found = model.match(model.index(0, 0), Qt.ItemDataRole.UserRole, item_id, 1,
                        Qt.MatchFlag.MatchExactly)
    if not found:
        return False
    view.selectionModel().setCurrentIndex(
        found[0], QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows)
    view.scrollTo(found[0])
    return True


def current_id(view: QTableView) -> int | None:
    """The id of the selected row of a single-selection view, or None."""
    rows = view.selectionModel().selectedRows()
    return rows[0].data(Qt.ItemDataRole.UserRole) if rows else None


class Navigator(QWidget):
    """Sources above incidents, in a splitter; emits what the user asks for, by id."""

    sourceActivated = Signal(int)  # a click or Enter: open the source
    sourceEditRequested = Signal(int)  # "Edit source details…"
    incidentSelected = Signal(int)  # a (different) incident became the current one
    incidentSelectionCleared = Signal()  # no incident is selected any more
    incidentAddRequested = Signal()
    incidentRenameRequested = Signal(int, str, str)  # incident id, new title, the title shown
    incidentDeleteRequested = Signal(int)  # confirming is the main window's job

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sources_model = SourcesModel(self)
        self.sources_proxy = SourcesFilterProxy(self)
        self.sources_proxy.setSourceModel(self.sources_model)
        self.incidents_model = IncidentsModel(self)
        self.incidents_proxy = QSortFilterProxyModel(self)
        self.incidents_proxy.setSortRole(SORT_ROLE)
        self.incidents_proxy.setSourceModel(self.incidents_model)
        self._incident: int | None = None  # the last one announced, to announce changes only
        self._source: int | None = None  # the one the user chose (filtering must not move it)
        self._keeping_source = False
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("navigatorSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self._sources_section())
        self.splitter.addWidget(self._incidents_section())
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self._update_titles()

    # Building
    def _sources_section(self) -> QWidget:
        """Heading, filter box and the sources table."""
        self.sources_title = section_title(self.tr("Sources"))
        self.source_filter = QLineEdit()
        self.source_filter.setPlaceholderText(self.tr("Filter sources…"))
        self.source_filter.setClearButtonEnabled(True)
        self.source_filter.textChanged.connect(self._filter_sources)
        self.sources_view = compact_table(self.sources_proxy, SourcesModel.TITLE)
        self.sources_view.setObjectName("sourcesView")
        for column in (SourcesModel.PUBLISHER, SourcesModel.DATE):  # in the title's tooltip
            self.sources_view.setColumnHidden(column, True)
        self.sources_view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # import order
        self.sources_view.clicked.connect(self._activate_source)  # one click opens it
        self.sources_view.selectionModel().selectionChanged.connect(self._source_changed)
        self.sources_view.installEventFilter(self)
        self.sources_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.sources_view.customContextMenuRequested.connect(self._show_source_menu)
        return self._section(self.sources_title, self.source_filter, self.sources_view)

    def _incidents_section(self) -> QWidget:
        """Heading, the incidents table and its Add / Rename / Delete buttons."""
        self.incidents_title = section_title(self.tr("Incidents"))
        self.incidents_view = compact_table(self.incidents_proxy, IncidentsModel.TITLE,
                                            (IncidentsModel.STATE, IncidentsModel.OPEN))
        self.incidents_view.setObjectName("incidentsView")
        self.incidents_view.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.incidents_view.setColumnHidden(IncidentsModel.EVIDENCE, True)  # in Open's tooltip
        self.incidents_view.sortByColumn(IncidentsModel.CODE, Qt.SortOrder.AscendingOrder)
        self.incidents_view.installEventFilter(self)
        self.incidents_view.selectionModel().selectionChanged.connect(self._incident_changed)
        self.incidents_model.renameRequested.connect(self.incidentRenameRequested)
        self.add_button = QPushButton(self.tr("Add"))
        self.add_button.setToolTip(self.tr("Add an incident to the case"))
        self.add_button.clicked.connect(self.incidentAddRequested)
        self.rename_button = QPushButton(self.tr("Rename"))
        self.rename_button.setToolTip(self.tr("Edit the title of the selected incident (F2)"))
        self.rename_button.clicked.connect(self.rename_current_incident)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setToolTip(
            self.tr("Delete the selected incident; its evidence is kept (Del)"))
        self.delete_button.clicked.connect(self._request_delete)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.add_button, self.rename_button, self.delete_button):
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            buttons.addWidget(button)
        buttons.addStretch(1)
        section = self._section(self.incidents_title, self.incidents_view)
        section.layout().addLayout(buttons)
        self._update_buttons()
        return section

    def _section(self, *widgets: QWidget) -> QWidget:
        """A splitter pane holding `widgets` top to bottom (the last one grows)."""
        pane = QWidget()
        layout = QVBoxLayout(pane)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        for widget in widgets:
            layout.addWidget(widget, 1 if widget is widgets[-1] else 0)
        return pane

    # Public API
    def reload(self) -> None:
        """Read sources and incidents again, keeping the selected source and incident."""
        incident = self.current_incident_id()
        self._keeping_source_choice(self.sources_model.reload)
        self.incidents_model.reload()
        if not self.select_incident(incident):
            self._incident_changed()  # it is gone: say so
        self._update_titles()

    def case_changed(self, change: Change) -> None:
        """Redraw the sources and incidents the change names (their counts and open elements
        follow their evidence). Qt keeps the selections through such updates; after a reset
        the same source and incident are selected again."""
        sources, incidents = change.ids(Kind.SOURCE), change.ids(Kind.INCIDENT)
        if sources is None or sources:
            self._keeping_source_choice(lambda: self.sources_model.update(sources))
        if incidents is None or incidents:
            incident = self.current_incident_id()
            if self.incidents_model.update(incidents):  # reset: select the incident again
                if not self.select_incident(incident):
                    self._incident_changed()  # it is gone: say so
            elif incident is not None and self.incidents_model.row_of(incident) < 0:
                self._incident_changed()
        if sources is None or sources or incidents is None or incidents:
            self._update_titles()

    def select_source(self, source_id: int | None) -> bool:
        """Select (and scroll to) a source; clears the filter when it hides that source."""
        if source_id is None:
            return False
        if select_row_with_id(self.sources_view, source_id):
            return True
        if self.sources_model.row_of(source_id) < 0:
            return False
        self.source_filter.clear()
        return select_row_with_id(self.sources_view, source_id)

    def select_incident(self, incident_id: int | None) -> bool:
        """Select (and scroll to) an incident; emits incidentSelected when it changes."""
        return select_row_with_id(self.incidents_view, incident_id)

    def current_source_id(self) -> int | None:
        """The selected source, or None."""
        return current_id(self.sources_view)

    def current_incident_id(self) -> int | None:
        """The selected incident, or None."""
        return current_id(self.incidents_view)

    def rename_current_incident(self) -> None:
        """Edit the selected incident's title in place; committing it asks for the rename."""
        rows = self.incidents_view.selectionModel().selectedRows(IncidentsModel.TITLE)
        if rows:
            self.incidents_view.setCurrentIndex(rows[0])
            self.incidents_view.edit(rows[0])

    def source_menu(self, source_id: int) -> QMenu:
        """The context menu of a source (built apart from showing it, so it can be tested)."""
        menu = QMenu(self)
        open_action = QAction(self.tr("Open"), menu)
        open_action.triggered.connect(lambda: self.sourceActivated.emit(source_id))
        edit = QAction(self.tr("Edit source details…"), menu)
        edit.triggered.connect(lambda: self.sourceEditRequested.emit(source_id))
        menu.addAction(open_action)
        menu.addAction(edit)
        menu.setDefaultAction(open_action)
        return menu

    # Reactions
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter opens a source; Delete asks to delete an incident."""
        if event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(watched, event)
        key = event.key()
        if watched is self.sources_view and key in _ENTER:
            self._activate_source(self.sources_view.currentIndex())
            return True
        if watched is self.incidents_view and key == Qt.Key.Key_Delete:
            self._request_delete()
            return True
        return super().eventFilter(watched, event)

    def _filter_sources(self, text: str) -> None:
        self._keeping_source_choice(lambda: self.sources_proxy.set_text(text))
        self._update_titles()

    def _keeping_source_choice(self, change: Callable[[], bool | None]) -> None:
        """Run a reset or refilter and select the chosen source again if it is shown.

        Qt would select a neighbour of a row that disappears; the choice survives being
        filtered out, and is forgotten only when the source itself is gone. A change that
        returns False (rows updated in place, nothing reset) keeps the selection as it is.
        """
        self._keeping_source = True
        try:
            if change() is not False and not select_row_with_id(self.sources_view,
                                                                 self._source):
                self.sources_view.clearSelection()
        finally:
            self._keeping_source = False
        if self._source is not None and self.sources_model.row_of(self._source) < 0:
            self._source = None

    def _source_changed(self, *_) -> None:
        if not self._keeping_source:
            self._source = self.current_source_id()

    def _activate_source(self, index: QModelIndex) -> None:
        if index.isValid():
            self.sourceActivated.emit(index.data(Qt.ItemDataRole.UserRole))

    def _show_source_menu(self, pos: QPoint) -> None:
        index = self.sources_view.indexAt(pos)
        if index.isValid():
            self.sources_view.selectRow(index.row())
            menu = self.source_menu(index.data(Qt.ItemDataRole.UserRole))
            menu.exec(self.sources_view.viewport().mapToGlobal(pos))
            menu.deleteLater()

    def _incident_changed(self, *_) -> None:
        """Announce the current incident, but only when it really changed (reloads reselect)."""
        incident = self.current_incident_id()
        self._update_buttons()
        if incident == self._incident:
            return
        self._incident = incident
        if incident is None:
            self.incidentSelectionCleared.emit()
        else:
            self.incidentSelected.emit(incident)

    def _request_delete(self) -> None:
        incident = self.current_incident_id()
        if incident is not None:
            self.incidentDeleteRequested.emit(incident)

    def _update_buttons(self) -> None:
        chosen = self.current_incident_id() is not None
        self.rename_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def _update_titles(self) -> None:
        """Headings with counts: "Sources (3 of 5)" while filtered."""
        shown, total = self.sources_proxy.rowCount(), self.sources_model.rowCount()
        self.sources_title.setText(
            self.tr("Sources ({shown} of {total})").format(shown=shown, total=total)
            if shown != total else self.tr("Sources ({total})").format(total=total))
        self.incidents_title.setText(
            self.tr("Incidents ({count})").format(count=self.incidents_model.rowCount()))
