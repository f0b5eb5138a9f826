"""The dossier as a file a receiving office opens: a filled table of contents, pages that say
what they are, its own properties, no leftover parts, language tags, unbroken codes, and no
error an OOXML validator finds."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree
from openxml_audit import OpenXmlValidator

from desktop import __version__
from desktop.domain import models
from desktop.services import incidents
from desktop.services.export import DossierOptions, dossier_id, export_dossier, styles
from tests.conftest import ACTOR
from tests.services.test_export import rich_case  # noqa: F401 — the fixture

LEFTOVERS = ("thumbnail", "customXml", "stylesWithEffects")


def _export(tmp_path: Path, name: str = "DOSSIER.docx", **options):
    out = tmp_path / name
    return export_dossier(out, DossierOptions(**options), actor=ACTOR)


def _xml(path: Path, part: str = "word/document.xml"):
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(part))


def _text(element) -> str:
    """An element's text as a reader sees it (a non-breaking hyphen reads as a hyphen)."""
    return "".join(e.text or "" if e.tag == qn("w:t") else "-"
                   for e in element.iter(qn("w:t"), qn("w:noBreakHyphen")))


def _toc_paragraphs(body) -> list:
    """The paragraphs from the TOC field's begin to its end."""
    paragraphs = list(body.iter(qn("w:p")))
    start = next(n for n, p in enumerate(paragraphs)
                 if any("TOC" in (i.text or "") for i in p.iter(qn("w:instrText"))))
    end = next(n for n in range(start, len(paragraphs))
               if any(c.get(qn("w:fldCharType")) == "end"
                      for c in paragraphs[n].iter(qn("w:fldChar"))))
    return paragraphs[start:end + 1]


def test_the_contents_are_filled_with_links_to_headings(rich_case, tmp_path):  # noqa: F811
    result = _export(tmp_path, incidents="drafts")
    body = _xml(result.path)
    entries = _toc_paragraphs(body)
    links = [link for p in entries for link in p.iter(qn("w:hyperlink"))]
    bookmarks = {b.get(qn("w:name")): b.getparent() for b in body.iter(qn("w:bookmarkStart"))}
    listed = [_text(link) for link in links]
    assert "Summary of incidents" in listed
    assert "INC-001 — Wounded soldier executed near the Phenol plant" in listed
    assert any(t.startswith("INC-002") and t.endswith("(DRAFT)") for t in listed)
    assert "Annex A — Sources" in listed and "Evidence" in listed
    assert "Right-click" not in "".join(_text(p) for p in entries)
    for link in links:  # each entry links to the heading it names
        heading = bookmarks[link.get(qn("w:anchor"))]
        assert _text(heading) == _text(link)
        assert heading.find(qn("w:pPr")).find(qn("w:pStyle")).get(qn("w:val")) in (
            "Heading1", "Heading2")
    styled = {p.find(qn("w:pPr")).find(qn("w:pStyle")).get(qn("w:val")) for p in entries}
    assert styled == {"TOC1", "TOC2"}
    settings = _xml(result.path, "word/settings.xml")  # Word and LibreOffice may update it
    assert settings.find(qn("w:updateFields")).get(qn("w:val")) == "true"


def _header_and_footer(path: Path) -> tuple[str, str]:
    document = docx.Document(str(path))
    section = document.sections[-1]
    return (section.header.paragraphs[0].text,
            _text(section.footer.paragraphs[0]._p))


def test_every_page_says_its_edition_and_whether_it_includes_drafts(rich_case,  # noqa: F811
                                                                     tmp_path):
    header, footer = _header_and_footer(_export(tmp_path, "approved.docx").path)
    assert header == "CONFIDENTIAL · UA-POW-2024-001 · FULL EDITION"
    drafts = _export(tmp_path, "drafts.docx", incidents="drafts")
    header, footer = _header_and_footer(drafts.path)
    assert header == ("CONFIDENTIAL · UA-POW-2024-001 · FULL EDITION · "
                      "DRAFT: INCLUDES INCIDENTS NOT APPROVED")
    assert footer == f"Page 1 of 1 · Dossier {drafts.dossier_id}"
    redacted = _export(tmp_path, "redacted.docx", edition="redacted",
                       accept_near_misses=True)
    header, _ = _header_and_footer(redacted.path)
    assert header == "CONFIDENTIAL · UA-POW-2024-001 · REDACTED EDITION"


def test_the_dossier_id_is_traced_to_its_audit_entry(rich_case, tmp_path):  # noqa: F811
    head = models.Case.get().audit_head
    result = _export(tmp_path, incidents="drafts")
    entry = (models.AuditEntry.select().where(models.AuditEntry.action == "dossier.export")
             .order_by(models.AuditEntry.id.desc()).get())
    recorded = entry.after
    assert re.fullmatch("[0-9a-f]{12}", result.dossier_id)
    assert recorded["dossier_id"] == result.dossier_id and recorded["audit_head"] == head
    assert dossier_id(head, recorded["options"], recorded["exported_at"]) == result.dossier_id
    again = _export(tmp_path, "again.docx", incidents="drafts")
    assert again.dossier_id != result.dossier_id  # a later export is another dossier


def test_document_properties_are_the_exports_own(rich_case, tmp_path):  # noqa: F811
    result = _export(tmp_path, incidents="drafts")
    core = docx.Document(str(result.path)).core_properties
    assert core.title == "Executions of surrendered POWs — dossier of evidence"
    assert core.subject == "UA-POW-2024-001"
    assert core.created == core.modified and core.created.year >= 2026
    assert core.identifier == result.dossier_id
    assert core.category == "Full edition, including incidents not approved (DRAFT)"
    app = _xml(result.path, "docProps/app.xml")
    ns = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
    assert app.find(f"{ns}Application").text == f"Casefile {__version__}"
    with zipfile.ZipFile(result.path) as z:
        assert b"Microsoft" not in z.read("docProps/app.xml")


@pytest.mark.parametrize("which", ["dossier", "template"])
def test_no_thumbnail_custom_xml_or_styles_with_effects(rich_case, tmp_path,  # noqa: F811
                                                        which):
    path = _export(tmp_path).path if which == "dossier" else styles.TEMPLATE
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        rels = b"".join(z.read(n) for n in names if n.endswith(".rels"))
    assert not [n for n in names if any(part in n for part in LEFTOVERS)]
    assert not any(part.encode() in rels for part in LEFTOVERS)


def test_fonts_are_ones_a_receiving_office_has():
    template = docx.Document(str(styles.TEMPLATE))
    fonts = {template.styles[name].font.name for name in styles.PARAGRAPH_STYLES}
    assert fonts <= {"Times New Roman", "Arial", "Courier New"}
    with zipfile.ZipFile(styles.TEMPLATE) as z:
        theme = z.read("word/theme/theme1.xml").decode()
    assert '<a:latin typeface="Times New Roman"' in theme and "Calibri" not in theme


def _langs(path: Path) -> dict[str, set[str]]:
    """Each language tag of a run, with the texts of the runs that carry it."""
    found: dict[str, set[str]] = {}
    for r in _xml(path).iter(qn("w:r")):
        lang = r.find(f"{qn('w:rPr')}/{qn('w:lang')}")
        if lang is not None:
            found.setdefault(lang.get(qn("w:val")), set()).add(_text(r))
    return found


def test_runs_carry_their_language(rich_case, tmp_path):  # noqa: F811
    inc1 = rich_case["incidents"]["INC-001"]
    incidents.update_incident(inc1, actor=ACTOR, narrative=(
        "Полоненого розстріляли біля заводу.\n\nСолдат сказал: мы выполнили приказ."))
    langs = _langs(_export(tmp_path, incidents="drafts").path)
    assert "Полоненого розстріляли біля заводу." in langs["uk-UA"]
    assert "Солдат сказал: мы выполнили приказ." in langs["ru-RU"]
    assert not any(re.search("[A-Za-z]", t) for texts in langs.values() for t in texts)


def test_dates_codes_and_references_do_not_break(rich_case, tmp_path):  # noqa: F811
    inc1 = rich_case["incidents"]["INC-001"]
    incidents.update_incident(inc1, actor=ACTOR, narrative=(
        "Reported on 2024-10-01 under art. 8(2)(b)(vi), pages 12–14: a well-known case."))
    body = _xml(_export(tmp_path, incidents="drafts").path)
    quote_style = docx.Document(str(styles.TEMPLATE)).styles[styles.QUOTE].style_id
    words = [t.text for p in body.iter(qn("w:p"))
             if p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}[@{qn('w:val')}='{quote_style}']") is None
             for t in p.iter(qn("w:t"))]
    assert not [w for w in words if re.search(r"\d-|-\d|[A-Z]-[A-Z0-9]", w) and "/" not in w]
    assert any("8(2)\u2060(b)\u2060(vi)," in w for w in words)
    narrative = next(p for p in body.iter(qn("w:p")) if "well-known" in _text(p))
    assert _text(narrative) == "Reported on 2024-10-01 under art. 8(2)\u2060(b)\u2060(vi), " \
                               "pages 12–\u206014: a well-known case."


def test_quotes_are_verbatim(rich_case, tmp_path):  # noqa: F811
    body = _xml(_export(tmp_path).path)
    quote_style = docx.Document(str(styles.TEMPLATE)).styles[styles.QUOTE].style_id
    quotes = [p for p in body.iter(qn("w:p"))
              if p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}[@{qn('w:val')}='{quote_style}']")
              is not None]
    assert quotes
    for p in quotes:  # the label's E-number is joined, the quote after it is not touched
        runs = p.findall(qn("w:r"))
        assert runs[-1].find(qn("w:noBreakHyphen")) is None
        assert "\u2060" not in _text(runs[-1])


@pytest.mark.parametrize("edition", ["full", "redacted"])
def test_an_ooxml_validator_finds_no_error(rich_case, tmp_path, edition):  # noqa: F811
    result = _export(tmp_path, incidents="drafts", audit_annex=True, edition=edition,
                     accept_near_misses=True)
    found = OpenXmlValidator().validate(str(result.path))
    assert found.is_valid, [str(e) for e in found.errors]


def _kept(p) -> bool:
    return p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None


def test_a_short_table_keeps_its_rows_together_but_not_with_what_follows(rich_case,  # noqa: F811
                                                                         tmp_path):
    """A custody record stays on one page, but is not tied to the next source's heading: a
    chain of records, each kept with the next, is longer than a page, and LibreOffice then
    puts every record on a page of its own."""
    body = _xml(_export(tmp_path, incidents="drafts").path)
    records = [t for t in body.iter(qn("w:tbl")) if "custody record" in _text(t.getprevious())]
    assert len(records) >= 2
    for tbl in records:
        rows = tbl.findall(qn("w:tr"))
        assert len(rows) > 2
        assert all(_kept(p) for row in rows[:-1] for p in row.iter(qn("w:p")))
        assert not any(_kept(p) for p in rows[-1].iter(qn("w:p")))


def test_lines_that_lead_into_a_table_stay_with_it(rich_case, tmp_path):  # noqa: F811
    """The line before a caption (supporting norms, a table's explanation) is kept with it, and
    the corroboration note comes before its table, so no page break leaves either alone."""
    body = _xml(_export(tmp_path, incidents="drafts").path)
    paragraphs = list(body.iter(qn("w:p")))
    leads = [p for p in paragraphs if _text(p).startswith(("Supporting norms:",
                                                          "A fact is corroborated when",
                                                          "Incidents and dated facts in time"))]
    assert {_text(p).split(" ")[0] for p in leads} == {"Supporting", "A", "Incidents"}
    assert all(_kept(p) for p in leads)
    for p in leads:
        if _text(p).startswith("A fact is corroborated"):
            caption = p.getnext()
            assert _text(caption).startswith("Table ") and caption.getnext().tag == qn("w:tbl")


def test_counts_in_narrow_columns_stay_with_their_words():
    """“Elements: 9 supported” is never broken between the 9 and its word; a date's day, a
    reference and a decimal are not counts."""
    from desktop.services.export import wording

    assert wording.counts_kept("Elements: 9 supported; 4 linked, not verified") == \
        "Elements: 9\u00a0supported; 4\u00a0linked, not verified"
    assert wording.counts_kept("Corroborated: 2 independent lines agree") == \
        "Corroborated: 2\u00a0independent lines agree"
    assert wording.counts_kept("E-001 2.5 KB, 3,390 bytes") == "E-001 2.5 KB, 3,390 bytes"


def test_the_contents_of_many_incidents_list_each_incident_and_say_what_it_holds(rich_case,  # noqa: F811
                                                                                tmp_path):
    """Above 20 incidents the contents list the first level alone (an incident a line, not its
    six parts again each time), in the field as in its result, and say what each holds."""
    from desktop.services.export import sections

    for n in range(sections.DETAILED_CONTENTS):
        incidents.create_incident(actor=ACTOR, title=f"Shelling of a shelter, day {n + 1}")
    body = _xml(_export(tmp_path, incidents="drafts").path)
    entries = _toc_paragraphs(body)
    instruction = "".join(i.text for p in entries for i in p.iter(qn("w:instrText")))
    assert '\\o "1-1"' in instruction
    styled = {p.find(qn("w:pPr")).find(qn("w:pStyle")).get(qn("w:val")) for p in entries}
    assert styled == {"TOC1"}
    listed = [_text(link) for p in entries for link in p.iter(qn("w:hyperlink"))]
    assert sum(t.startswith("INC-") for t in listed) == sections.DETAILED_CONTENTS + 2
    assert "Evidence" not in listed and "Annex A — Sources" in listed
    lead = entries[0].getprevious()
    assert _text(lead).startswith("Each incident's section has the same parts")
