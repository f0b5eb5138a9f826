"""Sources of a case: import files (with their original bytes and fingerprint) and edit metadata.

An import is one transaction: a crash, a kill or a cancel mid-way leaves the case as it was
before, never half-imported. Files are parsed before the transaction opens, so a long import
holds the write lock only for the short time it takes to store what was parsed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from peewee import fn

from desktop.domain import collection as collection_record
from desktop.domain import lemmas, scales
from desktop.domain.errors import NeedsOcr, SourceImportError, ValidationError
from desktop.domain.models import (
    SHAPED_IDS,
    Evidence,
    Source,
    SourceOriginal,
    database,
    insert_row,
    plain_rows,
    shaped_rows,
    utc_now,
)
from desktop.domain.refs import source_ref
from desktop.services import audit, collisions
from desktop.services.changes import Change, touched, unchanged
from desktop.services.words import _

if TYPE_CHECKING:
    from desktop.services.importing.base import Extracted
    from desktop.services.importing.ocr import OcrOptions

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]

#: Metadata a user may edit after import; the text, bytes and fingerprint never change.
EDITABLE_FIELDS = (
    "kind", "title", "publisher", "author", "url", "published", "language",
    "collected_at", "collected_by", "collected_from", "reliability", "reliability_note",
    "confidential", "originator", "relays", "collection",
)


_INDEX_SOURCE = 'INSERT INTO "source_index" ("rowid", "text") VALUES (?, ?)'


@dataclass
class ImportReport:
    """What an import did with each file it was given."""

    imported: list[tuple[Path, int]] = field(default_factory=list)
    duplicates: list[tuple[Path, str]] = field(default_factory=list)  # path, existing title
    failed: list[tuple[Path, str]] = field(default_factory=list)  # path, message
    # Of the failed, the scans and images, which import when OCR is asked for.
    needs_ocr: list[Path] = field(default_factory=list)
    cancelled: bool = False

    @property
    def source_ids(self) -> list[int]:
        return [source_id for _, source_id in self.imported]

    @property
    def change(self) -> Change:
        """What the import changed: the sources it added (an import is not undone)."""
        return Change(touched(source=self.source_ids) if self.imported else {})


@dataclass
class _Parsed:
    path: Path
    sha256: str
    size: int
    extracted: Extracted
    data: bytes | None = None  # the bytes parsed, kept while the import's stay small
    collection: dict = field(default_factory=dict)  # its collection record, hash checked


#: How many bytes of the files parsed an import keeps for its transaction; the files beyond
#: are read again there (and refused if they changed since they were parsed).
_KEPT_BYTES = 64 * 1024 * 1024


def sha256_hex(data: bytes) -> str:
    """The SHA-256 fingerprint of a source's bytes, as lowercase hex."""
    return hashlib.sha256(data).hexdigest()


def _existing_titles(hashes: Sequence[str]) -> dict[str, str]:
    """sha256 → title of the sources of the case that have these fingerprints. The SQL is
    written out: for an import of thousands, building the query cost five times its run."""
    found: dict[str, str] = {}
    for i in range(0, len(hashes), 500):
        chunk = hashes[i:i + 500]
        found.update(database.execute_sql(
            f'SELECT "sha256", "title" FROM "source" WHERE "sha256" IN '
            f'({", ".join("?" * len(chunk))})', chunk).fetchall())
    return found


def _parse_all(paths: Sequence[Path], report: ImportReport, progress: Progress | None,
               cancelled: Cancelled | None, ocr: OcrOptions | None,
               collection: dict) -> list[_Parsed]:
    from desktop.services import importing  # the readers load with the first import

    parsed: list[_Parsed] = []
    kept = 0
    with importing.Reader(cancelled) as reader:  # large files are parsed where a cancel stops them
        for done, path in enumerate(paths):
            if cancelled and cancelled():
                report.cancelled = True
                return []
            if progress:
                progress(done, len(paths), path.name)
            try:
                data = importing.read_source_bytes(path)
                record = collection_record.checked(path, data, collection)
                extracted = reader.extract(path, data, ocr=ocr,
                                           page_progress=_pages_read(path, progress))
                record = collection_record.with_capture(
                    record, extracted.extraction.get("capture", {}))
                parsed.append(_Parsed(path, sha256_hex(data), len(data), extracted,
                                      data if kept + len(data) <= _KEPT_BYTES else None,
                                      record))
                kept += len(data) if parsed[-1].data is not None else 0
            except NeedsOcr as exc:
                report.failed.append((path, str(exc)))
                report.needs_ocr.append(path)
            except SourceImportError as exc:
                report.failed.append((path, str(exc)))
            except importing.ImportCancelled:
                report.cancelled = True
                return []
    return parsed


def _pages_read(path: Path, progress: Progress | None) -> Callable[[int, int], None] | None:
    """OCR's progress through a file's pages, as the import's progress."""
    if progress is None:
        return None
    return lambda done, total: progress(done, total, _("{file}: OCR, page {page} of {pages}")
                                        .format(file=path.name, page=min(done + 1, total),
                                                pages=total))


def _drop_duplicates(parsed: list[_Parsed], report: ImportReport) -> list[_Parsed]:
    existing = _existing_titles([p.sha256 for p in parsed])
    fresh: list[_Parsed] = []
    for item in parsed:
        if item.sha256 in existing:
            report.duplicates.append((item.path, existing[item.sha256]))
        else:
            existing[item.sha256] = item.extracted.title or item.path.name
            fresh.append(item)
    return fresh


def stored_name(name: str) -> str:
    """A file name as the case can store it: the bytes of a name that is not UTF-8 (which
    Python holds as lone surrogates) written as \\xe9, so the name can still be told apart."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", errors="backslashreplace")
    return name


def _source_row(item: _Parsed, actor: str, kind: str, now: str) -> dict:
    ex = item.extracted
    return {
        "kind": kind, "title": ex.title or stored_name(item.path.stem),
        "publisher": ex.publisher,
        "author": ex.author, "url": ex.url, "published": ex.published, "language": ex.language,
        "collected_at": now, "collected_by": actor,
        "collected_from": ex.url or f"file {stored_name(item.path.name)}",
        "original_name": stored_name(item.path.name), "media_type": ex.media_type,
        "size": item.size,
        "sha256": item.sha256, "encoding": ex.encoding, "text": ex.text,
        "text_sha256": sha256_hex(ex.text.encode("utf-8")),
        "imported_at": now, "imported_by": actor, "extra": ex.extra,
        "pages": ex.pages, "extraction": ex.extraction, "collection": item.collection,
    }


def _store(items: list[_Parsed], actor: str, kind: str, report: ImportReport,
           cancelled: Cancelled | None) -> None:
    from desktop.services import importing

    now = utc_now()
    with database.atomic() as txn:  # IMMEDIATE: no other import stores between check and write
        # Another import (another process) may have stored the same bytes since they were
        # parsed: those are duplicates now, found while this transaction holds the write lock.
        items = _drop_duplicates(items, report)
        texts: list[str] = []
        entries: list[audit.Entry] = []
        entries_of: list[tuple[Path, int]] = []  # (file, source id) of each entry
        for item in items:
            # The bytes parsed are the ones stored: the original always matches its text.
            data = item.data or importing.read_source_bytes(item.path)
            if item.data is None and sha256_hex(data) != item.sha256:
                report.failed.append((item.path, _("{file}: changed on disk while it was being "
                                                   "imported; import it again").format(
                                                       file=item.path.name)))
                continue
            row = _source_row(item, actor, kind, now)
            source_id = insert_row(Source, row)
            insert_row(SourceOriginal, {"source": source_id, "data": data})
            entries.append(audit.Entry(
                "source.import", actor, "source", source_id,
                _("Imported {file}").format(file=row["original_name"]),
                after={"title": row["title"], "original_name": row["original_name"],
                       "sha256": item.sha256, "size": item.size,
                       "media_type": row["media_type"], "extraction": row["extraction"],
                       **({"collection": row["collection"]} if row["collection"] else {})}))
            entries_of.append((item.path, source_id))
            texts.append(row["text"])
        # The words of the texts are found while SQLite indexes them (see lemmas).
        forms = lemmas.forms_meanwhile(texts)
        # The search index takes the texts after the rows: a statement that fires a trigger
        # (every insert into an audited table does, see domain/digests) makes FTS5 flush the
        # words it holds, which once per source would cost more than the rest of the import.
        database.cursor().executemany(_INDEX_SOURCE, [
            (source_id, text) for (_, source_id), text in zip(entries_of, texts, strict=True)])
        # One entry per source, written together: the rows written are collected and the
        # chain head moved once per import rather than once per source.
        audit.record_all(entries)
        report.imported.extend(entries_of)
        lemmas.index_forms(forms())
        if cancelled and cancelled():
            txn.rollback()
            report.imported.clear()
            report.cancelled = True


def import_files(paths: Iterable[Path | str], *, actor: str, kind: str = "other",
                 progress: Progress | None = None, cancelled: Cancelled | None = None,
                 ocr: OcrOptions | None = None,
                 collection: dict | None = None) -> ImportReport:
    """Import source files into the open case: all that can be read, in one transaction.

    `collection` is the collection record the person gives for the files (domain/collection:
    tool, method, capture time and its source, identity, and for one file the hash taken
    at collection, which the bytes must match or the file is refused); a web capture adds
    its own tool and capture time where none is given.

    Files that cannot be read are reported in `failed`, files whose bytes are already in the
    case in `duplicates`; neither changes the case. A cancel leaves the case untouched.
    Scans and images are read by OCR with `ocr`; without it they are failed and `needs_ocr`.
    """
    if kind not in scales.SOURCE_KIND_CODES:
        raise ValidationError(_("unknown source kind {kind!r}").format(kind=kind))
    paths = [Path(p) for p in paths]
    record = collection_record.record(**(collection or {}))
    if "hash_at_collection" in record and len(paths) != 1:
        raise ValidationError(_("a hash taken at collection names one file: import that file "
                                "on its own"))
    report = ImportReport()
    parsed = _parse_all(paths, report, progress, cancelled, ocr, record)
    if report.cancelled:
        return report
    fresh = _drop_duplicates(parsed, report)
    if progress:
        progress(len(paths), len(paths), "Saving to the case")
    if fresh:
        _store(fresh, actor, kind, report, cancelled)
    return report


def update_source(source_id: int, *, actor: str, expected: dict | None = None,
                  **changes: str) -> Change:
    """Change a source's editable metadata; the text and fingerprint cannot be changed. With
    `expected` (field → what the editor loaded) the edit is refused whole (EditCollision) when
    someone saved another value of such a field meanwhile."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("these source fields cannot be edited: {names}").format(
            names=", ".join(sorted(unknown))))
    if "reliability" in changes and changes["reliability"] not in scales.RELIABILITY_CODES:
        raise ValidationError(_("reliability must be one of {codes}").format(
            codes=", ".join(scales.RELIABILITY_CODES)))
    if "kind" in changes and changes["kind"] not in scales.SOURCE_KIND_CODES:
        raise ValidationError(_("unknown source kind {kind!r}").format(kind=changes["kind"]))
    if "collection" in changes:
        changes["collection"] = _edited_collection(source_id, changes["collection"])
    with database.atomic():
        if changes.get("relays") is not None:
            _check_relay(source_id, changes["relays"])
        query = Source.select().where(Source.id == source_id)
        source = (collisions.locked(query) if expected else query).get()
        collisions.refuse_stale(source, expected, changes, object_type="source",
                                ref=source_ref(source_id))
        before = audit.snapshot(source, changes)
        if before == changes:
            return unchanged(source_id)
        Source.update(changes).where(Source.id == source_id).execute()
        audit.record("source.update", actor=actor, object_type="source", object_id=source_id,
                     summary=_("Edited {fields} of “{title}”").format(
                         fields=audit.field_names("source", changes), title=source.title),
                     before=before, after=dict(changes))
    # Spans show their source's title: the evidence of this source is touched too.
    spans = [e for (e,) in Evidence.select(Evidence.id).where(Evidence.source == source_id)
             .tuples()]
    after = dict(changes)
    return Change(touched(source=[source_id], evidence=spans),
                  lambda who: update_source(source_id, actor=who, expected=after, **before),
                  source_id)


def _edited_collection(source_id: int, given: dict) -> dict:
    """A collection record edited after import: validated, and a hash given now checked
    against the original bytes kept in the case."""
    record = collection_record.record(**{key: value for key, value in given.items()
                                         if key != "hash_checked"})
    try:
        return collection_record.checked(Path(_original_name(source_id)),
                                         original_bytes(source_id), record)
    except SourceImportError as exc:
        raise ValidationError(str(exc)) from exc


def _original_name(source_id: int) -> str:
    row = Source.select(Source.original_name).where(Source.id == source_id).tuples().first()
    if row is None:
        raise ValidationError(_("there is no source {ref} in this case").format(
            ref=source_ref(source_id)))
    return row[0]


def _check_relay(source_id: int, relayed: int) -> None:
    """A source relays another source of the case, never itself, never in a circle."""
    relays = dict(plain_rows(Source.select(Source.id, Source.relays)))
    if relayed not in relays:
        raise ValidationError(_("there is no source {ref} in this case").format(
            ref=source_ref(relayed)))
    seen, current = {source_id}, relayed
    while current is not None:
        if current in seen:
            raise ValidationError(_("{ref} cannot relay {relayed}: the relays would go round in "
                                    "a circle").format(ref=source_ref(source_id),
                                                       relayed=source_ref(relayed)))
        seen.add(current)
        current = relays.get(current)


def origins(ids: Iterable[int] | None = None) -> dict[int, tuple[str, int | None]]:
    """(originator, id of the source it relays) of every source (or of these), by id."""
    query = Source.select(Source.id, Source.originator, Source.relays)
    if ids is not None:
        query = query.where(Source.id.in_(list(ids)))
    return {sid: (originator, relays) for sid, originator, relays in plain_rows(query)}


def list_sources() -> list[tuple]:
    """(id, title, publisher, published, reliability, sha256) of every source, by id."""
    return list(Source.select(Source.id, Source.title, Source.publisher, Source.published,
                              Source.reliability, Source.sha256).order_by(Source.id).tuples())


def source_text(source_id: int) -> str:
    """The extracted text of a source (the working copy)."""
    return Source.select(Source.text).where(Source.id == source_id).scalar()


def original_bytes(source_id: int) -> bytes:
    """The source's original bytes (the evidentiary copy)."""
    return bytes(SourceOriginal.get_by_id(source_id).data)


@dataclass(frozen=True)
class SourceDetails:
    """A source's metadata and custody record as plain values (everything but its text)."""

    id: int
    kind: str
    title: str
    publisher: str
    author: str
    url: str
    published: str
    language: str
    collected_at: str
    collected_by: str
    collected_from: str
    reliability: str
    reliability_note: str
    confidential: bool
    original_name: str
    media_type: str
    size: int
    sha256: str
    imported_at: str
    imported_by: str
    originator: str = ""  # who first observed, counted or stated what it says
    relays: int | None = None  # the source it relays, if any
    # how its text was extracted: {"tool", "version", "method", …}; {} before format 12
    extraction: dict = dataclasses.field(default_factory=dict)
    # how it was collected (domain/collection); {} before format 14 or when nothing was said
    collection: dict = dataclasses.field(default_factory=dict)


def source_pages(source_id: int) -> list[int]:
    """Where each page of a source starts in its text (empty: a source without pages)."""
    row = Source.select(Source.pages).where(Source.id == source_id).tuples().first()
    return row[0] if row is not None else []


def source_details(source_id: int) -> SourceDetails | None:
    """The metadata and custody record of a source (None: no such source)."""
    columns = [getattr(Source, f.name) for f in dataclasses.fields(SourceDetails)]
    rows = shaped_rows("source_details", lambda: Source.select(*columns)
                       .where(Source.id == source_id), [source_id])
    if not rows:
        return None
    return SourceDetails(*(column.python_value(value)  # booleans, ids and JSON as peewee reads
                           for column, value in zip(columns, rows[0], strict=True)))


def first_source_id() -> int | None:
    """The source imported first (the one a case opens on), or None in a case without any."""
    return Source.select(Source.id).order_by(Source.id).limit(1).scalar()


def source_titles(ids: Iterable[int] | None = None) -> dict[int, str]:
    """The title of every source (or of those with these ids), by id."""
    ids = None if ids is None else list(ids)

    def query():
        found = Source.select(Source.id, Source.title)
        return (found if ids is None else found.where(Source.id.in_(ids))).order_by(Source.id)

    if ids is not None and len(ids) <= SHAPED_IDS:  # a few, read again after each change
        return dict(shaped_rows(("source_titles", len(ids)), query, ids))
    return dict(plain_rows(query()))


class SourceRow(NamedTuple):
    """One source as the navigator lists it (plain values, read with two queries)."""

    id: int
    title: str
    publisher: str
    published: str
    reliability: str
    evidence: int


def source_rows(ids: Iterable[int] | None = None) -> list[SourceRow]:
    """Sources (all, or those with these ids) with their number of evidence spans, by id."""
    ids = None if ids is None else list(ids)

    def query():
        found = Source.select(Source.id, Source.title, Source.publisher, Source.published,
                              Source.reliability)
        return (found if ids is None else found.where(Source.id.in_(ids))).order_by(Source.id)

    def counts():
        found = Evidence.select(Evidence.source, fn.COUNT(Evidence.id))
        return (found if ids is None else found.where(Evidence.source.in_(ids))) \
            .group_by(Evidence.source)

    if ids is not None and len(ids) <= SHAPED_IDS:  # a few, read again after each change
        counted = dict(shaped_rows(("source_counts", len(ids)), counts, ids))
        rows = shaped_rows(("source_rows", len(ids)), query, ids)
    else:
        counted, rows = dict(plain_rows(counts())), plain_rows(query())
    return [SourceRow(*row, counted.get(row[0], 0)) for row in rows]
