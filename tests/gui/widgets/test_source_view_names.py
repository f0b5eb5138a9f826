"""The source view marks every form of a protected name: declined, surname alone, initialled,
in the file name's spelling, split across a line break. The statement is fictional."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from desktop.gui.widgets.source_view import SourceView
from desktop.services import protection, sources

STATEMENT = (
    "Свідчення Тараса Вербицького\n\n"
    "Я, Тарас Вербицький, бачив колону. Пізніше Вербицькому показали фотографії, і "
    "Т. Вербицький впізнав двох. Протокол підписав Тарас\nВербицький. "
    "Taras Verbytskyi signed it. Вербицькими вважали всю родину.\n"
    "Бондарство та вербування тут ні до чого.\n")

FORMS = ("Тараса Вербицького", "Тарас Вербицький", "Вербицькому", "Т. Вербицький",
         "Тарас\nВербицький", "Taras Verbytskyi", "Вербицькими")


@pytest.fixture
def view(qtbot, case, actor, tmp_path):
    path = tmp_path / "svidchennia.txt"
    path.write_text(STATEMENT, encoding="utf-8")
    source_id = sources.import_files([path], actor=actor).source_ids[0]
    widget = SourceView()
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_source(source_id)
    return widget


def marked_texts(view: SourceView) -> list[str]:
    text = sources.source_text(view.source_id())
    return [text[start:end] for start, end, _ in view.protected_names()]


def test_every_form_of_a_protected_name_is_marked(view, actor):
    assert view.protected_names() == []
    change = protection.add_protected("Тарас Вербицький\nTaras Verbytskyi", "witness",
                                      actor=actor)
    view.case_changed(change)  # the window passes each change on
    assert marked_texts(view) == list(FORMS)
    assert {pseudonym for _, _, pseudonym in view.protected_names()} == {"W-001"}
    # Each is drawn in the protected names' dark red, over the whole form.
    marks = [(s.cursor.selectionStart(), s.cursor.selectionEnd())
             for s in view.text_edit().extraSelections()
             if s.format.foreground().color() == QColor("#8b1a1a")]
    text = sources.source_text(view.source_id())
    assert [text[a:b] for a, b in marks] == list(FORMS)  # BMP text: Qt and Python offsets agree


def test_marks_go_when_the_person_is_no_longer_protected(view, actor):
    change = protection.add_protected("Тарас Вербицький", "witness", actor=actor)
    view.case_changed(change)
    # The Latin spelling is marked too: the official transliteration is one of the forms.
    assert marked_texts(view) == list(FORMS)
    view.case_changed(protection.remove_protected(change.id, actor=actor))
    assert view.protected_names() == []
