"""Names are shown as what they hold: nothing in a name can change the line around it."""

from __future__ import annotations

import pytest

from desktop.domain.printable import printable


@pytest.mark.parametrize("name", [
    "Інтерв'ю свідка.docx", "Допрос Петрова — протокол", "شهادة.pdf", "עדות.txt",
    "証言 2024.pdf", "a file with spaces & (brackets).txt", "C:\\cases\\pow.casefile",
    "نامه‌ها.txt",  # a Persian word joined with a zero-width non-joiner: kept
])
def test_ordinary_names_of_every_script_are_unchanged(name):
    assert printable(name) == name


@pytest.mark.parametrize(("name", "shown"), [
    ("a\nimported   S-999  evil.txt", "a\\nimported   S-999  evil.txt"),
    ("red\x1b[31m.txt", "red\\x1b[31m.txt"),
    ("cod\u202egpj.exe", "cod\\u202egpj.exe"),  # right-to-left override
    ("x\u2066y\u2069\u200f", "x\\u2066y\\u2069\\u200f"),  # isolates and a bidi mark
    ("tab\there\r", "tab\\there\\r"),
    ("bell\x07 del\x7f c1\x9b", "bell\\x07 del\\x7f c1\\x9b"),
    ("line\u2028sep", "line\\u2028sep"),
    ("zero\u200bwidth\ufeff", "zero\\u200bwidth\\ufeff"),
    ("bytes\udcff\udce9.txt", "bytes\\xff\\xe9.txt"),  # a file name that is not UTF-8
])
def test_control_bidi_and_escape_characters_are_written_out(name, shown):
    assert printable(name) == shown
    assert printable(name).isprintable()


def test_what_is_printable_is_one_line_that_can_be_encoded():
    shown = printable("".join(chr(c) for c in range(0x30)) + "\udc80")
    assert "\n" not in shown and shown.encode("utf-8")
