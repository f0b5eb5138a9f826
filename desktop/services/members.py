"""The members of a case and their roles: who documents and who reviews.

Four eyes are checked by name: a reviewer never approves evidence they marked or edited, nor
signs off an incident whose evidence they marked. When a case lists its members, only those
with the reviewer role review. A case worked by one person can be declared as such
(`case.update_case(one_person=True)`); its dossier says so.
"""

from __future__ import annotations

from typing import NamedTuple

from desktop.domain import scales
from desktop.domain.errors import ValidationError
from desktop.domain.models import Member, database, plain_rows
from desktop.services import audit
from desktop.services.changes import Change, touched
from desktop.services.words import _


class MemberRow(NamedTuple):
    """One member of the case."""

    id: int
    name: str
    role: str
    added_at: str
    added_by: str


def members() -> list[MemberRow]:
    """Every member of the case, by name."""
    query = Member.select(Member.id, Member.name, Member.role, Member.added_at,
                          Member.added_by).order_by(Member.name)
    return [MemberRow(*row) for row in plain_rows(query)]


def role_of(name: str) -> str | None:
    """The role a person has in the case, or None when they are not a member."""
    return Member.select(Member.role).where(Member.name == name.strip()).scalar()


def has_reviewers() -> bool:
    """Whether the case names its reviewers (then only they review)."""
    return Member.select().where(Member.role == "reviewer").exists()


def add_member(name: str, role: str, *, actor: str) -> Change:
    """Record a member of the case and their role (one role per person)."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError(_("give the member's name"))
    if role not in scales.MEMBER_ROLE_CODES:
        raise ValidationError(_("role must be one of {roles}").format(
            roles=", ".join(scales.MEMBER_ROLE_CODES)))
    with database.atomic():
        if role_of(name) is not None:
            raise ValidationError(_("{name} is already a member of this case ({role})").format(
                name=name, role=audit.in_words(scales.MEMBER_ROLES, role_of(name))))
        member = Member.create(name=name, role=role, added_by=actor)
        audit.record("member.add", actor=actor, object_type="member", object_id=member.id,
                     summary=_("{name} joined the case as {role}").format(
                         name=name, role=audit.in_words(scales.MEMBER_ROLES, role)),
                     after={"name": name, "role": role})
    member_id = member.id
    return Change(touched(case=[1]), lambda who: remove_member(member_id, actor=who), member_id)


def remove_member(member_id: int, *, actor: str) -> Change:
    """Take a person off the case's members (their earlier decisions stay in the trail)."""
    with database.atomic():
        member = Member.get_by_id(member_id)
        kept = audit.snapshot(member)
        member.delete_instance()
        audit.record("member.remove", actor=actor, object_type="member", object_id=member_id,
                     summary=_("{name} left the case").format(name=member.name), before=kept)
    return Change(touched(case=[1]), lambda who: _restore(kept, actor=who), member_id)


def _restore(kept: dict, *, actor: str) -> Change:
    with database.atomic():
        Member.insert(kept).execute()
        audit.record("member.restore", actor=actor, object_type="member",
                     object_id=kept["id"],
                     summary=_("{name} rejoined the case").format(name=kept["name"]),
                     after=kept)
    return Change(touched(case=[1]), lambda who: remove_member(kept["id"], actor=who),
                  kept["id"])
