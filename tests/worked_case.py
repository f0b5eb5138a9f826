"""A small worked case on the seed texts, for tests and screenshots."""

from __future__ import annotations

from pathlib import Path

from desktop.services import evidence, incidents, sources

# What the seed sources are (their files carry no metadata): title, publisher, date, grade.
SEED_METADATA = {
    "000_834f49a7d7f9d56b.txt": ("UN mission reports 79 executions of Ukrainian POWs",
                                 "UN Human Rights Monitoring Mission in Ukraine", "2025-02-03",
                                 "A"),
    "001_f8134103c8dcf54a.txt": ("UN records 79 executions of Ukrainian prisoners of war",
                                 "News agency report", "2025-02-03", "B"),
    "002_07fba7e951b246fe.txt": ("UN alarmed by rise in executions of Ukrainian soldiers",
                                 "International broadcaster", "2025-02-03", "B"),
    "003_b8c3f3517aeeccd0.txt": ("Russians executing surrendered soldiers: new evidence",
                                 "Office of the Prosecutor General", "2024-10-10", "B"),
    "004_e29c96a0d55b127c.txt": ("HUR: more than 150 POWs executed after surrender",
                                 "Military intelligence (HUR) via news report", "2025-05-24",
                                 "C"),
}


def build_worked_case(seed_files: list[Path], actor: str) -> dict:
    """Import the seeds with their metadata, add two incidents and mark evidence in them."""
    report = sources.import_files(seed_files, actor=actor, kind="news")
    ids = {path.name: source_id for path, source_id in report.imported}
    for name, (title, publisher, published, grade) in SEED_METADATA.items():
        if name in ids:
            sources.update_source(ids[name], actor=actor, title=title, publisher=publisher,
                                  published=published, reliability=grade)
    pgo = ids["003_b8c3f3517aeeccd0.txt"]
    un = ids["000_834f49a7d7f9d56b.txt"]
    phenol = incidents.create_incident(
        actor=actor, title="Wounded soldier executed near the Phenol plant",
        date_start="2024-09-06", time="10:00", place="New York", region="Donetsk region",
        country="Ukraine", victims_min=1, victims_max=1, victim_status="wounded",
        qualifications=["rs_8_2_b_vi"])
    pattern = incidents.create_incident(actor=actor,
                                        title="Pattern of executions since August 2024")
    text = sources.source_text(pgo)
    un_text = sources.source_text(un)

    def mark(source_id: int, source_text: str, quote: str, incident: int, **values) -> int:
        start = source_text.index(quote)
        return evidence.add_evidence(source_id, start, start + len(quote), actor=actor,
                                     incident=incident, **values).id

    spans = {
        "time": mark(pgo, text, "around 10:00 on September 6, 2024", phenol.id, supports="time",
                     asserted_value="10:00", credibility="2"),
        "place": mark(pgo, text, "near the Phenol Plant in New York village", phenol.id,
                      supports="place", asserted_value="New York"),
        "killing": mark(pgo, text, "shot him while he lay unarmed on the ground", phenol.id,
                        supports="rs_8_2_b_vi:killing"),
        "un_count": mark(un, un_text, "79 cases of execution", pattern.id, supports="victims",
                         asserted_value="79"),
    }
    evidence.update_evidence(spans["place"], actor=actor, status="corroborated")
    evidence.update_evidence(spans["killing"], actor=actor, status="verified")
    return {"sources": ids, "incidents": {"INC-001": phenol.id, "INC-002": pattern.id},
            "evidence": spans}
