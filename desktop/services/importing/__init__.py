"""Turn a source file into text and metadata, whatever its format; Qt-free.

Each format's importer module, with the parser it needs (charset_normalizer, lxml for Word's
XML, trafilatura, warcio, pypdfium2), is imported when a file of that format is first read:
listing what can be imported, or starting the window, loads none of them.
"""

from __future__ import annotations

import stat
from collections.abc import Callable, Iterable
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from desktop.domain.errors import NeedsOcr, SourceImportError
from desktop.services.importing import base
from desktop.services.importing.base import Extracted, normalise_paged, normalise_text
from desktop.services.importing.reading import OUT_OF_MEMORY, ImportCancelled, Reader
from desktop.services.words import N_, _

if TYPE_CHECKING:
    from desktop.services.importing.ocr import OcrOptions, PageProgress

Importer = Callable[[Path, bytes], Extracted]

#: Extension → (module of this package, its extracting function).
IMPORTERS: dict[str, tuple[str, str]] = {
    ".txt": ("text", "extract_txt"),
    ".md": ("text", "extract_markdown"),
    ".markdown": ("text", "extract_markdown"),
    ".docx": ("docx", "extract_docx"),
    ".html": ("html", "extract_html"),
    ".htm": ("html", "extract_html"),
    ".pdf": ("pdf", "extract_pdf"),
    # Web captures: a browser's single-file save, and web archives (plain or gzipped).
    ".mhtml": ("capture", "extract_mhtml"),
    ".mht": ("capture", "extract_mhtml"),
    ".warc": ("capture", "extract_warc"),
    ".warc.gz": ("capture", "extract_warc"),
    # Scans and photos of documents: imported only with OCR (otherwise NeedsOcr).
    ".png": ("ocr", "extract_image"),
    ".jpg": ("ocr", "extract_image"),
    ".jpeg": ("ocr", "extract_image"),
    ".tif": ("ocr", "extract_image"),
    ".tiff": ("ocr", "extract_image"),
}

SUPPORTED_EXTENSIONS: frozenset[str] = frozenset(IMPORTERS)

#: Importer module → (the distribution that reads its files, how), recorded as a source's
#: `extraction` when the importer does not record its own.
_TOOLS: dict[str, tuple[str, str]] = {
    "text": ("charset-normalizer", "decoded text"),
    "html": ("trafilatura", "main text of the page"),
    "pdf": ("pypdfium2", "text layer"),
}

_SUPPORTED_TEXT = N_("Casefile imports .txt, .md, .docx, .html, .mhtml, .warc, .pdf, and "
                     "with OCR .png, .jpg, .tif")

__all__ = [
    "IMPORTERS", "SUPPORTED_EXTENSIONS", "Extracted", "ImportCancelled", "Reader", "extract",
    "extract_bytes", "read_source_bytes", "expand_paths",
]

#: What an importer's unexpected exception means to the user (any other: the file is damaged).
_FAILURES = {
    RecursionError: N_("is nested too deeply to be read"),
    MemoryError: OUT_OF_MEMORY,
}


def expand_paths(paths: Iterable[Path | str]) -> list[Path]:
    """Files as given, and the importable files inside each folder given (sorted, recursive)."""
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*")
                                if p.is_file() and kind_of(p) in IMPORTERS))
        else:
            files.append(path)
    return files


def read_source_bytes(path: Path) -> bytes:
    """The bytes of a source file, after refusing unsupported, empty and oversized files."""
    path = _as_path(path)
    _importer_for(path)  # refuse an unsupported file before reading it
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            # A device or a pipe has no size and may never end: never read as a source.
            raise SourceImportError(path, _("is not a regular file (a device, pipe or socket)"))
        _check_size(path, info.st_size)
        with path.open("rb") as file:
            data = _read_at_most(file, info.st_size, base.MAX_SOURCE_BYTES + 1)
        _check_size(path, len(data))
        return data
    except OSError as exc:
        raise SourceImportError(path, _("cannot be read: {reason}").format(
            reason=exc.strerror or exc)) from exc


def _read_at_most(file: BinaryIO, expected: int, limit: int) -> bytes:
    """The file's bytes, at most `limit` of them. Asked for the size it had plus one byte, a
    read allocates no more than the file holds (asked for the limit, it would allocate the
    limit for every file); a file that grew since is read on, up to the limit."""
    data = file.read(min(expected + 1, limit))
    if len(data) > expected and len(data) < limit:
        data += file.read(limit - len(data))
    return data


def extract(path: Path) -> Extracted:
    """Read a source file once and extract it; every failure is a SourceImportError."""
    return extract_bytes(path, read_source_bytes(path))


def extract_bytes(path: Path, data: bytes, *, ocr: OcrOptions | None = None,
                  page_progress: PageProgress | None = None) -> Extracted:
    """Extract a source from bytes already read (and hashed) by the caller; `path` names it.

    Whatever goes wrong inside a parser becomes a SourceImportError naming the file, so one
    bad file is refused on its own and never stops the files imported with it. A scan or an
    image is read by OCR when `ocr` says how (`page_progress(done, pages)` after each page),
    and refused as NeedsOcr otherwise.
    """
    path = _as_path(path)
    importer = _importer_for(path)
    _check_size(path, len(data))
    try:
        try:
            extracted = importer(path, data)
        except NeedsOcr:
            if ocr is None:
                raise
            from desktop.services.importing import ocr as scans

            extracted = scans.read_scan(path, data, ocr, page_progress)
    except SourceImportError:
        raise
    except Exception as exc:
        reason = next((_(text) for kind, text in _FAILURES.items() if isinstance(exc, kind)),
                      _("could not be read: the file looks damaged ({kind})").format(
                          kind=type(exc).__name__))
        raise SourceImportError(path, reason) from exc
    extracted.text, extracted.pages = normalise_paged(extracted.text, extracted.pages)
    if not extracted.extraction:
        extracted.extraction = _default_extraction(importer)
    if not extracted.text.strip():
        raise SourceImportError(path, _("contains no text"))
    for name in ("title", "publisher", "author"):
        setattr(extracted, name, normalise_text(getattr(extracted, name)).strip())
    return extracted


def _default_extraction(importer: Importer) -> dict:
    """{"tool", "version", "method"} of the distribution an importer module reads with."""
    module = importer.__module__.rpartition(".")[2]
    tool, method = _TOOLS.get(module, ("Casefile", "read as is"))
    if tool == "Casefile":
        from desktop import __version__ as version
    else:
        version = base.tool_version(tool)
    return {"tool": tool, "version": version, "method": method}


def _importer_for(path: Path) -> Importer:
    """The importer for the file's extension, or an error that lists what is supported."""
    suffix = kind_of(path)
    if suffix in IMPORTERS:
        module, function = IMPORTERS[suffix]
        return getattr(import_module(f"{__name__}.{module}"), function)
    if not suffix:
        raise SourceImportError(path, _("has no file extension; {supported}").format(
            supported=_(_SUPPORTED_TEXT)))
    raise SourceImportError(path, _("is a {suffix} file; {supported}").format(
        suffix=suffix, supported=_(_SUPPORTED_TEXT)))


def _as_path(path: Path | str) -> Path:
    """A Path as given: making a Path of a Path parses its name again, a third of what
    reading a small text costs, twice for every file of an import."""
    return path if isinstance(path, Path) else Path(path)


def kind_of(path: Path) -> str:
    """A file's kind as IMPORTERS names it: its extension, or ".warc.gz" for a gzipped WARC."""
    name = path.name.lower()
    return ".warc.gz" if name.endswith(".warc.gz") else path.suffix.lower()


def _check_size(path: Path, size: int) -> None:
    """Refuse empty files and files over the size limit (read at call time, for tests)."""
    if size == 0:
        raise SourceImportError(path, _("is empty"))
    if size > base.MAX_SOURCE_BYTES:
        limit_mb = base.MAX_SOURCE_BYTES // (1024 * 1024)
        raise SourceImportError(path, _("is larger than the {limit} MB limit").format(
            limit=limit_mb))
