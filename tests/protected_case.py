"""A case whose one quote names a protected (fictional) witness: for the redaction tests of the
window and of the command line."""

from __future__ import annotations

from pathlib import Path

from desktop.services import evidence, incidents, protection, sources


def witness_statement(folder: Path, statement: str, spellings: str, *, title: str = "Біля школи",
                      note: str = "", protect: bool = True) -> None:
    """In the open case: import `statement`, mark what follows its first sentence for a new
    incident, and protect `spellings` (one per line) as a witness."""
    path = folder / "statement.txt"
    path.write_text(statement, encoding="utf-8")
    source_id = sources.import_files([path], actor="Olena").imported[0][1]
    incident = incidents.create_incident(actor="Olena", title=title).id
    evidence.add_evidence(source_id, statement.index(". ") + 2, len(statement) - 1,
                          actor="Olena", incident=incident, supports="place", note=note)
    if protect:
        protection.add_protected(spellings, "witness", actor="Olena")


def quoting_a_witness(casefile, folder: Path, statement: str, name: str) -> None:
    """The same, as a new case opened in the window."""
    casefile.cases.new_case(folder / "w.casefile", "Свідки")
    witness_statement(folder, statement, name)
