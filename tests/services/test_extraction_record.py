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


def test_verify_finds_pages_or_an_extraction_record_changed_outside_casefile(case, case_path,
                                                                             actor):
    import sqlite3
    from pathlib import Path

    from desktop.domain import db
    from desktop.services import integrity

    pdf = Path(__file__).parent.parent / "corpus" / "pdf" / "en_report_ligatures.pdf"
    source_id = sources.import_files([pdf], actor=actor).imported[0][1]
    assert sources.source_pages(source_id)[0] == 0
    assert integrity.verify_case().ok
    db.close_case()
    for column, value in (("pages", "[0, 5]"), ("extraction", '{"tool": "made up"}')):
        with sqlite3.connect(case_path) as raw:
            before = raw.execute(f'SELECT "{column}" FROM source WHERE id = ?',
                                 (source_id,)).fetchone()[0]
            raw.execute(f'UPDATE source SET "{column}" = ? WHERE id = ?', (value, source_id))
        raw.close()
        db.open_case(case_path)
        report = integrity.verify_case()
        assert not report.ok
        assert any(column in problem for problem in report.problems), report.problems
        db.close_case()
        with sqlite3.connect(case_path) as raw:
            raw.execute(f'UPDATE source SET "{column}" = ? WHERE id = ?', (before, source_id))
        raw.close()
    db.open_case(case_path)
    assert integrity.verify_case().ok
