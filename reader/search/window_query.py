"""What the window asks for: the typed query, the entity filters it shows as chips, the dates.

Kept apart from the controller (which only starts searches and routes their
answers) so the state and its rules are plain Python: each change says
whether anything changed, and ``filters()`` is what the search is given.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from reader.search.filters import Filters


@dataclass(frozen=True)
class EntityFilter:
    key: str  # the index's entity key, "person:ned price"
    name: str  # shown on the chip


@dataclass
class WindowQuery:
    query: str = ""
    entities: list[EntityFilter] = field(default_factory=list)
    date_range: tuple[str, str] = ("", "")  # published from / to: ISO prefixes, "" for an open end

    def filters(self) -> Filters:
        return Filters(entities=tuple(f.key for f in self.entities), published_from=self.date_range[0],
                       published_to=self.date_range[1])

    def add_entity(self, key: str, name: str) -> bool:
        if any(f.key == key for f in self.entities):
            return False
        self.entities.append(EntityFilter(key, name))
        return True

    def remove_entity(self, key: str) -> bool:
        kept = [f for f in self.entities if f.key != key]
        changed, self.entities = len(kept) != len(self.entities), kept
        return changed

    def clear_entities(self) -> bool:
        changed, self.entities = bool(self.entities), []
        return changed

    def set_dates(self, start: str, end: str) -> bool:
        changed, self.date_range = (start, end) != self.date_range, (start, end)
        return changed
