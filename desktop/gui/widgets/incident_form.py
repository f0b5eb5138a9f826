"""The incident form: the right-hand panel where a documenter records an incident's facts.

The form never writes to the case. It emits `fieldsEdited(incident_id, changes, loaded)` with
only the values that pass the domain's rules, in exactly the shape
`incidents.update_incident(**changes)` takes, and what the form had loaded for those fields
(`expected=loaded`: an edit of a value someone else saved meanwhile is refused, and
`show_collision` shows the newer value beside what the user typed); the main window turns that
into an undoable command. Invalid input stays in its
editor with an inline problem until the user fixes it. Each fact that evidence can back carries
a badge with the number of backing spans; facts whose sources disagree show a conflict note.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import db, refs, scales
from desktop.domain.errors import EditCollision, NewerValue
from desktop.gui.i18n import plural, scale_description, scale_label, scale_text, supports_label
from desktop.gui.widgets.actions import guard_typed_keys
from desktop.services import collisions, evidence, incidents
from desktop.services.changes import Change, Kind
from desktop.services.evidence import EvidenceRow

if TYPE_CHECKING:
    from desktop.services import assessment

DEBOUNCE_MS = 700
EMPTY_TEXT = QT_TRANSLATE_NOOP("IncidentForm", "Select or add an incident in the list on the left")
#: What the form shows: the editable facts, and the workflow state that only review moves.
_SHOWN_FIELDS = (*incidents.EDITABLE_FIELDS, "state", "state_comment")
_FLOATS = ("latitude", "longitude")
_INTS = ("victims_min", "victims_max")
# A rule on two fields names the second; the first must then wait with it (see _emittable).
_PARTNERS = {"date_end": "date_start", "victims_max": "victims_min"}
_BADGE_WIDTH = 46
_DATE_WIDTH = 96  # a date as typed (2024-09-06), with room to spare
_COMBO_MIN_WIDTH = 150  # a choice box may shrink to this in a narrow dock
_MISSING = object()

_STYLE = """
QWidget#incidentFormPage { background: #f7f8fa; }
QLabel[role="code"] { color: #1f2933; font-size: 15pt; font-weight: 600; }
QLabel[role="chip"] { color: #3e4c59; background: #e4e7eb; border-radius: 9px;
    padding: 2px 9px; }
QLabel[role="heading"] { color: #243b53; font-weight: 600; padding-top: 14px; }
QFrame[role="rule"] { color: #d9dee4; }
QFrame[role="apart"] { border: none; border-top: 1px dashed #c5ccd3; margin-top: 4px; }
QLabel[role="caption"] { color: #52606d; }
QLabel[role="hint"] { color: #7b8794; font-size: 8pt; }
QLabel[role="problem"] { color: #9b1c1c; font-size: 8pt; }
QLabel[role="origin"] { color: #52606d; font-size: 8pt; }
QLabel[role="collision"] { color: #7a1f1f; background: #fdecea; border: 1px solid #f0b4ae;
    border-radius: 4px; padding: 4px 6px; font-size: 8pt; }
QLabel[role="note"] { color: #5c4200; background: #fff3d1; border: 1px solid #ecc76a;
    border-radius: 4px; padding: 4px 6px; font-size: 8pt; }
QLabel[role="element"] { color: #1f2933; }
QLabel[role="covered"] { color: #1e6b46; font-size: 8pt; font-weight: 600; }
QLabel[role="open"] { color: #a55a0b; font-size: 8pt; font-weight: 600; }
QLabel[role="qualification"] { color: #3e4c59; font-size: 8pt; }
QLineEdit, QPlainTextEdit { background: #ffffff; border: 1px solid #c5ccd3;
    border-radius: 4px; padding: 3px 5px; selection-background-color: #c9dcf7;
    selection-color: #1f2933; }
QLineEdit:focus, QPlainTextEdit:focus { border: 1px solid #3f72c4; }
QLineEdit[problem="true"], QPlainTextEdit[problem="true"] { border: 1px solid #c62828;
    background: #fffafa; }
QToolButton[role="badge"] { color: #243b53; background: #e3ebf6; border: 1px solid #c6d4e8;
    border-radius: 9px; padding: 1px 6px; }
QToolButton[role="badge"]:hover { background: #d3e0f2; }
QToolButton[role="badge"][empty="true"] { color: #9aa5b1; background: transparent;
    border: 1px solid transparent; }
QToolButton[role="badge"]::menu-indicator { image: none; width: 0; }
QCheckBox { color: #1f2933; font-weight: 600; spacing: 6px; }
QWidget[role="elements"] { background: #ffffff; border: 1px solid #e1e5ea; border-radius: 4px; }
"""


def _labelled(text: str, role: str, wrap: bool = True) -> QLabel:
    """A label styled by its role in the form (see _STYLE)."""
    label = QLabel(text)
    label.setProperty("role", role)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label


class _Caption(QLabel):
    """A row's caption: on one line where the form is wide enough, wrapped where it is not
    (a narrow dock, a longer Ukrainian caption), so it never widens the form."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.setProperty("role", "caption")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """As wide as the text on one line (a wrapped label would ask for a narrow column)."""
        margins = self.contentsMargins()
        width = self.fontMetrics().horizontalAdvance(self.text()) + margins.left() \
            + margins.right() + 2
        return QSize(width, self.heightForWidth(width))


def _short(text: str, limit: int) -> str:
    """One line of at most `limit` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _source_name(row: EvidenceRow) -> str:
    """How a conflict note names a source: its publisher, else its title, kept short."""
    fallback = QCoreApplication.translate("IncidentForm", "source {id}").format(id=row.source_id)
    return _short(row.source_publisher or row.source_title or fallback, 28)


def _conflict_text(by_value: dict[str, list[EvidenceRow]]) -> str:
    """'Sources disagree: 79 (UN HRMMU) · 150+ (HUR)' — each value with who says it."""
    parts = []
    for value, rows in by_value.items():
        names = list(dict.fromkeys(_source_name(r) for r in rows))
        parts.append(f"{value} ({', '.join(names)})")
    return QCoreApplication.translate("IncidentForm", "Sources disagree: ") + " · ".join(parts)


def _span_text(row: EvidenceRow) -> str:
    """A badge menu entry: “quote…” — Source title (status)."""
    status = scale_label(scales.VERIFICATION_STATUSES, row.status).lower()
    fallback = QCoreApplication.translate("IncidentForm", "source {id}").format(id=row.source_id)
    title = _short(row.source_title or row.source_publisher or fallback, 40)
    return f"“{_short(row.quote, 60)}” — {title} ({status})"



class IncidentForm(QWidget):
    """The facts of one incident, editable, with the evidence that backs each of them."""

    # incident id, {field: new value} accepted by the rules, {field: the value it replaces}
    fieldsEdited = Signal(int, dict, dict)
    # incident id, {field: value}, the span it is taken from, {field: the value it replaces}
    valueUsed = Signal(int, dict, int, dict)
    evidenceActivated = Signal(int)  # evidence id picked from a badge's list or a "from" link

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._id: int | None = None
        self._stored: dict = {}
        self._filled_from: dict[str, int] = {}  # field → the span its stored value came from
        self._dirty: set[str] = set()  # fields the user changed that are not emitted yet
        # What a pending field held when the user began to change it: a newer value arriving
        # meanwhile (another window's) is shown elsewhere but must not become the edit's base.
        self._loaded: dict[str, object] = {}
        self._collision_labels: dict[str, QLabel] = {}  # row key → its "not saved" note
        self._shown: dict[str, str] = {}  # problems on screen, by field
        self._loading = False
        self._editors: dict[str, QWidget] = {}
        self._row_of: dict[str, str] = {}  # field -> key of the row showing its problems
        self._captions: dict[str, str] = {}  # field -> the caption of its row
        self._problem_labels: dict[str, QLabel] = {}
        self._badges: dict[str, QToolButton] = {}
        self._notes: dict[str, QLabel] = {}
        self._origins: dict[str, QLabel] = {}  # fact → "from E-003" under its row
        self._fact_fields: dict[str, list[str]] = {}  # fact → the fields of its row
        self._marks: dict[str, QLabel] = {}
        self._boxes: dict[str, QCheckBox] = {}
        self._element_panels: dict[str, QWidget] = {}
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.flush)
        self._stack = QStackedWidget()
        self._form_built = False  # the form's page is built when first needed, or just after
        empty = self._empty_page()  # the empty state is first painted (see eventFilter)
        empty.installEventFilter(self)
        self._stack.addWidget(empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack)
        self.set_incident(None)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        """Once the empty state has been painted (the window is on screen), build the form's
        page in the next turn of the event loop: not before the first paint, on any machine."""
        if event.type() == QEvent.Type.Paint and watched is self._stack.widget(0):
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._ensure_form)
        return False

    # ---- public API -------------------------------------------------------------------------

    def set_incident(self, incident_id: int | None) -> None:
        """Show an incident's stored values (None: the empty state)."""
        if incident_id is not None and incident_id == self._id:
            self.refresh()  # selected again: keep what the user is typing
            return
        if self._id is not None:
            self.flush()  # an edit in progress belongs to the incident being left
        stored = incidents.incident_values(incident_id) if incident_id else None
        self._id = incident_id if stored else None
        self._dirty.clear()
        self._loaded.clear()
        self._hide_collisions()
        self._show_problems({}, reveal=True)
        if stored is None:
            self._stack.setCurrentIndex(0)
            return
        self._ensure_form()
        self._stored = self._values_of(stored)
        self._filled_from = dict(stored.get("filled_from") or {})
        self._fill(self._stored)
        self._code.setText(stored["code"])
        self._stack.setCurrentIndex(1)
        self._scroll.verticalScrollBar().setValue(0)
        self.refresh_backing()

    def set_empty_text(self, text: str) -> None:
        """What the form says while it shows no incident (what the user can do next)."""
        self._empty_label.setText(text)

    def is_empty(self) -> bool:
        """True while the form shows no incident."""
        return self._stack.currentIndex() == 0

    def incident_id(self) -> int | None:
        """The incident shown, or None in the empty state."""
        return self._id

    def case_changed(self, change: Change) -> None:
        """Re-read the incident shown when the change names it (its fields, or evidence that
        backs it), keeping what the user is typing."""
        if self._id is None:
            return
        incident_ids = change.ids(Kind.INCIDENT)
        if incident_ids is None or self._id in incident_ids:
            self.refresh()

    def refresh(self) -> None:
        """Re-read the stored values, keeping what the user typed and has not yet had accepted."""
        if self._id is None:
            return
        stored = incidents.incident_values(self._id)
        if stored is None:  # deleted elsewhere: its pending edits have nowhere to go
            self._dirty.clear()
            self.set_incident(None)
            return
        fresh = self._values_of(stored)
        values, problems = self._current()
        kept = {f for f in self._dirty
                if f in problems or values.get(f, _MISSING) != fresh[f]}
        self._stored, self._dirty = fresh, kept
        self._loaded = {f: v for f, v in self._loaded.items() if f in kept}
        self._filled_from = dict(stored.get("filled_from") or {})
        self._fill({f: v for f, v in fresh.items() if f not in kept})
        self._validate(reveal=False)
        self.refresh_backing()

    def refresh_backing(self) -> None:
        """Re-read the evidence: badge counts and lists, element coverage, conflict notes."""
        if self._id is None:
            return
        backed = evidence.backing(self._id)
        clashes = evidence.conflicts_in(backed)
        from desktop.services import assessment  # noqa: PLC0415 — not needed to start up

        facts = assessment.assess_incident(self._id)
        for key, button in self._badges.items():
            self._set_badge(button, backed.get(key, []), facts.get(key), fact=key)
        for key, note in self._notes.items():
            note.setVisible(key in clashes)
            if key in clashes:
                note.setText(_conflict_text(clashes[key]))
        for fact, label in self._origins.items():
            self._show_origin(fact, label, backed.get(fact, []))
        self._mark_elements(facts)

    def flush(self) -> None:
        """Emit the pending valid edits now and reveal the problems of the invalid ones."""
        self._timer.stop()
        if self._id is None or not self._dirty or not db.is_open():
            return  # nothing to emit, or no case left to emit it to (it was closed under us)
        if not incidents.incident_exists(self._id):
            self._dirty.clear()  # deleted meanwhile: an edit of it cannot be applied
            return
        values, problems = self._current()
        self._show_problems(problems, reveal=True)
        changes = self._emittable(values, problems)
        self._dirty = {f for f in self._dirty if f not in changes
                       and (f in problems or values.get(f, _MISSING) != self._stored.get(f))}
        loaded = {f: self._loaded.get(f, self._stored.get(f)) for f in changes}
        self._loaded = {f: v for f, v in self._loaded.items() if f in self._dirty}
        if changes:
            self._stored.update(changes)  # as the main window will store them
            self._state_chip.setText(scale_label(scales.INCIDENT_STATES, self._stored["state"]))
            self.fieldsEdited.emit(self._id, changes, loaded)

    def unsaved(self) -> list[str]:
        """Emit what can be saved; then one line per value the user typed that the rules
        refuse, and so is not saved ("Time: “25:99” — …"), for a question before the case is
        closed."""
        self.flush()
        if self._id is None or not self._dirty:
            return []
        _, problems = self._current()
        lines = []
        for field in sorted(self._dirty, key=list(self._editors).index):
            if field in problems:
                editor = self._editors[field]
                typed = (editor.toPlainText() if isinstance(editor, QPlainTextEdit)
                         else editor.text() if isinstance(editor, QLineEdit) else "")
                lines.append(f"{self._captions.get(field, field)}: “{typed}” — {problems[field]}")
        return lines

    def stored(self, field: str) -> object:
        """A field's value as the form last read it from the case (or saved it)."""
        return self._stored.get(field)

    def show_collision(self, error: EditCollision, *, typed: bool = True) -> None:
        """An edit of the incident shown was refused, someone having saved a newer value of
        its fields: show the newer values in their editors and, under each row, who saved it
        and what was not saved (what the user typed, or what an undo would have put back),
        with “Use mine” to save that over the newer value."""
        if self._id is None:
            return
        mine = {n.field: n for n in error.newer if n.ref == self.code()
                and n.field in self._row_of}
        if not mine:
            return
        self.refresh()
        for field in mine:
            self._dirty.discard(field)
            self._loaded.pop(field, None)
        self._fill({field: self._stored.get(field) for field in mine})
        link = self.tr("Use mine") if typed else self.tr("Put it back")
        for row in {self._row_of[f] for f in mine}:
            label = self._collision_labels[row]
            fields = [f for f in mine if self._row_of[f] == row]
            label.setProperty("collided", {f: mine[f].yours for f in fields})
            label.setText("<br>".join(self._collision_line(mine[f], typed, len(fields) > 1)
                                      for f in fields)
                          + f' <a href="mine">{link}</a>')
            label.show()
        self._scroll.ensureWidgetVisible(self._collision_labels[self._row_of[next(iter(mine))]])

    def _collision_line(self, newer: NewerValue, typed: bool, named: bool) -> str:
        """“olena saved “Zelenyi Shliakh” at 14:02; what you typed, “Zelenyy”, was not
        saved.” (the field named first where a row has two)."""
        from html import escape  # noqa: PLC0415

        saved = (self.tr("{who} saved “{value}” at {when}") if newer.actor
                 else self.tr("Someone saved “{value}”")).format(
            who=newer.actor, value=collisions.value_words(newer.value),
            when=collisions.when_words(newer.at))
        yours = collisions.value_words(newer.yours)
        if typed:
            mine = (self.tr("what you typed, “{yours}”, was not saved") if yours
                    else self.tr("you emptied it; that was not saved"))
        else:
            mine = (self.tr("“{yours}” was not put back") if yours
                    else self.tr("it was not emptied again"))
        mine = mine.format(yours=yours)
        line = f"{saved}; {mine}."
        if named:
            line = f"{scale_label(scales.EDITABLE_FIELD_WORDS, newer.field)}: {line}"
        return escape(line)

    def collision_note(self, field: str) -> str:
        """The note under a field's row after an edit of it was refused ("" when none)."""
        self._ensure_form()
        label = self._collision_labels.get(self._row_of.get(field, ""))
        return label.text() if label is not None and not label.isHidden() else ""

    def use_mine(self, field: str) -> None:
        """Save what the user typed for a refused field's row over the newer value."""
        label = self._collision_labels.get(self._row_of.get(field, ""))
        if label is not None and not label.isHidden():
            self._used_mine(label)

    def _used_mine(self, label: QLabel) -> None:
        mine = dict(label.property("collided") or {})
        label.hide()
        if self._id is None or not mine:
            return
        loaded = {f: self._stored.get(f) for f in mine}
        self._fill(mine)
        self._stored.update(mine)
        self.fieldsEdited.emit(self._id, mine, loaded)

    def _hide_collisions(self, fields: Iterable[str] | None = None) -> None:
        rows = set(self._collision_labels) if fields is None else \
            {self._row_of[f] for f in fields if f in self._row_of}
        for row in rows:
            self._collision_labels[row].hide()

    def revert(self) -> None:
        """Drop what the user typed and show the stored values again."""
        shown, self._id = self._id, None
        self._dirty.clear()
        self.set_incident(shown)

    def code(self) -> str:
        """The code of the incident shown (INC-001), or "" in the empty state."""
        return self._code.text() if self._id is not None else ""

    def reveal(self) -> None:
        """Bring the first field with a problem into view and put the cursor in it."""
        field = next((f for f in self._editors if f in self._shown), None)
        if field is not None:
            self._scroll.ensureWidgetVisible(self._editors[field])
            self._editors[field].setFocus()

    def problems(self) -> dict[str, str]:
        """The inline problems currently shown, by field."""
        return dict(self._shown)

    def editor(self, field: str) -> QWidget:
        """The editor of a field (for `qualifications`, the panel holding the checkboxes)."""
        self._ensure_form()
        return self._editors[field]

    def qualification_box(self, code: str) -> QCheckBox:
        """The checkbox of a legal qualification."""
        self._ensure_form()
        return self._boxes[code]

    def badge(self, field_or_element_key: str) -> QAbstractButton:
        """The badge of a backable fact (scales.INCIDENT_FIELDS code) or of a legal element."""
        self._ensure_form()
        return self._badges[field_or_element_key]

    def filled_from(self, fact: str) -> list[int]:
        """The spans the values of a fact's row were taken from, as the form shows them under
        it ("from E-003"), by evidence id; [] when they were typed by hand."""
        self._ensure_form()
        label = self._origins.get(fact)
        return list(label.property("evidence") or []) if label is not None \
            and not label.isHidden() else []

    def coverage(self, element_key: str) -> str:
        """The coverage mark shown beside a legal element ("✓ supported", "open"…)."""
        self._ensure_form()
        return self._marks[element_key].text()

    def conflict_note(self, field_or_element_key: str) -> str:
        """The conflict note shown under a fact, or "" when its sources agree."""
        self._ensure_form()
        note = self._notes.get(field_or_element_key)
        return note.text() if note is not None and not note.isHidden() else ""

    # ---- values -----------------------------------------------------------------------------

    @staticmethod
    def _values_of(stored: dict) -> dict:
        """The editable values of an incident (as `incidents.incident_values` gives them) as the
        form compares them."""
        values = {f: stored[f] for f in _SHOWN_FIELDS}
        for field, value in values.items():
            if value is None and field not in _FLOATS + _INTS:
                values[field] = ""
        chosen = values["qualifications"] or []
        values["qualifications"] = [q.code for q in scales.LEGAL_QUALIFICATIONS if q.code in chosen]
        return values

    def _read(self, field: str) -> object:
        """The value an editor holds; raises ValueError when the text is not a number."""
        editor = self._editors[field]
        if field == "qualifications":
            return [code for code, box in self._boxes.items() if box.isChecked()]
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText()
        text = editor.text().strip()
        if field in _FLOATS:
            return float(text.replace(",", ".")) if text else None  # a decimal comma is common
        if field in _INTS:
            return int(text) if text else None
        return text

    def _current(self) -> tuple[dict, dict[str, str]]:
        """All values the editors hold, and every problem with them (unreadable numbers too)."""
        values: dict = {}
        unreadable: dict[str, str] = {}
        for field in incidents.EDITABLE_FIELDS:
            try:
                values[field] = self._read(field)
            except ValueError:
                unreadable[field] = self.tr("Enter a number, e.g. 48.1 (or leave it empty).")
        return values, {**incidents.incident_problems(values), **unreadable}

    def _emittable(self, values: dict, problems: dict[str, str]) -> dict:
        """The user's changes that pass the rules, alone and together with the stored values."""
        changes = {f: values[f] for f in self._dirty
                   if f in values and f not in problems and values[f] != self._stored.get(f)}
        while changes:
            clash = incidents.incident_problems({**self._stored, **changes})
            dropped = [f for p in clash for f in (p, _PARTNERS.get(p)) if f in changes]
            if not dropped:
                break
            for field in dropped:
                changes.pop(field, None)
        return changes

    def _fill(self, values: dict) -> None:
        """Put values into their editors without counting it as the user's edit."""
        self._loading = True
        try:
            for field, value in values.items():
                self._put(field, value)
            self._state_chip.setText(scale_label(scales.INCIDENT_STATES, self._stored["state"]))
        finally:
            self._loading = False

    def _put(self, field: str, value: object) -> None:
        """Show one value, leaving an editor alone when it already says it (keeps the cursor)."""
        try:
            if self._read(field) == value:
                return
        except ValueError:
            pass
        editor = self._editors[field]
        if field == "qualifications":
            for code, box in self._boxes.items():
                box.setChecked(code in value)
                self._element_panels[code].setVisible(code in value)
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(value), 0))
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(value)
        else:
            editor.setText("" if value is None else str(value))
            editor.setCursorPosition(0)  # show the start of a long value, not its end

    # ---- edits and problems -----------------------------------------------------------------

    def _typed(self, field: str) -> None:
        """A keystroke: clear fixed problems at once, emit after the user pauses."""
        if self._loading or self._id is None:
            return
        self._began(field)
        self._validate(reveal=False)
        self._timer.start()

    def _chosen(self, field: str) -> None:
        """A choice (combo, checkbox) is a whole edit: emit it at once."""
        if self._loading or self._id is None:
            return
        self._began(field)
        self.flush()

    def _began(self, field: str) -> None:
        """The user changes a field: what it held until now is what the edit replaces."""
        if field not in self._dirty:
            self._loaded.setdefault(field, self._stored.get(field))
        self._dirty.add(field)
        self._hide_collisions([field])

    def _validate(self, reveal: bool) -> None:
        """Recompute the problems; new ones appear only when revealed (not mid-typing)."""
        self._show_problems(self._current()[1], reveal)

    def _show_problems(self, problems: dict[str, str], reveal: bool) -> None:
        """Mark invalid editors red and write each problem under its row."""
        self._shown = {f: m for f, m in problems.items() if reveal or f in self._shown}
        for field, editor in self._editors.items():
            flagged = field in self._shown
            if bool(editor.property("problem")) != flagged:
                editor.setProperty("problem", flagged)
                editor.style().unpolish(editor)
                editor.style().polish(editor)
        for row, label in self._problem_labels.items():
            lines = [m for f, m in self._shown.items() if self._row_of.get(f) == row]
            label.setText("\n".join(dict.fromkeys(lines)))
            label.setVisible(bool(lines))

    # ---- evidence ---------------------------------------------------------------------------

    def _set_badge(self, button: QToolButton, rows: list[EvidenceRow],
                   found: assessment.Assessment | None = None, fact: str = "") -> None:
        """Show how many spans back a fact, with a menu to jump to each and to use a span's
        value as the fact's; the tooltip names any grade that claims a corroboration no
        independent line gives."""
        old = button.menu()
        if old is not None:
            button.setMenu(None)
            old.deleteLater()
        if button.property("empty") != (not rows):  # restyled only when it changes (costly)
            button.setProperty("empty", not rows)
            button.style().unpolish(button)
            button.style().polish(button)
        if not rows:
            button.setText("0")
            button.setToolTip(
                self.tr("No evidence yet: mark a passage in a source and link it here."))
            return
        button.setText(f"{len(rows)} ▸")
        tip = plural(self.tr("%n evidence span(s) — click to go to one", "", len(rows)),
                     len(rows))
        button.setToolTip(tip + self._mismatch_lines(found))
        menu = QMenu(button)
        for row in rows:
            action = menu.addAction(_span_text(row))
            action.setData(row.id)
            action.triggered.connect(lambda _=False, ev=row.id: self.evidenceActivated.emit(ev))
        self._add_use_actions(menu, fact, rows)
        button.setMenu(menu)

    def _add_use_actions(self, menu: QMenu, fact: str, rows: list[EvidenceRow]) -> None:
        """“Use “9” (E-003)” for each backing span whose value the fact can take and does not
        hold yet: one click puts it in the form (an edit like any other, undoable)."""
        offered: set[str] = set()
        for row in rows:
            value = row.asserted_value.strip()
            if not value or value in offered:
                continue
            fields = self.use_value(fact, value)
            if not fields:
                continue
            if not offered:
                menu.addSeparator()
            offered.add(value)
            action = menu.addAction(self.tr("Use “{value}” ({ref})").format(value=value,
                                                                            ref=row.ref))
            action.triggered.connect(
                lambda _=False, f=fields, ev=row.id: self._id is not None
                and self.valueUsed.emit(self._id, dict(f), ev,
                                        {k: self._stored.get(k) for k in f}))

    def _show_origin(self, fact: str, label: QLabel, rows: list[EvidenceRow]) -> None:
        """“from E-003” under a fact whose value was taken from a span that still backs it
        (a link to the span), and the span's quote in its editors' tooltips."""
        backing = {row.id: row for row in rows}
        fields = self._fact_fields.get(fact, [])
        spans = list(dict.fromkeys(self._filled_from[f] for f in fields
                                   if self._filled_from.get(f) in backing))
        label.setProperty("evidence", spans)
        label.setVisible(bool(spans))
        links = ", ".join(f'<a href="{span}">{refs.evidence_ref(span)}</a>' for span in spans)
        label.setText(self.tr("from {refs}").format(refs=links) if spans else "")
        for field in fields:
            if isinstance(self._editors[field], QComboBox):
                continue  # a choice is never filled from a span; its tooltip is its choice
            span = backing.get(self._filled_from.get(field, -1))
            tip = (self.tr("Taken from {ref}: “{quote}”").format(
                ref=span.ref, quote=_short(span.quote, 160)) if span is not None else "")
            self._editors[field].setToolTip(tip)

    def use_value(self, fact: str, value: str) -> dict:
        """The fields that taking `value` as the fact's value sets (the user asked: it
        replaces what the form holds), or {} when it holds that value already."""
        from desktop.services import suggestions  # noqa: PLC0415

        return suggestions.fills(fact, value, dict(self._stored), replace=True).fields

    def _mark_elements(self, facts: dict[str, assessment.Assessment]) -> None:
        """Mark each legal element with how far its evidence establishes it (the assessment's
        coverage: supported, contested, linked but not verified, open); an element of a
        qualification just ticked, not stored yet, is open."""
        for key, mark in self._marks.items():
            found = facts.get(key)
            level = found.coverage if found is not None else "open"
            mark.setText(self._coverage_text(level))
            mark.setToolTip(self._coverage_tip(found, level))
            role = "covered" if level == "supported" else "open"
            if mark.property("role") != role:  # restyled only when it changes (costly)
                mark.setProperty("role", role)
                mark.style().unpolish(mark)
                mark.style().polish(mark)

    def _coverage_text(self, level: str) -> str:
        return {"supported": self.tr("✓ supported"), "contested": self.tr("! contested"),
                "linked": self.tr("linked, not verified"), "open": self.tr("open")}[level]

    def _coverage_tip(self, found: assessment.Assessment | None, level: str) -> str:
        """What the mark means, the lines behind it, and any grade no other line bears out."""
        tip = scale_description(scales.COVERAGE_LEVELS, level)
        if found is not None and found.evidence:
            tip += "\n" + plural(self.tr("%n independent line(s) of evidence", "",
                                          found.independent_lines), found.independent_lines)
        return tip + self._mismatch_lines(found)

    def _mismatch_lines(self, found: assessment.Assessment | None) -> str:
        """A line for each span graded as confirmed by other sources that no other line of
        evidence bears out ("" when there is none)."""
        return "".join("\n" + self.tr("{ref} is graded as confirmed by other sources, but no "
                                       "independent line agrees").format(
            ref=refs.evidence_ref(m.evidence_id)) for m in (found.mismatches if found else ()))

    # ---- building -----------------------------------------------------------------------------

    def _empty_page(self) -> QWidget:
        """The calm empty state shown when no incident is selected."""
        page = QWidget()
        label = QLabel(self.tr(EMPTY_TEXT))
        self._empty_label = label
        label.setObjectName("incidentFormEmpty")
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setStyleSheet("color: #7b8794; padding: 24px;")
        page.setObjectName("incidentFormEmptyPage")
        page.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        page.setStyleSheet("QWidget#incidentFormEmptyPage { background: #f7f8fa; }")
        layout = QVBoxLayout(page)
        layout.addWidget(label)
        return page

    def _ensure_form(self) -> None:
        """Build the form's page the first time an incident is shown or an editor asked for:
        a window that opens on no incident does not pay for forty editors."""
        if not self._form_built:
            self._form_built = True
            page = self._form_page()
            guard_typed_keys(page)
            self._stack.addWidget(page)

    def _form_page(self) -> QWidget:
        """The scrolling form, section by section."""
        page = QWidget()
        page.setObjectName("incidentFormPage")
        page.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        page.setStyleSheet(_STYLE)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(10, 10, 8, 16)  # narrow margins: a 1024-wide window fits it
        layout.setSpacing(0)
        layout.addLayout(self._identification())
        for build in (self._when, self._where, self._victims, self._perpetrator,
                      self._narrative, self._legal, self._workflow):
            build(layout)
        layout.addStretch(1)
        self._scroll = QScrollArea()
        self._scroll.setWidget(page)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        # A dock squeezed narrower than the form (side by side, a small screen) scrolls
        # sideways rather than cutting off the editors, their badges and "covered" marks.
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        return self._scroll

    def _section(self, layout: QVBoxLayout, heading: str) -> QFormLayout:
        """A heading with a rule under it, and the form layout of its rows."""
        layout.addWidget(_labelled(heading, "heading", wrap=False))
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setProperty("role", "rule")
        layout.addWidget(rule)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        form.setContentsMargins(0, 8, 0, 0)
        form.setVerticalSpacing(3)
        layout.addLayout(form)
        return form

    def _row(self, form: QFormLayout, caption: str, parts: Iterable[QWidget | str],
             fact: str | None = None, hint: str = "") -> None:
        """One labelled row: its editors, the fact's badge, then problem, hint and conflict."""
        parts = list(parts)
        fields = [f for f, e in self._editors.items() if e in parts]
        for field in fields:
            self._captions[field] = caption or supports_label(field)
        line = QHBoxLayout()
        line.setSpacing(6)
        for part in parts:
            if isinstance(part, str):
                line.addWidget(_labelled(part, "caption", wrap=False))
            else:
                line.addWidget(part, 0 if part.maximumWidth() < 1000 else 1)
        if all(p.maximumWidth() < 1000 for p in parts if not isinstance(p, str)):
            line.addStretch(1)
        line.addWidget(self._badge_for(fact), 0, Qt.AlignmentFlag.AlignTop)
        body = QVBoxLayout()
        body.setContentsMargins(0, 0, 0, 8)
        body.setSpacing(3)
        body.addLayout(line)
        self._add_under(body, fields, fact, hint)
        holder = QWidget()
        holder.setLayout(body)
        # Captions wrap: a long one (most are longer in Ukrainian) must not widen the form.
        form.addRow(_Caption(caption) if caption else None, holder)

    def _add_under(self, body: QVBoxLayout, fields: list[str], fact: str | None,
                   hint: str) -> None:
        """The lines under a row's editors: its problem, a hint, a conflict note."""
        problem = _labelled("", "problem")
        problem.hide()
        body.addWidget(problem)
        self._problem_labels[fields[0]] = problem
        collided = _labelled("", "collision")
        collided.setTextFormat(Qt.TextFormat.RichText)
        collided.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                         | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        collided.linkActivated.connect(lambda _link, label=collided: self._used_mine(label))
        collided.hide()
        body.addWidget(collided)
        self._collision_labels[fields[0]] = collided
        for field in fields:
            self._row_of[field] = fields[0]
        if hint:
            body.addWidget(_labelled(hint, "hint"))
        if fact:
            self._fact_fields[fact] = fields
            body.addWidget(self._origin_for(fact))
            body.addWidget(self._note_for(fact))

    def _badge_for(self, fact: str | None) -> QWidget:
        """The fact's badge, or an empty slot of the same width so editors line up."""
        if fact is None:
            slot = QWidget()
            slot.setFixedWidth(_BADGE_WIDTH)
            return slot
        button = QToolButton()
        button.setProperty("role", "badge")
        button.setAutoRaise(True)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setFixedWidth(_BADGE_WIDTH)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.setAccessibleName(self.tr("Evidence for {fact}").format(fact=supports_label(fact)))
        self._badges[fact] = button
        return button

    def _origin_for(self, fact: str) -> QLabel:
        """The (hidden until a value is taken from a span) link to the span a value came
        from."""
        label = _labelled("", "origin")
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                      | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        label.linkActivated.connect(lambda link: self.evidenceActivated.emit(int(link)))
        label.hide()
        self._origins[fact] = label
        return label

    def _note_for(self, key: str) -> QLabel:
        """The (hidden until needed) note saying that the sources disagree on a fact."""
        note = _labelled("", "note")
        note.hide()
        self._notes[key] = note
        return note

    def _line(self, field: str, placeholder: str = "", width: int = 0) -> QLineEdit:
        """A one-line editor; typing in it is debounced."""
        editor = QLineEdit()
        editor.setPlaceholderText(placeholder)
        if width:
            editor.setFixedWidth(width)
        editor.textChanged.connect(lambda _t, f=field: self._typed(f))
        editor.editingFinished.connect(self._finished)
        self._editors[field] = editor
        return editor

    def _finished(self) -> None:
        """Leaving a one-line editor ends the edit: no need to wait for the pause."""
        if self._timer.isActive():
            self.flush()

    def _text(self, field: str, lines: int, placeholder: str = "") -> QPlainTextEdit:
        """A multi-line editor about `lines` lines high; Tab moves on instead of typing a tab."""
        editor = QPlainTextEdit()
        editor.setTabChangesFocus(True)
        editor.setPlaceholderText(placeholder)
        editor.setFixedHeight(editor.fontMetrics().lineSpacing() * lines + 14)
        editor.textChanged.connect(lambda f=field: self._typed(f))
        self._editors[field] = editor
        return editor

    def _combo(self, field: str, scale: tuple[scales.Grade, ...]) -> QComboBox:
        """A choice from a scale; the stored code is the item's data."""
        editor = QComboBox()
        for grade in scale:
            editor.addItem(scale_text(grade.label), grade.code)
        editor.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        widest = editor.sizeHint().width()
        editor.setMaximumWidth(widest + 8)
        # A long choice (most are longer in Ukrainian) must not widen the form past a narrow
        # dock: the box may shrink to a short label's width, its list shows each in full.
        editor.setMinimumWidth(min(widest, _COMBO_MIN_WIDTH))
        editor.view().setMinimumWidth(widest)
        editor.setToolTip(editor.currentText())  # the choice in full where the box is narrow
        editor.currentTextChanged.connect(editor.setToolTip)
        editor.currentIndexChanged.connect(lambda _i, f=field: self._chosen(f))
        self._editors[field] = editor
        return editor

    # ---- the sections -------------------------------------------------------------------------

    def _identification(self) -> QVBoxLayout:
        """The code as a title line with the workflow state beside it, then the title."""
        self._code = _labelled("", "code", wrap=False)
        self._code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._state_chip = _labelled("", "chip", wrap=False)
        head = QHBoxLayout()
        head.addWidget(self._code)
        head.addWidget(self._state_chip, 0, Qt.AlignmentFlag.AlignVCenter)
        head.addStretch(1)
        box = QVBoxLayout()
        box.addLayout(head)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setContentsMargins(0, 6, 0, 0)
        form.setVerticalSpacing(3)
        self._row(form, self.tr("Title"),
                  [self._line("title", self.tr("A short name for the incident"))], "title")
        box.addLayout(form)
        return box

    def _when(self, layout: QVBoxLayout) -> None:
        """Event date (or range), precision and time; the report date kept apart."""
        form = self._section(layout, self.tr("When"))
        start = self._line("date_start", self.tr("YYYY-MM-DD"), _DATE_WIDTH)
        end = self._line("date_end", self.tr("end, if a range"), _DATE_WIDTH)
        self._row(form, self.tr("Event date"), [start, self.tr("to", "a range of dates"), end],
                  "date")
        self._row(form, self.tr("Precision"),
                  [self._combo("date_precision", scales.DATE_PRECISIONS)])
        self._row(form, self.tr("Time (local, 24-hour)"),
                  [self._line("time", self.tr("HH:MM"), 64)], "time")
        form.addRow(self._apart())
        self._row(form, self.tr("Date reported (not the event date)"),
                  [self._line("report_date", self.tr("YYYY-MM-DD"), _DATE_WIDTH)], "report_date",
                  hint=self.tr("When a source first reported it; often days after the event."))

    @staticmethod
    def _apart() -> QFrame:
        """A dashed line that sets the report date apart from the dates of the event."""
        line = QFrame()
        line.setProperty("role", "apart")
        line.setFixedHeight(8)
        return line

    def _where(self, layout: QVBoxLayout) -> None:
        """Place with its other spellings, administrative areas and coordinates."""
        form = self._section(layout, self.tr("Where"))
        self._row(form, self.tr("Place"),
                  [self._line("place", self.tr("Village, town or landmark"))], "place")
        self._row(form, self.tr("Alternative spellings (one per line)"),
                  [self._text("place_alternatives", 2, self.tr("e.g. Niu-York"))])
        self._row(form, self.tr("District"), [self._line("district")])
        self._row(form, self.tr("Region"), [self._line("region", self.tr("e.g. Donetsk region"))],
                  "region")
        self._row(form, self.tr("Country"), [self._line("country")])
        lat = self._line("latitude", self.tr("Latitude"), 92)
        lon = self._line("longitude", self.tr("Longitude"), 92)
        self._row(form, self.tr("Coordinates (decimal degrees)"), [lat, lon], "coordinates")
        self._row(form, self.tr("Coordinates source"),
                  [self._line("coordinates_source", self.tr("e.g. geolocated from video"))])

    def _victims(self, layout: QVBoxLayout) -> None:
        """Victim count as a range where empty means unknown, their status, named persons."""
        form = self._section(layout, self.tr("Victims"))
        low = self._line("victims_min", self.tr("unknown"), 76)
        high = self._line("victims_max", self.tr("unknown"), 76)
        for editor in (low, high):
            editor.setValidator(QIntValidator(0, 1_000_000, editor))
        self._row(form, self.tr("Count (at least – at most)"), [low, "–", high], "victims")
        self._row(form, self.tr("Status"), [self._combo("victim_status", scales.VICTIM_STATUSES)],
                  "victim_status")
        self._row(form, self.tr("Named persons (optional)"),
                  [self._text("victims_named", 2,
                              self.tr("One per line; use pseudonyms (V-001)"))])

    def _perpetrator(self, layout: QVBoxLayout) -> None:
        """The force, the unit and any named persons."""
        form = self._section(layout, self.tr("Perpetrator"))
        self._row(form, self.tr("Force"),
                  [self._line("perpetrator_force", self.tr("e.g. Russian armed forces"))],
                  "perpetrator")
        self._row(form, self.tr("Unit"), [self._line("perpetrator_unit")])
        self._row(form, self.tr("Named persons (optional)"),
                  [self._text("perpetrators_named", 2,
                              self.tr("One per line; use pseudonyms (P-001)"))])

    def _narrative(self, layout: QVBoxLayout) -> None:
        """What happened, in the documenter's words."""
        form = self._section(layout, self.tr("Narrative"))
        self._row(form, "",
                  [self._text("narrative", 7, self.tr("What happened, as the sources tell it"))],
                  "narrative")

    def _legal(self, layout: QVBoxLayout) -> None:
        """A checkbox per legal qualification; a ticked one lists the elements to prove."""
        self._section(layout, self.tr("Legal qualification"))
        panel = QWidget()
        box = QVBoxLayout(panel)
        box.setContentsMargins(0, 8, 0, 0)
        box.setSpacing(4)
        for qualification in scales.LEGAL_QUALIFICATIONS:
            self._qualification(box, qualification)
        self._editors["qualifications"] = panel
        layout.addWidget(panel)

    def _qualification(self, box: QVBoxLayout, qualification: scales.Qualification) -> None:
        """One qualification: its checkbox, what it means, and its elements when ticked."""
        instrument = scale_text(qualification.instrument)
        meaning_text = scale_text(qualification.label)
        check = QCheckBox(instrument)
        check.setObjectName(qualification.code)
        check.setAccessibleName(f"{instrument} — {meaning_text}")
        check.setToolTip(meaning_text)
        check.toggled.connect(lambda on, c=qualification.code: self._ticked(c, on))
        self._boxes[qualification.code] = check
        meaning = _labelled(meaning_text, "qualification")
        meaning.setContentsMargins(24, 0, 0, 2)
        box.addWidget(check)
        box.addWidget(meaning)
        elements = QWidget()
        elements.setProperty("role", "elements")
        elements.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        inner = QVBoxLayout(elements)
        inner.setContentsMargins(10, 8, 8, 8)
        inner.setSpacing(8)
        for element in qualification.elements:
            inner.addLayout(self._element(scales.element_key(qualification.code, element.code),
                                          element))
        elements.hide()
        self._element_panels[qualification.code] = elements
        wrapper = QHBoxLayout()
        wrapper.setContentsMargins(24, 0, 0, 8)
        wrapper.addWidget(elements)
        box.addLayout(wrapper)

    def _element(self, key: str, element: scales.Element) -> QVBoxLayout:
        """An element: its wording, covered/open mark with badge, means of proof as a hint."""
        wording = _labelled(scale_text(element.label), "element")
        wording.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        proof = "; ".join(scale_text(means) for means in element.means_of_proof)
        wording.setToolTip(self.tr("Typical means of proof: {proof}").format(proof=proof)
                           if proof else "")
        mark = _labelled(self.tr("open"), "open", wrap=False)
        self._marks[key] = mark
        top = QHBoxLayout()
        top.setSpacing(6)
        top.addWidget(wording, 1)
        top.addWidget(mark, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self._badge_for(key), 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout()
        column.setSpacing(2)
        column.addLayout(top)
        if proof:
            column.addWidget(_labelled(self.tr("Proof: {proof}").format(proof=proof), "hint"))
        column.addWidget(self._note_for(key))
        return column

    def _ticked(self, code: str, on: bool) -> None:
        """Show a ticked qualification's elements and emit the new list."""
        self._element_panels[code].setVisible(on)
        self._chosen("qualifications")

    def _workflow(self, layout: QVBoxLayout) -> None:
        """The incident's workflow state and the reviewer's comment: shown, not edited here.

        The state moves only through review (submit, approve, return), which checks that all
        the incident's evidence is reviewed first.
        """
        form = self._section(layout, self.tr("Workflow"))
        state = self._combo("state", scales.INCIDENT_STATES)
        state.setEnabled(False)
        self._row(form, self.tr("State"), [state])
        comment = self._text("state_comment", 2, self.tr("The reviewer's comment when returned"))
        comment.setReadOnly(True)
        self._row(form, self.tr("Comment"), [comment])
        form.addRow(_labelled(self.tr("Use Incident → Submit for review; a reviewer approves or "
                                      "returns it. Changing a submitted or signed-off incident "
                                      "sends it back to draft."), "hint"))

