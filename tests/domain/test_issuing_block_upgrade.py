"""A case from before the issuing block (file format 14) gains it, empty, in an audited step,
and still verifies."""

from __future__ import annotations

import sqlite3

from desktop.domain import db, migrations, models
from desktop.services import case, integrity


def test_a_version_14_case_gains_an_empty_issuing_block_and_still_verifies(tmp_path, actor):
    path = tmp_path / "fourteen.casefile"
    db.new_case(path, "Fourteen", actor=actor, reference="UA-POW-2024-017")
    db.close_case()
    with sqlite3.connect(path) as raw:  # the case table as format 14 had it
        for column in case.ISSUING_FIELDS:
            raw.execute(f'ALTER TABLE "case" DROP COLUMN "{column}"')
        raw.execute("PRAGMA user_version = 14")
    raw.close()
    db.open_case(path)
    try:
        assert case.issuing() == dict.fromkeys(case.ISSUING_FIELDS, "")
        assert models.Case.get().reference == "UA-POW-2024-017"
        upgrade = models.AuditEntry.get(models.AuditEntry.summary.contains("file format 15"))
        assert (upgrade.action, upgrade.actor) == ("case.upgrade", migrations.UPGRADE_ACTOR)
        assert "file format 15" in upgrade.summary
        assert integrity.verify_case().ok
        case.update_case(actor=actor, issuing_organisation="Truth Hounds",
                         addressee="Office of the Prosecutor General of Ukraine")
        assert case.issuing()["addressee"] == "Office of the Prosecutor General of Ukraine"
        assert integrity.verify_case().ok
    finally:
        db.close_case()
