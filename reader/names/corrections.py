"""The user's corrections to the name table: merge, split, rename, change type.

Stored like the outlet overrides and story edits (``reader.user_overrides``), as
JSON in ``user_config_dir()/entities.json``, written atomically; a corrupt file is
moved aside and reset with a warning.
Corrections name per-article keys ("person:trump"), never table ids or
counts, so they survive rebuilds, re-analysis and new articles, and they are
applied when the table is resolved: no index change, no spaCy.

File format (version 1)::

    {"version": 1,
     "merges": [["person:donald trump", "person:trump"]],   # these keys are one entity
     "splits": ["place:georgia"],                          # never joined by a rule
     "names": [{"keys": ["person:donald trump"], "name": "Donald J. Trump"}],
     "types": [{"keys": ["place:kyiv", "person:kyiv"], "type": "place"}]}

Later entries win over earlier ones; a merge after a split joins again.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from reader.analysis.record import ENTITY_TYPES
from reader.outlets import file_stamp
from reader.user_overrides import read_user_json, write_user_json

FORMAT_VERSION = 1


@dataclass
class Corrections:
    merges: list[list[str]] = field(default_factory=list)
    splits: list[str] = field(default_factory=list)
    names: list[tuple[list[str], str]] = field(default_factory=list)
    types: list[tuple[list[str], str]] = field(default_factory=list)
    stamp: str = ""  # the file as it was read, for the resolved table's cache key

    def empty(self) -> bool:
        return not (self.merges or self.splits or self.names or self.types)

    def to_json(self) -> dict[str, Any]:
        return {"version": FORMAT_VERSION, "merges": self.merges, "splits": self.splits,
                "names": [{"keys": k, "name": n} for k, n in self.names],
                "types": [{"keys": k, "type": t} for k, t in self.types]}


def _keys(value: Any) -> list[str] | None:
    if isinstance(value, list) and value and all(isinstance(k, str) and ":" in k for k in value):
        return [k.strip().lower() for k in value]
    return None


def parse(data: Any) -> Corrections:
    """Corrections from the file's JSON; raises ValueError for a wrong structure."""
    if not isinstance(data, dict) or not isinstance(data.get("version", 1), int):
        raise ValueError("unexpected structure")
    out = Corrections()
    for group in data.get("merges", []):
        keys = _keys(group)
        if keys is None or len(keys) < 2:
            raise ValueError("a merge must list two keys or more")
        out.merges.append(keys)
    for key in data.get("splits", []):
        if not isinstance(key, str) or ":" not in key:
            raise ValueError("a split must be a key")
        out.splits.append(key.strip().lower())
    for item in data.get("names", []):
        keys = _keys(item.get("keys") if isinstance(item, dict) else None)
        name = item.get("name") if isinstance(item, dict) else None
        if keys is None or not isinstance(name, str) or not name.strip():
            raise ValueError("a rename needs keys and a name")
        out.names.append((keys, name.strip()))
    for item in data.get("types", []):
        keys = _keys(item.get("keys") if isinstance(item, dict) else None)
        etype = item.get("type") if isinstance(item, dict) else None
        if keys is None or etype not in ENTITY_TYPES:
            raise ValueError("a type change needs keys and one of " + ", ".join(ENTITY_TYPES))
        out.types.append((keys, etype))
    return out


class CorrectionsFile:
    """The corrections file: read once, changed only through these methods."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.warning: str | None = None
        self._data: Corrections | None = None
        self._lock = threading.RLock()

    def read(self) -> Corrections:
        with self._lock:
            if self._data is None:
                self._data = self._load()
            return self._data

    def _load(self) -> Corrections:
        data, warning = read_user_json(self.path, _parses, "entity corrections")
        if warning:
            self.warning = warning
        out = parse(data) if data is not None else Corrections()
        out.stamp = file_stamp(self.path)
        return out

    def _save(self, data: Corrections) -> Corrections:
        write_user_json(self.path, data.to_json())
        data.stamp = file_stamp(self.path)
        self._data = data
        return data

    def reload(self) -> Corrections:
        """Read the file again (another window or the CLI may have changed it)."""
        with self._lock:
            self._data = None
            return self.read()

    # -- the four corrections --------------------------------------------------------
    def merge(self, keys: Iterable[str]) -> Corrections:
        """The entities these keys belong to are one."""
        keys = _unique(keys)
        if len(keys) < 2:
            raise ValueError("name two different entities to merge")
        with self._lock:
            data = self.reload()
            data.splits = [k for k in data.splits if k not in keys]
            data.merges.append(keys)
            return self._save(data)

    def split(self, keys: Iterable[str], together: bool = False) -> Corrections:
        """These keys leave their entity: no rule joins them to anything and earlier merges
        that named them are undone; ``together`` keeps them one entity of their own."""
        keys = _unique(keys)
        if not keys:
            raise ValueError("name the keys to split off")
        with self._lock:
            data = self.reload()
            data.merges = [[k for k in group if k not in keys] for group in data.merges]
            data.merges = [g for g in data.merges if len(g) >= 2]
            data.splits.extend(k for k in keys if k not in data.splits)
            if together and len(keys) > 1:
                data.merges.append(keys)
            return self._save(data)

    def rename(self, keys: Iterable[str], name: str) -> Corrections:
        keys = _unique(keys)
        if not keys or not name.strip():
            raise ValueError("a rename needs the entity and a new name")
        with self._lock:
            data = self.reload()
            data.names.append((keys, name.strip()))
            return self._save(data)

    def retype(self, keys: Iterable[str], etype: str) -> Corrections:
        keys = _unique(keys)
        if etype not in ENTITY_TYPES:
            raise ValueError(f"the type must be one of {', '.join(ENTITY_TYPES)}")
        if not keys:
            raise ValueError("a type change needs the entity")
        with self._lock:
            data = self.reload()
            data.types.append((keys, etype))
            return self._save(data)


    def forget(self, keys: Iterable[str]) -> Corrections:
        """Drop every correction that names any of these keys: the rules decide again."""
        keys = set(_unique(keys))
        with self._lock:
            data = self.reload()
            data.merges = [g for g in data.merges if not keys & set(g)]
            data.splits = [k for k in data.splits if k not in keys]
            data.names = [(ks, n) for ks, n in data.names if not keys & set(ks)]
            data.types = [(ks, t) for ks, t in data.types if not keys & set(ks)]
            return self._save(data)

    def names_any(self, keys: Iterable[str]) -> bool:
        """Whether some correction names one of these keys."""
        keys = set(keys)
        data = self.read()
        return bool(keys & (set(data.splits) | {k for g in data.merges for k in g}
                            | {k for ks, _ in data.names for k in ks} | {k for ks, _ in data.types for k in ks}))


def _parses(data: Any) -> bool:
    try:
        parse(data)
    except (ValueError, AttributeError, TypeError):
        return False
    return True


def _unique(keys: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for key in keys:
        key = key.strip().lower()
        if key:
            seen.setdefault(key, None)
    return list(seen)


_DEFAULT: dict[Path, CorrectionsFile] = {}


def default_corrections() -> CorrectionsFile:
    """The user's corrections file (one object per path, so every reader shares its cache)."""
    from reader.paths import user_config_dir

    path = user_config_dir() / "entities.json"
    if path not in _DEFAULT:
        _DEFAULT[path] = CorrectionsFile(path)
    return _DEFAULT[path]
