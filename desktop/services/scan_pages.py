"""The pages of a scan read by OCR: each page's image, and where a span of its text stands on it.

An image source (PNG, JPEG, TIFF) is its own page image, frame by frame; a scanned PDF's pages
are drawn by the PDF page renderer like any PDF's. Where a span stands comes from the places
Tesseract gave each word (`extra["ocr_boxes"]`, in the pixels of the page it read): the words
the span covers, joined line by line into rectangles, as fractions of the page, so a view can
draw them over the page image at any size. Qt-free; Pillow is imported when a frame is drawn.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import NamedTuple

from desktop.domain.models import Source, SourceOriginal
from desktop.services.words import _


class Region(NamedTuple):
    """A rectangle on page `page` (0 first), as fractions (0–1) of its width and height."""

    page: int
    left: float
    top: float
    right: float
    bottom: float


@dataclass(frozen=True)
class ScanSource:
    """What drawing a scan's pages needs, read from the case at once (the drawing, on another
    thread, touches no database; as pages.PdfSource is for a PDF)."""

    id: int
    name: str
    media_type: str
    pages: list[int]  # where each page starts in the text
    boxes: list[dict]  # each page's size and its words' places (extra["ocr_boxes"])
    data: bytes  # the original file
    pdf: object | None = None  # pages.PdfSource of a scanned PDF, whose pages PDFium draws


def scan_source(source_id: int) -> ScanSource | None:
    """A scan read by OCR, ready to be drawn; None for a source OCR did not read."""
    row = (Source.select(Source.original_name, Source.media_type, Source.pages, Source.extra)
           .where(Source.id == source_id).tuples().first())
    if row is None or not (row[3] or {}).get("ocr_boxes"):
        return None
    name, media_type, starts, extra = row
    pdf = None
    if media_type == "application/pdf":
        from desktop.services import pages

        pdf = pages.pdf_source(source_id)
    data = pdf.data if pdf is not None else bytes(SourceOriginal.get_by_id(source_id).data)
    return ScanSource(source_id, name, media_type, starts or [], extra["ocr_boxes"], data, pdf)


def has_word_places(source_id: int) -> bool:
    """Whether the source was read by OCR and keeps where its words stand."""
    extra = Source.select(Source.extra).where(Source.id == source_id).scalar() or {}
    return bool(extra.get("ocr_boxes"))


def span_regions(source_id: int, start: int, end: int) -> list[Region]:
    """Where text[start:end] stands on the scan's pages: one rectangle per line it covers."""
    extra = Source.select(Source.extra).where(Source.id == source_id).scalar() or {}
    return _regions(extra.get("ocr_boxes") or (), start, end)


def _regions(boxes, start: int, end: int) -> list[Region]:
    regions: list[Region] = []
    for page, placed in enumerate(boxes):
        width, height = (max(1, int(v)) for v in placed.get("size", (1, 1)))
        lines: list[list[float]] = []  # [left, top, right, bottom] in pixels
        for word in placed.get("words", ()):
            word_start, word_end, left, top, w, h = word
            if word_end <= start or word_start >= end:
                continue
            box = [left, top, left + w, top + h]
            same_line = lines and _overlap(lines[-1], box) > 0.5
            if same_line:
                last = lines[-1]
                lines[-1] = [min(last[0], box[0]), min(last[1], box[1]),
                             max(last[2], box[2]), max(last[3], box[3])]
            else:
                lines.append(box)
        regions += [Region(page, a / width, b / height, c / width, d / height)
                    for a, b, c, d in lines]
    return regions


def _overlap(one: list[float], other: list[float]) -> float:
    """How much two boxes share vertically, as a part of the shorter one (same line: most)."""
    shared = min(one[3], other[3]) - max(one[1], other[1])
    return shared / max(1.0, min(one[3] - one[1], other[3] - other[1]))


def image_page(source_id: int, page: int) -> bytes | None:
    """Page `page` of an image source as an image file's bytes (the original for a one-page
    PNG or JPEG, the frame as PNG for a multi-page TIFF); None for a source of another kind."""
    media_type = Source.select(Source.media_type).where(Source.id == source_id).scalar()
    if not media_type or not media_type.startswith("image/"):
        return None
    return _frame(media_type, bytes(SourceOriginal.get_by_id(source_id).data), page)


def _frame(media_type: str, data: bytes, page: int) -> bytes | None:
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(data)) as image:
        if page >= getattr(image, "n_frames", 1):
            return None
        upright = image.getexif().get(_ORIENTATION, 1) in (0, 1)
        if media_type in ("image/png", "image/jpeg") and page == 0 and upright:
            return data  # the page as collected
        image.seek(page)
        frame = image.convert("L" if image.mode in ("1", "L", "I;16") else "RGB")
        out = io.BytesIO()
        # Turned as OCR read it (importing/ocr), so the words' places fall on their words.
        ImageOps.exif_transpose(frame).save(out, "PNG")
        return out.getvalue()


_ORIENTATION = 0x0112  # the EXIF tag of which way up a photo is stored


def page_count(source_id: int) -> int:
    """How many pages a scan read by OCR has (0: not such a source)."""
    extra = Source.select(Source.extra).where(Source.id == source_id).scalar() or {}
    return len(extra.get("ocr_boxes") or ())


def scan_page(source_id: int, number: int | None = None, *,
              span: tuple[int, int] | None = None, scale: float | None = None):
    """Page `number` (from 1; by default the first the span is on) of a scan read by OCR, as
    pages.PageImage with the span's rectangles from the words' places (see `draw`)."""
    from desktop.services import pages

    source = scan_source(source_id)
    if source is None:
        raise pages.NoPageImage(_("This source was not read by OCR: it has no scan pages."))
    return draw(source, number, span=span, scale=scale)


def draw(source: ScanSource, number: int | None = None, *, span: tuple[int, int] | None = None,
         scale: float | None = None, progress=None, cancelled=None):
    """A page of a scan drawn, as pages.PageImage: an image source's own page, or a scanned
    PDF's page drawn by pages.draw; the span marked where OCR found its words. No database."""
    from desktop.services import pages

    on = pages.span_pages(source.pages, *span) if span and source.pages else None
    number = number or (on[0] if on else 1)
    count = len(source.boxes)
    if not 1 <= number <= count:
        raise pages.NoPageImage(_("{name} has no page {page}.").format(name=source.name,
                                                                         page=number))
    if source.pdf is not None:
        drawn = pages.draw(source.pdf, number, scale=scale or pages.DEFAULT_SCALE)
        png, width, height = drawn.png, drawn.width, drawn.height
    else:
        png, (width, height) = _as_png(_frame(source.media_type, source.data, number - 1))
    regions = _regions(source.boxes, *span) if span else []
    boxes = [(round(r.left * width), round(r.top * height), round((r.right - r.left) * width),
              round((r.bottom - r.top) * height)) for r in regions if r.page == number - 1]
    return pages.PageImage(png, width, height, number, count, boxes, on)


def _as_png(data: bytes) -> tuple[bytes, tuple[int, int]]:
    """An image file's bytes as PNG (kept as they are when they are one), and its size."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        size = image.size
        if image.format == "PNG":
            return data, size
        out = io.BytesIO()
        image.convert("RGB" if image.mode not in ("1", "L") else "L").save(
            out, "PNG", compress_level=1)
        return out.getvalue(), size
