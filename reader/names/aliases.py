"""What the name table knows before it reads any article.

- the curated alias list (``resources/name_aliases.toml``): names that fold
  differently but name one thing ("UK" and "Britain"), with the type that thing has;
- type hints: a name on the place list (``resources/places.txt``: countries,
  capitals, big cities) gets a vote for "place", the name of a news outlet of the
  outlet registry a vote for "organisation". A hint is a vote, never a verdict:
  Chad, Georgia and Houston are also people.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reader.names.normalise import fold


@dataclass(frozen=True)
class CuratedEntity:
    name: str
    type: str
    aliases: tuple[str, ...]


class CuratedAliases:
    """Folded form -> the curated entity it names, and the type hint of a folded name."""

    def __init__(self, entities: list[CuratedEntity], hints: dict[str, str] | None = None) -> None:
        self.entities = entities
        self.hints = dict(hints or {})
        self._by_fold: dict[str, CuratedEntity] = {}
        for ent in entities:
            for form in (ent.name, *ent.aliases):
                self._by_fold.setdefault(fold(form), ent)

    def get(self, folded: str) -> CuratedEntity | None:
        return self._by_fold.get(folded)

    def hint(self, folded: str) -> str | None:
        """"place" or "organisation" for a name the lists know, else None."""
        return self.hints.get(folded)

    @property
    def stamp(self) -> str:
        """Changes when the lists do: stored decisions are then made again."""
        return f"{len(self.entities)}.{len(self.hints)}"


def load_places(path: Path) -> dict[str, str]:
    """Folded place names -> "place" (a missing file gives no hints)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    return {fold(line): "place" for line in lines if line.strip() and not line.startswith("#")}


def outlet_hints(outlets) -> dict[str, str]:
    """Folded names of news outlets -> "organisation" (authors and blogs are left out:
    many are people)."""
    out: dict[str, str] = {}
    for outlet in outlets:
        if outlet.type == "News Media":
            for name in (outlet.name, *outlet.aliases):
                out.setdefault(fold(name), "organisation")
    return out


def load_curated(path: Path, hints: dict[str, str] | None = None) -> CuratedAliases:
    """The list at ``path``; a missing or unreadable file is an empty list (merges by rule only)."""
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError):
        return CuratedAliases([], hints)
    out = []
    for item in data.get("entity", []):
        if isinstance(item, dict) and isinstance(item.get("name"), str) and item.get("type") in (
                "person", "organisation", "place"):
            aliases = tuple(a for a in item.get("aliases", []) if isinstance(a, str))
            out.append(CuratedEntity(item["name"], item["type"], aliases))
    return CuratedAliases(out, hints)


@lru_cache(maxsize=1)
def default_curated() -> CuratedAliases:
    """The bundled lists: aliases, places and the built-in outlet registry's news outlets."""
    from reader.outlets import builtin_path, load_builtin
    from reader.paths import resource_path

    hints = outlet_hints(load_builtin(builtin_path()))
    hints.update(load_places(resource_path("places.txt")))  # a city's newspaper is named after it
    return load_curated(resource_path("name_aliases.toml"), hints)
