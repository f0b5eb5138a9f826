"""The one text sink of the dossier: every string written to the document passes `text()`.

In a redacted edition `text()` replaces protected names with pseudonyms, so no paragraph, cell,
header or footer can bypass the redactor. A verbatim quote is first passed through `marked()`,
which writes each substitution in brackets ("[W-001]") so that the reader sees where the quote
was altered.

Writing is append-only and never re-reads the document. It builds WordprocessingML with lxml
directly, because python-docx's conveniences cost more than the dossier's whole content:
- `Document.add_paragraph` searches the body for its section properties on every call (quadratic
  on a dossier of 50,000 paragraphs); here blocks are inserted before a kept reference to them.
- `Run.text` adds text one character at a time; here a run gets one `w:t` per line.
- `Table.add_row()` + `row.cells` cost 200 µs a row (measured: 3 s of a 500-incident dossier);
  here each table keeps a prototype row, styled once, and every row is a deep copy of it whose
  own cells are filled in order (7 µs a row). `Table.cell(r, c)` is never used.
Style names are resolved to their ids once, when the writer is made.

Each run is tagged with its language when its text is Cyrillic (uk-UA, or ru-RU when it has
letters only Russian uses; the document's default is en-GB), so that spell-checkers and screen
readers read it as what it is. Outside verbatim quotes, a hyphen inside a token with a digit
("2024-10-01", "E-001", "UA-POW-2024-017") is a non-breaking hyphen, and ")(" and a range's
dash are joined ("8(2)(b)(vi)", "characters 573–606"), so no line breaks inside a date, a code,
a reference or a range.
"""

from __future__ import annotations

import copy
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.table import CT_Tbl
from docx.shared import Emu
from lxml import etree

from desktop.services.export import styles
from desktop.services.words import _


class Redacts(Protocol):
    """What the writer needs of a redactor (`protection.Redactor`)."""

    def __call__(self, text: str) -> str: ...

    def find(self, text: str) -> list[tuple[int, int, str]]: ...


W_P, W_PPR, W_PSTYLE, W_VAL = qn("w:p"), qn("w:pPr"), qn("w:pStyle"), qn("w:val")
W_R, W_RPR, W_T, W_BR = qn("w:r"), qn("w:rPr"), qn("w:t"), qn("w:br")
W_B, W_I, W_STRIKE = qn("w:b"), qn("w:i"), qn("w:strike")
W_LANG, W_NO_BREAK_HYPHEN = qn("w:lang"), qn("w:noBreakHyphen")
W_BOOKMARK_START, W_BOOKMARK_END, W_ID, W_NAME = qn("w:bookmarkStart"), qn("w:bookmarkEnd"), \
    qn("w:id"), qn("w:name")
W_HYPERLINK, W_ANCHOR, W_HISTORY = qn("w:hyperlink"), qn("w:anchor"), qn("w:history")
W_TR, W_TRPR, W_TC, W_TCPR, W_TCW = qn("w:tr"), qn("w:trPr"), qn("w:tc"), qn("w:tcPr"), \
    qn("w:tcW")
W_SHD, W_FILL, W_COLOR, W_W, W_TYPE = qn("w:shd"), qn("w:fill"), qn("w:color"), qn("w:w"), \
    qn("w:type")
W_KEEP_NEXT = qn("w:keepNext")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
SubElement = etree.SubElement

# Characters XML 1.0 cannot hold (text extracted from PDFs has form feeds and the like).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

_CYRILLIC = re.compile("[\u0400-\u04ff]")
_UKRAINIAN_ONLY = re.compile("[іїєґІЇЄҐ]")
_RUSSIAN_ONLY = re.compile("[ыэёъЫЭЁЪ]")
# A word with a digit and a hyphen or ")(" in it: a date, a code, a reference, an article;
# not one with a slash (a URL or a path may break at its hyphens).
_UNBREAKABLE = re.compile(r"(?<!\S)(?=[^\s/]*\d)(?=[^\s/]*(?:-|\)\(|\d–\d))[^\s/]+(?!\S)")
WORD_JOINER = "\u2060"

#: Heading levels the table of contents lists by default (its field's \\o "1-2").
TOC_LEVELS = 2

#: Elements of settings.xml that must follow w:updateFields (the schema fixes their order).
_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
    "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType",
    "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
)


@dataclass(frozen=True)
class Run:
    """A piece of a paragraph with its own formatting (a Word run, `w:r`)."""

    text: str
    bold: bool = False
    italic: bool = False
    strike: bool = False
    verbatim: bool = False  # a quote: its hyphens are written as they are
    lang: str = ""  # a language tag (uk-UA) when known; else found from the text
    anchor: str = ""  # a bookmark this run links to (`anchor()`), when the dossier has it


def anchor(ref: str) -> str:
    """The bookmark a reference (E-012, S-004, INC-001) links to: E_012 (a bookmark's name
    holds letters, digits and underscores only)."""
    return ref.replace("-", "_")


def link(ref: str, *, bold: bool = False) -> Run:
    """A reference as a run linking to its bookmark (written plain where there is none)."""
    return Run(ref, bold=bold, anchor=anchor(ref))


_REFERENCE = re.compile(r"\b(?:E|S|INC)-\d{3,}\b")


def with_links(text: str, *, bold: bool = False) -> list[str | Run]:
    """Text with each E-, S- and INC- reference in it a link (`link`)."""
    parts: list[str | Run] = []
    at = 0
    for found in _REFERENCE.finditer(text):
        if found.start() > at:
            parts.append(Run(text[at:found.start()], bold=bold) if bold
                         else text[at:found.start()])
        parts.append(link(found.group(), bold=bold))
        at = found.end()
    if at < len(text):
        parts.append(Run(text[at:], bold=bold) if bold else text[at:])
    return parts


def links(refs: Sequence[str], brackets: bool = True) -> list[str | Run]:
    """References, each a link: “[E-012, E-031]” (without brackets when asked); [] for none."""
    if not refs:
        return []
    parts: list[str | Run] = ["["] if brackets else []
    for n, ref in enumerate(refs):
        if n:
            parts.append(", ")
        parts.append(link(ref))
    if brackets:
        parts.append("]")
    return parts


def language(text: str) -> str:
    """The language tag of a run's text: uk-UA or ru-RU for Cyrillic, "" for the document's
    own language (en-GB). Cyrillic without letters only Russian uses is taken as Ukrainian."""
    if not _CYRILLIC.search(text):
        return ""
    if _RUSSIAN_ONLY.search(text) and not _UKRAINIAN_ONLY.search(text):
        return "ru-RU"
    return "uk-UA"


Content = str | Run | Sequence[str | Run]


class DossierWriter:
    """Appends styled paragraphs and tables to a document; all text goes through `text()`."""

    def __init__(self, document: Document, redact: Redacts | None = None) -> None:
        self.document = document
        self._redact = redact
        self._body = document.element.body
        self._end = self._body.find(qn("w:sectPr"))  # everything is inserted before it
        self.ids = {name: self._style_id(name, WD_STYLE_TYPE.PARAGRAPH)
                    for name in styles.PARAGRAPH_STYLES}
        self._table_id = self._style_id(styles.TABLE, WD_STYLE_TYPE.TABLE)
        self._tables: dict[tuple, tuple] = {}  # empty tables by shape, copied for each table
        self._rows: dict[tuple, object] = {}  # prototype rows by shape and style
        self._bookmark_ids = itertools.count(1)
        self._toc = None  # the paragraph holding the TOC field's start, until it is filled
        self._toc_entries: list[tuple[int, str, object]] = []  # (level, bookmark, heading)
        # Bookmarks the dossier will hold (`anchor()` of every reference it prints a target
        # for): a run links only to one of these, so no link points nowhere.
        self.targets: set[str] = set()
        self._captions = itertools.count(1)
        self.kept_last = None  # the last row of a kept table, until a block follows it
        self.toc_levels = TOC_LEVELS  # the heading levels the contents list (`toc`)
        section = document.sections[0]
        self.width = section.page_width - section.left_margin - section.right_margin

    def _style_id(self, name: str, kind: WD_STYLE_TYPE) -> str:
        """Resolve a style name to its id, once."""
        return self.document.styles.get_style_id(self.document.styles[name], kind)

    @property
    def redacted(self) -> bool:
        """Whether this is a redacted edition (names go through a redactor)."""
        return self._redact is not None

    def text(self, value: object) -> str:
        """The only way text enters the document: as a string, redacted when asked."""
        value = "" if value is None else str(value)
        if not value:
            return value
        value = _NOT_XML.sub(" ", value)
        return self._redact(value) if self._redact else value

    def marked(self, value: str) -> tuple[str, int]:
        """A verbatim passage as a redacted edition prints it, with each protected name
        replaced by its pseudonym in brackets ("[W-001]"), and how many names were replaced.
        Unchanged in the full edition. The result still goes through `text()` when written."""
        if self._redact is None or not value:
            return value, 0
        value = _NOT_XML.sub(" ", value)
        found = self._redact.find(value)
        if not found:
            return value, 0
        pieces, at = [], 0
        for start, end, pseudonym in found:
            pieces += [value[at:start], f"[{pseudonym}]"]
            at = end
        pieces.append(value[at:])
        return "".join(pieces), len(found)

    # --- paragraphs ---------------------------------------------------------------------------

    def _append(self, element) -> None:
        """Insert a block before the section properties (constant time); the last row of a
        kept table before it is no longer kept with what follows (`table`)."""
        if self.kept_last is not None:
            for p in self.kept_last.iter(W_P):
                p[0].remove(p[0].find(W_KEEP_NEXT))
            self.kept_last = None
        if self._end is None:
            self._body.append(element)
        else:
            self._end.addprevious(element)

    def fill(self, p, content: Content) -> None:
        """Add runs for plain text or formatted runs (newlines become line breaks).

        Adjacent plain strings share one run: a dossier has a million of them.
        """
        if content.__class__ is str:
            if content:
                self._run(p, self.text(content), None)
            return
        if content.__class__ is Run:
            self._run(p, self.text(content.text), content)
            return
        plain = []
        for part in content:
            if part.__class__ is str:
                plain.append(part)
                continue
            if plain:
                self._run(p, self.text("".join(plain)), None)
                plain = []
            self._run(p, self.text(part.text), part)
        if plain:
            self._run(p, self.text("".join(plain)), None)

    def _run(self, p, value: str, run: Run | None) -> None:
        """One run: its formatting and language, then its text, a `w:br` between lines; inside
        a link (`w:hyperlink`) to its anchor when it has one the dossier holds."""
        if not value:
            return
        linked = run is not None and run.anchor and run.anchor in self.targets
        if linked:
            p = SubElement(p, W_HYPERLINK, {W_ANCHOR: run.anchor, W_HISTORY: "1"})
        r = SubElement(p, W_R)
        lang = (run.lang if run is not None else "") or language(value)
        if lang or (run is not None and (run.bold or run.italic or run.strike or linked)):
            rpr = SubElement(r, W_RPR)
            if run is not None:
                if run.bold:
                    SubElement(rpr, W_B)
                if run.italic:
                    SubElement(rpr, W_I)
                if run.strike:
                    SubElement(rpr, W_STRIKE)
                if linked:
                    SubElement(rpr, W_COLOR, {W_VAL: styles.LINK_INK})
            if lang:
                SubElement(rpr, W_LANG, {W_VAL: lang})
        keep = run is None or not run.verbatim
        for n, line in enumerate(value.split("\n")):
            if n:
                SubElement(r, W_BR)
            if not line:
                continue
            if keep and ("-" in line or ")(" in line):
                _unbreakable(r, line)
            else:
                _text(r, line)

    def bookmark(self, p, name: str) -> None:
        """Put a bookmark named `name` around the content of paragraph `p`."""
        at = str(next(self._bookmark_ids))
        start = p.makeelement(W_BOOKMARK_START, {W_ID: at, W_NAME: name})
        ppr = p.find(W_PPR)
        if ppr is None:
            p.insert(0, start)
        else:
            ppr.addnext(start)
        SubElement(p, W_BOOKMARK_END, {W_ID: at})

    def styled(self, style: str):
        """An empty paragraph in `style`, not yet in the document."""
        p = self._body.makeelement(W_P, {})
        if style != styles.NORMAL:
            SubElement(SubElement(p, W_PPR), W_PSTYLE).set(W_VAL, self.ids[style])
        return p

    def paragraph(self, content: Content = "", style: str = styles.NORMAL, *,
                  keep: bool = False):
        """Append a paragraph in `style`; `keep`: kept on the page of what follows it (a line
        that leads into a table or a list, which a page break must not leave behind)."""
        p = self.styled(style)
        if keep:
            ppr = p.find(W_PPR)
            if ppr is None:
                ppr = SubElement(p, W_PPR)
            SubElement(ppr, W_KEEP_NEXT)  # after its pStyle, as the schema orders them
        self.fill(p, content)
        self._append(p)
        return p

    def heading(self, content: Content, level: int):
        """Append a heading (1–3); one the table of contents lists gets a bookmark it links to
        (named _Toc… as Word names its own, so that Word's update of the field keeps them)."""
        p = self.paragraph(content, styles.HEADING[level - 1])
        if self._toc is not None and level <= self.toc_levels:
            name = f"_Toc{len(self._toc_entries) + 1:08d}"
            self.bookmark(p, name)
            self._toc_entries.append((level, name, p))
        return p

    def caption(self, content: Content) -> None:
        """A table's caption above it: “Table 3. ” (a SEQ field, its number already computed)
        and what the table shows, in the caption style, kept with the table."""
        p = self.styled(styles.CAPTION)
        self.fill(p, _("Table") + " ")
        self.field(p, "SEQ Table \\* ARABIC", str(next(self._captions)))
        self.fill(p, ". ")
        self.fill(p, content)
        self._append(p)

    def field(self, p, instruction: str, shown: str) -> None:
        """Append a simple field (PAGE, NUMPAGES) showing `shown` until it is computed."""
        fld = parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" {instruction} "/>')
        SubElement(SubElement(fld, W_R), W_T).text = shown
        p.append(fld)

    def furniture(self, header: Content, footer: tuple[str, str, str]) -> None:
        """Header text and a “Page X of Y” footer on every section, each its own (not linked)."""
        before, middle, after = footer
        for section in self.document.sections:
            section.different_first_page_header_footer = False
            for part, style in ((section.header, styles.HEADER),
                                (section.footer, styles.FOOTER)):
                part.is_linked_to_previous = False
                old = part.paragraphs[0]._p
                p = self.styled(style)
                old.addprevious(p)
                old.getparent().remove(old)
                if style == styles.HEADER:
                    self.fill(p, header)
                    continue
                self.fill(p, before)
                self.field(p, "PAGE", "1")
                self.fill(p, middle)
                self.field(p, "NUMPAGES", "1")
                self.fill(p, after)

    def toc(self, instruction: str, levels: int = TOC_LEVELS) -> None:
        """Start a TOC field here; the headings that follow, down to `levels` (as
        `instruction` says), are its entries (`fill_toc`)."""
        self.toc_levels = levels
        p = self.paragraph()
        w = nsdecls("w")
        for xml in (f'<w:r {w}><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>',
                    f'<w:r {w}><w:instrText xml:space="preserve"> {instruction} </w:instrText>'
                    '</w:r>',
                    f'<w:r {w}><w:fldChar w:fldCharType="separate"/></w:r>'):
            p.append(parse_xml(xml))
        self._toc = p
        self._update_fields_on_open()

    def fill_toc(self) -> None:
        """Give the TOC field its result, once every heading is written: one paragraph per
        heading, in the TOC styles, a link to the heading's bookmark, so a reader that never
        updates fields still shows every entry, and each entry works. Page numbers only a
        renderer knows: an export with a PDF adds them (`contents_pages`); Word and LibreOffice
        add them when they update the field."""
        first = self._toc
        if first is None:
            return
        last = first
        for n, (level, name, heading) in enumerate(self._toc_entries):
            style = styles.TOC_LEVEL[level - 1]
            if n == 0:  # the field's first paragraph is the first entry's
                p = first
                p.insert(0, self.styled(style)[0])  # its pPr, which comes first
            else:
                p = self.styled(style)
                last.addnext(p)
            link = SubElement(p, W_HYPERLINK, {W_ANCHOR: name, W_HISTORY: "1"})
            link.extend(copy.deepcopy(r) for r in heading.iterchildren(W_R))
            last = p
        last.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'))
        self._toc = None

    def _update_fields_on_open(self) -> None:
        """Ask Word and LibreOffice to compute fields (the TOC) when the file is opened."""
        settings = self.document.settings.element
        if settings.find(qn("w:updateFields")) is not None:
            return
        flag = parse_xml(f'<w:updateFields {nsdecls("w")} w:val="true"/>')
        later = {qn(f"w:{name}") for name in _AFTER_UPDATE_FIELDS}
        anchor = next((child for child in settings if child.tag in later), None)
        if anchor is None:
            settings.append(flag)
        else:
            anchor.addprevious(flag)

    # --- tables -------------------------------------------------------------------------------

    def table(self, headers: Sequence[str] | None, widths: Sequence[float],
              caption: Content = "", *, keep: bool = False) -> TableWriter:
        """Append a table with columns `widths` (relative), when given a header row, and when
        given a caption above it (`caption`); `keep`: a short table kept on one page (each row
        kept with the next, but the last: a run of kept tables, each kept with the heading of
        the next, would be one block longer than a page, which a renderer then breaks before
        every table), so that none continues on a page without its heading."""
        if caption:
            self.caption(caption)
        key = (tuple(widths), bool(headers))
        if key not in self._tables:
            self._tables[key] = self._empty_table(widths, bool(headers))
        tbl, twips = self._tables[key]
        tbl = copy.deepcopy(tbl)
        self._append(tbl)
        writer = TableWriter(self, tbl, twips, keep)
        if headers:
            writer.header(headers)
        return writer

    def _empty_table(self, widths: Sequence[float], header: bool) -> tuple[object, tuple]:
        """A table of no rows in the dossier's table style, its columns `widths` (relative)."""
        total = sum(widths)
        emus = [Emu(int(self.width * w / total)) for w in widths]
        tbl = CT_Tbl.new_tbl(0, len(widths), self.width)
        tbl.tblPr.style = self._table_id
        width = tbl.tblPr.find(qn("w:tblW"))
        width.set(W_TYPE, "dxa")
        width.set(W_W, str(sum(emus) // 635))
        look = tbl.tblPr.find(qn("w:tblLook"))
        # Fixed layout: Word and LibreOffice keep the widths instead of measuring every cell.
        look.addprevious(parse_xml(f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>'))
        look.set(qn("w:firstColumn"), "0")
        look.set(qn("w:firstRow"), "1" if header else "0")
        look.set(qn("w:val"), "0420" if header else "0400")
        for col, w in zip(tbl.tblGrid.gridCol_lst, emus, strict=True):
            col.w = w
        return tbl, tuple(w // 635 for w in emus)

    def row_prototype(self, twips: tuple[int, ...], style: str, flag: str, fill: str = "",
                      keep: bool = False):
        """A row of empty cells, each of its column's width with one styled paragraph (kept
        with the next when `keep`); cached."""
        key = (twips, style, flag, fill, keep)
        if key not in self._rows:
            tr = self._body.makeelement(W_TR, {})
            SubElement(SubElement(tr, W_TRPR), qn(f"w:{flag}"))
            for width in twips:
                tc = SubElement(tr, W_TC)
                tcpr = SubElement(tc, W_TCPR)
                SubElement(tcpr, W_TCW, {W_W: str(width), W_TYPE: "dxa"})
                if fill:
                    SubElement(tcpr, W_SHD, {W_VAL: "clear", W_COLOR: "auto", W_FILL: fill})
                p = self.styled(style)
                if keep:
                    p[0].append(p.makeelement(W_KEEP_NEXT, {}))  # after its pStyle
                tc.append(p)
            self._rows[key] = tr
        return self._rows[key]


def _text(r, line: str) -> None:
    t = SubElement(r, W_T)
    t.text = line
    if line[0] == " " or line[-1] == " ":
        t.set(XML_SPACE, "preserve")


def _joined(token: re.Match) -> str:
    """A date, code or reference with its hyphens marked (NUL, which text never holds: see
    `_NOT_XML`), and ")(" and a range's dash joined."""
    return token.group().replace("-", "\x00").replace(")(", ")" + WORD_JOINER + "(") \
        .replace("–", "–" + WORD_JOINER)


def _unbreakable(r, line: str) -> None:
    """A line's text, with the hyphens of its dates, codes and references non-breaking
    (`w:noBreakHyphen`) and ")(" joined, so that no line breaks inside one."""
    first, *rest = _UNBREAKABLE.sub(_joined, line).split("\x00")
    if first:
        _text(r, first)
    for part in rest:
        SubElement(r, W_NO_BREAK_HYPHEN)
        if part:
            _text(r, part)


class TableWriter:
    """Adds rows to one table: copies of a prototype row whose own cells are filled in order."""

    def __init__(self, writer: DossierWriter, tbl, twips: tuple[int, ...],
                 keep: bool = False) -> None:
        self._writer = writer
        self._tbl = tbl
        self._twips = twips
        self._keep = keep
        self._body = writer.row_prototype(twips, styles.TABLE_TEXT, "cantSplit", keep=keep)

    def header(self, headers: Sequence[str]) -> None:
        """The header row: shaded, bold, repeated at the top of every page the table spans."""
        self._add(self._writer.row_prototype(self._twips, styles.TABLE_HEADING, "tblHeader",
                                             styles.HEADER_FILL, self._keep), headers)

    def row(self, values: Sequence[Content], shade: dict[int, str] | None = None) -> None:
        """One body row; `shade` maps a column to a fill colour (rrggbb)."""
        self._add(self._body, values, shade)

    def _add(self, prototype, values: Sequence[Content],
             shade: dict[int, str] | None = None) -> None:
        tr = copy.deepcopy(prototype)
        self._tbl.append(tr)
        if self._keep:  # the last row so far: let go of what follows once something does
            self._writer.kept_last = tr
        cells = tr.findall(W_TC)  # the row's own cells, in order
        if len(cells) != len(values):
            raise ValueError(f"a row of {len(cells)} cells was given {len(values)} values")
        fill = self._writer.fill
        for tc, value in zip(cells, values, strict=True):
            fill(tc[1], value)  # tc[0] is the cell's tcPr, tc[1] its one paragraph
        for col, colour in (shade or {}).items():
            SubElement(cells[col][0], W_SHD, {W_VAL: "clear", W_COLOR: "auto", W_FILL: colour})
