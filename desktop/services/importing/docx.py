"""Word documents (.docx, Transitional and Strict OOXML): the text as the document now reads,
in reading order, with the document's own metadata.

The body is walked once, without recursion, straight from its XML: python-docx reads neither
Strict documents nor runs inside tracked insertions, content controls or text boxes.

- Tracked insertions are text. Tracked deletions (and text moved away) are not: the working
  copy reads as the document would with its changes accepted, and each deletion is listed in
  the extraction record (`extraction["tracked_deletions"]`: text, author, date, and `moved`
  for text moved away, read where it went), so nothing the author struck out is either merged
  in silently or lost.
- A text box's text follows the paragraph it is anchored in, once: Word stores each box twice
  (the drawing and a VML fallback for older readers) and only the first is read.
- A vertically merged table cell's text is in its first row only; the rows below it have an
  empty cell there, so the columns stay aligned.
- Footnotes and endnotes: a mark "[1]" where the body cites one, and the note's text after
  the body, "[1] …", numbered in the order they are cited.
- Form fields give their values: a legacy text field its result, a check box ☒ or ☐, a drop-down
  its chosen entry; content controls their content (not a placeholder's prompt).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import lxml.etree

from desktop.domain.errors import SourceImportError
from desktop.services.importing import base
from desktop.services.importing.base import Extracted
from desktop.services.words import N_, _

_CHUNK = 1024 * 1024

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

#: The signature of an OLE compound file: what Word saves a password-protected .docx as (and
#: what a Word 97–2003 .doc is).
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_NOT_READABLE = N_("is not a readable Word document")

#: WordprocessingML's namespace in Transitional and in Strict OOXML, and markup compatibility's.
_W = ("http://schemas.openxmlformats.org/wordprocessingml/2006/main",
      "http://purl.oclc.org/ooxml/wordprocessingml/main")
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DC = "http://purl.org/dc/elements/1.1/"
_DCTERMS = "http://purl.org/dc/terms/"

# Property elements, field codes, and the second copy of an alternate content: no text of the
# document in them. Deletions and moves away are read apart, into the extraction record.
_SKIPPED = frozenset({"pPr", "rPr", "tblPr", "tblGrid", "trPr", "tcPr", "sectPr", "sdtPr",
                      "sdtEndPr", "instrText", "delInstrText", "ffData", "commentReference",
                      "bookmarkStart", "bookmarkEnd"})
_NOTE_MARKS = {"footnoteReference": "footnote", "endnoteReference": "endnote"}
_DELETED = frozenset({"del", "moveFrom"})
_BREAKS = frozenset({"br", "cr"})
_CHECKED, _UNCHECKED = "☒", "☐"

_PARSER = lxml.etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True,
                               remove_comments=True, remove_pis=True)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def extract_docx(path: Path, data: bytes) -> Extracted:
    """The body's paragraphs, tables and text boxes in reading order, and the metadata."""
    if data.startswith(_OLE):
        raise SourceImportError(path, _ole_reason(data))
    check_unpacked_size(path, data)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            body, core = _parts(package)
            document = _parse(package, body)
            properties = _parse(package, core) if core else None
            notes = _notes(package, body)
    except (KeyError, ValueError, zipfile.BadZipFile, lxml.etree.XMLSyntaxError) as exc:
        raise SourceImportError(path, _(_NOT_READABLE)) from exc
    if _name(document) != "w:document":
        raise SourceImportError(path, _(_NOT_READABLE))
    reading = _Reading()
    reading.walk(document)
    blocks = reading.blocks + _note_blocks(reading, notes)
    return Extracted(text="\n\n".join(blocks), media_type=MEDIA_TYPE,
                     extraction=_extraction(document, reading.deletions), **_metadata(properties))


def _notes(package: zipfile.ZipFile, body: str) -> dict[tuple[str, str], lxml.etree._Element]:
    """The document's footnotes and endnotes, by (kind, id), from the parts its body's
    relationships name."""
    folder, name = posixpath.split(body)
    rels = posixpath.join(folder, "_rels", f"{name}.rels")
    if rels not in package.namelist():
        return {}
    found = {}
    for relation in _parse(package, rels).iter(f"{{{_RELS}}}Relationship"):
        kind = relation.get("Type", "").rsplit("/", 1)[-1]
        if kind not in ("footnotes", "endnotes"):
            continue
        target = posixpath.normpath(posixpath.join(folder, relation.get("Target", "")))
        if target not in package.namelist():
            continue
        for note in _parse(package, target):
            if _name(note) in ("w:footnote", "w:endnote") and _attribute(note, "id"):
                found[(kind[:-1], _attribute(note, "id"))] = note
    return found


def _note_blocks(reading: _Reading, notes: dict) -> list[str]:
    """The notes the body cites, in the order it cites them, each after its mark: "[1] …"."""
    blocks = []
    for number, key in enumerate(reading.note_marks, 1):
        note = notes.get(key)
        if note is None:
            continue
        inner = _Reading()
        inner.walk(note)
        reading.deletions += inner.deletions
        text = " ".join(block.strip() for block in inner.blocks)
        if text:
            blocks.append(f"[{number}] {text}")
    return blocks


def _extraction(document: lxml.etree._Element, deletions: list[dict[str, str]]) -> dict:
    """How the text was read: Casefile's own reading of the document XML, through lxml."""
    from desktop import __version__

    strict = _name(document) == "w:document" and document.tag.startswith(f"{{{_W[1]}}}")
    record = {"tool": "Casefile", "version": __version__,
              "method": "document XML" + (" (Strict OOXML)" if strict else ""),
              "parser": f"lxml {base.tool_version('lxml')}"}
    if deletions:
        record["tracked_deletions"] = deletions
    return record


def _ole_reason(data: bytes) -> str:
    """Why an OLE compound file named .docx is refused: its password, or its being a .doc."""
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            streams = {"/".join(entry) for entry in ole.listdir()}
    except Exception:  # olefile raises OSError and its own errors on a damaged container
        return _("is not a readable Word document (a damaged Office container)")
    if "EncryptedPackage" in streams:
        return _("is password-protected; remove the password in Word and import it again")
    if "WordDocument" in streams:
        return _("is an old Word 97–2003 document (.doc); save it as .docx and import it again")
    return _(_NOT_READABLE)


def _parts(package: zipfile.ZipFile) -> tuple[str, str]:
    """The zip names of the main document part and of the core properties ("" if none)."""
    relations = _parse(package, "_rels/.rels")
    targets = {}
    for relation in relations.iter(f"{{{_RELS}}}Relationship"):
        kind = relation.get("Type", "").rsplit("/", 1)[-1]
        targets.setdefault(kind, posixpath.normpath(relation.get("Target", "").lstrip("/")))
    if "officeDocument" not in targets:
        raise KeyError("officeDocument")
    core = targets.get("core-properties", "docProps/core.xml")
    return targets["officeDocument"], core if core in package.namelist() else ""


def _parse(package: zipfile.ZipFile, name: str) -> lxml.etree._Element:
    with package.open(name) as part:
        return lxml.etree.parse(part, _PARSER).getroot()


def _metadata(properties: lxml.etree._Element | None) -> dict[str, str]:
    """Title, author, creation date and language from the core properties part."""
    if properties is None:
        return {}

    def value(namespace: str, name: str) -> str:
        return (properties.findtext(f"{{{namespace}}}{name}") or "").strip()

    created = _DATE.match(value(_DCTERMS, "created"))
    return {"title": value(_DC, "title"), "author": value(_DC, "creator"),
            "published": created.group() if created else "", "language": value(_DC, "language")}


_NAMES: dict[str, str] = {}


def _name(element: lxml.etree._Element) -> str:
    """An element's name as "w:local" (either WordprocessingML namespace), "mc:local" or its
    bare local name: Transitional and Strict documents read alike."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    name = _NAMES.get(tag)
    if name is None:
        namespace, _, local = tag[1:].rpartition("}")
        prefix = "w:" if namespace in _W else "mc:" if namespace == _MC else ""
        name = _NAMES[tag] = prefix + local
    return name


def _attribute(element: lxml.etree._Element, local: str) -> str | None:
    """A w: attribute, in either namespace."""
    for namespace in _W:
        found = element.get(f"{{{namespace}}}{local}")
        if found is not None:
            return found
    return None


def _child(element: lxml.etree._Element, *path: str) -> lxml.etree._Element | None:
    """The first descendant along w: names, or None."""
    for local in path:
        element = next((child for child in element if _name(child) == f"w:{local}"), None)
        if element is None:
            return None
    return element


@dataclass
class _Frame:
    """An open paragraph, table, row or cell, and what has been read into it so far."""

    kind: str
    element: object = None
    parts: list[str] = field(default_factory=list)
    boxes: list[str] = field(default_factory=list)  # a paragraph's text boxes' blocks


class _Reading:
    """One walk over a document body, collecting its blocks and its tracked deletions."""

    def __init__(self) -> None:
        self.stack = [_Frame("root")]
        self.deletions: list[dict[str, str]] = []
        self.note_marks: list[tuple[str, str]] = []  # (footnote | endnote, id), as cited

    @property
    def blocks(self) -> list[str]:
        return [block for block in self.stack[0].parts if block.strip()]

    def walk(self, document: lxml.etree._Element) -> None:
        walker = lxml.etree.iterwalk(document, events=("start", "end"))
        for event, element in walker:
            name = _name(element)
            if event == "end":
                # A skipped element ends too (lxml's skip_subtree skips only its children).
                if self.stack[-1].element is element:
                    self._close()
                continue
            skip = self._open(name, element)
            if skip:
                walker.skip_subtree()

    def _open(self, name: str, element: lxml.etree._Element) -> bool:
        """Read an element's start; True when its subtree holds nothing more to read."""
        local = name[2:] if name.startswith("w:") else ""
        if local in _SKIPPED or name == "mc:Fallback":
            return True
        if local in _DELETED:
            self._deleted(element)
            return True
        if name == "w:tc" and _is_merged_below(element):
            self.stack[-1].parts.append("")
            return True
        if name == "w:sdt" and _child(element, "sdtPr", "showingPlcHdr") is not None:
            return True  # a content control still showing its prompt holds no value
        if name in ("w:p", "w:tbl", "w:tr", "w:tc"):
            self.stack.append(_Frame(local, element))
        elif local == "t":
            self._text(element.text or "")
        elif local == "tab":
            self._text("\t")
        elif local in _BREAKS:
            self._text("\n")
        elif local == "noBreakHyphen":
            self._text("-")
        elif local in _NOTE_MARKS:
            self.note_marks.append((_NOTE_MARKS[local], _attribute(element, "id") or ""))
            self._text(f"[{len(self.note_marks)}]")
        elif local == "fldChar":
            self._text(_form_field_value(element))
        return False

    def _text(self, text: str) -> None:
        # Only a paragraph holds runs; text outside one (in a damaged file) is read into none.
        if text and self.stack[-1].kind == "p":
            self.stack[-1].parts.append(text)

    def _close(self) -> None:
        frame = self.stack.pop()
        if frame.kind == "p":
            self._emit("".join(frame.parts), *frame.boxes)
        elif frame.kind == "tc":
            self.stack[-1].parts.append("\n".join(p for p in frame.parts if p.strip()).strip())
        elif frame.kind == "tr":
            self.stack[-1].parts.append("\t".join(frame.parts).rstrip())
        else:
            self._emit("\n".join(frame.parts))

    def _emit(self, *blocks: str) -> None:
        """Blocks go into the cell, the root, or (from a text box) the anchoring paragraph."""
        holder = self.stack[-1]
        (holder.boxes if holder.kind == "p" else holder.parts).extend(blocks)

    def _deleted(self, element: lxml.etree._Element) -> None:
        text = "".join(node.text or "" for node in element.iter()
                       if _name(node) in ("w:delText", "w:t"))
        if text.strip():
            self.deletions.append({
                "text": text, "author": _attribute(element, "author") or "",
                "date": _attribute(element, "date") or "",
                # text moved elsewhere is read where it went; here it is only its old place
                **({"moved": True} if _name(element) == "w:moveFrom" else {})})


def _is_merged_below(cell: lxml.etree._Element) -> bool:
    """Whether a cell continues the vertically merged cell above it."""
    merge = _child(cell, "tcPr", "vMerge")
    return merge is not None and _attribute(merge, "val") in (None, "continue")


def _form_field_value(char: lxml.etree._Element) -> str:
    """A legacy check box's or drop-down's value, shown where the field begins (a text field's
    value is its result runs, read as text)."""
    if _attribute(char, "fldCharType") != "begin":
        return ""
    data = _child(char, "ffData")
    if data is None:
        return ""
    box = _child(data, "checkBox")
    if box is not None:
        state = _child(box, "checked")
        if state is None:
            state = _child(box, "default")
        on = state is not None and _attribute(state, "val") not in ("0", "false", "off")
        return _CHECKED if on else _UNCHECKED
    choices = _child(data, "ddList")
    if choices is not None:
        entries = [_attribute(entry, "val") or "" for entry in choices
                   if _name(entry) == "w:listEntry"]
        chosen = _child(choices, "result")
        index = int(_attribute(chosen, "val") or 0) if chosen is not None else 0
        return entries[index] if 0 <= index < len(entries) else ""
    return ""


def check_unpacked_size(path: Path, data: bytes) -> None:
    """Refuse a document whose parts unpack to more than the limit, before they are parsed:
    the sizes the zip declares are summed first, then every part is inflated in chunks
    and counted, so a part that lies about its size is caught as well."""
    limit = base.MAX_UNPACKED_BYTES
    too_big = SourceImportError(path, _("unpacks to more than {limit}; a Word document this "
                                        "large should be split").format(
        limit=base.megabytes(limit)))
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
        raise SourceImportError(path, _(_NOT_READABLE)) from exc
