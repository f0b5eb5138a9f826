"""What a hand-over manifest records of its copy, and the check of a copy against it.

The manifest is written beside the copy and anchors it outside the file: the copy's SHA-256
and size, its case (title, reference, marking), its counts, the audit chain's head, and a
digest of every source, incident and evidence row. Checked against it, a copy not worked on
since must be the same file byte for byte; a copy worked on since (a reviewer's, returned)
must still hold every row its trail does not name as changed since, as it was, and no row
more than those its trail names as added.

An encrypted copy's manifest says in clear only what checking its bytes needs (file name,
SHA-256, size); everything else is sealed with the copy's passphrase (`encryption.seal`).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop import __version__
from desktop.domain import encryption, json_input
from desktop.domain.errors import CaseOpenError
from desktop.domain.models import utc_now
from desktop.domain.refs import evidence_ref, source_ref
from desktop.services.words import _

#: How SQL is run on the copy: `con.execute` of a raw connection, or `database.execute_sql`.
Execute = Callable[..., Any]

#: The largest manifest read (a 20,000-span case's is about 1 MB).
MAX_MANIFEST_BYTES = 64 * 1024 * 1024

_SOURCE = ("kind", "title", "publisher", "author", "url", "published", "language",
           "collected_at", "collected_by", "collected_from", "original_name", "media_type",
           "size", "sha256", "text_sha256", "encoding", "reliability", "reliability_note",
           "confidential", "imported_at", "imported_by", "originator", "relays_id", "extra")
_INCIDENT = ("code", "title", "date_start", "date_end", "date_precision", "report_date", "time",
             "place", "place_alternatives", "district", "region", "country", "latitude",
             "longitude", "coordinates_source", "victims_min", "victims_max", "victim_status",
             "victims_named", "perpetrator_force", "perpetrator_unit", "perpetrators_named",
             "narrative", "qualifications", "state", "state_comment", "decided_by",
             "decided_at", "created_at", "created_by")
_EVIDENCE = ("source_id", "start", "end", "quote", "prefix", "suffix", "incident_id",
             "supports", "asserted_value", "status", "credibility", "note", "created_at",
             "created_by", "review_state", "review_comment", "reviewed_at", "reviewed_by",
             "originator", "period_start", "period_end", "scope")
#: Per kind of row: its table, the columns its digest covers, and the column kept beside the
#: digest to name it (a source's title, an incident's code, the incident a span belongs to).
_ROWS = {"sources": ("source", _SOURCE, "title"),
         "incidents": ("incident", _INCIDENT, "code"),
         "evidence": ("evidence", _EVIDENCE, "incident_id")}
#: The audit trail's name for each kind of row (its entries' object_type).
_OBJECT_TYPE = {"sources": "source", "incidents": "incident", "evidence": "evidence"}
_NOUN = {"sources": "source", "incidents": "incident", "evidence": "evidence"}

_CASE = 'SELECT title, reference, classification, audit_head, audit_count FROM "case"'


def _digest(values: tuple) -> str:
    text = json.dumps(values, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _rows(execute: Execute, kind: str) -> dict[str, list]:
    table, columns, label = _ROWS[kind]
    quoted = ", ".join(f'"{c}"' for c in columns)
    at = columns.index(label)
    return {str(row[0]): [_digest(row[1:]), row[1 + at]]
            for row in execute(f'SELECT id, {quoted} FROM "{table}" ORDER BY id')}


def facts(execute: Execute) -> dict:
    """What a manifest records of a case, read through `execute` (one consistent read)."""
    title, reference, marking, head, count = execute(_CASE).fetchone()
    rows = {kind: _rows(execute, kind) for kind in _ROWS}
    return {"case": {"title": title, "reference": reference, "classification": marking},
            "counts": {kind: len(found) for kind, found in rows.items()},
            "audit": {"entries": count, "head": head}, "rows": rows}


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def manifest(copy: Path, recorded: dict, *, actor: str, passphrase: str | None) -> dict:
    """The manifest of `copy`, whose `facts` are `recorded`: sealed with `passphrase` when
    the copy is encrypted, so that it says nothing in clear the copy does not."""
    body = {**recorded, "made_by": actor, "made_at": utc_now(), "casefile": __version__}
    clear = {"file": copy.name, "sha256": file_sha256(copy), "size": copy.stat().st_size}
    if passphrase is None:
        return {**clear, **body}
    sealed = encryption.seal(json.dumps(body, ensure_ascii=False).encode("utf-8"), passphrase)
    return {**clear, "encrypted": True, "sealed": base64.b64encode(sealed).decode("ascii")}


def read(path: Path) -> dict:
    """A manifest file as written by `manifest`, or a one-line error naming the file."""
    path = Path(path)
    try:
        data = json_input.parse(json_input.read_bounded(path, MAX_MANIFEST_BYTES)
                                .decode("utf-8"))
    except OSError as exc:
        raise CaseOpenError(path, _("cannot be read: {reason}").format(
            reason=exc.strerror)) from exc
    except json_input.JsonRefused as exc:  # a device, too large, or nested too deeply
        raise CaseOpenError(path, _("is not a hand-over manifest (it {reason})").format(
            reason=exc.reason)) from None
    except ValueError as exc:  # not UTF-8, or not JSON
        raise CaseOpenError(path, _("is not a hand-over manifest (not JSON: {reason})").format(
            reason=exc)) from None
    if not isinstance(data, dict) or not isinstance(data.get("sha256"), str):
        raise CaseOpenError(path, _("is not a hand-over manifest (it records no SHA-256)"))
    return data


def _opened(manifest: dict, passphrase: str | None, problems: list[str]) -> dict | None:
    """The manifest's facts: in clear, or unsealed with the copy's passphrase."""
    if not manifest.get("encrypted"):
        if passphrase is not None:
            problems.append("The manifest is of a plain copy, but this copy is encrypted.")
        return manifest
    if passphrase is None:
        problems.append("The manifest is of an encrypted copy, but this copy is plain.")
        return None
    try:
        blob = base64.b64decode(str(manifest.get("sealed", "")), validate=True)
        return json.loads(encryption.unseal(blob, passphrase).decode("utf-8"))
    except (binascii.Error, ValueError, CaseOpenError, RecursionError):
        problems.append("The manifest's sealed part does not open with this copy's "
                        "passphrase: it is not the manifest of this copy, or it was changed.")
        return None


def _check_head(recorded: dict, execute: Execute, problems: list[str]) -> int | None:
    """The number of entries at hand-over, once the head the manifest names is found in the
    trail as it was: every entry up to the hand-over is then the one recorded outside the
    file, even if the whole chain was recomputed since."""
    audit = recorded.get("audit")
    count = audit.get("entries") if isinstance(audit, dict) else None
    expected = audit.get("head") if isinstance(audit, dict) else None
    if (not isinstance(count, int) or isinstance(count, bool) or not 0 <= count < 2**63
            or not isinstance(expected, str)):
        problems.append("The manifest does not record the audit chain's head.")
        return None
    row = execute("SELECT entry_hash FROM audit_entry WHERE id = ?", (count,)).fetchone()
    if row is None:
        problems.append(f"Audit entry #{count}, the last one at hand-over, is missing.")
    elif row[0] != expected:
        problems.append(
            f"Audit entry #{count} is not the one recorded in the hand-over manifest: the trail "
            "up to the hand-over was rewritten.")
    return count


def _check_bytes(manifest: dict, copy: Path, problems: list[str]) -> None:
    sha, size, recorded = file_sha256(copy), copy.stat().st_size, manifest.get("size")
    if sha != manifest.get("sha256") or size != recorded:
        recorded = f"{recorded:,}" if isinstance(recorded, int) else "an unrecorded number of"
        problems.append(
            f"{copy.name} is not the file handed over, though its trail records no change "
            f"since: its SHA-256 is {sha[:16]}… ({size:,} bytes), the manifest's "
            f"{str(manifest.get('sha256'))[:16]}… ({recorded} bytes).")


def _check_case(recorded: dict, current: dict, problems: list[str]) -> None:
    case = recorded.get("case") if isinstance(recorded.get("case"), dict) else {}
    for key in ("title", "reference", "classification"):
        if case.get(key) != current["case"][key]:
            problems.append(f"The case's {key} is “{current['case'][key]}” in the copy, but "
                            f"“{case.get(key)}” in the manifest: it is not the case handed "
                            "over, or it was changed outside Casefile.")


def _check_counts(recorded: dict, current: dict, problems: list[str]) -> None:
    counts = recorded.get("counts") if isinstance(recorded.get("counts"), dict) else {}
    for kind, noun in _NOUN.items():
        if counts.get(kind) != current["counts"][kind]:
            have = current["counts"][kind]
            problems.append(f"The copy has {have} {noun} record{'' if have == 1 else 's'}, "
                            f"the manifest {counts.get(kind)}.")


def _touched(execute: Execute, since: int) -> dict[str, set[str]]:
    """What the audit entries written after the hand-over name: ids by kind of row, and
    under "case" the edits of the case itself (its title, reference, marking)."""
    named: dict[str, set[str]] = {kind: set() for kind in (*_OBJECT_TYPE, "case")}
    by_type = {object_type: kind for kind, object_type in _OBJECT_TYPE.items()}
    for action, object_type, object_id in execute(
            "SELECT action, object_type, object_id FROM audit_entry WHERE id > ?", (since,)):
        kind = "case" if action == "case.update" else by_type.get(object_type)
        if kind is not None:
            named[kind].add(str(object_id))
    return named


def _name(kind: str, row_id: str, label: Any) -> str:
    if kind == "sources":
        return f"{source_ref(int(row_id))} “{label}”"
    return str(label) if kind == "incidents" else evidence_ref(int(row_id))


def _check_rows(recorded: dict, current: dict, touched: dict[str, set[str]],
                problems: list[str]) -> None:
    """Every row as it was at hand-over unless the trail names it as changed since."""
    rows = recorded.get("rows")
    if not isinstance(rows, dict):
        return  # a manifest from before row digests: the head and counts are all it has
    for kind in _ROWS:
        listed = rows.get(kind) if isinstance(rows.get(kind), dict) else {}
        theirs = {k: v for k, v in listed.items() if k.isdecimal() and k.isascii()}
        if len(theirs) < len(listed):
            problems.append(f"The manifest's {kind} rows are not all named by their number: "
                            "it was not written by Casefile, or it was changed.")
        ours = current["rows"][kind]
        for row_id in sorted(set(theirs) | set(ours), key=int):
            before, now = theirs.get(row_id), ours.get(row_id)
            if row_id in touched[kind] or (kind == "evidence" and _of_touched_incident(
                    before, now, touched["incidents"])):
                continue
            if now is None:
                label = before[1] if isinstance(before, list) and len(before) > 1 else row_id
                problems.append(f"{_name(kind, row_id, label)} was in the copy handed over and "
                                "is gone, and its trail records no removal of it.")
            elif before is None:
                problems.append(f"{_name(kind, row_id, now[1])} was not in the copy handed "
                                "over, and its trail records no addition of it.")
            elif not isinstance(before, list) or before[:1] != now[:1]:
                problems.append(f"{_name(kind, row_id, now[1])} differs from the copy handed "
                                "over, and its trail records no change of it since.")


def _of_touched_incident(before: Any, now: Any, incidents: set[str]) -> bool:
    """Whether a span was (or is) linked to an incident changed since: deleting an incident
    unlinks its spans under the incident's entry."""
    linked = {str(r[1]) for r in (before, now) if isinstance(r, list) and len(r) > 1}
    return bool(linked & incidents)


def check(manifest: dict, execute: Execute, *, copy: Path | None = None,
          passphrase: str | None = None) -> list[str]:
    """What differs between the open copy (its file `copy`, if given) and its manifest."""
    problems: list[str] = []
    recorded = _opened(manifest, passphrase, problems)
    if recorded is None or not isinstance(recorded, dict):
        return problems or ["The manifest's sealed part holds no manifest."]
    since = _check_head(recorded, execute, problems)
    if since is None:
        return problems
    current, touched = facts(execute), _touched(execute, since)
    worked_on = current["audit"]["entries"] > since
    if not worked_on:
        if copy is not None:
            _check_bytes(manifest, copy, problems)
        _check_counts(recorded, current, problems)
    if not touched["case"]:
        _check_case(recorded, current, problems)
    _check_rows(recorded, current, touched, problems)
    return problems
