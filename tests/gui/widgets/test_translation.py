"""The interface in Ukrainian: every visible string translated, the .ts complete and current.

The Ukrainian catalogue is compiled from resources/translations/casefile_uk.ts into a temporary
.qm here (the committed source is the .ts; `make translations` builds the .qm the app loads),
installed on the running QApplication for one test, and removed again so that every other test
sees English.
"""

from __future__ import annotations

import ast
import html
import importlib.util
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QModelIndex, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QTabBar,
    QToolBar,
    QWidget,
)

from desktop.domain import scales
from desktop.gui import i18n
from desktop.gui.settings import Settings
from desktop.gui.widgets.actions import MENU_TITLES, MENUS, SPECS
from desktop.gui.widgets.scale_words import WORDS
from desktop.services import changes, evidence, incidents, search, sources
from tests.conftest import ROOT

TRANSLATIONS = ROOT / "resources" / "translations"
UK_TS = TRANSLATIONS / "casefile_uk.ts"
USER = "Олена Документувальниця"
WITNESS_TEXT = ("Свідчення про розстріл полонених\n\n"
                "Свідок розповів, що 6 вересня 2024 року біля заводу в селі Нью-Йорк "
                "військовослужбовця, який склав зброю, розстріляли на місці.\n")

#: Latin text a Ukrainian interface may show, each with the reason it stays as it is.
ALLOWED: tuple[tuple[str, str], ...] = (
    (r"[Cc]asefile", "the product's name (and the .casefile suffix of case files)"),
    (r"\bSHA-256\b", "the name of the hash algorithm"),
    (r"\b[0-9a-f]{12,}\b", "hexadecimal fingerprints"),
    (r"\b(?:[A-Z]{1,3}-)+(?:\d+|…)?", "codes: INC-001, E-001, V-001, W-…, UA-POW-2024-017"),
    (r"\b[A-Z]\b", "one-letter codes: grades A–F, pseudonym letters, plain-letter keys"),
    (r"\b[IVX]+\b", "Roman numerals of treaties: Geneva Convention III, Additional Protocol I"),
    (r"\([a-z]{1,4}\)", "sub-paragraphs of legal citations: ст. 8(2)(b)(vi)"),
    (r"\b(?:Ctrl|Shift|Alt|Meta|Del|Esc|Enter|Return|Tab|Backspace|F\d{1,2})\b",
     "key names, as keyboards print them"),
    (r"\.(?:txt|md|docx|html|mhtml|warc|pdf)\b", "file-name extensions"),
    (r"\b[a-z]+/[a-z0-9.+-]+", "media types of imported files (text/plain)"),
    (r"\bWord\b", "Microsoft Word, a product name"),
    (r"\bSQLCipher\b", "the name of the encryption library"),
    (r"\bW3C\b", "the World Wide Web Consortium, whose Web Annotation standard Casefile uses"),
    (r"\bJSON(?:-LD)?\b|\bCSV\b", "names of file formats (annotations, registers)"),
    (r"\bPDF(?:/A)?\b", "the name of a file format (the dossier's PDF rendition, PDF/A)"),
    (r"\bLibreOffice(?: Writer)?\b", "the office suite that renders the PDF, a product name"),
    (r"\bHypothesis\b", "the annotation tool Hypothesis, a product name"),
    (r"\bPostgreSQL\b", "the database server a shared case lives on, a product name"),
    (r"\b(?:Hunchly|wget|Chrome)\b", "collection tools named as examples, product names"),
    (r"\bNTP\b", "the Network Time Protocol, a clock's time source"),
    (r"\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\b", "an ISO 8601 time, as it is typed"),
    (r"\bsha256:", "a hash as collection tools write it (sha256:…)"),
    (r"\bURL\b", "used as is in Ukrainian, beside «вебадреса»"),
    (r"\bUTC\b", "the time standard"),
    (r"\b(?:AND|OR|NOT|NEAR)\b", "the search's operators, typed as they are in any language"),
    (r"\bEnglish\b", "the language chooser names each language in itself (English, Українська)"),
    (r"pip install 'casefile\[encryption\]'", "a command to type (encryption not installed)"),
)
_ALLOWED = re.compile("|".join(f"(?:{pattern})" for pattern, _ in ALLOWED))
_TAG = re.compile(r"<[^>]+>|&[a-z]+;|&#\d+;")


# ------------------------------------------------------------------ helpers
def _update_script():
    """resources/translations/update_translations.py, the one place that finds Qt's tools."""
    path = ROOT / "resources" / "translations" / "update_translations.py"
    spec = importlib.util.spec_from_file_location("update_translations", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def qt_tool(name: str) -> str:
    """A PySide6 tool ("lupdate", "lrelease"), found as the update script finds it."""
    return _update_script().qt_tool(name)


def english_left(text: str) -> str:
    """The Latin words in `text` that no rule of ALLOWED explains ("" when none)."""
    plain = _TAG.sub(" ", text)  # rich text: tags and entities are markup, not words
    plain = html.unescape(plain)
    rest = _ALLOWED.sub(" ", plain)
    return " ".join(re.findall(r"[A-Za-z][A-Za-z'’]*", rest))


def visible_texts(top: QWidget) -> list[tuple[str, str]]:
    """(where, text) of every string a user can read in `top`, its menus and its dialogs' parts.

    Typed or imported content (line edits' text, the source text, history rows written by the
    audit trail) is data, not interface, and is left out; placeholders are in.
    """
    found: list[tuple[str, str]] = [("window title", top.windowTitle())]

    def add(where: str, text: str | None) -> None:
        if text:
            found.append((where, text))

    for action in top.findChildren(QAction):
        name = action.objectName() or action.text()
        add(f"action {name!r} text", action.text())
        add(f"action {name!r} icon text", action.iconText())
        add(f"action {name!r} tooltip", action.toolTip())
        add(f"action {name!r} status tip", action.statusTip())
    if isinstance(top, QMainWindow):
        for action in top.menuBar().actions():
            add("menu bar", action.text())
        add("status bar message", top.statusBar().currentMessage())
    for widget in top.findChildren(QWidget):
        kind = type(widget).__name__
        where = f"{kind} {widget.objectName() or ''}".strip()
        add(f"{where} tooltip", widget.toolTip())
        if isinstance(widget, (QLabel, QAbstractButton)):
            add(f"{where} text", widget.text())
        elif isinstance(widget, QGroupBox):
            add(f"{where} title", widget.title())
        elif isinstance(widget, (QLineEdit, QPlainTextEdit)):
            add(f"{where} placeholder", widget.placeholderText())
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                add(f"{where} item {i}", widget.itemText(i))
        elif isinstance(widget, (QDockWidget, QToolBar, QMenu)):
            add(f"{where} title", widget.windowTitle() or getattr(widget, "title", str)())
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                add(f"{where} tab {i}", widget.tabText(i))
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            try:
                columns = model.columnCount(QModelIndex())
            except TypeError:  # a list model (QListWidget): no columns, no header
                columns = 0
            for column in range(columns):
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = model.headerData(column, Qt.Orientation.Horizontal, role)
                    add(f"{where} header {column}", value if isinstance(value, str) else "")
            if widget.objectName() in ("sourcesView", "incidentsView", "evidenceView"):
                for row in range(model.rowCount()):
                    for column in range(columns):
                        value = model.index(row, column).data()
                        add(f"{where} cell {row},{column}",
                            value if isinstance(value, str) else "")
    return found


def untranslated(top: QWidget) -> list[str]:
    """Every readable string of `top` with English left in it, and where it is."""
    return [f"{where}: {text!r} (left: {left})" for where, text in visible_texts(top)
            if (left := english_left(text))]


def catalogue() -> ET.Element:
    return ET.parse(UK_TS).getroot()


def entries(root: ET.Element) -> set[tuple[str, str, str]]:
    """(context, source, disambiguation) of every current entry of a .ts file."""
    return {(context.findtext("name") or "", message.findtext("source") or "",
             message.findtext("comment") or "")
            for context in root.iter("context") for message in context.findall("message")
            if (message.find("translation") is None
                or message.find("translation").get("type") not in ("vanished", "obsolete"))}


# ------------------------------------------------------------------ fixtures
@pytest.fixture(scope="module")
def uk_catalogue(tmp_path_factory) -> Path:
    """casefile_uk.ts compiled to a temporary folder, as `make translations` would."""
    folder = tmp_path_factory.mktemp("translations")
    subprocess.run([qt_tool("lrelease"), "-silent", str(UK_TS), "-qm",
                    str(folder / "casefile_uk.qm")], check=True)
    return folder


@pytest.fixture
def ukrainian(qapp, uk_catalogue, monkeypatch):
    """The interface in Ukrainian for one test; English (and the old locale) again after it."""
    monkeypatch.setattr(i18n, "translations_dir", lambda: uk_catalogue)
    locale = QLocale()
    translators = i18n.install(qapp, "uk")
    yield translators
    i18n.uninstall(qapp, translators)
    QLocale.setDefault(locale)


@pytest.fixture
def no_message_boxes(monkeypatch) -> list[str]:
    """Message boxes would block: record them instead (none is expected)."""
    shown: list[str] = []
    for kind in ("warning", "information", "question", "critical"):
        monkeypatch.setattr(QMessageBox, kind, lambda parent, title, text, *a, _k=kind, **kw:
                            shown.append(f"{_k}: {title}: {text}") or QMessageBox.StandardButton.Ok)
    return shown


def build_app(tmp_path: Path):
    from desktop.gui.app import CasefileApp

    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    settings.user_name = USER
    return CasefileApp(settings)


def fill_ukrainian_case(casefile, tmp_path: Path) -> dict:
    """A case whose data is Ukrainian, so that any Latin text comes from the interface."""
    assert casefile.cases.new_case(tmp_path / "справа.casefile", "Розстріли полонених")
    statement = tmp_path / "свідчення.txt"
    statement.write_text(WITNESS_TEXT, encoding="utf-8")
    report = sources.import_files([statement], actor=USER)
    source_id = report.imported[0][1]
    incident = incidents.create_incident(
        actor=USER, title="Розстріл біля заводу", date_start="2024-09-06", place="Нью-Йорк",
        country="Україна", victim_status="wounded", qualifications=["rs_8_2_b_vi", "cc_ua_438"])
    quote = "розстріляли на місці"
    start = WITNESS_TEXT.index(quote)
    span = evidence.add_evidence(source_id, start, start + len(quote), actor=USER,
                                 incident=incident.id, supports="place",
                                 asserted_value="Нью-Йорк", note="Зі слів свідка").id
    casefile.events.publish(changes.everything())
    casefile.reading.open_source(source_id)
    casefile.editing.select_incident(incident.id)
    casefile.reading.show_evidence(span)
    return {"source": source_id, "incident": incident.id, "span": span, "quote": quote}


# ------------------------------------------------------------------ the window in Ukrainian
def test_main_window_shows_no_english(qtbot, ukrainian, no_message_boxes, tmp_path):
    assert len(ukrainian) == 2, "casefile_uk.qm and Qt's qtbase_uk.qm should both load"
    casefile = build_app(tmp_path)
    qtbot.addWidget(casefile.window)
    casefile.window.resize(1500, 940)
    casefile.window.show()
    try:
        case = fill_ukrainian_case(casefile, tmp_path)
        window = casefile.window
        window.actions.review_mode.setChecked(True)  # the review panel, with a span in it
        window.source_view.find("свідок")  # the find bar and its count
        window.search_panel.show_hits(0, search.search("полонених"))
        qtbot.wait(10)
        problems = untranslated(window)
        assert not problems, "English left in the Ukrainian window:\n" + "\n".join(problems)
        assert not no_message_boxes
        # Spot checks: plurals, scale labels, dates in the Ukrainian format.
        assert window.counts_label.text().startswith("1 джерело · 1 інцидент · 1 доказ")
        assert window.navigator.sources_title.text() == "Джерела (1)"
        assert window.evidence_panel.count_label.text() == "1 фрагмент"
        assert window.actions["status_verified"].iconText() == "✓ Перевірено"
        model = window.evidence_panel.model()
        row = model.row_of(case["span"])
        assert model.index(row, model.CREATED_AT).data() == i18n.format_date(
            model.row_at(row).created_at)
        assert re.fullmatch(r"\d\d\.\d\d\.\d\d", model.index(row, model.CREATED_AT).data())
    finally:
        casefile.background.wait()
        casefile.cases.close_case()


def test_dialogs_show_no_english(qtbot, ukrainian, no_message_boxes, tmp_path):
    from desktop.gui.widgets.dialogs.case_details import CaseDetailsDialog
    from desktop.gui.widgets.dialogs.export_dossier import ExportDossierDialog
    from desktop.gui.widgets.dialogs.mark_evidence import MarkEvidenceDialog
    from desktop.gui.widgets.dialogs.new_case import EncryptCaseDialog, NewCaseDialog
    from desktop.gui.widgets.dialogs.preferences import PreferencesDialog
    from desktop.gui.widgets.dialogs.protected_people import ProtectedPeopleDialog
    from desktop.gui.widgets.dialogs.shortcuts import ShortcutsDialog
    from desktop.gui.widgets.dialogs.source_details import SourceDetailsDialog

    casefile = build_app(tmp_path)
    qtbot.addWidget(casefile.window)
    try:
        case = fill_ukrainian_case(casefile, tmp_path)
        window = casefile.window
        dialogs: list[QDialog] = [
            NewCaseDialog("нова справа", window), EncryptCaseDialog(window),
            ExportDossierDialog(tmp_path / "досьє.docx", window),
            MarkEvidenceDialog(case["quote"], case["incident"], window),
            ProtectedPeopleDialog(window), ShortcutsDialog(window),
            SourceDetailsDialog(case["source"], window), PreferencesDialog(USER, "uk", window),
            CaseDetailsDialog(window),
        ]
        problems = []
        for dialog in dialogs:
            problems += [f"{type(dialog).__name__}: {p}" for p in untranslated(dialog)]
            dialog.deleteLater()
        assert not problems, "English left in Ukrainian dialogs:\n" + "\n".join(problems)
    finally:
        casefile.cases.close_case()


def test_switching_back_to_english(qtbot, qapp, uk_catalogue, monkeypatch):
    """After the translators are removed, a new window speaks English again."""
    from desktop.gui.widgets.main_window import MainWindow

    monkeypatch.setattr(i18n, "translations_dir", lambda: uk_catalogue)
    locale = QLocale()
    translators = i18n.install(qapp, "uk")
    try:
        assert QCoreApplication.translate("Scales", "Verified") == "Перевірено"
    finally:
        i18n.uninstall(qapp, translators)
        QLocale.setDefault(locale)
    window = MainWindow()
    qtbot.addWidget(window)
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles == [MENU_TITLES[name] for name in MENUS]
    assert window.actions.open_case.text() == "&Open case…"
    assert window.counts_label.text() == ""
    assert i18n.scale_label(scales.VERIFICATION_STATUSES, "verified") == "Verified"
    cyrillic = [f"{where}: {text!r}" for where, text in visible_texts(window)
                if re.search("[А-Яа-яІіЇїЄєҐґ]", text)]
    assert not cyrillic


def test_tour_shows_no_english(qtbot, ukrainian, no_message_boxes, tmp_path):
    """Every step of the first-run tour, walked to the end: heading, text and buttons."""
    from desktop.gui.widgets.tour import workspace_steps

    casefile = build_app(tmp_path)
    qtbot.addWidget(casefile.window)
    casefile.window.resize(1500, 940)
    casefile.window.show()
    try:
        fill_ukrainian_case(casefile, tmp_path)
        tour = casefile.session.start_tour()
        count = len(workspace_steps(casefile.window))
        problems, headings = [], []
        for step in range(count):
            assert tour.isVisible() and tour.step_index() == step
            headings.append(tour.heading.text())
            for where, text in (("heading", tour.heading.text()), ("text", tour.body.text()),
                                ("counter", tour.counter.text()), ("skip", tour.skip.text()),
                                ("next", tour.next.text())):
                assert text, f"step {step + 1}: empty {where}"
                if left := english_left(text):
                    problems.append(f"step {step + 1} {where}: {text!r} (left: {left})")
            if step + 1 < count:
                tour.advance()
        assert not problems, "English left in the Ukrainian tour:\n" + "\n".join(problems)
        assert headings[0] == "Джерела та інциденти"
        assert tour.counter.text() == f"{count} з {count}"
        assert tour.next.text() == "До роботи"
        assert not casefile.settings.tour_seen
        tour.advance()  # the last step's button ends the tour
        assert not tour.isVisible() and casefile.settings.tour_seen
        assert not no_message_boxes
    finally:
        casefile.cases.close_case()


# ------------------------------------------------------------------ the catalogue
def test_every_entry_is_finished():
    left = [f"[{context.findtext('name')}] {message.findtext('source')!r}"
            for context in catalogue().iter("context") for message in context.findall("message")
            if (t := message.find("translation")) is None or t.get("type") == "unfinished"
            or not ("".join(f.text or "" for f in t.findall("numerusform")) or t.text or "")
            .strip()]
    assert not left, "unfinished in casefile_uk.ts (translate, then mark finished):\n" + \
        "\n".join(left)


def test_translations_keep_placeholders():
    """{name}, %n and %1 survive translation; Ukrainian has three plural forms."""
    problems = []
    for context in catalogue().iter("context"):
        for message in context.findall("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            forms = [f.text or "" for f in translation.findall("numerusform")] or \
                [translation.text or ""]
            if message.get("numerus") == "yes" and len(forms) != 3:
                problems.append(f"{source!r}: {len(forms)} plural forms, Ukrainian has 3")
            for form in forms:
                if sorted(re.findall(r"\{\w+\}", form)) != sorted(re.findall(r"\{\w+\}", source)):
                    problems.append(f"{source!r} → {form!r}: other {{placeholders}}")
                for mark in ("%n", "%1", "%2"):
                    if (mark in source) != (mark in form):
                        problems.append(f"{source!r} → {form!r}: {mark}")
    assert not problems, "\n".join(problems)


def test_catalogue_is_current(tmp_path):
    """The .ts has every text of the code and no other: run update_translations.py if not."""
    copy = tmp_path / "casefile_uk.ts"
    shutil.copy(UK_TS, copy)
    subprocess.run([qt_tool("lupdate"), "-silent", "-extensions", "py", "-no-obsolete",
                    "-locations", "none", str(ROOT / "desktop"), "-ts", str(copy)],
                   check=True, cwd=ROOT)
    before, after = entries(catalogue()), entries(ET.parse(copy).getroot())
    assert after == before, (
        "casefile_uk.ts is out of date: run resources/translations/update_translations.py and "
        f"translate the new entries.\nnew: {sorted(after - before)}\n"
        f"gone: {sorted(before - after)}")


#: Calls in the app and its flows whose text arguments a user reads (titles, messages, prompts…).
_SHOWN_BY = {"warn", "inform", "ask", "showMessage", "status", "getSaveFileName",
             "getOpenFileName", "getOpenFileNames", "getExistingDirectory", "getText",
             "getMultiLineText", "about", "addAction", "QMessageBox", "CaseOpenError", "attempt",
             "run_in_background"}
#: Where the window's messages and dialogs are written: the app and its feature flows.
_APP_FILES = [ROOT / "desktop" / "gui" / "app.py",
              *sorted((ROOT / "desktop" / "gui" / "flows").glob("*.py"))]


def _app_texts() -> tuple[list[tuple[str, str, bool]], list[str]]:
    """((context, source, numerus) of every tr/translate call of the app and its flows — the
    context of `self.tr` is the class it is called in — and the user-visible calls given plain
    English (a literal or an f-string) instead."""
    texts, plain = [], []
    for path in _APP_FILES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        classes = {id(node): cls.name for cls in ast.walk(tree) if isinstance(cls, ast.ClassDef)
                   for node in ast.walk(cls)}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            args = [a for a in node.args
                    if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if name == "tr" and args:
                texts.append((classes.get(id(node), "?"), node.args[0].value,
                              len(node.args) > 2))
            elif name == "translate" and len(args) >= 2:
                texts.append((node.args[0].value, node.args[1].value, len(node.args) > 3))
            elif name in _SHOWN_BY:
                plain += [f"{path.name} line {arg.lineno}: {name}({ast.unparse(arg)})"
                          for arg in node.args if _english(arg)]
        plain += [f"{path.name} line {node.value.lineno}: label={ast.unparse(node.value)}"
                  for node in ast.walk(tree)  # progress labels
                  if isinstance(node, ast.keyword) and node.arg == "label"
                  and _english(node.value)]
    return texts, plain


def _english(arg: ast.expr) -> bool:
    """A literal or an f-string with words of its own (f"{exc}" only passes a detail on)."""
    parts = arg.values if isinstance(arg, ast.JoinedStr) else [arg]
    return any(isinstance(p, ast.Constant) and isinstance(p.value, str)
               and re.search("[A-Za-z]", p.value) for p in parts)


def test_app_texts_are_in_the_catalogue_and_translated(ukrainian):
    """Every tr()/translate() text of the app and its flows has a finished Ukrainian entry that
    Qt finds, and no message box, dialog, status bar message or progress label is given bare
    English."""
    texts, plain = _app_texts()
    assert len(texts) > 80, "expected the texts of the app's messages and dialogs"
    assert not plain, "wrap these in self.tr(…) (see the README):\n" + "\n".join(plain)
    finished = {}
    for context in catalogue().iter("context"):
        for message in context.findall("message"):
            translation = message.find("translation")
            forms = [f.text or "" for f in translation.findall("numerusform")] or \
                [translation.text or ""]
            finished[(context.findtext("name"), message.findtext("source"))] = (
                translation.get("type") is None and all(f.strip() for f in forms))
    problems = []
    for context, source, numerus in texts:
        key = (context, source)
        if key not in finished:
            problems.append(f"[{context}] {source!r}: not in casefile_uk.ts")
        elif not finished[key]:
            problems.append(f"[{context}] {source!r}: unfinished")
        else:
            shown = QCoreApplication.translate(context, source, None, 2 if numerus else -1)
            if shown == source.replace("%n", "2"):
                problems.append(f"[{context}] {source!r}: not translated at run time")
    assert not problems, "\n".join(problems)


# ------------------------------------------------------------------ language choice, scales
def test_choose_language():
    ukrainian, french = QLocale("uk_UA"), QLocale("fr_FR")
    assert i18n.choose_language("", ukrainian) == "uk"
    assert i18n.choose_language("", french) == "en"
    assert i18n.choose_language("en", ukrainian) == "en"
    assert i18n.choose_language("uk", french) == "uk"
    assert i18n.choose_language("de", ukrainian) == "uk"  # not one of ours: follow the system
    assert set(i18n.LANGUAGES) == {"en", "uk"}


def test_settings_keep_the_language(tmp_path):
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    assert settings.language == ""
    settings.language = "uk"
    assert Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)).language \
        == "uk"


def test_every_preference_action_is_in_the_edit_menu():
    spec = next(s for s in SPECS if s.name == "preferences")
    assert (spec.menu, spec.shortcut) == ("Edit", "Ctrl+,")


def scale_wordings() -> set[str]:
    """Every wording of desktop.domain.scales that the interface can show."""
    words = set()
    for name in ("SOURCE_RELIABILITY", "INFORMATION_CREDIBILITY", "VERIFICATION_STATUSES",
                 "REVIEW_STATES", "INCIDENT_STATES", "CLASSIFICATIONS", "DATE_PRECISIONS",
                 "VICTIM_STATUSES", "SOURCE_KINDS", "PROTECTED_ROLES", "INCIDENT_FIELDS",
                 "MEMBER_ROLES", "COVERAGE_LEVELS", "CONSENT_LEVELS", "EDITABLE_FIELD_WORDS",
                 "AUDIT_ACTIONS"):
        for grade in getattr(scales, name):
            words.add(grade.label)
            if name != "PROTECTED_ROLES":  # those descriptions are pseudonym letters
                words.add(grade.description)
    for qualification in scales.LEGAL_QUALIFICATIONS:
        words |= {qualification.label, qualification.instrument,
                  *qualification.supporting_norms}
        for element in qualification.elements:
            words |= {element.label, *element.means_of_proof}
    words.add(scales.STANDARD_OF_PROOF)
    return words - {""}


def test_scale_words_cover_scales():
    missing = sorted(scale_wordings() - set(WORDS))
    assert not missing, ("add these to desktop/widgets/scale_words.py, then run "
                         "update_translations.py:\n" + "\n".join(missing))
    stale = sorted(set(WORDS) - scale_wordings())
    assert not stale, "no longer in scales.py; remove from scale_words.py:\n" + "\n".join(stale)


def test_scale_label_translates_and_falls_back(ukrainian):
    assert i18n.scale_label(scales.VERIFICATION_STATUSES, "corroborated") == \
        "Підтверджено іншим джерелом"
    assert i18n.scale_label(scales.VERIFICATION_STATUSES, "no-such-code") == "no-such-code"
    assert i18n.supports_label("cc_ua_438:violation").startswith(
        "ст. 438 КК України: ")
    assert i18n.supports_label("place") == "Місце"


def test_english_plurals_without_a_catalogue():
    assert i18n.plural("%n source(s)".replace("%n", "1"), 1) == "1 source"
    assert i18n.plural("%n source(s)".replace("%n", "3"), 3) == "3 sources"
    assert i18n.plural("3 джерела", 3) == "3 джерела"


def test_short_status_names_match_the_scale_in_english():
    assert {code: i18n.short_status(code) for code in scales.STATUS_CODES} == \
        {g.code: g.label for g in scales.VERIFICATION_STATUSES}
