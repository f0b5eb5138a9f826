"""The corpus as the bench and the tests read it, and word recall against its expected texts.

A kind is a folder of tests/corpus/ (pdf, docx, text, web, …). A file of a kind is a fixture
when `<file>.expected.txt` (it must import, with that text) or `<file>.refused.txt` (it must
be refused, with that in its reason) lies beside it. A kind of OCR_KINDS (scan: scans and
photos of documents) imports with OCR (`casefile import --ocr`) and is refused without it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parent
EXPECTED, REFUSED = ".expected.txt", ".refused.txt"
#: The kinds that have no text until OCR reads them.
OCR_KINDS = frozenset({"scan"})

#: A word: letters and digits, with the apostrophes and hyphens inside it (so "dan-gerous" is
#: not "dangerous", and "п'ять" one word).
_WORD = re.compile(r"\w+(?:['’ʼ-]\w+)*")


@dataclass(frozen=True)
class Fixture:
    kind: str
    path: Path
    expected: str | None  # the text it must import with; None: it must be refused
    refused: str | None  # part of the reason it must be refused with

    @property
    def ocr(self) -> bool:
        """Whether it imports only with OCR."""
        return self.kind in OCR_KINDS


def fixtures(kind: str | None = None) -> list[Fixture]:
    """Every fixture of the corpus (or of one kind), by kind and name."""
    found = []
    for folder in sorted(p for p in CORPUS.iterdir() if p.is_dir() and p.name != "__pycache__"):
        if kind is not None and folder.name != kind:
            continue
        for path in sorted(folder.iterdir()):
            if path.name.endswith((EXPECTED, REFUSED)) or not path.is_file():
                continue
            expected, refused = (Path(f"{path}{suffix}") for suffix in (EXPECTED, REFUSED))
            if expected.exists():
                found.append(Fixture(folder.name, path, _read(expected), None))
            elif refused.exists():
                found.append(Fixture(folder.name, path, None, _read(refused).strip()))
    return found


def kinds() -> list[str]:
    return sorted({f.kind for f in fixtures()})


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def words(text: str) -> Counter:
    """The words of a text, in lower case, NFC (a ligature character stays what it is)."""
    text = unicodedata.normalize("NFC", text).replace("’", "'").replace("ʼ", "'")
    return Counter(w.lower() for w in _WORD.findall(text))


def recall(expected: str, extracted: str) -> float:
    """The share of the expected text's words (counted with repeats) found in the extracted."""
    want, got = words(expected), words(extracted)
    total = sum(want.values())
    return sum(min(n, got[w]) for w, n in want.items()) / total if total else 1.0
