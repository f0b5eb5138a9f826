"""Bring every `casefile_<lang>.ts` here up to date with the sources, and say what is left.

    .venv/bin/python resources/translations/update_translations.py           # update, report
    .venv/bin/python resources/translations/update_translations.py --check   # report only

lupdate reads the `tr()`, `QCoreApplication.translate()` and `QT_TRANSLATE_NOOP()` calls in
desktop/ and merges new or changed English texts into each .ts file (dropping those that are
gone). A text whose code moved to another class (another translation context) keeps its
translation: a new entry takes the finished translation of the same English text from the
file as it was. The script then lists the entries still unfinished (new, changed or
untranslated), and exits with 1 while there are any. Translate them in Qt Linguist (`.venv/bin/pyside6-linguist
resources/translations/casefile_uk.ts`) or in the XML, mark them finished, then
`make translations` compiles the .ts files to the .qm files Casefile loads.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SOURCES = ROOT / "desktop"


def qt_tool(name: str) -> str:
    """The path of a PySide6 tool ("lupdate", "lrelease"): in the venv, on PATH, or in PySide6."""
    suffix = ".exe" if os.name == "nt" else ""
    beside = Path(sys.executable).parent / f"pyside6-{name}{suffix}"
    if beside.exists():
        return str(beside)
    found = shutil.which(f"pyside6-{name}")
    if found:
        return found
    import PySide6  # the Qt binary itself, shipped inside the wheel

    return str(Path(PySide6.__file__).parent / f"{name}{suffix}")


def update(ts: Path) -> None:
    """Run lupdate over the Python sources into `ts` (lupdate takes its language from its name,
    casefile_uk.ts → uk_UA, when it creates it), carrying translations of moved texts over."""
    known = finished_translations(ts) if ts.exists() else {}
    _lupdate(ts)
    if known and carry_over(ts, known):
        _lupdate(ts)  # back to lupdate's own layout of the file


def _lupdate(ts: Path) -> None:
    subprocess.run([qt_tool("lupdate"), "-silent", "-extensions", "py", "-no-obsolete",
                    "-locations", "relative", str(SOURCES), "-ts", str(ts)],
                   check=True, cwd=ROOT)


def finished_translations(ts: Path) -> dict[tuple[str, bool], ET.Element]:
    """(English text, numerus) → its finished translation element, from any context."""
    found: dict[tuple[str, bool], ET.Element] = {}
    for message in ET.parse(ts).getroot().iter("message"):
        translation = message.find("translation")
        if translation is not None and translation.get("type") is None \
                and _translated(translation):
            key = (message.findtext("source", ""), message.get("numerus") == "yes")
            found.setdefault(key, translation)
    return found


def carry_over(ts: Path, known: dict[tuple[str, bool], ET.Element]) -> bool:
    """Give every new entry the finished translation its English text already had elsewhere
    (lupdate itself only proposes such a text, marked unfinished)."""
    tree = ET.parse(ts)
    changed = False
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") != "unfinished":
            continue
        earlier = known.get((message.findtext("source", ""), message.get("numerus") == "yes"))
        if earlier is None:
            continue
        message.remove(translation)
        copy = ET.fromstring(ET.tostring(earlier))
        copy.tail = translation.tail
        message.append(copy)
        changed = True
    if changed:
        text = ET.tostring(tree.getroot(), encoding="unicode")
        ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + text + "\n",
                      encoding="utf-8")
    return changed


def unfinished(ts: Path) -> list[tuple[str, str]]:
    """(context, English text) of every current entry not finished: new, changed or empty."""
    left = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type") if translation is not None else "unfinished"
            if kind in ("vanished", "obsolete"):
                continue
            if kind == "unfinished" or not _translated(translation):
                left.append((name, message.findtext("source", "")))
    return left


def _translated(translation: ET.Element) -> bool:
    """Whether a translation has text (every plural form, for a numerus entry)."""
    forms = translation.findall("numerusform")
    return all((f.text or "").strip() for f in forms) if forms else bool(
        (translation.text or "").strip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="do not run lupdate; only report the unfinished entries")
    args = parser.parse_args(argv)
    files = sorted(HERE.glob("casefile_*.ts"))
    if not files:
        print(f"no casefile_<lang>.ts in {HERE}", file=sys.stderr)
        return 1
    total = 0
    for ts in files:
        if not args.check:
            update(ts)
        left = unfinished(ts)
        total += len(left)
        count = sum(1 for _ in ET.parse(ts).getroot().iter("message"))
        print(f"{ts.relative_to(ROOT)}: {count} entries, {len(left)} unfinished")
        for context, source in left:
            print(f"  [{context}] {source!r}")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
