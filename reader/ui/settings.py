"""One typed wrapper over QSettings: each key is declared once with its default.

UI state (geometry, dock layout) is kept apart from preferences. The INI file
lives under ``reader.paths.user_config_dir()`` so ``PARALLAX_HOME`` (tests,
``--dev``) keeps the real home untouched. Created in ``main()``, never at import.

A file that is not a readable INI (garbage bytes, a half-written disk) is moved
aside as ``parallax.ini.corrupt-<timestamp>`` and the defaults are used; the
window shows ``Settings.warning`` in the status bar. Writes are atomic already:
QSettings saves INI files through QSaveFile (a temporary file renamed over the
old one), so a crash mid-write leaves the previous file intact.
"""
from __future__ import annotations

import datetime as _dt
import logging
import re
from pathlib import Path

from PySide6.QtCore import QByteArray
from PySide6.QtCore import QSettings

from reader.paths import user_config_dir

SETTINGS_FILE = "parallax.ini"
_INI_LINE = re.compile(r"^\s*(?:$|[;#].*|\[[^\]\n]*\]\s*|[^=\[\]]+=.*)$")
log = logging.getLogger("reader.ui")


def ini_problem(data: bytes) -> str:
    """Why ``data`` is not a plausible INI file written by QSettings ("" if it is)."""
    try:
        text = data.decode("utf-8-sig")  # a BOM from a hand edit is fine
    except UnicodeDecodeError:
        return "not UTF-8 text"
    if any(ord(c) < 32 and c not in "\t\r\n" for c in text):
        return "control characters"
    for number, line in enumerate(text.splitlines(), 1):
        if not _INI_LINE.match(line):
            return f"line {number} is not 'key=value' or '[section]'"
    return ""


def quarantine(path: Path, reason: str) -> Path | None:
    """Move a corrupt file aside (never over an earlier backup); the backup's path."""
    stamp = _dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    backup = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while backup.exists():
        n += 1
        backup = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    try:
        path.replace(backup)
    except OSError as exc:
        log.warning("settings %s are unreadable (%s) and could not be moved: %s", path, reason, exc)
        return None
    log.warning("settings %s were unreadable (%s); moved to %s", path, reason, backup.name)
    return backup


class Settings:
    """Typed access to the few values the app remembers between runs."""

    def __init__(self, path: Path | None = None) -> None:
        path = path or user_config_dir() / SETTINGS_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        self.warning = ""  # set when a corrupt file was moved aside (for the status bar)
        self._check(path)
        self._qs = QSettings(str(path), QSettings.Format.IniFormat)
        if self._qs.status() == QSettings.Status.FormatError:
            del self._qs
            self._reset(path, "format error")
            self._qs = QSettings(str(path), QSettings.Format.IniFormat)

    def _check(self, path: Path) -> None:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return
        except OSError as exc:
            self._reset(path, str(exc))
            return
        reason = ini_problem(data)
        if reason:
            self._reset(path, reason)

    def _reset(self, path: Path, reason: str) -> None:
        backup = quarantine(path, reason)
        where = f"; the old file is {backup.name}" if backup else ""
        self.warning = f"The settings file was damaged ({reason}) and has been reset{where}."

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
