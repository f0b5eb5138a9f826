"""Web captures (.mhtml, .warc, .warc.gz): the captured page's main text, read as a saved
page is (html.read_page), with the URL it was captured from, when, and by which tool, as the
capture itself records them. The capture's own bytes stay the source's original.
"""

from __future__ import annotations

import email
import email.message
import email.policy
import io
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

from desktop.domain.errors import SourceImportError
from desktop.services.importing import base
from desktop.services.importing.base import Extracted
from desktop.services.importing.html import read_page
from desktop.services.words import N_, _

_PAGE_TYPES = ("text/html", "application/xhtml+xml")


def extract_mhtml(path: Path, data: bytes) -> Extracted:
    """An MHTML capture (a browser's "Save as single file"): its page part, and the URL and
    time the browser wrote in its headers."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    page = _mhtml_page(message)
    if page is None:
        raise SourceImportError(path, _("is not an MHTML web capture: it holds no web page"))
    html = page.get_payload(decode=True) or b""
    url = (message.get("Snapshot-Content-Location") or page.get("Content-Location") or "")
    saved_by = (message.get("From") or "").strip().strip("<>").strip()
    return _captured(path, html, page.get_content_charset() or "", {
        "format": "MHTML",
        "url": url.strip(),
        "time": _utc(message.get("Date")),
        "time_source": "the capture's Date header" if message.get("Date") else "",
        "tool": saved_by.removeprefix("Saved by ").strip(),
        "method": "browser save as MHTML",
    })


def _mhtml_page(message: email.message.Message) -> email.message.Message | None:
    """The part a multipart/related capture starts with (its `start`), or its first page."""
    if not message.is_multipart():
        return message if message.get_content_type() in _PAGE_TYPES else None
    start = (message.get_param("start") or "").strip()
    pages = [part for part in message.walk() if part.get_content_type() in _PAGE_TYPES]
    if start:
        for part in pages:
            if (part.get("Content-ID") or "").strip() == start:
                return part
    return pages[0] if pages else None


#: The record types of the WARC standard (1.0 and 1.1).
_RECORD_TYPES = frozenset({"warcinfo", "response", "resource", "request", "metadata", "revisit",
                           "conversion", "continuation"})


def extract_warc(path: Path, data: bytes) -> Extracted:
    """A WARC capture (plain or gzipped): its first page response, with the target URI, the
    WARC-Date and the software its warcinfo record names."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    software, pages, records, unpacked = "", 0, 0, 0
    found = None
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.format != "warc" or record.rec_type not in _RECORD_TYPES:
                # warcio reads a line of anything as an old ARC record: not a WARC.
                raise SourceImportError(path, _(_NOT_WARC))
            records += 1
            if record.rec_type == "warcinfo":
                software = software or _warcinfo_software(record)
            elif found is None and _is_page(record):
                # WARC 1.0 writers (wget) put the URI in angle brackets.
                found = ((record.rec_headers.get_header("WARC-Target-URI") or "").strip("<>"),
                         record.rec_headers.get_header("WARC-Date") or "",
                         _charset(record), _payload(path, record),
                         record.rec_headers.get_header("WARC-Type"))
            elif _is_page(record):
                pages += 1
            # Read to its end here, counted (warcio would inflate the rest all the same).
            unpacked += _drained(record)
            if unpacked > base.MAX_UNPACKED_BYTES:
                raise SourceImportError(path, _too_big())
    except ArchiveLoadFailed as exc:
        raise SourceImportError(path, _(_NOT_WARC)) from exc
    if not records:
        raise SourceImportError(path, _(_NOT_WARC))
    if found is None:
        raise SourceImportError(path, _("is a WARC capture without a web page in it (no HTML "
                                        "response)"))
    url, when, charset, html, kind = found
    capture = {"format": "WARC", "url": url, "time": _iso(when),
               "time_source": "the WARC-Date of the page's record" if when else "",
               "tool": software, "method": f"WARC {kind} record"}
    if pages:
        capture["other_pages"] = pages
    return _captured(path, html, charset, capture)


_NOT_WARC = N_("is not a readable WARC web capture")


def _too_big() -> str:
    return _("unpacks to more than {limit}; a capture this large should be split").format(
        limit=base.megabytes(base.MAX_UNPACKED_BYTES))


def _drained(record) -> int:
    """Read what is left of a record and say how many bytes that was, stopping past the limit:
    a small gzipped WARC cannot inflate for minutes."""
    stream, total = record.raw_stream, 0
    while chunk := stream.read(_CHUNK):
        total += len(chunk)
        if total > base.MAX_UNPACKED_BYTES:
            break
    return total


_CHUNK = 1024 * 1024


def _warcinfo_software(record) -> str:
    """The `software:` field of a warcinfo record (application/warc-fields)."""
    fields = record.content_stream().read(64 * 1024).decode("utf-8", "replace")
    for line in fields.splitlines():
        name, _, value = line.partition(":")
        if name.strip().lower() == "software":
            return value.strip()
    return ""


def _is_page(record) -> bool:
    """A response (with status 200) or a resource record holding a web page."""
    if record.rec_type == "response" and record.http_headers is not None:
        kind = record.http_headers.get_header("Content-Type") or ""
        status = record.http_headers.get_statuscode()
        return status == "200" and kind.split(";")[0].strip().lower() in _PAGE_TYPES
    if record.rec_type == "resource":
        kind = record.rec_headers.get_header("Content-Type") or ""
        return kind.split(";")[0].strip().lower() in _PAGE_TYPES
    return False


def _charset(record) -> str:
    headers = record.http_headers if record.http_headers is not None else record.rec_headers
    kind = headers.get_header("Content-Type") or ""
    for parameter in kind.split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip('"')
    return ""


def _payload(path: Path, record) -> bytes:
    """The page's body, dechunked and decompressed, within the unpacking limit."""
    limit = base.MAX_UNPACKED_BYTES
    body = record.content_stream().read(limit + 1)
    if len(body) > limit:
        raise SourceImportError(path, _("holds a page that unpacks to more than {limit}")
                                .format(limit=base.megabytes(limit)))
    return body


def _captured(path: Path, html: bytes, charset: str, capture: dict) -> Extracted:
    """The page read as a saved page is, with the capture's URL and facts."""
    if not html.strip():
        raise SourceImportError(path, _("contains no text"))
    extracted = read_page(path, html, charset)
    from desktop import __version__

    page_url = extracted.url
    extracted.url = capture["url"] or page_url
    extracted.extraction = {
        "tool": "Casefile", "version": __version__,
        "method": f"main text of the page in the {capture['format']} capture",
        "reader": f"trafilatura {base.tool_version('trafilatura')}",
        "capture": {key: value for key, value in capture.items() if value},
    }
    if page_url and page_url != extracted.url:
        extracted.extraction["page_url"] = page_url
    extracted.media_type = ("multipart/related" if capture["format"] == "MHTML"
                            else "application/warc")
    return extracted


def _utc(header: str | None) -> str:
    """An email Date header as ISO 8601 in UTC, or "" when it is absent or unreadable."""
    if not header:
        return ""
    try:
        when = parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return ""
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _iso(value: str) -> str:
    """A WARC-Date (already ISO 8601 UTC) checked, or ""."""
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return ""
    return value
