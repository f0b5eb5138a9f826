"""The training case of `make dossier`, redacted: no form of either protected name is left in
any part of the .docx, and the cover counts both people."""

from __future__ import annotations

import re
import zipfile

import docx

from desktop.domain import db
from desktop.services.export import DossierOptions, export_dossier
from tests.fictional_case import DOCUMENTER, build_fictional_case

#: What is left of every protected word once its ending is cut, in both scripts.
STEMS = ("петрен", "petren", "кравцов", "kravtsov", "олександр", "oleksandr", "марин", "maryn")


def test_the_training_case_redacted_names_nobody(tmp_path):
    build_fictional_case(tmp_path / "training.casefile", tmp_path)
    try:
        out = tmp_path / "redacted.docx"
        export_dossier(out, DossierOptions(incidents="drafts", edition="redacted",
                                           audit_annex=True), actor=DOCUMENTER)
    finally:
        db.close_case()
    with zipfile.ZipFile(out) as z:
        parts = {n: z.read(n).decode("utf-8") for n in z.namelist()
                 if n.endswith((".xml", ".rels"))}
    for name, xml in parts.items():
        text = re.sub(r"<[^>]+>", "", xml).casefold()  # runs split a word across tags
        for stem in STEMS:
            assert stem not in text and stem not in xml.casefold(), (name, stem)
    document = docx.Document(str(out))
    cover = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert cover["Protected people"].startswith("2 people replaced by their pseudonyms")
    quotes = "\n".join(p.text for p in document.paragraphs)
    assert "[W-001]" in quotes and "[V-001]" in quotes
