"""`python -m desktop.gui.smoke` and `Casefile --smoke-test`: prove that this installation works.

Runs offscreen (unless QT_QPA_PLATFORM says otherwise) in a temporary folder, touching none of
the user's settings or cases: builds the main window, creates a case, imports a text file and
a web page (charset detection, trafilatura), searches them, writes a Word dossier
(python-docx and the reference template), closes the case, and, when SQLCipher support is
installed, creates and reopens an encrypted case. Prints
"Casefile smoke test: OK (<version>)" and exits 0, or prints what failed and exits 1. The
packaged app is checked this way by `make dist-check`.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

USER = "Smoke Test"
WORD = "checkpoint"
PASSPHRASE = "smoke test passphrase"
TIMEOUT_S = 60.0
SAMPLE_TEXT = (
    "Witness statement\n\n"
    f"At 10:00 the column stopped at the {WORD} north of the village. "
    "Two vehicles were searched and the drivers were questioned.\n"
)
SAMPLE_HTML = (
    "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
    "<title>Report on the crossing</title></head><body><nav>Home | News</nav>"
    "<article><h1>Report on the crossing</h1>"
    "<p>Observers counted eleven people waiting at the river crossing on the morning of the "
    "third day. They said the crossing had been closed since the evening before.</p>"
    "<p>Officials did not answer questions about when it would open again.</p>"
    "</article><footer>Contact</footer></body></html>"
)


class SmokeFailure(Exception):
    """A step of the smoke test did not do what it should."""


def _check(condition: object, message: str) -> None:
    """Fail the smoke test with `message` unless `condition` holds."""
    if not condition:
        raise SmokeFailure(message)


def _wait_until(done: Callable[[], bool], what: str) -> None:
    """Process Qt events until `done()` is true; fail after TIMEOUT_S seconds."""
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + TIMEOUT_S
    while not done():
        if time.monotonic() > deadline:
            raise SmokeFailure(f"timed out waiting for {what}")
        QApplication.processEvents()
        time.sleep(0.01)
    QApplication.processEvents()


class _Recorder:
    """Stands in for message boxes and the excepthook, so nothing waits for a click."""

    def __init__(self) -> None:
        self.warnings: list[str] = []
        self.notes: list[str] = []
        self.errors: list[str] = []

    def warn(self, title: str, message: str) -> None:
        self.warnings.append(f"{title}: {message}")

    def inform(self, title: str, message: str) -> None:
        self.notes.append(title)

    def hook(self, kind: type[BaseException], error: BaseException,
             tb: TracebackType | None) -> None:
        self.errors.append("".join(traceback.format_exception(kind, error, tb)))

    def check(self, step: str) -> None:
        """Fail if anything went wrong in a slot or was reported to the user."""
        _check(not self.errors, f"{step}: unexpected error\n" + "\n".join(self.errors))
        _check(not self.warnings, f"{step}: " + "; ".join(self.warnings))


def _application():
    """The QApplication, created offscreen unless the caller chose a platform."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desktop import APP_NAME, __version__

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    return app


def _check_resources(app) -> None:
    """The icon and the Word template are where the app looks for them."""
    from PySide6.QtGui import QIcon

    from desktop.resources import icon_path, resource_path

    icon = icon_path()
    _check(icon is not None, f"no application icon in {resource_path('icons')}")
    app.setWindowIcon(QIcon(str(icon)))
    _check(not app.windowIcon().isNull(), f"the icon {icon} cannot be read")
    template = resource_path("reference.docx")
    _check(template.is_file(), f"the Word template {template} is missing")


def _casefile(folder: Path, recorder: _Recorder):
    """The main window and its controller, with settings kept in `folder`."""
    from PySide6.QtCore import QSettings

    from desktop.gui.app import CasefileApp
    from desktop.gui.settings import Settings

    settings = Settings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    settings.user_name = USER
    casefile = CasefileApp(settings)
    for flow in (casefile.session, casefile.cases, casefile.editing, casefile.reading,
                 casefile.review, casefile.exchange):
        flow.warn, flow.inform = recorder.warn, recorder.inform
        flow.ask = lambda title, message: True
    casefile.window.show()
    return casefile


def _import_sources(casefile, folder: Path, recorder: _Recorder) -> None:
    """Import a text file and a web page; both must become sources, the first one shown."""
    from desktop.services import sources

    text = folder / "statement.txt"
    text.write_text(SAMPLE_TEXT, encoding="utf-8")
    page = folder / "report.html"
    page.write_text(SAMPLE_HTML, encoding="utf-8")
    casefile.exchange.import_paths([text, page])
    _wait_until(lambda: not casefile.background.busy(), "the import")
    recorder.check("import")
    _check(len(sources.list_sources()) == 2, "the two sample files were not imported")
    _check(casefile.window.source_view.source_id() is not None, "no source is shown")


def _search(casefile, recorder: _Recorder) -> None:
    """Search from the search panel; the text file must be the one hit."""
    panel = casefile.window.search_panel
    panel.query.setText(WORD)
    panel.run()
    _wait_until(lambda: not casefile.background.busy(), "the search")
    recorder.check("search")
    status = panel.status.text()
    _check(status.startswith("1 source"), f"searching for {WORD!r} found: {status!r}")


def _export(casefile, folder: Path, recorder: _Recorder) -> None:
    """Write a dossier of the (draft) incident; it must be a Word file."""
    from desktop.services.export import DossierOptions

    casefile.editing.add_incident()
    out = folder / "dossier.docx"
    casefile.exchange.export_dossier(out, DossierOptions(incidents="drafts"))
    _wait_until(lambda: not casefile.background.busy(), "the dossier export")
    recorder.check("export")
    _check("Dossier written" in recorder.notes, "the dossier export did not finish")
    _check(out.read_bytes()[:2] == b"PK", f"{out} is not a Word file")


def _encrypted_case(casefile, folder: Path, recorder: _Recorder) -> None:
    """Create and reopen an encrypted case, when SQLCipher support is installed."""
    from desktop.domain import encryption

    if not encryption.available():
        return
    path = folder / "sealed.casefile"
    _check(casefile.cases.new_case(path, "Sealed", passphrase=PASSPHRASE),
           "the encrypted case could not be created: " + "; ".join(recorder.warnings))
    _check(casefile.cases.close_case(), "the encrypted case could not be closed")
    _check(not path.read_bytes().startswith(b"SQLite format 3"), f"{path} is not encrypted")
    _check(casefile.cases.open_case(path, passphrase=PASSPHRASE),
           "the encrypted case could not be reopened: " + "; ".join(recorder.warnings))
    recorder.check("encrypted case")


def run() -> str:
    """Run every step in a temporary folder; return the version, raise on any failure."""
    app = _application()
    from desktop import __version__

    recorder = _Recorder()
    previous_hook, sys.excepthook = sys.excepthook, recorder.hook
    try:
        _check_resources(app)
        with tempfile.TemporaryDirectory(prefix="casefile-smoke-") as tmp:
            folder = Path(tmp)
            casefile = _casefile(folder, recorder)
            try:
                _check(casefile.cases.new_case(folder / "smoke.casefile", "Smoke test"),
                       "the case could not be created: " + "; ".join(recorder.warnings))
                _import_sources(casefile, folder, recorder)
                _search(casefile, recorder)
                _export(casefile, folder, recorder)
                _check(casefile.cases.close_case(), "the case could not be closed")
                _encrypted_case(casefile, folder, recorder)
            finally:
                casefile.background.wait()
                casefile.cases.close_case()
                casefile.window.close()
                casefile.window.deleteLater()
                app.processEvents()
            recorder.check("close")
    finally:
        sys.excepthook = previous_hook
    return __version__


def main() -> int:
    """Run the smoke test; print the verdict; 0 if it passed, 1 if not."""
    try:
        version = run()
    except Exception as exc:  # any failure at all is the test's answer
        traceback.print_exc()
        print(f"Casefile smoke test: FAILED: {exc}", flush=True)
        return 1
    print(f"Casefile smoke test: OK ({version})", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
