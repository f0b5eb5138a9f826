"""The layers, as the folders show them: only desktop/gui/ imports Qt, and only desktop/domain/
and desktop/services/ import the models. Every import counts, also one inside a function."""

from __future__ import annotations

import pytest

from tests.import_graph import Import, is_within, package_imports

IMPORTS = package_imports("desktop")


def offenders(imported: tuple[str, ...], allowed_in: tuple[str, ...]) -> list[Import]:
    """Imports of any of `imported` made by modules outside every package of `allowed_in`."""
    return [item for item in IMPORTS
            if any(is_within(item.target, name) for name in imported)
            and not any(is_within(item.module, package) for package in allowed_in)]


def _report(found: list[Import], rule: str) -> str:
    return f"{rule}; {len(found)} import(s) break it:\n" + "\n".join(f"  {i}" for i in found)


#: `python -m desktop` and `casefile-gui` start the window: the one way in from outside.
GUI_LAUNCHER = "desktop.__main__"


def test_only_the_gui_imports_qt():
    found = offenders(("PySide6", "desktop.gui"), allowed_in=("desktop.gui", GUI_LAUNCHER))
    assert not found, _report(found, "only desktop/gui/ imports PySide6 and desktop.gui")


def test_only_domain_and_services_import_the_models():
    found = offenders(("desktop.domain.models",),
                      allowed_in=("desktop.domain", "desktop.services"))
    assert not found, _report(found, "outside desktop/domain/ and desktop/services/, nothing "
                                     "imports desktop.domain.models")


def test_the_launcher_imports_the_gui_only_when_it_starts_it():
    launches = [item for item in IMPORTS
                if item.module == GUI_LAUNCHER and is_within(item.target, "desktop.gui")]
    assert launches and all(item.lazy for item in launches), "inside main(), not at the top"


@pytest.mark.parametrize("module", ["desktop.cli", "desktop.domain.db", "desktop.gui.app",
                                    "desktop.services.export"])
def test_the_rules_see_the_modules_they_guard(module):
    assert any(item.module == module for item in IMPORTS)
