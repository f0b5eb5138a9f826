"""An edit made on values someone else has changed since they were loaded is refused whole,
naming the newer value and who saved it; an edit of a value nobody changed meanwhile, or of
another field of the same row, is saved. On a case file and on a server case."""

from __future__ import annotations

import threading

import pytest

from desktop.domain.errors import EditCollision
from desktop.domain.models import AuditEntry, Incident
from desktop.services import collisions, incidents

pytestmark = pytest.mark.file_and_server


@pytest.fixture
def incident(case, actor) -> int:
    """INC-001, its place as a documenter first wrote it."""
    return incidents.create_incident(actor=actor, title="Nine POWs", place="Zelenyy Shlyakh").id


def _entries() -> int:
    return AuditEntry.select().count()


def test_an_edit_of_a_value_changed_meanwhile_is_refused_and_writes_nothing(incident, actor):
    incidents.update_incident(incident, actor="olena", place="Zelenyi Shliakh")
    entries = _entries()
    with pytest.raises(EditCollision) as refused:
        incidents.update_incident(incident, actor=actor, expected={"place": "Zelenyy Shlyakh"},
                                  place="Zelenyy Shliakh, Kursk region")
    assert Incident.get_by_id(incident).place == "Zelenyi Shliakh"
    assert _entries() == entries
    newer, = refused.value.newer
    assert (newer.ref, newer.field, newer.value, newer.actor) == (
        "INC-001", "place", "Zelenyi Shliakh", "olena")
    assert newer.yours == "Zelenyy Shliakh, Kursk region"
    when = collisions.when_words(newer.at)
    assert str(refused.value) == (f"INC-001 Place was changed by olena at {when} to "
                                  "“Zelenyi Shliakh”; your edit was not saved")


def test_an_edit_of_the_value_as_loaded_is_saved(incident, actor):
    incidents.update_incident(incident, actor=actor, expected={"place": "Zelenyy Shlyakh"},
                              place="Zelenyi Shliakh")
    assert Incident.get_by_id(incident).place == "Zelenyi Shliakh"


def test_another_field_of_the_same_incident_does_not_collide(incident, actor):
    incidents.update_incident(incident, actor="olena", title="Nine POWs, Kursk region")
    incidents.update_incident(incident, actor=actor, expected={"place": "Zelenyy Shlyakh"},
                              place="Zelenyi Shliakh")
    stored = Incident.get_by_id(incident)
    assert (stored.title, stored.place) == ("Nine POWs, Kursk region", "Zelenyi Shliakh")


def test_one_stale_field_refuses_the_whole_edit(incident, actor):
    incidents.update_incident(incident, actor="olena", place="Zelenyi Shliakh")
    with pytest.raises(EditCollision) as refused:
        incidents.update_incident(incident, actor=actor,
                                  expected={"place": "Zelenyy Shlyakh", "time": ""},
                                  place="Zelenyy Shliakh", time="06:30")
    assert [n.field for n in refused.value.newer] == ["place"]
    assert Incident.get_by_id(incident).time == ""


def test_the_same_value_saved_by_both_is_no_collision(incident, actor):
    incidents.update_incident(incident, actor="olena", place="Zelenyi Shliakh")
    entries = _entries()
    incidents.update_incident(incident, actor=actor, expected={"place": "Zelenyy Shlyakh"},
                              place="Zelenyi Shliakh")
    assert _entries() == entries  # nothing to write: both wrote the same


def test_an_emptied_value_and_a_list_are_told_in_words(incident, actor):
    incidents.update_incident(incident, actor="olena", place="", qualifications=["cc_ua_438"])
    with pytest.raises(EditCollision) as refused:
        incidents.update_incident(incident, actor=actor,
                                  expected={"place": "Zelenyy Shlyakh", "qualifications": []},
                                  place="Zelenyi Shliakh", qualifications=["rs_8_2_b_vi"])
    message = str(refused.value)
    assert "INC-001 Place was emptied by olena at " in message
    assert "; INC-001 Legal qualification was changed by olena at " in message
    assert message.endswith("to “cc_ua_438”; your edit was not saved")


def test_an_edit_without_what_was_loaded_writes_as_before(incident, actor):
    incidents.update_incident(incident, actor="olena", place="Zelenyi Shliakh")
    incidents.update_incident(incident, actor=actor, place="Zelenyy Shliakh")
    assert Incident.get_by_id(incident).place == "Zelenyy Shliakh"


def test_undo_after_someone_changed_the_field_is_refused(incident, actor):
    mine = incidents.update_incident(incident, actor=actor, place="Zelenyi Shliakh")
    incidents.update_incident(incident, actor="olena", place="Zelenyi Shlyakh (Kursk)")
    entries = _entries()
    with pytest.raises(EditCollision) as refused:
        mine.undo(actor)
    assert refused.value.newer[0].value == "Zelenyi Shlyakh (Kursk)"
    assert Incident.get_by_id(incident).place == "Zelenyi Shlyakh (Kursk)"
    assert _entries() == entries


def test_undo_and_redo_of_an_edit_nobody_else_touched(incident, actor):
    mine = incidents.update_incident(incident, actor=actor, place="Zelenyi Shliakh")
    incidents.update_incident(incident, actor="olena", title="Nine POWs, Kursk region")
    back = mine.undo(actor)
    assert Incident.get_by_id(incident).place == "Zelenyy Shlyakh"
    back.undo(actor)  # the redo
    assert Incident.get_by_id(incident).place == "Zelenyi Shliakh"


def test_a_redo_after_someone_changed_the_field_is_refused(incident, actor):
    back = incidents.update_incident(incident, actor=actor, place="Zelenyi Shliakh").undo(actor)
    incidents.update_incident(incident, actor="olena", place="Zelenyy Shlyakh, Kursk")
    with pytest.raises(EditCollision):
        back.undo(actor)
    assert Incident.get_by_id(incident).place == "Zelenyy Shlyakh, Kursk"


def test_an_undo_merged_over_a_burst_expects_what_the_last_edit_left(incident, actor):
    """Typing is saved in pauses and undone as one step: the step's undo expects the value the
    burst's last edit left, not its first."""
    first = incidents.update_incident(incident, actor=actor, place="Zelenyi")
    last = incidents.update_incident(incident, actor=actor, place="Zelenyi Shliakh")
    merged = first.undo.expecting(last.undo)
    merged(actor)
    assert Incident.get_by_id(incident).place == "Zelenyy Shlyakh"


def test_values_compare_as_an_editor_shows_them():
    assert collisions.same(None, "") and collisions.same("", None)
    assert collisions.same(["a", "b"], ["b", "a"])
    assert collisions.same(48, 48.0) and not collisions.same(48.1, 48.2)
    assert not collisions.same("Zelenyy", "Zelenyi")


def test_two_concurrent_edits_of_one_field_have_one_winner(case, incident, actor):
    """Two writers (each its own connection) both loaded the first place and save at once:
    one is saved, the other refused and told the winner's value."""
    start = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def save(who: str) -> None:
        from desktop.domain import db

        try:
            start.wait()
            incidents.update_incident(incident, actor=who, expected={"place": "Zelenyy Shlyakh"},
                                      place=f"{who}'s spelling")
            outcomes[who] = "saved"
        except EditCollision as exc:
            outcomes[who] = exc
        finally:
            db.close_thread_connection()

    writers = [threading.Thread(target=save, args=(who,)) for who in ("olena", "mykola")]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    winners = [who for who, outcome in outcomes.items() if outcome == "saved"]
    assert len(winners) == 1
    loser, = set(outcomes) - set(winners)
    assert outcomes[loser].newer[0].value == f"{winners[0]}'s spelling"
    assert Incident.get_by_id(incident).place == f"{winners[0]}'s spelling"
    assert AuditEntry.select().where(AuditEntry.action == "incident.update").count() == 1


def test_an_edit_waiting_for_a_concurrent_one_reads_what_it_saved(server_url, actor):
    """On a server the second of two edits waits for the first's transaction (the row is
    locked) and then reads the value it saved: refused, though it began before the first
    committed."""
    import psycopg

    from desktop.domain import db
    from desktop.domain.models import database

    db.new_case(server_url, "Race", actor=actor)
    incident = incidents.create_incident(actor=actor, title="Nine POWs",
                                         place="Zelenyy Shlyakh").id
    holding, release = threading.Event(), threading.Event()
    outcome: list[object] = []

    def first() -> None:
        with database.atomic():
            incidents.update_incident(incident, actor="olena", place="Zelenyi Shliakh",
                                      expected={"place": "Zelenyy Shlyakh"})
            holding.set()
            release.wait(30)
        db.close_thread_connection()

    def second() -> None:
        try:
            incidents.update_incident(incident, actor="mykola", place="Zelenyy Shliakh",
                                      expected={"place": "Zelenyy Shlyakh"})
            outcome.append("saved")
        except EditCollision as exc:
            outcome.append(exc)
        finally:
            db.close_thread_connection()

    writer = threading.Thread(target=first)
    writer.start()
    assert holding.wait(30)
    waiter = threading.Thread(target=second)
    waiter.start()
    with psycopg.connect(server_url, autocommit=True) as watcher:
        for _ in range(3000):  # until the second edit waits for the first (its chain lock)
            if watcher.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type "
                               "= 'Lock' AND datname = current_database()").fetchone()[0]:
                break
            watcher.execute("SELECT pg_sleep(0.01)")
        else:
            pytest.fail("the second edit never waited for the first")
    release.set()
    writer.join()
    waiter.join()
    refused, = outcome
    assert isinstance(refused, EditCollision)
    assert refused.newer[0].value == "Zelenyi Shliakh" and refused.newer[0].actor == "olena"
    assert Incident.get_by_id(incident).place == "Zelenyi Shliakh"


@pytest.fixture
def span(case, actor, seed_files) -> int:
    """E-001, a passage of the first seed text, unverified, linked to no incident."""
    from desktop.services import evidence, sources

    source = sources.import_files(seed_files[:1], actor=actor).source_ids[0]
    return evidence.add_evidence(source, 0, 40, actor=actor, note="first reading").id


def test_a_stale_evidence_edit_is_refused_and_writes_nothing(span, actor):
    from desktop.domain.models import Evidence
    from desktop.services import evidence

    evidence.update_evidence(span, actor="olena", note="checked against the UN report")
    entries = _entries()
    with pytest.raises(EditCollision) as refused:
        evidence.update_evidence(span, actor=actor, expected={span: {"note": "first reading"}},
                                 note="my reading")
    assert Evidence.get_by_id(span).note == "checked against the UN report"
    assert _entries() == entries
    assert str(refused.value).startswith("E-001 Note was changed by olena at ")
    evidence.update_evidence(span, actor=actor, expected={span: {"status": "unverified"}},
                             status="corroborated")  # another field of the same span
    assert Evidence.get_by_id(span).status == "corroborated"


def test_undoing_an_evidence_edit_someone_changed_since_is_refused(span, actor):
    from desktop.domain.models import Evidence
    from desktop.services import evidence

    mine = evidence.update_evidence(span, actor=actor, note="my reading")
    evidence.update_evidence(span, actor="olena", note="her reading")
    with pytest.raises(EditCollision):
        mine.undo(actor)
    assert Evidence.get_by_id(span).note == "her reading"
    redo = evidence.update_evidence(span, actor=actor, status="verified").undo(actor)
    assert Evidence.get_by_id(span).status == "unverified"
    redo.undo(actor)
    assert Evidence.get_by_id(span).status == "verified"


def test_undoing_an_evidence_edit_someone_already_undid_is_no_collision(span, actor):
    """Both agree on what the span holds, as for an incident's undo: nothing is refused."""
    from desktop.domain.models import Evidence
    from desktop.services import evidence

    mine = evidence.update_evidence(span, actor=actor, note="my reading")
    evidence.update_evidence(span, actor="olena", note="first reading")
    mine.undo(actor)
    assert Evidence.get_by_id(span).note == "first reading"


def test_a_stale_source_edit_is_refused(case, actor, seed_files):
    from desktop.domain.models import Source
    from desktop.services import sources

    source = sources.import_files(seed_files[:1], actor=actor).source_ids[0]
    loaded = Source.get_by_id(source).publisher
    sources.update_source(source, actor="olena", publisher="Ukrainska Pravda")
    with pytest.raises(EditCollision) as refused:
        sources.update_source(source, actor=actor, expected={"publisher": loaded},
                              publisher="UP")
    assert Source.get_by_id(source).publisher == "Ukrainska Pravda"
    assert str(refused.value).startswith(f"S-{source:03d} Publisher was changed by olena")
    sources.update_source(source, actor=actor, expected={"reliability": "F"}, reliability="B")
    assert Source.get_by_id(source).reliability == "B"


def test_a_stale_edit_of_the_case_details_is_refused(case, actor):
    from desktop.domain.models import Case
    from desktop.services import case as case_details

    case_details.update_case(actor="olena", reference="UA-POW-2024-002")
    with pytest.raises(EditCollision) as refused:
        case_details.update_case(actor=actor, expected={"reference": "UA-POW-2024-001"},
                                 reference="UA-POW-2024-009")
    assert Case.get().reference == "UA-POW-2024-002"
    assert "Case Reference was changed by olena at " in str(refused.value)
    case_details.update_case(actor=actor, expected={"title": Case.get().title},
                             title="POW executions, Kursk and Donetsk")
    assert Case.get().title == "POW executions, Kursk and Donetsk"
