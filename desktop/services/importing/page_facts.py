"""What a news page says of itself, read where publishers put it, and the furniture around its
article left out.

- The page's address: its canonical link, else og:url, else a language alternate; never the
  `<base href>` (where the page's images live, often a CDN).
- The publication date: article:published_time, JSON-LD datePublished, itemprop or `<time>`
  markup, then a date line in the visible text ("23 січня 2025, 14:20"); a modified date is
  never taken for it.
- Furniture: blocks headed "До теми", "Новини партнерів", "Читайте також" and their like, made of
  links, and "Загрузка…" placeholders, are dropped before the article is looked for: on
  Ukrainian news sites they sit inside the article's own container, where a main-text
  extractor keeps them.
"""

from __future__ import annotations

import json
import re

import lxml.html

# Headings of related-links, partner and popular blocks (Ukrainian, Russian, English).
_LABELS = (
    r"до теми|по темі|на тему|за темою|читайте також|читайте ще|читати також|дивіться також|"
    r"новини партнерів|новини по темі|схожі новини|інші новини|популярне|найпопулярніше|"
    r"головне за день|останні новини|рекомендуємо|"
    r"по теме|на тему|читайте также|смотрите также|новости партнеров|похожие новости|"
    r"популярное|главное за день|последние новости|рекомендуем|"
    r"related(?: articles| news| stories)?|read (?:also|more)|see also|more on this|"
    r"more stories|popular|most read|partner news|recommended"
)
_HEADING = re.compile(rf"^(?:{_LABELS})\W*$", re.IGNORECASE)
_LEADING_LABEL = re.compile(rf"^(?:{_LABELS})\s*[:—–-]\s*", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"^(?:загрузка|завантаження|підвантаження|loading)\s*(?:\.{3}|…)?$",
                          re.IGNORECASE)
#: Share of a block's letters that are link text, at or over which a block is a list of links.
_LINKS_ONLY = 0.8
_KEEP = ("html", "body", "head")

_MONTHS = {
    **dict.fromkeys(("січня", "січень", "января", "январь", "january", "jan"), 1),
    **dict.fromkeys(("лютого", "лютий", "февраля", "февраль", "february", "feb"), 2),
    **dict.fromkeys(("березня", "березень", "марта", "март", "march", "mar"), 3),
    **dict.fromkeys(("квітня", "квітень", "апреля", "апрель", "april", "apr"), 4),
    **dict.fromkeys(("травня", "травень", "мая", "май", "may"), 5),
    **dict.fromkeys(("червня", "червень", "июня", "июнь", "june", "jun"), 6),
    **dict.fromkeys(("липня", "липень", "июля", "июль", "july", "jul"), 7),
    **dict.fromkeys(("серпня", "серпень", "августа", "август", "august", "aug"), 8),
    **dict.fromkeys(("вересня", "вересень", "сентября", "сентябрь", "september", "sep"), 9),
    **dict.fromkeys(("жовтня", "жовтень", "октября", "октябрь", "october", "oct"), 10),
    **dict.fromkeys(("листопада", "листопад", "ноября", "ноябрь", "november", "nov"), 11),
    **dict.fromkeys(("грудня", "грудень", "декабря", "декабрь", "december", "dec"), 12),
}
_PREFIX = r"^\W*(?:(?:опубліковано|оновлено|дата|опубликовано|published|posted|date)\W*)?"
_TIME = r"(?:\s*(?:р\.|року|г\.|года)?[,\s|–—-]*(?:о\s|в\s|at\s)?\d{1,2}:\d{2})?\W*$"
_WORD_DATE = re.compile(_PREFIX + r"(\d{1,2})\s+([^\W\d]+)\.?,?\s+(\d{4})" + _TIME,
                        re.IGNORECASE)
_ENGLISH_DATE = re.compile(_PREFIX + r"([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})" + _TIME,
                           re.IGNORECASE)
_DOTTED_DATE = re.compile(_PREFIX + r"(\d{1,2})[./](\d{1,2})[./](\d{4})" + _TIME)
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
#: Longest element read as a date line, in characters.
_DATE_LINE = 60


def drop_furniture(tree: lxml.html.HtmlElement) -> int:
    """Remove related-links and partner blocks and loading placeholders; how many were.

    Only elements whose own text starts with such a label are looked at (a few per page), so
    the cost is one pass over the page and a few blocks' text.
    """
    candidates = [element for element in tree.iter() if isinstance(element.tag, str)
                  and element.text and _STARTS.match(element.text)][:_MOST_BLOCKS]
    dropped = 0
    for element in candidates:
        if _attached(element, tree):
            dropped += _drop_labelled(_starting_with(element))
    return dropped


def _drop_labelled(chain: list[lxml.html.HtmlElement]) -> int:
    """Drop the outermost of the elements starting with a label that is furniture: a loading
    placeholder, a block's heading (with its block), or a line of links led by a label."""
    for element in reversed(chain):
        text = _text(element)
        if _PLACEHOLDER.match(text):
            element.drop_tree()
            return 1
        if _HEADING.match(text):
            return _drop_block(element)
        if (label := _LEADING_LABEL.match(text)) and _links_only(element, len(label.group())):
            element.drop_tree()
            return 1
    return 0


_STARTS = re.compile(rf"^\s*(?:{_LABELS}|загрузка|завантаження|підвантаження|loading)\b",
                     re.IGNORECASE)
#: Most labelled blocks looked at on one page (a page is not made of furniture).
_MOST_BLOCKS = 200


def _starting_with(element: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """The element and each ancestor it starts (<p><b>До теми</b></p>: the b, then the p)."""
    chain = [element]
    while (parent := element.getparent()) is not None and parent.tag not in _KEEP:
        if (parent.text or "").strip() or next(
                (child for child in parent if isinstance(child.tag, str)), None) is not element:
            break
        chain.append(element := parent)
    return chain


def _attached(element: lxml.html.HtmlElement, tree: lxml.html.HtmlElement) -> bool:
    """Whether an element is still in the page (not dropped with a block around it)."""
    top = element
    for top in element.iterancestors():  # noqa: B007 - the last ancestor is the one wanted
        pass
    return top is tree or element is tree


def _drop_block(heading: lxml.html.HtmlElement) -> int:
    """Drop a block's heading and its links: the container it heads when nothing else is in
    it, else the heading and the run of link paragraphs that follows it."""
    parent = heading.getparent()
    rest = [child for child in parent if child is not heading and isinstance(child.tag, str)]
    first = next((child for child in parent if isinstance(child.tag, str) and _text(child)),
                 None)
    if (parent.tag not in _KEEP and parent.tag not in ("article", "main") and first is heading
            and all(_links_only(child) or _PLACEHOLDER.match(_text(child)) for child in rest)):
        parent.drop_tree()
        return 1
    following = []
    for sibling in heading.itersiblings():
        if not isinstance(sibling.tag, str):
            continue
        text = _text(sibling)
        if text and not _PLACEHOLDER.match(text) and not _links_only(sibling):
            break
        following.append(sibling)
    for element in (heading, *following):
        element.drop_tree()
    return 1


def _text(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _links_only(element: lxml.html.HtmlElement, skip: int = 0) -> bool:
    """Whether a block's letters (past its first `skip` characters) are mostly link text."""
    letters = sum(ch.isalnum() for ch in _text(element)[skip:])
    if not letters:
        return False
    linked = sum(ch.isalnum() for link in element.iter("a") for ch in link.text_content())
    return linked >= _LINKS_ONLY * letters


def page_url(tree: lxml.html.HtmlElement) -> str:
    """The page's own address as it states it (canonical, og:url, an alternate), or ""."""
    head = tree.find("head")
    if head is None:
        return ""
    for element in head.iter("link", "meta"):
        rel = (element.get("rel") or "").lower().split()
        if element.tag == "link" and "canonical" in rel:
            return _absolute(element.get("href"))
    for element in head.iter("meta"):
        name = (element.get("property") or element.get("name") or "").lower()
        if name in ("og:url", "twitter:url") and (url := _absolute(element.get("content"))):
            return url
    for element in head.iter("link"):
        rel = (element.get("rel") or "").lower().split()
        if "alternate" in rel and element.get("hreflang") and (
                url := _absolute(element.get("href"))):
            return url
    return ""


def _absolute(url: str | None) -> str:
    url = (url or "").strip()
    return url if re.match(r"^https?://[^\s/]+", url, re.IGNORECASE) else ""


_PUBLISHED_META = ("article:published_time", "og:published_time", "datepublished",
                   "publishdate", "pubdate", "dc.date.issued", "dcterms.created",
                   "sailthru.date", "date")


def published_date(tree: lxml.html.HtmlElement, guess: str = "") -> str:
    """The publication date (YYYY-MM-DD) as the page's markup or visible text states it,
    else `guess` (a date another reader found) unless it is the page's modified date."""
    for found in (_meta_date(tree, _PUBLISHED_META), _json_ld_date(tree, "datePublished"),
                  _markup_date(tree), visible_date(tree)):
        if found:
            return found
    modified = {_meta_date(tree, _MODIFIED_META), _json_ld_date(tree, "dateModified")}
    return "" if guess in modified else guess


_MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified",
                  "last-modified", "dcterms.modified")


def _meta_date(tree: lxml.html.HtmlElement, keys: tuple[str, ...]) -> str:
    metas = {}
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop")
               or "").lower()
        metas.setdefault(key, element.get("content") or "")
    for key in keys:
        if found := _iso_date(metas.get(key, "")):
            return found
    return ""


def _json_ld_date(tree: lxml.html.HtmlElement, key: str) -> str:
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        stack = [data]
        while stack:  # the date may sit in an @graph or a list, at any depth
            item = stack.pop()
            if isinstance(item, dict):
                if found := _iso_date(str(item.get(key, ""))):
                    return found
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)
    return ""


def _markup_date(tree: lxml.html.HtmlElement) -> str:
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        published = element.get("itemprop") == "datePublished" or (
            element.tag == "time" and element.get("pubdate") is not None)
        if published and (found := _iso_date(element.get("datetime") or element.get("content")
                                             or "")):
            return found
    return ""


_NOT_DATE_LINES = ("script", "style", "a", "footer", "nav", "table", "ul", "ol", "dl", "aside")


def visible_date(tree: lxml.html.HtmlElement) -> str:
    """The first line of the body that is only a date (and a time): a page's date line. Not
    one in a table, a list, a link or the footer: there a date is an event's or another
    article's."""
    body = tree.find("body")
    for element in (body if body is not None else tree).iter():
        if not isinstance(element.tag, str) or element.tag in _NOT_DATE_LINES:
            continue
        if next(element.iterancestors(*_NOT_DATE_LINES), None) is not None:
            continue
        text = _text(element)
        if not text or len(text) > _DATE_LINE or not any(ch.isdigit() for ch in text):
            continue
        if found := _line_date(text):
            return found
    return ""


def _line_date(text: str) -> str:
    if match := _WORD_DATE.match(text):
        day, month, year = match.group(1), _MONTHS.get(match.group(2).lower()), match.group(3)
    elif match := _ENGLISH_DATE.match(text):
        month, day, year = _MONTHS.get(match.group(1).lower()), match.group(2), match.group(3)
    elif match := _DOTTED_DATE.match(text):
        day, month, year = match.group(1), int(match.group(2)), match.group(3)
    elif match := _ISO.fullmatch(text.strip()):
        year, month, day = match.group(1), int(match.group(2)), match.group(3)
    else:
        return ""
    return _valid(int(year), month, int(day))


def _iso_date(value: str) -> str:
    match = _ISO.match(value.strip())
    return _valid(int(match.group(1)), int(match.group(2)), int(match.group(3))) if match else ""


def _valid(year: int, month: int | None, day: int) -> str:
    import datetime

    try:
        return datetime.date(year, month or 0, day).isoformat()
    except ValueError:
        return ""
