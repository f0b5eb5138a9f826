"""Everything that imports Qt: the window, its panels and models, undo, background work.

PySide6 reads the source of every module imported after it, looking for `from __feature__
import …` (snake_case, true_property), which neither Casefile nor anything it uses writes.
The answer is entered in PySide6's table before the module is imported instead: Casefile's
own modules and those already loaded here, and each one imported later as its import begins
(about a tenth of the time the window's modules take to import). A module that does import
`__feature__` still gets its features: that import sets its own entry.
"""

import os
import sys

import PySide6  # noqa: F401  (sets up the table below)

#: Under gui/ a module uses PySide6 (0: no feature chosen); elsewhere PySide6 ignores it (-1).
_USES_PYSIDE, _IGNORED = 0, -1


def _choice(module: str) -> int:
    return _USES_PYSIDE if module == __name__ or module.startswith(__name__ + ".") else _IGNORED


class _FeatureTableEntries:
    """A finder that finds nothing: it enters each module in PySide6's table as its import
    begins, so that PySide6 does not read the module's source once it is imported."""

    def __init__(self, table: dict) -> None:
        self.table = table

    def find_spec(self, name: str, path=None, target=None) -> None:
        self.table.setdefault(name, _choice(name))


def _enter_modules() -> None:
    table = getattr(sys.modules.get("PySide6.support.feature"), "pyside_feature_dict", None)
    if not isinstance(table, dict):
        return  # another PySide6 than the one this was written for: its own check runs
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for folder, folders, names in os.walk(package):
        folders[:] = [name for name in folders if not name.startswith(("_", "."))]
        dotted = os.path.relpath(folder, os.path.dirname(package)).replace(os.sep, ".")
        for name in names:
            if name.endswith(".py"):
                module = dotted if name == "__init__.py" else f"{dotted}.{name[:-3]}"
                table.setdefault(module, _choice(module))
    for module in list(sys.modules):
        if module != "__main__":  # a script run with PySide6 is left to PySide6's check
            table.setdefault(module, _choice(module))
    if not any(isinstance(finder, _FeatureTableEntries) for finder in sys.meta_path):
        sys.meta_path.insert(0, _FeatureTableEntries(table))


_enter_modules()
