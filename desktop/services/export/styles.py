"""The dossier's look, as Word styles: one definition for the template and for the fallback.

`resources/make_reference.py` calls `build_reference()` to write `resources/reference.docx`, the
template a receiving office can restyle; the export opens that template, or, when Casefile runs
as an installed package without it, builds the same styles in code with the same function.
Fonts are the ones every receiving office's Word has (Times New Roman, Arial, Courier New),
named in the styles and in the theme; LibreOffice draws them with the metric-compatible
Liberation fonts (same widths, so the same line and page breaks), and both cover Cyrillic.
The template carries no thumbnail, customXml or stylesWithEffects part and names Casefile as
its application (`_clean_package`).
"""

from __future__ import annotations

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import BaseStyle

from desktop import __version__
from desktop.resources import resource_path

TEMPLATE = resource_path("reference.docx")

SERIF = "Times New Roman"  # LibreOffice: Liberation Serif, metric-compatible
SANS = "Arial"  # LibreOffice: Liberation Sans
MONO = "Courier New"  # LibreOffice: Liberation Mono
APPLICATION = f"Casefile {__version__}"

# Colours: a sober ink for headings, grey rules, and two fills that carry meaning.
INK = "1F2A44"
RULE = "A6A6A6"
HEADER_FILL = "E4E7ED"
OPEN_FILL = "FCE4B6"  # light amber: an open element, a finding on one line of evidence only
CONFLICT_FILL = "F6D2CC"  # light red: a contested element
LINKED_FILL = "FBF1D6"  # pale amber: evidence linked, not yet approved and verified
DRAFT_FILL = "FDE9A9"
NOTICE_FILL = "E8EEF4"
MARKING_INK = "8B1A1A"
LINK_INK = "1F4E79"  # a reference that links to what it names (E-012 to its quote)

# Style names: the export uses these and nothing else.
NORMAL = "Normal"
TITLE = "Title"
SUBTITLE = "Subtitle"
HEADING = ("Heading 1", "Heading 2", "Heading 3")
TOC_HEADING = "TOC Heading"
TOC_LEVEL = ("TOC 1", "TOC 2")
MARKING = "Classification Marking"
COVER_DETAIL = "Cover Detail"
BANNER = "Banner"
NOTICE = "Notice"
QUOTE = "Evidence Quote"
META = "Meta"
TABLE_TEXT = "Table Text"
TABLE_HEADING = "Table Heading"
CODE = "Check Command"
HEADER = "Header"
FOOTER = "Footer"
TABLE = "Dossier Table"
#: A4's side margins, and the width of text between them.
MARGIN = Mm(25)
TEXT_WIDTH = Mm(210 - 2 * 25)
CAPTION = "Caption"  # Word's own name: its list of tables (TOC \c "Table") collects them

PARAGRAPH_STYLES = (NORMAL, TITLE, SUBTITLE, *HEADING, TOC_HEADING, *TOC_LEVEL, MARKING,
                    COVER_DETAIL, BANNER, NOTICE, QUOTE, META, TABLE_TEXT, TABLE_HEADING, CODE,
                    HEADER, FOOTER, CAPTION)


def open_template() -> Document:
    """A new document with the dossier styles: from the template, or built when it is missing."""
    if TEMPLATE.is_file():
        return docx.Document(str(TEMPLATE))
    document = docx.Document()
    build_reference(document)
    return document


# Parts python-docx's default document carries that a dossier must not: a blank thumbnail, a
# leftover customXml item, and a stylesWithEffects part that no longer matches the styles.
_LEFTOVERS = ("/metadata/thumbnail", "/relationships/customXml", "/stylesWithEffects")
_APP_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
            'extended-properties"><Application>{application}</Application>'
            '<DocSecurity>0</DocSecurity></Properties>')


def set_application(document: Document, application: str = APPLICATION) -> None:
    """Name Casefile, not the template's word processor, as the application in docProps/app.xml."""
    for part in document.part.package.iter_parts():
        if part.partname == "/docProps/app.xml":
            part._blob = _APP_XML.format(application=application).encode("utf-8")


def _clean_package(document: Document) -> None:
    """Drop the leftover parts (by their relationships) and name Casefile as the application."""
    for owner in (document.part.package, document.part):
        for rid, rel in list(owner.rels.items()):
            if rel.reltype.endswith(_LEFTOVERS):
                del owner.rels[rid]
    set_application(document)


def _theme_fonts(document: Document) -> None:
    """The theme's heading and body fonts: the dossier's serif, for a restyle in Word."""
    theme = document.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme")
    xml = theme.blob.decode("utf-8")
    for old in ("Calibri Light", "Calibri", "Cambria"):
        xml = xml.replace(f'<a:latin typeface="{old}"', f'<a:latin typeface="{SERIF}"')
    theme._blob = xml.encode("utf-8")


def build_reference(document: Document) -> None:
    """Define every style of the dossier and its page setup in `document` (empty or not)."""
    _clean_package(document)
    _theme_fonts(document)
    _defaults(document)
    _page(document)
    _text_styles(document)
    _heading_styles(document)
    _cover_styles(document)
    _evidence_styles(document)
    _table_styles(document)


def _fonts(rpr, family: str) -> None:
    """Name one font for every script, dropping theme fonts (which Word prefers over names)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for key in list(fonts.attrib):
        del fonts.attrib[key]
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), family)


def _defaults(document: Document) -> None:
    """Document defaults: serif 10 pt, compact spacing, British English."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts(rpr, SERIF)
    for tag, value in (("w:sz", "20"), ("w:szCs", "20")):
        rpr.find(qn(tag)).set(qn("w:val"), value)
    rpr.find(qn("w:lang")).set(qn("w:val"), "en-GB")
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "120")
    spacing.set(qn("w:line"), "264")


def _page(document: Document) -> None:
    """A4 portrait with margins suited to binding and annotation."""
    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = MARGIN
        section.top_margin, section.bottom_margin = Mm(25), Mm(22)
        section.header_distance, section.footer_distance = Mm(11), Mm(10)


def _style(document: Document, name: str, kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH,
           base: str | None = NORMAL) -> BaseStyle:
    """The named style, created when missing, with its own formatting cleared."""
    try:
        style = document.styles[name]
    except KeyError:
        style = document.styles.add_style(name, kind)
    element = style.element
    for tag in ("w:pPr", "w:rPr", "w:tblPr", "w:tcPr", "w:trPr"):
        for child in element.findall(qn(tag)):
            element.remove(child)
    for child in element.findall(qn("w:tblStylePr")):
        element.remove(child)
    for child in element.findall(qn("w:link")):
        element.remove(child)  # the linked "… Char" styles keep theme fonts: unlink them
    if base and name != base:
        style.base_style = document.styles[base]
    style.quick_style = True
    return style


def _paragraph(document: Document, name: str, *, font: str = SERIF, size: float = 10,
               bold: bool = False, italic: bool = False, colour: str | None = None,
               before: float = 0, after: float = 6, keep_next: bool = False,
               base: str | None = NORMAL):
    """A paragraph style with the usual knobs set; returns it for further XML."""
    style = _style(document, name, base=base)
    style.font.bold, style.font.italic = bold, italic
    style.font.size = Pt(size)
    style.font.color.rgb = RGBColor.from_string(colour) if colour else None
    _fonts(style.element.get_or_add_rPr(), font)
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.keep_with_next = keep_next or None
    return style


def _border(style, side: str, size: int, colour: str, space: int) -> None:
    """A paragraph border on one side (Word draws it per paragraph, so per style here)."""
    ppr = style.element.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        # pBdr sits after keepNext/keepLines/pageBreakBefore… and before shd/spacing/ind.
        anchor = next((c for c in ppr if c.tag in {qn("w:shd"), qn("w:tabs"), qn("w:spacing"),
                                                  qn("w:ind"), qn("w:jc"),
                                                  qn("w:outlineLvl")}), None)
        if anchor is None:
            ppr.append(borders)
        else:
            anchor.addprevious(borders)
    borders.append(parse_xml(f'<w:{side} {nsdecls("w")} w:val="single" w:sz="{size}" '
                             f'w:space="{space}" w:color="{colour}"/>'))


def _shade(style, fill: str) -> None:
    """A paragraph background, in the order the schema wants (after pBdr, before spacing)."""
    ppr = style.element.get_or_add_pPr()
    shd = parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>')
    anchor = next((c for c in ppr if c.tag in {qn("w:tabs"), qn("w:spacing"), qn("w:ind"),
                                              qn("w:jc"), qn("w:outlineLvl")}), None)
    if anchor is None:
        ppr.append(shd)
    else:
        anchor.addprevious(shd)


def _text_styles(document: Document) -> None:
    """Body text, header, footer and the small styles used inside tables."""
    normal = _paragraph(document, NORMAL, base=None)
    normal.paragraph_format.widow_control = True
    _paragraph(document, HEADER, font=SANS, size=8, colour="595959", after=0)
    _paragraph(document, FOOTER, font=SANS, size=8, colour="595959", after=0)
    for name in (HEADER, FOOTER):
        document.styles[name].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _border(document.styles[HEADER], "bottom", 4, RULE, 4)
    _paragraph(document, TABLE_TEXT, font=SANS, size=8.5, after=0)
    _paragraph(document, TABLE_HEADING, font=SANS, size=8.5, bold=True, after=0,
               colour=INK, base=TABLE_TEXT)
    code = _paragraph(document, CODE, font=MONO, size=8.5, before=2, after=8)
    code.paragraph_format.left_indent = Mm(8)
    caption = _paragraph(document, CAPTION, font=SANS, size=8.5, bold=True, colour=INK,
                         before=8, after=3, keep_next=True)
    caption.paragraph_format.keep_together = True


def _heading_styles(document: Document) -> None:
    """Headings: each incident and annex (Heading 1) starts a page, under a rule."""
    sizes = ((16, 0, 14), (12.5, 14, 6), (10.5, 10, 4))
    for level, (name, (size, before, after)) in enumerate(zip(HEADING, sizes, strict=True)):
        style = _paragraph(document, name, size=size, bold=True, colour=INK, before=before,
                           after=after, keep_next=True)
        style.paragraph_format.keep_together = True
        style.next_paragraph_style = document.styles[NORMAL]
        if level == 0:
            style.paragraph_format.page_break_before = True
            _border(style, "bottom", 8, INK, 4)
        _outline(style, level)
    toc = _paragraph(document, TOC_HEADING, size=16, bold=True, colour=INK, after=14,
                     keep_next=True)
    toc.paragraph_format.page_break_before = True
    for level, name in enumerate(TOC_LEVEL):
        style = _paragraph(document, name, size=10, bold=level == 0, before=4 if level == 0
                           else 0, after=2)
        style.paragraph_format.left_indent = Mm(6 * level)
        # The page number an entry gets when a renderer is at hand (export.contents_pages),
        # at the text's right edge after a dotted leader, as Word's own contents set it.
        style.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT,
                                                      WD_TAB_LEADER.DOTS)


def _outline(style, level: int) -> None:
    """The outline level the TOC field (\\o) collects headings by."""
    ppr = style.element.get_or_add_pPr()
    for old in ppr.findall(qn("w:outlineLvl")):
        ppr.remove(old)
    ppr.append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="{level}"/>'))


def _cover_styles(document: Document) -> None:
    """The cover: marking, title, subtitle, details, and the draft and redaction notices."""
    marking = _paragraph(document, MARKING, font=SANS, size=20, bold=True, colour=MARKING_INK,
                         after=48)
    marking.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title = _paragraph(document, TITLE, size=26, bold=True, colour=INK, before=36, after=10)
    _border(title, "bottom", 12, INK, 8)
    subtitle = _paragraph(document, SUBTITLE, size=15, colour="404040", after=30)
    subtitle.font.small_caps = True
    _paragraph(document, COVER_DETAIL, size=10.5, after=4)
    banner = _paragraph(document, BANNER, font=SANS, size=11, bold=True, colour="5C3D00",
                        before=12, after=12)
    banner.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for side in ("top", "bottom"):
        _border(banner, side, 8, "B7860B", 6)
    _shade(banner, DRAFT_FILL)
    notice = _paragraph(document, NOTICE, font=SANS, size=9.5, colour=INK, before=6, after=6)
    _border(notice, "left", 18, "5B7796", 8)
    _shade(notice, NOTICE_FILL)


def _evidence_styles(document: Document) -> None:
    """Quotes: indented serif with a rule on the left; the meta lines under them small sans."""
    quote = _paragraph(document, QUOTE, size=10, before=8, after=2, keep_next=True)
    quote.paragraph_format.left_indent = Mm(8)
    quote.paragraph_format.right_indent = Mm(6)
    quote.paragraph_format.keep_together = True
    _border(quote, "left", 18, "7F8A9E", 10)
    meta = _paragraph(document, META, font=SANS, size=8, colour="4D4D4D", after=6)
    meta.paragraph_format.left_indent = Mm(8)
    meta.paragraph_format.keep_together = True


def _table_styles(document: Document) -> None:
    """A clean grid: thin grey rules, compact cells, bold shaded header row."""
    style = _style(document, TABLE, WD_STYLE_TYPE.TABLE, base=None)
    style.element.append(parse_xml(
        f'<w:pPr {nsdecls("w")}><w:spacing w:before="0" w:after="0" w:line="240" '
        'w:lineRule="auto"/></w:pPr>'))
    borders = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{RULE}"/>'
                      for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    margins = ('<w:tblCellMar><w:top w:w="45" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
               '<w:bottom w:w="45" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>'
               '</w:tblCellMar>')
    style.element.append(parse_xml(
        f'<w:tblPr {nsdecls("w")}><w:tblBorders>{borders}</w:tblBorders>{margins}</w:tblPr>'))
    style.element.append(parse_xml(
        f'<w:tblStylePr {nsdecls("w")} w:type="firstRow"><w:rPr><w:b/></w:rPr>'
        f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/></w:tcPr>'
        '</w:tblStylePr>'))
