"""`make screenshots`: render the main window on the demo case into docs/.

The window as a documenter sees it mid-task (an incident and a quote selected), in English and
in Ukrainian: at 1440×900, and at 1024×700 with the panels at their share of a small screen
(as on a first start there, or after View → Reset layout), once with two sources side by side
and once in review mode. `make screenshots` runs it under Xvfb with Qt's xcb platform, as on a
desktop; without Xvfb it falls back to the offscreen platform.
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

from desktop.domain.models import Evidence, Incident, Source  # noqa: E402
from desktop.gui import i18n  # noqa: E402
from desktop.gui.app import CasefileApp  # noqa: E402
from desktop.gui.settings import Settings  # noqa: E402
from desktop.services import demo  # noqa: E402

USER = "Olena Kovalenko"


#: (file, language, width, height, what else is on): the pictures docs/ and the README show.
SHOTS = (
    ("main-window.png", "en", 1440, 900, ""),
    ("main-window-uk.png", "uk", 1440, 900, ""),
    ("main-window-1024.png", "en", 1024, 700, ""),
    ("main-window-1024-uk.png", "uk", 1024, 700, ""),
    ("side-by-side-1024.png", "en", 1024, 700, "compare"),
    ("review-1024-uk.png", "uk", 1024, 700, "review"),
)


def _settle(app: QApplication) -> None:
    for _ in range(10):
        app.processEvents()


def _render(app: QApplication, case: Path, out: Path, folder: Path, size: tuple[int, int],
            mode: str) -> None:
    settings = Settings(QSettings(str(folder / f"{out.stem}.ini"), QSettings.Format.IniFormat))
    settings.user_name = USER
    settings.tour_seen = True
    casefile = CasefileApp(settings)
    window = casefile.window
    window.move(0, 0)
    window.show()
    window.resize(*size)
    _settle(app)
    window.reset_layout()  # the panels at their share of this window, as on a first start
    casefile.cases.open_case(case)
    incident = Incident.get(Incident.code == "INC-003")
    casefile.editing.select_incident(incident.id)
    killing = Evidence.get((Evidence.incident == incident.id)
                           & (Evidence.supports == "rs_8_2_b_vi:killing"))
    casefile.reading.show_evidence(killing.id)
    if mode == "compare":
        window.actions.compare.setChecked(True)
        other = Source.select().where(Source.id != killing.source_id).order_by(Source.id).get()
        casefile.reading.open_source(other.id)  # the second view: another account
    elif mode == "review":
        window.actions.review_mode.setChecked(True)
    _settle(app)
    window.grab().save(str(out))
    casefile.cases.close_case()
    window.close()
    window.deleteLater()
    _settle(app)


def render(out_dir: Path) -> list[Path]:
    """Build the demo case in a temporary folder and save the window in each of SHOTS."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setStyle("Fusion")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        case = folder / "Casefile demo case.casefile"
        demo.build_demo(case)
        for name, language, width, height, mode in SHOTS:
            translators = i18n.install(app, language)
            try:
                _render(app, case, out_dir / name, folder, (width, height), mode)
            finally:
                i18n.uninstall(app, translators)
            written.append(out_dir / name)
    return written


if __name__ == "__main__":
    for png in render(ROOT / "docs"):
        print(f"wrote {png.relative_to(ROOT)}")
