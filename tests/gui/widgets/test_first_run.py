"""A first run that just works: the tour, and moving annotations in and out from the window."""

from __future__ import annotations

import csv

from PySide6.QtCore import Qt

from desktop.domain.models import Evidence, Source
from tests.gui.widgets.test_main_window import (  # noqa: F401  (fixtures)
    casefile,
    import_seeds,
    messages,
    settings,
)


def test_the_tour_walks_the_panels_and_is_remembered(qtbot, casefile, settings):  # noqa: F811
    tour = casefile.session.start_tour()
    assert tour.isVisible() and tour.step_index() == 0
    assert "Sources" in tour.heading.text()
    for _ in range(4):
        qtbot.keyClick(tour, Qt.Key.Key_Right)
    assert tour.heading.text() == "The dossier"
    assert tour.next.text() == "Start working"
    assert not settings.tour_seen
    tour.next.click()
    assert settings.tour_seen


def test_the_tour_can_be_dismissed_at_once(qtbot, casefile, settings):  # noqa: F811
    tour = casefile.session.start_tour()
    qtbot.keyClick(tour, Qt.Key.Key_Escape)
    assert not tour.isVisible()
    assert settings.tour_seen


def test_annotations_round_trip_through_the_window(qtbot, casefile, tmp_path,  # noqa: F811
                                                   monkeypatch, messages):  # noqa: F811
    from desktop.services.interchange import w3c

    casefile.cases.new_case(tmp_path / "a.casefile", "A")
    import_seeds(qtbot, casefile)
    casefile.editing.add_incident()
    source = Source.get(Source.original_name == "003_b8c3f3517aeeccd0.txt")
    start = source.text.index("near the Phenol Plant")
    casefile.editing.add_evidence(source.id, start, start + 21,
                                  {"supports": "place", "asserted_value": "New York"})
    out = tmp_path / "evidence.jsonld"
    w3c.write_annotations(out)
    casefile.cases.new_case(tmp_path / "b.casefile", "B")
    import_seeds(qtbot, casefile)
    casefile.exchange.import_annotation_file(out)
    qtbot.waitUntil(lambda: not casefile.background.busy(), timeout=10_000)
    span = Evidence.get()
    assert (span.quote, span.supports, span.asserted_value) == ("near the Phenol Plant",
                                                                "place", "New York")
    assert "1 anchored" in messages.texts()


def test_registers_are_written_from_the_window(qtbot, casefile, tmp_path, monkeypatch,  # noqa: F811
                                               messages):  # noqa: F811
    from PySide6.QtWidgets import QFileDialog

    casefile.cases.new_case(tmp_path / "reg.casefile", "Регістр")
    casefile.editing.add_incident()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    casefile.exchange.ask_export_registers()
    qtbot.waitUntil(lambda: not casefile.background.busy(), timeout=10_000)
    with (tmp_path / "reg-incidents.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["code"] for r in rows] == ["INC-001"]
