"""The one wrapper around QSettings: the user's name and language, recent cases, window layout."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

from PySide6.QtCore import QByteArray, QSettings

from desktop import APP_NAME

MAX_RECENT = 10


class Settings:
    """Typed access to the preferences Casefile keeps between runs."""

    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store or QSettings(APP_NAME, APP_NAME)

    def _text(self, key: str) -> str:
        value = self._store.value(key, "")
        return value if isinstance(value, str) else ""

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._store.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @property
    def user_name(self) -> str:
        return self._text("user/name")

    @user_name.setter
    def user_name(self, name: str) -> None:
        self._store.setValue("user/name", name.strip())

    @property
    def language(self) -> str:
        """The interface language chosen ("en", "uk"), or "" to follow the system's."""
        return self._text("ui/language")

    @language.setter
    def language(self, code: str) -> None:
        self._store.setValue("ui/language", code.strip())

    @property
    def tour_seen(self) -> bool:
        """Whether the first-run tour was shown (it is offered once)."""
        return self._store.value("ui/tourSeen", False) in (True, "true")

    @tour_seen.setter
    def tour_seen(self, seen: bool) -> None:
        self._store.setValue("ui/tourSeen", bool(seen))

    def recent_cases(self) -> list[Path]:
        """Recently opened cases, newest first, that still exist."""
        value = self._store.value("cases/recent", [])
        names = [value] if isinstance(value, str) else list(value or [])
        return [Path(n) for n in names if n and Path(n).exists()]

    def add_recent_case(self, path: Path) -> None:
        names = [str(path.resolve())]
        names += [str(p) for p in self.recent_cases() if p.resolve() != path.resolve()]
        self._store.setValue("cases/recent", names[:MAX_RECENT])
        self._store.setValue("cases/last", names[0])

    def recent_shared_cases(self) -> list[str]:
        """The addresses of shared cases opened recently, newest first (never a password)."""
        value = self._store.value("cases/recentShared", [])
        return [value] if isinstance(value, str) and value else [
            str(v) for v in (value if isinstance(value, list) else []) if v]

    def add_recent_shared_case(self, url: str) -> None:
        address = without_password(url)
        names = [address] + [u for u in self.recent_shared_cases() if u != address]
        self._store.setValue("cases/recentShared", names[:MAX_RECENT])

    @property
    def last_case(self) -> Path | None:
        """The case open when Casefile was last closed, if it still exists."""
        name = self._text("cases/last")
        return Path(name) if name and Path(name).exists() else None

    def forget_last_case(self) -> None:
        self._store.setValue("cases/last", "")

    def window_state(self) -> tuple[QByteArray | None, QByteArray | None]:
        """Saved (geometry, dock/toolbar state) of the main window."""
        return self._bytes("window/geometry"), self._bytes("window/state")

    def save_window_state(self, geometry: QByteArray, state: QByteArray) -> None:
        self._store.setValue("window/geometry", geometry)
        self._store.setValue("window/state", state)

    def splitter_state(self, name: str) -> QByteArray | None:
        return self._bytes(f"window/splitter/{name}")

    def save_splitter_state(self, name: str, state: QByteArray) -> None:
        self._store.setValue(f"window/splitter/{name}", state)

    def case_place(self, case: str) -> dict[str, int]:
        """Where `case` (a file's path, a server case's address) was left: the source shown
        and the incident selected when it was last closed ({} when not known)."""
        try:
            places = json.loads(self._text("cases/places") or "{}")
        except ValueError:
            return {}
        place = places.get(case) if isinstance(places, dict) else None
        return {k: v for k, v in place.items() if k in ("source", "incident")
                and isinstance(v, int)} if isinstance(place, dict) else {}

    def save_case_place(self, case: str, place: dict[str, int]) -> None:
        try:
            places = json.loads(self._text("cases/places") or "{}")
        except ValueError:
            places = {}
        places = places if isinstance(places, dict) else {}
        places.pop(case, None)
        kept = list(places.items())[-(MAX_RECENT - 1):]  # the cases left most recently
        self._store.setValue("cases/places", json.dumps(dict([*kept, (case, place)])))

    def export_choices(self) -> dict:
        """The dossier options last chosen (which incidents, edition, audit annex)."""
        try:
            value = json.loads(self._text("export/dossier") or "{}")
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    def save_export_choices(self, choices: dict) -> None:
        self._store.setValue("export/dossier", json.dumps(choices))

    def ocr_languages(self) -> tuple[str, ...]:
        """Tesseract's languages last chosen for OCR (Ukrainian, Russian, English at first)."""
        from desktop.services.importing import ocr

        try:
            return ocr.parse_languages(self._text("import/ocr_languages"))
        except ValueError:
            return ocr.DEFAULT_LANGUAGES

    def set_ocr_languages(self, languages: tuple[str, ...]) -> None:
        self._store.setValue("import/ocr_languages", "+".join(languages))

    def sync(self) -> None:
        self._store.sync()


#: The connection options of libpq that hold a secret: the password, the client key's.
_SECRET_OPTIONS = ("password", "sslpassword")


def without_password(url: str) -> str:
    """A server case's address as it may be kept: any password in it left out (in the
    address or as an option, the client key's `sslpassword` too); libpq finds it again in
    .pgpass or the service file."""
    parts = urlsplit(url)
    user, at, host = parts.netloc.rpartition("@")
    netloc = f"{user.split(':', 1)[0]}@{host}" if at else parts.netloc
    options = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                         if k not in _SECRET_OPTIONS])
    # written out, not by urlunsplit, which drops the // of an address without a host
    return f"{parts.scheme}://{netloc}{parts.path}" + (f"?{options}" if options else "")
