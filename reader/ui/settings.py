"""One typed wrapper over QSettings: each key is declared once with its default.

UI state (geometry, dock layout) is kept apart from preferences. The INI file
lives under ``reader.paths.user_config_dir()`` so ``PARALLAX_HOME`` (tests,
``--dev``) keeps the real home untouched. Created in ``main()``, never at import.

A file that is not a readable INI (garbage bytes, a half-written disk, a link
to ``/dev/zero``, a FIFO, megabytes of anything) is moved aside as
``parallax.ini.corrupt-<timestamp>`` and the defaults are used; a preference
outside its range (``searchDelayMs=99999999999`` stopped the app: Qt's timer
takes an int) is reset to its default. Either way the window shows
``Settings.warning`` in the status bar. Writes are atomic already: QSettings
saves INI files through QSaveFile (a temporary file renamed over the old one),
so a crash mid-write leaves the previous file intact.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path

from PySide6.QtCore import QByteArray
from PySide6.QtCore import QSettings

from reader.config_files import ConfigDamaged
from reader.config_files import quarantine  # noqa: F401 - re-exported (tests)
from reader.config_files import read_config
from reader.failures import describe
from reader.paths import user_config_dir

SETTINGS_FILE = "parallax.ini"
_INI_LINE = re.compile(r"^\s*(?:$|[;#].*|\[[^\]\n]*\]\s*|[^=\[\]]+=.*)$")
# preference -> (lowest, highest, default); a value outside is reset with a warning
RANGES = {"prefs/searchDelayMs": (0, 5000, 250)}
QUERY_LIMIT = 1000  # characters of the remembered query
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


class Settings:
    """Typed access to the few values the app remembers between runs."""

    def __init__(self, path: Path | None = None) -> None:
        path = path or user_config_dir() / SETTINGS_FILE
        self.warning = ""  # set when a corrupt file was moved aside (for the status bar)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:  # the window still opens; nothing it remembers is saved
            self.warning = f"Settings will not be saved: {describe(exc)}"
        self._check(path)
        self._qs = QSettings(str(path), QSettings.Format.IniFormat)
        if self._qs.status() == QSettings.Status.FormatError:
            del self._qs
            self._reset(path, "format error")
            self._qs = QSettings(str(path), QSettings.Format.IniFormat)
        self._check_ranges()

    def _check(self, path: Path) -> None:
        try:
            data = read_config(path)
        except ConfigDamaged as exc:
            self._reset(path, str(exc))
            return
        reason = ini_problem(data) if data is not None else ""
        if reason:
            self._reset(path, reason)

    def _reset(self, path: Path, reason: str) -> None:
        backup = quarantine(path, reason)
        where = f"; the old file is {backup.name}" if backup else ""
        self.warning = f"The settings file was damaged ({reason}) and has been reset{where}."

    def _check_ranges(self) -> None:
        """Reset each preference that is not a whole number in its range, and say which."""
        for key, (low, high, default) in RANGES.items():
            raw = self._qs.value(key)
            if raw is None or _in_range(raw, low, high):
                continue
            self._qs.remove(key)
            shown = str(raw)[:40]
            log.warning("setting %s=%s is out of range; reset to %s", key, shown, default)
            self.warning = (self.warning + " " if self.warning else "") + (
                f"The setting {key.split('/')[-1]}={shown} is not between {low} and {high}; "
                f"it has been reset to {default}.")

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
        return str(self._qs.value("state/lastQuery", "") or "")[:QUERY_LIMIT]

    @last_query.setter
    def last_query(self, value: str) -> None:
        self._qs.setValue("state/lastQuery", value)

    # -- preferences ---------------------------------------------------------
    @property
    def theme(self) -> str:
        """View ▸ Theme: system, light or dark (anything else reads as system)."""
        value = str(self._qs.value("prefs/theme", "system") or "system")
        return value if value in ("system", "light", "dark") else "system"

    @theme.setter
    def theme(self, value: str) -> None:
        self._qs.setValue("prefs/theme", value)

    @property
    def compact_rows(self) -> bool:
        """Library rows on one line each (View ▸ Compact Rows) instead of two."""
        return str(self._qs.value("prefs/compactRows", "false")).lower() in ("true", "1")

    @compact_rows.setter
    def compact_rows(self, value: bool) -> None:
        self._qs.setValue("prefs/compactRows", bool(value))

    @property
    def pinned_sort(self) -> tuple[int, int] | None:
        """The library's sort (column, order) when the user pinned it; None: relevance each run."""
        raw = str(self._qs.value("prefs/pinnedSort", "") or "")
        column, _, order = raw.partition(",")
        try:
            return (int(column), int(order)) if raw else None
        except ValueError:
            return None

    @pinned_sort.setter
    def pinned_sort(self, value: tuple[int, int] | None) -> None:
        if value is None:
            self._qs.remove("prefs/pinnedSort")
        else:
            self._qs.setValue("prefs/pinnedSort", f"{int(value[0])},{int(value[1])}")

    @property
    def search_delay_ms(self) -> int:
        """Debounce for search-as-you-type."""
        low, high, default = RANGES["prefs/searchDelayMs"]
        raw = self._qs.value("prefs/searchDelayMs", default)
        return int(raw) if _in_range(raw, low, high) else default

    def sync(self) -> None:
        self._qs.sync()


def _in_range(raw: object, low: int, high: int) -> bool:
    try:
        return low <= int(str(raw).strip()) <= high
    except ValueError:
        return False
