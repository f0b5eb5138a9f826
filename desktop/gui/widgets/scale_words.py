"""Every wording of `desktop.domain.scales`, marked for translation (the "Scales" context).

scales.py stays free of Qt, so lupdate cannot see its labels there; this list is what it reads.
`desktop.gui.i18n.scale_label()` and `scale_text()` translate them at run time. A test checks that
every label, description, instrument, element and means of proof of scales.py is listed here:
when you add or reword one there, add or reword it here too, then run
`resources/translations/update_translations.py` and translate the new entries.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

WORDS: tuple[str, ...] = (
    # Source reliability (Admiralty code), graded per source: scales.SOURCE_RELIABILITY
    QT_TRANSLATE_NOOP("Scales", "Completely reliable"),
    QT_TRANSLATE_NOOP("Scales", "No doubt of authenticity, trustworthiness or competence."),
    QT_TRANSLATE_NOOP("Scales", "Usually reliable"),
    QT_TRANSLATE_NOOP("Scales", "Minor doubt; a history of mostly valid information."),
    QT_TRANSLATE_NOOP("Scales", "Fairly reliable"),
    QT_TRANSLATE_NOOP("Scales", "Doubt; has provided valid information in the past."),
    QT_TRANSLATE_NOOP("Scales", "Not usually reliable"),
    QT_TRANSLATE_NOOP("Scales", "Significant doubt; has provided valid information before."),
    QT_TRANSLATE_NOOP("Scales", "Unreliable"),
    QT_TRANSLATE_NOOP("Scales", "Lacking authenticity, trustworthiness and competence."),
    QT_TRANSLATE_NOOP("Scales", "Reliability cannot be judged"),
    QT_TRANSLATE_NOOP("Scales", "No basis to evaluate the source."),
    # Information credibility, graded per evidence span: scales.INFORMATION_CREDIBILITY
    QT_TRANSLATE_NOOP("Scales", "Confirmed by other sources"),
    QT_TRANSLATE_NOOP("Scales", "Confirmed by independent sources."),
    QT_TRANSLATE_NOOP("Scales", "Probably true"),
    QT_TRANSLATE_NOOP("Scales", "Not confirmed; logical and consistent with other information."),
    QT_TRANSLATE_NOOP("Scales", "Possibly true"),
    QT_TRANSLATE_NOOP("Scales", "Not confirmed; reasonably logical, agrees with some information."),
    QT_TRANSLATE_NOOP("Scales", "Doubtful"),
    QT_TRANSLATE_NOOP("Scales", "Not confirmed; possible but not logical, no other information."),
    QT_TRANSLATE_NOOP("Scales", "Improbable"),
    QT_TRANSLATE_NOOP("Scales", "Not confirmed; not logical, contradicted by other information."),
    QT_TRANSLATE_NOOP("Scales", "Truth cannot be judged"),
    QT_TRANSLATE_NOOP("Scales", "No basis to evaluate the validity of the information."),
    # Verification statuses: scales.VERIFICATION_STATUSES
    QT_TRANSLATE_NOOP("Scales", "Unverified"),
    QT_TRANSLATE_NOOP("Scales", "Captured, not yet assessed."),
    QT_TRANSLATE_NOOP("Scales", "Corroborated"),
    QT_TRANSLATE_NOOP("Scales", "An independent source says the same."),
    QT_TRANSLATE_NOOP("Scales", "Verified"),
    QT_TRANSLATE_NOOP("Scales", "Checked against original or primary material."),
    QT_TRANSLATE_NOOP("Scales", "Contested"),
    QT_TRANSLATE_NOOP("Scales", "Another source contradicts it."),
    QT_TRANSLATE_NOOP("Scales", "Rejected"),
    QT_TRANSLATE_NOOP("Scales", "Judged unusable; kept, never deleted, shown struck through."),
    # Review states: scales.REVIEW_STATES
    QT_TRANSLATE_NOOP("Scales", "Pending review"),
    QT_TRANSLATE_NOOP("Scales", "Approved"),
    QT_TRANSLATE_NOOP("Scales", "Returned"),
    QT_TRANSLATE_NOOP("Scales", "Returned by the reviewer with a comment."),
    # Incident states: scales.INCIDENT_STATES
    QT_TRANSLATE_NOOP("Scales", "Draft"),
    QT_TRANSLATE_NOOP("Scales", "In review"),
    QT_TRANSLATE_NOOP("Scales", "Returned to the documenter with a comment."),
    # Classifications: scales.CLASSIFICATIONS
    QT_TRANSLATE_NOOP("Scales", "Public"),
    QT_TRANSLATE_NOOP("Scales", "Public (redacted)"),
    QT_TRANSLATE_NOOP("Scales", "Confidential"),
    QT_TRANSLATE_NOOP("Scales", "Strictly confidential"),
    # Date precisions: scales.DATE_PRECISIONS
    QT_TRANSLATE_NOOP("Scales", "Exact day"),
    QT_TRANSLATE_NOOP("Scales", "Month"),
    QT_TRANSLATE_NOOP("Scales", "Approximate"),
    QT_TRANSLATE_NOOP("Scales", "Unknown"),
    # Victim statuses: scales.VICTIM_STATUSES
    QT_TRANSLATE_NOOP("Scales", "Prisoner(s) of war"),
    QT_TRANSLATE_NOOP("Scales", "Surrendered"),
    QT_TRANSLATE_NOOP("Scales", "Wounded / hors de combat"),
    QT_TRANSLATE_NOOP("Scales", "Civilian(s)"),
    # Source kinds: scales.SOURCE_KINDS
    QT_TRANSLATE_NOOP("Scales", "News article"),
    QT_TRANSLATE_NOOP("Scales", "UN report"),
    QT_TRANSLATE_NOOP("Scales", "NGO report"),
    QT_TRANSLATE_NOOP("Scales", "Official statement"),
    QT_TRANSLATE_NOOP("Scales", "Witness statement"),
    QT_TRANSLATE_NOOP("Scales", "Transcript (video, audio, social media)"),
    QT_TRANSLATE_NOOP("Scales", "Other"),
    # Protected roles: scales.PROTECTED_ROLES (descriptions are pseudonym letters, not words)
    QT_TRANSLATE_NOOP("Scales", "Witness"),
    QT_TRANSLATE_NOOP("Scales", "Victim"),
    QT_TRANSLATE_NOOP("Scales", "Alleged perpetrator"),
    # A protected person's consent to be named: scales.CONSENT_LEVELS
    QT_TRANSLATE_NOOP("Scales", "Not asked"),
    QT_TRANSLATE_NOOP("Scales", "Agreed to be named"),
    QT_TRANSLATE_NOOP("Scales", "Refused to be named"),
    # Members' roles: scales.MEMBER_ROLES
    QT_TRANSLATE_NOOP("Scales", "Documenter"),
    QT_TRANSLATE_NOOP("Scales", "marks and grades evidence, documents incidents"),
    QT_TRANSLATE_NOOP("Scales", "Reviewer"),
    QT_TRANSLATE_NOOP("Scales", "approves or returns evidence and signs incidents off"),
    # How far a fact or element is established: scales.COVERAGE_LEVELS
    QT_TRANSLATE_NOOP("Scales", "Supported"),
    QT_TRANSLATE_NOOP("Scales", "approved, verified evidence from at least one line"),
    QT_TRANSLATE_NOOP("Scales", "Contested"),
    QT_TRANSLATE_NOOP("Scales", "its evidence is contested, or its sources disagree"),
    QT_TRANSLATE_NOOP("Scales", "Linked, not verified"),
    QT_TRANSLATE_NOOP("Scales", "evidence is linked but not yet approved and verified"),
    QT_TRANSLATE_NOOP("Scales", "Open"),
    QT_TRANSLATE_NOOP("Scales", "no usable evidence yet"),
    # Incident fields: scales.INCIDENT_FIELDS
    QT_TRANSLATE_NOOP("Scales", "Title"),
    QT_TRANSLATE_NOOP("Scales", "Date of the event"),
    QT_TRANSLATE_NOOP("Scales", "Date reported"),
    QT_TRANSLATE_NOOP("Scales", "Time"),
    QT_TRANSLATE_NOOP("Scales", "Place"),
    QT_TRANSLATE_NOOP("Scales", "District / region"),
    QT_TRANSLATE_NOOP("Scales", "Coordinates"),
    QT_TRANSLATE_NOOP("Scales", "Victims (count)"),
    QT_TRANSLATE_NOOP("Scales", "Victims' status"),
    QT_TRANSLATE_NOOP("Scales", "Perpetrator (force / unit)"),
    QT_TRANSLATE_NOOP("Scales", "What happened"),
    # Legal qualifications: label, instrument, elements, means of proof, supporting norms
    QT_TRANSLATE_NOOP("Scales", "Killing or wounding a combatant who has laid down arms or "
                                "surrendered"),
    QT_TRANSLATE_NOOP("Scales", "Rome Statute art. 8(2)(b)(vi)"),
    QT_TRANSLATE_NOOP("Scales", "The perpetrator killed or injured one or more persons"),
    QT_TRANSLATE_NOOP("Scales", "Footage or testimony of a summary execution"),
    QT_TRANSLATE_NOOP("Scales", "Forensic findings after repatriation of bodies"),
    QT_TRANSLATE_NOOP("Scales", "The person or persons were hors de combat"),
    QT_TRANSLATE_NOOP("Scales", "Footage or testimony that the victims had laid down arms or "
                                "raised hands"),
    QT_TRANSLATE_NOOP("Scales", "Evidence that the victims were captured or wounded"),
    QT_TRANSLATE_NOOP("Scales", "The perpetrator was aware of the factual circumstances that "
                                "established that status"),
    QT_TRANSLATE_NOOP("Scales", "The victims were visibly unarmed, wounded or in custody"),
    QT_TRANSLATE_NOOP("Scales", "Statements of the perpetrators"),
    QT_TRANSLATE_NOOP("Scales", "The conduct took place in the context of and was associated with"
                                " an international armed conflict"),
    QT_TRANSLATE_NOOP("Scales", "Reports establishing the international armed conflict"),
    QT_TRANSLATE_NOOP("Scales", "Location within a combat zone"),
    QT_TRANSLATE_NOOP("Scales", "The perpetrator was aware of factual circumstances that "
                                "established the armed conflict"),
    QT_TRANSLATE_NOOP("Scales", "Perpetrator's membership of a party's armed forces"),
    QT_TRANSLATE_NOOP("Scales", "Conduct during combat operations"),
    QT_TRANSLATE_NOOP("Scales", "Geneva Convention III art. 4"),
    QT_TRANSLATE_NOOP("Scales", "Additional Protocol I art. 41"),
    QT_TRANSLATE_NOOP("Scales", "Wilful killing of persons protected by the Geneva Conventions"),
    QT_TRANSLATE_NOOP("Scales", "Rome Statute art. 8(2)(a)(i)"),
    QT_TRANSLATE_NOOP("Scales", "The perpetrator killed one or more persons"),
    QT_TRANSLATE_NOOP("Scales", "Evidence of a summary execution"),
    QT_TRANSLATE_NOOP("Scales", "Forensic or medical findings"),
    QT_TRANSLATE_NOOP("Scales", "The persons were protected under the Geneva Conventions "
                                "(prisoners of war)"),
    QT_TRANSLATE_NOOP("Scales", "Evidence of capture or surrender"),
    QT_TRANSLATE_NOOP("Scales", "Records of detention"),
    QT_TRANSLATE_NOOP("Scales", "The perpetrator was aware of the factual circumstances that "
                                "established that protected status"),
    QT_TRANSLATE_NOOP("Scales", "Victims held in custody by the perpetrator's unit"),
    QT_TRANSLATE_NOOP("Scales", "Geneva Convention III arts. 4, 13, 130"),
    QT_TRANSLATE_NOOP("Scales", "Declaring that no quarter will be given"),
    QT_TRANSLATE_NOOP("Scales", "Rome Statute art. 8(2)(b)(xii)"),
    QT_TRANSLATE_NOOP("Scales", "The perpetrator declared or ordered that there be no survivors"),
    QT_TRANSLATE_NOOP("Scales", "An intercepted or reported order not to take prisoners"),
    QT_TRANSLATE_NOOP("Scales", "Circumstantial proof: a pattern of executions in one unit's area"),
    QT_TRANSLATE_NOOP("Scales", "The declaration or order was given to threaten an adversary or "
                                "to conduct hostilities on the basis that there be no survivors"),
    QT_TRANSLATE_NOOP("Scales", "Public statements calling for executions"),
    QT_TRANSLATE_NOOP("Scales", "The perpetrator was in a position of effective command or "
                                "control over the subordinate forces"),
    QT_TRANSLATE_NOOP("Scales", "Unit structure and chain of command"),
    QT_TRANSLATE_NOOP("Scales", "Testimony of deserters"),
    QT_TRANSLATE_NOOP("Scales", "Additional Protocol I art. 40"),
    QT_TRANSLATE_NOOP("Scales", "Outrages upon personal dignity"),
    QT_TRANSLATE_NOOP("Scales", "Rome Statute art. 8(2)(b)(xxi)"),
    QT_TRANSLATE_NOOP("Scales", "The perpetrator humiliated, degraded or otherwise violated the "
                                "dignity of one or more persons (including dead persons)"),
    QT_TRANSLATE_NOOP("Scales", "Filming and publishing the killing"),
    QT_TRANSLATE_NOOP("Scales", "Mutilation of bodies"),
    QT_TRANSLATE_NOOP("Scales", "The humiliation was so severe as to be generally recognised as "
                                "an outrage upon personal dignity"),
    QT_TRANSLATE_NOOP("Scales", "Nature and publicity of the conduct"),
    QT_TRANSLATE_NOOP("Scales", "Violation of the laws and customs of war"),
    QT_TRANSLATE_NOOP("Scales", "Criminal Code of Ukraine art. 438"),
    QT_TRANSLATE_NOOP("Scales", "Cruel treatment of prisoners of war or other violation of the "
                                "laws and customs of war"),
    QT_TRANSLATE_NOOP("Scales", "Evidence of the treatment of prisoners"),
    QT_TRANSLATE_NOOP("Scales", "Testimony of survivors"),
    QT_TRANSLATE_NOOP("Scales", "Combined with premeditated murder (part 2)"),
    QT_TRANSLATE_NOOP("Scales", "Evidence of a deliberate execution"),
    # The standard of proof of a case: scales.STANDARD_OF_PROOF
    QT_TRANSLATE_NOOP("Scales", "Reasonable grounds to believe"),
)
