"""Web pages and captures: how much of what is imported is page furniture (related links,
partners' news, "Загрузка…"), on the corpus's news pages, beside trafilatura's own main text
of the same pages.

`--only furniture` reads each web fixture of tests/corpus/web/ as `casefile import` does and
counts the words of the working copy that are not in the article (tests/corpus/recall.py's
words, with repeats), then the same for `trafilatura.extract` on the page inside the capture.
"""

from __future__ import annotations

import email
import io
from pathlib import Path

from tests.bench.context import Context
from tests.bench.table import Row
from tests.corpus import recall

#: The share of an import's words that may be furniture, at most.
MAX_FURNITURE = 0.05


def furniture_share(expected: str, extracted: str) -> float:
    """The share of the extracted words (with repeats) that the expected text lacks."""
    want, got = recall.words(expected), recall.words(extracted)
    total = sum(got.values())
    return sum(max(0, n - want[w]) for w, n in got.items()) / total if total else 0.0


def _page(path: Path) -> bytes:
    """The HTML of the page a fixture holds (the file, or the page inside the capture)."""
    data = path.read_bytes()
    if path.suffix == ".mhtml":
        message = email.message_from_bytes(data)
        part = next(p for p in message.walk() if p.get_content_type() == "text/html")
        return part.get_payload(decode=True)
    if ".warc" in path.name:
        from warcio.archiveiterator import ArchiveIterator

        for record in ArchiveIterator(io.BytesIO(data)):
            if record.rec_type == "response" and "html" in (
                    record.http_headers.get_header("Content-Type") or ""):
                return record.content_stream().read()
    return data


def bench_furniture(ctx: Context) -> list[Row]:
    import trafilatura

    from desktop.services.importing import extract_bytes

    fixtures = [f for f in recall.fixtures("web") if f.expected is not None]
    ours, theirs, lines = [], [], ["Page furniture per web page (Casefile, trafilatura):"]
    for fixture in fixtures:
        mine = furniture_share(fixture.expected,
                               extract_bytes(fixture.path, fixture.path.read_bytes()).text)
        plain = furniture_share(fixture.expected,
                                trafilatura.extract(_page(fixture.path).decode("utf-8")) or "")
        ours.append(mine)
        theirs.append(plain)
        lines.append(f"  {fixture.path.name:44} {mine:6.3f}  {plain:6.3f}")
    ctx.put("furniture_details", lines)
    worst, baseline = max(ours), sum(theirs) / len(theirs)
    mean = sum(ours) / len(ours)
    return [Row(name=f"page furniture in web imports ({len(fixtures)} pages, mean; worst "
                     f"{worst:.3f})", value=mean, unit="share of words", baseline=baseline,
                baseline_unit="share (trafilatura alone)",
                ratio=mean / baseline if baseline else None,
                target=f"each ≤ {MAX_FURNITURE:g}", ok=worst <= MAX_FURNITURE)]


def details(ctx: Context) -> list[str]:
    return ctx.get("furniture_details", [])


BENCHES = {"furniture": bench_furniture}
