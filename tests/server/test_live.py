"""Live updates: what another writer commits to a server case is announced, and becomes the
Change that names exactly the rows it left."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from desktop.domain import db
from desktop.services import evidence, incidents, live, sources
from desktop.services.changes import Kind
from tests.conftest import ACTOR, ROOT, SEEDS

ANOTHER_WRITER = textwrap.dedent("""
    import sys
    from desktop.domain import db
    from desktop.services import evidence
    db.open_case(sys.argv[1])
    evidence.update_evidence(1, actor="x", note="seen elsewhere")
    db.close_case()
""")


def test_an_edit_committed_elsewhere_is_the_change_of_its_rows(server_url):
    db.new_case(server_url, "Live", actor=ACTOR)
    source_id = sources.import_files(sorted(SEEDS.glob("*.txt"))[:1], actor=ACTOR).source_ids[0]
    incident = incidents.create_incident(actor=ACTOR, title="Executions near Pokrovsk").id
    evidence.add_evidence(source_id, 0, 20, actor=ACTOR, incident=incident)
    updates = live.LiveUpdates()
    try:
        assert updates.take() is None  # this process's own entries are known here already
        subprocess.run([sys.executable, "-c", ANOTHER_WRITER, server_url], cwd=ROOT,
                       check=True)
        change = updates.take(wait=5)
    finally:
        updates.close()
    assert change is not None
    assert change.ids(Kind.EVIDENCE) == {1}
    assert change.ids(Kind.SOURCE) == {source_id} and change.ids(Kind.INCIDENT) == {incident}
    assert not change.touches(Kind.PROTECTED, Kind.CASE)
