"""Web pages and captures: the article without its furniture, the page's own URL and
publication date, and a capture's URL, time and tool (the corpus's captures are made by
Chromium, warcio, wget and the email package: tests/corpus/make_web.py)."""

from __future__ import annotations

import gzip
import io
from collections import Counter
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest

from desktop.domain.errors import SourceImportError
from desktop.services import sources
from desktop.services.importing import extract, extract_bytes
from tests.corpus.make_web import CHROMIUM_MHTML, FURNITURE, MHTML_URL

CORPUS = Path(__file__).parent.parent / "corpus" / "web"
PAGES = ["news_related_blocks.html", "news_div_soup.html", "news_ru_lazy_widgets.html",
         "news_related_blocks.mhtml", CHROMIUM_MHTML,
         "news_div_soup.warc", "news_div_soup.warc.gz", "news_related_blocks_wget.warc"]


def words(text: str) -> Counter:
    return Counter(text.split())


@pytest.mark.parametrize("name", PAGES)
def test_the_article_is_read_whole_and_the_furniture_left_out(name):
    got = words(extract(CORPUS / name).text)
    expected = words((CORPUS / f"{name}.expected.txt").read_text(encoding="utf-8"))
    shared = sum((got & expected).values())
    assert shared == sum(expected.values())  # every word of the article
    assert shared == sum(got.values())  # and nothing else
    page = name.split(".")[0].removesuffix("_wget").removesuffix("_chromium") + ".html"
    text = extract(CORPUS / name).text
    assert not [junk for junk in FURNITURE[page] if junk in text]


def test_an_mhtml_capture_gives_its_url_time_and_tool():
    result = extract(CORPUS / "news_related_blocks.mhtml")
    assert result.url == MHTML_URL
    capture = result.extraction["capture"]
    assert (capture["time"], capture["tool"], capture["format"]) == (
        "2025-01-23T13:05:07Z", "Blink", "MHTML")
    assert result.published == "2025-01-23"
    assert result.title == "Окупанти розстріляли шістьох полонених на Покровському напрямку"


def test_chromium_s_own_mhtml_gives_the_url_it_saved_and_when():
    raw = (CORPUS / CHROMIUM_MHTML).read_bytes().decode("ascii")
    headers = dict(line.split(": ", 1) for line in raw.split("\r\n\r\n", 1)[0].splitlines()
                   if ": " in line)
    result = extract(CORPUS / CHROMIUM_MHTML)
    assert result.url == headers["Snapshot-Content-Location"]
    capture = result.extraction["capture"]
    assert (capture["tool"], capture["format"]) == ("Blink", "MHTML")
    assert parsedate_to_datetime(headers["Date"]) == datetime.fromisoformat(capture["time"])
    # Its page part names no charset (the page's <meta> does), and its own <base href> and
    # og:url are the page's, not where it was captured from.
    assert "Российские военные расстреляли" in result.text
    assert result.extraction["page_url"].startswith("https://zp-segodnya.example/")
    assert result.published == "2024-12-05"


@pytest.mark.parametrize("name, tool", [
    ("news_div_soup.warc", "warcio/"), ("news_div_soup.warc.gz", "warcio/"),
    ("news_related_blocks_wget.warc", "Wget/")])
def test_a_warc_capture_gives_the_captured_url_its_date_and_the_software(name, tool):
    result = extract(CORPUS / name)
    raw = (CORPUS / name).read_bytes()
    raw = gzip.decompress(raw) if name.endswith(".gz") else raw
    target = next(line for line in raw.decode("utf-8", "replace").splitlines()
                  if line.startswith("WARC-Target-URI:") and line.rstrip(">").endswith(".html"))
    assert result.url == target.split(": ", 1)[1].strip("<>")  # WARC 1.0 writers bracket it
    capture = result.extraction["capture"]
    assert f"WARC-Date: {capture['time']}" in raw.decode("utf-8", "replace")
    assert capture["tool"].startswith(tool) and capture["method"] == "WARC response record"


def test_the_page_s_canonical_url_is_kept_beside_the_captured_one():
    result = extract(CORPUS / "news_related_blocks_wget.warc")
    assert result.extraction["page_url"] == MHTML_URL


def test_a_capture_is_stored_as_its_own_bytes(case, actor):
    report = sources.import_files([CORPUS / "news_div_soup.warc.gz",
                                   CORPUS / "news_related_blocks.mhtml"], actor=actor)
    assert not report.failed
    for path, source_id in report.imported:
        assert sources.original_bytes(source_id) == path.read_bytes()


def test_the_base_href_is_not_the_page_s_url():
    assert extract(CORPUS / "news_div_soup.html").url == ""
    assert extract(CORPUS / "news_related_blocks.html").url == MHTML_URL


def test_the_published_date_wins_over_the_modified_one():
    # Both pages say they were modified later (article:modified_time, JSON-LD dateModified).
    assert extract(CORPUS / "news_related_blocks.html").published == "2025-01-23"


def test_a_date_shown_only_in_the_page_s_text_is_found():
    assert extract(CORPUS / "news_div_soup.html").published == "2024-10-10"


def test_og_url_and_a_json_ld_graph_s_published_date_are_read():
    result = extract(CORPUS / "news_ru_lazy_widgets.html")
    assert result.url == ("https://zp-segodnya.example/news/2024/12/05/"
                          "rasstrel-plennyh-rabotino")
    assert result.published == "2024-12-05"  # not dateModified, 2024-12-19


def test_a_modified_date_alone_is_no_publication_date():
    page = ('<html><head><meta property="article:modified_time" content="2024-11-02T08:00">'
            '</head><body><article><p>' + "Свідок бачив полонених біля школи. " * 20 +
            "</p></article></body></html>")
    assert extract_bytes(Path("p.html"), page.encode()).published == ""


@pytest.mark.parametrize("name, data, reason", [
    ("note.mhtml", "Просто текст, не веб-сторінка.\n".encode(),
     "is not an MHTML web capture: it holds no web page"),
    ("junk.warc", b"this is not a warc file at all\r\n\r\n",
     "is not a readable WARC web capture"),
    ("junk.warc.gz", gzip.compress(b"WARC/1.0\r\nnonsense\r\n\r\n"),
     "is not a readable WARC web capture"),
])
def test_a_damaged_capture_is_refused_in_one_line(name, data, reason):
    with pytest.raises(SourceImportError) as refused:
        extract_bytes(Path(name), data)
    assert str(refused.value) == f"{name}: {reason}"


def test_a_warc_without_a_page_is_refused():
    from warcio.warcwriter import BufferWARCWriter

    writer = BufferWARCWriter(gzip=False)
    writer.write_record(writer.create_warcinfo_record("empty.warc", {"software": "test"}))
    with pytest.raises(SourceImportError, match=r"^empty.warc: is a WARC capture without a "
                                                r"web page in it"):
        extract_bytes(Path("empty.warc"), writer.get_contents())


def test_a_small_gzipped_warc_that_unpacks_to_gigabytes_is_refused(monkeypatch):
    from warcio.warcwriter import BufferWARCWriter

    from desktop.services.importing import base

    monkeypatch.setattr(base, "MAX_UNPACKED_BYTES", 8 * 2**20)  # the same rule, smaller
    writer = BufferWARCWriter(gzip=True)
    writer.write_record(writer.create_warc_record(
        "urn:padding", "resource", payload=io.BytesIO(bytes(12 * 2**20)),
        warc_content_type="application/octet-stream"))
    data = writer.get_contents() + (CORPUS / "news_div_soup.warc.gz").read_bytes()
    assert len(data) < 2**20
    with pytest.raises(SourceImportError, match=r"^bomb.warc.gz: unpacks to more than 8 MB"):
        extract_bytes(Path("bomb.warc.gz"), data)


def test_a_warc_whose_records_stay_within_the_limit_imports(monkeypatch):
    from desktop.services.importing import base

    monkeypatch.setattr(base, "MAX_UNPACKED_BYTES", 8 * 2**20)
    assert "Курськ" in extract(CORPUS / "news_div_soup.warc.gz").text


def test_article_sentences_that_begin_like_furniture_are_kept():
    sentences = ["По темі: прокурори заявили, що полонених розстріляли біля посадки.",
                 "Популярне серед окупантів виправдання страт — нібито спроба втечі.",
                 "Читайте також висновок місії ООН, який ми наводимо нижче повністю."]
    page = ("<html><body><article>" + "".join(f"<p>{s}</p>" for s in sentences)
            + "<p>" + "Свідок бачив, як полонених вивели з підвалу. " * 8 + "</p>"
            + '<p><b>До теми</b></p><p><a href="/a">Інша новина про обмін</a></p>'
            "</article></body></html>")
    text = extract_bytes(Path("p.html"), page.encode()).text
    assert all(sentence in text for sentence in sentences)
    assert "До теми" not in text and "Інша новина" not in text
