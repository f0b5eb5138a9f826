"""Make the corpus's PDFs with real tools, beside their expected texts (tests/corpus/pdf/).

Every file here is written by a real tool: PDFs by reportlab (ligature characters, line-end
hyphenation, two columns, Cyrillic in DejaVu, bold by overprinting) and by LibreOffice
(Word files made with python-docx, exported to PDF with `soffice --convert-to pdf`),
encrypted PDFs by pypdf. The corpus's convention, for every kind (one folder per kind):
beside each file that must import is `<file>.expected.txt`, the text a reader sees in it;
beside each that must be refused, `<file>.refused.txt`, a part of the reason Casefile must
give. A file is added by dropping it and its expected text in its kind's folder (the bench and
the tests take every file that has one).

    .venv/bin/python tests/corpus/make_pdfs.py      # writes the PDFs again, in place

The texts are written for this corpus: no file comes from another project.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent / "pdf"
FONTS = Path("/usr/share/fonts/truetype/dejavu")

#: "|" marks where a word may be hyphenated at a line end; "~" a real hyphen of a compound.
EN_REPORT = """\
Investigators of the regional prosecutor's office documented the shelling of a resi|den|tial \
district on the morning of 14 March. The first strike hit the court|yard of a school at \
about 05:40, when the shel|ter in its base|ment was full of families. Witnesses describe a \
long~range missile and a second, smaller explosion five minutes later. The official \
find|ings list nine people killed and twenty~three wounded, among them four children. The \
affected buildings were identified from satellite imagery and from the fire brigade's \
inventory of damaged flats. It was difficult to establish the exact time of the second \
explosion, because the power had been cut and the clocks of the security cameras were \
inaccurate. Several residents said the area was well~known as a civilian neighbourhood, \
with no military positions nearby. The team also collected the fragments of the missile, \
which were photographed, measured and sent for a forensic examination. The examiners \
concluded that the fragments came from a guided missile of a type that is dan|ger|ous to \
use near houses because of its wide area of effect. Officers of the local police, who \
arrived within fifteen minutes, confirmed that the school was closed for classes and that \
the basement served as an officially designated shelter. The full report, with the \
statements of eleven witnesses, the map of the affected streets and the list of the \
victims, was handed to the prosecutor in charge of the proceedings on 2 April."""

EN_COLUMNS_LEFT = """\
The convoy left the village of Pisky at dawn, carrying thirty~one civilians who had sheltered \
in the church for nine days. According to the driver of the first bus, the route had been \
agreed with both sides through the local administration, and white flags were fixed to \
every vehicle. Near the bridge over the river the convoy was stopped by armed men in \
uniform without insignia, who ordered the passengers out and checked their phones."""

EN_COLUMNS_RIGHT = """\
Two men were taken away and have not been seen since. Their relatives reported the \
disappearance to the police on the following day, and the national hotline for missing \
persons registered both cases. A humanitarian organisation that had negotiated the passage \
later confirmed the time and the place of the stop, and handed a list of the passengers to \
the investigators, who compared it with the statements of the survivors."""

UK_REPORT = """\
Слідчі обласної прокуратури задокументували обстріл житлового кварталу міста вранці \
чотирнадцятого березня. Перший удар влучив у под|вір'я школи близько п'ятої години сорок \
хвилин, коли в укритті у підвалі перебували родини з дітьми. Свідки розповідають про ракету \
та другий вибух через п'ять хвилин. За офіційними даними, загинули дев'ятеро людей, \
поранено двадцять трьох, серед них четверо дітей. Пошкоджені будинки встановлено за \
супутниковими знімками та за переліком пожежної служби. Мешканці наголошують, що це \
цивільний район, поблизу якого не було військових позицій. Фрагменти ракети сфо|то|гра|фо|ва|но, \
виміряно та передано на судово~медичну експертизу. Експерти дійшли висновку, що уламки \
належать керованій ракеті, застосування якої поблизу житлових будинків є особливо \
не|без|печ|ним. Повний звіт із показаннями одинадцяти свідків, мапою вулиць та списком \
потерпілих передано прокурору, який здійснює процесуальне керівництво."""

UK_STATEMENT = """\
Заява свідка

Я, мешканка села Мала Рогань, бачила, як дванадцятого березня до нашої вулиці під'їхали \
дві вантажівки з військовими. Вони заходили до кожного двору, забирали телефони й \
документи, а чоловіків виводили на дорогу. Мого сусіда, Петра Коваленка, посадили до \
вантажівки, і відтоді ми нічого про нього не знаємо. Наступного дня я повідомила про це \
поліцію та гарячу лінію з пошуку зниклих безвісти.

Підпис свідка засвідчено слідчим."""

RU_STATEMENT = """\
Показания свидетеля

Я проживаю в посёлке Циркуны с две тысячи десятого года. Утром девятого марта в посёлок \
вошла колонна бронетехники. Военные расположились в здании школы и в нескольких частных \
домах, жителей выгоняли на улицу без тёплой одежды. Моего брата задержали у магазина, \
когда он шёл за хлебом, и увезли в неизвестном направлении. Через неделю соседи нашли его \
тело в лесополосе за посёлком.

Показания записаны со слов свидетеля и им прочитаны."""

OVERPRINT_TITLE = "Statement of the witness"
OVERPRINT_HEADING = "Testimony given on 9 March"
OVERPRINT_BODY = """\
The witness confirmed that the detention took place on 9 March near the shop on the main \
street of the village, and that the detained man was her brother."""

#: A decision whose heading and stamp are letter-spaced (Word's "expanded" character spacing),
#: as official documents set them: each line with the spacing it is set in, in points.
SPACED_DECISION = (
    ("ПОСТАНОВА", 6.0),
    ("про визнання потерпілим", 3.0),
    ("Слідчий слідчого управління, розглянувши матеріали кримінального провадження, "
     "встановив, що внаслідок обстрілу села Циркуни загинув брат заявниці, і постановив "
     "визнати її потерпілою.", 0.0),
    ("Strictly confidential", 2.5),
)

LIGATURES = (("ffi", "\ufb03"), ("ffl", "\ufb04"), ("ff", "\ufb00"), ("fi", "\ufb01"),
             ("fl", "\ufb02"))


def plain(text: str) -> str:
    """The text as a reader reads it: no break marks, compounds with their hyphen."""
    return text.replace("|", "").replace("~", "-")


def hyphenated(text: str, language: str) -> str:
    """Every word of five letters or more given its hyphenation points ("|"), by pyphen's
    dictionaries (those of LibreOffice); a compound's own hyphen ("~") is left as it is."""
    import pyphen

    dictionary = pyphen.Pyphen(lang=language)

    def word(match: re.Match) -> str:
        return dictionary.inserted(match.group(), hyphen="|")

    return re.sub(r"(?<![~\w])\w{5,}(?![~\w])", word, text.replace("|", ""))


def with_ligatures(text: str) -> str:
    for letters, ligature in LIGATURES:
        text = text.replace(letters, ligature)
    return text


def lines_of(text: str, width: float, font: str, size: float) -> list[str]:
    """The paragraph broken into lines no wider than `width`, a word hyphenated at a "|"
    where it does not fit, a compound broken after its own hyphen ("~")."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def measure(s: str) -> float:
        return stringWidth(plain(s), font, size)

    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if measure(trial) <= width:
            current = trial
            continue
        pieces = re.split(r"(?<=[|~])", word)
        for cut in range(len(pieces) - 1, 0, -1):
            head = "".join(pieces[:cut])
            if measure(f"{current} {head[:-1]}-".strip()) <= width:
                lines.append(f"{current} {head[:-1]}-".strip())
                current = "".join(pieces[cut:])
                break
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return [plain(line) for line in lines]


def register_fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name in ("DejaVuSerif", "DejaVuSans", "DejaVuSans-Bold"):
        pdfmetrics.registerFont(TTFont(name, str(FONTS / f"{name}.ttf")))


def write_paragraphs(path: Path, paragraphs: list[str], *, font: str, size: float = 11,
                     ligatures: bool = False, title: str = "", width: float = 0) -> None:
    """A paged A4 PDF of hyphenated paragraphs (a new page when one is full)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    canvas.setTitle(title)
    page_width, height = A4
    left, top, bottom, leading = 72, height - 72, 72, size * 1.35
    y = top
    for paragraph in paragraphs:
        for line in lines_of(paragraph, width or page_width - 2 * left, font, size):
            if y < bottom:
                canvas.showPage()
                y = top
            canvas.setFont(font, size)
            canvas.drawString(left, y, with_ligatures(line) if ligatures else line)
            y -= leading
        y -= leading
    canvas.showPage()
    canvas.save()


def write_columns(path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    width, height = A4
    gutter, margin, size = 24, 56, 10
    column = (width - 2 * margin - gutter) / 2
    canvas.setFont("DejaVuSerif", 15)
    canvas.drawString(margin, height - 60, "Convoy stopped at the bridge")
    for x, text in ((margin, EN_COLUMNS_LEFT), (margin + column + gutter, EN_COLUMNS_RIGHT)):
        y = height - 96
        for line in lines_of(text, column, "DejaVuSerif", size):
            canvas.setFont("DejaVuSerif", size)
            canvas.drawString(x, y, line)
            y -= size * 1.3
    canvas.showPage()
    canvas.save()


def write_overprinted(path: Path) -> None:
    """A heading made bold the old way: the same line drawn four times, a hair apart."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    width, height = A4
    for dx in (0, 0.25, 0.5, 0.75):
        canvas.setFont("DejaVuSans", 16)
        canvas.drawString(72 + dx, height - 80, OVERPRINT_TITLE)
    # The way some older writers do it: each letter drawn four times before the next.
    x = 72
    canvas.setFont("DejaVuSans", 13)
    for letter in OVERPRINT_HEADING:
        for dx in (0, 0.2, 0.4, 0.6):
            canvas.drawString(x + dx, height - 110, letter)
        x += stringWidth(letter, "DejaVuSans", 13)
    y = height - 140
    for line in lines_of(OVERPRINT_BODY, width - 144, "DejaVuSans", 11):
        canvas.setFont("DejaVuSans", 11)
        canvas.drawString(72, y, line)
        y -= 15
    canvas.showPage()
    canvas.save()


def write_docx(path: Path, text: str, language: str) -> None:
    import docx
    from docx.oxml.ns import qn

    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "DejaVu Serif"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "DejaVu Serif")
    title, _, body = text.partition("\n\n")
    document.add_heading(title, level=1)
    for paragraph in body.split("\n\n"):
        document.add_paragraph(paragraph)
    document.core_properties.language = language
    document.core_properties.title = title
    document.save(str(path))


def write_spaced_docx(path: Path) -> None:
    """A Word file whose lines are set with expanded character spacing (w:spacing), each
    letter apart from the next: what PDF writers draw glyph by glyph, without spaces."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    document.styles["Normal"].font.name = "Liberation Serif"
    for text, points in SPACED_DECISION:
        run = document.add_paragraph().add_run(text)
        run.bold = points > 0
        if points:
            spacing = OxmlElement("w:spacing")
            spacing.set(qn("w:val"), str(round(points * 20)))  # in twentieths of a point
            run._r.get_or_add_rPr().append(spacing)
    document.save(str(path))


def write_spaced(scratch: Path) -> None:
    word = scratch / "uk_decision_letter_spaced.docx"
    write_spaced_docx(word)
    libreoffice_pdf(word, HERE / "uk_decision_letter_spaced.pdf")
    expect("uk_decision_letter_spaced", "\n\n".join(text for text, _ in SPACED_DECISION))


def libreoffice_pdf(source: Path, target: Path) -> None:
    """`soffice --convert-to pdf` in a profile of its own (a running LibreOffice is left be)."""
    with tempfile.TemporaryDirectory() as scratch:
        profile = Path(scratch, "profile").as_uri()
        subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                        "--convert-to", "pdf", "--outdir", scratch, str(source)],
                       check=True, capture_output=True, timeout=180)
        shutil.move(Path(scratch, source.with_suffix(".pdf").name), target)


def encrypt(source: Path, target: Path, *, user: str, owner: str) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password=user, owner_password=owner, algorithm="AES-256")
    with target.open("wb") as file:
        writer.write(file)


def expect(name: str, text: str) -> None:
    (HERE / f"{name}.pdf.expected.txt").write_text(plain(text) + "\n", encoding="utf-8")


def refuse(name: str, reason: str) -> None:
    (HERE / f"{name}.pdf.refused.txt").write_text(reason + "\n", encoding="utf-8")


def main() -> int:
    HERE.mkdir(exist_ok=True)
    register_fonts()
    paragraphs = EN_REPORT.split("\n\n")
    # Long enough for three pages: the report twice over, in two sizes.
    write_paragraphs(HERE / "en_report_ligatures.pdf", paragraphs * 3, font="DejaVuSerif",
                     size=12, ligatures=True, title="Shelling of a residential district")
    expect("en_report_ligatures", "\n\n".join(paragraphs * 3))
    # A narrow column: a hyphen at most line ends, some of them a compound's own.
    narrow = hyphenated(EN_REPORT, "en_GB")
    write_paragraphs(HERE / "en_narrow_hyphenated.pdf", [narrow], font="DejaVuSerif",
                     size=11, width=170, ligatures=True)
    expect("en_narrow_hyphenated", EN_REPORT)
    write_paragraphs(HERE / "uk_narrow_hyphenated.pdf", [hyphenated(UK_REPORT, "uk_UA")],
                     font="DejaVuSans", size=11, width=170)
    expect("uk_narrow_hyphenated", UK_REPORT)
    write_columns(HERE / "en_two_columns.pdf")
    expect("en_two_columns", "Convoy stopped at the bridge\n\n" + EN_COLUMNS_LEFT + "\n\n"
           + EN_COLUMNS_RIGHT)
    write_paragraphs(HERE / "uk_report_dejavu.pdf", [UK_REPORT], font="DejaVuSans")
    expect("uk_report_dejavu", UK_REPORT)
    write_overprinted(HERE / "en_overprinted_bold.pdf")
    expect("en_overprinted_bold", f"{OVERPRINT_TITLE}\n\n{OVERPRINT_HEADING}\n\n{OVERPRINT_BODY}")
    with tempfile.TemporaryDirectory() as scratch:
        for name, text, language in (("uk_statement", UK_STATEMENT, "uk-UA"),
                                     ("ru_statement", RU_STATEMENT, "ru-RU")):
            word = Path(scratch, f"{name}.docx")
            write_docx(word, text, language)
            libreoffice_pdf(word, HERE / f"{name}_libreoffice.pdf")
            expect(f"{name}_libreoffice", text)
        write_spaced(Path(scratch))
        plain_pdf = Path(scratch, "plain.pdf")
        write_paragraphs(plain_pdf, [OVERPRINT_BODY], font="DejaVuSans")
        encrypt(plain_pdf, HERE / "aes_owner_password_only.pdf", user="", owner="owner-secret")
        expect("aes_owner_password_only", OVERPRINT_BODY)
        encrypt(plain_pdf, HERE / "aes_user_password.pdf", user="open-secret",
                owner="owner-secret")
        refuse("aes_user_password", "is password-protected")
        whole = plain_pdf.read_bytes()
        (HERE / "damaged_truncated.pdf").write_bytes(whole[: len(whole) // 3])
        refuse("damaged_truncated", "is not a readable PDF")
    return 0


if __name__ == "__main__":
    sys.exit(main())
