"""The window's language is the services' too: with the interface in Ukrainian, what a user
does is recorded in Ukrainian, refusals are Ukrainian, and the dossier dialog offers a
Ukrainian dossier first; back in English, all of it is English again."""

from __future__ import annotations

from desktop.gui.widgets.dialogs import export_dossier
from desktop.services import audit, incidents, words
from tests.gui.widgets.test_translation import (  # noqa: F401  (fixtures)
    USER,
    build_app,
    fill_ukrainian_case,
    no_message_boxes,
    uk_catalogue,
    ukrainian,
)


def test_a_ukrainian_interface_records_in_ukrainian(qtbot, ukrainian, no_message_boxes,  # noqa: F811
                                                    tmp_path):
    assert words.language() == "uk"
    casefile = build_app(tmp_path)
    try:
        fill_ukrainian_case(casefile, tmp_path)
        summaries = [e.summary for e in audit.history(limit=6)]
        assert any(s.startswith("Позначено «") for s in summaries), summaries
        assert any(s.startswith("Створено INC-001") for s in summaries), summaries
        dialog = export_dossier.ExportDossierDialog(tmp_path / "д.docx", casefile.window)
        assert dialog.options().language == "uk"
        dialog.language.setCurrentIndex(dialog.language.findData("en"))
        assert dialog.options().language == "en"
    finally:
        casefile.cases.close_case()
        casefile.window.close()


def test_back_in_english_the_services_are_english(qtbot, qapp, uk_catalogue,  # noqa: F811
                                                  monkeypatch, tmp_path):
    from desktop.gui import i18n

    monkeypatch.setattr(i18n, "translations_dir", lambda: uk_catalogue)
    i18n.uninstall(qapp, i18n.install(qapp, "uk"))
    assert words.language() == "en"
    casefile = build_app(tmp_path)
    try:
        assert casefile.cases.new_case(tmp_path / "case.casefile", "Executions")
        incidents.create_incident(actor=USER, title="Shelling")
        assert audit.history(limit=1)[0].summary == "Created INC-001 Shelling"
        dialog = export_dossier.ExportDossierDialog(tmp_path / "d.docx", casefile.window)
        assert dialog.options().language == "en"
    finally:
        casefile.cases.close_case()
        casefile.window.close()
