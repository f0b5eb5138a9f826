"""Word documents (.docx): body text in reading order, with the document's own metadata."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from desktop.domain.errors import SourceImportError
from desktop.services.importing.base import Extracted


def extract_docx(path: Path, data: bytes) -> Extracted:
    """Paragraphs and tables in body order, so a table quoted in the text stays in place."""
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = [_block_text(block) for block in document.iter_inner_content()]
        props = document.core_properties
    except Exception as exc:  # python-docx raises zip, XML and KeyErrors on damaged files
        raise SourceImportError(path, "is not a readable Word document") from exc
    created = props.created
    return Extracted(
        text="\n\n".join(block for block in blocks if block.strip()),
        media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        title=(props.title or "").strip(),
        author=(props.author or "").strip(),
        published=created.date().isoformat() if created else "",
        language=(props.language or "").strip(),
    )


def _block_text(block: Paragraph | Table) -> str:
    """A paragraph's text, or a table as one line per row with cells separated by tabs."""
    if isinstance(block, Paragraph):
        return block.text
    rows = []
    for row in block.rows:
        cells, previous = [], None
        for cell in row.cells:
            # A merged cell is repeated once per grid column it spans; keep it once.
            if cell._tc is not previous:
                cells.append(cell.text.strip())
            previous = cell._tc
        rows.append("\t".join(cells).rstrip())
    return "\n".join(rows)
