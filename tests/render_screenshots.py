"""`make screenshots`: render the main window on the demo case (offscreen) into docs/.

One picture in English and one in Ukrainian, each with an incident and a quote selected, as a
documenter sees the window mid-task.
"""

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

from desktop.domain.models import Evidence, Incident  # noqa: E402
from desktop.gui import i18n  # noqa: E402
from desktop.gui.app import CasefileApp  # noqa: E402
from desktop.gui.settings import Settings  # noqa: E402
from desktop.services import demo  # noqa: E402

USER = "Olena Kovalenko"


def _render(app: QApplication, case: Path, out: Path, folder: Path) -> None:
    settings = Settings(QSettings(str(folder / f"{out.stem}.ini"), QSettings.Format.IniFormat))
    settings.user_name = USER
    casefile = CasefileApp(settings)
    window = casefile.window
    window.resize(1500, 940)
    window.show()
    casefile.cases.open_case(case)
    incident = Incident.get(Incident.code == "INC-003")
    casefile.editing.select_incident(incident.id)
    killing = Evidence.get((Evidence.incident == incident.id)
                           & (Evidence.supports == "rs_8_2_b_vi:killing"))
    casefile.reading.show_evidence(killing.id)
    app.processEvents()
    window.grab().save(str(out))
    casefile.cases.close_case()
    window.close()
    window.deleteLater()
    app.processEvents()


def render(out_dir: Path) -> list[Path]:
    """Build the demo case in a temporary folder and save the window in each language."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setStyle("Fusion")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        case = folder / "Casefile demo case.casefile"
        demo.build_demo(case)
        for language, name in (("en", "main-window.png"), ("uk", "main-window-uk.png")):
            translators = i18n.install(app, language)
            try:
                _render(app, case, out_dir / name, folder)
            finally:
                i18n.uninstall(app, translators)
            written.append(out_dir / name)
    return written


if __name__ == "__main__":
    for png in render(ROOT / "docs"):
        print(f"wrote {png.relative_to(ROOT)}")
