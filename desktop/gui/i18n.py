"""The interface language: which one to use, loading its Qt translations, and translated scales.

English is the language of the sources; `resources/translations/casefile_<lang>.ts` holds the
translations (`make translations` compiles them to `.qm`). The language is chosen once, at
start-up, before the window is built: a change in the preferences applies after a restart.

Scale labels (statuses, grades, legal elements…) live in `desktop.domain.scales`, which stays
Qt-free; `desktop/widgets/scale_words.py` lists them for lupdate and this module translates
them at run time ("Scales" context).

Dates are stored as ISO 8601 and shown in the user's locale (`format_date`,
`format_datetime`); editors keep ISO.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDate,
    QDateTime,
    QLibraryInfo,
    QLocale,
    Qt,
    QTranslator,
)

from desktop.domain import scales
from desktop.resources import resource_path
from desktop.services import words

#: The interface languages Casefile has, by code, each named in itself.
LANGUAGES = {"en": "English", "uk": "Українська"}
SOURCE_LANGUAGE = "en"
CATALOGUE = "casefile"
SCALES_CONTEXT = "Scales"

#: Interface languages whose dates and numbers follow the language rather than a system locale
#: that speaks another one (English is written with many regional conventions: it keeps the
#: system's, or ISO 8601 on a machine without a locale). Named by locale, not by QLocale's
#: Language enum, which is slow to build and only needed for these.
_LOCALES = {"uk": "uk_UA"}


def translations_dir() -> Path:
    """The folder of the compiled translations: in the checkout, or in a PyInstaller bundle."""
    return resource_path("translations")


def choose_language(preference: str, system: QLocale | None = None) -> str:
    """The preference when Casefile has it; else the system's language if it has that; else en.

    `preference` "" means "follow the system". The system's preferred interface languages are
    tried in their order (uk-UA, then en-US…).
    """
    if preference in LANGUAGES:
        return preference
    locale = system if system is not None else QLocale.system()
    for name in locale.uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return SOURCE_LANGUAGE


def install(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load Casefile's and Qt's own translations for `language` into `app`.

    Call before any widget is built. Missing files are skipped (English needs none); keep the
    returned translators alive (or pass them to `uninstall`). Ukrainian dates and numbers follow
    Ukrainian conventions even when the system locale speaks another language. The wording
    outside the window (services' messages, audit summaries, undo labels, the dossier's
    default language: `desktop.services.words`) follows the same language.
    """
    words.set_language(language)
    translators: list[QTranslator] = []
    if language not in LANGUAGES or language == SOURCE_LANGUAGE:
        _set_locale(language)
        return translators
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in ((f"{CATALOGUE}_{language}", translations_dir()),
                         (f"qtbase_{language}", Path(qt_dir))):
        translator = QTranslator(app)
        if translator.load(name, str(folder)) and app.installTranslator(translator):
            translators.append(translator)
        else:
            translator.deleteLater()
    _set_locale(language)
    return translators


def uninstall(app: QCoreApplication, translators: list[QTranslator]) -> None:
    """Remove translators that `install` loaded (tests switch back to English)."""
    words.set_language(SOURCE_LANGUAGE)
    for translator in translators:
        app.removeTranslator(translator)


def _set_locale(language: str) -> None:
    """Format numbers and dates in the system's locale, or in `language`'s (see _LOCALES)."""
    system = QLocale.system()
    name = _LOCALES.get(language)
    QLocale.setDefault(system if name is None or system.language() == QLocale(name).language()
                       else QLocale(name))


# ------------------------------------------------------------------ scales
def scale_text(text: str) -> str:
    """Any wording of `desktop.domain.scales` (label, description, instrument, element…)."""
    return QCoreApplication.translate(SCALES_CONTEXT, text) if text else text


def scale_label(scale: tuple[scales.Grade, ...], code: str) -> str:
    """The label of `code` in `scale`, in the interface language (the code when unknown)."""
    return scale_text(scales.label(scale, code))


#: Short names of the verification statuses where space is tight (toolbar, legend; their
#: tooltips give the full label). In English they are the labels themselves.
SHORT_STATUS = {
    "unverified": QT_TRANSLATE_NOOP("ShortStatus", "Unverified"),
    "corroborated": QT_TRANSLATE_NOOP("ShortStatus", "Corroborated"),
    "verified": QT_TRANSLATE_NOOP("ShortStatus", "Verified"),
    "contested": QT_TRANSLATE_NOOP("ShortStatus", "Contested"),
    "rejected": QT_TRANSLATE_NOOP("ShortStatus", "Rejected"),
}


def short_status(code: str) -> str:
    """A verification status in a word or two, in the interface language."""
    if code not in SHORT_STATUS:
        return scale_label(scales.VERIFICATION_STATUSES, code)
    return QCoreApplication.translate("ShortStatus", SHORT_STATUS[code])


def scale_description(scale: tuple[scales.Grade, ...], code: str) -> str:
    """The description of `code` in `scale`, in the interface language ("" when none)."""
    return scale_text(next((g.description for g in scale if g.code == code), ""))


def action_words(code: str) -> str:
    """An audit action in words ("Incident submitted for review"); an export announced but not
    (yet) completed says so; an action not listed in scales.AUDIT_ACTIONS stays its code."""
    for suffix, note in ((".intent", QT_TRANSLATE_NOOP("Scales", "{action} (started)")),
                         (".abandoned", QT_TRANSLATE_NOOP("Scales", "{action} (not completed)"))):
        if code.endswith(suffix):
            return scale_text(note).format(action=action_words(code[:-len(suffix)]))
    if code in scales.AUDIT_ACTION_CODES:
        return scale_label(scales.AUDIT_ACTIONS, code)
    return code


def supports_label(code: str) -> str:
    """What a span backs, in words (as `scales.supports_label`, translated)."""
    if code in scales.INCIDENT_FIELD_CODES:
        return scale_label(scales.INCIDENT_FIELDS, code)
    found = scales.find_element(code)
    if found:
        qualification, element = found
        return f"{scale_text(qualification.instrument)}: {scale_text(element.label)}"
    return code


# ------------------------------------------------------------------ numbers and dates
def plural(translated: str, n: int) -> str:
    """Finish a "%n thing(s)" message after tr(): without a translation (English) "(s)"
    becomes "s", or nothing for one. Translations give their own plural forms."""
    return translated.replace("(s)", "" if n == 1 else "s")


def format_number(n: int) -> str:
    """A whole number with the user's digit grouping (12,345 · 12 345)."""
    locale = QLocale()
    return f"{n:,}" if _plain_locale(locale) else locale.toString(n)


def _plain_locale(locale: QLocale) -> bool:
    """The C locale has no date conventions: keep ISO 8601 there."""
    return locale.language() == QLocale.Language.C


def format_date(iso: str) -> str:
    """A stored ISO date (or the date of a timestamp) in the user's short format.

    Partial or unreadable dates ("2024-09", "") are shown as stored.
    """
    locale = QLocale()
    date = QDate.fromString(iso[:10], Qt.DateFormat.ISODate) if len(iso) >= 10 else QDate()
    if not date.isValid() or _plain_locale(locale):
        return iso[:10] if date.isValid() else iso
    return locale.toString(date, QLocale.FormatType.ShortFormat)


def format_datetime(iso: str) -> str:
    """A stored ISO timestamp in the user's short format, in the zone it was stored in."""
    locale = QLocale()
    moment = QDateTime.fromString(iso, Qt.DateFormat.ISODateWithMs)
    if not moment.isValid():
        moment = QDateTime.fromString(iso, Qt.DateFormat.ISODate)
    if not moment.isValid() or _plain_locale(locale):
        return iso.replace("T", " ").rstrip("Z")
    return locale.toString(moment, QLocale.FormatType.ShortFormat)
