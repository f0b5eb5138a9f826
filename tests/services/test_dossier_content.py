"""What the dossier says a receiving office can cite and check: source ids on every evidence
line and annex heading, references that link to what they name, numbered table captions,
provenance gaps flagged, a quiet facts table."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest
from docx.oxml.ns import qn
from lxml import etree

from desktop.domain import db
from desktop.services import demo, provenance, sources
from desktop.services.export import DossierOptions, export_dossier
from desktop.services.export.document import WORD_JOINER
from tests.conftest import ACTOR
from tests.services.test_export import rich_case  # noqa: F401 — the fixture


def _body(path: Path):
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read("word/document.xml")).find(qn("w:body"))


def _text(element) -> str:
    """What a reader sees of an element (a non-breaking hyphen reads as a hyphen)."""
    return "".join(e.text or "" if e.tag == qn("w:t") else "-"
                   for e in element.iter(qn("w:t"), qn("w:noBreakHyphen")))


def _style(p) -> str:
    found = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return "" if found is None else found.get(qn("w:val"))


def _export(tmp_path: Path, name: str = "DOSSIER.docx", **options) -> Path:
    out = tmp_path / name
    export_dossier(out, DossierOptions(**options), actor=ACTOR)
    return out


@pytest.fixture
def demo_docx(tmp_path) -> Path:
    """The demo case's dossier, every incident, with the audit annex."""
    path = tmp_path / "demo.casefile"
    demo.build_demo(path)
    db.open_case(path)
    try:
        return _export(tmp_path, "demo.docx", incidents="drafts", audit_annex=True)
    finally:
        db.close_case()


@pytest.mark.parametrize("edition", ["full", "redacted"])
def test_every_link_leads_to_a_bookmark_that_exists(rich_case, tmp_path,  # noqa: F811
                                                    edition):
    body = _body(_export(tmp_path, incidents="drafts", edition=edition, audit_annex=True,
                         accept_near_misses=True))
    bookmarks = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    anchors = [link.get(qn("w:anchor")) for link in body.iter(qn("w:hyperlink"))]
    assert anchors and set(anchors) <= bookmarks
    linked = {_text(link) for link in body.iter(qn("w:hyperlink"))}
    e = rich_case["evidence"]
    assert f"E-{e['time']:03d}" in linked and "S-001" in linked


def test_evidence_references_link_to_their_quote(rich_case, tmp_path):  # noqa: F811
    body = _body(_export(tmp_path, incidents="drafts"))
    quotes = {b.get(qn("w:name")): b.getparent() for b in body.iter(qn("w:bookmarkStart"))}
    e = rich_case["evidence"]
    target = quotes[f"E_{e['place']:03d}"]
    assert _style(target) == "EvidenceQuote"
    assert _text(target).startswith(f"E-{e['place']:03d}")
    # every E-reference printed in a table cell is a link
    for tc in body.iter(qn("w:tc")):
        for ref in re.findall(r"\bE-\d{3}\b", _text(tc)):
            assert any(_text(link) == ref for link in tc.iter(qn("w:hyperlink"))), ref


def test_every_evidence_line_and_annex_heading_names_its_source_id(demo_docx):
    body = _body(demo_docx)
    paragraphs = list(body.iter(qn("w:p")))
    lines = [_text(p) for p in paragraphs if _style(p) == "Meta"
             and _text(p).startswith("Source: ")]
    assert len(lines) >= 30
    assert all(re.match(r"Source: S-\d{3} ", line) for line in lines)
    headings = [p for p in paragraphs if _style(p) == "Heading2"
                and re.match(r"S-\d{3} — ", _text(p))]
    assert [_text(h)[:5] for h in headings] == [f"S-00{n}" for n in range(1, 6)]
    names = {b.get(qn("w:name")) for h in headings for b in h.iter(qn("w:bookmarkStart"))}
    assert {f"S_00{n}" for n in range(1, 6)} <= names


def test_tables_are_captioned_and_numbered(demo_docx):
    body = _body(demo_docx)
    blocks = list(body)
    captions = [p for p in blocks if p.tag == qn("w:p") and _style(p) == "Caption"]
    numbers = []
    for p in captions:
        field = p.find(qn("w:fldSimple"))
        assert field.get(qn("w:instr")).split()[:2] == ["SEQ", "Table"]
        numbers.append(int(_text(field)))
        assert _text(p).startswith(f"Table {numbers[-1]}. ")
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) > 20
    # a caption stands right above its table; every table but the cover's has one
    tables = [n for n, b in enumerate(blocks) if b.tag == qn("w:tbl")]
    uncaptioned = [n for n in tables if _style(blocks[n - 1]) != "Caption"]
    assert uncaptioned == tables[:1]
    assert "Table 1. Findings by incident" in [_text(p) for p in captions]


def test_provenance_gaps_are_flagged_in_the_annex_and_counted_on_the_cover(demo_docx):
    body = _body(demo_docx)
    rows = [[_text(tc) for tc in tr.iter(qn("w:tc"))] for tr in body.iter(qn("w:tr"))]
    flags = [r[1] for r in rows if r[0] == "Provenance" and r[1].startswith("Gaps: ")]
    assert len(flags) == 5
    assert all("no URL recorded" in f and "internal one (a hash)" in f for f in flags)
    assert sum("no named publisher" in f for f in flags) == 4  # The Kyiv Independent is named
    cover = next(r[1] for r in rows if r[0] == "Provenance" and not r[1].startswith("Gaps"))
    assert cover.startswith("5 of 5 sources cited have gaps in their provenance")
    assert "no URL: 5" in cover and "no named publisher: 4" in cover


def _source(**values) -> SimpleNamespace:
    known = {"kind": "news", "publisher": "The Kyiv Independent",
             "url": "https://kyivindependent.com/a", "collected_from": "",
             "original_name": "hur-150-executions.html", "media_type": "text/html"}
    return SimpleNamespace(**{**known, **values})


@pytest.mark.parametrize(("values", "found"), [
    ({}, ()),
    ({"url": ""}, ("no_url",)),
    ({"url": "", "collected_from": "https://example.org/page"}, ()),
    ({"media_type": "text/plain"}, ("no_capture",)),
    ({"kind": "witness", "url": "", "media_type": "text/plain"}, ("no_url",)),
    ({"media_type": "application/pdf"}, ()),
    ({"publisher": ""}, ("no_publisher",)),
    ({"publisher": "Ukrainian news outlet (not named in the saved copy)"}, ("no_publisher",)),
    ({"publisher": "Unknown"}, ("no_publisher",)),
    ({"publisher": "невідоме видання"}, ("no_publisher",)),
    ({"original_name": "004_e29c96a0d55b127c.txt"}, ("internal_name",)),
    ({"media_type": "text/plain", "collection": {"captured_at": "2025-05-24T10:00:00Z"}}, ()),
    ({"media_type": "text/plain", "collection": {"tool": "curl"}}, ("no_capture",)),
])
def test_provenance_gaps(values, found):
    assert provenance.gaps(_source(**values)) == found


def test_a_source_with_a_full_record_is_not_flagged(rich_case, tmp_path):  # noqa: F811
    for source_id in rich_case["sources"].values():
        sources.update_source(source_id, actor=ACTOR, url=f"https://example.org/{source_id}",
                              publisher="Ukrainska Pravda", kind="official")
    body = _body(_export(tmp_path, incidents="drafts"))
    flags = [_text(tc) for tc in body.iter(qn("w:tc")) if _text(tc).startswith("Gaps: ")]
    # the worked case's files are text copies under the names a tool gave them: only those
    # gaps are left
    assert flags and set(flags) == {"Gaps: " + "; ".join(
        provenance.words(g) for g in ("no_capture", "internal_name"))}


def _facts_rows(body) -> list[list[str]]:
    found = []
    for tbl in body.iter(qn("w:tbl")):
        rows = [[_text(tc) for tc in tr.iter(qn("w:tc"))] for tr in tbl.iter(qn("w:tr"))]
        if rows[0] == ["Fact", "Value and evidence", "Established"]:
            found += rows[1:]
    return found


def test_the_facts_table_is_quiet(demo_docx):
    body = _body(demo_docx)
    assert "no evidence linked" not in _text(body)
    rows = _facts_rows(body)
    titles = [r for r in rows if r[0] == "Title"]
    assert titles and not any("[E-" in r[1] for r in titles)
    empty = [r for r in rows if r[1] == "—"]
    assert empty  # an empty value is a dash, and nothing more
    # INC-001's victims' status has no evidence of its own; its legal elements prove it
    status = next(r for r in rows if r[0] == "Victims' status")
    assert re.search(r"Evidence at element level: \[E-\d{3}(, E-\d{3})*\]", status[1])
    assert status[2] == "See the legal elements"


def _audit_rows(body) -> list[list[str]]:
    for tbl in body.iter(qn("w:tbl")):
        rows = [[_text(tc) for tc in tr.iter(qn("w:tc"))] for tr in tbl.iter(qn("w:tr"))]
        if rows[0] == ["No.", "Time (UTC)", "By", "What was done", "Entry hash"]:
            return rows[1:]
    raise AssertionError("no audit annex")


def test_the_audit_annex_is_evidence(tmp_path):
    path = tmp_path / "demo.casefile"
    demo.build_demo(path)
    db.open_case(path)
    try:
        out = _export(tmp_path, "demo.docx", incidents="drafts", audit_annex=True)
        from desktop.domain.models import AuditEntry, Case

        hashes = {e.id: e.entry_hash for e in AuditEntry.select()}
        # the head the annex prints is the case's before this export's own two entries
        newest_printed = max(hashes) - 2
        head = hashes[newest_printed]
        assert Case.get().audit_head != head
    finally:
        db.close_case()
    body = _body(out)
    text = _text(body)
    assert "reliability_note" not in text and "standard_of_proof" not in text
    rows = _audit_rows(body)
    assert [int(r[0]) for r in rows] == list(range(newest_printed, 0, -1))
    for number, _at, _by, _what, digest in rows:  # each entry's hash, as the case holds it
        assert len(digest) == 12 and hashes[int(number)].startswith(digest)
    edits = [r[3] for r in rows if r[3].startswith("Source details changed · S-001")]
    assert edits and "Changed: " in edits[0] and "Note on reliability" in edits[0]
    approvals = [r[3] for r in rows if r[3].startswith("Evidence approved · E-")]
    assert approvals
    for what in (r[3] for r in rows):  # no quote inside a quote
        depth = 0
        for char in what:
            depth += {"“": 1, "”": -1}.get(char, 0)
            assert depth <= 1, what
    paragraphs = [_text(p) for p in body.iter(qn("w:p"))]
    assert f"Chain head when this dossier was exported: {head}" in paragraphs
    assert any("casefile verify" in p for p in paragraphs)
    # the references of entries link to what they name, where the dossier holds it
    anchors = {link.get(qn("w:anchor")) for link in body.iter(qn("w:hyperlink"))}
    assert "S_001" in anchors and "E_001" in anchors


def test_inner_quotes_are_made_single():
    from desktop.services.export.annexes import single_inner_quotes

    assert single_inner_quotes("Edited title of “UN “alarm” at executions”") == \
        "Edited title of “UN ‘alarm’ at executions”"
    assert single_inner_quotes("Imported “on 1 October” (exact)") == \
        "Imported “on 1 October” (exact)"


# --- Generated sections: summary of findings, limitations, chronology, tools ----------------

def _section(body, title: str) -> list:
    """The blocks (paragraphs and tables) under the Heading 1 `title`, up to the next one."""
    found, inside = [], False
    for block in body:
        if block.tag == qn("w:p") and _style(block) == "Heading1":
            inside = _text(block) == title
        elif inside:
            found.append(block)
    return found


def _assessed_demo(tmp_path):
    """The demo case's assessment and sources, read again from the case the dossier came from."""
    from desktop.domain.models import Incident, Source
    from desktop.services import assessment

    db.open_case(tmp_path / "demo.casefile")
    try:
        incidents = list(Incident.select().order_by(Incident.code))
        found = list(assessment.assess([i.id for i in incidents]))
        return incidents, found, {s.id: s for s in Source.select()}
    finally:
        db.close_case()


def test_generated_sections_come_before_the_incidents(demo_docx):
    headings = [_text(p) for p in _body(demo_docx).iter(qn("w:p")) if _style(p) == "Heading1"]
    first = next(n for n, h in enumerate(headings) if h.startswith("INC-"))
    assert headings[:first] == ["Summary of findings", "Summary of incidents", "Chronology"]
    limitations = [p for p in _body(demo_docx).iter(qn("w:p")) if _text(p) == "Limitations"]
    assert [_style(p) for p in limitations] == ["TOC2", "Heading2"]  # under the findings


def test_summary_of_findings_counts_what_the_case_holds(demo_docx, tmp_path):
    incidents, found, _sources = _assessed_demo(tmp_path)
    blocks = _section(_body(demo_docx), "Summary of findings")
    texts = [_text(b) for b in blocks if b.tag == qn("w:p")]
    states = {s: sum(1 for i in incidents if i.state == s) for s in {i.state for i in incidents}}
    opening = texts[0]
    assert opening.startswith(f"This dossier covers {len(incidents)} incidents (")
    for state, count in states.items():
        assert f"{state.replace('_', ' ')}: {count}" in opening
    facts = [a for a in found if not a.is_element and a.evidence]
    supported = sum(1 for a in facts if a.coverage == "supported")
    assert f"Facts with evidence: {len(facts)}. Resting on approved, verified evidence: " \
           f"{supported}." in texts[1]
    table = next(b for b in blocks if b.tag == qn("w:tbl"))
    rows = [[_text(tc) for tc in tr.iter(qn("w:tc"))] for tr in table.iter(qn("w:tr"))][1:]
    assert [r[0] for r in rows] == [i.code for i in incidents]
    for row, incident in zip(rows, incidents, strict=True):
        elements = [a for a in found if a.incident_id == incident.id and a.is_element]
        open_ = sum(1 for a in elements if a.coverage == "open")
        assert row[4] == str(open_)
        assert row[3] == f"{sum(1 for a in elements if a.coverage == 'supported')} of " \
                         f"{len(elements)}"


def _limitations(body) -> list:
    """The blocks from the Limitations heading to the next heading of its level or above."""
    found, inside = [], False
    for block in body:
        if block.tag == qn("w:p") and _style(block) in ("Heading1", "Heading2"):
            inside = _text(block) == "Limitations"
        elif inside:
            found.append(block)
    return found


def test_limitations_name_what_they_concern(demo_docx, tmp_path):
    _incidents, found, _sources = _assessed_demo(tmp_path)
    blocks = _limitations(_body(demo_docx))
    texts = [_text(b) for b in blocks if b.tag == qn("w:p")]
    no_url = next(t for t in texts if t.startswith("Sources without a URL (5 of 5): "))
    assert no_url.endswith("S-001, S-002, S-003, S-004, S-005")
    assert any(t.startswith("Publishers not named (4 of 5): ") for t in texts)
    assert any(t.startswith("No capture of the web page (5 of 5): ") for t in texts)
    assert any(t.startswith("Not approved (4 incidents): ") for t in texts)
    table = next(b for b in blocks if b.tag == qn("w:tbl"))
    rows = [[_text(tc).replace(WORD_JOINER, "") for tc in tr.iter(qn("w:tc"))]
            for tr in table.iter(qn("w:tr"))]
    assert rows[0] == ["Incident", "On one line of evidence only", "Legal elements open"]
    by_code = {r[0]: r for r in rows[1:]}
    for a in found:  # every open element is named under its incident
        if a.is_element and a.coverage == "open":
            from desktop.services.export import wording

            assert wording.supports(a.fact) in by_code[a.incident_code][2]
    lonely = [a for a in found if a.evidence and not a.conflict and a.independent_lines == 1
              and not a.is_element]
    for a in lonely:
        assert a.label in by_code[a.incident_code][1]
    anchors = {link.get(qn("w:anchor")) for b in blocks for link in b.iter(qn("w:hyperlink"))}
    assert {"S_001", "INC_002"} <= anchors


def test_the_chronology_orders_dated_facts_with_their_precision(demo_docx, tmp_path):
    from desktop.domain import dates

    incidents, _found, _sources = _assessed_demo(tmp_path)
    table = next(b for b in _section(_body(demo_docx), "Chronology") if b.tag == qn("w:tbl"))
    rows = [[_text(tc) for tc in tr.iter(qn("w:tc"))] for tr in table.iter(qn("w:tr"))]
    assert rows[0] == ["Date", "Precision", "Incident", "What", "Evidence"]
    events = [r for r in rows[1:] if r[3].startswith("The event: ")]
    assert sorted(r[2] for r in events) == sorted(i.code for i in incidents if i.date_start)
    assert {r[1] for r in rows[1:]} <= {"exact day", "month", "approximate", "year"}
    by_code = {i.code: i for i in incidents}
    starts = [dates.first_day(by_code[r[2]].date_start) for r in events]
    assert starts == sorted(starts)  # events in time order
    reported = [r for r in rows[1:] if r[3].startswith("Reported: ")]
    assert len(reported) == sum(1 for i in incidents if i.report_date)


def test_tools_and_processing_give_each_sources_text_fingerprint(demo_docx, tmp_path):
    from desktop import __version__

    _incidents, _found, sources_ = _assessed_demo(tmp_path)
    body = _body(demo_docx)
    paragraphs = [_text(p) for p in body.iter(qn("w:p"))]
    assert any(f"made by Casefile {__version__}" in p for p in paragraphs)
    table = next(t for t in body.iter(qn("w:tbl"))
                 if _text(t).startswith("SourceOriginalHow the text was extracted"))
    rows = [[_text(tc) for tc in tr.iter(qn("w:tc"))] for tr in table.iter(qn("w:tr"))][1:]
    assert [r[0] for r in rows] == [f"S-00{n}" for n in range(1, 6)]
    for row in rows:
        source = sources_[int(row[0][2:])]
        assert row[3] == source.text_sha256  # on two lines of 32 digits
        assert row[1] == f"plain text ({source.media_type})"
        record = source.extraction or {}
        expected = record.get("tool") or "Casefile's text importer"
        assert expected in row[2]


def test_a_sources_own_extraction_record_is_printed(rich_case, tmp_path):  # noqa: F811
    from desktop.domain.models import Source

    first = min(rich_case["sources"].values())
    Source.update(extraction={"tool": "pypdf", "version": "5.1.0",
                              "method": "text layer, page by page"}) \
        .where(Source.id == first).execute()
    body = _body(_export(tmp_path, incidents="drafts"))
    cells = [_text(tc) for tc in body.iter(qn("w:tc"))]
    assert any(c.startswith("pypdf 5.1.0: text layer, page by page") for c in cells)


def test_the_redacted_edition_redacts_the_generated_sections(rich_case, tmp_path):  # noqa: F811
    from desktop.services import incidents
    from tests.services.test_export import VICTIM

    incidents.update_incident(rich_case["incidents"]["INC-001"], actor=ACTOR,
                              title=f"{VICTIM} shot near the plant", report_date="2024-09-07")
    full = _text(_body(_export(tmp_path, "full.docx", incidents="drafts")))
    assert f"Reported: {VICTIM} shot near the plant" in full
    body = _body(_export(tmp_path, "redacted.docx", incidents="drafts", edition="redacted",
                         audit_annex=True, accept_near_misses=True))
    assert VICTIM not in _text(body)
    chronology = "".join(_text(b) for b in _section(body, "Chronology"))
    assert "Reported: V-001 shot near the plant" in chronology
