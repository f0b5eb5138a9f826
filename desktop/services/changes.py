"""Typed change records: what a service call changed, and how to take it back.

Every mutating service returns a `Change`. It names the kinds of things that changed and, for
each kind, the ids touched (or "any": `None`), so each view decides for itself what to redraw
(a panel that shows sources ignores a change of incidents). `undo` performs the inverse edit
through the services, as a new audited change; what it needs was taken inside the first
change's own transaction, so undo never re-reads the case to guess an inverse, and the Change
it returns carries the redo in its own `undo`.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace


class Kind(enum.Enum):
    """The kinds of things a change can touch; views subscribe to the ones they show."""

    CASE = "case"  # the case's own description (title, marking, …)
    SOURCE = "source"
    INCIDENT = "incident"
    EVIDENCE = "evidence"
    PROTECTED = "protected"  # protected people and their spellings
    TRAIL = "trail"  # the audit trail: every change appends to it, so a panel showing it always
    # redraws; a Change names it (with any ids) only when the whole case may differ


#: The inverse of a change, run as `actor`; it returns its own Change, whose `undo` is the redo.
Undo = Callable[[str], "Change"]


@dataclass(frozen=True)
class Change:
    """What one service call changed: kinds, ids per kind (None: any of them), and its undo."""

    touched: Mapping[Kind, frozenset[int] | None] = field(default_factory=dict)
    undo: Undo | None = None
    #: The row the call is about (the one it created or edited), when there is one.
    id: int | None = None

    def touches(self, *kinds: Kind) -> bool:
        """Whether any of these kinds changed."""
        return any(kind in self.touched for kind in kinds)

    def ids(self, kind: Kind) -> frozenset[int] | None:
        """The ids of `kind` that changed: empty when none did, None when any may have."""
        if kind not in self.touched:
            return frozenset()
        return self.touched[kind]


@dataclass(frozen=True)
class Restore:
    """An undo that sets stored values back (`apply(values, expected=…, actor=…)`), refused
    when someone else changed them since: they are no longer `expected`, what the change left
    (services/collisions). An edit merged into the same undo step hands on what it left."""

    apply: Callable[..., Change]
    values: Mapping[str, object]
    expected: Mapping[str, object]

    def __call__(self, actor: str) -> Change:
        return self.apply(dict(self.values), expected=dict(self.expected), actor=actor)

    def continued_by(self, later: Undo | None) -> bool:
        """Whether `later` edited these fields from what this change left: nobody else saved
        them in between (else merging the two would undo that edit too)."""
        return isinstance(later, Restore) and all(
            later.values.get(name, value) == value for name, value in self.expected.items())

    def expecting(self, later: Undo | None) -> Undo:
        """This undo once a later edit of the same fields is merged into its step: it takes
        the values back to what they were before both, expecting what the later one left."""
        if not isinstance(later, Restore):
            return self
        return replace(self, expected={**self.expected, **later.expected})


def touched(**by_kind: Iterable[int | None] | None) -> dict[Kind, frozenset[int] | None]:
    """`touched(evidence=[7], incident=[2, None])` → {Kind.EVIDENCE: {7}, Kind.INCIDENT: {2}}.

    A kind given as None means "any of them"; None ids inside a list are dropped (an evidence
    span linked to no incident touches no incident).
    """
    result: dict[Kind, frozenset[int] | None] = {}
    for name, ids in by_kind.items():
        kind = Kind(name)
        result[kind] = None if ids is None else frozenset(i for i in ids if i is not None)
    return result


def unchanged(about: int | None = None) -> Change:
    """The Change of a call that found nothing to do (its undo does nothing either)."""
    return Change({}, lambda who: unchanged(about), about)


def everything() -> Change:
    """A change of anything at all (a case opened, an import or a merge): views reload."""
    return Change(dict.fromkeys(Kind))


def trail_only() -> Change:
    """A change that only appended to the audit trail (an export, a hand-over copy…)."""
    return Change({})


def then(first: Change, second: Change | None, *, about: int | None = None) -> Change:
    """One Change of two made in turn (`second` may be None): it touches what either touched;
    its undo undoes the second, then the first, and its redo makes them again in their order.
    The id is `about`, else the first's."""
    if second is None:
        return first
    merged: dict[Kind, frozenset[int] | None] = dict(first.touched)
    for kind, ids in second.touched.items():
        mine = merged.get(kind, frozenset())
        merged[kind] = None if ids is None or mine is None else mine | ids
    about = first.id if about is None else about

    def undo(who: str) -> Change:
        second_back = second.undo(who) if second.undo else unchanged()
        first_back = first.undo(who) if first.undo else unchanged()
        return then(second_back, first_back, about=about)  # its undo: first, then second

    return Change(merged, undo, about)
