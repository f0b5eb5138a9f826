"""Text saved in UTF-16 or UTF-32 without a byte-order mark is text, not a binary file."""

from __future__ import annotations

import os
import zlib
from pathlib import Path

import pytest

from desktop.domain.errors import SourceImportError
from desktop.services.importing import extract, extract_bytes

CORPUS = Path(__file__).parent.parent / "corpus" / "text"


@pytest.mark.parametrize("name, encoding", [
    ("witness_utf16le.txt", "utf_16_le"), ("witness_utf16be.txt", "utf_16_be"),
    ("witness_utf32le.txt", "utf_32_le"), ("witness_utf32be.txt", "utf_32_be"),
    ("witness_cp1251.txt", "cp1251"), ("witness_koi8u.txt", "koi8_u"),
    ("witness_iso88595.txt", "iso8859_5"),
])
def test_a_statement_saved_by_iconv_reads_in_its_encoding(name, encoding):
    result = extract(CORPUS / name)
    assert result.encoding == encoding
    assert result.text == (CORPUS / f"{name}.expected.txt").read_text(encoding="utf-8")


def test_english_in_utf16_without_a_bom_is_text():
    text = "The detainees were taken to the school basement.\n"
    assert extract_bytes(Path("note.txt"), text.encode("utf_16_le")).text == text


@pytest.mark.parametrize("data", [
    os.urandom(4096) + b"\x00\x00",
    zlib.compress("Свідок бачив полонених. ".encode("utf_16_le") * 200),
    bytes(range(256)) * 16,
    ("A" * 400).encode("utf_16_le"),  # letters, but no word ever ends
], ids=["random", "compressed", "every-byte", "no-breaks"])
def test_binary_data_with_zero_bytes_is_still_binary(data):
    with pytest.raises(SourceImportError, match="^blob.txt: looks like a binary file, not text$"):
        extract_bytes(Path("blob.txt"), data)


def test_a_web_page_saved_in_utf16_without_a_bom_is_read():
    page = ("<html><head><title>Заява</title></head><body><article><p>"
            + "Свідок бачив, як полонених вивели з підвалу школи. " * 12
            + "</p></article></body></html>")
    result = extract_bytes(Path("page.html"), page.encode("utf_16_le"))
    assert result.encoding == "utf_16_le" and "полонених вивели з підвалу" in result.text
