"""A case in the window whose one quote names a protected (fictional) witness."""

from __future__ import annotations

from desktop.services import evidence, incidents, protection, sources


def quoting_a_witness(casefile, folder, statement: str, name: str) -> None:
    """A new case with `statement` imported, its text after "Запис розмови. " marked for an
    incident, and `name` protected as a witness."""
    casefile.cases.new_case(folder / "w.casefile", "Свідки")
    path = folder / "statement.txt"
    path.write_text(statement, encoding="utf-8")
    source_id = sources.import_files([path], actor="Olena").imported[0][1]
    incident = incidents.create_incident(actor="Olena", title="Біля школи").id
    evidence.add_evidence(source_id, 15, len(statement) - 1, actor="Olena", incident=incident,
                          supports="place")
    protection.add_protected(name, "witness", actor="Olena")
