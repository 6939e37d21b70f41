"""The user's story edits, kept as *pins* that every later grouping obeys.

Moving an article to another story, merging two stories and splitting one are
all said the same way: articles with the same pin are always in one story,
articles with different pins never are, and unpinned articles are grouped as
usual (they may join a pinned story). Pins name articles by path, so they
survive re-analysis, a rebuilt index and a full regroup; an article removed
from the library keeps its pin in case it comes back.

Stored beside the outlet overrides, in ``user_config_dir()/stories.json``,
through the same helper (atomic writes; an unreadable file is moved aside)::

    {"version": 1, "pins": {"<article path>": "<pin>"}}
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, Iterable

from reader.user_overrides import read_user_json, write_user_json

FORMAT_VERSION = 1


def _valid(data: Any) -> bool:
    pins = data.get("pins", {}) if isinstance(data, dict) else None
    return isinstance(pins, dict) and all(isinstance(k, str) and isinstance(v, str)
                                          for k, v in pins.items())


class StoryCorrections:
    """Pins read from and written to one file."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.warning: str | None = None  # set when an unreadable file was reset
        self._pins: dict[str, str] | None = None
        self._lock = threading.RLock()

    def pins(self) -> dict[str, str]:
        """Path -> pin (a copy)."""
        with self._lock:
            return dict(self._loaded())

    def _loaded(self) -> dict[str, str]:
        if self._pins is None:
            data, self.warning = read_user_json(self.path, _valid, "story corrections")
            self._pins = dict(data.get("pins", {})) if data else {}
        return self._pins

    def _new_pin(self) -> str:
        numbers = [int(p) for p in self._loaded().values() if p.isdigit()]
        return str(max(numbers, default=0) + 1)

    def _existing_pin(self, paths: Iterable[str]) -> str | None:
        pins = sorted({self._loaded()[p] for p in paths if p in self._loaded()}, key=_pin_order)
        return pins[0] if pins else None

    def together(self, paths: Iterable[str]) -> str:
        """Keep these articles in one story from now on (and everything already pinned with
        any of them); returns their pin."""
        paths = list(paths)
        with self._lock:
            pins = self._loaded()
            old = {pins[p] for p in paths if p in pins}
            pin = self._existing_pin(paths) or self._new_pin()
            for path, value in list(pins.items()):
                if value in old:
                    pins[path] = pin
            for path in paths:
                pins[path] = pin
            return pin

    def forget(self, paths: Iterable[str]) -> int:
        """Unpin these articles (grouping decides for them again, or a later ``together``
        pins them afresh); returns how many had a pin."""
        with self._lock:
            pins = self._loaded()
            return sum(pins.pop(p, None) is not None for p in list(paths))

    def save(self) -> None:
        with self._lock:
            write_user_json(self.path, {"version": FORMAT_VERSION, "pins": self._loaded()})


def _pin_order(pin: str) -> tuple:
    return (not pin.isdigit(), int(pin) if pin.isdigit() else 0, pin)


def user_corrections() -> StoryCorrections:
    """The user's corrections file (``PARALLAX_HOME`` moves it, as it does every user file)."""
    from reader.paths import user_config_dir

    return StoryCorrections(user_config_dir() / "stories.json")
