"""Fast start: the command line, the services and the window load no heavy library until one
is needed (a PDF imported, a dossier written, a quote anchored approximately).

Each check runs a fresh Python, since this test run has long since loaded everything.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.import_graph import ROOT, is_within

#: Loaded when first used: the parsers of imported files, fuzzy matching, the Word writer.
HEAVY = ("trafilatura", "pypdf", "pypdfium2", "docx", "rapidfuzz", "charset_normalizer",
         "pymorphy3", "english_words")


def heavy_loaded_by(statement: str, libraries: tuple[str, ...] = HEAVY) -> list[str]:
    """Which of `libraries` a fresh interpreter holds after running the import `statement`."""
    code = f"import sys, json; {statement}; print(json.dumps(sorted(sys.modules)))"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return sorted({name.split(".")[0] for name in json.loads(done.stdout)
                   if any(is_within(name, library) for library in libraries)})


def test_the_command_line_loads_neither_qt_nor_heavy_libraries():
    assert heavy_loaded_by("import desktop.cli", ("PySide6", *HEAVY)) == []


def test_the_services_load_their_heavy_libraries_only_when_used():
    assert heavy_loaded_by(
        "import desktop.services.importing, desktop.services.export, "
        "desktop.services.anchoring, desktop.services.interchange.w3c, "
        "desktop.services.handover, desktop.services.recovery, desktop.services.tabular") == []


def test_the_export_package_offers_the_dossier_without_loading_python_docx():
    assert heavy_loaded_by("from desktop.services.export import DossierOptions, DossierResult, "
                           "ExportCancelled, export_dossier") == []


def test_the_window_loads_no_heavy_library_before_it_needs_one():
    pytest.importorskip("PySide6")
    assert heavy_loaded_by("import desktop.gui.app") == []


def _fresh(code: str) -> dict:
    """What a fresh interpreter prints as JSON after running `code`."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_pyside_reads_no_module_for_features_once_the_window_is_imported(tmp_path):
    """PySide6 looks through the source of each module imported after it for `__feature__`;
    from the window's package on, each module's entry is made as its import begins (the
    package `desktop` itself, with peewee, comes before). A module that does import
    `__feature__` still has its features."""
    pytest.importorskip("PySide6")
    (tmp_path / "snake.py").write_text(
        "from __feature__ import snake_case  # noqa\n"
        "from PySide6.QtCore import QObject\n"
        "def name_of(thing):\n"
        "    thing.set_object_name('snake')\n"
        "    return thing.object_name()\n", encoding="utf-8")
    found = _fresh(
        "import json, sys, PySide6.QtCore, PySide6.support.feature as feature, desktop\n"
        "read = []\n"
        "check = feature._mod_uses_pyside\n"
        "feature._mod_uses_pyside = lambda module: read.append(module.__name__) or check(module)\n"
        "import desktop.gui.app, logging.handlers, decimal\n"
        "table = feature.pyside_feature_dict\n"
        f"sys.path.insert(0, {str(tmp_path)!r})\n"
        "import snake\n"
        "print(json.dumps({'read': read, 'app': table.get('desktop.gui.app'),\n"
        "                  'db': table.get('desktop.domain.db'),\n"
        "                  'snake': snake.name_of(PySide6.QtCore.QObject())}))")
    # Only the script itself is read, by the first import of `__feature__` (snake's).
    assert found == {"read": ["__main__"], "app": 0, "db": -1, "snake": "snake"}


def test_the_window_builds_its_page_pane_only_when_a_page_is_shown():
    pytest.importorskip("PySide6")
    loaded = _fresh("import json, sys, desktop.gui.app\n"
                    "print(json.dumps(sorted(m for m in sys.modules if m.startswith('desktop'))))")
    assert "desktop.gui.widgets.page_image" not in loaded
    assert "desktop.services.scan_pages" not in loaded


def test_the_window_imports_the_services_of_later_work_when_it_is_asked_for():
    """Search, review decisions, imports and a server's roles load with their first use."""
    pytest.importorskip("PySide6")
    loaded = _fresh("import json, sys, desktop.gui.app\n"
                    "print(json.dumps(sorted(m for m in sys.modules if m.startswith('desktop'))))")
    later = {"desktop.services.search", "desktop.services.review", "desktop.services.importing",
             "desktop.services.team"}
    assert later.isdisjoint(loaded)
    assert "desktop.services.sources" in loaded  # what the case's first paint reads is there


def test_importing_the_package_has_the_collector_wait_for_peewee_and_leaves_it_as_it_was():
    """peewee's classes are made while the collector waits; it is on again after."""
    found = _fresh("import gc, importlib.util, json, sys\n"
                   "importlib.util.find_spec('desktop')  # the folders on the path listed\n"
                   "gc.collect()  # every generation's count at 0\n"
                   "before = [g['collections'] for g in gc.get_stats()]\n"
                   "import desktop\n"
                   "after = [g['collections'] for g in gc.get_stats()]\n"
                   "print(json.dumps({'passes': [a - b for a, b in zip(after, before)],\n"
                   "                  'on': gc.isenabled(), 'peewee': 'peewee' in sys.modules}))")
    # One pass at most, as the collector comes back on (without the wait: twenty, and two of
    # the older generation).
    assert found["passes"][0] <= 1 and found["passes"][1:] == [0, 0]
    assert found["on"] and found["peewee"]
    off = _fresh("import gc, json\ngc.disable()\nimport desktop\nprint(json.dumps(gc.isenabled()))")
    assert off is False  # a caller that turned it off keeps it off
