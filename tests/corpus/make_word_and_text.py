"""Make the corpus's Word and text sources with real tools, beside their expected texts.

Word documents come from LibreOffice (flat ODF written here, converted headless, once straight
to .docx and once through .odt), from python-docx (form fields and content controls in the
OOXML Word itself writes), a Strict OOXML copy (the namespaces Word's "Strict Open XML" save
uses), and a password-protected copy encrypted by msoffcrypto-tool. Texts are the same
Ukrainian statement encoded by iconv. Run: .venv/bin/python tests/corpus/make_word_and_text.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

_ODF_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
"""

#: An inspection report with a tracked insertion and deletion, a text box and a cell merged
#: over two rows.
TRACKED = _ODF_HEAD + """
 <office:meta><dc:title>Протокол огляду місця події</dc:title>
  <meta:initial-creator>Слідчий Коваль</meta:initial-creator>
  <meta:creation-date>2024-10-12T09:30:00</meta:creation-date><dc:language>uk-UA</dc:language>
 </office:meta>
 <office:body><office:text>
  <text:tracked-changes text:track-changes="true">
   <text:changed-region text:id="ct1"><text:insertion><office:change-info>
    <dc:creator>Слідчий Коваль</dc:creator><dc:date>2024-10-12T10:00:00</dc:date>
   </office:change-info></text:insertion></text:changed-region>
   <text:changed-region text:id="ct2"><text:deletion><office:change-info>
    <dc:creator>Слідчий Коваль</dc:creator><dc:date>2024-10-12T10:05:00</dc:date>
   </office:change-info><text:p>шістнадцять </text:p></text:deletion></text:changed-region>
  </text:tracked-changes>
  <text:h text:outline-level="1">Протокол огляду місця події</text:h>
  <text:p>Огляд проведено біля села Сухий Яр<text:change-start text:change-id="ct1"/> на
Покровському напрямку<text:change-end text:change-id="ct1"/>.</text:p>
  <text:p>На місці виявлено <text:change text:change-id="ct2"/>тіла полонених.</text:p>
  <text:p><draw:frame draw:name="Рамка1" text:anchor-type="paragraph" svg:width="6cm"
svg:height="2cm"><draw:text-box><text:p>Примітка у рамці: свідок просив не називати
його.</text:p></draw:text-box></draw:frame>Опис місця події наведено нижче.</text:p>
  <table:table table:name="Таблиця1"><table:table-column table:number-columns-repeated="2"/>
   <table:table-row><table:table-cell table:number-rows-spanned="2"><text:p>Підвал
школи</text:p></table:table-cell><table:table-cell><text:p>гільзи</text:p></table:table-cell>
   </table:table-row>
   <table:table-row><table:covered-table-cell/><table:table-cell><text:p>мотузки</text:p>
   </table:table-cell></table:table-row>
  </table:table>
  <text:p>Протокол прочитано.</text:p>
 </office:text></office:body>
</office:document>
"""

TRACKED_TEXT = """Протокол огляду місця події

Огляд проведено біля села Сухий Яр на Покровському напрямку.

На місці виявлено тіла полонених.

Опис місця події наведено нижче.

Примітка у рамці: свідок просив не називати його.

Підвал школи\tгільзи
\tмотузки

Протокол прочитано.
"""

#: A Russian and Ukrainian statement with a table, saved as .odt and then as .docx.
STATEMENT = _ODF_HEAD + """
 <office:body><office:text>
  <text:h text:outline-level="1">Заява про зникнення</text:h>
  <text:p>Я, Марія Коваль, повідомляю, що мій чоловік зник 3 березня 2024 року біля
Вовчанська.</text:p>
  <text:p>Свидетель сообщил, что пленных увезли на грузовике в сторону границы.</text:p>
  <table:table table:name="Таблиця1"><table:table-column table:number-columns-repeated="2"/>
   <table:table-row><table:table-cell><text:p>Дата</text:p></table:table-cell>
    <table:table-cell><text:p>Місце</text:p></table:table-cell></table:table-row>
   <table:table-row><table:table-cell><text:p>3 березня 2024</text:p></table:table-cell>
    <table:table-cell><text:p>Вовчанськ</text:p></table:table-cell></table:table-row>
  </table:table>
  <text:p>Заяву записано з моїх слів правильно.</text:p>
 </office:text></office:body>
</office:document>
"""

STATEMENT_TEXT = """Заява про зникнення

Я, Марія Коваль, повідомляю, що мій чоловік зник 3 березня 2024 року біля Вовчанська.

Свидетель сообщил, что пленных увезли на грузовике в сторону границы.

Дата\tМісце
3 березня 2024\tВовчанськ

Заяву записано з моїх слів правильно.
"""

#: A report with a footnote and an endnote.
NOTES = _ODF_HEAD + """
 <office:body><office:text>
  <text:p>Місія ООН задокументувала 79 страт<text:note text:id="n1" text:note-class="footnote">
<text:note-citation>1</text:note-citation><text:note-body><text:p>Доповідь ММПЛ ООН, жовтень
2024 року.</text:p></text:note-body></text:note> з серпня 2024 року.</text:p>
  <text:p>Омбудсман повідомив про 177 випадків<text:note text:id="n2" text:note-class="endnote">
<text:note-citation>i</text:note-citation><text:note-body><text:p>Заява Уповноваженого від
грудня 2024 року.</text:p></text:note-body></text:note>.</text:p>
 </office:text></office:body>
</office:document>
"""

NOTES_TEXT = """Місія ООН задокументувала 79 страт[1] з серпня 2024 року.

Омбудсман повідомив про 177 випадків[2].

[1] Доповідь ММПЛ ООН, жовтень 2024 року.

[2] Заява Уповноваженого від грудня 2024 року.
"""

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# A questionnaire's form: a legacy text field, check boxes and a drop-down, then content
# controls (one filled in, one still showing its prompt).
_FIELD = ('<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="{name}"/>{data}'
          '</w:ffData></w:fldChar></w:r><w:r><w:instrText xml:space="preserve"> {code} '
          '</w:instrText></w:r>{result}<w:r><w:fldChar w:fldCharType="end"/></w:r>')
_SEPARATE = '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>{value}</w:t></w:r>'
FORM_PARAGRAPHS = [
    '<w:r><w:t xml:space="preserve">Прізвище свідка: </w:t></w:r>' + _FIELD.format(
        name="surname", data="<w:textInput/>", code="FORMTEXT",
        result=_SEPARATE.format(value="Мельник")),
    '<w:r><w:t xml:space="preserve">Бачив полонених </w:t></w:r>' + _FIELD.format(
        name="saw", data='<w:checkBox><w:sizeAuto/><w:checked/></w:checkBox>',
        code="FORMCHECKBOX", result=""),
    '<w:r><w:t xml:space="preserve">Чув постріли </w:t></w:r>' + _FIELD.format(
        name="heard", data='<w:checkBox><w:sizeAuto/><w:default w:val="0"/></w:checkBox>',
        code="FORMCHECKBOX", result=""),
    '<w:r><w:t xml:space="preserve">Область: </w:t></w:r>' + _FIELD.format(
        name="region", data='<w:ddList><w:result w:val="1"/><w:listEntry w:val="Харківська"/>'
        '<w:listEntry w:val="Донецька"/><w:listEntry w:val="Курська"/></w:ddList>',
        code="FORMDROPDOWN", result=""),
    '<w:r><w:t xml:space="preserve">Дата події: </w:t></w:r><w:sdt><w:sdtPr><w:alias '
    'w:val="Дата"/><w:date><w:dateFormat w:val="dd.MM.yyyy"/></w:date></w:sdtPr><w:sdtContent>'
    '<w:r><w:t>06.09.2024</w:t></w:r></w:sdtContent></w:sdt>',
    '<w:r><w:t xml:space="preserve">Примітки: </w:t></w:r><w:sdt><w:sdtPr><w:showingPlcHdr/>'
    '</w:sdtPr><w:sdtContent><w:r><w:t>Натисніть, щоб ввести текст.</w:t></w:r></w:sdtContent>'
    '</w:sdt>',
]
FORM_TEXT = """Анкета свідка

Прізвище свідка: Мельник

Бачив полонених ☒

Чув постріли ☐

Область: Донецька

Дата події: 06.09.2024

Примітки:
"""

WITNESS = ("Свідок бачив, як шістьох полонених вивели з підвалу 23 січня 2025 року.\n"
           "Охоронці казали, що \"полонених не братимуть\".\n"
           "Тіла знайшли біля заводу \"Фенол\" поблизу селища Нью-Йорк.\n")
#: iconv's names of the encodings the texts are saved in (the wide ones without a BOM).
ENCODINGS = ("UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE", "CP1251", "KOI8-U", "ISO-8859-5")

# Strict OOXML: what Word's "Strict Open XML Document" save writes instead of Transitional.
_STRICT = {
    b"http://schemas.openxmlformats.org/wordprocessingml/2006/main":
        b"http://purl.oclc.org/ooxml/wordprocessingml/main",
    b"http://schemas.openxmlformats.org/officeDocument/2006/relationships":
        b"http://purl.oclc.org/ooxml/officeDocument/relationships",
    b"http://schemas.openxmlformats.org/drawingml/2006/main":
        b"http://purl.oclc.org/ooxml/drawingml/main",
}


def _soffice(source: Path, target_format: str, out: Path) -> Path:
    subprocess.run(["soffice", "--headless", "--convert-to", target_format, "--outdir",
                    str(out), str(source)], check=True, capture_output=True, timeout=180)
    return out / f"{source.stem}.{target_format.split(':')[0]}"


def make_word(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        (work / "tracked_changes.fodt").write_text(TRACKED, encoding="utf-8")
        shutil.copy(_soffice(work / "tracked_changes.fodt", 'docx:MS Word 2007 XML', work),
                    folder / "tracked_changes.docx")
        (work / "statement_from_odt.fodt").write_text(STATEMENT, encoding="utf-8")
        odt = _soffice(work / "statement_from_odt.fodt", "odt", work / "odt")
        shutil.copy(_soffice(odt, 'docx:MS Word 2007 XML', work), folder / odt.with_suffix(
            ".docx").name)
    (folder / "tracked_changes.docx.expected.txt").write_text(TRACKED_TEXT, encoding="utf-8")
    make_notes(folder)
    (folder / "statement_from_odt.docx.expected.txt").write_text(STATEMENT_TEXT,
                                                                  encoding="utf-8")
    _make_form(folder / "form_fields.docx")
    (folder / "form_fields.docx.expected.txt").write_text(FORM_TEXT, encoding="utf-8")
    _make_strict(folder / "statement_from_odt.docx", folder / "strict_ooxml.docx")
    (folder / "strict_ooxml.docx.expected.txt").write_text(STATEMENT_TEXT, encoding="utf-8")
    _make_encrypted(folder / "form_fields.docx", folder / "password_protected.docx")
    (folder / "password_protected.docx.refused.txt").write_text(
        "password_protected.docx: is password-protected; remove the password in Word and "
        "import it again\n", encoding="utf-8")


def _make_form(path: Path) -> None:
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_heading("Анкета свідка", level=1)
    body = document.element.body
    for runs in FORM_PARAGRAPHS:
        body.insert(len(body) - 1, parse_xml(f'<w:p xmlns:w="{_W}">{runs}</w:p>'))
    document.save(path)


def _make_strict(source: Path, target: Path) -> None:
    with zipfile.ZipFile(source) as plain, zipfile.ZipFile(target, "w",
                                                           zipfile.ZIP_DEFLATED) as strict:
        for member in plain.infolist():
            data = plain.read(member)
            if member.filename.endswith((".xml", ".rels")):
                for transitional, iso in _STRICT.items():
                    data = data.replace(transitional, iso)
                data = data.replace(b"2006/relationships/officeDocument",
                                    b"relationships/officeDocument")
                # Strict documents say so on their root: w:document w:conformance="strict".
                data = data.replace(b"<w:document ", b'<w:document w:conformance="strict" ', 1)
            strict.writestr(member, data)


def _make_encrypted(source: Path, target: Path) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile

    with source.open("rb") as plain, target.open("wb") as locked:
        OOXMLFile(plain).encrypt("свідок-17", locked)


def make_texts(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for encoding in ENCODINGS:
        name = f"witness_{encoding.lower().replace('-', '')}.txt"
        encoded = subprocess.run(["iconv", "-f", "UTF-8", "-t", encoding],
                                 input=WITNESS.encode("utf-8"), capture_output=True,
                                 check=True).stdout
        (folder / name).write_bytes(encoded)
        (folder / f"{name}.expected.txt").write_text(WITNESS, encoding="utf-8")


def make_notes(folder: Path) -> None:
    """The document with a footnote and an endnote."""
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        (work / "footnotes.fodt").write_text(NOTES, encoding="utf-8")
        shutil.copy(_soffice(work / "footnotes.fodt", 'docx:MS Word 2007 XML', work),
                    folder / "footnotes.docx")
    (folder / "footnotes.docx.expected.txt").write_text(NOTES_TEXT, encoding="utf-8")


if __name__ == "__main__":
    make_word(HERE / "docx")
    make_texts(HERE / "text")
    sys.exit(0)
