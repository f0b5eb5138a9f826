"""Every import records how its text was extracted, and where a paged source's pages start."""

from __future__ import annotations

from desktop.domain import models
from desktop.services import sources
from desktop.services.importing import base


def test_a_text_import_records_the_decoder_and_its_version(case, tmp_path, actor):
    note = tmp_path / "note.txt"
    note.write_text("Вибух біля школи о 5:40.", encoding="utf-8")
    report = sources.import_files([note], actor=actor)
    source_id = report.imported[0][1]
    details = sources.source_details(source_id)
    assert details.extraction == {"tool": "charset-normalizer",
                                  "version": base.tool_version("charset-normalizer"),
                                  "method": "decoded text"}
    assert details.extraction["version"]  # the installed distribution is found
    assert sources.source_pages(source_id) == []
    entry = models.AuditEntry.select().where(models.AuditEntry.action == "source.import").get()
    assert entry.after["extraction"]["tool"] == "charset-normalizer"


def test_pages_move_with_the_text_as_it_is_normalised():
    # CR LF becomes LF and e + combining acute becomes é: each page's start moves with them
    text, pages = base.normalise_paged("one\r\ntwo\r\n\n\ncafe\u0301 three\r\n", [0, 10])
    assert text == "one\ntwo\n\n\ncafé three\n"
    assert pages == [0, 8]
    assert text[pages[1]:].startswith("\n\ncafé")
