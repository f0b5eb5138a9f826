"""The Ukrainian edition: the demo case's dossier in Ukrainian has no English fixed wording
(checked against the catalogue's English texts), passes the validator the English one passes,
and writes Ukrainian dates, numbers and plural forms; services speak the user's language."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from openxml_audit import OpenXmlValidator

from desktop.domain import db
from desktop.services import demo, words
from desktop.services.export import DossierOptions, export_dossier, wording
from tests.conftest import ROOT, SEEDS

PO = ROOT / "resources" / "translations" / "casefile-core_uk.po"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ACTOR = "Олена Документувальниця"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
QUOTE_STYLES = ("EvidenceQuote",)


@pytest.fixture(scope="module")
def demo_case(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo-uk") / "demo.casefile"
    demo.build_demo(path, SEEDS)
    db.open_case(path)
    yield path
    db.close_case()


@pytest.fixture(scope="module")
def ukrainian_dossier(demo_case, tmp_path_factory):
    out = tmp_path_factory.mktemp("dossier-uk") / "досьє.docx"
    export_dossier(out, DossierOptions(incidents="drafts", audit_annex=True, language="uk"),
                   actor=ACTOR)
    return out


def english_texts() -> dict[str, str]:
    """English text → its Ukrainian translation, every entry and plural of the catalogue."""
    from babel.messages.pofile import read_po

    with PO.open("rb") as handle:
        catalogue = read_po(handle)
    found = {}
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for english in ids:
            found[english] = strings[0]
    return found


def fixed_wording(path: Path) -> list[tuple[str, str]]:
    """(where, text) of each paragraph of the document, its headers and footers, leaving out
    the quotes (verbatim, in the quote style) and the runs in a quote's language."""
    found = []
    with zipfile.ZipFile(path) as package:
        parts = [n for n in package.namelist()
                 if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", n)]
        for name in parts:
            root = ET.fromstring(package.read(name))
            for p in root.iter(f"{W}p"):
                style = p.find(f"{W}pPr/{W}pStyle")
                if style is not None and style.get(f"{W}val") in QUOTE_STYLES:
                    continue
                text = "".join(_run_text(e) for e in p.iter())
                if text.strip():
                    found.append((name, text.replace("\u2060", "").replace("\u00a0", " ")))
    return found


def _run_text(element) -> str:
    """What one element of a run shows: its text, a hyphen that does not break, a break."""
    if element.tag == f"{W}t":
        return element.text or ""
    return {f"{W}noBreakHyphen": "-", f"{W}br": "\n", f"{W}tab": " "}.get(element.tag, "")


def case_data_texts() -> set[str]:
    """What the documenters wrote, the sources say and the trail recorded (titles, narratives,
    comments, summaries): printed as written, in English in the demo case, not fixed wording."""
    from desktop.domain.models import AuditEntry, Case, Evidence, Incident, Source

    texts: set[str] = set()
    for row in Source.select():
        texts.update((row.title, row.publisher, row.author, row.reliability_note,
                      row.collected_from))
    for row in Incident.select():
        texts.update((row.title, row.narrative, row.state_comment, row.place, row.district,
                      row.region, row.country, row.perpetrator_force, row.perpetrator_unit))
    for row in Evidence.select():
        texts.update((row.note, row.review_comment, row.quote, row.scope, row.originator))
    case = Case.get()
    texts.update((case.title, case.description))
    # The trail's summaries are stored as written, in the writer's language (the demo case
    # was built in English): never translated when shown.
    texts.update(summary for (summary,) in AuditEntry.select(AuditEntry.summary).tuples())
    return {t.strip() for t in texts if t and t.strip()}


def _segments(english: str) -> list[str]:
    """The fixed parts of a catalogue text long enough to be told apart from data (3 words)."""
    return [s.strip() for s in PLACEHOLDER.split(english)
            if len(re.findall(r"[A-Za-z]{2,}", s)) >= 3]


def test_the_ukrainian_dossier_has_no_english_fixed_wording(ukrainian_dossier):
    catalogue = {e: t for e, t in english_texts().items() if t.strip() and t != e}
    data = case_data_texts()
    left = []
    for where, text in fixed_wording(ukrainian_dossier):
        plain = text
        for value in sorted(data, key=len, reverse=True):  # data printed as written goes
            if len(value) > 3:
                plain = plain.replace(value, " ")
        if plain.strip() in catalogue:
            left.append((where, plain.strip()))
            continue
        left += [(where, s) for english in catalogue for s in _segments(english)
                 if s in plain]
    assert left == []


def test_the_ukrainian_dossier_is_ukrainian_throughout(ukrainian_dossier):
    texts = [t for _, t in fixed_wording(ukrainian_dossier)]
    joined = "\n".join(texts)
    for words_expected in ("Досьє доказів", "Зміст", "Зведення інцидентів",
                           "Додаток А — Джерела", "Додаток Б — Методологія",
                           "Додаток В — Журнал аудиту", "Стислий виклад висновків"):
        assert words_expected in joined
    assert re.search(r"Сторінка .* з .* · Досьє [0-9a-f]{12}", joined)
    assert "6 вересня 2024 р." in joined and "1 жовтня 2024 р." in joined  # INC-003, INC-001
    assert "5 інцидентів" in joined and "48 evidence" not in joined


def test_how_each_text_was_extracted_is_said_in_ukrainian(ukrainian_dossier):
    """The importers record their methods in English (decoded text); the dossier says them in
    its language, and an encoding by its standard name, not Python's (utf_8)."""
    joined = "\n".join(t for _, t in fixed_wording(ukrainian_dossier))
    assert "charset-normalizer" in joined and "декодований текст; кодування UTF-8" in joined
    assert "decoded text" not in joined and "utf_8" not in joined


def test_quotes_stand_in_ukrainian_quotation_marks(ukrainian_dossier):
    with zipfile.ZipFile(ukrainian_dossier) as package:
        root = ET.fromstring(package.read("word/document.xml"))
    quotes = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")
              if (style := p.find(f"{W}pPr/{W}pStyle")) is not None
              and style.get(f"{W}val") in QUOTE_STYLES]
    assert quotes and all("«" in q and q.rstrip().endswith("»") for q in quotes), quotes[:3]


def test_ukrainian_dates_numbers_and_plurals():
    with words.in_language("uk"):
        assert wording.day("2024-09-06") == "6\u00a0вересня 2024\u00a0р."
        assert wording.day("2024-09") == "вересень 2024\u00a0р."
        assert wording.day("2024") == "2024\u00a0р."
        assert wording.moment("2025-01-02T10:00:00Z") == "2\u00a0січня 2025\u00a0р., 10:00\u00a0UTC"
        assert wording.number(12345) == "12\u00a0345"
        assert [wording.size(n).split("\u00a0")[-1] for n in (1, 3, 5, 21, 22, 25, 111)] == [
            "байт", "байти", "байтів", "байт", "байти", "байтів", "байтів"]
        assert words.ngettext("{n} passage", "{n} passages", 2).format(n=2) == "2\u00a0уривки"
    with words.in_language("en"):
        assert wording.day("2024-09-06") == "6 September 2024"
        assert wording.number(12345) == "12,345"


def test_the_ukrainian_edition_passes_the_validator(ukrainian_dossier):
    found = OpenXmlValidator().validate(str(ukrainian_dossier))
    assert found.is_valid, [str(e) for e in found.errors]


def test_the_ukrainian_dossier_says_it_is_ukrainian(ukrainian_dossier):
    with zipfile.ZipFile(ukrainian_dossier) as package:
        core = ET.fromstring(package.read("docProps/core.xml"))
    language = core.find("{http://purl.org/dc/elements/1.1/}language")
    assert language is not None and language.text == "uk-UA"


def test_the_export_entry_is_in_the_exporters_language(demo_case, tmp_path):
    """A Ukrainian dossier exported by an English-speaking user is recorded in English: the
    trail is written in the writer's language, whatever the document's."""
    from desktop.services import audit

    export_dossier(tmp_path / "uk.docx", DossierOptions(incidents="drafts", language="uk"),
                   actor="Reviewer")
    newest = audit.history(limit=1)[0]
    # Its evidence counted as the cover counts it: passages quoted, not links.
    assert re.fullmatch(r"Exported the full dossier uk\.docx \(5 incidents, 37 passages quoted\)",
                        newest.summary), newest.summary
    with words.in_language("uk"):
        export_dossier(tmp_path / "en.docx", DossierOptions(incidents="drafts", language="en"),
                       actor="Рецензент")
    newest = audit.history(limit=1)[0]
    assert newest.summary.startswith("Експортовано повну редакцію досьє en.docx (5\u00a0інцидентів")


def test_a_ukrainian_trail_names_the_fields_an_edit_changed_in_words(tmp_path):
    """A case worked on in Ukrainian: its edits' summaries join a short preposition to the word
    after it ("в\u00a0«…»"), and the annex still says which fields each changed, in words, the
    issuing block's among them, never their internal names."""
    from desktop.services import case as case_service

    path = tmp_path / "справа.casefile"
    with words.in_language("uk"):
        demo.build_demo(path, SEEDS)
        db.open_case(path)
        try:
            case_service.update_case(actor=ACTOR, addressee="Офіс Генерального прокурора",
                                     dossier_version="1.0")
            out = export_dossier(tmp_path / "досьє.docx", DossierOptions(
                incidents="drafts", audit_annex=True, language="uk"), actor=ACTOR).path
        finally:
            db.close_case()
    with zipfile.ZipFile(out) as package:
        root = ET.fromstring(package.read("word/document.xml"))
    cells = ["".join(t.text or "" for t in tc.iter(f"{W}t")) for tc in root.iter(f"{W}tc")]
    edits = [c for c in cells if c.startswith(("Відомості про справу змінено",
                                               "Відомості про джерело змінено"))]
    assert len(edits) == 7  # the five sources' details, the description, the issuing block
    assert all("Змінено: " in c for c in edits), edits
    assert any(c.endswith("Змінено: Адресат, Версія досьє") for c in edits), edits
    assert not [c for c in cells if re.search(r"\b[a-z]+_[a-z_]+\b", c)]
    assert any(c.startswith("Справу створено") and "Створено справу «Executions" in c
               for c in cells)  # the first entry, written in Ukrainian too
