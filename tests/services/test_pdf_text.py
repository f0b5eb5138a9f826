"""A PDF page's text as importing/pdftext cleans it, and the PDF importer over real files."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.domain.errors import NeedsOcr, SourceImportError
from desktop.services.importing import extract_bytes, pdftext
from tests.corpus import recall

CORPUS = Path(__file__).parent.parent / "corpus" / "pdf"


def cleaned(raw: str, *others: str) -> str:
    text = pdftext.clean(raw)
    evidence = pdftext.Evidence([text.text, *others])
    return pdftext.join_hyphens(text, evidence).text


def test_ligatures_are_spelt_out_and_control_characters_dropped():
    text = pdftext.clean("It was di\ufb03cult to \ufb01nd the \ufb02at\x07\u00ad.\r\nNext")
    assert text.text == "It was difficult to find the flat.\nNext"
    # each letter of a ligature points at the one PDF character it came from
    assert [text.index[i] for i in range(9, 12)] == [9, 9, 9]


def test_an_overprinted_word_is_read_once_and_a_doubled_letter_kept():
    assert pdftext.clean("TTTTeeeesssstttt of the committee").text == "Test of the committee"
    assert pdftext.clean("SSSuuummmmmmaaarrryyy").text == "Summary"
    assert pdftext.clean("bookkeeper all too good").text == "bookkeeper all too good"


def test_a_line_end_hyphen_joins_a_word_and_keeps_a_compound():
    assert cleaned("a dan\ufffegerous area") == "a dangerous area"
    assert cleaned("the court\ufffeyard of") == "the courtyard of"
    assert cleaned("Of\ufffeficers came") == "Officers came"  # an inflection of a listed word
    assert cleaned("a well\ufffeknown place") == "a well-known place"
    assert cleaned("twenty\ufffethree wounded") == "twenty-three wounded"
    assert cleaned("a Kyiv\ufffebased group") == "a Kyiv-based group"  # a name, then a word
    assert cleaned("Mes\ufffesages were sent") == "Messages were sent"


def test_the_document_itself_decides_before_the_word_list():
    # "cross-border" written whole elsewhere in the document keeps its hyphen
    assert cleaned("the cross\ufffeborder shelling", "a cross-border raid") == (
        "the cross-border shelling")
    # a word the list lacks, written joined elsewhere, is joined
    assert cleaned("the Zelen\ufffeskyi decree", "Zelenskyi") == "the Zelenskyi decree"


def test_ukrainian_and_russian_hyphens_are_decided_by_their_dictionaries():
    assert cleaned("обстріл не\ufffeбезпечним") == "обстріл небезпечним"
    assert cleaned("на судово\ufffeмедичну експертизу") == "на судово-медичну експертизу"
    assert cleaned("тело в лесо\ufffeполосе") == "тело в лесополосе"


def test_an_unmarked_hyphen_at_a_line_end_is_decided_the_same_way():
    assert cleaned("the dan-\ngerous road") == "the dangerous road"
    assert cleaned("a long-\nrange missile") == "a long-\nrange missile"
    assert cleaned("Kherson-\nMykolaiv road") == "Kherson-\nMykolaiv road"


@pytest.mark.parametrize("name", ["en_report_ligatures", "en_narrow_hyphenated",
                                  "uk_narrow_hyphenated", "en_overprinted_bold",
                                  "ru_statement_libreoffice", "uk_decision_letter_spaced",
                                  "uk_statement_tesseract_searchable"])
def test_the_corpus_pdfs_are_read_whole(name):
    path = CORPUS / f"{name}.pdf"
    result = extract_bytes(path, path.read_bytes())
    expected = Path(f"{path}.expected.txt").read_text(encoding="utf-8")
    assert recall.recall(expected, result.text) == 1.0
    assert not set(result.text) & set("ﬀﬁﬂﬃﬄ\ufffe\x02\r")
    assert result.extraction["tool"] == "pypdfium2" and result.extraction["version"]
    assert result.extraction["method"] == "text layer"


def test_the_spaces_between_letters_of_a_letter_spaced_line_go_and_word_spaces_stay():
    # "про визнання": the letters 0.3 em apart, the words 0.75 em
    gaps = dict(enumerate([0.3, 0.31, 0.75, 0.3, 0.29, 0.3, 0.32], start=1))
    assert pdftext.letter_spaces(gaps) == [1, 2, 4, 5, 6, 7]
    assert pdftext.letter_spaces({1: 0.5, 3: 0.5, 5: 0.5}) == [1, 3, 5]  # one word
    assert pdftext.letter_spaces({1: 0.3, 3: 0.3}) == []  # too few gaps to judge by
    text = pdftext.clean("П О С Т А Н О В А про", letter_spaced=range(1, 17, 2))
    assert text.text == "ПОСТАНОВА про" and text.index[:3] == [0, 2, 4]


def test_a_pdf_s_own_spaces_between_single_letters_are_kept(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "spaced.pdf"
    pdf = canvas.Canvas(str(path))
    line = pdf.beginText(72, 720)
    line.setFont("Helvetica", 12)
    line.textLine("Rows A B C D were shelled")  # spaces the PDF itself has
    line.setCharSpace(4)  # letter spacing as the PDF's own operator (Tc), read whole
    line.textLine("Confidential report")
    pdf.drawText(line)
    pdf.save()
    text = extract_bytes(path, path.read_bytes()).text
    assert text.splitlines() == ["Rows A B C D were shelled", "Confidential report"]


def test_single_characters_in_a_table_s_cells_are_not_joined_into_a_word(tmp_path):
    from reportlab.pdfgen import canvas

    assert pdftext.letter_spaces({1: 4.8, 3: 4.8, 5: 4.9, 7: 4.8}) == []  # cells 5 em apart
    path = tmp_path / "table.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.setFont("Helvetica", 11)
    pdf.drawString(72, 780, "Casualties by district, as the report's table gives them.")
    for row, (heading, cells) in enumerate((("Killed", "35271"), ("Grade", "ABCDE"))):
        pdf.drawString(72, 740 - 40 * row, heading)
        for column, cell in enumerate(cells):  # a cell each, drawn where it stands
            pdf.drawString(200 + column * 60, 740 - 40 * row, cell)
    pdf.save()
    text = extract_bytes(path, path.read_bytes()).text
    assert text.splitlines()[1:] == ["Killed 3 5 2 7 1", "Grade A B C D E"]


def _pdf_of_pages(path: Path, images: list[float], *, typed: bool = True,
                  stamp: str = "") -> Path:
    """A reportlab PDF whose first page has text (unless not `typed`), then a page per image:
    the image covers that share of the page's width and of its height, and the page has no
    text but the `stamp` (a page number a numbering tool writes on it)."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    picture = Image.new("L", (200, 200), 128)
    pdf = canvas.Canvas(str(path), pagesize=(600, 800))
    if typed:
        pdf.drawString(72, 700, "The statement of the witness, typed.")
    for number, share in enumerate(images, start=1):
        if typed or number > 1:
            pdf.showPage()
        pdf.drawImage(ImageReader(picture), 0, 0, 600 * share, 800 * share)
        if stamp:
            pdf.drawString(500, 20, stamp.format(number))
    pdf.save()
    return path


def test_a_pdf_with_scanned_pages_among_its_text_asks_for_ocr(tmp_path):
    path = _pdf_of_pages(tmp_path / "signed.pdf", [0.3, 1.0, 0.9])  # a logo, then two scans
    with pytest.raises(NeedsOcr, match="^signed.pdf: pages 3, 4 of 4 are scans without text "
                                       "— OCR it with `--ocr`$"):
        extract_bytes(path, path.read_bytes())


def test_a_scan_stamped_with_page_numbers_is_a_scan_all_the_same(tmp_path):
    path = _pdf_of_pages(tmp_path / "bates.pdf", [1.0, 1.0], typed=False, stamp="UA-EV-{:04d}")
    assert "UA-EV-0001" in pdftext_of(path)  # the stamps are all the text it has
    with pytest.raises(NeedsOcr, match="^bates.pdf: is a scan without text — OCR it with"):
        extract_bytes(path, path.read_bytes())


def test_a_scanned_page_among_text_that_carries_only_the_stamp_every_page_has_is_a_scan(
        tmp_path):
    """A typed statement numbered by a stamping tool whose signed page was scanned in: the
    scan's only text is its stamp, which the typed page carries with another number."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    path = tmp_path / "stamped.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(600, 800))
    pdf.drawString(72, 700, "The statement of the witness, typed.")
    pdf.drawString(450, 20, "UA-PGO-000001")
    pdf.showPage()
    pdf.drawImage(ImageReader(Image.new("L", (200, 200), 128)), 0, 0, 600, 800)
    pdf.drawString(450, 20, "UA-PGO-000002")
    pdf.save()
    with pytest.raises(NeedsOcr, match="^stamped.pdf: page 2 of 2 is a scan without text"):
        extract_bytes(path, path.read_bytes())


def pdftext_of(path: Path) -> str:
    import pypdfium2

    return " ".join(page.get_textpage().get_text_range() for page in pypdfium2.PdfDocument(path))


def test_a_full_page_photo_with_its_caption_among_pages_of_text_is_no_scan(tmp_path):
    path = _pdf_of_pages(tmp_path / "report.pdf", [1.0], stamp="Photo {}: the school, March")
    result = extract_bytes(path, path.read_bytes())
    assert result.text.endswith("Photo 1: the school, March") and len(result.pages) == 2


def test_a_page_with_a_small_picture_and_no_text_is_no_scan(tmp_path):
    path = _pdf_of_pages(tmp_path / "logo.pdf", [0.3])  # a tenth of the page
    result = extract_bytes(path, path.read_bytes())
    assert result.text == "The statement of the witness, typed." and len(result.pages) == 2


def test_each_page_start_is_kept_and_pages_are_joined_by_a_blank_line():
    path = CORPUS / "en_report_ligatures.pdf"
    import pypdfium2

    document = pypdfium2.PdfDocument(path.read_bytes())
    result = extract_bytes(path, path.read_bytes())
    assert len(result.pages) == result.extra["pages"] == len(document) > 1
    assert result.pages[0] == 0
    for start in result.pages[1:]:
        assert result.text[start - 2:start] == "\n\n" and result.text[start] != "\n"
    # the second page begins with the text PDFium reads on it
    first_words = document[1].get_textpage().get_text_range().split()[:4]
    assert result.text[result.pages[1]:].split()[:4] == first_words


def test_a_word_hyphenated_across_a_page_break_is_joined_on_the_first_page():
    evidence = pdftext.Evidence(["eleven witnesses"])
    first = pdftext.Text("eleven wit-", list(range(11)))
    second = pdftext.Text("nesses were heard", list(range(17)))
    one, two = pdftext.join_across_pages([first, second], evidence)
    assert (one.text, two.text) == ("eleven witnesses", "were heard")
    assert one.index == [*range(10), -1, -1, -1, -1, -1, -1] and two.index[0] == 7


def test_a_password_protected_pdf_says_so_and_an_owner_locked_one_imports():
    locked = CORPUS / "aes_user_password.pdf"
    with pytest.raises(SourceImportError, match="is password-protected"):
        extract_bytes(locked, locked.read_bytes())
    owner = CORPUS / "aes_owner_password_only.pdf"
    assert "detention took place" in extract_bytes(owner, owner.read_bytes()).text
