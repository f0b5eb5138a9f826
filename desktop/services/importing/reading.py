"""Where a file is parsed: small files here, large ones in a reading process that can be stopped.

A parse inside a library (python-docx, trafilatura, pypdf) cannot look at a cancel flag, and a
hostile file can make it run for minutes or take gigabytes. Large files are therefore parsed
in a separate process, started once per import and reused for its files: a cancel kills it,
and its memory is capped (`base.MAX_PARSE_MEMORY`) so a runaway parse ends as a refusal.
Files too small to be slow are parsed in this process, which saves starting the reading
process for the common import of a few short files. Measured on a shared two-core machine:
starting the reading process costs 0.25–0.5 s once per import, each file after that nothing
measurable; a page at the in-process limit (256 KB) takes about 0.5 s, one of 8 KB 10 ms.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import signal
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.domain.errors import NeedsOcr, SourceImportError
from desktop.services.importing import base
from desktop.services.importing.base import Extracted
from desktop.services.words import N_, _

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

    from desktop.services.importing.ocr import OcrOptions, PageProgress

Cancelled = Callable[[], bool]

#: Largest file of each kind parsed in this process; anything larger goes to the reading
#: process. Text is decoded in linear time whatever its size; a .docx counts what it unpacks
#: to, as the zip declares it (zipfile never inflates a part past its declared size). A PDF,
#: however small, always goes: its streams can chain filters, and deflate applied twice
#: packs a million bytes into one.
IN_PROCESS_BYTES = {".html": 256 * 1024, ".htm": 256 * 1024, ".pdf": -1,
                    ".docx": 2 * 1024 * 1024,
                    ".mhtml": 256 * 1024, ".mht": 256 * 1024, ".warc": 256 * 1024,
                    # A gzipped capture can inflate to anything: always read apart.
                    ".gz": -1,
                    # Images always go: a small file can decode to a huge bitmap, and OCR
                    # runs for seconds a page (Tesseract is a child of the reading process).
                    ".png": -1, ".jpg": -1, ".jpeg": -1, ".tif": -1, ".tiff": -1}

_POLL_SECONDS = 0.05

#: The reason given for a file whose parse outgrew `base.MAX_PARSE_MEMORY`.
OUT_OF_MEMORY = N_("needs more memory to read than Casefile allows")


class ImportCancelled(Exception):
    """The user cancelled while a file was being parsed."""


class Reader:
    """Extracts the files of one import; use as a context manager so the process ends."""

    def __init__(self, cancelled: Cancelled | None = None) -> None:
        self._cancelled = cancelled or (lambda: False)
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *exc_info: object) -> None:
        if exc_type is not None and self._process is not None:
            self._kill()  # Ctrl+C or an error mid-file: waiting for the parse is pointless
        self.close()

    def extract(self, path: Path, data: bytes, *, ocr: OcrOptions | None = None,
                page_progress: PageProgress | None = None) -> Extracted:
        """The file's text and metadata, or SourceImportError; ImportCancelled on a cancel.
        A scan is read by OCR when `ocr` is given (see importing.extract_bytes)."""
        if in_process(path, data):
            from desktop.services.importing import extract_bytes

            return extract_bytes(path, data, ocr=ocr, page_progress=page_progress)
        return self._in_reading_process(path, data, ocr, page_progress)

    def close(self) -> None:
        """Ask the reading process to end, and make sure it has."""
        if self._process is None:
            return
        with contextlib.suppress(OSError):  # a killed process cannot be asked
            self._conn.send(None)
        self._process.join(timeout=2)
        if self._process.is_alive():
            self._kill()
            self._process.join()
        self._conn.close()
        self._process = self._conn = None

    def _in_reading_process(self, path: Path, data: bytes, ocr: OcrOptions | None,
                            page_progress: PageProgress | None) -> Extracted:
        if self._process is None:
            self._start()
        self._conn.send((str(path), data, ocr))
        kind, value, logs = self._reply(path, page_progress)
        for name, level, message in logs:
            logging.getLogger(name).log(level, "%s (%s, in the reading process)", message,
                                        path.name)
        if kind == "scan":
            raise NeedsOcr(path, value)
        if kind == "error":
            raise SourceImportError(path, value)
        return value

    def _reply(self, path: Path, page_progress: PageProgress | None) -> tuple:
        """The reading process's answer for a file, passing on its progress (OCR's pages)."""
        while True:
            while not self._conn.poll(_POLL_SECONDS):
                if self._cancelled():
                    self._kill()
                    self.close()
                    raise ImportCancelled
                if not self._process.is_alive():
                    break
            try:
                message = self._conn.recv()
            except (EOFError, OSError):
                self.close()  # the next file gets a fresh process
                raise SourceImportError(path, _("needs more memory to read than Casefile allows, "
                                                "or the reader crashed")) from None
            if message[0] != "progress":
                return message
            if page_progress:
                page_progress(*message[1:])

    def _kill(self) -> None:
        """Kill the reading process and what it started (Tesseract): its process group."""
        try:
            os.killpg(self._process.pid, signal.SIGKILL)
        except (AttributeError, OSError):  # Windows, or it has not made its group yet
            self._process.kill()

    def _start(self) -> None:
        import multiprocessing

        # "spawn" everywhere: a forked copy of a process with Qt and database threads is unsafe.
        context = multiprocessing.get_context("spawn")
        conn, child = context.Pipe()
        from desktop.services import words

        # The reading process says why a file is refused in the user's language too.
        process = context.Process(target=_serve, args=(child, base.MAX_PARSE_MEMORY,
                                                       words.language()),
                                  name="casefile-reader", daemon=True)
        try:
            process.start()
        finally:
            child.close()
        self._process, self._conn = process, conn


def in_process(path: Path, data: bytes) -> bool:
    """Whether a file is small enough to parse here (see IN_PROCESS_BYTES)."""
    suffix = path.suffix.lower()
    if suffix not in IN_PROCESS_BYTES:
        return True
    if suffix == ".docx":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as package:
                size = sum(member.file_size for member in package.infolist())
        except Exception:  # not a zip: the importer says so, quickly
            return True
    else:
        size = len(data)
    return size <= IN_PROCESS_BYTES[suffix]


def _serve(conn: Connection, memory_limit: int, language: str = "en") -> None:
    """The reading process: extract each (path, data) received, until None; its refusals in
    `language`."""
    from desktop.services import words

    words.set_language(language)
    # Ctrl+C in a terminal reaches the whole process group: the importing process decides,
    # and ends this one; a traceback from here would only confuse.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(os, "setpgrp"):  # a cancel kills the group: Tesseract's process goes with it
        os.setpgrp()
    _limit_memory(memory_limit)
    logs = _LogRecords()
    logging.getLogger().addHandler(logs)
    from desktop.services.importing import extract_bytes

    while True:
        try:
            request = conn.recv()
            if request is None:
                return
            name, data, ocr = request
            reply = ("ok", extract_bytes(Path(name), data, ocr=ocr,
                                         page_progress=_progress_sender(conn)))
        except NeedsOcr as exc:
            reply = ("scan", exc.reason)
        except SourceImportError as exc:
            reply = ("error", exc.reason)
        except MemoryError:  # even receiving the file took more than the cap
            reply = ("error", _(OUT_OF_MEMORY))
        except EOFError:  # the importing process has gone
            return
        conn.send((*reply, logs.take()))


def _progress_sender(conn: Connection) -> PageProgress:
    """Sends a file's progress (pages read of pages) to the importing process as it goes."""
    return lambda done, total: conn.send(("progress", done, total))


class _LogRecords(logging.Handler):
    """What the parsers log in the reading process, sent back with each file's result so it
    goes where the importing process sends its logs (the log file, never the terminal)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))

    def take(self) -> list[tuple[str, int, str]]:
        records, self.records = self.records, []
        return records


def _limit_memory(limit: int) -> None:
    """Cap this process's address space, where the system allows it (not on Windows)."""
    try:
        import resource
    except ImportError:
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard == resource.RLIM_INFINITY or hard > limit:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
