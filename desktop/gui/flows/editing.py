"""Edits of the case in the window: evidence, incidents, sources and protected people, each an
undoable command over a service call; undo and redo."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop.domain import db, scales
from desktop.domain.errors import EditCollision
from desktop.gui import i18n
from desktop.gui.commands import ServiceCommand
from desktop.gui.flows.base import Flow
from desktop.services import changes, evidence, incidents, protection, sources
from desktop.services.changes import Change, touched

#: What an undo step calls an evidence span's fields.
_EVIDENCE_FIELDS = {
    "status": QT_TRANSLATE_NOOP("Editing", "status"),
    "credibility": QT_TRANSLATE_NOOP("Editing", "credibility"),
    "note": QT_TRANSLATE_NOOP("Editing", "note"),
    "supports": QT_TRANSLATE_NOOP("Editing", "what it supports"),
    "asserted_value": QT_TRANSLATE_NOOP("Editing", "value"),
    "incident": QT_TRANSLATE_NOOP("Editing", "incident"),
}


def field_words(names) -> str:
    """Incident or evidence fields in words, for an undo step ("Time, Place")."""
    words = []
    for name in names:
        if name in _EVIDENCE_FIELDS:
            words.append(QCoreApplication.translate("Editing", _EVIDENCE_FIELDS[name]))
        else:
            words.append(i18n.scale_label(scales.EDITABLE_FIELD_WORDS, name))
    return ", ".join(words)


class Editing(Flow):
    """Marking, grading and removing evidence; adding, editing and deleting incidents."""

    def __init__(self, app) -> None:
        super().__init__(app)
        self._reopen_agreed: set[tuple[str, int]] = set()  # (case, incident) agreed to reopen

    # ------------------------------------------------------------ evidence
    def mark_evidence(self) -> None:
        """Turn the selected passage into an evidence span (asks what it proves)."""
        view = self.app.reading.active_view()
        source_id, selected = view.source_id(), view.selection_range()
        if source_id is None or selected is None:
            self.status(self.tr("Select a passage in the source first, then press E."))
            return
        from desktop.gui.widgets.dialogs.mark_evidence import MarkEvidenceDialog

        start, end = selected
        quote = sources.source_text(source_id)[start:end]
        dialog = MarkEvidenceDialog(quote, self.window.incident_form.incident_id(), self.window)
        if (area := view.selection_area()) is not None:
            dialog.stand_clear_of(area)
        if dialog.exec() != MarkEvidenceDialog.DialogCode.Accepted:
            return
        self.add_evidence(source_id, start, end, dialog.values(), fill=dialog.fill_fields())

    def add_evidence(self, source_id: int, start: int, end: int, values: dict,
                     fill: dict | None = None) -> int | None:
        """Mark a passage; with `fill`, also put its value into the incident's fields (one
        undo step for both)."""
        values, fill = dict(values), dict(fill or {})
        incident = values.get("incident")
        before = incidents.incident_choices([incident]) if incident else []  # code and state

        command = self.push(self.tr("Mark evidence"), lambda: evidence.mark_and_fill(
            source_id, start, end, actor=self.user(), fill=fill, **values))
        if command is None:
            return None
        if before and before[0].state in incidents.REVIEWED_STATES:
            self.status(self.tr("{code} went back to draft: it has new evidence to review, then "
                                "submit it again.").format(code=before[0].code), 10000)
        self.app.reading.show_evidence(command.change.id, source_id)  # marked in it
        return command.change.id

    def selected_evidence(self) -> list[int]:
        """The spans the user means: under the selection in the source they work in, else
        those selected in the evidence list."""
        view = self.app.reading.active_view()
        in_text = view.text_edit().hasFocus()
        return (view.selected_span_ids() if in_text else []) or \
            self.window.evidence_panel.selected_ids()

    def set_status(self, status: str) -> None:
        ids = self.selected_evidence()
        if not ids:
            self.status(self.tr("Select evidence (in the source or the evidence list) to set its "
                                "status."))
            return
        self.edit_evidence(ids, {"status": status})
        if status in ("verified", "corroborated"):
            self._say_if_ungraded(ids, status)

    def _say_if_ungraded(self, ids: list[int], status: str) -> None:
        """A span verified or corroborated while its credibility says the truth cannot be
        judged contradicts itself: say so (the grade is the user's to give)."""
        unjudged = scales.INFORMATION_CREDIBILITY[-1]
        refs = evidence.graded_as(ids, unjudged.code)
        if refs:
            status_words = i18n.scale_label(scales.VERIFICATION_STATUSES, status).lower()
            self.status(self.tr("{refs}: {status}, but the credibility still says “{grade}”; "
                                "grade it in the evidence list.").format(
                refs=", ".join(refs[:5]) + ("…" if len(refs) > 5 else ""),
                status=status_words,
                grade=f"{unjudged.code} — {i18n.scale_text(unjudged.label)}"), 10000)

    def edit_evidence(self, ids: list[int], changes: dict,
                      expected: dict[int, dict] | None = None) -> None:
        """Edits of spans' fields; with `expected` (span id → field → the value the list
        showed) an edit of a value someone saved meanwhile is refused and the list shows the
        newer one."""
        ids, changes = list(ids), dict(changes)
        expected = dict(expected) if expected else None
        self.push(i18n.plural(self.tr("Change {fields} of %n span(s)", "", len(ids)), len(ids))
                  .format(fields=field_words(changes)),
                  lambda: evidence.update_evidence(ids, actor=self.user(), expected=expected,
                                                   **changes),
                  collided=lambda error: self.collided(
                      error, shown=Change(touched(evidence=ids))))

    def remove_evidence(self) -> None:
        ids = self.selected_evidence()
        if ids:
            self.push(i18n.plural(self.tr("Remove %n evidence span(s)", "", len(ids)), len(ids)),
                      lambda: evidence.remove_evidence(ids, actor=self.user()))

    # ------------------------------------------------------------ incidents
    def select_incident(self, incident_id: int | None) -> None:
        form = self.window.incident_form
        if form.incident_id() == incident_id:
            return
        form.flush()
        form.set_incident(incident_id)
        self.window.evidence_panel.set_current_incident(incident_id)
        self.app.review.show_incident()
        if incident_id is not None:
            self.window.navigator.select_incident(incident_id)

    def add_incident(self) -> None:
        title = self.tr("New incident")
        command = self.push(self.tr("Add incident"),
                            lambda: incidents.create_incident(actor=self.user(), title=title))
        if command is not None:
            self.select_incident(command.change.id)
            self.window.incident_dock.show()
            title_editor = self.window.incident_form.editor("title")
            title_editor.setFocus()
            title_editor.selectAll()  # typing replaces the placeholder title

    def rename_incident(self, incident_id: int, title: str, shown: str | None = None) -> None:
        """A title typed in the list of incidents; refused when someone saved another title
        since the list showed `shown`."""
        self.edit_incident(incident_id, {"title": title.strip()},
                           None if shown is None else {"title": shown})

    def use_value(self, incident_id: int, changes: dict, evidence_id: int,
                  expected: dict | None = None) -> None:
        """A span's value taken as a fact's ("Use “9” (E-003)"): an edit of the incident that
        records the span the value came from."""
        self.edit_incident(incident_id, changes, expected, from_evidence=evidence_id)

    def edit_incident(self, incident_id: int, changes: dict, expected: dict | None = None,
                      from_evidence: int | None = None) -> None:
        """Edits of an incident's fields (typed, or taken from the span `from_evidence`);
        consecutive edits of the same fields merge into one undo step, so typing a title is
        undone as a whole, not keystroke by keystroke. The first edit of an incident under
        review or signed off asks first: it sends the incident back to draft. With `expected`
        (what the form had loaded) an edit of a value someone saved meanwhile is refused, and
        the form shows the newer value beside what was typed."""
        changes = dict(changes)
        code = incidents.incident_code(incident_id)
        stored = incidents.incident_values(incident_id) or {}
        reviewed = stored.get("state") in incidents.REVIEWED_STATES
        if reviewed and not self._may_reopen(incident_id, code, stored["state"]):
            self.window.incident_form.revert()
            return
        expected = dict(expected) if expected else None
        command = self.push(
            self.tr("Edit {fields} of {code}").format(fields=field_words(changes), code=code),
            lambda: incidents.update_incident(incident_id, actor=self.user(),
                                              from_evidence=from_evidence, expected=expected,
                                              **changes),
            merge_key=("incident", incident_id, frozenset(changes), from_evidence),
            collided=lambda error: self.collided(
                error, shown=Change(touched(incident=[incident_id]))))
        if reviewed and command is not None:
            self.status(self.tr("{code} went back to draft: submit it for review again when it "
                                "is ready.").format(code=code), 10000)

    def collided(self, error: EditCollision, *, typed: bool = True,
                 shown: Change | None = None) -> None:
        """An edit refused for a newer value saved meanwhile: said in the status bar, the
        panels showing the rows it names (`shown`) read them again, and the incident form
        shows the newer value and what was not saved (`typed`: what the user typed; else what
        an undo or redo would have put back)."""
        if shown is not None:
            self.publish(shown)
        self.status(str(error), 20000)
        self.window.incident_form.show_collision(error, typed=typed)

    def _may_reopen(self, incident_id: int, code: str, state: str) -> bool:
        """Ask once per incident (until the case is closed) whether to change an incident
        under review or signed off, which sends it back to draft."""
        key = (str(db.case_path() or db.case_url()), incident_id)
        if key in self._reopen_agreed:
            return True
        words = (self.tr("{code} is signed off.") if state == "approved"
                 else self.tr("{code} is waiting for review.")).format(code=code)
        if not self.ask(self.tr("Change {code}?").format(code=code), words + "\n\n" + self.tr(
                "Changing it sends it back to draft: it must be submitted and reviewed again "
                "before a dossier of approved incidents includes it. Change it?")):
            return False
        self._reopen_agreed.add(key)
        return True

    def delete_incident(self, incident_id: int | None) -> None:
        if incident_id is None:
            return
        code = incidents.incident_code(incident_id)
        linked = evidence.linked_count(incident_id)
        if linked and not self.ask(
                self.tr("Delete {code}?").format(code=code),
                i18n.plural(self.tr("{code} has %n evidence span(s). They will be kept, "
                                    "unlinked from any incident. You can undo this.", "", linked),
                            linked).format(code=code)):
            return
        if self.window.incident_form.incident_id() == incident_id:
            self.select_incident(None)
        self.push(self.tr("Delete {code}").format(code=code),
                  lambda: incidents.delete_incident(incident_id, actor=self.user()))

    # ------------------------------------------------------------ sources and people
    def edit_source(self, source_id: int | None) -> None:
        if source_id is None:
            return
        from desktop.gui.widgets.dialogs.source_details import SourceDetailsDialog

        dialog = SourceDetailsDialog(source_id, self.window)
        if dialog.exec() == SourceDetailsDialog.DialogCode.Accepted and dialog.changes():
            values = dict(dialog.changes())
            loaded = {name: getattr(dialog.source, name) for name in values}  # refused if stale
            self.push(self.tr("Edit source details"),
                      lambda: sources.update_source(source_id, actor=self.user(),
                                                    expected=loaded, **values))

    def edit_case(self) -> None:
        """File → Case details…: the case's title, reference, marking and issuing block."""
        from desktop.gui.widgets.dialogs.case_details import CaseDetailsDialog
        from desktop.services import case

        dialog = CaseDetailsDialog(self.window)
        if dialog.exec() == CaseDetailsDialog.DialogCode.Accepted and dialog.changes():
            values = dict(dialog.changes())
            loaded = {name: dialog.current[name] for name in values}  # refused if stale
            self.push(self.tr("Edit case details"),
                      lambda: case.update_case(actor=self.user(), expected=loaded, **values))

    def show_protected_people(self) -> None:
        from desktop.gui.widgets.dialogs.protected_people import ProtectedPeopleDialog

        dialog = ProtectedPeopleDialog(self.window)

        def then_reload(edit: Callable[[], object]) -> None:
            edit()
            dialog.reload()

        dialog.addRequested.connect(lambda names, role: then_reload(lambda: self.push(
            self.tr("Protect a person"),
            lambda: protection.add_protected(names, role, actor=self.user()))))
        dialog.removeRequested.connect(lambda person: then_reload(lambda: self.push(
            self.tr("Stop protecting a person"),
            lambda: protection.remove_protected(person, actor=self.user()))))
        dialog.updateRequested.connect(lambda person, values: then_reload(lambda: self.push(
            self.tr("Change a protected person"),
            lambda: protection.update_protected(person, actor=self.user(), **values))))
        dialog.exec()

    # ------------------------------------------------------------ undo and redo
    def undo(self) -> None:
        """Undo the last edit; say so if it could not be undone (the case is unchanged)."""
        self._step_stack(self.app.undo_stack.index() - 1, self.app.undo_stack.undo)

    def redo(self) -> None:
        self._step_stack(self.app.undo_stack.index(), self.app.undo_stack.redo)

    def _step_stack(self, index: int, step: Callable[[], None]) -> None:
        stack = self.app.undo_stack
        self.window.incident_form.flush()
        command = stack.command(index) if 0 <= index < stack.count() else None
        step()
        if isinstance(command, ServiceCommand) and command.error is not None:
            error, command.error = command.error, None
            if not isinstance(error, EditCollision):
                self.warn(self.tr("The change was not undone or redone"), str(error))
            # The stack and the case no longer agree: start a fresh history from here.
            stack.clear()
            self.publish(changes.everything())
            if isinstance(error, EditCollision):  # someone saved a newer value: shown as such
                self.collided(error, typed=False)
