"""The user's corrections, named the way a user names things: "merge Trump into Donald Trump".

The command line and the entities panel both come here: a name (or an entity
id) is found in the table, turned into the per-article keys the corrections
file stores, and the file is changed atomically. The next table read applies
it (``reader.names.store``); the index is not touched and spaCy does not run.
"""
from __future__ import annotations

from dataclasses import dataclass

from reader.names.corrections import CorrectionsFile, default_corrections
from reader.names.normalise import fold
from reader.names.query import LibraryNames, resolve_name


class NotFound(ValueError):
    """No entity, or more than one, has the name the user gave."""


@dataclass(frozen=True)
class Chosen:
    id: str
    name: str
    keys: tuple[str, ...]


def choose_entity(names: LibraryNames, text: str) -> Chosen:
    """The one entity ``text`` names: its id, one of its keys, or its name or an alias."""
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


def merge(entities: list[Chosen], corrections: CorrectionsFile | None = None) -> None:
    keys = [k for e in entities for k in e.keys]
    if len({e.id for e in entities}) < 2:
        raise ValueError("name two different entities to merge")
    (corrections or default_corrections()).merge(keys)


def split(keys: list[str], together: bool = True, corrections: CorrectionsFile | None = None) -> None:
    """Take these keys out of their entity: as one entity of their own (``together``: "Trump"
    written as a person and as an organisation), or each apart."""
    (corrections or default_corrections()).split(keys, together)


def rename(entity: Chosen, name: str, corrections: CorrectionsFile | None = None) -> None:
    (corrections or default_corrections()).rename(entity.keys, name)


def retype(entity: Chosen, etype: str, corrections: CorrectionsFile | None = None) -> None:
    (corrections or default_corrections()).retype(entity.keys, etype)


def forget(entity: Chosen, corrections: CorrectionsFile | None = None) -> None:
    (corrections or default_corrections()).forget(entity.keys)
