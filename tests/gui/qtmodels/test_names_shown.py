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


def test_the_import_report_names_duplicates_and_failures_escaped(qtbot, case, tmp_path,
                                                                 monkeypatch):
    from pathlib import Path

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMessageBox

    from desktop.gui.app import CasefileApp
    from desktop.gui.settings import Settings

    shown_messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "information",
                        lambda parent, title, text, *rest: shown_messages.append(text))
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    settings.user_name = "Olena"  # else the window first asks who is working
    app = CasefileApp(settings)
    qtbot.addWidget(app.window)
    report = sources.ImportReport(duplicates=[(Path(f"{HOSTILE}.txt"), f"{HOSTILE}\nforged")],
                                  failed=[(Path("x.pdf"), f"{HOSTILE}.pdf: is not a readable PDF")])
    app.exchange._imported(report)
    assert len(shown_messages) == 1
    text = shown_messages[0]
    escaped = "photo\\u202egnp.exe\\x1b[2J"
    assert f"{escaped}.txt — same as “{escaped}\\nforged”" in text
    assert f"{escaped}.pdf: is not a readable PDF" in text
    assert "\u202e" not in text and "\x1b" not in text


def test_search_hits_name_their_source_escaped(qtbot):
    from desktop.gui.widgets.search_panel import render_hits
    from desktop.services.search import SearchHit

    hit = SearchHit(1, HOSTILE, "News\u202eAgency", 1.0, "the column passed", ((4, 10),))
    shown_html = render_hits([hit])
    assert "photo\\u202egnp.exe\\x1b[2J" in shown_html and "News\\u202eAgency" in shown_html
    assert "\u202e" not in shown_html and "\x1b" not in shown_html
