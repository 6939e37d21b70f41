"""The user's corrections on top of the built-in outlet registry.

Users know outlets the registry does not (or disagree with a label), and articles
whose outlet cannot be guessed from a name or URL. Both are stored as JSON in
``user_config_dir()/outlets.json``, written atomically; a corrupt file is moved
aside and reset with a warning instead of stopping the app. This is the one
store of what the user said about an article: its outlet (``articles``) and
its other metadata (``fields``: the kind of a batch added with ``--kind``...),
keyed by content hash, so it survives re-analysis and rebuilds. Several
processes share the file (the window, ``parallax add``): each change re-reads
it first, and a reader notices when another process has written it.

File format (version 1)::

    {"version": 1,
     "articles": {"<content hash or path>": "<outlet name>"},
     "fields": {"<content hash>": {"kind": "opinion"}},
     "labels": {"<outlet name>": {"value": "lean left", "source": "user", "scale": "...",
                                  "date": "2026-11-23", "url": "", "note": "",
                                  "aliases": [], "domains": [], "country": "", "ownership": ""}}}
"""
from __future__ import annotations

import copy
import dataclasses
import datetime as _dt
import functools
import threading
from pathlib import Path
from typing import Any, Sequence

from reader.outlets import (
    UNRATED, Outlet, OutletIndex, Rating, builtin_path, load_builtin, name_key,
    normalize_lean,
)
from reader.user_overrides import read_user_json, write_user_json

FORMAT_VERSION = 1
USER_SCALE = "user label (AllSides-style 5-point)"


ARTICLE_FIELDS = ("kind", "title", "author", "published")  # what a user may set besides the outlet


def _empty() -> dict[str, Any]:
    return {"version": FORMAT_VERSION, "articles": {}, "fields": {}, "labels": {}}


def _valid(data: Any) -> bool:
    return (isinstance(data, dict) and isinstance(data.get("articles", {}), dict)
            and isinstance(data.get("labels", {}), dict) and isinstance(data.get("fields", {}), dict)
            and all(isinstance(k, str) and isinstance(v, str) for k, v in data.get("articles", {}).items())
            and all(isinstance(v, dict) and all(isinstance(x, str) for x in v.values())
                    for v in data.get("fields", {}).values())
            and all(isinstance(v, dict) for v in data.get("labels", {}).values()))


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


class OutletRegistry:
    """Built-in registry plus the user's overrides; resolves names/URLs to ``Outlet``s."""

    def __init__(self, builtin_path: Path, overrides_path: Path,
                 builtin: Sequence[Outlet] | None = None):
        """``builtin`` may pass already-parsed outlets (they are immutable) to skip the TOML."""
        self.builtin_path = Path(builtin_path)
        self.overrides_path = Path(overrides_path)
        self.warning: str | None = None  # set when a corrupt overrides file was reset
        self._builtin: list[Outlet] | None = list(builtin) if builtin is not None else None
        self._data: dict[str, Any] | None = None
        self._data_stamp: tuple[int, int] | None = None  # the file as it was when read
        self._index: OutletIndex | None = None
        self._lock = threading.RLock()  # the UI may resolve from worker threads

    # -- storage ---------------------------------------------------------------------
    def _overrides(self) -> dict[str, Any]:
        with self._lock:
            stamp = _stamp(self.overrides_path)
            if self._data is not None and stamp != self._data_stamp:  # another process wrote it
                self._data, self._index = None, None
            if self._data is None:
                self._data = self._read()
                self._data_stamp = _stamp(self.overrides_path)
            return self._data

    def _change(self) -> dict[str, Any]:
        """The overrides as on disk now, to change and ``_save`` (never an older copy)."""
        self._data = None
        return self._overrides()

    def _read(self) -> dict[str, Any]:
        data, self.warning = read_user_json(self.overrides_path, _valid, "outlet overrides")
        base = _empty()
        if data is not None:
            base["articles"].update(data.get("articles", {}))
            base["fields"].update(data.get("fields", {}))
            base["labels"].update(data.get("labels", {}))
        return base

    def _save(self) -> None:
        write_user_json(self.overrides_path, self._overrides())
        self._data_stamp = _stamp(self.overrides_path)
        self._index = None

    # -- building the merged view ---------------------------------------------------------
    def _builtins(self) -> list[Outlet]:
        if self._builtin is None:
            self._builtin = load_builtin(self.builtin_path)
        return self._builtin

    def _merged(self) -> OutletIndex:
        with self._lock:
            return self._merged_locked()

    def _merged_locked(self) -> OutletIndex:
        if self._index is None:
            base = OutletIndex(self._builtins())
            if not self._overrides()["labels"]:
                self._index = base  # nothing to merge: one index, built once
                return base
            position = {id(o): i for i, o in enumerate(base.outlets)}
            merged = list(base.outlets)
            added: list[Outlet] = []
            for name, label in self._overrides()["labels"].items():
                target = base.by_name(name)
                if target is not None:
                    i = position[id(target)]
                    merged[i] = _apply(merged[i], name, label)
                else:
                    added.append(_apply(Outlet(name=name, origin="user", type="unknown"), name, label))
            self._index = OutletIndex([*added, *merged])
        return self._index

    # -- public API --------------------------------------------------------------------
    def resolve(self, name: str | None = None, url: str | None = None) -> Outlet | None:
        """The outlet for a name and/or URL with overrides applied; None if unknown."""
        return self._merged().resolve(name=name, url=url)

    def overrides_warning(self) -> str | None:
        """Read the user's overrides (not the registry) and say if they had to be reset."""
        self._overrides()
        return self.warning

    def all_outlets(self) -> list[Outlet]:
        """Every outlet (built-in and user-added), sorted by name."""
        return sorted(self._merged().outlets, key=lambda o: name_key(o.name))

    def set_label(self, outlet_name: str, value: str, *, note: str = "", url: str = "",
                  source: str = "user", date: str | None = None,
                  aliases: list[str] | None = None, domains: list[str] | None = None,
                  country: str = "", ownership: str = "") -> Outlet:
        """Override (or add) the label of an outlet; it becomes the current rating."""
        label = {"value": normalize_lean(value), "source": source, "scale": USER_SCALE,
                 "date": date or _dt.date.today().isoformat(), "url": url, "note": note,
                 "aliases": list(aliases or []), "domains": list(domains or []),
                 "country": country, "ownership": ownership}
        with self._lock:
            self._change()
            key = self._label_key(outlet_name)
            self._overrides()["labels"][key] = label
            self._save()
        result = self.resolve(name=key)
        assert result is not None
        return result

    def clear_label(self, outlet_name: str) -> bool:
        """Drop the user's label for an outlet; True if there was one."""
        with self._lock:
            self._change()
            key = self._label_key(outlet_name)
            if self._overrides()["labels"].pop(key, None) is None:
                return False
            self._save()
            return True

    def assign_article(self, article_id: str, outlet_name: str | None) -> None:
        """Say which outlet published an article (None forgets the assignment)."""
        self.assign_articles({article_id: outlet_name})

    def assign_articles(self, outlets: dict[str, str | None] | None = None,
                        fields: dict[str, dict[str, str | None]] | None = None) -> None:
        """Set the outlet and other fields of many articles with one write (a batch import).

        ``fields`` maps an article to {field: value}; None or "" as a value forgets it.
        """
        if not outlets and not fields:
            return
        with self._lock:
            data = self._change()
            for article_id, name in (outlets or {}).items():
                if name is None or not name.strip():
                    data["articles"].pop(article_id, None)
                else:
                    data["articles"][article_id] = name.strip()
            for article_id, values in (fields or {}).items():
                mine = dict(data["fields"].get(article_id, {}))
                for key, value in values.items():
                    if key not in ARTICLE_FIELDS:
                        raise ValueError(f"{key!r} is not an article field a user can set")
                    if value is None or not str(value).strip():
                        mine.pop(key, None)
                    else:
                        mine[key] = str(value).strip()
                if mine:
                    data["fields"][article_id] = mine
                else:
                    data["fields"].pop(article_id, None)
            self._save()

    def article_fields(self, article_id: str) -> dict[str, str]:
        """The metadata the user set for an article besides its outlet ({"kind": "opinion"})."""
        return dict(self._overrides()["fields"].get(article_id, {}))

    def carry_article(self, old_id: str, new_id: str) -> bool:
        """An article's file changed (a new content hash): what the user said about it still holds."""
        data = self._overrides()
        outlet, fields = data["articles"].get(old_id), data["fields"].get(old_id)
        if (outlet is None and not fields) or old_id == new_id:
            return False
        if data["articles"].get(new_id) == outlet and data["fields"].get(new_id) == fields:
            return False
        self.assign_articles({new_id: outlet} if outlet else None, {new_id: dict(fields)} if fields else None)
        return True

    def article_outlet(self, article_id: str) -> Outlet | None:
        """The outlet the user assigned to an article, or None if they did not."""
        name = self._overrides()["articles"].get(article_id)
        if name is None:
            return None
        return self.resolve(name=name) or Outlet(
            name=name, origin="user", type="unknown",
            unrated_reason="assigned by you; not in the outlet registry")

    def is_loaded(self) -> bool:
        """Whether the registry has been read (painting may then ask it without a wait)."""
        return self._index is not None

    def snapshot(self) -> dict[str, Any]:
        """A copy of the user's overrides as they are now (Undo of a label edit)."""
        with self._lock:
            return copy.deepcopy(self._overrides())

    def restore_snapshot(self, data: dict[str, Any]) -> None:
        """Write back overrides taken by ``snapshot`` (every label and assignment as it was)."""
        with self._lock:
            self._data = copy.deepcopy(data)
            self._save()

    def _label_key(self, outlet_name: str) -> str:
        """Reuse an existing label's key when the user names the same outlet differently."""
        labels = self._overrides()["labels"]
        wanted = self.resolve(name=outlet_name)
        for key in labels:
            if name_key(key) == name_key(outlet_name) or (wanted is not None and self.resolve(name=key) is wanted):
                return key
        return wanted.name if wanted is not None else outlet_name.strip()


def _apply(outlet: Outlet, name: str, label: dict[str, Any]) -> Outlet:
    """The outlet with the user's label as current rating and their extra names/domains."""
    try:
        value = normalize_lean(str(label.get("value", UNRATED)))
    except ValueError:
        value = UNRATED
    rating = Rating(source=str(label.get("source") or "user"), scale=str(label.get("scale") or USER_SCALE),
                    value=value, date=str(label.get("date", "")), url=str(label.get("url", "")),
                    note=str(label.get("note", "")), current=True)
    old = tuple(dataclasses.replace(r, current=False) for r in outlet.ratings)
    aliases = list(outlet.aliases)
    extra_aliases = label.get("aliases") if isinstance(label.get("aliases"), list) else []
    extra_domains = label.get("domains") if isinstance(label.get("domains"), list) else []
    for a in [name, *extra_aliases]:
        if isinstance(a, str) and a and a != outlet.name and a not in aliases:
            aliases.append(a)
    domains = list(outlet.domains) + [d for d in extra_domains if isinstance(d, str) and d not in outlet.domains]
    return dataclasses.replace(
        outlet, ratings=(*old, rating), aliases=tuple(aliases), domains=tuple(domains),
        country=str(label.get("country") or outlet.country),
        ownership=str(label.get("ownership") or outlet.ownership),
        unrated_reason="marked unrated by you" if value == UNRATED else "",
        origin="user" if outlet.origin == "user" else "user-edited")


@functools.lru_cache(maxsize=1)
def default_registry() -> OutletRegistry:
    """The app's one registry: bundled TOML plus ``user_config_dir()/outlets.json``."""
    from reader.paths import user_config_dir

    return OutletRegistry(builtin_path(), user_config_dir() / "outlets.json")
