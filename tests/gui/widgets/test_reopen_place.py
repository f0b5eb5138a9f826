"""A case opens again where it was left: the source that was shown and the incident that was
selected when it was closed (or the first source, when what was left is gone)."""

from __future__ import annotations

from desktop.services import incidents
from tests.gui.widgets.test_main_window import (  # noqa: F401  (fixtures)
    casefile,
    import_seeds,
    messages,
    settings,
    source_id_of,
)


def test_a_case_reopens_on_the_source_and_incident_it_was_left_on(
        qtbot, casefile, tmp_path):  # noqa: F811
    path = tmp_path / "pow.casefile"
    assert casefile.cases.new_case(path, "Zelenyy Shlyakh")
    import_seeds(qtbot, casefile)
    casefile.editing.add_incident()
    casefile.editing.add_incident()
    first, second = (i.id for i in incidents.incident_choices())
    casefile.editing.select_incident(first)
    pgo = source_id_of("003_b8c3f3517aeeccd0.txt")
    casefile.reading.open_source(pgo)
    assert casefile.cases.close_case()
    assert casefile.cases.open_case(path)
    qtbot.waitUntil(lambda: casefile.window.incident_form.incident_id() == first)
    assert casefile.window.source_view.source_id() == pgo
    assert casefile.window.navigator.current_source_id() == pgo


def test_what_is_gone_since_is_not_looked_for(qtbot, casefile, tmp_path):  # noqa: F811
    path = tmp_path / "pow.casefile"
    assert casefile.cases.new_case(path, "Zelenyy Shlyakh")
    import_seeds(qtbot, casefile)
    casefile.editing.add_incident()
    incident = casefile.window.incident_form.incident_id()
    casefile.reading.open_source(source_id_of("003_b8c3f3517aeeccd0.txt"))
    assert casefile.cases.close_case()
    casefile.settings.save_case_place(str(path.resolve()), {"source": 999, "incident": 998})
    assert casefile.cases.open_case(path)
    qtbot.wait(50)
    assert casefile.window.source_view.source_id() == source_id_of("000_834f49a7d7f9d56b.txt")
    assert casefile.window.incident_form.incident_id() is None
    assert incidents.incident_exists(incident)
