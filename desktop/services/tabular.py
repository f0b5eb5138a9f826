"""The case's incidents and evidence as two CSV registers, for organisations' spreadsheets.

Written as spreadsheets open them correctly: UTF-8 with a byte-order mark (without it Excel
reads Cyrillic as mojibake), every cell quoted, CRLF line ends. Text cells that a spreadsheet
would run as a formula (starting with = + - @ or a tab) get a leading apostrophe, the usual
guard against CSV formula injection: quotes come from untrusted web pages.

The redacted registers pass every text cell through the case's Redactor (protected names become
their pseudonyms). Neither register has a column for a source's URL, so a confidential
source's never leaves with them.
"""

from __future__ import annotations

import csv
import io
import os
from contextlib import ExitStack
from pathlib import Path

from peewee import fn

from desktop.domain import files, scales
from desktop.domain.errors import CasefileError
from desktop.domain.models import Evidence, Incident, database
from desktop.services import audit, evidence, incidents

INCIDENT_COLUMNS = (
    "code", "title", "state", "date_start", "date_end", "date_precision", "report_date", "time",
    "place", "place_alternatives", "district", "region", "country", "latitude", "longitude",
    "victims_min", "victims_max", "victim_status", "perpetrator_force", "perpetrator_unit",
    "qualifications", "open_elements", "evidence",
)
EVIDENCE_COLUMNS = (
    "evidence_no", "incident", "supports", "asserted_value", "quote", "source_title",
    "source_publisher", "source_sha256", "start", "end", "status", "credibility",
    "source_reliability", "admiralty", "review_state", "reviewed_by", "reviewed_at",
    "review_comment", "note", "created_by", "created_at",
)
#: Several values in one cell (alternative spellings, qualifications) are joined with this.
JOIN_WITH = " | "
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def export_csv(folder: Path, stem: str, *, actor: str | None = None,
               redacted: bool = False) -> tuple[Path, Path]:
    """Write `<stem>-incidents.csv` and `<stem>-evidence.csv` into `folder`; returns both paths.
    `redacted`: every text cell with protected names replaced by their pseudonyms.

    Each file is written beside its final name and moved over it in one step, so a failure
    never leaves a half-written register. With an `actor`, the export is audited.
    """
    folder = Path(folder)
    _check_target(folder, stem)
    incident_rows = _incident_rows()
    evidence_rows = _evidence_rows()
    if redacted:
        from desktop.services.protection import Redactor

        redactor = Redactor.for_case()
        incident_rows, evidence_rows = ([[redactor(v) if isinstance(v, str) else v for v in row]
                                         for row in rows]
                                        for rows in (incident_rows, evidence_rows))
    paths = (folder / f"{stem}-incidents.csv", folder / f"{stem}-evidence.csv")
    contents = (_csv_bytes(INCIDENT_COLUMNS, incident_rows),
                _csv_bytes(EVIDENCE_COLUMNS, evidence_rows))
    try:
        with ExitStack() as both:  # both are written before either is moved into place
            for path, data in zip(paths, contents, strict=True):
                both.enter_context(files.replacing(path)).write_bytes(data)
    except OSError as exc:
        raise CasefileError(f"{folder}: the registers cannot be written there: "
                            f"{exc.strerror or exc}") from exc
    if actor is not None:
        _record(paths, len(incident_rows), len(evidence_rows), actor, redacted)
    return paths


def _check_target(folder: Path, stem: str) -> None:
    """Refuse a folder that cannot take the files, and a stem that is not a plain name."""
    if not stem or stem != Path(stem).name or stem in (".", ".."):
        raise CasefileError(f"“{stem}” cannot start a file name: use a name without folders")
    if not folder.is_dir():
        raise CasefileError(f"{folder}: the registers cannot be written there: it is not a "
                            "folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise CasefileError(f"{folder}: the registers cannot be written there: the folder is "
                            "read-only")


def _csv_bytes(columns: tuple[str, ...], rows: list[list]) -> bytes:
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


def _incident_rows() -> list[list]:
    """One row per incident, by code, in INCIDENT_COLUMNS order."""
    counts = dict(Evidence.select(Evidence.incident, fn.COUNT(Evidence.id))
                  .where(Evidence.incident.is_null(False))
                  .group_by(Evidence.incident).tuples())
    rows = []
    for incident in Incident.select().order_by(Incident.code):
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


def _evidence_rows() -> list[list]:
    """One row per evidence span, by number, in EVIDENCE_COLUMNS order."""
    return [[row.ref, row.incident_code,
             scales.supports_label(row.supports) if row.supports else "", row.asserted_value,
             row.quote, row.source_title, row.source_publisher, row.source_sha256, row.start,
             row.end, row.status, row.credibility, row.source_reliability,
             f"{row.source_reliability}{row.credibility}", row.review_state, row.reviewed_by,
             row.reviewed_at, row.review_comment, row.note, row.created_by, row.created_at]
            for row in evidence.evidence_rows(by_number=True)]


def _record(paths: tuple[Path, Path], incident_count: int, evidence_count: int,
            actor: str, redacted: bool) -> None:
    """The export's audit entry: registers leaving the case are part of its custody record."""
    with database.atomic():
        audit.record("registers.export", actor=actor, object_type="case", object_id=1,
                     summary=f"Exported the {'redacted ' if redacted else ''}registers "
                             f"{paths[0].name} and {paths[1].name} "
                             f"({incident_count} incidents, {evidence_count} evidence)",
                     after={"files": [p.name for p in paths], "incidents": incident_count,
                            "evidence": evidence_count,
                            "edition": "redacted" if redacted else "full"})
