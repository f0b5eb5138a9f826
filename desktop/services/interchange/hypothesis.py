"""Annotations made with Hypothesis (hypothes.is), brought in as evidence.

Reads the Hypothesis client's own "Export annotations" file (``{"export_date", "export_userid",
"client_version", "annotations": [...]}``), the Hypothesis API's search export
(``{"total": n, "rows": [...]}``) or a bare list of rows. Each row's page is matched to a
source of the case by URL (the source's URL or where it was collected from), then by the page's
file name, then by its title; its quote is anchored in the source's text as for W3C
annotations. Hypothesis counts positions in UTF-16 code units of a
web page's text, not in our extracted text, so they are only a hint: the quote decides.

Tags carry the evidence's attributes: ``incident:INC-001``, ``supports:place``,
``status:verified``, ``credibility:2``, ``value:New York``. Tags that are not attributes (or name
a grade the case does not know) are kept at the end of the note, never lost; the annotation's
text becomes the note and its user the span's author. Replies and page notes quote nothing and
are reported as not placed. ``total`` is what the search matched, not what the file holds, so a
paged export brings in only the rows saved in it.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from desktop.domain.errors import ValidationError
from desktop.domain.models import Source
from desktop.services.evidence import known_value
from desktop.services.interchange import AnnotationFileError, read_json
from desktop.services.interchange.w3c import (
    AnnotationImport,
    Candidate,
    Progress,
    check_min_score,
    check_some_readable,
    json_type,
    parse_selectors,
    place_candidates,
    typed,
    utc_time,
)
from desktop.services.words import N_, _

NOT_IN_SOURCE = N_("the quote is not in the source")

#: Tag name (before the colon) → the evidence field its value sets.
TAG_FIELDS = {"status": "status", "credibility": "credibility", "supports": "supports",
              "value": "asserted_value"}


def read_hypothesis_file(path: Path) -> dict | list:
    """The Hypothesis export in `path`, checked: AnnotationFileError naming it if it is not one."""
    path = Path(path)
    data = read_json(path)
    try:
        check_some_readable(hypothesis_rows(data), parse_row)
    except ValueError as exc:
        raise AnnotationFileError(path, str(exc)) from exc
    return data


def hypothesis_rows(data: object) -> list:
    """The annotation rows of an export; ValueError when it is not a Hypothesis export."""
    if isinstance(data, list):
        return data
    for key in ("rows", "annotations"):  # the API's search export, the client's own export
        if isinstance(data, dict) and key in data and "type" not in data:
            if not isinstance(data[key], list):
                raise ValueError(_("“{key}” must be a list, not {kind}").format(
                    key=key, kind=json_type(data[key])))
            return data[key]
    if isinstance(data, dict) and data.get("type") == "AnnotationCollection":
        raise ValueError(_("is a W3C annotation collection, not a Hypothesis export: import it "
                           "as W3C annotations"))
    raise ValueError(_("is not a Hypothesis export (expected the client's {annotations}, the "
                       "API's {rows} or a list of annotations)").format(
        annotations='{"annotations": […]}', rows='{"rows": […]}'))


def import_hypothesis(data: dict | list, *, actor: str, min_score: float = 0.8,
                      progress: Progress | None = None) -> AnnotationImport:
    """Add the quotes of a Hypothesis export to the open case as evidence, in one transaction."""
    check_min_score(min_score)
    try:
        rows = hypothesis_rows(data)
    except ValueError as exc:
        raise ValidationError(_("these annotations cannot be imported: the data {problem}")
                              .format(problem=exc)) from exc
    sources = list(Source.select(Source.id, Source.url, Source.collected_from,
                                 Source.original_name, Source.title).tuples())
    candidates = []
    for number, row in enumerate(rows, 1):
        try:
            candidate, uris, title = parse_row(row, number)
        except ValueError as exc:  # a malformed row is reported, not allowed to stop the rest
            found = row.get("id") if isinstance(row, dict) else None
            candidate = Candidate(found if isinstance(found, str) else f"annotation {number}",
                                  None, problem=f"malformed: {exc}")
            uris, title = [], ""
        if not candidate.problem:
            candidate.source_ids = _matching_sources(sources, uris, title)
            if not candidate.source_ids:
                candidate.problem = (f"no source in this case matches {candidate.source_ref} "
                                     "(by URL, file name or title)")
        candidates.append(candidate)
    return place_candidates(candidates, actor=actor, min_score=min_score,
                            not_found=NOT_IN_SOURCE, progress=progress)


def parse_row(row: object, number: int) -> tuple[Candidate, list[str], str]:
    """One Hypothesis row as a Candidate, with the page's URIs and title to find its source."""
    if not isinstance(row, dict):
        raise ValueError(_("annotation {number} must be an object, not {kind}").format(
            number=number, kind=json_type(row)))
    where = _("annotation {number}: ").format(number=number)
    target = row.get("target")
    if isinstance(target, list):
        target = target[0] if target else None
    if target is not None and not isinstance(target, dict):
        raise ValueError(where + _("“target” must be a list of objects, not {kind}").format(
            kind=json_type(target)))
    target = target or {}
    start, end, quote = parse_selectors(target.get("selector"), where + "target ")
    uris = [u for u in (typed(target, "source", "text", where + "target "),
                        typed(row, "uri", "text", where)) if u]
    candidate = Candidate(typed(row, "id", "text", where)
                          or _("annotation {number}").format(number=number), quote,
                          start, end, source_ref=uris[0] if uris else _("(no address)"))
    tags = _tags(row, where)
    candidate.incident_code, candidate.values, leftovers = _tag_values(tags)
    note = (typed(row, "text", "text", where) or "").strip()
    if leftovers:
        note += ("\n\n" if note else "") + _("Hypothesis tags: {tags}").format(
            tags=", ".join(leftovers))
    candidate.values["note"] = note
    candidate.attribution = _attribution(row, where)
    if quote is None:
        reply = bool(row.get("references"))
        candidate.problem = (_("a reply to another annotation; it quotes nothing") if reply
                             else _("a page note; it quotes nothing"))
    return candidate, uris, _title(row, where)


def _tags(row: dict, where: str) -> list[str]:
    """The row's tags, checked to be a list of text."""
    tags = row.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise ValueError(where + _("“tags” must be a list of text"))
    return tags


def _tag_values(tags: list[str]) -> tuple[str, dict[str, str], list[str]]:
    """(incident code, evidence attributes, tags that are not attributes) read from tags."""
    code = ""
    values: dict[str, str] = {}
    leftovers: list[str] = []
    for tag in tags:
        name, sep, value = tag.partition(":")
        name, value = name.strip().casefold(), value.strip()
        field = TAG_FIELDS.get(name, "")
        if sep and value and name == "incident" and not code:
            code = value.upper()
        elif sep and value and field and field not in values and known_value(field, value):
            values[field] = value
        else:
            leftovers.append(tag)  # kept in the note: a tag is the annotator's information
    return code, values, leftovers



def _attribution(row: dict, where: str) -> dict[str, str]:
    """Who made the annotation (acct:name@hypothes.is → name) and when, in the case's form."""
    found: dict[str, str] = {}
    user = typed(row, "user", "text", where) or ""
    user = user.removeprefix("acct:").removesuffix("@hypothes.is")
    if user:
        found["created_by"] = user
    created = typed(row, "created", "text", where)
    if created:
        found["created_at"] = utc_time(created)
    return found


def _title(row: dict, where: str) -> str:
    """The annotated page's title, if the row gives one."""
    document = typed(row, "document", "an object", where) or {}
    titles = document.get("title")
    if isinstance(titles, list):
        titles = next((t for t in titles if isinstance(t, str)), "")
    return titles.strip() if isinstance(titles, str) else ""


def _url_key(url: str) -> str:
    """A URL as compared: no scheme, www., fragment or trailing slash; case ignored."""
    parts = urlsplit(url.strip())
    host = parts.netloc.casefold().removeprefix("www.")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{parts.path.rstrip('/')}{query}".casefold()


def _matching_sources(sources: list[tuple], uris: list[str], title: str) -> list[int]:
    """Ids of the sources an annotated page is: by URL, else by file name, else by title."""
    keys = {_url_key(u) for u in uris}
    by_url = [sid for sid, url, origin, _, _ in sources
              if keys & {_url_key(url), _url_key(origin)} - {""}]
    if by_url:
        return by_url
    names = {unquote(PurePosixPath(urlsplit(u).path).name) for u in uris} - {""}
    by_name = [sid for sid, _, _, name, _ in sources if name and name in names]
    if by_name:
        return by_name
    wanted = title.casefold()
    return [sid for sid, _, _, _, t in sources if wanted and t.strip().casefold() == wanted]
