"""A PDF source's page beside its text, the selected span marked; the evidence panel cites the
span's page."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.gui.qtmodels.evidence_model import EvidenceModel
from desktop.gui.widgets.source_view import SourceView
from desktop.services import evidence, sources

CORPUS = Path(__file__).parents[2] / "corpus" / "pdf"


@pytest.fixture
def report(case, actor):
    """A two-page PDF report in the case, with a span on its second page."""
    source_id = sources.import_files([CORPUS / "en_report_ligatures.pdf"],
                                     actor=actor).imported[0][1]
    text = sources.source_text(source_id)
    start = text.index("The full report", sources.source_pages(source_id)[1])
    span = evidence.add_evidence(source_id, start, start + 15, actor=actor).id
    return source_id, span


@pytest.fixture
def view(qtbot, report):
    widget = SourceView()
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_source(report[0])
    yield widget
    widget.page_pane().shut_down()  # the drawing process ends with the test


def test_the_page_image_shows_the_selected_span_on_its_page(qtbot, view, report):
    _source_id, span = report
    button = view._header.page_button
    assert button.isVisible() and not view.page_pane().isVisible()
    view.select_span(span)
    button.click()
    pane = view.page_pane()
    assert pane.isVisible()
    qtbot.waitUntil(lambda: pane.image() is not None, timeout=20_000)
    image = pane.image()
    assert (image.page, image.pages) == (2, 2) and len(image.boxes) == 1
    assert pane.where.text() == "Page 2 of 2"
    assert pane.next.isEnabled() is False and pane.previous.isEnabled()
    pane.previous.click()
    qtbot.waitUntil(lambda: pane.image().page == 1, timeout=20_000)
    assert pane.image().boxes == []  # the span is not on page 1
    button.click()
    assert not pane.isVisible()
    pane.wait()


def test_a_text_source_offers_no_page_image(qtbot, view, tmp_path, actor):
    note = tmp_path / "note.txt"
    note.write_text("Shelling reported at dawn.", encoding="utf-8")
    other = sources.import_files([note], actor=actor).imported[0][1]
    view._header.page_button.click()
    view.set_source(other)
    assert not view._header.page_button.isVisible()
    assert not view._header.page_button.isChecked() and not view.page_pane().isVisible()
    view.page_pane().wait()


def test_the_evidence_panel_cites_the_page(qtbot, report):
    model = EvidenceModel()
    model.reload()
    (row,) = [model.row_at(i) for i in range(model.rowCount())]
    assert model.page_citation(row) == "p. 2"
    text = model.data(model.index(0, EvidenceModel.SOURCE))
    assert text == "Shelling of a residential district · p. 2"
