"""Pages of a paged source: a span's citation, and a PDF page drawn with the span marked."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from desktop.domain.pages import span_pages
from desktop.services import evidence, pages, sources

pytestmark = pytest.mark.file_and_server


CORPUS = Path(__file__).parent.parent / "corpus" / "pdf"


def imported(name: str, actor: str) -> int:
    report = sources.import_files([CORPUS / name], actor=actor)
    assert not report.failed, report.failed
    return report.imported[0][1]


def test_a_span_cites_the_pages_it_lies_on(case, actor):
    source_id = imported("en_report_ligatures.pdf", actor)
    text = sources.source_text(source_id)
    starts = sources.source_pages(source_id)
    assert len(starts) == 2
    on_two = text.index("The full report", starts[1])
    assert span_pages(starts, on_two, on_two + 15) == (2, 2)
    assert pages.citation(span_pages(starts, 10, 40)) == "p. 1"
    assert pages.citation(span_pages(starts, starts[1] - 30, starts[1] + 30)) == "pp. 1–2"
    assert pages.citation(None) == ""
    assert pages.page_starts([source_id]) == {source_id: starts}


def test_a_ukrainian_dossier_cites_pages_in_its_own_abbreviation():
    from desktop.services.words import in_language

    with in_language("uk"):
        assert (pages.citation((14, 14)), pages.citation((14, 15))) == ("с. 14", "с. 14–15")


def test_a_text_source_has_no_pages(case, actor, tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("Shelling reported at dawn.", encoding="utf-8")
    source_id = sources.import_files([note], actor=actor).imported[0][1]
    assert pages.page_starts([source_id]) == {source_id: []}
    with pytest.raises(pages.NoPageImage, match="note.txt is not a PDF"):
        pages.render_page(source_id)


def dark_share(image: Image.Image, box: tuple[int, int, int, int]) -> float:
    x, y, w, h = box
    crop = image.crop((x, y, x + w, y + h)).convert("L")
    histogram = crop.histogram()  # pixels per grey level, 0 black
    return sum(histogram[:128]) / sum(histogram)


def test_a_page_is_drawn_with_the_span_marked_where_its_words_are(case, actor):
    source_id = imported("en_report_ligatures.pdf", actor)
    text = sources.source_text(source_id)
    starts = sources.source_pages(source_id)
    start = text.index("The full report", starts[1])
    drawn = pages.render_page(source_id, span=(start, start + len("The full report")))
    assert (drawn.page, drawn.pages, drawn.span_pages) == (2, 2, (2, 2))
    image = Image.open(io.BytesIO(drawn.png))
    assert image.size == (drawn.width, drawn.height)
    # A4 at 2 pixels a point, the span on one line of the page
    assert (drawn.width, drawn.height) == (1191, 1684)
    assert len(drawn.boxes) == 1
    x, y, w, h = drawn.boxes[0]
    assert 0 < x < x + w < drawn.width and 0 < y < drawn.height and 20 < h < 60 and w > 150
    assert dark_share(image, drawn.boxes[0]) > 0.1  # ink: the words are in the box
    # a span some lines before is marked elsewhere
    assert drawn.boxes[0] != pages.render_page(
        source_id, span=(start - 150, start - 135)).boxes[0]


def test_a_span_across_lines_is_marked_on_each_line(case, actor):
    source_id = imported("uk_narrow_hyphenated.pdf", actor)
    text = sources.source_text(source_id)
    start = text.index("чотирнадцятого березня")  # "бе-" ends a line, "резня" begins one
    drawn = pages.render_page(source_id, span=(start, start + len("чотирнадцятого березня")))
    assert len(drawn.boxes) == 2
    (_, top_y, _, _), (_, next_y, _, _) = drawn.boxes
    assert next_y > top_y


def test_the_evidence_of_a_pdf_cites_its_page(case, actor):
    source_id = imported("en_report_ligatures.pdf", actor)
    text = sources.source_text(source_id)
    start = text.index("The full report", sources.source_pages(source_id)[1])
    evidence.add_evidence(source_id, start, start + 15, actor=actor)
    (row,) = evidence.evidence_rows(source_id=source_id)
    starts = pages.page_starts([row.source_id])[row.source_id]
    assert pages.citation(span_pages(starts, row.start, row.end)) == "p. 2"


def test_the_dossier_cites_the_page_of_a_quote_from_a_pdf(case, actor, tmp_path):
    import docx

    from desktop.services import incidents
    from desktop.services.export import DossierOptions, export_dossier

    source_id = imported("en_report_ligatures.pdf", actor)
    text = sources.source_text(source_id)
    start = text.index("The full report", sources.source_pages(source_id)[1])
    incident = incidents.create_incident(actor=actor, title="Shelling of the school").id
    evidence.add_evidence(source_id, start, start + 40, actor=actor, incident=incident,
                          supports="narrative")
    out = tmp_path / "dossier.docx"
    export_dossier(out, DossierOptions(incidents="drafts"), actor=actor)
    lines = [p.text for p in docx.Document(str(out)).paragraphs]
    (line,) = [t for t in lines if "Shelling of a residential district" in t and "SHA-256" in t]
    assert "Shelling of a residential district · p. 2 · characters" in line.replace(
        "\u2060", "")


def test_nothing_is_marked_when_the_page_reads_otherwise_than_the_case_keeps_it(case, actor):
    # (a PDF library of another version could read a page otherwise: a wrong box is worse
    # than none)
    import dataclasses

    source_id = imported("en_two_columns.pdf", actor)
    source = pages.pdf_source(source_id)
    span = (source.text.index("convoy"), source.text.index("convoy") + 6)
    assert pages.draw(source, span=span).boxes
    changed = dataclasses.replace(source, text=source.text.replace("convoy", "column"),
                                  sha256="another reading")
    drawn = pages.draw(changed, span=span)
    assert drawn.boxes == [] and drawn.png.startswith(b"\x89PNG")


def test_pages_are_drawn_in_a_process_of_their_own_that_a_cancel_ends(case, actor):
    import dataclasses

    source_id = imported("en_report_ligatures.pdf", actor)
    source = pages.pdf_source(source_id)
    start = source.text.index("The full report", source.pages[1])
    span = (start, start + 15)
    drawer = pages.PageDrawer()
    try:
        drawn = drawer.draw(source, span=span)
        assert drawn == pages.draw(source, span=span)  # the same page, the same boxes
        first = drawer._process
        assert first.is_alive() and first.pid != __import__("os").getpid()
        with pytest.raises(pages.PageCancelled):
            drawer.draw(source, 1, cancelled=lambda: True)
        assert not first.is_alive()  # killed at once; the next page starts another
        assert drawer.draw(source, 1).page == 1
        # a file PDFium will not open is that page's message, the process goes on
        broken = dataclasses.replace(source, data=b"%PDF-1.4 not really", sha256="broken")
        with pytest.raises(pages.NoPageImage, match="cannot be drawn: PDFium does not open"):
            drawer.draw(broken, 1)
        assert drawer.draw(source, 2).page == 2
    finally:
        drawer.close()


def test_the_evidence_register_gives_a_span_its_pages(case, actor):
    from desktop.services import tabular

    source_id = imported("en_report_ligatures.pdf", actor)
    text = sources.source_text(source_id)
    break_at = sources.source_pages(source_id)[1]
    start = text.index("The full report", break_at)
    evidence.add_evidence(source_id, start, start + 15, actor=actor)
    evidence.add_evidence(source_id, break_at - 30, break_at + 30, actor=actor)
    rows = tabular.register_rows()["evidence"]
    at = tabular.EVIDENCE_COLUMNS.index("pages")
    assert [row[at] for row in rows] == ["2", "1–2"]
