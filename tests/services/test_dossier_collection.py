"""The dossier's source annex prints each source's collection record."""

from __future__ import annotations

import hashlib

import pytest

from desktop.services import sources
from tests.conftest import ACTOR
from tests.services.test_export import _export, _texts, rich_case  # noqa: F401 - a fixture

pytestmark = pytest.mark.file_and_server


RECORD = {"tool": "Hunchly 2.4", "method": "full-page capture",
          "captured_at": "2024-09-06T11:20:00Z", "time_source": "laptop clock, NTP",
          "identity": "research account @doc_team"}


def test_the_annex_prints_the_collection_record_and_the_hash_check(rich_case, tmp_path):  # noqa: F811
    for source_id in rich_case["sources"].values():
        digest = hashlib.sha256(sources.original_bytes(source_id)).hexdigest()
        sources.update_source(source_id, actor=ACTOR,
                              collection={**RECORD, "hash_at_collection": digest})
    _, document = _export(tmp_path)
    text = "\n".join(_texts(document))
    assert "tool: Hunchly 2.4" in text and "method: full-page capture" in text
    assert "captured: 6 September 2024, 11:20" in text and "time source: laptop clock, NTP" in text
    assert "identity used: research account @doc_team" in text
    assert "the original's bytes match the hash at collection" in text


def test_the_redacted_edition_withholds_a_confidential_identity(rich_case, tmp_path):  # noqa: F811
    for source_id in rich_case["sources"].values():
        sources.update_source(source_id, actor=ACTOR, collection=RECORD)
    _, document = _export(tmp_path, edition="redacted", accept_near_misses=True)
    text = "\n".join(_texts(document))
    assert "identity used: withheld (confidential source)" in text
    assert "research account @doc_team" not in text  # the only source cited is confidential


def test_the_annex_lists_a_word_document_s_tracked_deletions(case, tmp_path):
    from desktop.services import evidence, incidents, review
    from tests.conftest import ROOT

    report = sources.import_files([ROOT / "tests" / "corpus" / "docx" / "tracked_changes.docx"],
                                  actor=ACTOR)
    source_id = report.source_ids[0]
    text = sources.source_text(source_id)
    start = text.index("тіла полонених")
    incident = incidents.create_incident(actor=ACTOR, title="Сухий Яр").id
    span = evidence.add_evidence(source_id, start, start + len("тіла полонених"), actor=ACTOR,
                                 incident=incident, supports="narrative").id
    review.review_evidence([span], "approved", actor="Reviewer")
    review.submit_incident(incident, actor=ACTOR)
    review.approve_incident(incident, actor="Reviewer", comment="Signed off")
    _, document = _export(tmp_path)
    annex = "\n".join(_texts(document))
    assert "1 tracked deletion, left out of the text:" in annex
    assert "“шістнадцять” (Слідчий Коваль, 12 October 2024, 10:05" in annex
