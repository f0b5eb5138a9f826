"""Fixed wording outside the window, in the reader's language: the dossier, the services'
messages, audit summaries and undo labels.

Qt-free: the window's own words come from Qt's catalogue (`desktop/gui/i18n.py`); these come
from a gettext catalogue, so the CLI and the exports speak the same language without Qt.
Write every fixed English phrase as `_("…")` (or `N_("…")` where it is only marked, to be
translated when shown); plurals with `ngettext(singular, plural, n)`.

The language is a process-wide choice (`set_language("uk")`); `in_language(code)` switches it
for one piece of work (an export in another language than the interface's).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

LANGUAGES = ("en", "uk")
_current = "en"


def set_language(code: str) -> None:
    """Speak `code` from now on ("en" or "uk"; anything else falls back to English)."""
    global _current
    _current = code if code in LANGUAGES else "en"


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


def _(text: str) -> str:
    """`text` in the current language (as written when there is no translation)."""
    return text


def N_(text: str) -> str:  # noqa: N802 - the gettext convention, recognised by extractors
    """Mark `text` for translation without translating it now (constants, tables)."""
    return text


def ngettext(singular: str, plural: str, n: int) -> str:
    return singular if n == 1 else plural
