"""The columns the panels count, read once per index generation and name table, as arrays.

Every keystroke's panels count the entities of every match and list every
match's outlet, lean and ownership. Reading those columns document by
document (Whoosh's column reader, then decoding each entity line, keying it
and mapping it through the name table) cost about 0.4 s of CPU for 10,000
matches, and grew with the result set. A generation never changes, nor does
the name table it was read with, so the first panels of a generation read the
columns once into a ``PanelTable``: for each document the canonical entity ids
it mentions (each once, as ``entity_counts`` counts an article once per
entity), its outlet, lean, ownership and number of statements, and each
entity's name, type and spellings (``EntityAttributes``). A result set's
entity counts are then a gather and a ``bincount``, ordered with numpy and
made into rows only when read (``reader.search.entity_rows.EntityCounts``).

``entity_counts`` answers as the per-document loop did: the same entities,
names, types, aliases and counts, most mentioned first, then by name (then,
where the loop left ties in a set's order, by id). An entity no rule joined is
named as the library writes it (``LibraryNames.displays``), else as the first
line naming its key in the library writes it, and typed by that line (the loop
took the first such line in the result's order: the same line's type, unless
one key were written with types differing in case, which the analysis never
writes).
"""
from __future__ import annotations

import threading
import weakref
from array import array
from collections import Counter
from typing import TYPE_CHECKING, Iterable, Sequence

import numpy as np

from reader.search import fields as F
from reader.search.documents import entity_key
from reader.search.entity_rows import EntityAttributes, EntityCounts
from reader.search.quotes import statement_kinds

if TYPE_CHECKING:
    from reader.search.view import IndexView


class _Ragged:
    """Per-document runs of ints in one flat array, gathered for a set of documents."""

    def __init__(self, flat: array, lengths: np.ndarray) -> None:
        self.flat = np.frombuffer(flat, dtype=np.int32) if len(flat) else np.zeros(0, dtype=np.int32)
        self.lengths = lengths
        self.starts = np.cumsum(lengths) - lengths

    def gather(self, docs: np.ndarray) -> np.ndarray:
        """The runs of ``docs``, concatenated in that order."""
        lengths = self.lengths[docs]
        total = int(lengths.sum())
        if not total:
            return np.zeros(0, dtype=np.int32)
        offsets = np.cumsum(lengths) - lengths
        where = np.repeat(self.starts[docs] - offsets, lengths) + np.arange(total)
        return self.flat[where]


class PanelTable:
    """One generation's entity, outlet, lean and ownership columns under one name table."""

    def __init__(self, view: IndexView, names) -> None:
        table = names.table
        columns = view.columns()
        docnums = view.all_docnums()
        size = (max(docnums) + 1) if docnums else 0
        contextual = {k for k, _o in table.context}
        line_key: dict[bytes, int] = {}  # entity line -> key id (-1: no entity on that line)
        key_id: dict[str, int] = {}
        keys: list[str] = []
        key_line: list[tuple[str, str]] = []  # key id -> (type, name) of the library's first line naming it
        key_home: list[int] = []  # key id -> entity id outside any context (-1: contextual key)
        self._entity_id: dict[str, int] = {}
        self.entity_ids: list[str] = []
        ids = array("i")
        id_lengths = np.zeros(size, dtype=np.int64)
        pair_of: dict[tuple[str, str], int] = {}
        self.pairs: list[tuple[str, str]] = []  # (outlet, bias) of a pair id
        owner_of: dict[str, int] = {}
        self.owners: list[str] = []
        doc_pair = np.zeros(size, dtype=np.int32)
        doc_owner = np.zeros(size, dtype=np.int32)
        quote_counts = np.zeros(size, dtype=np.int64)
        gone = set(range(size)).difference(docnums) if len(docnums) < size else set()  # deleted
        # whole columns read in document order (half the time of a lookup per document)
        rows = zip(range(size), *(columns.each(name) for name in (F.OUTLET_NAME, F.ENTITY_LIST, F.BIAS,
                                                                   F.OWNERSHIP, F.QUOTE_COUNT)))
        for docnum, outlet, entity_list, bias, owner, quotes in rows:
            if docnum in gone:
                continue
            outlet = outlet or ""
            mentioned: dict[int, None] = {}  # key ids named here, in the article's order
            for line in (entity_list or b"").split(b"\n"):
                kid = line_key.get(line)
                if kid is None:
                    etype, _, name = line.decode("utf-8", "replace").partition(":")
                    kid = -1
                    if name:
                        key = entity_key(etype, name)
                        kid = key_id.get(key, -1)
                        if kid < 0:
                            kid = key_id[key] = len(keys)
                            keys.append(key)
                            key_line.append((etype, name))
                            key_home.append(-1 if key in contextual else self._id(table.canonical(key)))
                    line_key[line] = kid
                if kid >= 0:
                    mentioned[kid] = None
            seen = {key_home[k] if key_home[k] >= 0 else self._id(table.canonical(keys[k], outlet))
                    for k in mentioned}
            ids.extend(seen)
            id_lengths[docnum] = len(seen)
            pair = (outlet, (bias or "unknown").lower())
            doc_pair[docnum] = pair_of.setdefault(pair, len(pair_of))
            if doc_pair[docnum] == len(self.pairs):
                self.pairs.append(pair)
            owner = (owner or "unknown").lower()
            doc_owner[docnum] = owner_of.setdefault(owner, len(owner_of))
            if doc_owner[docnum] == len(self.owners):
                self.owners.append(owner)
            quote_counts[docnum] = int(quotes or 0)
        self._ids = _Ragged(ids, id_lengths)
        self._doc_pair, self._doc_owner = doc_pair, doc_owner
        self.quote_counts = quote_counts  # statements per document (what the quotes panel lists)
        self._kinds = np.full((size, 2), -1, dtype=np.int32)  # (quoted, reported) per document, once read
        self.entities = _attributes(names, self.entity_ids, key_id, key_line)

    def _id(self, entity_id: str) -> int:
        n = self._entity_id.get(entity_id)
        if n is None:
            n = self._entity_id[entity_id] = len(self.entity_ids)
            self.entity_ids.append(entity_id)
        return n

    # -- a result set's panels -----------------------------------------------------------
    def outlets(self, docs: np.ndarray) -> list[tuple[str, str]]:
        """(outlet, bias) of each document, in that order."""
        pairs = self.pairs
        return [pairs[p] for p in self._doc_pair[docs].tolist()]

    def coverage(self, docs: np.ndarray) -> dict[str, Counter]:
        """Articles per bias token and per ownership token (what the coverage bar shows)."""
        bias: Counter = Counter()
        for p, n in enumerate(np.bincount(self._doc_pair[docs], minlength=len(self.pairs)).tolist()):
            if n:
                bias[self.pairs[p][1]] += n
        owners = np.bincount(self._doc_owner[docs], minlength=len(self.owners)).tolist()
        return {"bias": bias, "ownership": Counter({o: n for o, n in zip(self.owners, owners) if n})}

    def quote_kinds(self, view: IndexView, docnums: Sequence[int]) -> tuple[int, int]:
        """Statements with quoted words and reported ones in these documents; each
        document's pair is read once (its ``quote_list``), then kept."""
        docs = np.asarray(docnums, dtype=np.int64)
        kinds = self._kinds
        for docnum in docs[kinds[docs, 0] < 0].tolist():
            kinds[docnum] = statement_kinds(view, docnum, int(self.quote_counts[docnum]))
        quoted, reported = kinds[docs].sum(axis=0).tolist() if len(docs) else (0, 0)
        return int(quoted), int(reported)

    def entity_counts(self, docs: np.ndarray) -> EntityCounts:
        """The entities of ``docs``, most mentioned first (rows made when read)."""
        counts = np.bincount(self._ids.gather(docs), minlength=len(self.entity_ids))
        return EntityCounts.counted(self.entities, counts)


def _attributes(names, entity_ids: list[str], key_id: dict[str, int],
                key_line: list[tuple[str, str]]) -> EntityAttributes:
    """Name, type and spellings of each entity: the table's for an entry; for a key no
    rule joined, its type as the library's first line naming it writes it, and its name as
    the library writes it (``LibraryNames.displays``, else that first line's)."""
    table = names.table
    first = [key_line[k] if (k := key_id.get(e, -1)) >= 0 else None for e in entity_ids]
    loose = [n for n, e in enumerate(entity_ids) if e not in table.entities]
    written = names.displays([entity_ids[n] for n in loose],
                             {entity_ids[n]: first[n][1] for n in loose if first[n] is not None})
    shown, types, aliases = [], [], []
    for n, entity_id in enumerate(entity_ids):
        ent = table.entities.get(entity_id)
        if ent is not None:
            shown.append(ent.name)
            types.append(ent.type)
            aliases.append(ent.aliases)
        else:
            shown.append(written[entity_id])
            types.append(first[n][0] if first[n] is not None else "")
            aliases.append(None)
    return EntityAttributes(entity_ids, shown, types, aliases)


_tables: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # LibraryNames -> PanelTable
_lock = threading.Lock()


def panel_table(view: IndexView) -> PanelTable:
    """The table of ``view`` under its current name table, built on first use (by the
    worker that asks first; others wait for it rather than build it twice)."""
    names = view.names()
    with _lock:
        table = _tables.get(names)
        if table is None:
            table = _tables[names] = PanelTable(view, names)
        return table


def as_docs(docnums: Iterable[int] | None, view: IndexView) -> np.ndarray:
    """Document numbers as the array the table gathers with (None: the whole library)."""
    source = view.all_docnums() if docnums is None else docnums
    if isinstance(source, np.ndarray):
        return source.astype(np.int64, copy=False)
    return np.fromiter(source, dtype=np.int64)
