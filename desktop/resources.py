"""Where Casefile's resource files are, in a checkout and in a bundle.

In a source checkout (or an editable install) they are under `resources/` at the repository
root, beside the `desktop` package. In the PyInstaller bundle they are under
`<bundle>/resources/`, where `sys._MEIPASS` is the bundle's data folder. Every resource the app
reads (the icon, the Word template `reference.docx`, translations) is found through here.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ICON_NAME = "casefile-256.png"


def resources_dir() -> Path:
    """The folder that holds Casefile's resources in this installation."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """The path of one resource, e.g. `resource_path("icons", "casefile-256.png")`.

    The path is returned whether or not the file exists; callers that can live without it
    check `.exists()`.
    """
    return resources_dir().joinpath(*parts)


def icon_path() -> Path | None:
    """The application icon (PNG, 256 pixels), or None if this installation lacks it."""
    path = resource_path("icons", ICON_NAME)
    return path if path.is_file() else None


def user_data_folder() -> Path:
    """The user's Casefile data folder, where the window's QStandardPaths AppDataLocation puts
    it (organisation and application both "Casefile"), found without Qt for the command line."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "Casefile" / "Casefile"
