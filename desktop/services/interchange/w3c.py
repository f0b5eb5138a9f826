"""A case's evidence as a W3C Web Annotation collection (JSON-LD), and back.

Each evidence span is one ``Annotation`` (motivation ``assessing``): its target names the source
by the SHA-256 of the source's original bytes (``urn:sha256:<hex>``) and of its extracted text
(``cf:textSha256``), and selects the span twice, by position and by quote; its body
(``cf:Evidence``) carries the incident, what the span backs, the grades and the review.
Terms of our own live in the ``cf:`` namespace (``urn:x-casefile:terms:``).

Positions (``TextPositionSelector`` start/end) count Unicode code points of the source's
extracted text — Python string indices — not UTF-16 code units (as browser tools such as
Hypothesis count) nor bytes. Where they disagree the quote decides: every import re-anchors the
quote, so a position from another tool or another extraction is only a hint.

An import places every annotation or says why it did not: nothing is dropped silently.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop import __version__
from desktop.domain import files
from desktop.domain.errors import ValidationError
from desktop.domain.models import Case, Evidence, Incident, Source, database, utc_now
from desktop.services import audit, evidence, incidents, review
from desktop.services.anchoring import Anchor, QuoteSelector, anchor_quote
from desktop.services.evidence import EvidenceRow, ImportedSpan
from desktop.services.importing.base import normalise_text
from desktop.services.interchange import AnnotationFileError, read_json
from desktop.services.words import N_, _

Progress = Callable[[int, int, str], None]
#: Progress is said once per this many annotations placed (and only for more than that).
PROGRESS_EVERY = 100

CONTEXT = ["http://www.w3.org/ns/anno.jsonld", {"cf": "urn:x-casefile:terms:"}]
ID_PREFIX = "urn:x-casefile:evidence:"
COLLECTION_PREFIX = "urn:x-casefile:annotations:"
PAGE_SUFFIX = ":page-1"  # one page holds every annotation
SHA_PREFIX = "urn:sha256:"
NOT_IN_SOURCE = N_("the quote is no longer in the source")
DUPLICATE = N_("already in the case")

#: Body keys → evidence fields, all text.
_BODY_FIELDS = (("cf:supports", "supports"), ("cf:assertedValue", "asserted_value"),
                ("cf:status", "status"), ("cf:note", "note"), ("cf:originator", "originator"),
                ("cf:periodStart", "period_start"), ("cf:periodEnd", "period_end"),
                ("cf:scope", "scope"))
#: cf:review keys → evidence review fields.
_REVIEW_FIELDS = (("cf:state", "review_state"), ("cf:by", "reviewed_by"),
                  ("cf:at", "reviewed_at"), ("cf:comment", "review_comment"))
#: Best anchoring first: a span found where it was beats one found elsewhere or approximately.
_METHOD_RANK = {"exact": 3, "moved": 2, "fuzzy": 1, "not_found": 0}


# ---- what an import reports ------------------------------------------------------------------

@dataclass
class AnchoredAnnotation:
    """What became of one annotation: where it was written, or why it was not."""

    annotation_id: str
    evidence_id: int | None  # the span written (or, for a duplicate, the one already there)
    # exact (at its position, or verbatim when it gives none), moved, fuzzy, duplicate,
    # not_found, or "" (not anchored: no source, no quote, a value the case does not know)
    method: str
    score: float
    source_id: int | None
    quote: str  # the quote as the annotation gives it
    reason: str = ""  # why it was not placed; empty for a placed one


@dataclass
class AnnotationImport:
    """An import's outcome: every annotation is in `anchored` (written) or `unplaced` (not)."""

    anchored: list[AnchoredAnnotation]
    unplaced: list[AnchoredAnnotation]
    incidents_created: list[str]

    @property
    def duplicates(self) -> list[AnchoredAnnotation]:
        """Unplaced because the same span is already in the case (an import made twice)."""
        return [a for a in self.unplaced if a.method == "duplicate"]

    def summary(self) -> str:
        """One line for the user: '12 anchored (10 exact, 1 fuzzy 0.91); 1 not placed: …'."""
        text = _("{n} anchored").format(n=len(self.anchored))
        methods = _methods_text(self.anchored)
        if methods:
            text += f" ({methods})"
        if self.unplaced:
            reasons = Counter(a.reason for a in self.unplaced)
            listed = "; ".join(r if n == 1 else f"{n} × {r}" for r, n in reasons.items())
            text += "; " + _("{n} not placed: {reasons}").format(n=len(self.unplaced),
                                                                 reasons=listed)
        if self.incidents_created:
            text += "; " + _("incidents created: {codes}").format(
                codes=", ".join(self.incidents_created))
        return text


def _methods_text(anchored: list[AnchoredAnnotation]) -> str:
    """'10 exact, 1 moved, 2 fuzzy 0.84–0.91': how the placed spans were found."""
    counts = Counter(a.method for a in anchored)
    parts = [f"{counts[m]} {_(m)}" for m in ("exact", "moved") if counts[m]]
    scores = sorted(a.score for a in anchored if a.method == "fuzzy")
    if scores:
        low, high = f"{scores[0]:.2f}", f"{scores[-1]:.2f}"
        fuzzy = _("fuzzy")
        parts.append(f"{len(scores)} {fuzzy} {low if low == high else f'{low}–{high}'}")
    return ", ".join(parts)


# ---- export ----------------------------------------------------------------------------------

def export_annotations(*, incident_id: int | None = None, redacted: bool = False,
                       incident_ids: Iterable[int] | None = None) -> dict:
    """The open case's evidence (all, one incident's, or that of `incident_ids`) as an
    AnnotationCollection.

    The collection and its page have the `id` the W3C model requires: an IRI naming the
    case's state when it was exported (its audit chain head), what it covers and its edition,
    so two exports of the same state and choice have the same id.

    `redacted`: every text in it goes through the case's Redactor (protected names become
    their pseudonyms: quotes, their prefix and suffix, titles, notes, review comments, the
    collection's label), and the collection says it is the redacted edition. No annotation
    carries a source's URL (a source is named by its fingerprint), so none of a confidential
    source's can leave with it.
    """
    wanted = None if incident_ids is None else set(incident_ids)
    items = [_annotation(row) for row in evidence.evidence_rows(incident_id=incident_id)
             if wanted is None or row.incident_id in wanted]
    collection_id = collection_iri(incident_id=incident_id, incident_ids=wanted,
                                   redacted=redacted)
    collection = {
        "@context": CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": f"{Case.get().title} — evidence",
        "total": len(items),
        "generator": {"type": "Software", "name": f"Casefile {__version__}"},
        "generated": utc_now(),
        "first": {"id": collection_id + PAGE_SUFFIX, "type": "AnnotationPage",
                  "partOf": collection_id, "startIndex": 0, "items": items},
    }
    if not redacted:
        return collection
    from desktop.services.protection import Redactor

    collection = _redacted(collection, Redactor.for_case())
    collection["cf:edition"] = "redacted"
    return collection


def collection_iri(*, incident_id: int | None = None, incident_ids: set[int] | None = None,
                   redacted: bool = False) -> str:
    """The IRI of an exported collection: the case's chain head, then what it covers (one
    incident's code, or a digest of the chosen incidents' codes) and the edition."""
    iri = COLLECTION_PREFIX + Case.get().audit_head
    if incident_id is not None:
        code = Incident.select(Incident.code).where(Incident.id == incident_id).scalar()
        iri += f":{code or incident_id}"
    if incident_ids is not None:
        codes = sorted(code for (code,) in Incident.select(Incident.code)
                       .where(Incident.id.in_(list(incident_ids))).tuples())
        iri += ":incidents-" + hashlib.sha256("\n".join(codes).encode()).hexdigest()[:16]
    return iri + (":redacted" if redacted else "")


def _redacted(value: Any, redactor) -> Any:
    """`value` with every string in it (not the keys: they are the format's terms) redacted."""
    if isinstance(value, str):
        return redactor(value)
    if isinstance(value, dict):
        return {key: _redacted(item, redactor) for key, item in value.items()}
    if isinstance(value, list):
        return [_redacted(item, redactor) for item in value]
    return value


def _annotation(row: EvidenceRow) -> dict:
    """One evidence span as a W3C Annotation."""
    body: dict[str, Any] = {"type": "cf:Evidence"}
    if row.incident_code:
        body["cf:incident"] = row.incident_code
        body["cf:incidentTitle"] = row.incident_title
    body.update({
        "cf:supports": row.supports, "cf:assertedValue": row.asserted_value,
        "cf:status": row.status, "cf:credibility": row.credibility, "cf:note": row.note,
        "cf:review": {key: getattr(row, name) for key, name in _REVIEW_FIELDS},
    })
    body.update({key: getattr(row, name) for key, name in _BODY_FIELDS[4:]
                 if getattr(row, name)})  # a claim's origin and period, where it has them
    target: dict[str, Any] = {"source": SHA_PREFIX + row.source_sha256}
    if row.source_text_sha256:
        target["cf:textSha256"] = row.source_text_sha256
    target["selector"] = [
        {"type": "TextPositionSelector", "start": row.start, "end": row.end},
        {"type": "TextQuoteSelector", "exact": row.quote, "prefix": row.prefix,
         "suffix": row.suffix},
    ]
    annotation: dict[str, Any] = {"id": f"{ID_PREFIX}{row.id}", "type": "Annotation",
                                  "motivation": "assessing", "created": row.created_at}
    if row.created_by:
        annotation["creator"] = {"type": "Person", "name": row.created_by}
    annotation.update({"body": body, "target": target})
    return annotation


def write_annotations(path: Path, *, actor: str | None = None,
                      incident_id: int | None = None, redacted: bool = False) -> int:
    """Write the collection to `path` (replaced whole, never half-written); returns its count.
    `redacted`: protected names replaced by pseudonyms in every text (`export_annotations`).

    With an `actor`, the export is recorded in the audit trail (a copy of evidence leaving the
    case is part of its custody record).
    """
    path = Path(path)
    data = export_annotations(incident_id=incident_id, redacted=redacted)
    text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    _write_replacing(path, text.encode("utf-8"))
    if actor is not None:
        with database.atomic():
            audit.record("annotations.export", actor=actor, object_type="case", object_id=1,
                         summary=(_("Exported {n} evidence as redacted annotations to "
                                    "{name}") if redacted else
                                  _("Exported {n} evidence as annotations to {name}")).format(
                             n=data["total"], name=path.name),
                         after={"file": path.name, "evidence": data["total"],
                                "incident_id": incident_id,
                                "edition": "redacted" if redacted else "full"})
    return data["total"]


def _write_replacing(path: Path, data: bytes) -> None:
    """Replace `path` with `data` whole (`files.write_replacing`), told as an annotation file's
    error when it cannot be written."""
    if path.is_dir():
        raise AnnotationFileError(path, _("cannot be written: it is a folder"))
    try:
        files.write_replacing(path, data)
    except OSError as exc:
        raise AnnotationFileError(path, _("cannot be written: {reason}").format(
            reason=exc.strerror or exc)) from exc


# ---- reading a file --------------------------------------------------------------------------

def read_annotation_file(path: Path) -> dict:
    """The annotation collection in `path`, checked: AnnotationFileError naming it if it is not one.

    A bare list of annotations, a single annotation or a page is given back as a collection.
    """
    path = Path(path)
    data = read_json(path)
    try:
        items = annotation_items(data)
        known = selector_index(data)
        check_some_readable(items, lambda item, number: parse_annotation(item, number,
                                                                          known=known))
    except ValueError as exc:
        raise AnnotationFileError(path, str(exc)) from exc
    if isinstance(data, dict) and "AnnotationCollection" in _types(data):
        return data
    return {"type": "AnnotationCollection", "total": len(items),
            "first": {"type": "AnnotationPage", "items": items}}


def check_some_readable(items: list, parse: Callable[[object, int], object]) -> None:
    """Raise the first annotation's ValueError when not one of them can be read: such a file
    is not an annotation file. One that has some readable is imported, each bad annotation
    reported with its reason (one bad annotation never refuses a collection)."""
    first: ValueError | None = None
    for number, item in enumerate(items, 1):
        try:
            parse(item, number)
        except ValueError as exc:
            first = first or exc
        else:
            return
    if first is not None:
        raise first


def selector_index(data: object) -> dict[str, dict]:
    """Every selector in the file that has an id, by its id: an annotation may give its
    selector by reference (an IRI), which the W3C model allows, to one given in full
    elsewhere in the same file."""
    found: dict[str, dict] = {}
    stack = [data]
    while stack:  # nesting is bounded when the file is read (json_input); no recursion
        value = stack.pop()
        if isinstance(value, dict):
            if isinstance(value.get("id"), str) and any(
                    kind.endswith("Selector") for kind in _types(value)):
                found.setdefault(value["id"], value)
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return found


def annotation_items(data: object) -> list:
    """The annotations a collection, page, list or single annotation holds; ValueError if none."""
    if isinstance(data, list):
        return data
    if not isinstance(data, dict):
        raise ValueError(_("is {kind}, not a W3C annotation collection").format(
            kind=json_type(data)))
    types = _types(data)
    if "Annotation" in types:
        return [data]
    if "AnnotationPage" in types:
        return _page_items(data)
    if "AnnotationCollection" not in types:
        found = _("no type") if not types else _("type {types}").format(
            types=", ".join(sorted(types)))
        raise ValueError(_("is not a W3C annotation collection ({found}; expected "
                           "AnnotationCollection)").format(found=found))
    first = data.get("first")
    if isinstance(first, str):
        raise ValueError(_("holds no annotations itself: its first page is only a link "
                           "({link}); save the collection with its pages included").format(
            link=first))
    items = [] if first is None else _page_items(first)
    total = data.get("total")
    if isinstance(total, int) and not isinstance(total, bool) and total != len(items):
        raise ValueError(_("says it holds {total} annotations but {found} are in the file; "
                           "some pages are missing").format(total=total, found=len(items)))
    return items


def _page_items(page: object) -> list:
    """The items of a page and of the pages embedded after it (``next``)."""
    items: list = []
    while page is not None:
        if not isinstance(page, dict):
            raise ValueError(_("an AnnotationPage must be an object, not {kind}").format(
                kind=json_type(page)))
        found = page.get("items", [])
        if not isinstance(found, list):
            raise ValueError(_("a page's “items” must be a list, not {kind}").format(
                kind=json_type(found)))
        items += found
        page = page.get("next")
        if isinstance(page, str):  # a link to a page that is not in the file
            raise ValueError(_("its next page is not in the file; save the collection with "
                               "all its pages included"))
    return items


def _types(obj: dict) -> set[str]:
    """The JSON-LD types of an object (``type`` may be one name or a list)."""
    value = obj.get("type", obj.get("@type"))
    names = value if isinstance(value, list) else [value]
    return {n for n in names if isinstance(n, str)}


def json_type(value: object) -> str:
    """A JSON value's type, in words, for error messages."""
    if isinstance(value, bool):
        return _("true/false")
    kinds = ((dict, N_("an object")), (list, N_("a list")), (str, N_("text")),
             ((int, float), N_("a number")))
    return _(next((words for kind, words in kinds if isinstance(value, kind)), "null"))


_KINDS: dict[str, tuple[type, ...]] = {
    N_("text"): (str,), N_("a whole number"): (int,), N_("an object"): (dict,),
    N_("text or a number"): (str, int),
}


def typed(obj: dict, key: str, kind: str, where: str) -> Any:
    """obj[key] if it has the JSON type `kind`, None if absent; ValueError naming it otherwise."""
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, _KINDS[kind]):
        raise ValueError(where + _("“{key}” must be {kind}, not {found}").format(
            key=key, kind=_(kind), found=json_type(value)))
    return value


# ---- parsing one annotation ------------------------------------------------------------------

@dataclass
class Candidate:
    """One annotation as read from a file, before it is anchored and written."""

    annotation_id: str
    quote: QuoteSelector | None  # None: the annotation quotes nothing
    start: int | None = None
    end: int | None = None
    source_ref: str = ""  # how the file names the source (urn:sha256:…, a URL, …)
    source_ids: list[int] = field(default_factory=list)  # sources it may be in, best first
    problem: str = ""  # why it cannot be placed at all (set before anchoring)
    incident_code: str = ""
    incident_title: str = ""
    values: dict[str, str] = field(default_factory=dict)  # supports, status, credibility, …
    attribution: dict[str, str] = field(default_factory=dict)  # created_*, review fields


def parse_annotation(item: object, number: int, keep_attribution: bool = True,
                     keep_review: bool = False,
                     known: dict[str, dict] | None = None) -> Candidate:
    """One W3C annotation as a Candidate; ValueError when its JSON has the wrong shape.
    `known`: the file's selectors by id, for a selector given by reference."""
    if not isinstance(item, dict):
        raise ValueError(_("annotation {number} must be an object, not {kind}").format(
            number=number, kind=json_type(item)))
    where = _("annotation {number}: ").format(number=number)
    annotation_id = typed(item, "id", "text", where) or \
        _("annotation {number}").format(number=number)
    target = _target(item.get("target"), where)
    start, end, quote = parse_selectors(target.get("selector"), where + "target ", known)
    body = _body(item.get("body"), where)
    candidate = Candidate(annotation_id, quote, start, end,
                          source_ref=typed(target, "source", "text", where + "target ") or "",
                          incident_code=typed(body, "cf:incident", "text", where) or "",
                          incident_title=typed(body, "cf:incidentTitle", "text", where) or "")
    for key, name in _BODY_FIELDS:
        value = typed(body, key, "text", where + "body ")
        if value is not None:
            candidate.values[name] = value
    credibility = typed(body, "cf:credibility", "text or a number", where + "body ")
    if credibility is not None:
        candidate.values["credibility"] = str(credibility)
    if "note" not in candidate.values and "TextualBody" in _types(body):
        candidate.values["note"] = typed(body, "value", "text", where + "body ") or ""
    review = typed(body, "cf:review", "an object", where + "body ") or {}
    if keep_attribution:
        candidate.attribution = _attribution(item, review if keep_review else {}, where)
    return candidate


def _target(value: object, where: str) -> dict:
    """The annotation's (first) target as an object; a bare IRI is a target without selector."""
    if isinstance(value, list):
        value = value[0] if value else None
    if value is None:
        return {}
    if isinstance(value, str):
        return {"source": value}
    if not isinstance(value, dict):
        raise ValueError(where + _("“target” must be an object, not {kind}").format(
            kind=json_type(value)))
    return value


def _body(value: object, where: str) -> dict:
    """The annotation's evidence body (the cf:Evidence one when there are several)."""
    if isinstance(value, list):
        bodies = [b for b in value if isinstance(b, dict)]
        evidence = [b for b in bodies if "cf:Evidence" in _types(b)]
        value = (evidence or bodies or [None])[0]
    if value is None or isinstance(value, str):  # an IRI body carries nothing we can read
        return {}
    if not isinstance(value, dict):
        raise ValueError(where + _("“body” must be an object, not {kind}").format(
            kind=json_type(value)))
    return value


def parse_selectors(value: object, where: str, known: dict[str, dict] | None = None,
                    ) -> tuple[int | None, int | None, QuoteSelector | None]:
    """(start, end, quote) from a target's selectors; a missing or bad position is no hint.
    A selector given by reference (an IRI) is the one of that id in `known`."""
    selectors = [value] if isinstance(value, dict) else value
    if selectors is None:
        return None, None, None
    if isinstance(value, str) and ":" in value and not any(ch.isspace() for ch in value):
        selectors = [value]  # an IRI: a selector given by reference
    if not isinstance(selectors, list):
        raise ValueError(where + _("“selector” must be a list or an object, not {kind}")
                         .format(kind=json_type(value)))
    start = end = None
    quote = None
    for selector in selectors:
        if isinstance(selector, str):
            if not known or selector not in known:
                raise ValueError(where + _("selector {id} is given by reference, and no "
                                           "selector of that id is in the file").format(
                    id=selector[:80]))
            selector = known[selector]
        if not isinstance(selector, dict):
            raise ValueError(where + _("each selector must be an object, not {kind}").format(
                kind=json_type(selector)))
        kind = _types(selector)
        if "TextPositionSelector" in kind:
            start = typed(selector, "start", "a whole number", where + "TextPositionSelector ")
            end = typed(selector, "end", "a whole number", where + "TextPositionSelector ")
        elif "TextQuoteSelector" in kind:
            inner = where + "TextQuoteSelector "
            exact = typed(selector, "exact", "text", inner)
            if exact:
                # The quote of a page as another tool read it: made as the working copy was
                # (NFC, line ends, ligatures spelt out), or "ﬁnal" never meets "final".
                quote = QuoteSelector(*(normalise_text(part) for part in (
                    exact, typed(selector, "prefix", "text", inner) or "",
                    typed(selector, "suffix", "text", inner) or "")))
    if start is None or end is None or not 0 <= start < end:
        start = end = None  # a position that cannot be right: anchor by the quote alone
    return start, end, quote


def _attribution(item: dict, review: dict, where: str) -> dict[str, str]:
    """Who made the span and when, and its review, as the file records them."""
    found: dict[str, str] = {}
    creator = item.get("creator")
    if isinstance(creator, list):
        creator = creator[0] if creator else None
    if isinstance(creator, dict):
        creator = typed(creator, "name", "text", where + "creator ") or creator.get("nickname")
    if isinstance(creator, str) and creator:
        found["created_by"] = creator
    created = typed(item, "created", "text", where)
    if created:
        found["created_at"] = utc_time(created)
    for key, name in _REVIEW_FIELDS:
        value = typed(review, key, "text", where + "cf:review ")
        if value is not None:
            found[name] = utc_time(value) if name == "reviewed_at" and value else value
    return found


def utc_time(value: str) -> str:
    """A time as the case stores it (ISO 8601, UTC, to the second); kept as given if unreadable."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    moment = moment.astimezone(UTC).replace(microsecond=0)
    return moment.isoformat().replace("+00:00", "Z")


# ---- importing -------------------------------------------------------------------------------

def import_annotations(data: dict, *, actor: str, min_score: float = 0.8,
                       keep_attribution: bool = True, keep_review: bool = False,
                       taken_from: str = "", progress: Progress | None = None
                       ) -> AnnotationImport:
    """Add the evidence of an annotation collection to the open case, in one transaction.

    Sources are matched by the SHA-256 of their original bytes; each quote is re-anchored in
    the source's text. With `keep_attribution`, who made each span and when are kept as the
    file gives them; otherwise the spans are the importer's, made now. Review decisions in the
    file are taken over only with `keep_review` (a copy of this case's own data): a file must
    not be able to approve evidence nobody reviewed here, so by default spans arrive pending.
    """
    check_min_score(min_score)
    try:
        items = annotation_items(data)
    except ValueError as exc:
        raise ValidationError(_("these annotations cannot be imported: the data {problem}")
                              .format(problem=exc)) from exc
    by_sha = dict(Source.select(Source.sha256, Source.id).tuples())
    known = selector_index(data)
    candidates = []
    for number, item in enumerate(items, 1):
        try:
            candidate = parse_annotation(item, number, keep_attribution, keep_review, known)
        except ValueError as exc:  # a malformed one is reported, not allowed to stop the rest
            candidate = Candidate(_item_id(item, number), None,
                                  problem=_("malformed: {problem}").format(problem=exc))
        _resolve_source(candidate, by_sha)
        candidates.append(candidate)
    return place_candidates(candidates, actor=actor, min_score=min_score, taken_from=taken_from,
                            progress=progress)


def _item_id(item: object, number: int) -> str:
    """The id of an annotation that could not be read, for the report."""
    found = item.get("id") if isinstance(item, dict) else None
    return found if isinstance(found, str) else _("annotation {number}").format(number=number)


def _resolve_source(candidate: Candidate, by_sha: dict[str, int]) -> None:
    """Find the candidate's source in the case by its fingerprint, or say why it cannot."""
    if candidate.problem:
        return
    ref = candidate.source_ref
    if not ref.lower().startswith(SHA_PREFIX):
        candidate.problem = _("its source ({ref}) is not named by a SHA-256 fingerprint "
                              "(urn:sha256:…)").format(ref=ref or _("none given"))
        return
    sha = ref[len(SHA_PREFIX):].strip().lower()
    if sha not in by_sha:
        candidate.problem = _("its source (sha256 {digest}…) is not in this case").format(
            digest=sha[:16])
        return
    candidate.source_ids = [by_sha[sha]]


def check_min_score(min_score: float) -> None:
    """The lowest fuzzy-match score accepted is above 0 (0 would place any quote anywhere) and
    at most 1 (an exact match); ValidationError otherwise, NaN included."""
    if not 0 < min_score <= 1:  # NaN fails both comparisons
        raise ValidationError(_("the lowest match score must be above 0 and at most 1 (like "
                                "0.8), not {score}").format(score=min_score))


def place_candidates(candidates: list[Candidate], *, actor: str, min_score: float = 0.8,
                     not_found: str = NOT_IN_SOURCE, taken_from: str = "",
                     progress: Progress | None = None) -> AnnotationImport:
    """Anchor every candidate, then write the placed ones through the evidence service, all in
    one transaction; report each one's outcome. A review decision a span brings with it (kept
    only when asked) is audited as taken over from `taken_from`, naming who decided it."""
    check_min_score(min_score)
    result = AnnotationImport([], [], [])
    batch = _Batch()
    total = len(candidates)
    progress = progress if total > PROGRESS_EVERY else None  # a short import says nothing
    with database.atomic():
        for done, candidate in enumerate(candidates):
            if progress and done % PROGRESS_EVERY == 0:
                progress(done, total, candidate.annotation_id)
            outcome = _place(candidate, actor, min_score, not_found, batch, result)
            (result.unplaced if outcome.reason else result.anchored).append(outcome)
        if progress:
            progress(total, total, "Saving to the case")
        ids = evidence.import_evidence(batch.spans, actor=actor)
        for outcome, index in batch.waiting:
            outcome.evidence_id = ids[index]
        for span, span_id in zip(batch.spans, ids, strict=True):
            decided = {name: span.attribution.get(name, "") for _, name in _REVIEW_FIELDS}
            if decided["review_state"] in ("approved", "returned"):
                review.record_taken_over(span_id, decided, actor=actor,
                                         taken_from=taken_from or "an annotation file")
    return result


@dataclass
class _Batch:
    """The spans an import has placed so far, written together once all are placed."""

    texts: dict[int, str] = field(default_factory=dict)  # source texts read for anchoring
    spans: list[ImportedSpan] = field(default_factory=list)
    #: (source, start, end, supports, incident) of each span → its place in `spans`
    places: dict[tuple, int] = field(default_factory=dict)
    #: outcomes whose evidence id is known once `spans` are written, and the span each names
    waiting: list[tuple[AnchoredAnnotation, int]] = field(default_factory=list)


def _place(c: Candidate, actor: str, min_score: float, not_found: str, batch: _Batch,
           result: AnnotationImport) -> AnchoredAnnotation:
    """Place one candidate: anchor it, skip a duplicate, create its incident, queue the span."""
    texts = batch.texts
    quote = c.quote.exact if c.quote else ""
    source_id = c.source_ids[0] if c.source_ids else None
    problem = c.problem or _value_problem({**c.values, **c.attribution})
    if not problem and c.quote is None:
        problem = _("it quotes nothing (no TextQuoteSelector)")
    if problem:
        return AnchoredAnnotation(c.annotation_id, None, "", 0.0, source_id, quote, problem)
    anchor, source_id = _best_anchor(c, min_score, texts)
    if not anchor.found:
        return AnchoredAnnotation(c.annotation_id, None, "not_found", 0.0, source_id, quote,
                                  _(not_found))
    incident_id = _incident_id(c.incident_code)
    supports = c.values.get("supports", "")
    place = (source_id, anchor.start, anchor.end, supports, incident_id)
    # A span whose incident is not in the case yet cannot be there already.
    if incident_id is not None or not c.incident_code:
        existing = _existing_span(place)
        if existing is not None:
            return AnchoredAnnotation(c.annotation_id, existing, "duplicate", anchor.score,
                                      source_id, quote, _(DUPLICATE))
        if place in batch.places:  # the file holds it twice: the first one is written
            outcome = AnchoredAnnotation(c.annotation_id, None, "duplicate", anchor.score,
                                         source_id, quote, _(DUPLICATE))
            batch.waiting.append((outcome, batch.places[place]))
            return outcome
    if c.incident_code and incident_id is None:
        incident_id = incidents.create_incident(actor=actor, code=c.incident_code,
                                                title=c.incident_title).id
        result.incidents_created.append(c.incident_code)
        place = (source_id, anchor.start, anchor.end, supports, incident_id)
    batch.places[place] = len(batch.spans)
    batch.spans.append(_imported(c, anchor, source_id, incident_id, texts[source_id]))
    outcome = AnchoredAnnotation(c.annotation_id, None, anchor.method, anchor.score, source_id,
                                 quote)
    batch.waiting.append((outcome, len(batch.spans) - 1))
    return outcome


def _value_problem(values: dict[str, str]) -> str:
    """Why these attributes cannot be stored (a grade or state the case does not know), or ''."""
    for name, codes in evidence.CODED_FIELDS.items():
        if name in values and not evidence.known_value(name, values[name]):
            return _("unknown {field} “{value}” (one of {codes})").format(
                field=audit.field_names("evidence", [name]).replace("_", " "),
                value=values[name], codes=", ".join(codes))
    supports = values.get("supports", "")
    if not evidence.known_value("supports", supports):
        return _("“{value}” is neither an incident field nor a legal element").format(
            value=supports)
    return ""


def _best_anchor(c: Candidate, min_score: float, texts: dict[int, str]) -> tuple[Anchor, int]:
    """The best place for the quote among the candidate's sources, and that source's id."""
    best: tuple[Anchor, int] | None = None
    for source_id in c.source_ids:
        if source_id not in texts:
            texts[source_id] = Source.select(Source.text).where(Source.id == source_id).scalar()
        anchor = anchor_quote(texts[source_id], c.quote, c.start, c.end, min_score)
        if c.start is None and anchor.method == "moved":
            # Without a position nothing moved: the quote was found verbatim.
            anchor = Anchor(anchor.start, anchor.end, "exact", anchor.score)
        if best is None or _rank(anchor) > _rank(best[0]):
            best = (anchor, source_id)
    return best


def _rank(anchor: Anchor) -> tuple[int, float]:
    """How good an anchoring is: by method, then by score."""
    return _METHOD_RANK[anchor.method], anchor.score


def _incident_id(code: str) -> int | None:
    """The id of the incident with this code, or None (no code, or not in the case yet)."""
    if not code:
        return None
    return Incident.select(Incident.id).where(Incident.code == code).scalar()


def _existing_span(place: tuple) -> int | None:
    """The id of a span with the same (source, start, end, supports, incident), if the case
    has one."""
    source_id, start, end, supports, incident_id = place
    query = Evidence.select(Evidence.id).where(
        (Evidence.source == source_id) & (Evidence.start == start)
        & (Evidence.end == end) & (Evidence.supports == supports)
        & (Evidence.incident.is_null() if incident_id is None
           else Evidence.incident == incident_id))
    return query.scalar()


def _imported(c: Candidate, anchor: Anchor, source_id: int, incident_id: int | None,
              text: str) -> ImportedSpan:
    """The span to store for a placed candidate, with what its audit entry keeps of the file."""
    provenance: dict[str, Any] = {"annotation": c.annotation_id, "method": anchor.method,
                                  "score": round(anchor.score, 4)}
    if text[anchor.start:anchor.end] != c.quote.exact:
        provenance["quote_in_file"] = c.quote.exact  # a fuzzy match: keep what the file said
    return ImportedSpan(source_id, anchor.start, anchor.end, incident_id, c.values,
                        c.attribution, anchor.method, provenance)
