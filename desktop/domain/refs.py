"""How people cite the things of a case: E-012 (evidence), S-004 (sources), INC-001 (incidents)
and W-001 / V-001 / P-001 (pseudonyms of protected people).

Every reference is a letter code and the record's number, at least three digits. Dossiers, the
audit trail and hand-over reports print them, so their shape is kept here and nowhere else.
"""

from __future__ import annotations

import re

_INCIDENT_CODE = re.compile(r"^INC-(\d+)$")
_EVIDENCE_REF = re.compile(r"^E-(\d+)$")


def evidence_ref(evidence_id: int) -> str:
    """How a span is cited: E-012. The number is its id, so it never changes."""
    return f"E-{evidence_id:03d}"


def evidence_number(ref: str) -> int | None:
    """The span's id in an evidence reference (E-012 → 12), or None for another shape."""
    match = _EVIDENCE_REF.match(ref)
    return int(match.group(1)) if match else None


def source_ref(source_id: int) -> str:
    """How a source is cited: S-004."""
    return f"S-{source_id:03d}"


def incident_ref(number: int) -> str:
    """The code of the n-th incident of a case, how it is cited: INC-001."""
    return f"INC-{number:03d}"


def incident_number(code: str) -> int | None:
    """The number in an incident code (INC-007 → 7), or None for a code of another shape."""
    match = _INCIDENT_CODE.match(code)
    return int(match.group(1)) if match else None


def pseudonym(letter: str, number: int) -> str:
    """The n-th pseudonym of a role: W-001 for the first witness."""
    return f"{letter}-{number:03d}"


def pseudonym_number(letter: str, name: str) -> int | None:
    """The number in a pseudonym of the role with this letter (W-004 → 4), or None."""
    digits = name[len(letter) + 1:]
    return int(digits) if name.startswith(f"{letter}-") and digits.isdigit() else None
