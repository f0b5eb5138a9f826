"""The grading scales, statuses and legal elements of a case, as data.

Codes are what is stored in a case file; labels are what people read. Adding a legal
qualification (another case type) means adding a row here, not touching code paths.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Grade:
    """One step of a scale: the stored code and its meaning."""

    code: str
    label: str
    description: str = ""


def _codes(scale: tuple[Grade, ...]) -> tuple[str, ...]:
    return tuple(g.code for g in scale)


# Admiralty code, graded per source.
SOURCE_RELIABILITY: tuple[Grade, ...] = (
    Grade("A", "Completely reliable", "No doubt of authenticity, trustworthiness or competence."),
    Grade("B", "Usually reliable", "Minor doubt; a history of mostly valid information."),
    Grade("C", "Fairly reliable", "Doubt; has provided valid information in the past."),
    Grade("D", "Not usually reliable", "Significant doubt; has provided valid information before."),
    Grade("E", "Unreliable", "Lacking authenticity, trustworthiness and competence."),
    Grade("F", "Reliability cannot be judged", "No basis to evaluate the source."),
)

# Graded per evidence span.
INFORMATION_CREDIBILITY: tuple[Grade, ...] = (
    Grade("1", "Confirmed by other sources", "Confirmed by independent sources."),
    Grade("2", "Probably true", "Not confirmed; logical and consistent with other information."),
    Grade("3", "Possibly true", "Not confirmed; reasonably logical, agrees with some information."),
    Grade("4", "Doubtful", "Not confirmed; possible but not logical, no other information."),
    Grade("5", "Improbable", "Not confirmed; not logical, contradicted by other information."),
    Grade("6", "Truth cannot be judged", "No basis to evaluate the validity of the information."),
)

VERIFICATION_STATUSES: tuple[Grade, ...] = (
    Grade("unverified", "Unverified", "Captured, not yet assessed."),
    Grade("corroborated", "Corroborated", "An independent source says the same."),
    Grade("verified", "Verified", "Checked against original or primary material."),
    Grade("contested", "Contested", "Another source contradicts it."),
    Grade("rejected", "Rejected", "Judged unusable; kept, never deleted, shown struck through."),
)
#: Statuses of evidence that proves nothing: kept for the record, listed apart, struck through,
#: never counted as backing a fact, covering an element or waiting for review.
UNUSABLE_STATUSES: tuple[str, ...] = ("rejected",)

REVIEW_STATES: tuple[Grade, ...] = (
    Grade("pending", "Pending review", "Recorded; no reviewer has decided on it yet."),
    Grade("approved", "Approved", "Approved by a reviewer other than the person who recorded "
                                  "it (four eyes)."),
    Grade("returned", "Returned", "Returned by the reviewer with a comment."),
)

INCIDENT_STATES: tuple[Grade, ...] = (
    Grade("draft", "Draft", "Being documented: its facts and evidence may still change."),
    Grade("in_review", "In review", "Submitted to a reviewer, who checks its facts and "
                                    "evidence."),
    Grade("approved", "Approved", "Signed off by a reviewer: its facts and evidence were "
                                  "checked."),
    Grade("returned", "Returned", "Returned by the reviewer with a comment, to be completed."),
)

CLASSIFICATIONS: tuple[Grade, ...] = (
    Grade("public", "Public"),
    Grade("public_redacted", "Public (redacted)"),
    Grade("confidential", "Confidential"),
    Grade("strictly_confidential", "Strictly confidential"),
)

DATE_PRECISIONS: tuple[Grade, ...] = (
    Grade("day", "Exact day"),
    Grade("month", "Month"),
    Grade("approximate", "Approximate"),
    Grade("unknown", "Unknown"),
)

VICTIM_STATUSES: tuple[Grade, ...] = (
    Grade("pow", "Prisoner(s) of war"),
    Grade("surrendered", "Surrendered"),
    Grade("wounded", "Wounded / hors de combat"),
    Grade("civilian", "Civilian(s)"),
    Grade("unknown", "Unknown"),
)

SOURCE_KINDS: tuple[Grade, ...] = (
    Grade("news", "News article"),
    Grade("un_report", "UN report"),
    Grade("ngo_report", "NGO report"),
    Grade("official", "Official statement"),
    Grade("witness", "Witness statement"),
    Grade("transcript", "Transcript (video, audio, social media)"),
    Grade("other", "Other"),
)

# People whose names a redacted dossier replaces; the letter starts their pseudonym.
PROTECTED_ROLES: tuple[Grade, ...] = (
    Grade("witness", "Witness", "W"),
    Grade("victim", "Victim", "V"),
    Grade("perpetrator", "Alleged perpetrator", "P"),
)

# Whether a protected person has agreed to be named (in a dossier, to a court).
CONSENT_LEVELS: tuple[Grade, ...] = (
    Grade("not_asked", "Not asked"),
    Grade("yes", "Agreed to be named"),
    Grade("no", "Refused to be named"),
)

# What a member of a case does in it (four eyes: a reviewer never approves what they marked).
MEMBER_ROLES: tuple[Grade, ...] = (
    Grade("documenter", "Documenter", "marks and grades evidence, documents incidents"),
    Grade("reviewer", "Reviewer", "approves or returns evidence and signs incidents off"),
)

# How far a fact or legal element is established (desktop.services.assessment decides it).
COVERAGE_LEVELS: tuple[Grade, ...] = (
    Grade("supported", "Supported", "approved, verified evidence from at least one line"),
    Grade("contested", "Contested", "its evidence is contested, or its sources disagree"),
    Grade("linked", "Linked, not verified", "evidence is linked but not yet approved and "
                                            "verified"),
    Grade("open", "Open", "no usable evidence yet"),
)

STANDARD_OF_PROOF = "Reasonable grounds to believe"

RELIABILITY_CODES = _codes(SOURCE_RELIABILITY)
CREDIBILITY_CODES = _codes(INFORMATION_CREDIBILITY)
STATUS_CODES = _codes(VERIFICATION_STATUSES)
REVIEW_CODES = _codes(REVIEW_STATES)
INCIDENT_STATE_CODES = _codes(INCIDENT_STATES)
CLASSIFICATION_CODES = _codes(CLASSIFICATIONS)
DATE_PRECISION_CODES = _codes(DATE_PRECISIONS)
VICTIM_STATUS_CODES = _codes(VICTIM_STATUSES)
SOURCE_KIND_CODES = _codes(SOURCE_KINDS)
PROTECTED_ROLE_CODES = _codes(PROTECTED_ROLES)
MEMBER_ROLE_CODES = _codes(MEMBER_ROLES)
CONSENT_CODES = _codes(CONSENT_LEVELS)
COVERAGE_CODES = _codes(COVERAGE_LEVELS)


def counts_as_evidence(status: str) -> bool:
    """Whether a span in this verification status proves anything (a rejected one does not)."""
    return status not in UNUSABLE_STATUSES


# The facts of an incident that evidence can back (the incident form's fields).
INCIDENT_FIELDS: tuple[Grade, ...] = (
    Grade("title", "Title"),
    Grade("date", "Date of the event"),
    Grade("report_date", "Date reported"),
    Grade("time", "Time"),
    Grade("place", "Place"),
    Grade("region", "District / region"),
    Grade("coordinates", "Coordinates"),
    Grade("victims", "Victims (count)"),
    Grade("victim_status", "Victims' status"),
    Grade("perpetrator", "Perpetrator (force / unit)"),
    Grade("narrative", "What happened"),
)
INCIDENT_FIELD_CODES = _codes(INCIDENT_FIELDS)

#: The legal elements whose evidence also speaks to a fact of the form (by element code, in
#: any qualification): a fact proved at element level is cross-referred there, not "open".
FACT_ELEMENTS: dict[str, tuple[str, ...]] = {
    "victims": ("killing", "premeditated_murder"),
    "victim_status": ("hors_de_combat", "protected_status"),
    "perpetrator": ("command",),
}

#: Every editable field of an incident, in words: what an undo step, the history and the
#: audit annex call it (never its internal name).
EDITABLE_FIELD_WORDS: tuple[Grade, ...] = (
    Grade("title", "Title"),
    Grade("date_start", "Date of the event (from)"),
    Grade("date_end", "Date of the event (to)"),
    Grade("date_precision", "Precision of the date"),
    Grade("report_date", "Date reported"),
    Grade("time", "Time"),
    Grade("place", "Place"),
    Grade("place_alternatives", "Other names of the place"),
    Grade("district", "District"),
    Grade("region", "Region"),
    Grade("country", "Country"),
    Grade("latitude", "Latitude"),
    Grade("longitude", "Longitude"),
    Grade("coordinates_source", "Source of the coordinates"),
    Grade("victims_min", "Victims (at least)"),
    Grade("victims_max", "Victims (at most)"),
    Grade("victim_status", "Victims' status"),
    Grade("victims_named", "Victims named"),
    Grade("perpetrator_force", "Perpetrator (force)"),
    Grade("perpetrator_unit", "Perpetrator (unit)"),
    Grade("perpetrators_named", "Perpetrators named"),
    Grade("narrative", "What happened"),
    Grade("qualifications", "Legal qualification"),
)


#: A source's and an evidence span's editable fields, and the case's, in words: what the audit
#: annex calls them (never their internal names).
SOURCE_FIELD_WORDS: tuple[Grade, ...] = (
    Grade("kind", "Kind"),
    Grade("title", "Title"),
    Grade("publisher", "Publisher"),
    Grade("author", "Author"),
    Grade("url", "URL"),
    Grade("published", "Date published"),
    Grade("language", "Language"),
    Grade("collected_at", "When collected"),
    Grade("collected_by", "Collected by"),
    Grade("collected_from", "Collected from"),
    Grade("reliability", "Reliability"),
    Grade("reliability_note", "Note on reliability"),
    Grade("confidential", "Confidential"),
    Grade("originator", "Originator"),
    Grade("relays", "Source relayed"),
)
EVIDENCE_FIELD_WORDS: tuple[Grade, ...] = (
    Grade("incident", "Incident"),
    Grade("supports", "What it supports"),
    Grade("asserted_value", "Value asserted"),
    Grade("status", "Verification status"),
    Grade("credibility", "Credibility"),
    Grade("note", "Note"),
    Grade("originator", "Originator"),
    Grade("period_start", "Period from"),
    Grade("period_end", "Period to"),
    Grade("scope", "Scope of the claim"),
    Grade("review_state", "Review"),
    Grade("review_comment", "Reviewer's comment"),
)
CASE_FIELD_WORDS: tuple[Grade, ...] = (
    Grade("title", "Title"),
    Grade("reference", "Reference"),
    Grade("classification", "Classification"),
    Grade("description", "Description"),
    Grade("standard_of_proof", "Standard of proof"),
    Grade("one_person", "One-person case"),
    # the issuing block (services/case.ISSUING_FIELDS)
    Grade("issuing_organisation", "Issuing organisation"),
    Grade("issued_by", "Issued by"),
    Grade("addressee", "Addressee"),
    Grade("issued_for", "Issued for"),
    Grade("dossier_version", "Dossier version"),
)
#: Each kind of record's fields in words, by the trail's object type.
FIELD_WORDS: dict[str, tuple[Grade, ...]] = {
    "incident": EDITABLE_FIELD_WORDS, "source": SOURCE_FIELD_WORDS,
    "evidence": EVIDENCE_FIELD_WORDS, "case": CASE_FIELD_WORDS,
}


#: What each audit action is called where people read the trail (history, audit annex); an
#: action a later version adds is shown by its code until it is listed here. `….intent` and
#: `….abandoned` (an export announced, never completed) take the words of their action.
AUDIT_ACTIONS: tuple[Grade, ...] = (
    Grade("case.create", "Case created"),
    Grade("case.update", "Case details changed"),
    Grade("case.upgrade", "Case file upgraded"),
    Grade("case.encrypt", "Case encrypted"),
    Grade("case.handover", "Hand-over copy written"),
    Grade("case.merge_review", "Reviewer's copy merged"),
    Grade("case.recover", "Case recovered from a damaged file"),
    Grade("dossier.export", "Dossier exported"),
    Grade("annotations.export", "Annotations exported"),
    Grade("registers.export", "Registers exported"),
    Grade("source.import", "Source imported"),
    Grade("source.update", "Source details changed"),
    Grade("evidence.add", "Evidence marked"),
    Grade("evidence.import", "Evidence imported"),
    Grade("evidence.update", "Evidence changed"),
    Grade("evidence.remove", "Evidence removed"),
    Grade("evidence.restore", "Evidence restored"),
    Grade("evidence.approve", "Evidence approved"),
    Grade("evidence.return", "Evidence returned"),
    Grade("evidence.review", "Evidence reviewed"),
    Grade("evidence.resubmit", "Evidence resubmitted"),
    Grade("evidence.review_undo", "Review decision undone"),
    Grade("incident.create", "Incident added"),
    Grade("incident.update", "Incident changed"),
    Grade("incident.delete", "Incident deleted"),
    Grade("incident.restore", "Incident restored"),
    Grade("incident.draft", "Incident back to draft"),
    Grade("incident.in_review", "Incident submitted for review"),
    Grade("incident.approved", "Incident signed off"),
    Grade("incident.returned", "Incident returned"),
    Grade("incident.state_undo", "Review step of an incident undone"),
    Grade("member.add", "Member added"),
    Grade("member.remove", "Member removed"),
    Grade("member.restore", "Member restored"),
    Grade("protected.add", "Person protected"),
    Grade("protected.remove", "Protection removed"),
    Grade("protected.restore", "Person protected again"),
    Grade("protected.update", "Protected person changed"),
    Grade("search.reindex", "Search index rebuilt"),
)
AUDIT_ACTION_CODES = _codes(AUDIT_ACTIONS)


@dataclass(frozen=True)
class Element:
    """One element of a crime that the evidence of an incident must cover."""

    code: str
    label: str
    means_of_proof: tuple[str, ...] = ()


@dataclass(frozen=True)
class Qualification:
    """A legal qualification of an incident, with the elements it requires."""

    code: str
    label: str
    instrument: str
    elements: tuple[Element, ...]
    supporting_norms: tuple[str, ...] = ()


_IAC = Element(
    "armed_conflict",
    "The conduct took place in the context of and was associated with an international armed "
    "conflict",
    ("Reports establishing the international armed conflict", "Location within a combat zone"),
)
_IAC_KNOWLEDGE = Element(
    "conflict_knowledge",
    "The perpetrator was aware of factual circumstances that established the armed conflict",
    ("Perpetrator's membership of a party's armed forces", "Conduct during combat operations"),
)

LEGAL_QUALIFICATIONS: tuple[Qualification, ...] = (
    Qualification(
        "rs_8_2_b_vi",
        "Killing or wounding a combatant who has laid down arms or surrendered",
        "Rome Statute art. 8(2)(b)(vi)",
        (
            Element(
                "killing",
                "The perpetrator killed or injured one or more persons",
                ("Footage or testimony of a summary execution",
                 "Forensic findings after repatriation of bodies"),
            ),
            Element(
                "hors_de_combat",
                "The person or persons were hors de combat",
                ("Footage or testimony that the victims had laid down arms or raised hands",
                 "Evidence that the victims were captured or wounded"),
            ),
            Element(
                "hors_de_combat_knowledge",
                "The perpetrator was aware of the factual circumstances that established that "
                "status",
                ("The victims were visibly unarmed, wounded or in custody",
                 "Statements of the perpetrators"),
            ),
            _IAC,
            _IAC_KNOWLEDGE,
        ),
        ("Geneva Convention III art. 4", "Additional Protocol I art. 41"),
    ),
    Qualification(
        "rs_8_2_a_i",
        "Wilful killing of persons protected by the Geneva Conventions",
        "Rome Statute art. 8(2)(a)(i)",
        (
            Element("killing", "The perpetrator killed one or more persons",
                    ("Evidence of a summary execution", "Forensic or medical findings")),
            Element("protected_status",
                    "The persons were protected under the Geneva Conventions (prisoners of war)",
                    ("Evidence of capture or surrender", "Records of detention")),
            Element("status_knowledge",
                    "The perpetrator was aware of the factual circumstances that established "
                    "that protected status",
                    ("Victims held in custody by the perpetrator's unit",)),
            _IAC,
            _IAC_KNOWLEDGE,
        ),
        ("Geneva Convention III arts. 4, 13, 130",),
    ),
    Qualification(
        "rs_8_2_b_xii",
        "Declaring that no quarter will be given",
        "Rome Statute art. 8(2)(b)(xii)",
        (
            Element("declaration", "The perpetrator declared or ordered that there be no survivors",
                    ("An intercepted or reported order not to take prisoners",
                     "Circumstantial proof: a pattern of executions in one unit's area")),
            Element("purpose",
                    "The declaration or order was given to threaten an adversary or to conduct "
                    "hostilities on the basis that there be no survivors",
                    ("Public statements calling for executions",)),
            Element("command",
                    "The perpetrator was in a position of effective command or control over the "
                    "subordinate forces",
                    ("Unit structure and chain of command", "Testimony of deserters")),
            _IAC,
            _IAC_KNOWLEDGE,
        ),
        ("Additional Protocol I art. 40",),
    ),
    Qualification(
        "rs_8_2_b_xxi",
        "Outrages upon personal dignity",
        "Rome Statute art. 8(2)(b)(xxi)",
        (
            Element("humiliation",
                    "The perpetrator humiliated, degraded or otherwise violated the dignity of "
                    "one or more persons (including dead persons)",
                    ("Filming and publishing the killing", "Mutilation of bodies")),
            Element("severity",
                    "The humiliation was so severe as to be generally recognised as an outrage "
                    "upon personal dignity",
                    ("Nature and publicity of the conduct",)),
            _IAC,
            _IAC_KNOWLEDGE,
        ),
    ),
    Qualification(
        "cc_ua_438",
        "Violation of the laws and customs of war",
        "Criminal Code of Ukraine art. 438",
        (
            Element("violation",
                    "Cruel treatment of prisoners of war or other violation of the laws and "
                    "customs of war",
                    ("Evidence of the treatment of prisoners", "Testimony of survivors")),
            Element("premeditated_murder",
                    "Combined with premeditated murder (part 2)",
                    ("Evidence of a deliberate execution",)),
            _IAC,
        ),
    ),
)

QUALIFICATIONS_BY_CODE = {q.code: q for q in LEGAL_QUALIFICATIONS}


@dataclass(frozen=True)
class StatusLook:
    """How a verification status is drawn: a colour, and a cue that does not rely on colour."""

    colour: str  # highlight background, #rrggbb
    underline: str  # "single", "dash", "dot", "wave", "double" or "none"
    strike: bool  # struck through (rejected evidence)
    mark: str  # a margin/legend glyph


# Colours picked from a colour-blind-safe palette (Okabe–Ito, lightened for text backgrounds);
# each status also differs by underline style so that colour is never the only cue.
STATUS_LOOKS: dict[str, StatusLook] = {
    "unverified": StatusLook("#fde9a9", "dot", False, "?"),
    "corroborated": StatusLook("#b9dcf2", "dash", False, "≈"),
    "verified": StatusLook("#b5e3cf", "single", False, "✓"),
    "contested": StatusLook("#f6c9a8", "wave", False, "!"),
    "rejected": StatusLook("#d9d9d9", "none", True, "✗"),
}


def supports_label(code: str) -> str:
    """What a span backs, in words: an incident field's label or a legal element's."""
    if code in INCIDENT_FIELD_CODES:
        return label(INCIDENT_FIELDS, code)
    found = find_element(code)
    if found:
        qualification, element = found
        return f"{qualification.instrument}: {element.label}"
    return code


def label(scale: tuple[Grade, ...], code: str) -> str:
    """The readable label of `code` in `scale`, or the code itself when it is unknown."""
    return next((g.label for g in scale if g.code == code), code)


def element_key(qualification: str, element: str) -> str:
    """How evidence names the legal element it supports: `<qualification>:<element>`."""
    return f"{qualification}:{element}"


@lru_cache(maxsize=1024)  # asked for every fact of every incident a dossier prints
def find_element(key: str) -> tuple[Qualification, Element] | None:
    """The qualification and element named by an `element_key`, or None."""
    q_code, _, e_code = key.partition(":")
    qualification = QUALIFICATIONS_BY_CODE.get(q_code)
    if qualification is None:
        return None
    element = next((e for e in qualification.elements if e.code == e_code), None)
    return (qualification, element) if element else None
