"""Word documents (.docx): body text in reading order, with the document's own metadata."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from desktop.domain.errors import SourceImportError
from desktop.services.importing import base
from desktop.services.importing.base import Extracted

_CHUNK = 1024 * 1024


#: The signature of an OLE compound file: what Word saves a password-protected .docx as.
_ENCRYPTED_OFFICE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def extract_docx(path: Path, data: bytes) -> Extracted:
    """Paragraphs and tables in body order, so a table quoted in the text stays in place."""
    if data.startswith(_ENCRYPTED_OFFICE):
        # Word keeps a password-protected document in an encrypted OLE container, not a zip.
        raise SourceImportError(path, "is a password-protected Word document; remove the "
                                      "password in Word and import it again")
    check_unpacked_size(path, data)
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


def check_unpacked_size(path: Path, data: bytes) -> None:
    """Refuse a document whose parts unpack to more than the limit, before python-docx reads
    them: the sizes the zip declares are summed first, then every part is inflated in chunks
    and counted, so a part that lies about its size is caught as well."""
    limit = base.MAX_UNPACKED_BYTES
    too_big = SourceImportError(path, f"unpacks to more than {base.megabytes(limit)}; "
                                      "a Word document this large should be split")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = package.infolist()
            if sum(member.file_size for member in members) > limit:
                raise too_big
            total = 0
            for member in members:
                with package.open(member) as part:
                    while chunk := part.read(_CHUNK):
                        total += len(chunk)
                        if total > limit:
                            raise too_big
    except SourceImportError:
        raise
    except Exception as exc:  # zipfile raises BadZipFile, CRC, zlib and EOF errors
        raise SourceImportError(path, "is not a readable Word document") from exc
