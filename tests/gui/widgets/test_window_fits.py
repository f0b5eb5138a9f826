"""The window on a small screen (1024×700), in English and in Ukrainian: every text readable,
nothing behind », the layout side by side and back as it was, and empty panels that say what
to do next."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QLabel

from desktop.domain.models import Evidence, Incident
from desktop.gui.app import CasefileApp
from desktop.services import demo
from tests.gui.widgets.fits import clipped_texts
from tests.gui.widgets.test_main_window import casefile, messages, settings  # noqa: F401
from tests.gui.widgets.test_translation import uk_catalogue, ukrainian  # noqa: F401

SMALL = (1024, 700)


@pytest.fixture(params=["en", "uk"])
def language(request) -> str:
    """The interface language, installed before the window is built."""
    if request.param == "uk":
        request.getfixturevalue("ukrainian")
    return request.param


@pytest.fixture
def demo_case(language, casefile, tmp_path):  # noqa: F811 (the fixtures imported above)
    """The demo case open in a 1024×700 window with the panels at their default share (as on
    a first start on such a screen, or after View → Reset layout), an incident and one of its
    quotes shown."""
    path = tmp_path / "demo.casefile"
    demo.build_demo(path)
    casefile.window.resize(*SMALL)
    casefile.window.actions.reset_layout.trigger()
    assert casefile.cases.open_case(path) is not False
    incident = Incident.get(Incident.code == "INC-003")
    casefile.editing.select_incident(incident.id)
    quote = Evidence.get((Evidence.incident == incident.id)
                         & (Evidence.supports == "rs_8_2_b_vi:killing"))
    casefile.reading.show_evidence(quote.id)
    settle()
    return casefile


def settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


def test_every_text_fits_at_1024_by_700(demo_case):
    window = demo_case.window
    assert (window.width(), window.height()) == SMALL
    assert not clipped_texts(window), "\n".join(clipped_texts(window))
    legend = [label.text() for label in window.source_view._legend.findChildren(QLabel)
              if label.isVisible()]
    assert len(legend) == 6  # five statuses and the overlap, each whole
    toolbars = {"mainToolbar": window.toolbar, "statusToolbar": window.status_toolbar}
    assert all(bar.isVisible() for bar in toolbars.values())
    assert window.counts_label.text().startswith("5 ")  # never cut mid-sentence
    assert window.counts_label.toolTip().startswith(window.counts_label.text())


def test_the_incident_form_fits_its_dock_without_scrolling_sideways(demo_case):
    form = demo_case.window.incident_form
    scroll = form._scroll
    assert scroll.horizontalScrollBar().maximum() == 0  # a long choice does not widen it
    viewport = scroll.viewport()
    for key in ("date", "place", "victims", "victim_status"):
        badge = form.badge(key)
        right = badge.mapTo(viewport, badge.rect().topRight()).x()
        assert right < viewport.width(), key  # every badge in view, none cut at the edge
    status = form.editor("victim_status")
    assert status.view().minimumWidth() >= status.sizeHint().width()  # its list shows all


def dock_sizes(window) -> list[tuple[int, int]]:
    return [(dock.width(), dock.height()) for dock in window.docks()]


def test_side_by_side_keeps_the_form_readable_and_closing_it_restores_the_layout(
        demo_case, settings):  # noqa: F811
    window = demo_case.window
    before = dock_sizes(window)
    window.actions.compare.setChecked(True)
    settle()
    assert window.compare_view.isVisible() and window.width() == SMALL[0]
    assert not clipped_texts(window), "\n".join(clipped_texts(window))
    demo_case.save_layout()  # quitting now keeps the layout from before side by side
    window.actions.compare.setChecked(False)
    settle()
    assert dock_sizes(window) == before
    assert settings.window_state()[1] == window.saveState()


def test_a_layout_saved_side_by_side_starts_as_it_was_before(qtbot, demo_case,
                                                             settings):  # noqa: F811
    window = demo_case.window
    before = dock_sizes(window)
    window.actions.compare.setChecked(True)
    settle()
    demo_case.save_layout()  # the window is closed while two sources are side by side
    again = CasefileApp(settings)
    qtbot.addWidget(again.window)
    again.window.show()
    settle()
    assert not again.window.actions.compare.isChecked()
    # The side panels as they were (the window itself fits this test's smaller screen).
    assert dock_sizes(again.window)[:2] == before[:2]


def test_reset_layout_brings_every_panel_back(demo_case):
    window = demo_case.window
    window.actions.compare.setChecked(True)
    window.navigator_dock.hide()
    window.incident_dock.setFloating(True)
    window.actions.reset_layout.trigger()
    settle()
    assert not window.actions.compare.isChecked() and not window.compare_view.isVisible()
    assert all(dock.isVisible() and not dock.isFloating() for dock in window.docks())
    assert window.source_view.width() > window.width() // 3  # the text keeps the most room


def test_review_mode_at_1024_by_700_shows_the_whole_card(demo_case):
    window = demo_case.window
    window.actions.review_mode.setChecked(True)
    settle()
    assert window.review_panel.isVisible() and window.width() == SMALL[0]
    assert not clipped_texts(window), "\n".join(clipped_texts(window))
    # Without scrolling, the card shows its third line: the grade and the status.
    card = window.review_panel.card
    viewport = card.parentWidget()
    document = QTextDocument()
    document.setDefaultFont(card.font())
    document.setDocumentMargin(0)
    document.setHtml(card.text())
    document.setTextWidth(card.contentsRect().width())
    third = document.findBlockByNumber(2)
    assert "B3" in third.text()  # the grade of the span on the card
    bottom = (document.documentLayout().blockBoundingRect(third).top()
              + third.layout().lineAt(0).rect().bottom())
    assert card.contentsRect().top() + bottom <= viewport.height()


def test_dialogs_are_at_most_1000_pixels_wide(qtbot, demo_case, tmp_path):
    from desktop.gui.widgets.dialogs.export_dossier import ExportDossierDialog
    from desktop.gui.widgets.dialogs.mark_evidence import MarkEvidenceDialog
    from desktop.gui.widgets.dialogs.new_case import EncryptCaseDialog, NewCaseDialog
    from desktop.gui.widgets.dialogs.preferences import PreferencesDialog
    from desktop.gui.widgets.dialogs.protected_people import ProtectedPeopleDialog
    from desktop.gui.widgets.dialogs.shortcuts import ShortcutsDialog
    from desktop.gui.widgets.dialogs.source_details import SourceDetailsDialog

    window = demo_case.window
    incident = Incident.get(Incident.code == "INC-003").id
    source = Evidence.get(Evidence.incident == incident).source_id
    for dialog in (NewCaseDialog("case", window), EncryptCaseDialog(window),
                   ExportDossierDialog(tmp_path / "dossier.docx", window),
                   MarkEvidenceDialog("nine Ukrainian prisoners of war", incident, window),
                   ProtectedPeopleDialog(window), ShortcutsDialog(window),
                   SourceDetailsDialog(source, window), PreferencesDialog("Olena", "uk", window)):
        dialog.show()
        settle()
        assert dialog.width() <= 1000, f"{type(dialog).__name__} is {dialog.width()} px wide"
        dialog.close()
        dialog.deleteLater()


def test_empty_panels_say_what_to_do_next(qtbot, casefile, tmp_path):  # noqa: F811
    window = casefile.window
    assert "New case" in window.source_view._empty.text()
    assert casefile.cases.new_case(tmp_path / "new.casefile", "New case")
    assert "Import sources" in window.source_view._empty.text()
    assert "No incident yet" in window.incident_form._empty_label.text()
    tour = casefile.session.start_tour()
    tour.advance()
    tour.advance()
    assert tour.heading.text() == "The incident"
    assert "badges count" not in tour.body.text() and "Add" in tour.body.text()
    tour.close_tour()
    from tests.gui.widgets.test_main_window import import_seeds
    import_seeds(qtbot, casefile)
    qtbot.waitUntil(lambda: "Open a source" in window.source_view._empty.text())
    assert "No incident yet" in window.incident_form._empty_label.text()
    casefile.editing.add_incident()
    assert "Select or add" in window.incident_form._empty_label.text()


def test_the_incident_list_keeps_room_for_the_titles(demo_case):
    from desktop.gui.qtmodels.incidents_model import IncidentsModel

    view = demo_case.window.navigator.incidents_view
    header = view.horizontalHeader()
    assert header.sectionSize(IncidentsModel.TITLE) >= 0.39 * view.viewport().width()
    code = view.model().index(0, IncidentsModel.CODE)
    assert header.sectionSize(IncidentsModel.CODE) >= view.sizeHintForIndex(code).width()
    state = view.model().index(0, IncidentsModel.STATE)
    assert state.data(Qt.ItemDataRole.ToolTipRole) == state.data()  # elided: said in full
    demo_case.window.navigator_dock.resize(700, 400)  # a wide panel: nothing gives way
    demo_case.window.resizeDocks([demo_case.window.navigator_dock], [700],
                                 Qt.Orientation.Horizontal)
    settle()
    assert header.sectionSize(IncidentsModel.STATE) >= view.sizeHintForColumn(
        IncidentsModel.STATE)


def test_the_source_header_leaves_out_what_it_has_no_room_for(demo_case):
    header = demo_case.window.source_view._header
    shown = [label for label in (header.meta, header.kind, header.hash) if label.isVisible()]
    assert header.meta in shown
    for label in shown:  # each whole, or enough of it to read: never "В…" or "S…"
        assert label.text() == label.full_text() or len(label.text().rstrip("…")) >= 12
    for label in {header.kind, header.hash} - set(shown):  # said by the publisher's tooltip
        assert (label.full_text() if label is header.kind else label.toolTip()) in \
            header.meta.toolTip()
    demo_case.window.resize(1440, 900)
    settle()
    assert header.kind.isVisible() and header.hash.isVisible()
    assert " — " in header.grade.text()  # the grade in words where there is room


def test_a_long_grade_gives_way_to_its_letter_before_the_publisher_is_cut_short(
        demo_case):
    from desktop.domain.models import Source
    from desktop.services import sources

    source = Source.get(Source.original_name == "003_b8c3f3517aeeccd0.txt").id
    sources.update_source(source, actor="Olena", reliability="F", publisher="Publisher X")
    demo_case.reading.open_source(source)
    demo_case.window.source_view.refresh_header()
    settle()
    header = demo_case.window.source_view._header
    assert header.meta.text() == header.meta.full_text()  # whole: the grade gave way
    if header.grade.text() == "F":  # no room for the words: the letter, its words in the tip
        assert header.grade.toolTip().splitlines()[0].split(": ", 1)[1].startswith("F — ")
    else:
        assert header.grade.text().startswith("F — ")


def test_the_evidence_quote_keeps_room_and_fills_a_wide_table(demo_case):
    from desktop.gui.qtmodels.evidence_model import EvidenceModel

    view = demo_case.window.evidence_panel.view
    header = view.horizontalHeader()
    assert header.sectionSize(EvidenceModel.QUOTE) >= 0.4 * view.viewport().width() - 1
    demo_case.window.resize(1440, 900)
    settle()
    shown = sum(header.sectionSize(c) for c in range(header.count())
                if not header.isSectionHidden(c))
    if shown > view.viewport().width():  # the other columns need more than the table has
        assert header.sectionSize(EvidenceModel.QUOTE) >= 0.4 * view.viewport().width() - 1
    else:  # the quote takes what the others leave, to the table's right edge
        assert shown == view.viewport().width()
