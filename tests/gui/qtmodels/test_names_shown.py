"""The window's lists show a name as what it holds: a newline, an escape sequence or a bidi
override in a file name or a title is written out, not obeyed."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.gui.qtmodels.evidence_model import EvidenceModel
from desktop.gui.qtmodels.history_model import HistoryModel
from desktop.gui.qtmodels.incidents_model import IncidentsModel
from desktop.gui.qtmodels.sources_model import SourcesModel
from desktop.services import evidence, incidents, sources

#: A name with a right-to-left override that shows "gnp.exe" as "exe.png", and an escape
#: sequence that would clear a terminal.
HOSTILE = "photo\u202egnp.exe\x1b[2J"


def shown(model, row: int, column: int, role=Qt.ItemDataRole.DisplayRole) -> str:
    return model.index(row, column).data(role)


def test_sources_incidents_evidence_and_history_show_names_escaped(qtbot, case, tmp_path,
                                                                    actor):
    path = tmp_path / f"{HOSTILE}.txt"
    path.write_text(f"{HOSTILE}\nThe column passed the bridge at dawn.\n", encoding="utf-8")
    source_id = sources.import_files([path], actor=actor).source_ids[0]
    incident = incidents.create_incident(actor=actor, title="Shelling\u202e of the bridge\n")
    text = sources.source_text(source_id)
    start = text.index("The column")
    evidence.add_evidence(source_id, start, start + 10, actor=actor, incident=incident.id)

    models = [SourcesModel(), IncidentsModel(), EvidenceModel(), HistoryModel()]
    for model in models:
        model.reload()
    title = shown(models[0], 0, SourcesModel.TITLE)
    assert title == "photo\\u202egnp.exe\\x1b[2J"  # the first line of the text is its title
    assert shown(models[0], 0, SourcesModel.TITLE, Qt.ItemDataRole.ToolTipRole).startswith(title)
    assert shown(models[1], 0, IncidentsModel.TITLE) == "Shelling\\u202e of the bridge\\n"
    assert shown(models[2], 0, EvidenceModel.SOURCE) == title
    summaries = [shown(models[3], row, 3) for row in range(models[3].rowCount())]
    assert "Imported photo\\u202egnp.exe\\x1b[2J.txt" in summaries
    for model in models:
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                value = shown(model, row, column)
                assert not isinstance(value, str) or value.isprintable(), (model, value)
