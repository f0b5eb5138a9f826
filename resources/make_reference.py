"""Build `resources/reference.docx`, the Word template of the dossier, from code.

The styles are defined once, in `desktop.services.export.styles.build_reference`, so they can be
reviewed as code; the export uses this template, or the same function when the template is
missing. A receiving office may restyle the template (or the dossier) in Word.

    .venv/bin/python resources/make_reference.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.services.export.styles import TEMPLATE, build_reference  # noqa: E402


def make(path: Path = TEMPLATE) -> Path:
    """Write the template: python-docx's default document with the dossier's styles."""
    document = docx.Document()
    build_reference(document)
    core = document.core_properties
    core.title, core.author, core.last_modified_by = "Casefile dossier template", "Casefile", ""
    core.comments = "Styles of the Casefile dossier; built by resources/make_reference.py"
    document.save(str(path))
    return path


if __name__ == "__main__":
    print(f"wrote {make().relative_to(ROOT)}")
