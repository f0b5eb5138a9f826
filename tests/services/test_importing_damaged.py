"""Damaged copies of the corpus's Word documents, texts and web captures: each imports or is
refused with a reason naming the file; no other exception ever comes out of an importer."""

from __future__ import annotations

import random
import zlib

import pytest

from desktop.domain.errors import SourceImportError
from desktop.services.importing import extract_bytes
from tests.corpus import recall

FIXTURES = [f for kind in ("docx", "text", "web") for f in recall.fixtures(kind)]


def damaged(data: bytes, seed: int) -> list[bytes]:
    """The file cut short at a few places, and with a few bytes overwritten."""
    rng = random.Random(seed)
    cuts = [data[: rng.randrange(1, len(data))] for _ in range(4)]
    flipped = []
    for _ in range(4):
        copy = bytearray(data)
        for _ in range(8):
            copy[rng.randrange(len(copy))] = rng.randrange(256)
        flipped.append(bytes(copy))
    return cuts + flipped


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f"{f.kind}/{f.path.name}")
def test_a_damaged_copy_imports_or_is_refused_by_name(fixture):
    seed = zlib.crc32(fixture.path.name.encode())  # the same damage on every run
    for number, data in enumerate(damaged(fixture.path.read_bytes(), seed)):
        try:
            extract_bytes(fixture.path, data)
        except SourceImportError as exc:
            assert str(exc).startswith(f"{fixture.path.name}: "), (number, str(exc))
            assert "\n" not in str(exc)
