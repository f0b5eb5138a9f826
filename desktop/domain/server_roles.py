"""Who may do what on a server case, enforced by the server itself (so also for someone who
connects with psql): group roles, privileges, row-level security and triggers.

Each case database has three group roles, named after it: `<db>_documenter`,
`<db>_reviewer` and `<db>_admin`. A person logs in as their own role, a member of one of
them. Every group reads the case and appends to its trail; documenters and reviewers write
sources, incidents and evidence; only reviewers write review decisions and sign-offs; only
the administrator changes the case's own row and its members. Nobody updates or deletes an
audit entry (no privilege, and a trigger for the owner too), an entry names the role that
wrote it (row-level security), and four eyes hold in a trigger: nobody approves evidence
they marked or edited, nor signs off an incident they made. Evidence linked to an incident
submitted or signed off sends it back to draft in the same transaction, as the services do
(a deferred constraint trigger, checked as the transaction commits).

Row-level security is forced on the case's owner too (the role that ran `casefile server
init`, which owns the tables): its own writes through Casefile obey the same policies as
everyone's, and only it can change the rules (DDL), which is why people work as members.
The rules are installed again, as they are, by every `casefile server init` (`install`);
`installed_rules` tells whether that changed anything.
"""

from __future__ import annotations

from desktop.domain import models

ROLES = ("documenter", "reviewer", "admin")

#: The tables documenters and reviewers write (the case's content, and its search index).
_CONTENT = ("source", "source_original", "source_index", "search_lemma", "incident",
            "evidence", "protected_person")
#: Audit actions by which a person has a hand in a span (as services/review counts them).
HAND_ACTIONS = ("evidence.add", "evidence.import", "evidence.update", "evidence.resubmit",
                "evidence.restore")
#: The workflow states in which an incident is what someone submitted or signed off (as
#: services/incidents.REVIEWED_STATES): evidence linked to one sends it back to draft.
REVIEWED_STATES = ("in_review", "approved")


def identifier(name: str) -> str:
    """A name quoted as an SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    """A text quoted as an SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def database_name() -> str:
    return models.database.execute_sql("SELECT current_database()").fetchone()[0]


def group(role: str, database: str | None = None) -> str:
    """The group role of `role` ("documenter", "reviewer", "admin") on this case."""
    return f"{database or database_name()}_{role}"


def current_role() -> str:
    """The role this connection is authenticated as: the actor of everything it writes."""
    return models.database.execute_sql("SELECT current_user").fetchone()[0]


def owner() -> str:
    """The role that owns the case's tables (whoever made the case): only it, or a role in
    it, or a superuser, installs the rules."""
    return models.database.execute_sql("SELECT pg_get_userbyid(relowner) FROM pg_class "
                                       "WHERE oid = 'audit_entry'::regclass").fetchone()[0]


def may_install() -> bool:
    """Whether this connection's role may install the case's rules (it owns the tables)."""
    return models.database.execute_sql(
        "SELECT rolsuper OR pg_has_role(current_user, ?, 'USAGE') FROM pg_roles "
        "WHERE rolname = current_user", (owner(),)).fetchone()[0]


def roles_of(role: str) -> list[str]:
    """Which of the case's groups `role` is a member of."""
    database = database_name()
    return [r for r in ROLES if models.database.execute_sql(
        "SELECT pg_has_role(?, ?, 'MEMBER')", (role, group(r, database))).fetchone()[0]]


def role_exists(role: str) -> bool:
    return models.database.execute_sql("SELECT 1 FROM pg_roles WHERE rolname = ?",
                                       (role,)).fetchone() is not None


def _rules(reviewer: str) -> str:
    hands = ", ".join(literal(a) for a in HAND_ACTIONS)
    reviewed = ", ".join(literal(s) for s in REVIEWED_STATES)
    refuse = (f"IF NOT pg_has_role(current_user, {literal(reviewer)}, 'MEMBER') THEN\n"
              "        RAISE EXCEPTION '% is not a reviewer of this case: only its reviewers "
              "approve, return and sign off', current_user\n"
              "            USING ERRCODE = 'insufficient_privilege';\n    END IF;")
    return f"""
CREATE OR REPLACE FUNCTION casefile_had_a_hand(span integer) RETURNS boolean
    LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM evidence WHERE id = span AND created_by = current_user)
        OR EXISTS (SELECT 1 FROM audit_entry WHERE object_type = 'evidence'
                   AND object_id = span AND actor = current_user AND action IN ({hands}))
$$;

CREATE OR REPLACE FUNCTION casefile_four_eyes_waived() RETURNS boolean
    LANGUAGE sql STABLE AS $$ SELECT coalesce((SELECT one_person FROM "case" LIMIT 1), false) $$;

CREATE OR REPLACE FUNCTION casefile_evidence_rules() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.created_by IS DISTINCT FROM OLD.created_by THEN
        -- who marked a span is what four eyes are checked against: it stays as marked
        RAISE EXCEPTION 'who marked E-% is not changed (four eyes are checked against it)',
            lpad(OLD.id::text, 3, '0') USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.review_state = 'pending' OR (TG_OP = 'UPDATE' AND
            (NEW.review_state, NEW.review_comment, NEW.reviewed_by, NEW.reviewed_at)
            IS NOT DISTINCT FROM (OLD.review_state, OLD.review_comment, OLD.reviewed_by,
                                  OLD.reviewed_at)) THEN
        RETURN NEW;  -- no decision: marking, editing, resubmitting
    END IF;
    {refuse}
    -- a span inserted already approved was marked by the role approving it (created_by is
    -- that of the inserting role, by row-level security), unless it comes back (an undo of its
    -- removal) with the approval another role recorded in the trail
    IF NEW.review_state = 'approved' AND NOT casefile_four_eyes_waived()
            AND ((TG_OP = 'INSERT' AND NOT EXISTS (
                    SELECT 1 FROM audit_entry WHERE object_type = 'evidence'
                    AND object_id = NEW.id AND action = 'evidence.approve'
                    AND actor <> current_user))
                OR (TG_OP = 'UPDATE' AND casefile_had_a_hand(NEW.id))) THEN
        RAISE EXCEPTION '% marked or edited E-%: another reviewer must approve it (four eyes)',
            current_user, lpad(NEW.id::text, 3, '0') USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION casefile_incident_rules() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.state NOT IN ('approved', 'returned') OR (TG_OP = 'UPDATE' AND
            (NEW.state, NEW.decided_by, NEW.decided_at)
            IS NOT DISTINCT FROM (OLD.state, OLD.decided_by, OLD.decided_at)) THEN
        RETURN NEW;  -- no sign-off or return
    END IF;
    {refuse}
    IF TG_OP = 'UPDATE' AND NEW.state = 'approved' AND NOT casefile_four_eyes_waived()
            AND EXISTS (SELECT 1 FROM evidence AS e WHERE e.incident_id = NEW.id
                        AND e.status <> 'rejected' AND casefile_had_a_hand(e.id)) THEN
        RAISE EXCEPTION '% marked or edited evidence of %: another reviewer must sign it off '
            '(four eyes)', current_user, NEW.code USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;

-- The incidents whose workflow state a transaction set to submitted or signed off (or that
-- it made so): evidence linked to them in that transaction is part of what was submitted or
-- decided. Written only by the trigger below (no role has a privilege on the table); the
-- rows of transactions committed since are cleared as the next are written (another's rows
-- are seen only once it has committed; rows in a restored database are cleared alike).
CREATE TABLE IF NOT EXISTS casefile_state_set (
    xact xid8 NOT NULL,
    incident integer NOT NULL,
    PRIMARY KEY (xact, incident));

CREATE OR REPLACE FUNCTION casefile_note_state_set() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF NEW.state IN ({reviewed}) AND (TG_OP = 'INSERT' OR NEW.state <> OLD.state) THEN
        DELETE FROM casefile_state_set WHERE ctid = ANY (ARRAY(
            SELECT ctid FROM casefile_state_set WHERE xact <> pg_current_xact_id()
            FOR UPDATE SKIP LOCKED));
        INSERT INTO casefile_state_set VALUES (pg_current_xact_id(), NEW.id)
            ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;

-- A span that comes back to an incident it was in when the incident was last submitted or
-- signed off (the undo of its removal, or of a move out of it, since) is what the incident
-- held: an entry made after that state was set records it there before a change. A span
-- that left the incident before then was not part of what was submitted or signed off.
CREATE OR REPLACE FUNCTION casefile_comes_back(span integer, into_incident integer)
    RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM audit_entry WHERE object_type = 'evidence'
                   AND object_id = span AND action IN ('evidence.remove', 'evidence.update')
                   AND before::jsonb ->> 'incident' = into_incident::text
                   AND id > coalesce((SELECT max(id) FROM audit_entry
                                      WHERE object_type = 'incident'
                                      AND object_id = into_incident
                                      AND after::jsonb ->> 'state' IN ({reviewed})), 0))
$$;

CREATE OR REPLACE FUNCTION casefile_evidence_reopens() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    joined record;
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.incident_id IS NOT DISTINCT FROM OLD.incident_id THEN
        RETURN NULL;
    END IF;
    -- as the transaction leaves the span and its incident: it may have moved it on since
    SELECT i.code, i.state INTO joined FROM evidence AS e JOIN incident AS i
        ON i.id = e.incident_id WHERE e.id = NEW.id AND e.incident_id = NEW.incident_id
        AND i.state IN ({reviewed});
    IF NOT FOUND OR EXISTS (SELECT 1 FROM casefile_state_set WHERE xact = pg_current_xact_id()
                            AND incident = NEW.incident_id)
            OR casefile_comes_back(NEW.id, NEW.incident_id) THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'E-% was linked to %, which is %: an incident submitted or signed off '
        'goes back to draft when evidence is linked to it', lpad(NEW.id::text, 3, '0'),
        joined.code, replace(joined.state, '_', ' ') USING ERRCODE = 'check_violation';
END $$;

DROP TRIGGER IF EXISTS casefile_state_set ON incident;
CREATE TRIGGER casefile_state_set AFTER INSERT OR UPDATE OF state ON incident
    FOR EACH ROW EXECUTE FUNCTION casefile_note_state_set();
DROP TRIGGER IF EXISTS casefile_reopened_by_evidence ON evidence;
CREATE CONSTRAINT TRIGGER casefile_reopened_by_evidence
    AFTER INSERT OR UPDATE OF incident_id ON evidence DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (NEW.incident_id IS NOT NULL)
    EXECUTE FUNCTION casefile_evidence_reopens();
DROP TRIGGER IF EXISTS casefile_review_rules ON evidence;
CREATE TRIGGER casefile_review_rules BEFORE INSERT OR UPDATE ON evidence
    FOR EACH ROW EXECUTE FUNCTION casefile_evidence_rules();
DROP TRIGGER IF EXISTS casefile_review_rules ON incident;
CREATE TRIGGER casefile_review_rules BEFORE INSERT OR UPDATE ON incident
    FOR EACH ROW EXECUTE FUNCTION casefile_incident_rules();
"""


#: The trail is append-only for everyone, the owner too (no role but a superuser can get round
#: a trigger): made with the schema, and again with the roles.
TRAIL_RULES = """
CREATE OR REPLACE FUNCTION casefile_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only: its entries are never changed or removed'
        USING ERRCODE = 'insufficient_privilege';
END $$;
DROP TRIGGER IF EXISTS casefile_append_only ON audit_entry;
CREATE TRIGGER casefile_append_only BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION casefile_append_only();
DROP TRIGGER IF EXISTS casefile_append_only_truncate ON audit_entry;
CREATE TRIGGER casefile_append_only_truncate BEFORE TRUNCATE ON audit_entry
    EXECUTE FUNCTION casefile_append_only();
"""

_ROW_SECURITY = """
ALTER TABLE audit_entry ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS casefile_read ON audit_entry;
CREATE POLICY casefile_read ON audit_entry FOR SELECT USING (true);
DROP POLICY IF EXISTS casefile_own_entries ON audit_entry;
CREATE POLICY casefile_own_entries ON audit_entry FOR INSERT WITH CHECK (actor = current_user);
-- The owner's change or removal of an entry reaches the append-only trigger, which refuses it
-- in words: forced row security would otherwise match no row, and say nothing.
DROP POLICY IF EXISTS casefile_changes_refused ON audit_entry;
CREATE POLICY casefile_changes_refused ON audit_entry FOR UPDATE USING (true) WITH CHECK (false);
DROP POLICY IF EXISTS casefile_removals_refused ON audit_entry;
CREATE POLICY casefile_removals_refused ON audit_entry FOR DELETE USING (true);
ALTER TABLE audit_entry FORCE ROW LEVEL SECURITY;
ALTER TABLE evidence ENABLE ROW LEVEL SECURITY;
ALTER TABLE evidence FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS casefile_all ON evidence;
CREATE POLICY casefile_all ON evidence FOR ALL USING (true);
DROP POLICY IF EXISTS casefile_own_marks ON evidence;
CREATE POLICY casefile_own_marks ON evidence AS RESTRICTIVE FOR INSERT
    WITH CHECK (created_by = current_user);
"""


def install() -> list[str]:
    """Create the case's group roles (where missing) and give each what it may do, in the
    caller's transaction; returns the groups' names. Run by the case's owner."""
    db, database = models.database, database_name()
    groups = {role: group(role, database) for role in ROLES}
    for name in groups.values():
        if not role_exists(name):
            db.execute_sql(f"CREATE ROLE {identifier(name)} NOLOGIN")
    everyone = ", ".join(identifier(g) for g in groups.values())
    writers = ", ".join(identifier(groups[r]) for r in ROLES)
    admin = identifier(groups["admin"])
    for statement in (
            f"REVOKE ALL ON DATABASE {identifier(database)} FROM PUBLIC",
            f"GRANT CONNECT, TEMPORARY ON DATABASE {identifier(database)} TO {everyone}",
            f"GRANT USAGE ON SCHEMA public TO {everyone}",
            f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {everyone}",
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {everyone}",
            f"GRANT INSERT ON audit_entry TO {everyone}",
            f'GRANT UPDATE (audit_head, audit_count) ON "case" TO {everyone}',
            f"GRANT INSERT, UPDATE, DELETE ON {', '.join(_CONTENT)} TO {writers}",
            f'GRANT UPDATE ON "case" TO {admin}',
            f"GRANT INSERT, UPDATE, DELETE ON member TO {admin}",
            f"REVOKE UPDATE, DELETE, TRUNCATE ON audit_entry FROM PUBLIC, {everyone}"):
        db.execute_sql(statement)
    db.execute_sql(TRAIL_RULES)
    db.execute_sql(_rules(groups["reviewer"]))
    # what the triggers note is theirs alone (granted with all tables when installed again)
    db.execute_sql(f"REVOKE ALL ON casefile_state_set FROM PUBLIC, {everyone}")
    db.execute_sql(_ROW_SECURITY)
    return list(groups.values())


#: What the server holds of a case's rules, by name: its functions, its triggers (and whether
#: each is enabled), its policies, which tables have row-level security and whether forced,
#: and the privileges on the database, its schema, tables, sequences and columns. The
#: triggers that note written rows are the schema's (made again by an upgrade), not rules.
_INSTALLED = """
SELECT 'function ' || p.proname, pg_get_functiondef(p.oid)
    FROM pg_proc AS p WHERE p.pronamespace = 'public'::regnamespace
    AND p.proname LIKE 'casefile%' AND p.proname <> 'casefile_note_written'
UNION ALL
SELECT 'trigger ' || t.tgname || ' on ' || c.relname,
       pg_get_triggerdef(t.oid) || ' ' || t.tgenabled::text
    FROM pg_trigger AS t JOIN pg_class AS c ON c.oid = t.tgrelid
    WHERE c.relnamespace = 'public'::regnamespace AND NOT t.tgisinternal
    AND t.tgname <> 'casefile_written'
UNION ALL
SELECT 'policy ' || policyname || ' on ' || tablename,
       concat_ws(' ', permissive, cmd, roles::text, qual, with_check)
    FROM pg_policies WHERE schemaname = 'public'
UNION ALL
SELECT 'row security of ' || relname, relrowsecurity || ' ' || relforcerowsecurity
    FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'
UNION ALL
SELECT 'privileges on ' || relname,
       coalesce(relacl, acldefault(CASE relkind WHEN 'S' THEN 's' ELSE 'r' END::"char",
                           relowner))::text
    FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'S')
UNION ALL
SELECT 'privileges on ' || c.relname || '.' || a.attname, a.attacl::text
    FROM pg_attribute AS a JOIN pg_class AS c ON c.oid = a.attrelid
    WHERE c.relnamespace = 'public'::regnamespace AND a.attacl IS NOT NULL
UNION ALL
SELECT 'privileges on the schema', coalesce(nspacl, acldefault('n'::"char", nspowner))::text
    FROM pg_namespace WHERE nspname = 'public'
UNION ALL
SELECT 'privileges on the database', coalesce(datacl, acldefault('d'::"char", datdba))::text
    FROM pg_database WHERE datname = current_database()
"""


def installed_rules() -> dict[str, str]:
    """The case's rules as the server holds them (name → definition): what `install` puts
    there, to tell whether installing them again changed anything."""
    return dict(models.database.execute_sql(_INSTALLED).fetchall())


def changed_rules(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """The names of the rules that differ between two `installed_rules`, sorted."""
    return sorted(name for name in before.keys() | after.keys()
                  if before.get(name) != after.get(name))


def grant(role: str, as_: str) -> bool:
    """Make `role` (a login role, created without a password when it does not exist: it
    authenticates the server's way) a member of the case's `as_` group; True if created."""
    created = not role_exists(role)
    if created:
        models.database.execute_sql(f"CREATE ROLE {identifier(role)} LOGIN")
    models.database.execute_sql(f"GRANT {identifier(group(as_))} TO {identifier(role)}")
    return created
