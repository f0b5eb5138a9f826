"""Everything that imports Qt: the window, its panels and models, undo, background work.

PySide6 reads the source of every module imported after it, looking for `from __feature__
import …` (snake_case, true_property), which Casefile never uses: Casefile's own modules are
entered in its table here, before the window imports them, so that none is read (about a
tenth of the time the window's modules take to import).
"""

import os
import sys

import PySide6  # noqa: F401  (sets up the table below)


def _enter_own_modules() -> None:
    """Each module of Casefile in PySide6's table of feature choices, as its own check would
    enter it: 0 (uses PySide6, no feature chosen) under gui/, -1 (ignored) elsewhere."""
    table = getattr(sys.modules.get("PySide6.support.feature"), "pyside_feature_dict", None)
    if not isinstance(table, dict):
        return  # another PySide6 than the one this was written for: its own check runs
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    gui = os.path.join(package, "gui")
    for folder, folders, names in os.walk(package):
        folders[:] = [name for name in folders if not name.startswith(("_", "."))]
        dotted = os.path.relpath(folder, os.path.dirname(package)).replace(os.sep, ".")
        choice = 0 if folder == gui or folder.startswith(gui + os.sep) else -1
        for name in names:
            if name.endswith(".py"):
                module = dotted if name == "__init__.py" else f"{dotted}.{name[:-3]}"
                table.setdefault(module, choice)


_enter_own_modules()
