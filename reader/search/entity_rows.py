"""A result set's entities, most mentioned first, made into rows only when read.

The entities panel of a whole 10k library holds some 38,000 entities, of which
the dock shows a few dozen. Making an ``EntityCount`` for each on the panels'
worker, sorting them there, and sorting and keying them again in the window's
model cost about half a second of CPU per keystroke at 10k (several at 100k),
much of it holding the interpreter lock the window needs to paint.

``EntityCounts`` holds a result's entity numbers and counts as arrays, already
in the panel's order (most mentioned first, then by name, then by id), and makes
a row when one is read. The entities model sorts and filters it through
``order`` and ``matching``, computed on per-table ranks with numpy, without
making rows. ``EntityRows`` is the same interface over a plain list of rows
(small callers and tests); both answer alike (``tests/test_entity_rows.py``).
"""
from __future__ import annotations

from typing import Any, Callable, Iterator, Sequence, overload

import numpy as np

from reader.names.normalise import fold
from reader.search.articles import EntityCount

COL_NAME, COL_TYPE, COL_COUNT = 0, 1, 2  # the panel's columns, left to right


def sort_key(item: EntityCount, column: int) -> Any:
    """What a column sorts by: the name case-folded, the type, the count."""
    if column == COL_NAME:
        return item.name.casefold()
    return item.type if column == COL_TYPE else item.count


def spelled(forms: Sequence[str], needle: str) -> bool:
    """Whether a folded spelling has a word starting with the folded ``needle``
    (so "us" finds "U.S." but not "Russia")."""
    return any(f.startswith(needle) or f" {needle}" in f" {f}" for f in forms)


def folded_forms(item: EntityCount) -> tuple[str, ...]:
    return tuple(fold(form) for form in (item.name, *item.aliases))


def stable_order(keys: np.ndarray, descending: bool) -> np.ndarray:
    """Positions sorted by ``keys`` (ranks, ints), ties in the given order either way,
    as ``list.sort(reverse=...)`` leaves them."""
    keys = np.asarray(keys, dtype=np.int64)
    return np.argsort(-keys if descending else keys, kind="stable")


class EntityRows(Sequence[EntityCount]):
    """Entity rows in a given order, with the panel's sort (``order``) and filter
    (``matching``); this base computes both from the rows themselves."""

    def __init__(self, rows: Sequence[EntityCount] = ()) -> None:
        self._rows = list(rows)

    def __len__(self) -> int:
        return len(self._rows)

    def row(self, i: int) -> EntityCount:
        return self._rows[i]

    @overload
    def __getitem__(self, i: int) -> EntityCount: ...
    @overload
    def __getitem__(self, i: slice) -> list[EntityCount]: ...

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self.row(j) for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self.row(i)

    def __iter__(self) -> Iterator[EntityCount]:
        return (self.row(i) for i in range(len(self)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (str, bytes)) or not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other))

    __hash__ = None  # type: ignore[assignment]  # compared by rows, like a list

    def __repr__(self) -> str:
        head = ", ".join(repr(r) for r in self[:3])
        return f"{type(self).__name__}({len(self)} rows: {head}{', …' if len(self) > 3 else ''})"

    def order(self, column: int, descending: bool = False) -> np.ndarray:
        """Positions of the rows sorted by a column (stable: ties keep the given order)."""
        keys = [sort_key(r, column) for r in self]
        positions = sorted(range(len(keys)), key=keys.__getitem__, reverse=descending)
        return np.asarray(positions, dtype=np.int64)

    def matching(self, needle: str, etype: str = "") -> np.ndarray:
        """A mask of the rows of type ``etype`` ("": any) with a spelling that has a word
        starting with ``needle`` (folded; "": any)."""
        return np.fromiter(((not etype or r.type == etype) and (not needle or spelled(folded_forms(r), needle))
                            for r in self), dtype=bool, count=len(self))


class EntityAttributes:
    """Name, type and spellings of every entity number of one ``PanelTable``, with the
    ranks sorting needs; rows are made from these on demand."""

    def __init__(self, ids: list[str], names: list[str], types: list[str],
                 aliases: list[Sequence[str] | None]) -> None:
        self.ids, self.names, self.types = ids, names, types
        self._aliases = aliases  # None: the name alone
        # the panel's own order: by name (lowercase), then by id
        self.name_rank = _ranks(sorted(range(len(ids)), key=lambda i: (names[i].lower(), ids[i])), len(ids))
        self._fold_rank: np.ndarray | None = None
        self._type_rank: np.ndarray | None = None
        self._type_code: np.ndarray | None = None
        self._type_names: dict[str, int] = {}
        self._forms: dict[int, tuple[str, ...]] = {}

    def row(self, n: int, count: int) -> EntityCount:
        aliases = self._aliases[n]
        return EntityCount(self.ids[n], self.names[n], self.types[n], count,
                           tuple(aliases) if aliases is not None else (self.names[n],))

    def fold_rank(self) -> np.ndarray:
        """Dense ranks of the case-folded names (the name column's sort)."""
        if self._fold_rank is None:
            self._fold_rank = _dense(self.names, str.casefold)
        return self._fold_rank

    def type_rank(self) -> np.ndarray:
        if self._type_rank is None:
            self._type_rank = _dense(self.types, None)
        return self._type_rank

    def type_code(self, etype: str) -> tuple[np.ndarray, int]:
        """Each entity's type as a number, and the number of ``etype`` (-1: none has it)."""
        if self._type_code is None:
            codes = {t: n for n, t in enumerate(dict.fromkeys(self.types))}
            self._type_code = np.fromiter((codes[t] for t in self.types), dtype=np.int32, count=len(self.types))
            self._type_names = codes
        return self._type_code, self._type_names.get(etype, -1)

    def forms(self, n: int) -> tuple[str, ...]:
        """The folded spellings of entity ``n`` (kept: the filter box asks on every letter)."""
        forms = self._forms.get(n)
        if forms is None:
            aliases = self._aliases[n]
            forms = self._forms[n] = tuple(fold(f) for f in (self.names[n], *(aliases or ())))
        return forms


def _ranks(order: list[int], size: int) -> np.ndarray:
    rank = np.empty(size, dtype=np.int64)
    rank[np.asarray(order, dtype=np.int64)] = np.arange(size, dtype=np.int64)
    return rank


def _dense(values: list[str], key: Callable[[str], str] | None) -> np.ndarray:
    """Equal values (under ``key``) share a rank; ranks follow the values' order."""
    keyed = [key(v) for v in values] if key is not None else values
    rank_of = {v: r for r, v in enumerate(sorted(set(keyed)))}
    return np.fromiter((rank_of[v] for v in keyed), dtype=np.int64, count=len(keyed))


class EntityCounts(EntityRows):
    """A result's entities as entity numbers and counts in the panel's order; a row is
    made when it is read (and kept)."""

    def __init__(self, attributes: EntityAttributes, numbers: np.ndarray, counts: np.ndarray) -> None:
        super().__init__()
        self._attrs, self._numbers, self._counts = attributes, numbers, counts
        self._made: dict[int, EntityCount] = {}

    @classmethod
    def counted(cls, attributes: EntityAttributes, counts: np.ndarray) -> "EntityCounts":
        """The entities with a count, most mentioned first, then by name, then by id."""
        present = np.flatnonzero(counts)
        n = counts[present]
        order = np.lexsort((attributes.name_rank[present], -n))
        return cls(attributes, present[order], n[order])

    def __len__(self) -> int:
        return len(self._numbers)

    def row(self, i: int) -> EntityCount:
        made = self._made.get(i)
        if made is None:
            made = self._made[i] = self._attrs.row(int(self._numbers[i]), int(self._counts[i]))
        return made

    def order(self, column: int, descending: bool = False) -> np.ndarray:
        if column == COL_COUNT:
            if descending:  # the given order already: counts fall, ties by name
                return np.arange(len(self), dtype=np.int64)
            return stable_order(self._counts, False)
        ranks = self._attrs.fold_rank() if column == COL_NAME else self._attrs.type_rank()
        return stable_order(ranks[self._numbers], descending)

    def matching(self, needle: str, etype: str = "") -> np.ndarray:
        mask = np.ones(len(self), dtype=bool)
        if etype:
            codes, wanted = self._attrs.type_code(etype)
            mask &= codes[self._numbers] == wanted
        if needle:
            forms = self._attrs.forms
            numbers = self._numbers.tolist()
            for i in np.flatnonzero(mask).tolist():
                mask[i] = spelled(forms(numbers[i]), needle)
        return mask
