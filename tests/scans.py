"""Scans made for the tests: Ukrainian text drawn with DejaVu Serif onto a page image, saved as
PNG, JPEG, TIFF (one page or several) or an image-only PDF (no text layer), as a scanner would."""

from __future__ import annotations

import io
from pathlib import Path

#: The statement on the test scans' pages: Ukrainian, with words whose other forms a search
#: finds through their dictionary form (військовополонених → військовополонений).
STATEMENT = (
    "Заява Офісу Генерального прокурора",
    "Окупанти розстріляли шістнадцять",
    "військовополонених поблизу Сухого Яру.",
    "Слідчі зафіксували свідчення очевидців",
    "та відкрили кримінальне провадження.",
)

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")


def page_image(lines: tuple[str, ...] = STATEMENT, *, width: int = 1400, size: int = 36):
    """A white page (greyscale, 300 dpi) with these lines in black."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(FONT), size)
    step = size * 2
    image = Image.new("L", (width, 2 * step + step * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    for number, line in enumerate(lines):
        draw.text((step, step + number * step), line, font=font, fill=0)
    image.info["dpi"] = (300, 300)
    return image


def write_image(path: Path, pages: int = 1, lines: tuple[str, ...] = STATEMENT) -> Path:
    """A scan as an image file of the kind its suffix names (.tif with several pages)."""
    images = [page_image(lines) for _ in range(pages)]
    kind = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".tif": "TIFF", ".tiff": "TIFF"}
    images[0].save(path, format=kind[path.suffix.lower()], dpi=(300, 300),
                   save_all=pages > 1, append_images=images[1:])
    return path


def write_pdf(path: Path, pages: int = 1, lines: tuple[str, ...] = STATEMENT,
              **look: int) -> Path:
    """An image-only PDF: each page is the page image (`look`: its width, font size), with
    no text layer."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = page_image(lines, **look)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    width, height = (points * 72 / 300 for points in image.size)
    pdf = canvas.Canvas(str(path), pagesize=(width, height))
    for _ in range(pages):
        pdf.drawImage(ImageReader(io.BytesIO(buffer.getvalue())), 0, 0, width, height)
        pdf.showPage()
    pdf.save()
    return path


def smudged_page():
    """The statement's page with a line below it scanned at a third of the resolution and
    smudged: Tesseract reads some of that line, unsure of what it reads."""
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    image = page_image()
    line = Image.new("L", (900, 60), 255)
    ImageDraw.Draw(line).text((0, 10), "ледь помітний підпис свідка", fill=0,
                              font=ImageFont.truetype(str(FONT), 30))
    line = line.resize((300, 20)).resize((900, 60)).filter(ImageFilter.GaussianBlur(2.5))
    image.paste(line, (72, image.size[1] - 70))
    return image
