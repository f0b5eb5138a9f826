"""`make screenshots`: render the main window on the seed case (offscreen) into docs/."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.app import CasefileApp  # noqa: E402
from desktop.domain import db  # noqa: E402
from desktop.settings import Settings  # noqa: E402
from tests.worked_case import build_worked_case  # noqa: E402

USER = "Olena Kovalenko"


def render(out_dir: Path) -> list[Path]:
    """Build the worked seed case in a temporary folder and save the window as PNG."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setStyle("Fusion")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "Executions of surrendered POWs.casefile"
        db.new_case(path, "Executions of surrendered Ukrainian POWs, 2024–2025", actor=USER,
                    reference="UA-POW-2024-017")
        worked = build_worked_case(sorted((ROOT / "seeds").glob("*.txt")), USER)
        db.close_case()
        settings = Settings(QSettings(str(Path(tmp) / "settings.ini"),
                                      QSettings.Format.IniFormat))
        settings.user_name = USER
        casefile = CasefileApp(settings)
        window = casefile.window
        window.resize(1500, 940)
        window.show()
        casefile.open_case(path)
        casefile.select_incident(worked["incidents"]["INC-001"])
        casefile.show_evidence(worked["evidence"]["killing"])
        app.processEvents()
        written = out_dir / "main-window.png"
        window.grab().save(str(written))
        casefile.close_case()
        window.close()
    return [written]


if __name__ == "__main__":
    for png in render(ROOT / "docs"):
        print(f"wrote {png.relative_to(ROOT)}")
