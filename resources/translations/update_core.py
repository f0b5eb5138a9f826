"""Bring every `casefile-core_<lang>.po` here up to date with the code, and say what is left.

    .venv/bin/python resources/translations/update_core.py           # update, report
    .venv/bin/python resources/translations/update_core.py --check   # report only

The core catalogue holds the fixed wording outside the window (`desktop/services/words.py`):
the dossier, the services' messages, audit summaries and undo labels. Babel extracts the
`_()`, `N_()` and `ngettext()` calls of desktop/ outside desktop/gui/ (the window's words are
Qt's, in casefile_<lang>.ts), and the wording of `desktop.domain.scales` (labels, descriptions,
instruments, elements: the dossier prints them), as `desktop/gui/widgets/scale_words.py` lists
it for Qt. Entries that are gone are dropped; a new entry takes the finished translation the
same English text has in the interface's casefile_<lang>.ts, so the dossier uses the window's
terms. The script then lists the entries still untranslated, or whose placeholders ({name})
differ from the English, and exits with 1 while there are any. Translate them in the .po
(any gettext editor, or by hand), then `make translations` compiles the .po files to the .mo
files Casefile loads.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SOURCES = ROOT / "desktop"
SCALE_WORDS = SOURCES / "gui" / "widgets" / "scale_words.py"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
HEADER = ("# The fixed wording of Casefile's dossier and services (desktop/services/words.py).\n"
          "# Refreshed from the code by resources/translations/update_core.py.")
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\(?\w*\)?[sdr]")


def extracted():
    """(msgid or (singular, plural), where) of every marked text and scale wording."""
    from babel.messages.extract import extract_from_file

    found = []
    for path in sorted(SOURCES.rglob("*.py")):
        if "gui" in path.relative_to(SOURCES).parts:
            continue
        where = str(path.relative_to(ROOT))
        for lineno, message, _comments, _context in extract_from_file(
                "python", str(path), keywords=KEYWORDS, comment_tags=(), strip_comment_tags=True):
            if isinstance(message, tuple) and len(message) == 1:
                message = message[0]
            if message:
                found.append((message, (where, lineno)))
    for text, lineno in scale_words():
        found.append((text, (str(SCALE_WORDS.relative_to(ROOT)), lineno)))
    listed = {text for text, _where in found}
    for text in grade_words():
        if text not in listed:
            listed.add(text)
            found.append((text, ("desktop/domain/scales.py", 0)))
    return found


#: A marked text inside an f-string's braces, which the extractor does not see.
_IN_FSTRING = re.compile(r"""\{(?:_|N_|ngettext)\(\s*['"]""")


def hidden_in_fstrings() -> list[str]:
    """Where a text is marked inside an f-string (`f"{_('…')}"`): Babel does not extract it,
    so it would never be translated. Mark it outside the f-string."""
    found = []
    for path in sorted(SOURCES.rglob("*.py")):
        if "gui" in path.relative_to(SOURCES).parts:
            continue
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if _IN_FSTRING.search(line):
                found.append(f"{path.relative_to(ROOT)}:{lineno}: {line.strip()}")
    return found


def grade_words() -> list[str]:
    """Every label and description of the grades `desktop.domain.scales` defines (the field
    words of audit summaries among them), whether or not the window lists them."""
    sys.path.insert(0, str(ROOT))
    from desktop.domain import scales

    grades = [g for value in vars(scales).values() if isinstance(value, tuple)
              for g in value if isinstance(g, scales.Grade)]
    grades += [g for table in scales.FIELD_WORDS.values() for g in table]
    return [t for g in grades for t in (g.label, g.description) if len(t) > 1]  # not letters


def scale_words() -> list[tuple[str, int]]:
    """The "Scales" texts scale_words.py marks for Qt, read without Qt."""
    tree = ast.parse(SCALE_WORDS.read_text(encoding="utf-8"))
    return [(node.args[1].value, node.lineno) for node in ast.walk(tree)
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "QT_TRANSLATE_NOOP"
            and len(node.args) == 2 and isinstance(node.args[1], ast.Constant)]


def interface_translations(lang: str) -> dict[str, str]:
    """English → finished translation from the interface's casefile_<lang>.ts (not plurals)."""
    ts = HERE / f"casefile_{lang}.ts"
    if not ts.exists():
        return {}
    found: dict[str, str] = {}
    for message in ET.parse(ts).getroot().iter("message"):
        translation = message.find("translation")
        if message.get("numerus") == "yes" or translation is None \
                or translation.get("type") is not None or not (translation.text or "").strip():
            continue
        found.setdefault(message.findtext("source", ""), translation.text)
    return found


def update(po: Path, lang: str) -> None:
    """Rewrite `po` with the current texts, keeping the translations it has."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    old = read_po(po.open("rb")) if po.exists() else Catalog(locale=lang)
    known = {m.id: m.string for m in old if m.id and _done(m.string)}
    interface = interface_translations(lang)
    # The header stays as it was (no date of the run): an update changes only what changed.
    new = Catalog(locale=lang, project="Casefile", version="", domain="casefile-core",
                  header_comment=HEADER, msgid_bugs_address="", copyright_holder="Casefile",
                  creation_date=old.creation_date, revision_date=old.creation_date,
                  last_translator="", language_team="", fuzzy=False)
    for message, location in extracted():
        key = message if isinstance(message, str) else message[0]
        existing = new.get(key)
        if existing is not None:
            existing.locations.append(location)
            continue
        string = known.get(message)
        if string is None and isinstance(message, str):
            string = interface.get(message, "")
        if string is None:
            string = ("",) * new.num_plurals
        new.add(message, string, locations=[location])
    with po.open("wb") as handle:
        write_po(handle, new, width=100, sort_output=False, omit_header=False,
                 include_previous=False)


def _done(string) -> bool:
    return all(s.strip() for s in string) if isinstance(string, tuple) else bool(string.strip())


def problems(po: Path) -> list[str]:
    """Each entry untranslated, or translated with other placeholders than its English."""
    from babel.messages.pofile import read_po

    left = []
    for message in read_po(po.open("rb")):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not _done(message.string):
            left.append(f"untranslated: {ids[0]!r}")
            continue
        wanted = sorted(set(PLACEHOLDER.findall(ids[-1])) | set(PLACEHOLDER.findall(ids[0])))
        for string in strings:
            if sorted(set(PLACEHOLDER.findall(string))) != wanted:
                left.append(f"placeholders differ: {ids[0]!r} → {string!r}")
                break
    return left


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="do not extract; only report what is left to translate")
    args = parser.parse_args(argv)
    files = sorted(HERE.glob("casefile-core_*.po"))
    if not files:
        print(f"no casefile-core_<lang>.po in {HERE}", file=sys.stderr)
        return 1
    hidden = hidden_in_fstrings()
    for line in hidden:
        print(f"marked inside an f-string, not extracted: {line}")
    total = len(hidden)
    for po in files:
        lang = po.stem.split("_", 1)[1]
        if not args.check:
            update(po, lang)
        left = problems(po)
        total += len(left)
        from babel.messages.pofile import read_po

        count = sum(1 for m in read_po(po.open("rb")) if m.id)
        print(f"{po.relative_to(ROOT)}: {count} entries, {len(left)} to do")
        for line in left:
            print(f"  {line}")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
