"""The demo dossiers `make dossier` writes, read page by page as the receiving office reads
their PDFs: every incident there, every page saying it belongs to a dossier with drafts, no
page left nearly empty, no heading or lead-in line left at the foot of a page, and the
sources' custody records running on rather than one to a page (slow: LibreOffice)."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from desktop.services import rendition, words
from tests.render_dossier import render

pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    rendition.soffice() is None, reason="LibreOffice (soffice) is installed by .ci/system-deps")]

#: Less text than this under a page's header and above its footer is a page left nearly empty
#: (a note or a lead-in line pushed over alone was 140–210 characters).
NEARLY_EMPTY = 300
#: The incident sections' headings, which must never be a page's last line.
SECTION_HEADINGS = ("Review and sign-off", "Facts", "What happened", "Legal qualification",
                    "Evidence", "Corroboration", "Rejected evidence")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, list[list[str]]]:
    """Each PDF `make dossier` writes: its pages, each as its lines of text."""
    out = tmp_path_factory.mktemp("dossiers")
    pages = {}
    for path in render(out):
        if path.suffix == ".pdf":
            pages[path.stem] = [[line.strip() for line in page.extract_text().splitlines()
                                 if line.strip()] for page in PdfReader(str(path)).pages]
    return pages


@pytest.mark.parametrize(("name", "language"), [("dossier", "en"), ("dossier-uk", "uk")])
def test_every_incident_is_there_and_every_page_says_the_dossier_has_drafts(rendered, name,
                                                                            language):
    pages = rendered[name]
    with words.in_language(language):
        drafts = words._("DRAFT: INCLUDES INCIDENTS NOT APPROVED")
    assert all(drafts in page[0] for page in pages)  # the header, on every page
    text = "\n".join("\n".join(page) for page in pages)
    assert all(f"INC-00{n} — " in text for n in range(1, 6))


@pytest.mark.parametrize("name", ["dossier", "dossier-uk", "dossier-redacted"])
def test_no_page_is_left_nearly_empty(rendered, name):
    pages = rendered[name]
    last = len(pages) - 1  # the audit trail ends where it ends
    short = [(n + 1, page[1:-1]) for n, page in enumerate(pages)
             if n != last and len(" ".join(page[1:-1])) < NEARLY_EMPTY]
    if name == "dossier-redacted":  # a training case of one incident: a chronology of one
        short = [(n, body) for n, body in short if "Chronology" not in body[0]]
    assert short == []


@pytest.mark.parametrize(("name", "language"), [("dossier", "en"), ("dossier-uk", "uk")])
def test_no_heading_or_lead_in_line_ends_a_page(rendered, name, language):
    with words.in_language(language):
        headings = {words._(h) for h in SECTION_HEADINGS}
        norms = words._("Supporting norms: {norms}").split("{")[0]
        note = words._("A fact is corroborated when at least two independent lines of evidence "
                       "(originators, not the outlets that relay them) agree; see Annex B.")
    for n, page in enumerate(rendered[name]):
        foot = page[-2]  # the last line above the footer
        assert foot not in headings, (n + 1, foot)
        assert not foot.startswith(norms), (n + 1, foot)
        assert not (len(foot) > 10 and foot in note), (n + 1, foot)


@pytest.mark.parametrize("name", ["dossier", "dossier-uk"])
def test_custody_records_run_on_rather_than_one_to_a_page(rendered, name):
    pages = rendered[name]
    on = {ref: next(n for n, page in enumerate(pages)
                    if any(line.endswith(f"{ref}: " + _custody(name)) for line in page))
          for ref in ("S-001", "S-002", "S-003")}
    assert on["S-001"] == on["S-002"] or on["S-002"] == on["S-003"], on


def _custody(name: str) -> str:
    with words.in_language("uk" if name.endswith("-uk") else "en"):
        return words._("custody record")


@pytest.mark.parametrize("name", ["dossier", "dossier-uk", "dossier-redacted"])
def test_no_fingerprint_leaves_a_digit_alone_on_a_line(rendered, name):
    """A SHA-256 printed in a column is broken where the column ends: never a digit or two
    left on a line of their own."""
    alone = [(n + 1, line) for n, page in enumerate(rendered[name])
             for before, line in zip(page, page[1:], strict=False)
             if re.search(r"[0-9a-f]{20,}$", before) and re.fullmatch(r"[0-9a-f]{1,4}", line)]
    assert alone == []


@pytest.mark.parametrize("name", ["dossier", "dossier-uk"])
def test_no_count_is_left_at_a_line_end_without_its_word(rendered, name):
    """“Elements: 9 / supported; 4 / linked”: a count of the dossier's own wording stays on the
    line of the word it counts."""
    split = [(n + 1, before, line) for n, page in enumerate(rendered[name])
             for before, line in zip(page, page[1:], strict=False)
             if re.search(r"[:;] \d+$", before) and re.match(r"[a-zа-яіїєґ’]", line)]
    assert split == []
