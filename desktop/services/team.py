"""A team on a server case: its group roles set up, and people made members of them.

What each group may do is the server's to enforce (domain/server_roles); these functions
set it up and record it in the trail, each in one transaction with its audit entry.
"""

from __future__ import annotations

from typing import NamedTuple

from desktop.domain import server_roles
from desktop.domain.errors import CasefileError, ValidationError
from desktop.domain.models import database
from desktop.domain.server import ServerCaseError
from desktop.services import audit, members
from desktop.services.changes import Change, touched
from desktop.services.words import _


def _on_server() -> None:
    if not getattr(database.obj, "server", False):
        raise CasefileError(_("roles are for a case on a server; a case file has its members "
                              "(casefile members)"))


def signed_in_as() -> str:
    """The role the open server case is worked as: who every change is recorded as made by."""
    _on_server()
    return server_roles.current_role()


class RolesSetUp(NamedTuple):
    """What `set_up_roles` did: the case's groups, and the rules it changed on the server."""

    groups: list[str]
    first: bool  # the roles were set up for the first time
    changed: list[str]  # the rules (functions, triggers, policies…) made or made again


def set_up_roles() -> RolesSetUp:
    """Create the case's group roles and install its rules, or install them again on a case
    set up before (an older Casefile's rules, or rules changed or dropped on the server), in
    one transaction; the trail records it only when the server's rules changed, so running
    it on a case whose rules are current changes nothing."""
    _on_server()
    if not server_roles.may_install():
        raise ServerCaseError(database.obj.case_url, _(
            "only the case's owner ({owner}) sets up its roles and rules on the server; {role} "
            "is not it, and nothing was changed").format(owner=server_roles.owner(),
                                                         role=server_roles.current_role()))
    with database.atomic():
        before = server_roles.installed_rules()
        groups = server_roles.install()
        changed = server_roles.changed_rules(before, server_roles.installed_rules())
        first = "function casefile_evidence_rules" not in before
        if first:
            summary = _("Set up the case's roles on the server: {groups}").format(
                groups=", ".join(groups))
        else:
            summary = _("Installed the case's rules on the server again: {rules}").format(
                rules=", ".join(changed))
        if first or changed:
            audit.record("server.roles", actor=server_roles.current_role(), object_type="case",
                         object_id=1, summary=summary,
                         after={"groups": groups} if first else {"groups": groups,
                                                                 "rules": changed})
    return RolesSetUp(groups, first, changed)


def add_member(role: str, as_: str) -> Change:
    """Make the login role `role` a documenter, reviewer or administrator of the case (a
    documenter or reviewer is also recorded as a member of the case, under the role's name,
    as four eyes are checked by name)."""
    _on_server()
    if as_ not in server_roles.ROLES:
        raise ValidationError(_("a member is one of: {roles}").format(
            roles=", ".join(server_roles.ROLES)))
    if not role.strip() or role != role.strip():
        raise ValidationError(_("give the member's login role, as the server names it"))
    actor = server_roles.current_role()
    with database.atomic():
        created = server_roles.grant(role, as_)
        if as_ in ("documenter", "reviewer") and members.role_of(role) is None:
            members.add_member(role, as_, actor=actor)
        audit.record("server.grant", actor=actor, object_type="case", object_id=1,
                     summary=_("{role} may work on the case as {group}").format(
                         role=role, group=as_),
                     after={"role": role, "as": as_, "group": server_roles.group(as_),
                            "created": created})
    return Change(touched(case=[1]), None, None)
