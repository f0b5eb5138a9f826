"""The one undoable command: a service call, its Change's undo, and the panels told each time."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack

from desktop.domain.errors import ValidationError
from desktop.domain.models import AuditEntry, Evidence, Incident
from desktop.gui import commands
from desktop.gui.commands import ServiceCommand
from desktop.gui.events import CaseEvents
from desktop.services import evidence, incidents
from desktop.services.changes import Kind
from tests.gui.widgets.test_translation import uk_catalogue, ukrainian  # noqa: F401


def heard(events: CaseEvents) -> list:
    """Every Change the events object hands on, in order."""
    changes: list = []
    events.changed.connect(changes.append)
    return changes


def test_a_command_makes_undoes_and_redoes_an_edit_through_the_services(worked_case, actor,
                                                                        qtbot):
    events, stack = CaseEvents(), QUndoStack()
    changes = heard(events)
    source_id = worked_case["sources"]["003_b8c3f3517aeeccd0.txt"]
    command = ServiceCommand("Mark evidence", lambda: evidence.add_evidence(
        source_id, 0, 25, actor=actor, supports="narrative"), actor=actor, events=events)
    stack.push(command)
    span = command.change.id
    assert Evidence.get_by_id(span).quote
    stack.undo()
    assert not Evidence.select().where(Evidence.id == span).exists()
    stack.redo()
    assert Evidence.get_by_id(span).start == 0  # the same span, with its id, came back
    actions = [a for (a,) in AuditEntry.select(AuditEntry.action).order_by(AuditEntry.id)
               .tuples()]
    assert actions[-3:] == ["evidence.add", "evidence.remove", "evidence.restore"]
    assert [span in c.ids(Kind.EVIDENCE) for c in changes] == [True, True, True]
    assert all(source_id in c.ids(Kind.SOURCE) for c in changes)


def test_a_refused_edit_keeps_its_error_and_leaves_the_stack_as_it_was(case, actor):
    events, stack = CaseEvents(), QUndoStack()
    changes = heard(events)
    command = ServiceCommand("Add incident", lambda: incidents.create_incident(
        actor=actor, title="x", time="25:99"), actor=actor, events=events)
    stack.push(command)
    assert isinstance(command.error, ValidationError)
    assert stack.count() == 0 and changes == []
    assert not Incident.select().exists()


def test_an_undo_restores_what_the_service_reset_as_it_was(worked_case, actor):
    """Editing an incident under review sends it back to draft; the undo brings back both the
    field and the state, from what the service kept inside its own transaction."""
    from desktop.services import review

    incident = worked_case["incidents"]["INC-002"]
    review.submit_incident(incident, actor=actor)
    stack = QUndoStack()
    stack.push(ServiceCommand("Edit", lambda: incidents.update_incident(
        incident, actor=actor, place="Zeleny Shlyakh"), actor=actor, events=CaseEvents()))
    assert stack.count() == 1
    assert Incident.get_by_id(incident).state == "draft"
    stack.undo()
    row = Incident.get_by_id(incident)
    assert (row.state, row.place) == ("in_review", "")


def test_edits_of_the_same_fields_in_one_burst_are_one_undo_step(worked_case, actor,
                                                                  monkeypatch):
    incident = worked_case["incidents"]["INC-002"]
    first_title = Incident.get_by_id(incident).title
    stack, events = QUndoStack(), CaseEvents()
    clock = iter([100.0, 101.0, 102.0, 200.0])
    monkeypatch.setattr(commands.time, "monotonic", lambda: next(clock))
    for title in ("9 POWs", "9 POWs near", "9 POWs near Zelenyy Shlyakh"):
        stack.push(ServiceCommand("Edit title", lambda t=title: incidents.update_incident(
            incident, actor=actor, title=t), actor=actor, events=events,
            merge_key=("incident", incident, frozenset({"title"}))))
    assert stack.count() == 1
    stack.push(ServiceCommand("Edit title", lambda: incidents.update_incident(
        incident, actor=actor, title="later"), actor=actor, events=events,
        merge_key=("incident", incident, frozenset({"title"}))))  # past the burst
    assert stack.count() == 2
    stack.undo()
    stack.undo()
    assert Incident.get_by_id(incident).title == first_title
    stack.redo()
    assert Incident.get_by_id(incident).title == "9 POWs near Zelenyy Shlyakh"


def test_an_edit_the_full_disk_refuses_says_so(case, actor):
    from peewee import OperationalError

    def full_disk():
        try:
            raise OperationalError("database or disk is full")
        except OperationalError:  # what SQLite says when the commit's rollback finds nothing
            raise OperationalError("cannot rollback - no transaction is active")  # noqa: B904

    events, stack = CaseEvents(), QUndoStack()
    command = ServiceCommand("Add incident", full_disk, actor=actor, events=events)
    stack.push(command)
    assert str(command.error) == ("The change could not be applied (the disk is full; free "
                                  "space and try again)")
    assert stack.count() == 0


def test_an_edit_that_fails_unexpectedly_is_said_in_one_line_in_the_windows_language(
        case, actor, ukrainian):  # noqa: F811 (the fixture imported above)
    def server_gone():  # what psycopg says of a server that stopped under the connection
        raise RuntimeError("consuming input failed: server closed the connection "
                           "unexpectedly\n\tThis probably means the server terminated abnormally")

    command = ServiceCommand("Add incident", server_gone, actor=actor, events=CaseEvents())
    QUndoStack().push(command)
    assert str(command.error) == (
        "Зміну не застосовано (consuming input failed: server closed the connection "
        "unexpectedly This probably means the server terminated abnormally)")
