"""Evidence in and out as W3C Web Annotations, and in from Hypothesis."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from peewee import JOIN, fn

from desktop.domain import db
from desktop.domain.errors import CasefileError
from desktop.domain.models import AuditEntry, Case, Evidence, Incident, Source
from desktop.services import anchoring, evidence, incidents, review, sources
from desktop.services.interchange import AnnotationFileError, hypothesis, w3c
from tests.conftest import FIXTURES

REVIEWER = "Mykola Reviewer"
IMPORTER = "Iryna Importer"
PGO_SEED = "003_b8c3f3517aeeccd0.txt"
UN_SEED = "000_834f49a7d7f9d56b.txt"
KILLING = "shot him while he lay unarmed on the ground"
HYPOTHESIS_FILE = FIXTURES / "interchange" / "hypothesis.json"
PGO_URL = ("https://prosecutor-general.example/en/posts/"
           "russians-executed-a-wounded-ukrainian-soldier-near-bakhmut")


def spans() -> list[tuple]:
    """Every span of the open case with everything an interchange must carry, sorted."""
    query = (Evidence.select(
        Source.sha256, Evidence.start, Evidence.end, Evidence.quote, Evidence.prefix,
        Evidence.suffix, fn.COALESCE(Incident.code, ""), Evidence.supports,
        Evidence.asserted_value, Evidence.status, Evidence.credibility, Evidence.note,
        Evidence.created_by, Evidence.created_at, Evidence.review_state, Evidence.reviewed_by,
        Evidence.reviewed_at, Evidence.review_comment)
        .join(Source, on=(Evidence.source == Source.id))
        .switch(Evidence)
        .join(Incident, JOIN.LEFT_OUTER, on=(Evidence.incident == Incident.id)))
    return sorted(query.tuples())


def actions(action: str) -> list[AuditEntry]:
    """The audit entries of one kind, oldest first."""
    return list(AuditEntry.select().where(AuditEntry.action == action).order_by(AuditEntry.id))


@pytest.fixture
def exported(worked_case, actor) -> dict:
    """The worked case reviewed, with a Ukrainian value and an unlinked span, exported."""
    marked = worked_case["evidence"]
    review.review_evidence([marked["place"], marked["time"]], "approved", actor=REVIEWER)
    review.review_evidence(marked["killing"], "returned", actor=REVIEWER,
                           comment="Quote the whole sentence.")
    evidence.update_evidence(marked["un_count"], actor=actor, asserted_value="79 страт",
                             note="Число з доповіді Місії ООН", status="corroborated",
                             credibility="1")
    evidence.add_evidence(worked_case["sources"][UN_SEED], 4, 52, actor=actor,
                          supports="narrative")
    return {"data": w3c.export_annotations(), "spans": spans(), "worked": worked_case}


@pytest.fixture
def second_case(exported, tmp_path, seed_files, actor) -> dict:
    """Another case holding the same seed sources, and nothing else; the first is closed."""
    db.close_case()
    db.new_case(tmp_path / "second.casefile", "Receiving office", actor=actor)
    sources.import_files(seed_files, actor=actor, kind="news")
    return exported


def killing_annotation(data: dict) -> dict:
    """A copy of the exported annotation of the 'shot him…' span."""
    item = next(i for i in data["first"]["items"]
                if i["target"]["selector"][1]["exact"] == KILLING)
    return copy.deepcopy(item)


def collection(*items: dict) -> dict:
    """A W3C collection of these annotations."""
    return {"type": "AnnotationCollection", "total": len(items),
            "first": {"type": "AnnotationPage", "items": list(items)}}


def add_edited_copy(tmp_path: Path, seed_files: list[Path], name: str, edit) -> Source:
    """Import an edited copy of the Prosecutor General's text as a new source."""
    seed = next(p for p in seed_files if p.name == PGO_SEED)
    path = tmp_path / name
    path.write_text(edit(seed.read_text(encoding="utf-8")), encoding="utf-8")
    sources.import_files([path], actor=IMPORTER)
    return Source.get(Source.original_name == name)


# ---- export ----------------------------------------------------------------------------------

def test_an_export_is_a_w3c_collection_of_every_span(exported):
    data = exported["data"]
    assert data["@context"] == ["http://www.w3.org/ns/anno.jsonld",
                                {"cf": "urn:x-casefile:terms:"}]
    assert (data["type"], data["total"], len(data["first"]["items"])) == (
        "AnnotationCollection", 5, 5)
    assert data["label"] == "Executions of surrendered POWs — evidence"
    assert data["generator"] == {"type": "Software", "name": "Casefile 0.1.0"}
    item = killing_annotation(data)
    span = Evidence.get_by_id(exported["worked"]["evidence"]["killing"])
    assert item["id"] == f"urn:x-casefile:evidence:{span.id}"
    assert (item["type"], item["motivation"]) == ("Annotation", "assessing")
    assert item["creator"] == {"type": "Person", "name": "Olena Documenter"}
    assert item["body"] == {
        "type": "cf:Evidence", "cf:incident": "INC-001",
        "cf:incidentTitle": "Wounded soldier executed near the Phenol plant",
        "cf:supports": "rs_8_2_b_vi:killing", "cf:assertedValue": "", "cf:status": "verified",
        "cf:credibility": "6", "cf:note": "",
        "cf:review": {"cf:state": "returned", "cf:by": REVIEWER, "cf:at": span.reviewed_at,
                      "cf:comment": "Quote the whole sentence."}}
    assert item["target"] == {
        "source": f"urn:sha256:{span.source.sha256}", "cf:textSha256": span.source.text_sha256,
        "selector": [{"type": "TextPositionSelector", "start": span.start, "end": span.end},
                     {"type": "TextQuoteSelector", "exact": KILLING, "prefix": span.prefix,
                      "suffix": span.suffix}]}


def test_the_collection_and_its_page_have_the_ids_the_w3c_model_requires(exported):
    data = exported["data"]
    head = Case.get().audit_head
    assert data["id"] == f"urn:x-casefile:annotations:{head}"
    page = data["first"]
    assert (page["id"], page["type"], page["partOf"], page["startIndex"]) == (
        f"urn:x-casefile:annotations:{head}:page-1", "AnnotationPage", data["id"], 0)
    assert w3c.export_annotations()["id"] == data["id"]  # the same state, the same id
    pattern = exported["worked"]["incidents"]["INC-002"]
    assert w3c.export_annotations(incident_id=pattern)["id"] == f"{data['id']}:INC-002"
    assert w3c.export_annotations(redacted=True)["id"] == f"{data['id']}:redacted"
    chosen = w3c.export_annotations(incident_ids=[pattern])
    assert chosen["id"].startswith(f"{data['id']}:incidents-") and chosen["total"] == 1


def test_an_export_can_be_limited_to_one_incident(exported):
    pattern = exported["worked"]["incidents"]["INC-002"]
    items = w3c.export_annotations(incident_id=pattern)["first"]["items"]
    assert [i["body"]["cf:incident"] for i in items] == ["INC-002"]


def test_the_file_is_indented_utf8_and_its_writing_is_audited(exported, tmp_path, actor):
    out = tmp_path / "evidence.jsonld"
    assert w3c.write_annotations(out, actor=actor) == 5
    raw = out.read_bytes()
    assert "79 страт".encode() in raw  # ensure_ascii=False: Cyrillic as itself
    assert raw.startswith(b'{\n "@context": [\n  "http://www.w3.org/ns/anno.jsonld"')
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    entry = actions("annotations.export")[-1]
    assert entry.after == {"file": "evidence.jsonld", "evidence": 5, "incident_id": None,
                           "edition": "full"}


# ---- import ----------------------------------------------------------------------------------

def test_a_round_trip_into_another_case_reproduces_every_span(second_case, tmp_path):
    out = tmp_path / "handed-over.jsonld"
    out.write_text(json.dumps(second_case["data"], ensure_ascii=False), encoding="utf-8")
    result = w3c.import_annotations(w3c.read_annotation_file(out), actor=IMPORTER,
                                    keep_review=True)  # a copy of this case's own data
    assert result.unplaced == []
    assert [a.method for a in result.anchored] == ["exact"] * 5
    assert sorted(result.incidents_created) == ["INC-001", "INC-002"]
    assert spans() == second_case["spans"]
    assert Incident.get(Incident.code == "INC-001").title == (
        "Wounded soldier executed near the Phenol plant")
    assert result.summary() == "5 anchored (5 exact); incidents created: INC-002, INC-001"


def test_every_imported_span_is_audited_with_its_annotation(second_case):
    result = w3c.import_annotations(second_case["data"], actor=IMPORTER)
    entries = actions("evidence.import")
    assert [e.object_id for e in entries] == [a.evidence_id for a in result.anchored]
    assert {e.actor for e in entries} == {IMPORTER}
    first = entries[0].after
    assert (first["annotation"], first["method"], first["score"]) == (
        result.anchored[0].annotation_id, "exact", 1.0)
    assert [e.after["code"] for e in actions("incident.create")] == result.incidents_created


def test_without_attribution_the_spans_are_the_importers_and_pending(second_case):
    w3c.import_annotations(second_case["data"], actor=IMPORTER, keep_attribution=False)
    assert {(e.created_by, e.review_state, e.reviewed_by) for e in Evidence.select()} == {
        (IMPORTER, "pending", "")}


def test_importing_twice_reports_duplicates_and_adds_nothing(second_case):
    w3c.import_annotations(second_case["data"], actor=IMPORTER)
    before = (Evidence.select().count(), Incident.select().count(), AuditEntry.select().count())
    again = w3c.import_annotations(second_case["data"], actor=IMPORTER)
    assert again.anchored == [] and again.incidents_created == []
    assert len(again.duplicates) == len(again.unplaced) == 5
    assert {(a.method, a.reason) for a in again.unplaced} == {("duplicate", w3c.DUPLICATE)}
    assert all(a.evidence_id for a in again.unplaced)  # points at the span already there
    assert (Evidence.select().count(), Incident.select().count(),
            AuditEntry.select().count()) == before
    assert again.summary() == "0 anchored; 5 not placed: 5 × already in the case"


def test_an_existing_incident_is_used_and_a_missing_one_created(second_case, actor):
    mine = incidents.create_incident(actor=actor, code="INC-001", title="Phenol plant (ours)")
    result = w3c.import_annotations(second_case["data"], actor=IMPORTER)
    assert result.incidents_created == ["INC-002"]
    assert Incident.get_by_id(mine.id).title == "Phenol plant (ours)"
    assert Evidence.select().where(Evidence.incident == mine.id).count() == 3


def test_a_quote_that_moved_is_found_at_its_new_place(second_case, tmp_path, seed_files):
    note = "Editor’s note: this article was updated on 12 October 2024.\n"
    moved = add_edited_copy(tmp_path, seed_files, "pgo-updated.txt", lambda t: note + t)
    item = killing_annotation(second_case["data"])
    old_start = item["target"]["selector"][0]["start"]
    item["target"]["source"] = f"urn:sha256:{moved.sha256}"
    result = w3c.import_annotations(collection(item), actor=IMPORTER)
    (placed,) = result.anchored
    assert (placed.method, placed.score, placed.source_id) == ("moved", 1.0, moved.id)
    span = Evidence.get_by_id(placed.evidence_id)
    assert (span.start, span.end, span.quote) == (old_start + len(note),
                                                  old_start + len(note) + len(KILLING), KILLING)
    assert span.prefix.endswith("took him prisoner and ")


def test_a_changed_word_is_anchored_fuzzily_with_its_score(second_case, tmp_path, seed_files):
    edited = add_edited_copy(tmp_path, seed_files, "pgo-edited.txt",
                             lambda t: t.replace(KILLING, KILLING.replace("unarmed", "disarmed")))
    item = killing_annotation(second_case["data"])
    item["target"]["source"] = f"urn:sha256:{edited.sha256}"
    result = w3c.import_annotations(collection(item), actor=IMPORTER)
    (placed,) = result.anchored
    assert placed.method == "fuzzy" and 0.8 <= placed.score < 1.0
    span = Evidence.get_by_id(placed.evidence_id)
    assert span.quote == "shot him while he lay disarmed on the ground"
    assert actions("evidence.import")[-1].after["quote_in_file"] == KILLING
    assert result.summary().startswith(f"1 anchored (1 fuzzy {placed.score:.2f})")


def test_a_quote_edited_out_of_its_source_is_reported_not_placed(second_case, tmp_path,
                                                                 seed_files):
    sentence = ("After Russian forces captured the building where he was positioned, they took "
                f"him prisoner and {KILLING}. ")
    cut = add_edited_copy(tmp_path, seed_files, "pgo-cut.txt", lambda t: t.replace(sentence, ""))
    item = killing_annotation(second_case["data"])
    item["target"]["source"] = f"urn:sha256:{cut.sha256}"
    result = w3c.import_annotations(collection(item), actor=IMPORTER)
    assert result.anchored == [] and result.incidents_created == []
    (missed,) = result.unplaced
    assert (missed.annotation_id, missed.method, missed.evidence_id, missed.source_id,
            missed.quote, missed.reason) == (item["id"], "not_found", None, cut.id, KILLING,
                                             "the quote is no longer in the source")
    assert Evidence.select().count() == 0
    assert result.summary() == "0 anchored; 1 not placed: the quote is no longer in the source"


def test_an_annotation_on_a_source_not_in_the_case_is_reported(second_case):
    item = killing_annotation(second_case["data"])
    item["target"]["source"] = "urn:sha256:" + "ab" * 32
    (missed,) = w3c.import_annotations(collection(item), actor=IMPORTER).unplaced
    assert missed.reason == "its source (sha256 abababababababab…) is not in this case"


def test_optional_keys_may_be_missing(second_case):
    minimal = {"type": "Annotation", "target": {
        "source": killing_annotation(second_case["data"])["target"]["source"],
        "selector": {"type": "TextQuoteSelector", "exact": KILLING}}}
    result = w3c.import_annotations(collection(minimal), actor=IMPORTER)
    (placed,) = result.anchored
    assert (placed.annotation_id, placed.method) == ("annotation 1", "exact")
    span = Evidence.get_by_id(placed.evidence_id)
    assert (span.incident, span.supports, span.status, span.credibility, span.review_state,
            span.created_by) == (None, "", "unverified", "6", "pending", IMPORTER)


def test_values_the_case_does_not_know_are_reported_not_guessed(second_case):
    item = killing_annotation(second_case["data"])
    item["body"]["cf:status"] = "probable"
    malformed = killing_annotation(second_case["data"])
    malformed["target"]["selector"] = "shot him"
    result = w3c.import_annotations(collection(item, malformed), actor=IMPORTER)
    assert [a.reason.split(" (")[0] for a in result.unplaced] == [
        "unknown status “probable”",
        "malformed: annotation 2: target “selector” must be a list or an object, not text"]
    assert Evidence.select().count() == 0


def test_the_import_is_one_transaction(second_case, audit_fails_at):
    audit_fails_at(4)
    with pytest.raises(RuntimeError):
        w3c.import_annotations(second_case["data"], actor=IMPORTER)
    assert (Evidence.select().count(), Incident.select().count()) == (0, 0)


@pytest.mark.parametrize(("content", "message"), [
    (b"<html>not an export</html>", "is not JSON (line 1, column 1"),
    (b'{"rows": []}', "is not a W3C annotation collection (no type"),
    (b'{"type": "AnnotationCollection", "total": 3, "first": {"items": []}}',
     "says it holds 3 annotations but 0 are in the file"),
    (b'{"type": "AnnotationCollection", "first": "https://example.org/page1"}',
     "its first page is only a link"),
    (b'[{"type": "Annotation", "target": {"source": 5}}]',
     "annotation 1: target “source” must be text, not a number"),
    (b'[{"type": "Annotation", "target": {"selector": [{"type": "TextPositionSelector",'
     b' "start": "10"}]}}]',
     "annotation 1: target TextPositionSelector “start” must be a whole number, not text"),
])
def test_a_file_that_is_not_an_annotation_collection_is_refused_by_name(tmp_path, content,
                                                                        message):
    path = tmp_path / "from-partner.jsonld"
    path.write_bytes(content)
    with pytest.raises(AnnotationFileError) as caught:
        w3c.read_annotation_file(path)
    assert str(caught.value).startswith("from-partner.jsonld: ")
    assert message in str(caught.value)
    assert isinstance(caught.value, CasefileError)


def test_a_bare_list_of_annotations_is_read_as_a_collection(exported, tmp_path):
    path = tmp_path / "list.json"
    path.write_text(json.dumps(exported["data"]["first"]["items"]), encoding="utf-8")
    data = w3c.read_annotation_file(path)
    assert (data["type"], data["total"]) == ("AnnotationCollection", 5)


# ---- Hypothesis ------------------------------------------------------------------------------

@pytest.fixture
def hypothesis_case(worked_case, actor) -> dict:
    """The worked case with the Prosecutor General's article's URL recorded."""
    sources.update_source(worked_case["sources"][PGO_SEED], actor=actor, url=PGO_URL)
    return worked_case


def test_hypothesis_annotations_come_in_with_attributes_from_their_tags(hypothesis_case):
    data = hypothesis.read_hypothesis_file(HYPOTHESIS_FILE)
    result = hypothesis.import_hypothesis(data, actor=IMPORTER)
    assert [(a.annotation_id, a.method) for a in result.anchored] == [
        ("Qm9vNjRiY2UtMWY4Yi0xMWVm", "moved"), ("TmE3ZDQ5MGEtMWY4Yi0xMWVm", "exact")]
    assert result.incidents_created == ["INC-003"]

    region = Evidence.get_by_id(result.anchored[0].evidence_id)
    assert region.source.id == hypothesis_case["sources"][PGO_SEED]  # matched by URL
    assert (region.quote, region.incident.code, region.supports, region.asserted_value,
            region.status, region.credibility, region.created_by, region.created_at) == (
        "sustained injuries during a combat mission in the Bakhmut district", "INC-001",
        "region", "Bakhmut district", "corroborated", "2", "olena_k", "2024-11-05T14:22:31Z")
    assert region.note.startswith("District as the Prosecutor General's Office gives it")

    custody = Evidence.get_by_id(result.anchored[1].evidence_id)
    assert custody.source.id == hypothesis_case["sources"][UN_SEED]  # matched by file name
    assert (custody.incident.code, custody.supports, custody.status, custody.created_by) == (
        "INC-003", "rs_8_2_b_vi:hors_de_combat", "verified", "m.bondar")
    assert custody.note.endswith("\n\nHypothesis tags: pattern")

    (missed,) = result.unplaced
    assert (missed.annotation_id, missed.method, missed.reason) == (
        "WjJmMWE4YzQtMWY4Yi0xMWVm", "not_found", "the quote is not in the source")
    assert missed.source_id == hypothesis_case["sources"]["002_07fba7e951b246fe.txt"]  # title
    assert len(actions("evidence.import")) == 2
    assert len(actions("incident.create")) == 3  # the worked case's two, and INC-003


def test_a_hypothesis_page_not_in_the_case_is_reported(hypothesis_case):
    rows = json.loads(HYPOTHESIS_FILE.read_text(encoding="utf-8"))["rows"][:1]
    rows[0]["uri"] = rows[0]["target"][0]["source"] = "https://elsewhere.example/story"
    rows[0]["document"] = {"title": ["Another story"]}
    rows.append({"id": "page-note", "uri": PGO_URL, "text": "Read the whole report", "tags": []})
    result = hypothesis.import_hypothesis(rows, actor=IMPORTER)
    assert result.anchored == []
    assert [a.reason for a in result.unplaced] == [
        "no source in this case matches https://elsewhere.example/story (by URL, file name or "
        "title)", "a page note; it quotes nothing"]


def test_a_w3c_file_given_as_hypothesis_is_refused_by_name(exported, tmp_path):
    path = tmp_path / "evidence.jsonld"
    w3c.write_annotations(path)
    with pytest.raises(AnnotationFileError, match="evidence.jsonld: is a W3C annotation "
                                                  "collection, not a Hypothesis export"):
        hypothesis.read_hypothesis_file(path)


def test_a_file_cannot_approve_evidence_unless_asked(second_case):
    approved = [item for item in second_case["data"]["first"]["items"]
                if item["body"]["cf:review"]["cf:state"] == "approved"]
    assert approved, "the exported case has approved evidence"
    w3c.import_annotations(second_case["data"], actor=IMPORTER)
    assert {s for (s,) in Evidence.select(Evidence.review_state).tuples()} == {"pending"}


# ---- annotations from other tools, as those tools write them ----------------------------------

CLIENT_EXPORT = FIXTURES / "interchange" / "hypothesis_client_export.json"


def test_the_hypothesis_client_s_own_export_is_read(hypothesis_case):
    data = hypothesis.read_hypothesis_file(CLIENT_EXPORT)
    assert data["client_version"] and data["export_userid"]
    result = hypothesis.import_hypothesis(data, actor=IMPORTER)
    assert [a.annotation_id for a in result.anchored] == [
        "Qm9vNjRiY2UtMWY4Yi0xMWVm", "TmE3ZDQ5MGEtMWY4Yi0xMWVm"]
    assert [a.annotation_id for a in result.unplaced] == ["WjJmMWE4YzQtMWY4Yi0xMWVm"]


def test_one_bad_hypothesis_annotation_is_listed_and_the_rest_import(hypothesis_case,
                                                                      tmp_path):
    data = json.loads(CLIENT_EXPORT.read_text(encoding="utf-8"))
    data["annotations"][2]["target"] = 7
    path = tmp_path / "export.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = hypothesis.import_hypothesis(hypothesis.read_hypothesis_file(path), actor=IMPORTER)
    assert len(result.anchored) == 2
    (bad,) = result.unplaced
    assert bad.reason == ("malformed: annotation 3: “target” must be a list of objects, not a "
                          "number")


def test_a_selector_given_by_reference_is_the_one_of_that_id_in_the_file(second_case,
                                                                          tmp_path):
    item = killing_annotation(second_case["data"])
    item["target"]["selector"][1]["id"] = "urn:uuid:7f0b4d6e-selector-killing"
    by_reference = killing_annotation(second_case["data"])
    by_reference["id"] = "urn:uuid:second-reading-of-the-killing"
    by_reference["target"]["selector"] = "urn:uuid:7f0b4d6e-selector-killing"
    by_reference["body"]["cf:supports"] = "narrative"  # the same passage, another use of it
    elsewhere = killing_annotation(second_case["data"])
    elsewhere["id"] = "urn:uuid:selector-in-another-file"
    elsewhere["target"]["selector"] = ["https://partner.example/selectors/41"]
    path = tmp_path / "partner.jsonld"
    path.write_text(json.dumps(collection(item, by_reference, elsewhere)), encoding="utf-8")
    result = w3c.import_annotations(w3c.read_annotation_file(path), actor=IMPORTER)
    placed = {a.annotation_id: Evidence.get_by_id(a.evidence_id).quote for a in result.anchored}
    assert placed[by_reference["id"]] == KILLING
    (missing,) = result.unplaced
    assert (missing.annotation_id, missing.reason) == (elsewhere["id"], (
        "malformed: annotation 3: target selector https://partner.example/selectors/41 is "
        "given by reference, and no selector of that id is in the file"))


def test_a_quote_read_with_ligatures_or_decomposed_is_placed_exactly():
    # As another tool read the page: "ﬁ" as one character, "й" as и and its breve.
    _start, _end, quote = w3c.parse_selectors(
        {"type": "TextQuoteSelector", "exact": "the of\ufb01cial \u0438\u0306 report",
         "prefix": "di\ufb03cult ", "suffix": ""}, "annotation 1: ")
    text = "It was difficult to read the official й report in full."
    assert (quote.exact, quote.prefix) == ("the official й report", "difficult ")
    assert anchoring.anchor_quote(text, quote).method == "exact"


def test_a_collection_whose_every_annotation_is_bad_is_no_annotation_file(tmp_path):
    path = tmp_path / "broken.jsonld"
    path.write_text(json.dumps(collection({"type": "Annotation", "target": 5},
                                          "not an annotation")), encoding="utf-8")
    with pytest.raises(AnnotationFileError, match="^broken.jsonld: annotation 1: “target” "
                                                  "must be an object, not a number$"):
        w3c.read_annotation_file(path)
