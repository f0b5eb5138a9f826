"""Defaults that would mislead are said out loud: a span verified while its credibility says the
truth cannot be judged, and an import, which is not undone."""

from __future__ import annotations

from desktop.domain.models import Evidence
from tests.gui.widgets.test_main_window import (  # noqa: F401  (fixtures)
    casefile,
    import_seeds,
    messages,
    settings,
    source_id_of,
)


def test_verifying_an_ungraded_span_says_so(qtbot, casefile, tmp_path):  # noqa: F811
    casefile.cases.new_case(tmp_path / "c.casefile", "Grades")
    import_seeds(qtbot, casefile)
    source = source_id_of("003_b8c3f3517aeeccd0.txt")
    casefile.reading.open_source(source)
    span = casefile.editing.add_evidence(source, 0, 20, {})
    casefile.window.evidence_panel.select_evidence(span)
    casefile.window.evidence_panel.view.setFocus()
    casefile.editing.set_status("verified")
    assert Evidence.get_by_id(span).status == "verified"  # the user's choice stands
    said = casefile.window.statusBar().currentMessage()
    assert said.startswith("E-001: verified, but the credibility still says “6 — Truth cannot")
    Evidence.update(credibility="2").where(Evidence.id == span).execute()
    casefile.window.statusBar().clearMessage()
    casefile.editing.set_status("corroborated")
    assert "credibility" not in casefile.window.statusBar().currentMessage()


def test_an_import_says_it_is_not_undone(qtbot, casefile, tmp_path):  # noqa: F811
    casefile.cases.new_case(tmp_path / "c.casefile", "Imports")
    import_seeds(qtbot, casefile)
    assert "An import is not undone" in casefile.window.statusBar().currentMessage()
