"""What a source's record of where it came from lacks: the gaps a receiving office must be told
of (Berkeley Protocol: the URL, a dated capture of web content, who published it).

One rule, read by the dossier (each source's annex entry, the cover's count, the limitations):
- no URL: neither the source's URL nor where it was collected from is a web address;
- no capture: a web publication (a news item, a post, or anything with a URL) whose original
  is not a capture of the page (a saved page, an archive, a PDF), only a copy of its text, and
  whose collection record (when it has one) dates no capture;
- no named publisher: none recorded, or a placeholder ("news outlet (not named …)");
- an internal file name: the original's name is a hash a tool gave it, not a name it had.
"""

from __future__ import annotations

import re
from typing import Protocol

from desktop.services.words import N_, _

NO_URL, NO_CAPTURE, NO_PUBLISHER, INTERNAL_NAME = (
    "no_url", "no_capture", "no_publisher", "internal_name")

#: Each gap: its code, its words in a source's entry, and its name where gaps are counted.
GAPS: tuple[tuple[str, str, str], ...] = (
    (NO_URL, N_("no URL recorded"), N_("no URL")),
    (NO_CAPTURE, N_("no capture of the web page (only a copy of its text)"),
     N_("no capture of the web page")),
    (NO_PUBLISHER, N_("no named publisher"), N_("no named publisher")),
    (INTERNAL_NAME, N_("the original file's name is an internal one (a hash), not its name as "
                       "published"), N_("an internal file name")),
)

#: Kinds published on the web, which a capture of the page should document.
_WEB_KINDS = ("news", "transcript")
#: Originals that are a capture of what was published, not a copy of its text.
_CAPTURES = ("text/html", "application/xhtml+xml", "multipart/related", "message/rfc822",
             "application/warc", "application/pdf", "image/", "video/", "audio/")
_WEB = re.compile(r"^\s*(?:https?://|www\.)", re.IGNORECASE)
# A name that is no one's: nothing, a dash, "unknown", "not named", or a kind of outlet with no
# name ("Ukrainian news outlet reporting …"), in English or Ukrainian.
_PLACEHOLDER = re.compile(
    r"^\W*$|^(?:n/?a|none|unknown|-+|—)\W*$|\bnot named\b|\bunnamed\b|\bunknown\b"
    r"|^\s*(?:an?\s+)?(?:[\w'’-]+\s+){0,2}(?:news\s+)?(?:outlet|media|website|site|channel)\b"
    r"|невідом|не назван|без назви",
    re.IGNORECASE)
_HASHED = re.compile(r"^(?:\d+[_-])?[0-9a-f]{12,}(?:\.\w{1,5})?$", re.IGNORECASE)


class Described(Protocol):
    """What the rule reads of a source (a `Source` row, or one read without its text)."""

    kind: str
    publisher: str
    url: str
    collected_from: str
    original_name: str
    media_type: str


def placeholder_publisher(name: str) -> bool:
    """Whether a publisher's name names no one (empty, "unknown", an outlet not named)."""
    return bool(_PLACEHOLDER.search(name.strip()))


def gaps(source: Described) -> tuple[str, ...]:
    """The gaps in a source's provenance, as codes of `GAPS`, in its order."""
    web_address = _WEB.match(source.url or "") or _WEB.match(source.collected_from or "")
    found = []
    if not web_address:
        found.append(NO_URL)
    media = (source.media_type or "").lower()
    # A collection record that dates a capture (the page saved by a capture tool) is one.
    captured = bool((getattr(source, "collection", None) or {}).get("captured_at"))
    if (source.kind in _WEB_KINDS or web_address) and not media.startswith(_CAPTURES) \
            and not captured:
        found.append(NO_CAPTURE)
    if placeholder_publisher(source.publisher or ""):
        found.append(NO_PUBLISHER)
    if _HASHED.match((source.original_name or "").strip()):
        found.append(INTERNAL_NAME)
    return tuple(found)


def words(code: str) -> str:
    """A gap in words, as a source's entry says it, in the current language."""
    return _(next(entry for found, entry, _counted in GAPS if found == code))


def counted(code: str) -> str:
    """A gap's name where gaps are counted (“no URL: 5”), in the current language."""
    return _(next(name for found, _entry, name in GAPS if found == code))
