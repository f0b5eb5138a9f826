"""The Word dossier: structure, evidence references, redaction, safety of the file, audit."""

from __future__ import annotations

import hashlib
import sqlite3
import zipfile
from pathlib import Path

import docx
import pytest

from desktop.domain import models
from desktop.services import evidence, incidents, protection, review, sources
from desktop.services.export import (
    DossierOptions,
    ExportCancelled,
    ExportError,
    export_dossier,
    styles,
)
from desktop.services.export.document import WORD_JOINER
from tests.conftest import ACTOR

REVIEWER = "Mykola Reviewer"
VICTIM = "Ivan Petrenko"
WITNESS = ("Dmytro Lubinets", "Lubinets")
SECRET_URL = "https://confidential.example.org/statement-17"
SIGN_OFF = "Signed off on the killing; the place and time rest on the Prosecutor's statement."


def _mark(source_id: int, quote: str, incident: int, **values) -> int:
    start = sources.source_text(source_id).index(quote)
    return evidence.add_evidence(source_id, start, start + len(quote), actor=ACTOR,
                                 incident=incident, **values).id


@pytest.fixture
def rich_case(worked_case):
    """The worked case plus a conflict, a rejected span, protected people, a confidential
    source, and INC-001 approved through review (INC-002 stays a draft)."""
    ids = dict(worked_case["evidence"])
    inc1, inc2 = worked_case["incidents"]["INC-001"], worked_case["incidents"]["INC-002"]
    ombudsman = worked_case["sources"]["001_f8134103c8dcf54a.txt"]
    pgo = worked_case["sources"]["003_b8c3f3517aeeccd0.txt"]
    sources.update_source(ombudsman, actor=ACTOR, publisher="Ombudsman of Ukraine")
    sources.update_source(pgo, actor=ACTOR, confidential=True, url=SECRET_URL)
    ids["ombudsman_count"] = _mark(ombudsman, "at least 177 Ukrainian prisoners of war", inc2,
                                   supports="victims", asserted_value="177")
    ids["witness"] = _mark(ombudsman, "According to Dmytro Lubinets, his office learns", inc2,
                           supports="narrative")
    ids["rejected"] = _mark(pgo, "Dmytro Lubinets", inc1, supports="perpetrator",
                            status="rejected", note="Names the Ombudsman, not a perpetrator")
    incidents.update_incident(inc1, actor=ACTOR, victims_named=VICTIM,
                              narrative=f"{VICTIM} was wounded and shot near the plant.")
    protection.add_protected([VICTIM], "victim", actor=ACTOR)
    protection.add_protected(WITNESS, "witness", actor=ACTOR)
    usable = [ids[k] for k in ("time", "place", "killing")]
    review.review_evidence(usable, "approved", actor=REVIEWER)
    review.submit_incident(inc1, actor=ACTOR)
    review.approve_incident(inc1, actor=REVIEWER, comment="Signed off on the official report")
    return {**worked_case, "evidence": ids}


def _texts(document) -> list[str]:
    """Every paragraph's text, body and table cells, in document order, as a reader sees it
    (a non-breaking hyphen reads as a hyphen)."""
    body = document.element.body
    w_t = docx.oxml.ns.qn("w:t")
    return ["".join((t.text or "") if t.tag == w_t else "-"
                    for t in p.iter(w_t, docx.oxml.ns.qn("w:noBreakHyphen")))
            for p in body.iter(docx.oxml.ns.qn("w:p"))]


def _headings(document) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in document.paragraphs
            if p.style.name.startswith("Heading")]


def _xml_parts(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name).decode("utf-8") for name in z.namelist()
                if name.endswith((".xml", ".rels"))}


def _export(tmp_path: Path, name: str = "DOSSIER.docx", **options):
    out = tmp_path / "out" / name
    out.parent.mkdir(exist_ok=True)
    result = export_dossier(out, DossierOptions(**options), actor=ACTOR)
    return result, docx.Document(str(out))


def test_dossier_has_real_styles_cover_and_toc(rich_case, tmp_path):
    result, document = _export(tmp_path)
    title = next(p for p in document.paragraphs if p.style.name == "Title")
    assert title.text == "Executions of surrendered POWs"
    assert any(p.style.name == "Subtitle" and p.text == "Dossier of evidence"
               for p in document.paragraphs)
    heads = _headings(document)
    assert ("Heading 1", "Summary of incidents") in heads
    assert ("Heading 1", "INC-001 — Wounded soldier executed near the Phenol plant") in heads
    assert ("Heading 2", "Legal qualification") in heads
    assert ("Heading 2", "Evidence") in heads
    assert ("Heading 2", "Corroboration") in heads
    assert ("Heading 1", "Annex A — Sources") in heads
    assert ("Heading 1", "Annex B — Methodology") in heads
    assert not any(text.startswith("Annex C") for _, text in heads)
    assert any(p.style.name == styles.QUOTE for p in document.paragraphs)
    xml = _xml_parts(result.path)
    assert 'TOC \\o "1-2" \\h \\z \\u' in xml["word/document.xml"]
    assert "Right-click to update the table of contents" not in xml["word/document.xml"]
    assert '<w:hyperlink w:anchor="_Toc' in xml["word/document.xml"]
    assert "<w:updateFields" in xml["word/settings.xml"]


def test_every_section_has_header_and_page_numbers(rich_case, tmp_path):
    result, document = _export(tmp_path)
    for section in document.sections:
        assert not section.header.is_linked_to_previous
        assert section.header.paragraphs[0].text == "CONFIDENTIAL · UA-POW-2024-001 · " \
                                                    "FULL EDITION"
        footer = section.footer._element.xml
        assert 'w:instr=" PAGE "' in footer and 'w:instr=" NUMPAGES "' in footer
        assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297


def test_only_approved_incidents_by_default(rich_case, tmp_path):
    result, document = _export(tmp_path)
    text = "\n".join(_texts(document))
    assert result.incidents == 1
    assert "INC-001" in text and "INC-002" not in text
    assert "DRAFT" not in text


def test_drafts_are_marked(rich_case, tmp_path):
    result, document = _export(tmp_path, incidents="drafts")
    texts = _texts(document)
    assert result.incidents == 2
    assert "DRAFT — includes incidents not approved by review" in texts
    heads = dict((text, style) for style, text in _headings(document))
    assert any(t.startswith("INC-002") and "DRAFT" in t for t in heads)
    assert not any(t.startswith("INC-001") and "DRAFT" in t for t in heads)


def test_selected_incidents(rich_case, tmp_path):
    inc2 = rich_case["incidents"]["INC-002"]
    result, document = _export(tmp_path, incidents="selected", selected=(inc2,))
    text = "\n".join(_texts(document))
    assert result.incidents == 1 and "INC-002" in text and "INC-001 —" not in text
    assert "DRAFT" in text


def test_quotes_carry_number_status_grade_and_hash(rich_case, tmp_path):
    _, document = _export(tmp_path, incidents="drafts")
    texts = _texts(document)
    rows = {r.id: r for r in evidence.evidence_rows()}
    hashes = dict(models.Source.select(models.Source.id, models.Source.sha256).tuples())
    for label in ("time", "place", "killing", "un_count", "ombudsman_count"):
        row = rows[rich_case["evidence"][label]]
        ref = f"E-{row.id:03d}"
        quote = next(i for i, t in enumerate(texts) if t.startswith(ref)
                     and " ".join(row.quote.split()) in t)
        meta = texts[quote + 1]
        status = {"unverified": "Unverified", "corroborated": "Corroborated",
                  "verified": "Verified"}[row.status]
        assert f"Status: {status}" in meta
        assert f"Grade {row.source_reliability}{row.credibility}" in meta
        assert f"{hashes[row.source_id][:16]}…" in meta
    time_meta = next(t for t in texts if t.startswith(f"E-{rich_case['evidence']['time']:03d}"))
    assert "around 10:00" in time_meta
    assert any("Grade B2" in t and "reviewed by Mykola Reviewer" in t for t in texts)
    assert any("not reviewed" in t for t in texts)


def test_facts_point_to_their_evidence(rich_case, tmp_path):
    _, document = _export(tmp_path)
    e = rich_case["evidence"]
    cells = _texts(document)
    assert f"10:00 [E-{e['time']:03d}]" in cells
    assert f"New York [E-{e['place']:03d}]" in cells
    assert any(c.startswith("Victims (count)") for c in cells)


def test_conflicting_values_are_listed(rich_case, tmp_path):
    _, document = _export(tmp_path, incidents="drafts")
    e = rich_case["evidence"]
    conflict = next(t for t in _texts(document) if "Sources disagree:" in t)
    assert f"79 [E-{e['un_count']:03d}] (UN Human Rights Monitoring Mission in Ukraine)" \
        in conflict
    assert f"177 [E-{e['ombudsman_count']:03d}] (Ombudsman of Ukraine)" in conflict


def test_elements_table_shows_open_elements(rich_case, tmp_path):
    _, document = _export(tmp_path)
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Element")
    status = {row.cells[0].text.split("\n")[0]: row.cells[2].text for row in table.rows[1:]}
    assert status["The perpetrator killed or injured one or more persons"] == "Supported"
    assert status["The person or persons were hors de combat"] == "Open"
    hors = next(r for r in table.rows if r.cells[0].text.startswith("The person or persons"))
    assert "Means of proof:" in hors.cells[0].text
    assert 'w:fill="FCE4B6"' in hors.cells[2]._tc.xml


def test_rejected_evidence_is_apart(rich_case, tmp_path):
    _, document = _export(tmp_path)
    ref = f"E-{rich_case['evidence']['rejected']:03d}"
    paragraphs = document.paragraphs
    rejected_head = next(i for i, p in enumerate(paragraphs) if p.text == "Rejected evidence")
    assert paragraphs[rejected_head].style.name == "Heading 3"
    where = [i for i, p in enumerate(paragraphs) if p.text.startswith(ref)]
    assert where and all(i > rejected_head for i in where)
    quote = paragraphs[where[0]]
    assert "REJECTED" in quote.text
    assert any(run.font.strike for run in quote.runs)
    assert "Names the Ombudsman, not a perpetrator" in paragraphs[where[0] + 1].text


def test_corroboration_flags_single_line(rich_case, tmp_path):
    _, document = _export(tmp_path, incidents="drafts")
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Fact or element")
    assessments = [row.cells[3].text for row in table.rows[1:]]
    assert "Rests on one line of evidence only" in assessments
    victims = next(t for t in document.tables if t.rows[0].cells[0].text == "Fact or element"
                   and any(r.cells[0].text == "Victims (count)" for r in t.rows))
    row = next(r for r in victims.rows if r.cells[0].text == "Victims (count)")
    # 79 and 177, neither with a period: they contradict each other, so they corroborate nothing.
    assert row.cells[3].text == "Sources conflict: not corroborated"


def test_redacted_edition_leaves_no_protected_name(rich_case, tmp_path):
    full, _ = _export(tmp_path, "full.docx", incidents="drafts", audit_annex=True)
    full_xml = "\n".join(_xml_parts(full.path).values())
    assert VICTIM in full_xml and WITNESS[0] in full_xml and SECRET_URL in full_xml
    result, document = _export(tmp_path, "redacted.docx", incidents="drafts",
                               edition="redacted", audit_annex=True)
    assert result.edition == "redacted"
    parts = _xml_parts(result.path)
    for name, xml in parts.items():
        for spelling in (VICTIM, *WITNESS):
            assert spelling.casefold() not in xml.casefold(), f"{spelling} left in {name}"
        assert SECRET_URL not in xml, name
    texts = _texts(document)
    assert any(t.startswith("Redacted edition: names of protected persons replaced by "
                            "pseudonyms") for t in texts)
    assert "URL withheld (confidential source)" in texts
    assert any("V-001" in t for t in texts) and any("W-001" in t for t in texts)


def test_redaction_covers_header_and_audit_actors(case, tmp_path):
    from desktop.services import case as case_service
    case_service.update_case(actor=ACTOR, reference=f"REF {VICTIM}")
    incident = incidents.create_incident(actor=VICTIM, title=f"Killing of {VICTIM}")
    review.submit_incident(incident.id, actor=ACTOR)
    review.approve_incident(incident.id, actor=ACTOR)  # no evidence: no four eyes to keep
    protection.add_protected([VICTIM], "victim", actor=ACTOR)
    result, document = _export(tmp_path, edition="redacted", audit_annex=True)
    xml = "\n".join(_xml_parts(result.path).values())
    assert VICTIM.casefold() not in xml.casefold()
    assert "REF V-001" in document.sections[0].header.paragraphs[0].text
    assert any("Killing of V-001" in text for text in _texts(document))


def _rows(path: Path) -> dict[str, list]:
    """Every table's rows; columns that keep the audit trail's own bookkeeping (its chain head
    on the case row) are left out, as they change with every audit entry."""
    con = sqlite3.connect(path)
    try:
        names = [n for (n,) in con.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                           "AND name NOT LIKE 'sqlite_%'")]
        rows = {}
        for name in names:
            columns = [c[1] for c in con.execute(f'PRAGMA table_info("{name}")')]
            kept = ", ".join(f'"{c}"' for c in columns
                             if name == "audit_entry" or not c.startswith("audit_"))
            rows[name] = con.execute(f'SELECT {kept} FROM "{name}"').fetchall()
        return rows
    finally:
        con.close()


def test_export_writes_its_audit_entry_and_nothing_else(rich_case, case_path, tmp_path):
    before = _rows(case_path)
    result, _ = _export(tmp_path, incidents="drafts")
    after = _rows(case_path)
    assert {n: len(r) for n, r in after.items() if n != "audit_entry"} == \
        {n: len(r) for n, r in before.items() if n != "audit_entry"}
    assert {n: r for n, r in after.items() if n != "audit_entry"} == \
        {n: r for n, r in before.items() if n != "audit_entry"}
    # The intent, before the dossier was renamed into place, and the export itself, after.
    assert len(after["audit_entry"]) == len(before["audit_entry"]) + 2
    assert after["audit_entry"][:-2] == before["audit_entry"]
    intent, entry = models.AuditEntry.select().order_by(models.AuditEntry.id.desc())[1::-1]
    digest = hashlib.sha256(result.path.read_bytes()).hexdigest()
    assert intent.action == "dossier.export.intent" and intent.after["sha256"] == digest
    assert entry.action == "dossier.export" and entry.actor == ACTOR
    assert entry.after["sha256"] == digest == result.sha256
    assert entry.after["file"] == "DOSSIER.docx"
    assert entry.after["options"] == {"incidents": "drafts", "selected": [], "edition": "full",
                                      "audit_annex": False, "accept_near_misses": False,
                                      "language": "en"}
    assert entry.after["incidents"] == 2 and entry.after["evidence"] == result.evidence
    assert entry.after["edition"] == "full"


def test_audit_annex_newest_first(rich_case, tmp_path):
    _, document = _export(tmp_path, audit_annex=True)
    assert ("Heading 1", "Annex C — Audit trail") in _headings(document)
    table = document.tables[-1]
    assert [c.text for c in table.rows[0].cells] == ["No.", "Time (UTC)", "By",
                                                     "What was done", "Entry hash"]
    assert table.rows[1].cells[3].text.startswith("Incident signed off · INC-001")
    assert table.rows[-1].cells[3].text.startswith("Case created")
    assert table.rows[-1].cells[0].text == "1"


def test_no_approved_incident(worked_case, tmp_path):
    out = tmp_path / "DOSSIER.docx"
    with pytest.raises(ExportError, match="no approved incident to export; approve incidents "
                                          "or include drafts"):
        export_dossier(out, DossierOptions(), actor=ACTOR)
    assert not [p for p in tmp_path.iterdir() if "DOSSIER" in p.name]


@pytest.mark.parametrize("where", ["missing folder", "directory"])
def test_unwritable_path(rich_case, tmp_path, where):
    folder = tmp_path / "target"
    folder.mkdir()
    out = folder / "nowhere" / "DOSSIER.docx"
    if where == "directory":
        out = folder / "DOSSIER.docx"
        out.mkdir()
    count = models.AuditEntry.select().count()
    with pytest.raises(ExportError, match=r"^DOSSIER\.docx: cannot be written: "):
        export_dossier(out, DossierOptions(), actor=ACTOR)
    assert [p.name for p in folder.rglob("*")] == (["DOSSIER.docx"] if where == "directory"
                                                   else [])
    assert models.AuditEntry.select().count() == count


def test_cancel_leaves_no_file(rich_case, tmp_path):
    out = tmp_path / "out" / "DOSSIER.docx"
    out.parent.mkdir()
    count = models.AuditEntry.select().count()
    calls = []
    with pytest.raises(ExportCancelled):
        export_dossier(out, DossierOptions(incidents="drafts"), actor=ACTOR,
                       progress=lambda *a: calls.append(a), cancelled=lambda: len(calls) >= 1)
    assert list(out.parent.iterdir()) == []
    assert models.AuditEntry.select().count() == count


def test_failure_while_writing_removes_the_temporary_file(rich_case, tmp_path, monkeypatch):
    out = tmp_path / "out" / "DOSSIER.docx"
    out.parent.mkdir()

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("desktop.services.export.incident.incident_section", broken)
    with pytest.raises(RuntimeError):
        export_dossier(out, DossierOptions(), actor=ACTOR)
    assert list(out.parent.iterdir()) == []


def test_progress_per_incident(rich_case, tmp_path):
    seen = []
    export_dossier(tmp_path / "d.docx", DossierOptions(incidents="drafts"), actor=ACTOR,
                   progress=lambda done, total, what: seen.append((done, total, what)))
    assert seen[:2] == [(0, 2, "INC-001"), (1, 2, "INC-002")]
    assert seen[-1][0] == seen[-1][1] == 2


def test_styles_built_in_code_without_template(rich_case, tmp_path, monkeypatch):
    monkeypatch.setattr(styles, "TEMPLATE", tmp_path / "missing.docx")
    _, document = _export(tmp_path)
    names = {s.name for s in document.styles}
    assert {styles.QUOTE, styles.META, styles.TABLE, "Title", "Heading 1"} <= names
    quote = document.styles[styles.QUOTE]
    assert quote.font.name == styles.SERIF
    assert "w:pBdr" in quote.element.xml and "w:left" in quote.element.xml


def test_template_matches_the_code(tmp_path):
    built = docx.Document()
    styles.build_reference(built)
    template = docx.Document(str(styles.TEMPLATE))
    for name in (*styles.PARAGRAPH_STYLES, styles.TABLE):
        assert template.styles[name].element.xml == built.styles[name].element.xml, name


def test_redaction_withholds_cut_quotes_and_a_confidential_sources_origin(case, tmp_path,
                                                                         seed_files):
    from desktop.services import evidence, sources

    name = "Oleksandr Bondarenko"
    path = tmp_path / "statement.txt"
    path.write_text("According to the statement, the commander " + name + " ordered the "
                    "shooting of the prisoners after they had surrendered.", encoding="utf-8")
    source_id = sources.import_files([path], actor=ACTOR).source_ids[0]
    sources.update_source(source_id, actor=ACTOR, confidential=True,
                          collected_from="private channel of an informant, t.me/c/123")
    incident = incidents.create_incident(actor=ACTOR, title="Order to shoot prisoners")
    text = sources.source_text(source_id)
    evidence.add_evidence(source_id, 0, len(text) - 1, actor=ACTOR, incident=incident.id,
                          supports="narrative")
    protection.add_protected([name], "perpetrator", actor=ACTOR)
    result, _ = _export(tmp_path, edition="redacted", incidents="drafts", audit_annex=True)
    xml = "\n".join(_xml_parts(result.path).values())
    assert "Bondare" not in xml and "t.me/c/123" not in xml and "informant" not in xml
    assert "quote withheld in the redacted edition" in xml


# --- What the evidence establishes: sign-off, values reported, coverage, lines, passages ------

def _by_incident(document) -> dict[str, dict[str, list]]:
    """Per incident code: its paragraphs' texts and its tables, in document order."""
    found: dict[str, dict[str, list]] = {}
    current = None
    for block in document.iter_inner_content():
        if isinstance(block, docx.text.paragraph.Paragraph):
            if block.style.name == "Heading 1":
                code = block.text.split(" — ")[0]
                current = found.setdefault(code, {"texts": [], "tables": []}) \
                    if code.startswith("INC-") else None
            elif current is not None:
                current["texts"].append(block.text)
        elif current is not None:
            current["tables"].append(block)
    return found


def _table(tables, first_header: str):
    return next(t for t in tables if t.rows[0].cells[0].text == first_header)


def _summary_of_incidents(tables):
    """Table 3: an incident a row, its code with its state under it."""
    return next(t for t in tables if [c.text for c in t.rows[0].cells][:2] == ["Incident", "Date"])


def _pairs(table) -> dict[str, str]:
    return {row.cells[0].text: row.cells[1].text for row in table.rows}


@pytest.fixture
def demo_dossier(tmp_path):
    """The demo case's dossier with every incident, and the case's plan (seeds/)."""
    import json

    from desktop.domain import db
    from desktop.services import demo

    path = tmp_path / "demo.casefile"
    demo.build_demo(path)
    db.open_case(path)
    try:
        _, document = _export(tmp_path, "demo.docx", incidents="drafts")
        rows = evidence.evidence_rows(by_number=True)
        decided = {i.code: i for i in models.Incident.select()}
    finally:
        db.close_case()
    plan = json.loads((demo.seeds_folder() / demo.CASE_DATA).read_text(encoding="utf-8"))
    return document, rows, decided, plan


def test_demo_dossier_never_calls_a_one_line_fact_corroborated(demo_dossier):
    document, _, _, _ = demo_dossier
    incidents_found = _by_incident(document)
    summary = _summary_of_incidents(document.tables)
    for code, part in incidents_found.items():
        table = _table(part["tables"], "Fact or element")
        corroborated = 0
        for row in table.rows[1:]:
            lines, verdict = row.cells[2].text, row.cells[3].text
            said = verdict.split("\nFlag:")[0]  # a flag may quote the grade "corroborated"
            if said.startswith("Corroborated"):
                corroborated += 1
                assert int(lines.split(":")[0]) >= 2, (code, row.cells[0].text)
            assert not ("one line" in said and "orroborated" in said.replace(
                "not corroborated", "")), (code, said)
            for flag in verdict.split("\nFlag:")[1:]:
                assert "no independent line of evidence agrees" in flag
        row = next(r for r in summary.rows if r.cells[0].text.split("\n")[0] == code)
        assert f"Corroborated: {corroborated}\u00a0of {len(table.rows) - 1}\u00a0facts" \
            in row.cells[6].text  # each count kept with its word


def test_demo_dossier_tables_the_counts_of_inc_005_by_originator_and_period(demo_dossier):
    document, _, _, _ = demo_dossier
    part = _by_incident(document)["INC-005"]
    table = _table(part["tables"], "Value")
    assert [c.text for c in table.rows[0].cells] == ["Value", "Originator", "Period / as of",
                                                     "Relayed by", "Evidence", "Note"]
    claims = {row.cells[0].text: [c.text for c in row.cells] for row in table.rows[1:]}
    assert {"79", "93", "177", "109"} <= set(claims)
    assert "UN Human Rights Monitoring Mission" in claims["79"][1]
    assert "Prosecutor General" in claims["93"][1]
    assert "Ombudsman" in claims["177"][1] and "Ombudsman" in claims["109"][1]
    assert "October 2024" in claims["93"][2] and "December 2024" in claims["177"][2]
    # Two outlets relay the UN mission's 79: one line of evidence, not two.
    assert claims["79"][3].count(";") == 1 and claims["79"][5].startswith("1 line of evidence")
    assert claims["79"][4].count("E-") == 2
    assert "are not a contradiction" in " ".join(part["texts"])


def test_demo_dossier_prints_sign_offs_and_returns(demo_dossier):
    document, _, decided, plan = demo_dossier
    found = _by_incident(document)
    returned = next(i for i in plan["incidents"] if i["code"] == "INC-005")
    block = _pairs(_table(found["INC-005"]["tables"], "Workflow state"))
    assert block["Workflow state"] == "Returned"
    assert block["Returned by"] == plan["reviewer"] == decided["INC-005"].decided_by
    assert block["Reason for return"] == returned["state_comment"]
    signed = _pairs(_table(found["INC-001"]["tables"], "Workflow state"))
    incident = decided["INC-001"]
    assert signed["Workflow state"] == "Approved"
    assert signed["Signed off by"] == plan["reviewer"] == incident.decided_by
    assert signed["Signed off on"] == wording_day(incident.decided_at[:10])
    assert signed["Sign-off comment"] == incident.state_comment.strip() != ""
    draft = _pairs(_table(found["INC-003"]["tables"], "Workflow state"))
    assert draft["Decision"] == "not yet signed off by a reviewer"


def wording_day(value: str) -> str:
    from desktop.services.export import wording
    return wording.day(value)


def test_demo_dossier_quotes_a_passage_once_and_counts_passages(demo_dossier):
    document, rows, _, _ = demo_dossier
    usable = [r for r in rows if r.usable]
    by_passage: dict[tuple, list] = {}
    for row in usable:
        by_passage.setdefault((row.source_id, row.start, row.end), []).append(row)
    shared = next(group for group in by_passage.values() if len(group) > 1)
    first, *others = shared
    texts = _texts(document)
    quoted = [t for t in texts if t.startswith(first.ref) and "“" in t]
    assert len(quoted) == 1
    assert quoted[0].startswith(f"{first.ref} (also {', '.join(r.ref for r in others)})")
    assert not any(t.startswith(r.ref) for r in others for t in texts if "“" in t)
    meta = texts[texts.index(quoted[0]) + 1]
    assert all(f"Also linked as {r.ref}, backing" in meta for r in others)
    cover = _pairs(document.tables[0])
    assert cover["Evidence"].startswith(
        f"{len(by_passage)} passages quoted, linked {len(usable)} times")


@pytest.fixture
def assessed_case(worked_case):
    """The worked case with originators, relays and periods: the UN's 79 relayed by a second
    outlet, the Ombudsman's 177 to December 2024, hors de combat on two lines, a contested
    element, and the place graded corroborated on one line."""
    src = worked_case["sources"]
    un, ombudsman = src["000_834f49a7d7f9d56b.txt"], src["001_f8134103c8dcf54a.txt"]
    relay = src["002_07fba7e951b246fe.txt"]
    inc1, inc2 = worked_case["incidents"]["INC-001"], worked_case["incidents"]["INC-002"]
    e = dict(worked_case["evidence"])
    sources.update_source(un, actor=ACTOR, originator="UN HRMMU")
    sources.update_source(relay, actor=ACTOR, publisher="International broadcaster",
                          relays=un)
    sources.update_source(ombudsman, actor=ACTOR, publisher="News agency",
                          originator="Ombudsman of Ukraine")
    evidence.update_evidence(e["un_count"], actor=ACTOR, period_start="2024-08")
    e["relayed_count"] = _mark(relay, "79 executions took place", inc2, supports="victims",
                               asserted_value="79", period_start="2024-08")
    e["ombudsman_count"] = _mark(ombudsman, "at least 177 Ukrainian prisoners of war", inc2,
                                 supports="victims", asserted_value="177",
                                 period_end="2024-12", scope="all cases to December 2024")
    e["hors_un"] = _mark(un, "who surrendered or were held in cus", inc1,
                         supports="rs_8_2_b_vi:hors_de_combat", status="corroborated")
    e["hors_ombudsman"] = _mark(ombudsman, "who surrendered or were captured by", inc1,
                                supports="rs_8_2_b_vi:hors_de_combat", credibility="1")
    e["contested"] = _mark(un, "Many Ukrainian soldiers", inc1,
                           supports="rs_8_2_b_vi:hors_de_combat_knowledge", status="contested")
    usable = [r.id for r in evidence.evidence_rows(incident_id=inc1) if r.usable]
    review.review_evidence(usable, "approved", actor=REVIEWER)
    review.submit_incident(inc1, actor=ACTOR)
    review.approve_incident(inc1, actor=REVIEWER, comment=SIGN_OFF)
    return {**worked_case, "evidence": e}


def test_values_for_different_periods_are_tabled_not_conflicting(assessed_case, tmp_path):
    _, document = _export(tmp_path, incidents="drafts")
    e = assessed_case["evidence"]
    part = _by_incident(document)["INC-002"]
    table = _table(part["tables"], "Value")
    claims = {row.cells[0].text: [c.text for c in row.cells] for row in table.rows[1:]}
    assert claims["79"][1] == "UN HRMMU"
    assert claims["79"][2] == "since August 2024"
    assert claims["79"][3] == "UN Human Rights Monitoring Mission in Ukraine; International " \
                              "broadcaster"
    assert claims["79"][4] == f"[E-{e['un_count']:03d}, E-{e['relayed_count']:03d}]"
    assert claims["79"][5] == "1 line of evidence; no other value for this period"
    assert claims["177"][1:4] == ["Ombudsman of Ukraine", "all cases to December 2024",
                                  "News agency"]
    assert "These values are for different periods" in " ".join(part["texts"])
    assert not any("Sources disagree" in t for t in _texts(document))
    corroboration = _table(part["tables"], "Fact or element")
    victims = next(r for r in corroboration.rows if r.cells[0].text == "Victims (count)")
    assert victims.cells[3].text.startswith("Rests on one line of evidence only")


def test_values_over_the_same_period_conflict(assessed_case, tmp_path):
    e = assessed_case["evidence"]
    evidence.update_evidence(e["ombudsman_count"], actor=ACTOR, period_start="2024-08",
                             period_end="", scope="")
    _, document = _export(tmp_path, incidents="drafts")
    part = _by_incident(document)["INC-002"]
    claims = {row.cells[0].text: row.cells[5].text
              for row in _table(part["tables"], "Value").rows[1:]}
    assert claims["177"] == "1 line of evidence; conflicts with 79 (same period)"
    assert "These values conflict" in " ".join(part["texts"])
    corroboration = _table(part["tables"], "Fact or element")
    victims = next(r for r in corroboration.rows if r.cells[0].text == "Victims (count)")
    assert victims.cells[3].text == "Sources conflict: not corroborated"


def test_coverage_and_lines_come_from_the_assessment(assessed_case, tmp_path):
    _, document = _export(tmp_path)
    e = assessed_case["evidence"]
    part = _by_incident(document)["INC-001"]
    elements = _table(part["tables"], "Element")
    coverage = {row.cells[0].text.split("\n")[0]: row.cells[2].text for row in elements.rows}
    # Contested evidence alone never supports an element.
    assert coverage["The perpetrator was aware of the factual circumstances that established "
                    "that status"] == "Contested"
    assert coverage["The perpetrator killed or injured one or more persons"] == "Supported"
    # Two lines agree, but neither passage is verified: corroborated is not supported.
    assert coverage["The person or persons were hors de combat"] == "Linked, not verified"
    assert coverage["The conduct took place in the context of and was associated with an "
                    "international armed conflict"] == "Open"
    hors = next(r for r in elements.rows if r.cells[0].text.startswith("The person or persons"))
    assert f"E-{e['hors_un']:03d}: corroborated, approved, A6" in hors.cells[1].text
    corroboration = _table(part["tables"], "Fact or element")
    rows = {r.cells[0].text.replace(WORD_JOINER, ""): r for r in corroboration.rows[1:]}
    hors_row = rows["Rome Statute art. 8(2)(b)(vi): The person or persons were hors de combat"]
    assert hors_row.cells[2].text == "2: UN HRMMU; Ombudsman of Ukraine"
    assert hors_row.cells[3].text == "Corroborated: 2\u00a0independent lines agree"
    assert "Flag" not in hors_row.cells[3].text  # graded corroborated, and two lines agree


def test_a_grade_claiming_corroboration_without_a_second_line_is_flagged(assessed_case,
                                                                          tmp_path):
    _, document = _export(tmp_path)
    place = f"E-{assessed_case['evidence']['place']:03d}"
    flag = (f"Flag: {place} is graded status corroborated, but no independent line of "
            "evidence agrees with it")
    texts = _texts(document)
    quote = next(i for i, t in enumerate(texts) if t.startswith(place) and "“" in t)
    assert "Status: Corroborated" in texts[quote + 1] and flag in texts[quote + 1]
    part = _by_incident(document)["INC-001"]
    rows = {r.cells[0].text: r for r in _table(part["tables"], "Fact or element").rows[1:]}
    assert rows["Place"].cells[3].text == f"Rests on one line of evidence only\n{flag}"
    summary = _summary_of_incidents(document.tables)
    assert "1\u00a0grade flagged" in summary.rows[1].cells[6].text


def test_sign_off_block_and_one_person_cover(assessed_case, tmp_path):
    from desktop.services import case as case_service

    case_service.update_case(actor=ACTOR, one_person=True)
    _, document = _export(tmp_path)
    texts = _texts(document)
    assert any(t.startswith("One-person case: the same person documented and reviewed")
               for t in texts)
    assert _pairs(document.tables[0])["Review"] == \
        "One-person case (declared): four eyes not applied"
    block = _pairs(_table(_by_incident(document)["INC-001"]["tables"], "Workflow state"))
    assert block["Signed off by"] == REVIEWER and block["Sign-off comment"] == SIGN_OFF
    assert block["Four eyes"].startswith("Not applied")
    assert block["Not supported"].startswith("6 of 7 legal elements and facts with evidence: "
                                             "Time (linked, not verified); ")
