"""The leans of the library's outlets, remembered between runs.

The library's bias chips need only the lean an outlet name resolves to, yet
answering that means building the registry: 1,400 outlets, their names folded
into lookup keys, about 20 ms that used to land in the window's first paint.
This memo keeps the answers from the last run in the user's cache, keyed by
the registry's two files (the bundled TOML and the user's overrides) as they
were then. Any change to either file, or a format change here, voids it, and a
name the memo has not seen is resolved by the registry as before.
"""
from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Callable

log = logging.getLogger(__name__)
FORMAT_VERSION = 1


class LeanMemo:
    """name -> lean (None: not in the registry), read from and written to ``path``;
    ``key()`` names the registry's files as they are now."""

    def __init__(self, path: Path, key: Callable[[], str]) -> None:
        self.path = Path(path)
        self._key = lambda: f"{FORMAT_VERSION}/{key()}"
        self._stamp = ""  # the files' key when the answers started: saved with them
        self._leans: dict[str, str | None] | None = None
        self._dirty = False

    def _loaded(self) -> dict[str, str | None]:
        if self._leans is None:
            # taken before the registry reads its files, so answers from files that
            # change meanwhile carry the older key and are voided, never trusted
            self._stamp = self._key()
            self._leans = {}
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                if data.get("key") == self._stamp and isinstance(data.get("leans"), dict):
                    self._leans = {k: v for k, v in data["leans"].items()
                                   if isinstance(k, str) and (v is None or isinstance(v, str))}
            except (OSError, ValueError, AttributeError):
                pass  # no memo yet, or a damaged one: the registry answers
        return self._leans

    def get(self, name: str, resolve: Callable[[str], str | None]) -> str | None:
        """The remembered lean, or ``resolve(name)`` remembered for next time."""
        leans = self._loaded()
        if name in leans:
            return leans[name]
        lean = leans[name] = resolve(name)
        self._dirty = True
        return lean

    def forget(self) -> None:
        """The registry changed in this process: start over from its new files."""
        self._leans, self._dirty = None, False

    def save(self) -> None:
        """Write the answers if there are new ones (a read-only cache is not an error)."""
        if not self._dirty or self._leans is None:
            return
        from reader.atomic import write_text_atomic

        text = json.dumps({"key": self._stamp, "leans": self._leans}, ensure_ascii=False)
        try:
            write_text_atomic(self.path, text)
            self._dirty = False
        except OSError as exc:
            log.warning("could not save the outlet lean memo %s: %s", self.path, exc)
