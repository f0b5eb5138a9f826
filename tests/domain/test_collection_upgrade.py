"""A case from before collection records (file format 13) upgrades: its sources gain an empty
record in an audited step, and the case still verifies."""

from __future__ import annotations

import sqlite3

from desktop.domain import db, migrations, models


def test_a_version_13_case_gains_collection_records_and_still_verifies(tmp_path, actor):
    from desktop.services import integrity, sources

    path, text = tmp_path / "thirteen.casefile", tmp_path / "note.txt"
    text.write_text("Shelling of the school was reported at dawn.", encoding="utf-8")
    db.new_case(path, "Thirteen", actor=actor)
    sources.import_files([text], actor=actor)
    db.close_case()
    with sqlite3.connect(path) as raw:  # the source table as format 13 had it
        raw.execute('ALTER TABLE "source" DROP COLUMN "collection"')
        raw.execute("PRAGMA user_version = 13")
    raw.close()
    db.open_case(path)
    assert models.Source.get().collection == {}
    upgrade = models.AuditEntry.get(models.AuditEntry.summary.contains("file format 14"))
    assert (upgrade.action, upgrade.actor) == ("case.upgrade", migrations.UPGRADE_ACTOR)
    assert "file format 14" in upgrade.summary and upgrade.after["sources"] == 1
    assert integrity.verify_case().ok
    # and a record given now is kept, covered by verify
    sources.update_source(1, actor=actor, collection={"tool": "wget 1.21"})
    assert integrity.verify_case().ok
    db.close_case()
