"""Word documents as their authors left them: tracked changes, text boxes, merged cells, form
fields, Strict OOXML and passwords (the corpus's files, made by LibreOffice, python-docx and
msoffcrypto-tool; tests/corpus/make_word_and_text.py)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from desktop.domain.errors import SourceImportError
from desktop.services.importing import extract, extract_bytes

CORPUS = Path(__file__).parent.parent / "corpus" / "docx"


def expected(name: str) -> str:
    return (CORPUS / f"{name}.expected.txt").read_text(encoding="utf-8").strip()


def test_tracked_insertions_are_text_and_deletions_are_listed_apart():
    result = extract(CORPUS / "tracked_changes.docx")
    assert "біля села Сухий Яр на Покровському напрямку." in result.text
    assert "шістнадцять" not in result.text
    assert result.extraction["tracked_deletions"] == [
        {"text": "шістнадцять ", "author": "Слідчий Коваль", "date": "2024-10-12T10:05:00Z"}]


def test_a_text_box_is_read_once_after_the_paragraph_it_is_anchored_in():
    text = extract(CORPUS / "tracked_changes.docx").text
    assert text.count("Примітка у рамці") == 1
    assert text.index("Опис місця події") < text.index("Примітка у рамці") < text.index(
        "Підвал школи")


def test_a_cell_merged_over_two_rows_is_read_once_and_the_columns_stay():
    assert "Підвал школи\tгільзи\n\tмотузки" in extract(CORPUS / "tracked_changes.docx").text


def test_the_whole_text_and_metadata_of_a_libreoffice_document():
    result = extract(CORPUS / "tracked_changes.docx")
    assert result.text == expected("tracked_changes.docx")
    assert (result.title, result.author, result.published, result.language) == (
        "Протокол огляду місця події", "Слідчий Коваль", "2024-10-12", "uk-UA")


def test_a_document_saved_from_odt_reads_as_written():
    assert extract(CORPUS / "statement_from_odt.docx").text == expected(
        "statement_from_odt.docx")


def test_strict_ooxml_reads_as_its_transitional_original():
    with pytest.raises(KeyError):  # what python-docx makes of it
        docx.Document(CORPUS / "strict_ooxml.docx")
    assert extract(CORPUS / "strict_ooxml.docx").text == expected("strict_ooxml.docx")


def test_form_fields_give_their_values_and_a_prompt_is_left_out():
    text = extract(CORPUS / "form_fields.docx").text
    assert text.strip() == expected("form_fields.docx")
    assert "Натисніть" not in text


def test_a_password_protected_document_says_so():
    with pytest.raises(SourceImportError) as refused:
        extract(CORPUS / "password_protected.docx")
    assert str(refused.value) == (CORPUS / "password_protected.docx.refused.txt").read_text(
        encoding="utf-8").strip()


def test_an_old_word_document_renamed_docx_is_named_for_what_it_is(tmp_path):
    import olefile

    from tests.corpus.make_word_and_text import STATEMENT, _soffice

    (tmp_path / "old.fodt").write_text(STATEMENT, encoding="utf-8")
    doc = _soffice(tmp_path / "old.fodt", "doc", tmp_path)
    assert olefile.isOleFile(str(doc))
    with pytest.raises(SourceImportError, match=r"old.docx: is an old Word 97–2003 document"):
        extract_bytes(Path("old.docx"), doc.read_bytes())


def test_a_zip_without_a_word_body_is_not_readable():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.'
                         'org/package/2006/relationships"><Relationship Id="r" Type="http://'
                         'schemas.openxmlformats.org/officeDocument/2006/relationships/'
                         'officeDocument" Target="xl/workbook.xml"/></Relationships>')
        package.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(SourceImportError, match="^book.docx: is not a readable Word document$"):
        extract_bytes(Path("book.docx"), buffer.getvalue())


def test_the_extraction_record_names_the_reading_and_a_strict_document():
    plain = extract(CORPUS / "statement_from_odt.docx").extraction
    strict = extract(CORPUS / "strict_ooxml.docx").extraction
    assert (plain["tool"], plain["method"]) == ("Casefile", "document XML")
    assert strict["method"] == "document XML (Strict OOXML)"
    assert plain["parser"].startswith("lxml ") and "tracked_deletions" not in plain


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_V = "urn:schemas-microsoft-com:vml"


def _document_with(tmp_path: Path, *bodies: str) -> Path:
    """A .docx written by python-docx, with these OOXML blocks as Word writes them."""
    from docx.oxml import parse_xml

    document = docx.Document()
    body = document.element.body
    for xml in bodies:
        body.insert(len(body) - 1, parse_xml(
            f'<w:wrap xmlns:w="{_W}" xmlns:v="{_V}">{xml}</w:wrap>')[0])
    path = tmp_path / "edge.docx"
    document.save(path)
    return path


def test_an_old_vml_text_box_is_read_once(tmp_path):
    path = _document_with(tmp_path, '<w:p><w:r><w:t>Перед рамкою.</w:t></w:r><w:r><w:pict>'
                          '<v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>Текст у рамці'
                          '</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict>'
                          '</w:r></w:p>')
    assert extract(path).text == "Перед рамкою.\n\nТекст у рамці"


def test_a_block_content_control_and_a_table_in_a_cell_are_read_in_place(tmp_path):
    path = _document_with(
        tmp_path,
        '<w:sdt><w:sdtPr><w:alias w:val="Висновок"/></w:sdtPr><w:sdtContent><w:p><w:r>'
        '<w:t>Висновок слідчого.</w:t></w:r></w:p></w:sdtContent></w:sdt>',
        '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Речові докази</w:t></w:r></w:p><w:tbl><w:tr><w:tc>'
        '<w:p><w:r><w:t>гільзи</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>12</w:t></w:r>'
        '</w:p></w:tc></w:tr></w:tbl></w:tc><w:tc><w:p><w:r><w:t>вилучено</w:t></w:r></w:p>'
        '</w:tc></w:tr></w:tbl>')
    assert extract(path).text == "Висновок слідчого.\n\nРечові докази\nгільзи\t12\tвилучено"


def test_text_moved_with_tracked_changes_is_read_once_where_it_went(tmp_path):
    path = _document_with(
        tmp_path,
        '<w:p><w:moveFrom w:id="1" w:author="Коваль" w:date="2024-10-12T10:00:00Z"><w:r>'
        '<w:t>Свідок на місці. </w:t></w:r></w:moveFrom><w:r><w:t>Огляд завершено.</w:t>'
        '</w:r><w:moveTo w:id="2" w:author="Коваль" w:date="2024-10-12T10:00:00Z"><w:r>'
        '<w:t> Свідок на місці.</w:t></w:r></w:moveTo></w:p>')
    result = extract(path)
    assert result.text == "Огляд завершено. Свідок на місці."
    (moved,) = result.extraction["tracked_deletions"]
    assert (moved["text"], moved["moved"]) == ("Свідок на місці. ", True)


def test_footnotes_and_endnotes_follow_the_body_after_their_marks():
    text = extract(CORPUS / "footnotes.docx").text
    assert text == expected("footnotes.docx")
    assert text.index("79 страт[1]") < text.index("[1] Доповідь ММПЛ ООН")
