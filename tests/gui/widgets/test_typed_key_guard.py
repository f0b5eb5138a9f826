"""The typed-key guard watches every widget that takes plain keys, however deep, and only those
(a line edit keeps its typed keys itself); what it does with a key the main window's tests show
(tests/gui/widgets/test_main_window.py)."""

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QGroupBox,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.widgets import actions


class _Watching(QObject):
    """Stands in for the guard: notes each widget it is shown a shortcut override for."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[QObject] = []

    def eventFilter(self, watched, event):  # noqa: N802
        if event.type() == QEvent.Type.ShortcutOverride:
            self.seen.append(watched)
        return False


@pytest.fixture
def watching(monkeypatch):
    watcher = _Watching()
    monkeypatch.setattr(actions, "_guard", watcher)
    return watcher


def _watched(watcher: _Watching, widget: QWidget) -> bool:
    watcher.seen.clear()
    event = QKeyEvent(QEvent.Type.ShortcutOverride, Qt.Key.Key_3,
                      Qt.KeyboardModifier.NoModifier, "3")
    QApplication.sendEvent(widget, event)
    return widget in watcher.seen


def test_every_key_taker_inside_is_watched_however_deep_and_nothing_else(qtbot, watching):
    root = QWidget()
    qtbot.addWidget(root)
    outer = QVBoxLayout(root)
    group = QGroupBox("inner")
    inner = QVBoxLayout(group)
    parts = {"combo": QComboBox(), "button": QPushButton("Add"), "tool": QToolButton(),
             "spin": QSpinBox(), "line": QLineEdit()}
    outer.addWidget(parts["combo"])
    outer.addWidget(parts["button"])
    for name in ("tool", "spin", "line"):
        inner.addWidget(parts[name])  # a level deeper
    outer.addWidget(group)
    assert not any(_watched(watching, part) for part in parts.values())
    actions.guard_typed_keys(root)
    for name in ("combo", "button", "tool", "spin"):
        assert _watched(watching, parts[name]), name
    assert not _watched(watching, parts["line"])
    assert not _watched(watching, group)
    assert not _watched(watching, root)


def test_a_key_taker_given_as_the_root_is_watched_and_one_added_later_once_guarded(qtbot,
                                                                                   watching):
    combo = QComboBox()
    qtbot.addWidget(combo)
    actions.guard_typed_keys(combo)
    assert _watched(watching, combo)
    button = QPushButton("Later")
    button.setParent(combo)
    assert not _watched(watching, button)
    actions.guard_typed_keys(combo)  # as the incident form does for a page it builds later
    assert _watched(watching, button)
    assert watching.seen.count(button) == 1  # guarded twice, watched once
