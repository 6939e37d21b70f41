"""The columns the panels count, read once per index generation and name table, as arrays.

Every keystroke's panels count the entities of every match and list every
match's outlet, lean and ownership. Reading those columns document by
document (Whoosh's column reader, then decoding each entity line, keying it
and mapping it through the name table) cost about 0.4 s of CPU for 10,000
matches, and grew with the result set. A generation never changes, nor does
the name table it was read with, so the first panels of a generation read the
columns once into a ``PanelTable``: for each document the canonical entity ids
it mentions (each once, as ``entity_counts`` counts an article once per
entity) and the first line naming each of its per-article keys, plus its
outlet, lean and ownership. A result set's entity counts are then a gather and
a ``bincount``.

``entity_counts`` answers exactly as the per-document loop did: the same
entities, names, types, aliases and counts, most mentioned first, then by
name (then, where the loop left ties in a set's order, by id); an entity no
rule joined is named as the library writes it (``LibraryNames.displays``),
else by the first line naming its key in the result's order.
"""
from __future__ import annotations

import threading
import weakref
from array import array
from collections import Counter
from typing import TYPE_CHECKING, Iterable

import numpy as np

from reader.search import fields as F
from reader.search.documents import entity_key

if TYPE_CHECKING:
    from reader.search.articles import EntityCount
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
        self._names = weakref.ref(names)  # the table is kept for its names, not the other way
        table = names.table
        columns = view.columns()
        docnums = view.all_docnums()
        size = (max(docnums) + 1) if docnums else 0
        contextual = {k for k, _o in table.context}
        line_id: dict[bytes, int] = {}
        line_key: list[int] = []  # line id -> key id (-1: no entity on that line)
        self.line_names: list[tuple[str, str]] = []  # line id -> (type, name) as written
        key_id: dict[str, int] = {}
        self.keys: list[str] = []
        key_home: list[int] = []  # key id -> entity id outside any context (-1: contextual key)
        self._entity_id: dict[str, int] = {}
        self.entity_ids: list[str] = []
        ids, firsts = array("i"), array("i")
        id_lengths = np.zeros(size, dtype=np.int64)
        first_lengths = np.zeros(size, dtype=np.int64)
        pair_of: dict[tuple[str, str], int] = {}
        self.pairs: list[tuple[str, str]] = []  # (outlet, bias) of a pair id
        owner_of: dict[str, int] = {}
        self.owners: list[str] = []
        doc_pair = np.zeros(size, dtype=np.int32)
        doc_owner = np.zeros(size, dtype=np.int32)
        for docnum in docnums:
            outlet = columns.get(F.OUTLET_NAME, docnum) or ""
            first_line: dict[int, int] = {}  # key id -> its first line here, in the article's order
            for line in (columns.get(F.ENTITY_LIST, docnum) or b"").split(b"\n"):
                lid = line_id.get(line)
                if lid is None:
                    lid = line_id[line] = len(line_key)
                    etype, _, name = line.decode("utf-8", "replace").partition(":")
                    kid = -1
                    if name:
                        key = entity_key(etype, name)
                        kid = key_id.get(key, -1)
                        if kid < 0:
                            kid = key_id[key] = len(self.keys)
                            self.keys.append(key)
                            key_home.append(-1 if key in contextual else self._id(table.canonical(key)))
                    line_key.append(kid)
                    self.line_names.append((etype, name))
                kid = line_key[lid]
                if kid >= 0 and kid not in first_line:
                    first_line[kid] = lid
            seen = {key_home[k] if key_home[k] >= 0 else self._id(table.canonical(self.keys[k], outlet))
                    for k in first_line}
            ids.extend(seen)
            firsts.extend(first_line.values())
            id_lengths[docnum], first_lengths[docnum] = len(seen), len(first_line)
            pair = (outlet, (columns.get(F.BIAS, docnum) or "unknown").lower())
            doc_pair[docnum] = pair_of.setdefault(pair, len(pair_of))
            if doc_pair[docnum] == len(self.pairs):
                self.pairs.append(pair)
            owner = (columns.get(F.OWNERSHIP, docnum) or "unknown").lower()
            doc_owner[docnum] = owner_of.setdefault(owner, len(owner_of))
            if doc_owner[docnum] == len(self.owners):
                self.owners.append(owner)
        self._ids = _Ragged(ids, id_lengths)
        self._firsts = _Ragged(firsts, first_lengths)
        self._line_key = np.asarray(line_key, dtype=np.int32)
        self._key_of_id = np.asarray([key_id.get(i, -1) for i in self.entity_ids], dtype=np.int64)
        self._doc_pair, self._doc_owner = doc_pair, doc_owner

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

    def entity_counts(self, docs: np.ndarray) -> list[EntityCount]:
        """The entities of ``docs`` (in the result's order), most mentioned first."""
        from reader.search.articles import EntityCount

        counts = np.bincount(self._ids.gather(docs), minlength=len(self.entity_ids))
        present = np.flatnonzero(counts).tolist()
        names = self._names()
        table = names.table
        loose = [i for i in present if self.entity_ids[i] not in table.entities]
        shown = self._first_lines(docs, loose)  # entity number -> (type, name) as first written
        written = names.displays([self.entity_ids[i] for i in loose],
                                      {self.entity_ids[i]: name for i, (_t, name) in shown.items()})
        out = []
        for i in present:
            entity_id, n = self.entity_ids[i], int(counts[i])
            ent = table.entities.get(entity_id)
            if ent is not None:
                out.append(EntityCount(entity_id, ent.name, ent.type, n, tuple(ent.aliases)))
            else:
                etype = shown[i][0] if i in shown else ""
                name = written[entity_id]
                out.append(EntityCount(entity_id, name, etype, n, (name,)))
        out.sort(key=lambda e: (-e.count, e.name.lower(), e.key))
        return out

    def _first_lines(self, docs: np.ndarray, wanted: list[int]) -> dict[int, tuple[str, str]]:
        """For entities that are a key of their own: the first line naming that key in
        ``docs``' order (an entity only a context maps to may have none)."""
        keys = self._key_of_id[wanted] if wanted else np.zeros(0, dtype=np.int64)
        keys = keys[keys >= 0]
        if not len(keys):
            return {}
        needed = np.zeros(len(self.keys), dtype=bool)
        needed[keys] = True
        lines = self._firsts.gather(docs)
        lines = lines[needed[self._line_key[lines]]]
        line_keys = self._line_key[lines]
        unique, at = np.unique(line_keys, return_index=True)
        first = dict(zip(unique.tolist(), lines[at].tolist()))
        return {i: self.line_names[first[int(self._key_of_id[i])]] for i in wanted
                if int(self._key_of_id[i]) in first}


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
