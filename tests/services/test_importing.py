"""Source importers: each format gives the text a reader sees, or an error naming the file."""

from __future__ import annotations

import io
import unicodedata
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader, PdfWriter
from reportlab.pdfgen import canvas

from desktop.domain.errors import SourceImportError
from desktop.services.importing import (
    IMPORTERS,
    SUPPORTED_EXTENSIONS,
    base,
    extract,
    extract_bytes,
)
from desktop.services.importing.base import Extracted

FIXTURES = Path(__file__).parent.parent / "fixtures" / "importing"
SEEDS = Path(__file__).parent.parent.parent / "seeds"

STATEMENT_TITLE = "Заява прокурора щодо розстрілу військовополонених біля Зеленого Шляху"
# The text of the three statement_*.txt fixtures, each saved in a different encoding.
STATEMENT = f"""{STATEMENT_TITLE}

Прокурор Запорізької обласної прокуратури повідомив, що 12 жовтня поблизу села Зелений Шлях \
російські військові розстріляли трьох українських військовополонених, які вже склали зброю та \
не чинили опору. Їхні тіла виявили під час огляду місцевості, а відеозапис страти з'явився в \
мережі.

Розпочато досудове розслідування за ч. 2 ст. 438 Кримінального кодексу України: порушення \
законів та звичаїв війни, поєднане з умисним вбивством. Є свідчення очевидців; ґрунтовну \
експертизу призначено.
"""

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def failure(path: Path, data: bytes | None = None) -> str:
    """The message of the SourceImportError that importing `path` raises."""
    with pytest.raises(SourceImportError) as caught:
        if data is None:
            extract(path)
        else:
            extract_bytes(path, data)
    assert caught.value.path == path
    return str(caught.value)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    """A file in the test's own directory."""
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- plain text ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("statement_cp1251.txt", "cp1251"),
        ("statement_koi8u.txt", "koi8_u"),
        ("statement_utf16.txt", "utf_16_le"),
    ],
)
def test_ukrainian_text_in_legacy_and_utf16_encodings(name: str, encoding: str) -> None:
    result = extract(FIXTURES / name)
    assert result.encoding == encoding
    assert result.text == STATEMENT
    assert result.title == STATEMENT_TITLE
    assert result.media_type == "text/plain"


def test_crlf_becomes_lf() -> None:
    assert b"\r\n" in (FIXTURES / "statement_cp1251.txt").read_bytes()
    assert "\r" not in extract(FIXTURES / "statement_cp1251.txt").text


def test_short_koi8u_headline_is_not_read_as_tajik_koi8() -> None:
    headline = "Зелений Шлях: їхні тіла виявили"
    result = extract_bytes(Path("headline.txt"), headline.encode("koi8_u"))
    assert (result.text, result.encoding) == (headline, "koi8_u")


def test_western_european_legacy_text() -> None:
    text = "Le procureur a déclaré que les exécutions sommaires étaient des crimes de guerre."
    result = extract_bytes(Path("note.txt"), text.encode("cp1252"))
    assert (result.text, result.encoding) == (text, "cp1252")


@pytest.mark.parametrize(
    ("encoding", "detected"),
    [("utf_8_sig", "utf_8_sig"), ("utf_16_be", "utf_16_be"), ("utf_32", "utf_32_le")],
)
def test_bom_decides_the_encoding(encoding: str, detected: str) -> None:
    text = "Свідок: «Їх розстріляли на місці.»\n"
    data = text.encode(encoding)
    if encoding == "utf_16_be":
        data = b"\xfe\xff" + data
    result = extract_bytes(Path("witness.txt"), data)
    assert (result.text, result.encoding) == (text, detected)


def test_decomposed_unicode_becomes_nfc_and_cr_becomes_lf() -> None:
    decomposed = unicodedata.normalize("NFD", "Зелений Шлях, café\r\nдругий рядок\rтретій")
    assert decomposed != unicodedata.normalize("NFC", decomposed)
    result = extract_bytes(Path("nfd.txt"), decomposed.encode("utf-8"))
    assert result.text == "Зелений Шлях, café\nдругий рядок\nтретій"
    assert result.title == "Зелений Шлях, café"


def test_ligatures_are_spelt_out_in_every_kind_of_source(tmp_path: Path, case, actor) -> None:
    from desktop.services import search, sources

    line = "The of\ufb01cial \ufb01ndings were di\ufb03cult to con\ufb01rm."
    text = tmp_path / "copied.txt"
    text.write_text(line, encoding="utf-8")
    page = tmp_path / "copied.html"
    page.write_text(f"<html><head><title>Copied</title></head><body><article><p>{line} "
                    + "More words of the article follow here. " * 5 + "</p></article></body>"
                    "</html>", encoding="utf-8")
    word = tmp_path / "copied.docx"
    document = docx.Document()
    document.add_paragraph(line)
    document.save(str(word))
    for path in (text, page, word):
        assert "The official findings were difficult to confirm." in extract(path).text
    report = sources.import_files([text, page, word], actor=actor)
    assert sorted(hit.source_id for hit in search.search("difficult")) == sorted(
        report.source_ids)
    assert sources.original_bytes(report.source_ids[0]) == text.read_bytes()  # as collected


def test_title_is_first_non_empty_line_and_long_lines_are_cut() -> None:
    line = "Witnesses describe " + "the shooting of captured soldiers near the village " * 8
    result = extract_bytes(Path("long.txt"), f"\n   \n  {line}\nsecond".encode())
    assert result.title.startswith("Witnesses describe the shooting")
    assert result.title.endswith("…")
    assert len(result.title) <= 201


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    assert failure(path) == "photo.txt: looks like a binary file, not text"


# --- Markdown -----------------------------------------------------------------------------


def test_markdown_keeps_its_markup_and_takes_the_first_heading_as_title() -> None:
    result = extract(FIXTURES / "monitoring_report.md")
    assert result.title == "UN monitors record 79 executions of Ukrainian prisoners of war"
    assert result.media_type == "text/markdown"
    assert result.encoding == "utf_8"
    assert "documented **79 executions** of Ukrainian\nservicemen" in result.text
    assert '> "Many Ukrainian soldiers who surrendered were shot dead on the spot."' in result.text


def test_markdown_extension_and_upper_case_suffix() -> None:
    result = extract_bytes(Path("NOTES.MARKDOWN"), b"intro\n\n#  Witness list #\n\n- one\n")
    assert (result.title, result.media_type) == ("Witness list", "text/markdown")


# --- Word ---------------------------------------------------------------------------------


@pytest.fixture
def protocol_docx(tmp_path: Path) -> Path:
    """A witness-interview protocol with a table between two paragraphs."""
    document = docx.Document()
    document.add_heading("Протокол допиту свідка", level=1)
    document.add_paragraph("Свідок бачив, як полонених вивели з підвалу.")
    document.add_paragraph("")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Дата", "Місце"
    table.cell(1, 0).text, table.cell(1, 1).text = "12 жовтня 2024", "Зелений Шлях"
    document.add_paragraph("Протокол прочитано, записано правильно.")
    props = document.core_properties
    props.title = "Протокол допиту свідка № 17"
    props.author = "Слідчий Петренко"
    props.created = datetime(2024, 10, 15, 8, 0, tzinfo=UTC)
    props.language = "uk-UA"
    path = tmp_path / "protocol.docx"
    document.save(path)
    return path


def test_docx_text_in_body_order_with_table(protocol_docx: Path) -> None:
    result = extract(protocol_docx)
    assert result.text == (
        "Протокол допиту свідка\n\n"
        "Свідок бачив, як полонених вивели з підвалу.\n\n"
        "Дата\tМісце\n12 жовтня 2024\tЗелений Шлях\n\n"
        "Протокол прочитано, записано правильно."
    )
    assert result.media_type == DOCX_TYPE


def test_docx_metadata(protocol_docx: Path) -> None:
    result = extract(protocol_docx)
    assert result.title == "Протокол допиту свідка № 17"
    assert result.author == "Слідчий Петренко"
    assert result.published == "2024-10-15"
    assert result.language == "uk-UA"


def test_docx_merged_cell_appears_once(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "Свідок А"
    table.cell(0, 2).text = "допитаний"
    document.save(tmp_path / "merged.docx")
    assert extract(tmp_path / "merged.docx").text == "Свідок А\tдопитаний"


def test_corrupt_docx_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "broken.docx", b"PK\x03\x04 this is not really a zip archive")
    assert failure(path) == "broken.docx: is not a readable Word document"


def test_zip_that_is_not_a_word_document_is_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not a document")
    path = write(tmp_path, "archive.docx", buffer.getvalue())
    assert failure(path) == "archive.docx: is not a readable Word document"


# --- web pages ----------------------------------------------------------------------------


def test_html_main_text_without_menus_footer_or_scripts() -> None:
    result = extract(FIXTURES / "article.html")
    assert result.text.startswith("Прокурори розслідують розстріл полонених біля Зеленого Шляху\n")
    assert (
        "розстрілу військовополонених поблизу села Зелений Шлях Запорізької області." in result.text
    )
    assert "| 12 жовтня 2024 | Зелений Шлях |" in result.text
    for junk in ("Головна", "Спорт", "Підписатися", "Усі права захищено", "конфіденційності",
                 "ga-junk-marker", "Збірна України"):  # fmt: skip
        assert junk not in result.text
    assert all(line == line.rstrip() for line in result.text.splitlines())


def test_html_metadata() -> None:
    result = extract(FIXTURES / "article.html")
    assert result.title == "Прокурори розслідують розстріл полонених біля Зеленого Шляху"
    assert result.publisher == "Укрінформ"
    assert result.author == "Олена Коваль"
    assert result.url == (
        "https://www.ukrinform.ua/rubric-ato/3900001-prokurori-rozsliduut-rozstril.html"
    )
    assert result.published == "2024-10-14"
    assert result.language == "uk"
    assert (result.media_type, result.encoding) == ("text/html", "utf_8")


def test_html_in_cp1251_declared_by_meta_charset() -> None:
    page = (FIXTURES / "article.html").read_text(encoding="utf-8")
    page = page.replace('<meta charset="utf-8">', '<meta http-equiv="Content-Type" '
                        'content="text/html; charset=windows-1251">')  # fmt: skip
    result = extract_bytes(Path("article.htm"), page.encode("cp1251"))
    assert result.encoding == "cp1251"
    assert result.text == extract(FIXTURES / "article.html").text


def test_html_in_cp1251_without_any_declaration_is_detected() -> None:
    page = (FIXTURES / "article.html").read_text(encoding="utf-8")
    page = page.replace('<meta charset="utf-8">', "")
    result = extract_bytes(Path("article.html"), page.encode("cp1251"))
    assert result.encoding == "cp1251"
    assert "Зелений Шлях" in result.text


def test_html_date_is_not_guessed_from_the_copyright_line() -> None:
    page = (FIXTURES / "article.html").read_bytes()
    page = page.replace(
        b'<meta property="article:published_time" content="2024-10-14T09:30:00+03:00">', b""
    )
    assert b"2024-10-14" not in page
    assert extract_bytes(Path("undated.html"), page).published == ""


def test_html_falls_back_to_body_text_when_no_article_is_found() -> None:
    page = (
        "<html><head><title>Коментарі</title><style>p {color: red}</style></head><body>"
        '<div id="comments"><p>Свідок: бачив   розстріл\nбіля села.</p></div></body></html>'
    )
    result = extract_bytes(Path("comments.html"), page.encode("utf-8"))
    assert result.text == "Свідок: бачив розстріл\nбіля села."
    assert result.title == "Коментарі"


@pytest.mark.parametrize(
    "page",
    [b"<html><head><title>Empty</title></head><body><img src='a.png'></body></html>",
     b"  <!-- saved by a browser -->  "],
)  # fmt: skip
def test_html_without_text_is_refused(page: bytes) -> None:
    assert failure(Path("blank.html"), page) == "blank.html: contains no text"


def test_xhtml_with_an_xml_declaration() -> None:
    page = '<?xml version="1.0" encoding="utf-8"?><html><body><p>Свідок Іван</p></body></html>'
    assert extract_bytes(Path("saved.xhtml.html"), page.encode()).text == "Свідок Іван"


# --- PDF ----------------------------------------------------------------------------------


def make_pdf(pages: list[str], *, title: str = "", author: str = "") -> bytes:
    """A text PDF, one line of text per page, as reportlab writes it."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=1)
    pdf.setTitle(title)
    pdf.setAuthor(author)
    for text in pages:
        for number, line in enumerate(text.splitlines()):
            pdf.drawString(72, 720 - 14 * number, line)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def rewrite_pdf(data: bytes, *, metadata: dict | None = None, password: str | None = None,
                owner_password: str | None = None) -> bytes:  # fmt: skip
    """The same PDF with new metadata or encrypted, as pypdf writes it."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    if metadata:
        writer.add_metadata(metadata)
    if password is not None:
        writer.encrypt(password, owner_password=owner_password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


PDF_PAGES = [
    "Report on the treatment of prisoners of war\nExecutions documented: 79",
    "Incidents: 24 separate incidents since August 2024",
]


def test_pdf_pages_are_joined_by_a_blank_line(tmp_path: Path) -> None:
    data = make_pdf(PDF_PAGES, title="OHCHR periodic report", author="HRMMU")
    result = extract(write(tmp_path, "report.pdf", data))
    assert result.text == (
        "Report on the treatment of prisoners of war\nExecutions documented: 79\n\n"
        "Incidents: 24 separate incidents since August 2024"
    )
    assert (result.title, result.author, result.media_type) == (
        "OHCHR periodic report", "HRMMU", "application/pdf",
    )  # fmt: skip
    assert result.extra == {"pages": 2}


def test_pdf_creation_date_becomes_published() -> None:
    data = rewrite_pdf(make_pdf(PDF_PAGES), metadata={"/CreationDate": "D:20250203101500+02'00'"})
    assert extract_bytes(Path("report.pdf"), data).published == "2025-02-03"


def test_pdf_with_a_bad_date_still_imports() -> None:
    data = rewrite_pdf(make_pdf(PDF_PAGES, title="Report"), metadata={"/CreationDate": "junk"})
    result = extract_bytes(Path("report.pdf"), data)
    assert (result.title, result.published) == ("Report", "")


def test_pdf_locked_only_against_editing_opens() -> None:
    data = rewrite_pdf(make_pdf(PDF_PAGES), password="", owner_password="owner")
    assert "Executions documented: 79" in extract_bytes(Path("locked.pdf"), data).text


def test_password_protected_pdf_is_refused() -> None:
    data = rewrite_pdf(make_pdf(PDF_PAGES), password="secret")
    assert failure(Path("secret.pdf"), data) == (
        "secret.pdf: is password-protected; remove the password and import it again"
    )


def test_pdf_without_text_layer_is_refused() -> None:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.rect(72, 72, 400, 600, fill=1)
    pdf.showPage()
    pdf.save()
    assert failure(Path("scan.pdf"), buffer.getvalue()) == (
        "scan.pdf: is a scan without text — OCR it with `--ocr`"
    )


def test_corrupt_pdf_is_refused() -> None:
    data = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R >>\nendobj\ngarbage"
    assert failure(Path("broken.pdf"), data) == "broken.pdf: is not a readable PDF"


# --- the registry -------------------------------------------------------------------------


def test_registry_covers_every_supported_extension() -> None:
    expected = {".txt", ".md", ".markdown", ".docx", ".html", ".htm", ".pdf", ".mhtml", ".mht",
                ".warc", ".warc.gz",
                ".png", ".jpg", ".jpeg", ".tif", ".tiff"}
    assert set(IMPORTERS) == expected == SUPPORTED_EXTENSIONS


def test_unsupported_extension_is_refused_before_reading() -> None:
    assert failure(Path("/nowhere/scan.xyz")) == (
        "scan.xyz: is a .xyz file; Casefile imports .txt, .md, .docx, .html, .mhtml, .warc, "
        ".pdf, and with OCR .png, .jpg, .tif"
    )
    assert failure(Path("README"), b"text") == (
        "README: has no file extension; Casefile imports .txt, .md, .docx, .html, .mhtml, "
        ".warc, .pdf, and with OCR .png, .jpg, .tif"
    )


def test_missing_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "gone.txt"
    assert failure(path) == "gone.txt: cannot be read: No such file or directory"


def test_empty_file_is_refused(tmp_path: Path) -> None:
    assert failure(write(tmp_path, "empty.pdf", b"")) == "empty.pdf: is empty"


def test_whitespace_only_text_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "blank.txt", b" \r\n\t\r\n")
    assert failure(path) == "blank.txt: contains no text"


def test_oversized_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(base, "MAX_SOURCE_BYTES", 1024 * 1024)
    path = write(tmp_path, "huge.txt", b"a" * (1024 * 1024 + 1))
    assert failure(path) == "huge.txt: is larger than the 1 MB limit"
    assert extract_bytes(Path("fits.txt"), b"a" * 1024 * 1024).text.startswith("a")


def test_a_file_that_grew_after_its_size_was_taken_is_read_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.services import importing

    path = write(tmp_path, "growing.txt", b"first line\n")
    smaller = path.stat()
    path.write_bytes(b"first line\nsecond line, written after the size was taken\n")
    real_stat = Path.stat
    monkeypatch.setattr(Path, "stat", lambda self, **kw: smaller if self == path
                        else real_stat(self, **kw))
    assert importing.read_source_bytes(path).endswith(b"after the size was taken\n")
    monkeypatch.setattr(base, "MAX_SOURCE_BYTES", 20)
    assert failure(path).startswith("growing.txt: is larger than the")


def test_size_limit_message_names_50_mb() -> None:
    assert base.MAX_SOURCE_BYTES == 50 * 1024 * 1024
    with pytest.raises(SourceImportError, match="is larger than the 50 MB limit"):
        extract_bytes(Path("huge.txt"), bytes(base.MAX_SOURCE_BYTES + 1))


def test_extract_bytes_never_reads_the_file() -> None:
    result = extract_bytes(Path("/does/not/exist/note.txt"), "Свідок Іван".encode())
    assert isinstance(result, Extracted)
    assert result.text == "Свідок Іван"


# --- the seed sources ---------------------------------------------------------------------


SEED_TITLES = {
    "003_b8c3f3517aeeccd0.txt": (
        "Ukraine calls for international action as new evidence shows Russians executing "
        "surrendered soldiers"
    ),
}


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda path: path.name)
def test_seed_texts_import(seed: Path) -> None:
    result = extract(seed)
    raw = seed.read_bytes().decode("utf-8")
    assert result.encoding == "utf_8"
    assert result.text == unicodedata.normalize("NFC", raw.replace("\r\n", "\n"))
    assert "\r" not in result.text
    assert unicodedata.is_normalized("NFC", result.text)
    assert "prisoner" in result.text.lower()
    assert result.title
    assert result.title.rstrip("…") in result.text.splitlines()[0] or \
        result.text.lstrip().startswith(result.title.rstrip("…"))  # a leading date left out
    if seed.name in SEED_TITLES:
        assert result.title == SEED_TITLES[seed.name]


def test_there_are_five_seed_texts() -> None:
    assert len(list(SEEDS.glob("*.txt"))) == 5


def test_a_title_leaves_out_a_leading_date_and_a_paragraph_gives_its_first_sentence():
    from desktop.services.importing.text import first_line_title

    assert first_line_title(" date 2025-02-03 The UN Mission recorded 79 executions.\nMore.") \
        == "The UN Mission recorded 79 executions."
    assert first_line_title("Дата: 03.02.2025 Заява Уповноваженого\n") == "Заява Уповноваженого"
    paragraph = ("The UN Human Rights Monitoring Mission in Ukraine reported 79 cases of "
                 "execution of prisoners of war in 24 separate incidents since August 2024. "
                 "Most of these cases occurred in areas of active fighting.")
    assert first_line_title(paragraph).endswith("since August 2024.")
    assert first_line_title("Dr. Smith reports on the U.N. mission. " + "More words. " * 12) \
        == "Dr. Smith reports on the U.N. mission."
    assert first_line_title("2024-10-10") == "2024-10-10"  # a date alone stays the title
    assert first_line_title("A short headline") == "A short headline"


def test_a_title_is_the_first_line_with_words_however_far_down_or_long_it_is():
    from desktop.services.importing.text import first_line_title

    body = "\nThe statement went on.\n" * 500
    assert first_line_title(" \r\n\t\n" * 2000 + "Headline after blank lines\r\n" + body) \
        == "Headline after blank lines"
    long_line = "Witness " * 600  # crosses the head of the text that is looked at first
    assert first_line_title(long_line + body) == ("Witness " * 25).rstrip() + "…"
    assert first_line_title("\u2028\x0c  Після розриву сторінки\x0cдалі") == \
        "Після розриву сторінки"
    assert first_line_title(" \n\t\n") == ""
    # Every line end str.splitlines knows ends the title, and no other white space does.
    assert first_line_title("\x1f\x85 Заява\x1fсвідка\u2029далі") == "Заява\x1fсвідка"
    assert first_line_title("\v\x1c Звіт місії\x1dдалі") == "Звіт місії"


def _pdf_bytes(text: str) -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, text)
    page.save()
    return out.getvalue()


def test_a_pdf_locked_only_against_editing_with_aes_imports(tmp_path):
    """Official PDFs are often AES-encrypted with an owner password only: they open without
    one, and so must import."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf_bytes("The shelter was struck."))))
    writer.encrypt(user_password="", owner_password="the office", algorithm="AES-256")
    locked = tmp_path / "statement.pdf"
    with locked.open("wb") as out:
        writer.write(out)
    assert "The shelter was struck." in extract(locked).text


def test_a_damaged_info_dictionary_leaves_the_text(tmp_path, monkeypatch):
    """A trailer whose info dictionary cannot be read gives a source without title or author,
    not a refusal."""
    import pypdfium2

    def broken(self, *args, **kwargs):
        raise pypdfium2.PdfiumError("damaged trailer")

    monkeypatch.setattr(pypdfium2.PdfDocument, "get_metadata_dict", broken)
    path = tmp_path / "report.pdf"
    path.write_bytes(_pdf_bytes("Seven civilians were detained."))
    from desktop.services.importing import pdf

    result = pdf.extract_pdf(path, path.read_bytes())
    assert "Seven civilians were detained." in result.text and result.author == ""


def test_a_password_protected_word_document_says_so(tmp_path):
    # Word saves a document with a password as an OLE compound file holding the encrypted zip.
    from msoffcrypto.format.ooxml import OOXMLFile

    plain, locked = tmp_path / "plain.docx", tmp_path / "statement.docx"
    docx.Document().save(plain)
    with plain.open("rb") as source, locked.open("wb") as target:
        OOXMLFile(source).encrypt("secret", target)
    with pytest.raises(SourceImportError, match="statement.docx: is password-protected"):
        extract(locked)
