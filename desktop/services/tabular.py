"""The case's incidents, evidence and sources as three CSV registers, for organisations'
spreadsheets (and as rows, for the disclosure package's JSON registers).

Written as spreadsheets open them correctly: UTF-8 with a byte-order mark (without it Excel
reads Cyrillic as mojibake), every cell quoted, CRLF line ends. Text cells that a spreadsheet
would run as a formula (starting with = + - @ or a tab) get a leading apostrophe, the usual
guard against CSV formula injection: quotes come from untrusted web pages.

The redacted registers pass every text cell through the case's Redactor (protected names become
their pseudonyms), and leave out the URL of a confidential source (as the redacted dossier
does); the incidents and evidence registers have no URL column at all.
"""

from __future__ import annotations

import csv
import io
import os
from collections import Counter
from collections.abc import Iterable
from contextlib import ExitStack
from pathlib import Path

from peewee import fn

from desktop.domain import files, scales
from desktop.domain.errors import CasefileError
from desktop.domain.models import Evidence, Incident, Source, database
from desktop.domain.pages import span_pages
from desktop.domain.refs import source_ref
from desktop.services import audit, evidence, incidents
from desktop.services.pages import page_starts
from desktop.services.words import _

INCIDENT_COLUMNS = (
    "code", "title", "state", "date_start", "date_end", "date_precision", "report_date", "time",
    "place", "place_alternatives", "district", "region", "country", "latitude", "longitude",
    "victims_min", "victims_max", "victim_status", "perpetrator_force", "perpetrator_unit",
    "qualifications", "open_elements", "evidence",
)
EVIDENCE_COLUMNS = (
    "evidence_no", "incident", "supports", "asserted_value", "quote", "source_title",
    "source_publisher", "source_sha256", "start", "end", "pages", "status", "credibility",
    "source_reliability", "admiralty", "review_state", "reviewed_by", "reviewed_at",
    "review_comment", "note", "created_by", "created_at",
)
SOURCE_COLUMNS = (
    "source", "title", "kind", "publisher", "author", "originator", "url", "published",
    "language", "collected_at", "collected_by", "collected_from", "original_name", "media_type",
    "size", "sha256", "text_sha256", "reliability", "reliability_note", "confidential",
    "relays", "imported_at", "imported_by", "evidence",
)
#: The registers, in the order they are written: (name, columns).
REGISTERS = (("incidents", INCIDENT_COLUMNS), ("evidence", EVIDENCE_COLUMNS),
             ("sources", SOURCE_COLUMNS))
#: Several values in one cell (alternative spellings, qualifications) are joined with this.
JOIN_WITH = " | "
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def export_csv(folder: Path, stem: str, *, actor: str | None = None,
               redacted: bool = False) -> tuple[Path, Path, Path]:
    """Write `<stem>-incidents.csv`, `<stem>-evidence.csv` and `<stem>-sources.csv` into
    `folder` (created when missing); returns the three paths. `redacted`: every text cell
    with protected names replaced by their pseudonyms, no confidential source's URL.

    Each file is written beside its final name and moved over it in one step, so a failure
    never leaves a half-written register. With an `actor`, the export is audited.
    """
    folder = Path(folder)
    _check_target(folder, stem)
    tables = register_rows(redacted=redacted)
    paths = tuple(folder / f"{stem}-{name}.csv" for name, _columns in REGISTERS)
    contents = [csv_bytes(columns, tables[name]) for name, columns in REGISTERS]
    try:
        with ExitStack() as every:  # all are written before any is moved into place
            for path, data in zip(paths, contents, strict=True):
                every.enter_context(files.replacing(path)).write_bytes(data)
    except OSError as exc:
        raise CasefileError(_("{folder}: the registers cannot be written there: {reason}")
                            .format(folder=folder, reason=exc.strerror or exc)) from exc
    if actor is not None:
        _record(paths, {name: len(rows) for name, rows in tables.items()}, actor, redacted)
    return paths


def register_rows(*, redacted: bool = False,
                  incident_ids: Iterable[int] | None = None) -> dict[str, list[list]]:
    """The rows of each register (by name, in its columns' order): of the whole case, or of
    these incidents, their evidence and the sources it cites. `redacted` as `export_csv`."""
    wanted = None if incident_ids is None else set(incident_ids)
    incident_rows = _incident_rows(wanted)
    evidence_rows = _evidence_rows(wanted)
    cited = None
    if wanted is not None:  # a source's spans counted among these incidents' only
        cited = Counter(row.source_id for row in evidence.evidence_rows()
                        if row.incident_id in wanted)
    source_rows = _source_rows(cited, redacted)
    tables = {"incidents": incident_rows, "evidence": evidence_rows, "sources": source_rows}
    if redacted:
        from desktop.services.protection import Redactor

        redactor = Redactor.for_case()
        tables = {name: [[redactor(v) if isinstance(v, str) else v for v in row]
                         for row in rows] for name, rows in tables.items()}
    return tables


def _check_target(folder: Path, stem: str) -> None:
    """Refuse a stem that is not a plain name and a folder that cannot take the files; make
    the folder when it is missing."""
    if not stem or stem != Path(stem).name or stem in (".", ".."):
        raise CasefileError(_("“{stem}” cannot start a file name: use a name without folders")
                            .format(stem=stem))
    if not folder.exists():
        try:
            folder.mkdir(parents=True)
        except OSError as exc:
            raise CasefileError(_("{folder}: the registers cannot be written there: the folder "
                                  "cannot be made ({reason})").format(
                folder=folder, reason=exc.strerror or exc)) from exc
    if not folder.is_dir():
        raise CasefileError(_("{folder}: the registers cannot be written there: it is not a "
                              "folder").format(folder=folder))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise CasefileError(_("{folder}: the registers cannot be written there: the folder is "
                              "read-only").format(folder=folder))


def csv_bytes(columns: tuple[str, ...], rows: list[list]) -> bytes:
    """A header row and rows as spreadsheet CSV: UTF-8 with BOM, all quoted, CRLF."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([_cell(value) for value in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


def _cell(value: object) -> object:
    """A value as a cell: None empty, text that would run as a formula made plain text."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _incident_rows(wanted: set[int] | None = None) -> list[list]:
    """One row per incident (of those `wanted`), by code, in INCIDENT_COLUMNS order."""
    counts = dict(Evidence.select(Evidence.incident, fn.COUNT(Evidence.id))
                  .where(Evidence.incident.is_null(False))
                  .group_by(Evidence.incident).tuples())
    rows = []
    for incident in Incident.select().order_by(Incident.code):
        if wanted is not None and incident.id not in wanted:
            continue
        instruments = [scales.QUALIFICATIONS_BY_CODE[q].instrument
                       if q in scales.QUALIFICATIONS_BY_CODE else q
                       for q in incident.qualifications or []]
        spellings = [s.strip() for s in incident.place_alternatives.splitlines() if s.strip()]
        rows.append([
            incident.code, incident.title, incident.state, incident.date_start,
            incident.date_end, incident.date_precision, incident.report_date, incident.time,
            incident.place, JOIN_WITH.join(spellings), incident.district, incident.region,
            incident.country, incident.latitude, incident.longitude, incident.victims_min,
            incident.victims_max, incident.victim_status, incident.perpetrator_force,
            incident.perpetrator_unit, JOIN_WITH.join(instruments),
            len(incidents.open_elements(incident)), counts.get(incident.id, 0),
        ])
    return rows


def _evidence_rows(wanted: set[int] | None = None) -> list[list]:
    """One row per evidence span (of the incidents `wanted`), by number, in EVIDENCE_COLUMNS
    order; `pages` is the pages of a paged source the span lies on ("14", "14–15", else "")."""
    rows = [row for row in evidence.evidence_rows(by_number=True)
            if wanted is None or row.incident_id in wanted]
    starts = page_starts(row.source_id for row in rows)
    return [[row.ref, row.incident_code,
             scales.supports_label(row.supports) if row.supports else "", row.asserted_value,
             row.quote, row.source_title, row.source_publisher, row.source_sha256, row.start,
             row.end, _pages(starts[row.source_id], row.start, row.end), row.status,
             row.credibility, row.source_reliability,
             f"{row.source_reliability}{row.credibility}", row.review_state, row.reviewed_by,
             row.reviewed_at, row.review_comment, row.note, row.created_by, row.created_at]
            for row in rows]


def _pages(starts: list[int], start: int, end: int) -> str:
    found = span_pages(starts, start, end)
    if found is None:
        return ""
    return str(found[0]) if found[0] == found[1] else f"{found[0]}–{found[1]}"


def _source_rows(wanted: Counter | None, redacted: bool) -> list[list]:
    """One row per source (of those `wanted`: source id → its spans), by id, in SOURCE_COLUMNS
    order; a confidential source's URL and where it was collected from are left out of the
    redacted register."""
    counts = wanted if wanted is not None else dict(
        Evidence.select(Evidence.source, fn.COUNT(Evidence.id)).group_by(Evidence.source)
        .tuples())
    names = [c for c in SOURCE_COLUMNS if c not in ("source", "relays", "evidence")]
    query = Source.select(Source.id, Source.relays, *(getattr(Source, n) for n in names))
    rows = []
    for source_id, relays, *values in query.order_by(Source.id).tuples():
        if wanted is not None and source_id not in wanted:
            continue
        row = dict(zip(names, values, strict=True))
        if redacted and row["confidential"]:
            row["url"] = row["collected_from"] = ""
        row["confidential"] = "yes" if row["confidential"] else "no"
        row.update(source=source_ref(source_id), evidence=counts.get(source_id, 0),
                   relays=source_ref(relays) if relays else "")
        rows.append([row[c] for c in SOURCE_COLUMNS])
    return rows


def _record(paths: tuple[Path, ...], counts: dict[str, int], actor: str,
            redacted: bool) -> None:
    """The export's audit entry: registers leaving the case are part of its custody record."""
    with database.atomic():
        audit.record("registers.export", actor=actor, object_type="case", object_id=1,
                     summary=(_("Exported the redacted registers {files} ({incidents} "
                                "incidents, {evidence} evidence, {sources} sources)")
                              if redacted else
                              _("Exported the registers {files} ({incidents} incidents, "
                                "{evidence} evidence, {sources} sources)")).format(
                         files=", ".join(p.name for p in paths), **counts),
                     after={"files": [p.name for p in paths], **counts,
                            "edition": "redacted" if redacted else "full"})
