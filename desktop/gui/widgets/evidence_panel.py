"""The bottom panel: every evidence span of the case in one sortable, filterable table.

Edits (credibility, note) are asked for by `editRequested`; the main window applies them as
undoable commands, and `case_changed` redraws the spans each Change names, keeping the
selection by id.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QIcon, QPixmap, QRegion
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import db, scales
from desktop.gui.i18n import format_date, plural, scale_label
from desktop.gui.qtmodels.evidence_model import (
    CredibilityDelegate,
    EvidenceFilterProxy,
    EvidenceModel,
    credibility_text,
    elided,
    status_text,
)
from desktop.services import incidents, sources
from desktop.services.changes import Change, Kind
from desktop.services.evidence import EvidenceRow

M = EvidenceModel


def column_fits() -> dict[int, str | int]:
    """What each column must fit at first: a sample text, or a number of average characters for
    free text (elided beyond). The quote takes the rest of the width. Samples are in the
    interface language, so they are built when the table is."""
    return {
        M.ENO: "E-0000", M.SOURCE: 16, M.INCIDENT: "INC-000", M.SUPPORTS: 14, M.VALUE: 9,
        M.STATUS: max((status_text(code) for code in scales.STATUS_CODES), key=len),
        M.CREDIBILITY: credibility_text("2"),
        M.REVIEW: max((scale_label(scales.REVIEW_STATES, code) for code in scales.REVIEW_CODES),
                      key=len),
        M.NOTE: 12, M.CREATED_BY: 14, M.CREATED_AT: format_date("2025-12-31"),
    }


#: Shown on demand (header context menu): less used, and the panel is often narrow.
HIDDEN_AT_FIRST = (M.CREATED_BY, M.CREATED_AT)
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def swatch(colour: str) -> QIcon:
    """A small square of a status colour, for the status filter's items."""
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


def choose(combo: QComboBox, data: object) -> bool:
    """Select the item holding `data`; False (and the first item) when there is none."""
    found = combo.findData(data)
    combo.setCurrentIndex(max(found, 0))
    return found >= 0


class _ColumnsHeader(QHeaderView):
    """The table's column header. Its sections do not show which rows are selected
    (setHighlightSections(False)), so selecting a row need not repaint it: Qt repaints every
    section a selected row spans, the whole header, after each mark or click."""

    def __init__(self, parent: QTableView) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(True)  # as a table's own header: a click sorts

    def visualRegionForSelection(self, selection: QItemSelection) -> QRegion:  # noqa: N802
        return QRegion()


class _QuoteRoom(QObject):
    """The quote takes the width the other columns leave, and never less than QUOTE_SHARE of
    the table (the table then scrolls sideways to the rest): in a narrow panel, or in
    Ukrainian, whose statuses and grades are longer, a stretched quote was cut to 100 px."""

    QUOTE_SHARE = 0.4

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self._view = view
        header = view.horizontalHeader()
        header.setSectionResizeMode(M.QUOTE, QHeaderView.ResizeMode.Interactive)
        header.sectionResized.connect(lambda column, *_: column != M.QUOTE and self.fit())
        view.viewport().installEventFilter(self)

    def fit(self) -> None:
        header = self._view.horizontalHeader()
        others = sum(header.sectionSize(c) for c in range(header.count())
                     if c != M.QUOTE and not header.isSectionHidden(c))
        room = self._view.viewport().width()
        width = max(room - others, int(room * self.QUOTE_SHARE), header.minimumSectionSize())
        if header.sectionSize(M.QUOTE) != width:
            header.resizeSection(M.QUOTE, width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and event.size().width() != event.oldSize().width():
            self.fit()
        return False


class EvidencePanel(QWidget):
    """Filter bar above the evidence table; speaks in evidence ids."""

    evidenceActivated = Signal(int)  # double-click or Enter: show the span in its source
    selectionChangedIds = Signal(list)  # the selected evidence ids, in table order
    shownChanged = Signal()  # the filters or the scope changed which spans the table shows
    editRequested = Signal(list, dict, object)  # (ids, changes, values shown) from the model

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = EvidenceModel(self)
        self._proxy = EvidenceFilterProxy(self)
        self._proxy.setSourceModel(self._model)
        self._model.editRequested.connect(self.editRequested)
        self._current_incident: int | None = None
        self._announced: list[int] = []
        #: What the filter combos offer, by id: to tell whether a change renamed one.
        self._offered: dict[str, dict[int, str]] = {"incident": {}, "source": {}}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addLayout(self._filter_bar())
        layout.addWidget(self._table(), 1)
        self._proxy.rowsInserted.connect(self._update_count)
        self._proxy.rowsRemoved.connect(self._update_count)
        # The proxy takes out a span the model removes while the model still counts it:
        # the count is read again once the model has removed it too.
        self._model.rowsRemoved.connect(self._update_count)
        self._proxy.modelReset.connect(self._update_count)
        self._proxy.layoutChanged.connect(self._update_count)
        self._update_scope_box()
        self._update_count()

    # Building
    def _filter_bar(self) -> QHBoxLayout:
        """Status, incident and source combos, the text filter, the scope box and a count."""
        self.status_combo = QComboBox()
        self.status_combo.setToolTip(self.tr("Show spans in one verification status"))
        self.status_combo.addItem(self.tr("All statuses"), None)
        for grade in scales.VERIFICATION_STATUSES:
            self.status_combo.addItem(swatch(scales.STATUS_LOOKS[grade.code].colour),
                                      status_text(grade.code), grade.code)
        self.incident_combo = self._wide_combo(self.tr("Show the evidence of one incident"), 12)
        self.source_combo = self._wide_combo(self.tr("Show the evidence marked in one source"),
                                             18)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Filter quotes and notes…"))
        self.search.setClearButtonEnabled(True)
        self.scope_box = QCheckBox(self.tr("Current incident only"))
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color: palette(placeholder-text);")
        self._count_box = QWidget()  # the label at the size of its text (_update_count)
        box = QHBoxLayout(self._count_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.count_label)
        self.status_combo.currentIndexChanged.connect(self._filters_changed)
        self.incident_combo.currentIndexChanged.connect(self._filters_changed)
        self.source_combo.currentIndexChanged.connect(self._filters_changed)
        self.search.textChanged.connect(self._filters_changed)
        self.scope_box.toggled.connect(self._apply_scope)
        bar = QHBoxLayout()
        bar.setSpacing(6)
        for widget in (self.status_combo, self.incident_combo, self.source_combo):
            bar.addWidget(widget)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.scope_box)
        bar.addWidget(self._count_box)
        self._refill(self.incident_combo, self.tr("All incidents"), [])  # filled by reload():
        self._refill(self.source_combo, self.tr("All sources"), [])  # a case may not be open
        return bar

    def _wide_combo(self, tip: str, chars: int) -> QComboBox:
        """A combo that stays `chars` wide however long its items, with a wider popup."""
        combo = QComboBox()
        combo.setToolTip(tip)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(chars)
        combo.view().setMinimumWidth(combo.fontMetrics().averageCharWidth() * 56)
        return combo

    def _table(self) -> QTableView:
        """The sortable, multi-selection evidence table."""
        view = self.view = QTableView()
        view.setObjectName("evidenceView")
        view.setHorizontalHeader(_ColumnsHeader(view))
        view.setModel(self._proxy)
        view.setSortingEnabled(True)
        view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # text order, as the model reads it
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.SelectedClicked)
        view.setAlternatingRowColors(True)
        view.setShowGrid(False)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
        view.setItemDelegateForColumn(M.CREDIBILITY, CredibilityDelegate(view))
        self._size_columns(view)
        view.doubleClicked.connect(self._activate)
        view.installEventFilter(self)
        view.selectionModel().selectionChanged.connect(self._announce_selection)
        return view

    def _size_columns(self, view: QTableView) -> None:
        """Starting widths; the quote takes the rest (`_QuoteRoom`); the header's menu shows or
        hides columns."""
        header = view.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setMinimumSectionSize(40)
        metrics = view.fontMetrics()
        for column, fit in column_fits().items():
            text_width = (metrics.averageCharWidth() * fit if isinstance(fit, int)
                          else metrics.horizontalAdvance(fit))
            header.resizeSection(column, text_width + 16)  # the cell's margins
        self._quote_room = _QuoteRoom(view)
        for column in HIDDEN_AT_FIRST:
            view.setColumnHidden(column, True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._show_column_menu)

    # Public API
    def model(self) -> EvidenceModel:
        """The evidence model (for tests and wiring)."""
        return self._model

    def proxy(self) -> EvidenceFilterProxy:
        """The filtering, sorting proxy the table shows."""
        return self._proxy

    def reload(self) -> None:
        """Read the evidence and the filter choices again, keeping the selection by id."""
        self._fill_choices()
        self._keeping_selection(lambda: self._model.reload() or True)

    def case_changed(self, change: Change) -> None:
        """Redraw the spans the change names (and the filter choices, when an incident or a
        source it names was added, renamed or removed)."""
        incident_ids, source_ids = change.ids(Kind.INCIDENT), change.ids(Kind.SOURCE)
        if incident_ids is None or source_ids is None or self._choices_changed(
                incident_ids, source_ids):
            self._fill_choices()
        spans = change.ids(Kind.EVIDENCE)
        if spans is None or spans:
            self._keeping_selection(lambda: self._model.update(spans))

    def selected_ids(self) -> list[int]:
        """The selected evidence ids, top to bottom as shown."""
        rows = sorted(self.view.selectionModel().selectedRows(), key=QModelIndex.row)
        return [index.data(Qt.ItemDataRole.UserRole) for index in rows]

    def current_id(self) -> int | None:
        """The selected span the user is on: the table's current row (the one last clicked)
        when it is selected, else the first selected; None when nothing is selected."""
        index = self._current_index()
        return None if index is None else index.data(Qt.ItemDataRole.UserRole)

    def current_source_id(self) -> int | None:
        """The source of the span `current_id` names (without reading the span's row)."""
        index = self._current_index()
        return None if index is None else self._model.source_id(
            self._proxy.mapToSource(index).row())

    def _current_index(self) -> QModelIndex | None:
        """Where `current_id`'s span is in the table, or None when nothing is selected."""
        selection = self.view.selectionModel()
        current = self.view.currentIndex()
        if current.isValid() and selection.isRowSelected(current.row(), QModelIndex()):
            return current
        rows = selection.selectedRows()
        return min(rows, key=QModelIndex.row) if rows else None

    def shown_rows(self) -> list[EvidenceRow]:
        """The spans the table shows (in scope and through its filters), in text order."""
        model, proxy = self._model, self._proxy
        return [model.row_at(row) for row in range(model.rowCount())
                if proxy.mapFromSource(model.index(row, 0)).isValid()]

    def select_evidence(self, evidence_id: int) -> bool:
        """Select a span and scroll to it, lifting the scope or filters that hide it."""
        row = self._model.row_of(evidence_id)
        if row < 0 and self._model.incident_scope() is not None:
            self.scope_box.setChecked(False)
            row = self._model.row_of(evidence_id)
        if row < 0:
            return False
        if not self._proxy.mapFromSource(self._model.index(row, 0)).isValid():
            self.clear_filters()
        index = self._proxy.mapFromSource(self._model.index(row, 0))
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def set_current_incident(self, incident_id: int | None) -> None:
        """The incident selected elsewhere: the scope of "Current incident only"."""
        self._current_incident = incident_id
        self._update_scope_box()
        self._apply_scope()

    def clear_filters(self) -> None:
        """Show every span in scope again."""
        for combo in (self.status_combo, self.incident_combo, self.source_combo):
            combo.setCurrentIndex(0)
        self.search.clear()

    # Reactions
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the table shows the current span in its source."""
        if (watched is self.view and event.type() == QEvent.Type.KeyPress
                and event.key() in _ENTER):
            self._activate(self.view.currentIndex())
            return True
        return super().eventFilter(watched, event)

    def _activate(self, index: QModelIndex) -> None:
        if index.isValid():
            self.evidenceActivated.emit(index.data(Qt.ItemDataRole.UserRole))

    def _filters_changed(self, *_) -> None:
        self._proxy.set_status(self.status_combo.currentData())
        self._proxy.set_incident(self.incident_combo.currentData())
        self._proxy.set_source(self.source_combo.currentData())
        self._proxy.set_text(self.search.text())
        self._announce_selection()
        self.shownChanged.emit()

    def _apply_scope(self, *_) -> None:
        """Limit the model to the current incident while the box is ticked."""
        scoped = self.scope_box.isChecked() and self._current_incident is not None
        scope = self._current_incident if scoped else None
        was_scoped = not self.incident_combo.isEnabled()
        if scope != self._model.incident_scope():
            self._keeping_selection(lambda: self._model.set_incident_scope(scope) or True)
        # While scoped the combo names the incident shown, and cannot be changed.
        self.incident_combo.setEnabled(not scoped)
        if scoped:
            choose(self.incident_combo, scope)
        elif was_scoped:
            self.incident_combo.setCurrentIndex(0)
        self.shownChanged.emit()

    def _keeping_selection(self, change: Callable[[], bool]) -> None:
        """Run a model change and, when it reset the model, select the same spans again (those
        still shown): one selection, built with a row map, however many spans are chosen."""
        chosen, current = self.selected_ids(), self.view.currentIndex().data(
            Qt.ItemDataRole.UserRole)
        if change() and chosen:
            rows = self._model.rows_of(chosen)
            selection = QItemSelection()
            for evidence_id in chosen:
                if evidence_id in rows:
                    index = self._proxy.mapFromSource(self._model.index(rows[evidence_id], 0))
                    if index.isValid():
                        selection.select(index, index)
            flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                     | QItemSelectionModel.SelectionFlag.Rows)
            self.view.selectionModel().select(selection, flags)
            if current in rows:
                index = self._proxy.mapFromSource(self._model.index(rows[current], 0))
                self.view.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.NoUpdate)
        self._announce_selection()

    def _announce_selection(self, *_) -> None:
        """Emit the selected ids when they differ from the last ones announced."""
        ids = self.selected_ids()
        if ids != self._announced:
            self._announced = ids
            self.selectionChangedIds.emit(ids)

    def _incident_items(self, ids=None) -> list[tuple[str, int, str]]:
        """(text, id, tooltip) of the incident filter's items (all, or these incidents')."""
        return [(f"{c.code} · {elided(c.title, 40)}" if c.title else c.code, c.id, c.title)
                for c in incidents.incident_choices(ids)]

    def _source_items(self, ids=None) -> list[tuple[str, int, str]]:
        """(text, id, tooltip) of the source filter's items (all, or these sources')."""
        untitled = self.tr("Untitled source")
        return [(elided(title or untitled, 50), source_id, title)
                for source_id, title in sources.source_titles(ids).items()]

    def _choices_changed(self, incident_ids: frozenset[int],
                         source_ids: frozenset[int]) -> bool:
        """Whether an incident or source among these was added, renamed or removed."""
        for kind, ids, items in (("incident", incident_ids, self._incident_items),
                                 ("source", source_ids, self._source_items)):
            if not ids:
                continue
            fresh = {item_id: text for text, item_id, _ in items(ids)}
            offered = self._offered[kind]
            if any(offered.get(i) != fresh.get(i) for i in ids):
                return True
        return False

    def _fill_choices(self) -> None:
        """Refill the incident and source combos, keeping what was chosen if it still exists."""
        is_open = db.is_open()
        incident_items = self._incident_items() if is_open else []
        source_items = self._source_items() if is_open else []
        self._offered = {"incident": {i: text for text, i, _ in incident_items},
                         "source": {i: text for text, i, _ in source_items}}
        self._refill(self.incident_combo, self.tr("All incidents"), incident_items)
        self._refill(self.source_combo, self.tr("All sources"), source_items)

    def _refill(self, combo: QComboBox, everything: str,
                items: list[tuple[str, int, str]]) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)  # one refilter at the end, not one per item
        combo.clear()
        combo.addItem(everything, None)
        for text, item_id, tip in items:
            combo.addItem(text, item_id)
            combo.setItemData(combo.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        kept = choose(combo, chosen)
        combo.blockSignals(False)
        if chosen is not None and not kept:
            self._filters_changed()

    def _update_scope_box(self) -> None:
        has_incident = self._current_incident is not None
        self.scope_box.setEnabled(has_incident)
        self.scope_box.setToolTip(self.tr("Show only the evidence of the incident selected in "
                                          "the navigator") if has_incident
                                  else self.tr("Select an incident first"))

    def _update_count(self, *_) -> None:
        shown, total = self._proxy.rowCount(), self._model.rowCount()
        self.count_label.setText(
            plural(self.tr("{shown} of %n span(s)", "", total), total).format(shown=shown)
            if shown != total else plural(self.tr("%n span(s)", "", total), total))
        # The label's box is as big as its text, fixed: a new count as wide as the last leaves
        # the panel's layout alone. A label that can grow asks every layout up to the
        # window's to be worked out again after each mark, and the tabs around the panel then
        # repaint all of it (filters, table, tab bar).
        self._count_box.setFixedSize(self.count_label.sizeHint())

    def _show_column_menu(self, pos: QPoint) -> None:
        """Tick columns to show or hide them."""
        menu = QMenu(self)
        for column, name in enumerate(M.COLUMNS):
            action = menu.addAction(QCoreApplication.translate("EvidenceModel", name))
            action.setCheckable(True)
            action.setChecked(not self.view.isColumnHidden(column))
            action.setEnabled(column not in (M.ENO, M.QUOTE))
            action.toggled.connect(lambda on, c=column: (self.view.setColumnHidden(c, not on),
                                                         self._quote_room.fit()))
        menu.exec(self.view.horizontalHeader().mapToGlobal(pos))
        menu.deleteLater()
