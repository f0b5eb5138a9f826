"""The window on a real X display, not offscreen: Qt's xcb plugin finds every library it links
(what `make run` needs on a fresh Debian desktop), and the smoke test passes under a virtual X
server with the xcb platform. `make test` installs the packages first (.ci/display-deps)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import PySide6
import pytest

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"


def test_the_xcb_plugin_finds_every_library_it_needs():
    linked = subprocess.run(["ldd", str(PLUGIN)], capture_output=True, text=True, check=True)
    missing = [line.split()[0] for line in linked.stdout.splitlines() if "not found" in line]
    assert not missing, (f"run `bash .ci/display-deps` (as root it installs them): "
                         f"{', '.join(missing)}")


def test_the_display_script_names_what_it_would_install(tmp_path):
    """Run as someone who may not install, with a plugin that lacks a library, the script says
    which package to install and leaves the machine alone."""
    fake = tmp_path / "PySide6" / "Qt" / "plugins" / "platforms"
    fake.mkdir(parents=True)
    (tmp_path / "PySide6" / "__init__.py").write_text("")
    # ldd on a script "plugin" prints no "not found": make ldd itself report one.
    (fake / "libqxcb.so").write_text("")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "ldd").write_text("#!/bin/sh\necho '\tlibxcb-cursor.so.0 => not found'\n")
    (bin_dir / "ldd").chmod(0o755)
    (bin_dir / "id").write_text("#!/bin/sh\necho 1000\n")  # not root: advise, never install
    (bin_dir / "id").chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}",
           "PYTHONPATH": str(tmp_path), "PYTHON": sys.executable}
    result = subprocess.run(["bash", str(ROOT / ".ci" / "display-deps")], capture_output=True,
                            text=True, env=env, timeout=60)
    assert result.returncode == 0
    assert "sudo apt-get install libxcb-cursor0" in result.stderr


@pytest.mark.skipif(shutil.which("xvfb-run") is None,
                    reason="no xvfb-run: `make test` installs it (.ci/display-deps --xvfb)")
def test_the_smoke_test_passes_on_a_real_x_display():
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb"}
    result = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1440x900x24", sys.executable, "-m",
         "desktop.gui.smoke"], capture_output=True, text=True, env=env, timeout=180, cwd=ROOT)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1].startswith("Casefile smoke test: OK (")
