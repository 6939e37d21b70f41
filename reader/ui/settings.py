"""One typed wrapper over QSettings: each key is declared once with its default.

UI state (geometry, dock layout) is kept apart from preferences. The INI file
lives under ``reader.paths.user_config_dir()`` so ``PARALLAX_HOME`` (tests,
``--dev``) keeps the real home untouched. Created in ``main()``, never at import.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray
from PySide6.QtCore import QSettings

from reader.paths import user_config_dir

SETTINGS_FILE = "parallax.ini"


class Settings:
    """Typed access to the few values the app remembers between runs."""

    def __init__(self, path: Path | None = None) -> None:
        path = path or user_config_dir() / SETTINGS_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        self._qs = QSettings(str(path), QSettings.Format.IniFormat)

    @property
    def path(self) -> Path:
        return Path(self._qs.fileName())

    # -- UI state ------------------------------------------------------------
    def _bytes(self, key: str) -> QByteArray | None:
        value = self._qs.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @property
    def window_geometry(self) -> QByteArray | None:
        return self._bytes("state/geometry")

    @window_geometry.setter
    def window_geometry(self, value: QByteArray) -> None:
        self._qs.setValue("state/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        """Dock and toolbar layout from QMainWindow.saveState()."""
        return self._bytes("state/windowState")

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._qs.setValue("state/windowState", value)

    @property
    def splitter_state(self) -> QByteArray | None:
        return self._bytes("state/splitter")

    @splitter_state.setter
    def splitter_state(self, value: QByteArray) -> None:
        self._qs.setValue("state/splitter", value)

    @property
    def library_header(self) -> QByteArray | None:
        """Column widths, order and visibility of the library table."""
        return self._bytes("state/libraryHeader")

    @library_header.setter
    def library_header(self, value: QByteArray) -> None:
        self._qs.setValue("state/libraryHeader", value)

    @property
    def last_query(self) -> str:
        return str(self._qs.value("state/lastQuery", "") or "")

    @last_query.setter
    def last_query(self, value: str) -> None:
        self._qs.setValue("state/lastQuery", value)

    # -- preferences ---------------------------------------------------------
    @property
    def search_delay_ms(self) -> int:
        """Debounce for search-as-you-type."""
        try:
            return int(self._qs.value("prefs/searchDelayMs", 250))
        except (TypeError, ValueError):
            return 250

    def sync(self) -> None:
        self._qs.sync()
