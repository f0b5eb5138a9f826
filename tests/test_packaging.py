"""Packaging: the smoke test, the resources, the icon, the .desktop entry and the spec file.

Fast checks only: the PyInstaller build itself is checked by `make dist-check`, which runs the
same smoke test in the bundled app.
"""

from __future__ import annotations

import configparser
import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.resources import icon_path, resource_path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "resources" / "packaging"
ICONS = ROOT / "resources" / "icons"
SIZES = (16, 32, 48, 64, 128, 256)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _run_python(*args: str) -> subprocess.CompletedProcess:
    """Run the venv's Python offscreen from the repository root; output captured as text."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def _png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk, which always comes first."""
    header = path.read_bytes()[:24]
    assert header[:8] == PNG_SIGNATURE, f"{path.name} is not a PNG"
    assert header[12:16] == b"IHDR"
    return struct.unpack(">II", header[16:24])


@pytest.mark.slow
def test_the_smoke_test_passes():
    result = _run_python("-m", "desktop.gui.smoke")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1].startswith("Casefile smoke test: OK (")


@pytest.mark.slow
def test_the_smoke_test_fails_when_a_background_task_fails():
    code = ("import sys\n"
            "from desktop.services import sources\n"
            "def broken(*args, **kwargs):\n"
            "    raise RuntimeError('import broken on purpose')\n"
            "sources.import_files = broken\n"
            "from desktop.gui import smoke\n"
            "sys.exit(smoke.main())\n")
    result = _run_python("-c", code)
    assert result.returncode == 1
    assert "Casefile smoke test: FAILED" in result.stdout
    assert "import broken on purpose" in result.stdout


def test_the_gui_entry_point_runs_the_smoke_test(monkeypatch):
    from desktop import __main__ as entry
    from desktop.gui import smoke

    monkeypatch.setattr(sys, "argv", ["casefile-gui", "--smoke-test"])
    monkeypatch.setattr(smoke, "main", lambda: 7)
    assert entry.main() == 7


def test_resource_path_finds_the_template_and_the_icon():
    assert resource_path("reference.docx").is_file()
    assert resource_path("reference.docx").read_bytes()[:2] == b"PK"
    assert icon_path() == ICONS / "casefile-256.png"


def test_resource_path_looks_in_the_bundle_when_frozen(monkeypatch, tmp_path):
    (tmp_path / "resources" / "icons").mkdir(parents=True)
    (tmp_path / "resources" / "icons" / "casefile-256.png").write_bytes(PNG_SIGNATURE)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resource_path("reference.docx") == tmp_path / "resources" / "reference.docx"
    assert icon_path() == tmp_path / "resources" / "icons" / "casefile-256.png"


def test_icon_path_is_none_when_the_icon_is_missing(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert icon_path() is None


@pytest.mark.parametrize("size", SIZES)
def test_the_icon_pngs_have_their_sizes(size):
    assert _png_size(ICONS / f"casefile-{size}.png") == (size, size)


def test_the_icon_svg_is_there():
    svg = (ICONS / "casefile.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and 'viewBox="0 0 256 256"' in svg


def test_the_desktop_entry_has_the_required_keys():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(PACKAGING / "casefile.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    assert section["Name"] == "Casefile"
    assert section["GenericName"] == "Case file builder"
    assert section["Comment"]
    assert section["Exec"].split()[0] == "Casefile"
    assert section["Icon"] == "casefile"
    assert section["Terminal"] == "false"
    assert "Office" in section["Categories"].split(";")
    assert section["Categories"].endswith(";")


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate (desktop-file-utils) is not installed")
def test_the_desktop_entry_is_valid():
    result = subprocess.run(["desktop-file-validate", str(PACKAGING / "casefile.desktop")],
                            capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_the_spec_file_is_python_and_names_the_app():
    source = (PACKAGING / "casefile.spec").read_text(encoding="utf-8")
    compile(source, "casefile.spec", "exec")
    assert 'name="Casefile"' in source
    assert "desktop\" / \"__main__.py" in source


def test_the_makefile_has_the_dist_targets():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "\ndist: " in makefile
    assert "\ndist-check: dist" in makefile
    assert "--smoke-test" in makefile
