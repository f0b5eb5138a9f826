"""The demo case: a fully worked case built from the seed texts and data (no code paths).

`seeds/` holds the five source texts, `demo-case.json` (the case, the sources' metadata, the
incidents and their workflow state) and `demo-annotations.jsonld` (the evidence, as W3C Web
Annotations anchored by quote). An annotation names its seed file as well as its hash, so the
demo still builds after a seed text is edited: quotes are re-anchored, not trusted by offset.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from desktop.domain import db
from desktop.domain.models import Incident, database
from desktop.services import case as case_service
from desktop.services import incidents, review, sources
from desktop.services.interchange import w3c

CASE_DATA = "demo-case.json"
ANNOTATIONS = "demo-annotations.jsonld"


@dataclass
class DemoReport:
    """What the demo build did: the file, and how each annotation was anchored."""

    path: Path
    annotations: w3c.AnnotationImport

    def summary(self) -> str:
        return f"Built the demo case {self.path.name}: {self.annotations.summary()}"


def seeds_folder() -> Path:
    """Where the seed texts are: beside the package in a checkout, or inside a bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    return Path(bundle) / "seeds" if bundle else Path(__file__).resolve().parents[2] / "seeds"


def _retarget(data: dict, folder: Path) -> dict:
    """Point each annotation at the current bytes of its seed file (the seed may be edited)."""
    hashes = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.glob("*.txt")}
    for item in data["first"]["items"]:
        name = item["target"].get("cf:sourceFile")
        if name in hashes:
            item["target"]["source"] = f"urn:sha256:{hashes[name]}"
    return data


def _move_incidents(plan: list[dict], documenter: str, reviewer: str) -> None:
    for wanted in plan:
        state = wanted.get("workflow", "draft")
        incident_id = Incident.get(Incident.code == wanted["code"]).id
        if state == "draft":
            continue
        review.submit_incident(incident_id, actor=documenter)
        if state == "approved":
            review.approve_incident(incident_id, actor=reviewer,
                                    comment=wanted.get("state_comment", ""))
        elif state == "returned":
            review.return_incident(incident_id, wanted.get("state_comment", ""), actor=reviewer)


def build_demo(path: Path, folder: Path | None = None) -> DemoReport:
    """Create the demo case at `path` from the seed folder; it is left closed."""
    folder = folder or seeds_folder()
    plan = json.loads((folder / CASE_DATA).read_text(encoding="utf-8"))
    documenter, reviewer = plan["documenter"], plan["reviewer"]
    db.new_case(path, plan["title"], actor=documenter, reference=plan["reference"],
                classification=plan["classification"])
    try:
        case_service.update_case(actor=documenter, description=plan["description"])
        report = sources.import_files(sorted(folder.glob("*.txt")), actor=documenter,
                                      kind="news")
        by_name = {p.name: source_id for p, source_id in report.imported}
        for name, metadata in plan["sources"].items():
            if name in by_name:
                sources.update_source(by_name[name], actor=documenter, **metadata)
        with database.atomic():
            for wanted in plan["incidents"]:
                values = {k: v for k, v in wanted.items()
                          if k in incidents.EDITABLE_FIELDS}
                incidents.create_incident(actor=documenter, code=wanted["code"], **values)
        data = _retarget(w3c.read_annotation_file(folder / ANNOTATIONS), folder)
        anchored = w3c.import_annotations(data, actor=documenter, keep_review=True,
                                          taken_from=ANNOTATIONS)
        _move_incidents(plan["incidents"], documenter, reviewer)
    finally:
        db.close_case()
    return DemoReport(path, anchored)
