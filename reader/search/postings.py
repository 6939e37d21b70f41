"""A term's postings read straight from Whoosh's W3 posting blocks, a block at a time.

Whoosh decodes postings one matcher call per document, in Python: a common
word's ids and weights took ~1.6 µs a posting, and a phrase's position check
stepped each word's matcher to every candidate (``skip_to``, ``value_as``),
~15 µs a candidate. The blocks themselves are a zlib'd pickle of (id deltas,
weights, encoded values) behind a small pickled header (count, last id, ...);
here a block is decompressed and unpickled once, its ids are a ``cumsum`` and
its weights an array, and a phrase reads only the blocks that hold one of
its candidates and decodes all their positions in one ``pickle.loads``. The
on-disk format is Whoosh's own: nothing is written. Any other codec, or a
value this does not recognise, goes through Whoosh's own matchers.
"""
from __future__ import annotations

import re
import zlib
from itertools import chain
from pickle import loads
from typing import Iterator

import numpy as np

_PICKLE2 = b"\x80\x02"
# A block pickle's first two items: the id deltas (ints: K, M or J opcodes) as a tuple, then the
# weights (None, one float, or a tuple of floats), each maybe memoised (q or r): read without the
# values after them (most of the block's bytes, one ``_codecs.encode`` call each to unpickle).
_INTS = rb"(?:K.|M..|J....)"
_FLOATS = rb"G.{8}"
_PUT = rb"(?:q.|r....)?"
_HEAD = re.compile(
    rb"\x80\x02(?:\(" + _INTS + rb"*t|" + _INTS + rb"{1,3}[\x85\x86\x87])" + _PUT
    + rb"(?:N|" + _FLOATS + rb"|\((?:" + _FLOATS + rb")*t" + _PUT + rb"|(?:" + _FLOATS + rb"){1,3}[\x85\x86\x87]" + _PUT + rb")",
    re.S)


def leaf_matchers(searcher, fieldname: str, btext: bytes) -> Iterator[tuple[object, int]]:
    """(a fresh matcher of the term's postings, the segment's first document number) per segment."""
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        if (fieldname, btext) not in reader:
            continue
        try:
            matcher = reader._terms.matcher(fieldname, btext, reader.schema[fieldname].format)
        except AttributeError:  # not a plain segment reader: Whoosh's own way
            matcher = reader.postings(fieldname, btext)
        yield matcher, offset


def _is_w3(matcher) -> bool:
    return type(matcher).__name__ == "W3LeafMatcher" and hasattr(matcher, "_goto") and not matcher._byteids


def _blocks(m) -> Iterator[object]:
    """The matcher positioned on each of its blocks in turn (only each block's header is read)."""
    while m.is_active():
        yield m
        if m._lastblock:
            return
        m._goto(m._nextoffset)


def _data(m) -> tuple:
    """The current block's (id deltas, weights, values), as Whoosh's ``_read_data`` loads it."""
    raw = m._postfile.get(m._dataoffset, m._nextoffset - m._dataoffset)
    return loads(zlib.decompress(raw) if m._compression else raw)


def _head(m) -> tuple:
    """The current block's (id deltas, weights) only: the start of its data is decompressed
    (at most 14 bytes a posting hold them) and unpickled; the whole block if that fails."""
    raw = m._postfile.get(m._dataoffset, m._nextoffset - m._dataoffset)
    count = m._blocklength
    start = zlib.decompressobj().decompress(raw, 14 * count + 16) if m._compression else raw
    found = _HEAD.match(start)
    if found is not None:
        head = loads(found.group() + b"\x86.")  # TUPLE2, STOP
        deltas, weights = head
        if (len(deltas) == count and (weights is None or isinstance(weights, float) or len(weights) == count)
                and sum(deltas) == m._maxid):
            return head
    return _data(m)[:2]


def _ids(data: tuple) -> np.ndarray:
    return np.cumsum(np.asarray(data[0], dtype=np.int64))


def _weights(data: tuple, count: int) -> np.ndarray:
    weights = data[1]
    if weights is None:
        return np.ones(count, dtype=np.float64)
    if isinstance(weights, float):  # Whoosh keeps block weights as float32
        return np.full(count, np.float32(weights), dtype=np.float64)
    return np.asarray(weights, dtype=np.float64)


def ids(matcher) -> np.ndarray:
    """A fresh leaf matcher's ids (its segment's numbers)."""
    if not _is_w3(matcher):
        return np.fromiter(matcher.all_ids(), dtype=np.int64)
    parts = [_ids(_head(m)) for m in _blocks(matcher)]
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)


def ids_and_weights(matcher) -> tuple[np.ndarray, np.ndarray]:
    """A fresh leaf matcher's ids and weights, every posting (deleted documents included)."""
    m = getattr(matcher, "child", None) if type(matcher).__name__ == "FilterMatcher" else matcher
    if m is None or m is not matcher or not _is_w3(m):  # deletions or another codec: one at a time
        out_ids, out_weights = [], []
        while matcher.is_active():
            out_ids.append(matcher.id())
            out_weights.append(matcher.weight())
            matcher.next()
        return np.array(out_ids, dtype=np.int64), np.array(out_weights, dtype=np.float64)
    id_parts, weight_parts = [], []
    for block in _blocks(m):
        data = _head(block)
        id_parts.append(_ids(data))
        weight_parts.append(_weights(data, block._blocklength))
    if not id_parts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
    return np.concatenate(id_parts), np.concatenate(weight_parts)


def _runs(lists: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    counts = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
    return counts, np.fromiter(chain.from_iterable(lists), dtype=np.int64, count=int(counts.sum()))


def decode_positions(values: list[bytes], fmt) -> tuple[np.ndarray, np.ndarray]:
    """(how many positions each value holds, all their positions in a row). Whoosh's
    ``Positions`` encoding is a 4-byte count, then a pickled list of deltas: the values' lists
    are joined under one pickle mark and unpickled in one call, and the deltas summed per value
    by numpy. Any other format is decoded by Whoosh, one value at a time."""
    from whoosh.formats import Positions

    if type(fmt) is Positions:
        bodies = []
        for v in values:
            if v[4:6] != _PICKLE2 or v[6:7] != b"]":
                break
            bodies.append(v[6:-1] if v.endswith(b".") else v[6:])
        else:
            deltas = loads(_PICKLE2 + b"(" + b"".join(bodies) + b"l.") if bodies else []
            if len(deltas) == len(values):
                counts, flat_deltas = _runs(deltas)
                sums = np.cumsum(flat_deltas)
                ends = np.cumsum(counts)
                before = np.concatenate(([0], sums[ends[:-1] - 1])) if len(counts) else np.zeros(0, np.int64)
                return counts, sums - np.repeat(before, counts)
    return _runs([fmt.decode_positions(v) for v in values])


def positions_of(matcher, fmt, candidates: np.ndarray, offset: int,
                 expired) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """For the candidates (sorted global document numbers) this segment's term holds: (their
    numbers, how many positions each, all the positions in a row). Only blocks holding a
    candidate are read. None if ``expired()`` said the time is up."""
    found_docs: list[np.ndarray] = []
    found_values: list[bytes] = []
    if _is_w3(matcher):
        local = candidates - offset
        start = 0
        block_ids: list[np.ndarray] = []
        values: list[bytes] = []
        for n, block in enumerate(_blocks(matcher)):
            if n % 16 == 0 and expired():
                return None
            if start >= len(local):
                break
            if local[start] > block._maxid:  # no candidate in this block: its data is not read
                continue
            start = int(np.searchsorted(local, block._maxid, side="right"))
            data = _data(block)
            block_ids.append(_ids(data))
            values.extend(data[2])
        if block_ids:
            read = np.concatenate(block_ids)
            at = np.flatnonzero(np.isin(read, local, assume_unique=True))
            found_docs.append(read[at] + offset)
            found_values = [values[i] for i in at.tolist()]
    else:
        wanted = set((candidates - offset).tolist())
        n = 0
        while matcher.is_active():
            n += 1
            if n % 1024 == 1 and expired():
                return None
            docnum = matcher.id()
            if docnum in wanted:
                found_docs.append(np.array([docnum + offset], dtype=np.int64))
                found_values.append(matcher.value())
            matcher.next()
    docs = np.concatenate(found_docs) if found_docs else np.zeros(0, dtype=np.int64)
    return (docs, *decode_positions(found_values, fmt))


def keys(docs: np.ndarray, counts: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """(document << 32 | position) of every position, sorted."""
    out = (np.repeat(docs, counts) << 32) | positions
    out.sort()
    return out
