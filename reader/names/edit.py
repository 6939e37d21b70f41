"""The user's corrections, named the way a user names things: "merge Trump into Donald Trump".

The command line and the entities panel both come here: a name (or an entity
id) is found in the table, turned into the per-article keys the corrections
file stores, and the file is changed atomically. The next table read applies
it (``reader.names.store``); the index is not touched and spaCy does not run.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from typing import TYPE_CHECKING

from reader.names.corrections import CorrectionsFile, default_corrections
from reader.names.normalise import fold

if TYPE_CHECKING:  # the window imports this module before Whoosh is loaded
    from reader.names.query import LibraryNames


class NotFound(ValueError):
    """No entity, or more than one, has the name the user gave."""


@dataclass(frozen=True)
class Chosen:
    id: str
    name: str
    keys: tuple[str, ...]


def choose_entity(names: LibraryNames, text: str) -> Chosen:
    """The one entity ``text`` names: its id, one of its keys, or its name or an alias."""
    from reader.names.query import resolve_name

    table = names.table
    wanted = text.strip()
    if ":" in wanted and (table.entity(wanted.lower()) or names.keys_named(fold(wanted.partition(":")[2]))):
        ids = [table.home(wanted.lower())]
    else:
        ids = resolve_name(names, wanted)
    if not ids:
        raise NotFound(f"no entity is called “{wanted}”; `parallax entities {wanted}` lists similar names")
    if len(ids) > 1:
        exact = [i for i in ids if (table.entity(i) and fold(table.entity(i).name) == fold(wanted))]
        if len(exact) == 1:
            ids = exact
        else:
            listed = ", ".join(f"{names.display(i)} ({i})" for i in ids[:6])
            raise NotFound(f"“{wanted}” names {len(ids)} entities: {listed}; give one of these ids")
    entity_id = ids[0]
    ent = table.entity(entity_id)
    keys = tuple(ent.keys) if ent is not None else (entity_id,)
    return Chosen(entity_id, names.display(entity_id), keys)


def keys_written(names: LibraryNames, chosen: Chosen, written: str) -> list[str]:
    """The keys of an entity that are written ``written`` (folded), for a split."""
    ent = names.table.entity(chosen.id)
    want = fold(written)
    if ent is None:
        return [k for k in chosen.keys if fold(k.partition(":")[2]) == want]
    return [k for k in ent.keys if fold(ent.label_of(k)) == want or fold(k.partition(":")[2]) == want]


class CorrectionKind(Enum):
    MERGE = "merge"  # the entities are one
    SPLIT = "split"  # these spellings leave the entity, as one entity of their own
    SPLIT_APART = "split apart"  # every spelling of the entity stands alone
    RENAME = "rename"
    RETYPE = "retype"
    FORGET = "forget"  # drop the user's corrections of the entity


@dataclass(frozen=True)
class Correction:
    """One correction as the user asked for it; ``apply`` saves it."""

    kind: CorrectionKind
    entities: tuple[Chosen, ...]
    keys: tuple[str, ...] = ()  # SPLIT: the spellings' keys
    value: str = ""  # RENAME: the name; RETYPE: the type

    def apply(self, corrections: CorrectionsFile | None = None) -> str:
        """Save the correction (atomically); returns what was done, in one sentence."""
        file = corrections or default_corrections()
        first = self.entities[0]
        if self.kind is CorrectionKind.MERGE:
            if len({e.id for e in self.entities}) < 2:
                raise ValueError("name two different entities to merge")
            file.merge([k for e in self.entities for k in e.keys])
            return "Merged " + " and ".join(f"“{e.name}”" for e in self.entities) + "."
        if self.kind is CorrectionKind.SPLIT:
            file.split(self.keys, together=True)
            return f"Split {len(self.keys)} spelling{'s' if len(self.keys) != 1 else ''} off “{first.name}”."
        if self.kind is CorrectionKind.SPLIT_APART:
            file.split(first.keys)
            return f"Split “{first.name}” into its {len(first.keys)} spellings."
        if self.kind is CorrectionKind.RENAME:
            file.rename(first.keys, self.value)
            return f"Renamed “{first.name}” to “{self.value.strip()}”."
        if self.kind is CorrectionKind.RETYPE:
            file.retype(first.keys, self.value)
            return f"“{first.name}” is now a{'n' if self.value[:1] in 'aeiou' else ''} {self.value}."
        file.forget(first.keys)
        return f"Dropped your corrections of “{first.name}”."
