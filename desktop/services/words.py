"""Fixed wording outside the window, in the reader's language: the dossier, the services'
messages, audit summaries and undo labels.

Qt-free: the window's own words come from Qt's catalogue (`desktop/gui/i18n.py`); these come
from a gettext catalogue, so the CLI and the exports speak the same language without Qt.
Write every fixed English phrase as `_("…")` (or `N_("…")` where it is only marked, to be
translated when shown); plurals with `ngettext(singular, plural, n)`.

The catalogue's source is `resources/translations/casefile-core_<lang>.po` (committed;
`resources/translations/update_core.py` refreshes it from the code); `make translations`
compiles it to the `.mo` read here with the standard library's gettext, loaded on the first
word asked for in that language (English needs none). In a checkout whose .mo is missing or
older than its .po, the .po itself is read (through Babel, the build's tool).

The language is a process-wide choice (`set_language("uk")`); `in_language(code)` switches it
for one piece of work (an export in another language than the interface's). The window takes
it from the interface language; the command line from `--language` where its output is a
document, and from the environment (`environment_language`) for its messages.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

LANGUAGES = ("en", "uk")
SOURCE_LANGUAGE = "en"
DOMAIN = "casefile-core"
_current = SOURCE_LANGUAGE
_catalogues: dict[str, object] = {}  # language → gettext.NullTranslations, once loaded


def set_language(code: str) -> None:
    """Speak `code` from now on ("en" or "uk"; anything else falls back to English)."""
    global _current
    _current = code if code in LANGUAGES else SOURCE_LANGUAGE


def language() -> str:
    return _current


@contextmanager
def in_language(code: str) -> Iterator[None]:
    before = language()
    set_language(code)
    try:
        yield
    finally:
        set_language(before)


def environment_language(environ: Mapping[str, str] | None = None) -> str:
    """The language the environment asks for, as gettext reads it (LANGUAGE, a list, then
    LC_ALL, LC_MESSAGES, LANG): "uk" for uk_UA.UTF-8, else English."""
    env = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if not value:
            continue
        for wanted in value.split(":"):
            code = wanted.split("_")[0].split(".")[0].split("@")[0].lower()
            if code in LANGUAGES:
                return code
            if code in ("c", "posix"):
                break
        return SOURCE_LANGUAGE
    return SOURCE_LANGUAGE


def _(text: str) -> str:
    """`text` in the current language (as written when there is no translation)."""
    if _current == SOURCE_LANGUAGE or not text:
        return text
    return _catalogue(_current).gettext(text)


def N_(text: str) -> str:  # noqa: N802 - the gettext convention, recognised by extractors
    """Mark `text` for translation without translating it now (constants, tables)."""
    return text


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of `singular`/`plural` for `n` by the current language's plural rule (three
    forms in Ukrainian: 1 джерело, 2 джерела, 5 джерел)."""
    if _current == SOURCE_LANGUAGE:
        return singular if n == 1 else plural
    return _catalogue(_current).ngettext(singular, plural, n)


def catalogue_paths(code: str) -> tuple:
    """(the compiled .mo, its .po source) of `code`'s catalogue."""
    from desktop.resources import resource_path

    folder = resource_path("translations")
    return folder / f"{DOMAIN}_{code}.mo", folder / f"{DOMAIN}_{code}.po"


def _catalogue(code: str):
    found = _catalogues.get(code)
    if found is None:
        found = _catalogues[code] = _load(code)
    return found


def _load(code: str):
    """The catalogue of `code`: its .mo when current, else its .po, else no translation."""
    import gettext

    mo, po = catalogue_paths(code)
    fresh = mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime)
    if not fresh and po.is_file():
        compiled = _compile(po)
        if compiled is not None:
            return compiled
    if mo.is_file():
        with mo.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    return gettext.NullTranslations()


def _compile(po):
    """A .po read into a catalogue in memory (a checkout not yet built), or None without Babel."""
    import gettext
    import io

    try:
        from babel.messages import mofile, pofile
    except ImportError:
        return None
    with po.open("rb") as handle:
        catalog = pofile.read_po(handle)
    buffer = io.BytesIO()
    mofile.write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def reload() -> None:
    """Forget the loaded catalogues (after the .po or .mo changed: tests, the update script)."""
    _catalogues.clear()
