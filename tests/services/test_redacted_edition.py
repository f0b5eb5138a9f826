"""The redacted edition shows its redaction: bracketed pseudonyms in quotes, a line saying a
quote was altered, fingerprints of the unredacted original, "REDACTED EDITION" on every page,
and a cover that counts what was redacted, or warns that nothing was.

The people and statements are fictional.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest

from desktop.services import evidence, incidents, protection, sources
from desktop.services.export import DossierOptions, export_dossier, styles
from desktop.services.export.incident import QUOTE_REDACTED
from desktop.services.export.sections import NOTHING_REDACTED, protected_counts
from tests.conftest import ACTOR

WITNESS = ("Остап Вербенко", "Ostap Verbenko")
VICTIM = "Ганна Ковалик"
STATEMENT = (
    "Свідок Остап Вербенко розповів, що бачив колону на світанку. Остапа Вербенка допитали "
    "двічі. Про Вербенка згадує також О. Вербенко у листі до сестри. Сусідка передала "
    "Остапові Вербенку воду. Разом із Вербенком була Ганна Ковалик; Ганну Ковалик поранили "
    "біля криниці.\n"
    "Колона рухалася на північ повз старий млин і зупинилася біля мосту."
)
NAMED = "Остапа Вербенка допитали двічі. Про Вербенка згадує також О. Вербенко у листі до сестри."
UNNAMED = "Колона рухалася на північ повз старий млин і зупинилася біля мосту."
#: Every protected word stem, in both scripts: none may be left in any part of the file.
STEMS = ("вербенк", "verbenk", "ковалик", "kovalyk", "остап", "ostap")


@pytest.fixture
def statement_case(case, tmp_path):
    """A cp1251 witness statement named after the witness, two quotes from it (one naming
    the witness, one naming no one) and a narrative naming the victim."""
    path = tmp_path / "svidchennia-verbenko.txt"
    path.write_bytes(STATEMENT.encode("cp1251"))
    source_id = sources.import_files([path], actor=ACTOR).source_ids[0]
    incident = incidents.create_incident(actor=ACTOR, title="Колона біля мосту")
    incidents.update_incident(incident.id, actor=ACTOR,
                              narrative=f"{VICTIM} була поранена біля криниці.")
    text = sources.source_text(source_id)
    for quote, supports in ((NAMED, "narrative"), (UNNAMED, "place")):
        start = text.index(quote)
        evidence.add_evidence(source_id, start, start + len(quote), actor=ACTOR,
                              incident=incident.id, supports=supports)
    return source_id


def _protect() -> None:
    protection.add_protected(WITNESS, "witness", actor=ACTOR)
    protection.add_protected([VICTIM], "victim", actor=ACTOR)


def _export(tmp_path: Path, name: str, edition: str) -> tuple[Path, docx.document.Document]:
    out = tmp_path / name
    export_dossier(out, DossierOptions(incidents="drafts", edition=edition, audit_annex=True),
                   actor=ACTOR)
    return out, docx.Document(str(out))


def _parts(path: Path) -> dict[str, str]:
    """Every XML part of the .docx, as text."""
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist()
                if n.endswith((".xml", ".rels"))}


def _quotes(document) -> list[tuple[str, str]]:
    """Each quote paragraph's text and the text of the paragraph under it."""
    paragraphs = document.paragraphs
    return [(p.text, paragraphs[i + 1].text) for i, p in enumerate(paragraphs)
            if p.style.name == styles.QUOTE]


def test_a_quote_marks_each_substitution_and_says_it_was_redacted(statement_case, tmp_path):
    _protect()
    _, document = _export(tmp_path, "redacted.docx", "redacted")
    quotes = _quotes(document)
    named = next((q, meta) for q, meta in quotes if "допитали" in q)
    assert "“[W-001] допитали двічі. Про [W-001] згадує також [W-001] у листі до сестри.”" \
        in named[0]
    assert named[1].startswith(QUOTE_REDACTED)
    assert "SHA-256 of the unredacted original " in named[1]
    unnamed = next((q, meta) for q, meta in quotes if "млин" in q)
    assert "[" not in unnamed[0]
    assert not unnamed[1].startswith(QUOTE_REDACTED)
    assert "SHA-256 of the unredacted original " in unnamed[1]
    # Outside quotes the pseudonym stands plain.
    texts = [p.text for p in document.paragraphs]
    assert "V-001 була поранена біля криниці." in texts
    assert not any("[V-001]" in t for t in texts if "криниці" in t and "“" not in t)


def test_the_full_edition_quotes_as_written(statement_case, tmp_path):
    _protect()
    _, document = _export(tmp_path, "full.docx", "full")
    quotes = _quotes(document)
    assert any(NAMED in q for q, _ in quotes)
    assert not any(QUOTE_REDACTED in meta or "unredacted" in meta for _, meta in quotes)
    assert all(re.search(r"SHA-256 [0-9a-f]{16}…", meta) for _, meta in quotes)


def test_every_page_header_says_redacted_edition(statement_case, tmp_path):
    _protect()
    redacted, document = _export(tmp_path, "redacted.docx", "redacted")
    headers = {n: xml for n, xml in _parts(redacted).items() if re.match(r"word/header\d*\.xml", n)}
    assert headers
    for name, xml in headers.items():
        assert "REDACTED EDITION" in xml, name
    for section in document.sections:
        assert not section.different_first_page_header_footer
        assert " · REDACTED EDITION · DRAFT" in section.header.paragraphs[0].text
    full, _ = _export(tmp_path, "full.docx", "full")
    for name, xml in _parts(full).items():
        assert "REDACTED EDITION" not in xml, name


def test_the_cover_counts_the_people_and_forms_redacted(statement_case, tmp_path):
    _protect()
    _, document = _export(tmp_path, "redacted.docx", "redacted")
    people, forms = protected_counts([(WITNESS, ()), ([VICTIM], ())])
    assert people == 2 and forms > 40  # two names, each word in every case, both scripts
    cover = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert cover["Edition"] == "Redacted edition, including incidents not approved (DRAFT)"
    assert cover["Protected people"].startswith(
        f"2 people replaced by their pseudonyms; {forms:,} forms of their names applied")
    assert not any(NOTHING_REDACTED in p.text for p in document.paragraphs)


def test_the_cover_warns_when_no_one_is_protected(statement_case, tmp_path):
    path, document = _export(tmp_path, "redacted.docx", "redacted")
    banner = next(p for p in document.paragraphs if p.text == NOTHING_REDACTED)
    assert banner.style.name == styles.BANNER
    assert NOTHING_REDACTED.startswith(
        "No protected people are recorded in this case: nothing was redacted")
    cover = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert cover["Protected people"] == "none recorded: nothing was redacted"
    assert not any("replaced by pseudonyms" in p.text for p in document.paragraphs)
    assert "REDACTED EDITION" in "".join(_parts(path).values())
    _, full = _export(tmp_path, "full.docx", "full")
    assert not any(NOTHING_REDACTED in p.text for p in full.paragraphs)
    assert "Protected people" not in {row.cells[0].text for row in full.tables[0].rows}


def test_no_form_of_a_protected_name_is_left_in_any_part(statement_case, tmp_path):
    full, _ = _export(tmp_path, "full.docx", "full")
    assert "Вербенка" in "".join(_parts(full).values())
    _protect()
    redacted, _ = _export(tmp_path, "redacted.docx", "redacted")
    parts = _parts(redacted)
    assert any(n.startswith("word/header") for n in parts)
    assert "docProps/core.xml" in parts
    for name, xml in parts.items():
        folded = xml.casefold()
        for stem in STEMS:
            assert stem not in folded, f"{stem} left in {name}"
    assert "[W-001]" in parts["word/document.xml"]
