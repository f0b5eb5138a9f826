"""Pages of a paged source: how a span cites them, and a page of a PDF drawn as it was, with
a span's region on it marked. Qt-free: the page comes back as PNG bytes and the span's
rectangles in the image's pixels (the window's page view draws them; an OCR'd scan can use
the same drawing).

A PDF's page is rendered by PDFium (pypdfium2, loaded on first use) from the source's original
bytes. Where a span lies on it is found by reading the page's text again as the import did
(importing/pdf.page_texts): each character of the working copy keeps the index of the PDFium
character it came from, and PDFium gives the rectangles of a run of characters. PDFium is not
thread-safe: every use here holds one lock.
"""

from __future__ import annotations

import io
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from desktop.domain.errors import CasefileError
from desktop.domain.models import Source, SourceOriginal
from desktop.domain.pages import span_pages
from desktop.services.words import _

_LOCK = threading.Lock()
#: The page texts of the PDFs last drawn (by SHA-256 of their bytes): reading a long PDF's
#: text again takes seconds, paging through it should not.
_LAYOUTS: OrderedDict[str, list[tuple[str, list[int]]]] = OrderedDict()
_LAYOUTS_KEPT = 4
#: How large a page is drawn: pixels per PDF point (72 points an inch: 2.0 is 144 dpi).
DEFAULT_SCALE = 2.0

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]


class NoPageImage(CasefileError):
    """A source whose pages cannot be drawn (not a PDF, or its bytes do not open)."""


class PageCancelled(Exception):
    """The user stopped the drawing of a page."""


def citation(pages: tuple[int, int] | None) -> str:
    """How the dossier cites a span's pages: "p. 14", "pp. 14–15"; "" without pages."""
    if pages is None:
        return ""
    first, last = pages
    if first == last:
        return _("p. {page}").format(page=first)
    return _("pp. {first}–{last}").format(first=first, last=last)


def page_starts(source_ids: Iterable[int]) -> dict[int, list[int]]:
    """Where each page starts in the text of each of these sources ([] for an unpaged one).

    Only PDFs and images (read by OCR) have pages, and only their rows are read: `pages` is
    stored after the text, so reading it from every row would read every source's text."""
    ids = list(set(source_ids))
    found: dict[int, list[int]] = dict.fromkeys(ids, [])
    if not ids:
        return found
    paged = (Source.media_type == "application/pdf") | Source.media_type.startswith("image/")
    if len(ids) > _NAMED_AT_MOST:  # most of a case: its paged sources, without a list of ids
        query = Source.select(Source.id, Source.pages).where(paged).tuples()
        found.update((source_id, pages or []) for source_id, pages in query
                     if source_id in found)
        return found
    for source_id, pages in (Source.select(Source.id, Source.pages)
                             .where(Source.id.in_(ids) & paged).tuples()):
        found[source_id] = pages or []
    return found


#: More sources than this are found among all the paged ones rather than named one by one.
_NAMED_AT_MOST = 200


@dataclass(frozen=True)
class PageImage:
    """One page drawn: PNG bytes, its size in pixels, and the span's rectangles on it."""

    png: bytes
    width: int
    height: int
    page: int  # its number, 1 for the first
    pages: int  # how many the document has
    #: (x, y, width, height) in the image's pixels, top left origin: the span on this page.
    boxes: list[tuple[int, int, int, int]] = field(default_factory=list)
    #: The pages the span lies on (None: no span asked for, or the source has no pages).
    span_pages: tuple[int, int] | None = None


@dataclass(frozen=True)
class PdfSource:
    """What drawing a source's pages needs, read from the case at once (so the drawing itself,
    on another thread, touches no database)."""

    id: int
    name: str
    sha256: str
    pages: list[int]
    text_layer: bool  # its text is PDFium's (spans can be found on the page)
    data: bytes
    text: str  # the working copy


def pdf_source(source_id: int) -> PdfSource:
    """A PDF source's bytes and page starts; NoPageImage for a source that is not a PDF."""
    source = (Source.select(Source.id, Source.media_type, Source.pages, Source.sha256,
                            Source.extraction, Source.original_name, Source.text)
              .where(Source.id == source_id).get_or_none())
    if source is None:
        raise NoPageImage(_("There is no source S-{id:03d}.").format(id=source_id))
    if source.media_type != "application/pdf":
        raise NoPageImage(_("{name} is not a PDF: it has no page images.").format(
            name=source.original_name))
    return PdfSource(source.id, source.original_name, source.sha256, source.pages or [],
                     source.extraction.get("method") == "text layer",
                     bytes(SourceOriginal.get_by_id(source_id).data), source.text)


def render_page(source_id: int, page: int | None = None, *, span: tuple[int, int] | None = None,
                scale: float = DEFAULT_SCALE) -> PageImage:
    """Page `page` of a PDF source (numbered from 1; by default the first the span lies on),
    with the span's (start, end) characters of the working copy marked on it."""
    return draw(pdf_source(source_id), page, span=span, scale=scale)


def draw(source: PdfSource, page: int | None = None, *, span: tuple[int, int] | None = None,
         scale: float = DEFAULT_SCALE, progress: Progress | None = None,
         cancelled: Cancelled | None = None) -> PageImage:
    """A page of `source` drawn (see render_page); PageCancelled when `cancelled` says so
    while a long PDF's text is read again."""
    pages = span_pages(source.pages, *span) if span and source.pages else None
    if page is None:
        page = pages[0] if pages else 1
    with _LOCK:
        return _render(source, page, span, pages, scale, progress, cancelled)


def _render(source: PdfSource, number: int, span: tuple[int, int] | None,
            pages: tuple[int, int] | None, scale: float, progress: Progress | None,
            cancelled: Cancelled | None) -> PageImage:
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(source.data)
    except pypdfium2.PdfiumError as exc:
        raise NoPageImage(_("{name} cannot be drawn: PDFium does not open it.").format(
            name=source.name)) from exc
    try:
        count = len(document)
        if not 1 <= number <= count:
            raise NoPageImage(_("{name} has no page {page}.").format(
                name=source.name, page=number))
        boxes: list[tuple[int, int, int, int]] = []
        page = document[number - 1]
        try:
            png, width, height = _png(page, scale)
            if span and source.pages and source.text_layer:
                layout = _layout(source.sha256, document, progress, cancelled)
                boxes = _span_boxes(page, (width, height), layout, source, number, span)
        finally:
            page.close()
        return PageImage(png, width, height, number, count, boxes, pages)
    finally:
        document.close()


class PageDrawer:
    """Draws pages in a process of its own, so a PDF that crashes PDFium (or takes all the
    memory) ends that process, not the window: started on the first page asked for, kept for
    the next ones (it keeps the PDFs' page texts), killed by a cancel and by `close`. Its
    memory is capped as the import's reading process is."""

    def __init__(self) -> None:
        self._process = None
        self._conn = None

    def draw(self, source: PdfSource, page: int | None = None, *,
             span: tuple[int, int] | None = None, scale: float = DEFAULT_SCALE,
             progress: Progress | None = None,
             cancelled: Cancelled | None = None) -> PageImage:
        """As `draw`, in the drawing process; PageCancelled when `cancelled` says so."""
        if self._process is None or not self._process.is_alive():
            self._start()
        self._conn.send((source, page, span, scale))
        while True:
            while True:  # the cancel first: a page drawn meanwhile is not wanted any more
                if cancelled and cancelled():
                    self.close(kill=True)
                    raise PageCancelled
                if self._conn.poll(0.05) or not self._process.is_alive():
                    break
            try:
                kind, *value = self._conn.recv()
            except (EOFError, OSError):
                self.close(kill=True)
                raise NoPageImage(_("{name} could not be drawn: the PDF library stopped on "
                                    "it.").format(name=source.name)) from None
            if kind == "progress":
                if progress:
                    progress(value[0], value[1], _("Reading the page's text"))
                continue
            if kind == "error":
                raise NoPageImage(value[0])
            return value[0]

    def close(self, *, kill: bool = False) -> None:
        """End the drawing process (at once with `kill`)."""
        import contextlib

        if self._process is None:
            return
        if not kill:
            with contextlib.suppress(OSError):
                self._conn.send(None)
            self._process.join(timeout=2)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()
        self._conn.close()
        self._process = self._conn = None

    def _start(self) -> None:
        import multiprocessing

        from desktop.services.importing import base

        context = multiprocessing.get_context("spawn")  # never a fork of a Qt process
        conn, child = context.Pipe()
        process = context.Process(target=_serve, args=(child, base.MAX_PARSE_MEMORY),
                                  name="casefile-pages", daemon=True)
        try:
            process.start()
        finally:
            child.close()
        self._process, self._conn = process, conn


def _serve(conn, memory_limit: int) -> None:
    """The drawing process: draw each (source, page, span, scale) received, until None."""
    import signal

    from desktop.services.importing import reading

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    reading._limit_memory(memory_limit)
    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        if request is None:
            return
        source, page, span, scale = request
        try:
            image = draw(source, page, span=span, scale=scale,
                         progress=lambda done, total, _what: conn.send(("progress", done,
                                                                        total)))
            reply = ("ok", image)
        except NoPageImage as exc:
            reply = ("error", str(exc))
        except MemoryError:
            reply = ("error", _("{name} needs more memory to draw than Casefile allows.")
                     .format(name=source.name))
        except Exception as exc:  # noqa: BLE001 - whatever PDFium raised: this page, not a crash
            reply = ("error", _("{name} could not be drawn: the file looks damaged "
                                "({kind}).").format(name=source.name, kind=type(exc).__name__))
        conn.send(reply)


def _layout(digest: str, document, progress: Progress | None,
            cancelled: Cancelled | None) -> list[tuple[str, list[int]]]:
    """Each page's text and PDFium indices, as the import read them (kept for a few PDFs)."""
    from desktop.services.importing import pdf

    if digest in _LAYOUTS:
        _LAYOUTS.move_to_end(digest)
        return _LAYOUTS[digest]

    def each(done: int, total: int) -> None:
        if cancelled and cancelled():
            raise PageCancelled
        if progress:
            progress(done, total, _("Reading the page's text"))

    layout = pdf.page_texts(document, each_page=each)
    _LAYOUTS[digest] = layout
    while len(_LAYOUTS) > _LAYOUTS_KEPT:
        _LAYOUTS.popitem(last=False)
    return layout


def _span_boxes(page, device: tuple[int, int], layout: list[tuple[str, list[int]]],
                source: PdfSource, number: int,
                span: tuple[int, int]) -> list[tuple[int, int, int, int]]:
    """The span's rectangles on page `number`, in pixels. The page's text read now must be the
    text the case keeps for the page (else nothing is marked: the PDF library read it
    otherwise)."""
    import pypdfium2.raw as pdfium_c

    text, index = layout[number - 1]
    begin = source.pages[number - 1]
    if source.text[begin:begin + len(text)] != text:
        return []
    start, end = max(span[0] - begin, 0), min(span[1] - begin, len(text))
    indices = [i for i in index[start:end] if i >= 0]
    if start >= end or not indices:
        return []
    textpage = page.get_textpage()
    try:
        first, last = min(indices), max(indices)
        rects = textpage.count_rects(first, last - first + 1)
        boxes = []
        for i in range(rects):
            left, bottom, right, top = textpage.get_rect(i)
            corners = [_to_device(pdfium_c, page, device, x, y)
                       for x, y in ((left, top), (right, bottom))]
            (x0, y0), (x1, y1) = corners
            boxes.append((min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0)))
        return boxes
    finally:
        textpage.close()


def _to_device(pdfium_c, page, device: tuple[int, int], x: float, y: float) -> tuple[int, int]:
    import ctypes

    out_x, out_y = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDF_PageToDevice(page, 0, 0, device[0], device[1], 0, x, y, ctypes.byref(out_x),
                               ctypes.byref(out_y))
    return out_x.value, out_y.value


def _png(page, scale: float) -> tuple[bytes, int, int]:
    image = page.render(scale=scale).to_pil()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False, compress_level=1)
    return buffer.getvalue(), image.width, image.height
