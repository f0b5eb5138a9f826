"""Make the corpus's scans and photos of documents with real tools, beside their expected texts.

Pages are typeset by ImageMagick (`convert`, DejaVu Serif, 300 dpi) from statements written
for this corpus: a Ukrainian page as a flatbed scanner's greyscale PNG, the same kind of page
photographed (a JPEG, turned a little, blurred and grainy), a Russian statement as a fax's
two-page bilevel TIFF (CCITT Group 4), a two-page Ukrainian annex as an image-only PDF
written by LibreOffice (a flat ODF text of two page images, `soffice --convert-to pdf`): no
text layer, as a scanner's PDF has none, and a LibreOffice PDF of a typed statement whose
signed last page was scanned into it (a page of text, then a page image). Tesseract itself
makes a searchable PDF of the Ukrainian scan (its page image under an invisible text layer,
as a scanner's OCR does), which imports without OCR (tests/corpus/pdf/). A word hyphenated
at a line end ("військово-", "полонених") is one word in the expected text, as a reader
reads it.

    .venv/bin/python tests/corpus/make_scans.py      # writes the scans again, in place

Casefile imports this kind with OCR (`casefile import --ocr`); without it each is refused in
one line that says so. The texts are written for this corpus: no file comes from another
project.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent / "scan"

#: Each page's lines as drawn on it ("-" at a line's end: the word goes on on the next line).
STATEMENT_UK = (
    "ПРОТОКОЛ ДОПИТУ СВІДКИ",
    "м. Харків, 14 травня 2024 року",
    "Свідок повідомила, що 10 травня близько 06:30 вона бачила,",
    "як російські військові вивели трьох військово-",
    "полонених із підвалу будинку на вулиці Шевченка.",
    "Полонені були без зброї, їхні руки були зв'язані.",
    "Через кілька хвилин вона почула автоматні черги.",
    "Тіла знайшли мешканці села наступного ранку.",
)
PHOTO_UK = (
    "ЗАЯВА",
    "Я, Марія Степаненко, мешканка села Вовчанськ,",
    "підтверджую, що 2 червня 2024 року снаряд влучив",
    "у приміщення сільської школи, де ховалися люди.",
    "Загинули четверо дорослих, поранено шістьох дітей.",
)
FAX_RU = (
    ("ПРОКУРАТУРА ЗАПОРОЖСКОЙ ОБЛАСТИ",
     "Сообщение о подозрении",
     "Военнослужащему сообщено о подозрении в нарушении",
     "законов и обычаев войны, совершенном вместе",
     "с умышленным убийством двух военнопленных."),
    ("Следствие установило, что пленных расстреляли",
     "вблизи села Работино 5 декабря 2024 года.",
     "Досудебное расследование продолжается."),
)
ANNEX_UK = (
    ("ДОДАТОК 2",
     "Перелік вилучених речових доказів",
     "1. Уламки ракети, знайдені у дворі школи.",
     "2. Гільзи від автоматної зброї, дванадцять штук.",
     "3. Відеозапис з камери спостереження магазину."),
    ("Докази передано на судово-балістичну експертизу",
     "до Харківського науково-дослідного інституту.",
     "Слідчий Олександр Бондаренко"),
)

#: The typed page of a statement whose signed page was scanned into the same PDF.
TYPED_PAGE = (
    "Пояснення потерпілого",
    "Мій будинок на вулиці Гвардійській у Куп'янську зруйновано",
    "внаслідок удару керованою авіабомбою 11 лютого 2025 року.",
)
SIGNED_PAGE = (
    "Пояснення записано з моїх слів правильно.",
    "Підпис потерпілого: Іван Мельник",
    "Дата: 12 лютого 2025 року",
)

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
WIDTH, LINE, MARGIN = 2480, 100, 160  # an A4 page's width at 300 dpi, a line's height


def expected(pages) -> str:
    """What a reader reads on the pages: their lines, a word broken at a line end whole."""
    text = "\n\n".join("\n".join(page) for page in pages) + "\n"
    return re.sub(r"(\w)-\n(\w)", r"\1\2", text)


def typeset(path: Path, lines: tuple[str, ...], *, height: int | None = None,
            extra: tuple[str, ...] = ()) -> None:
    """A white page with these lines drawn in black by ImageMagick, then `extra` applied."""
    height = height or 2 * MARGIN + LINE * len(lines)
    draw = []
    for number, line in enumerate(lines):
        draw += ["-annotate", f"+{MARGIN}+{MARGIN + LINE * number + 50}", line]
    subprocess.run(["convert", "-size", f"{WIDTH}x{height}", "xc:white", "-font", FONT,
                    "-pointsize", "50", "-fill", "black", *draw, *extra,
                    "-units", "PixelsPerInch", "-density", "300", str(path)],
                   check=True, timeout=120)


def write_fax(path: Path) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        pages = []
        for number, lines in enumerate(FAX_RU):
            page = Path(scratch) / f"page-{number}.png"
            typeset(page, lines, height=1200)
            pages.append(str(page))
        subprocess.run(["convert", *pages, "-monochrome", "-compress", "Group4",
                        "-units", "PixelsPerInch", "-density", "300", str(path)],
                       check=True, timeout=120)


_PAGE_ODF = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:xlink="http://www.w3.org/1999/xlink"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:automatic-styles>
  <style:page-layout style:name="scan"><style:page-layout-properties fo:page-width="21cm"
   fo:page-height="{height}cm" fo:margin-top="0cm" fo:margin-bottom="0cm" fo:margin-left="0cm"
   fo:margin-right="0cm"/></style:page-layout>
  <style:style style:name="page" style:family="paragraph"><style:paragraph-properties
   fo:break-before="page" fo:margin-top="0cm" fo:margin-bottom="0cm"/></style:style>
  <style:style style:name="typed" style:family="paragraph"><style:paragraph-properties
   fo:margin-left="2cm" fo:margin-top="0.3cm"/><style:text-properties
   style:font-name="Liberation Serif" fo:font-size="14pt"/></style:style>
 </office:automatic-styles>
 <office:master-styles><style:master-page style:name="Standard" style:page-layout-name="scan"/>
 </office:master-styles>
 <office:body><office:text>{pages}</office:text></office:body>
</office:document>
"""
_PAGE_IMAGE = """<text:p text:style-name="page"><draw:frame text:anchor-type="as-char"
 svg:width="21cm" svg:height="{height}cm"><draw:image xlink:href="{href}" xlink:type="simple"
 xlink:show="embed" xlink:actuate="onLoad"/></draw:frame></text:p>"""


_TYPED = """<text:p text:style-name="typed">{line}</text:p>"""


def write_image_pdf(path: Path, pages: tuple[tuple[str, ...], ...],
                    typed: tuple[str, ...] = ()) -> None:
    """A PDF by LibreOffice: each page one page image, no text on it (after a first page of
    `typed` lines, when given: a text page, then the scans)."""
    height_px = 1500
    height_cm = round(21 * height_px / WIDTH, 3)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        frames = [_TYPED.format(line=line) for line in typed]
        for number, lines in enumerate(pages):
            image = folder / f"page-{number}.png"
            typeset(image, lines, height=height_px, extra=("-colorspace", "Gray"))
            frames.append(_PAGE_IMAGE.format(height=height_cm, href=image.as_uri()))
        document = folder / f"{path.stem}.fodt"
        document.write_text(_PAGE_ODF.format(height=height_cm, pages="".join(frames)),
                            encoding="utf-8")
        subprocess.run(["soffice", f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                        "--headless", "--convert-to", "pdf", "--outdir", scratch,
                        str(document)], check=True, capture_output=True, timeout=300)
        shutil.move(folder / f"{path.stem}.pdf", path)


def write_searchable_pdf(scan: Path, path: Path) -> None:
    """Tesseract's own searchable PDF of a scan: the page image, and the words it read as an
    invisible text layer over it."""
    with tempfile.TemporaryDirectory() as scratch:
        subprocess.run(["tesseract", str(scan), f"{scratch}/out", "-l", "ukr", "pdf"],
                       check=True, capture_output=True, timeout=300)
        shutil.move(f"{scratch}/out.pdf", path)


def main() -> int:
    for tool in ("convert", "soffice", "tesseract"):
        if shutil.which(tool) is None:
            print(f"make_scans: {tool} is needed (ImageMagick, LibreOffice, Tesseract)",
                  file=sys.stderr)
            return 1
    HERE.mkdir(exist_ok=True)
    typeset(HERE / "statement_uk.png", STATEMENT_UK, extra=("-colorspace", "Gray"))
    typeset(HERE / "statement_photo_uk.jpg", PHOTO_UK, extra=(
        "-background", "#d8d4cc", "-rotate", "1.2", "-blur", "0x1.2",
        "-attenuate", "0.4", "+noise", "Gaussian", "-colorspace", "Gray", "-quality", "72"))
    write_fax(HERE / "suspicion_fax_ru.tif")
    write_image_pdf(HERE / "annex_scanned_uk.pdf", ANNEX_UK)
    write_image_pdf(HERE / "statement_signed_page_scanned_uk.pdf", (SIGNED_PAGE,),
                    typed=TYPED_PAGE)
    write_searchable_pdf(HERE / "statement_uk.png",
                         HERE.parent / "pdf" / "uk_statement_tesseract_searchable.pdf")
    for name, pages in (("../pdf/uk_statement_tesseract_searchable.pdf", (STATEMENT_UK,)),
                        ("statement_uk.png", (STATEMENT_UK,)),
                        ("statement_photo_uk.jpg", (PHOTO_UK,)),
                        ("suspicion_fax_ru.tif", FAX_RU),
                        ("annex_scanned_uk.pdf", ANNEX_UK),
                        ("statement_signed_page_scanned_uk.pdf", (TYPED_PAGE, SIGNED_PAGE))):
        (HERE / f"{name}.expected.txt").write_text(expected(pages), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
