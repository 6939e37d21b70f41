"""Sets of matching documents as bit masks: counts, filters and set algebra without scoring.

A result's total, a filter (entity, lean, kind, outlet, date) and the
members the panels count are all "which documents", never "how well". A
Python integer used as a bit mask answers them at C speed: a 60k-article
set is 7.5 kB, ``&``/``|`` take microseconds, and ``bit_count`` is the
total. A term's documents are read from its posting blocks directly (Whoosh
steps through them one matcher call per document otherwise), and kept per
index generation on the view (``IndexView.memo``), so a filter or a word
typed again costs nothing. Ranking (``reader.search.query``) then scores only
the page shown, restricted to these members.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from reader.search.bounds import Budget

# for each byte value, the positions of its set bits (from a mask's bytes to document numbers)
_BITS = [tuple(i for i in range(8) if b >> i & 1) for b in range(256)]


class DocSet:
    """Document numbers of one index generation, as a bit mask."""

    __slots__ = ("bits", "_bytes")

    def __init__(self, bits: int = 0) -> None:
        self.bits = bits
        self._bytes: bytes | None = None

    @classmethod
    def from_ids(cls, ids: Iterable[int]) -> "DocSet":
        ids = ids if isinstance(ids, (list, tuple)) or hasattr(ids, "dtype") else list(ids)
        if not len(ids):
            return cls()
        if len(ids) > 64:  # numpy packs long posting lists (loaded with the first search, not at start)
            import numpy as np

            flags = np.zeros(max(ids) + 1, dtype=np.uint8)
            flags[np.asarray(ids, dtype=np.int64)] = 1
            return cls(int.from_bytes(np.packbits(flags, bitorder="little").tobytes(), "little"))
        bits = 0
        for docnum in (ids.tolist() if hasattr(ids, "dtype") else ids):  # Python ints, not int64
            bits |= 1 << docnum
        return cls(bits)

    def __and__(self, other: "DocSet") -> "DocSet":
        return DocSet(self.bits & other.bits)

    def __or__(self, other: "DocSet") -> "DocSet":
        return DocSet(self.bits | other.bits)

    def __sub__(self, other: "DocSet") -> "DocSet":
        return DocSet(self.bits & ~other.bits)

    def __len__(self) -> int:
        return self.bits.bit_count()

    def __bool__(self) -> bool:
        return self.bits != 0

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DocSet) and other.bits == self.bits

    __hash__ = None  # type: ignore[assignment]

    def _as_bytes(self) -> bytes:
        if self._bytes is None:
            self._bytes = self.bits.to_bytes((self.bits.bit_length() + 7) // 8, "little")
        return self._bytes

    def __contains__(self, docnum: int) -> bool:
        data = self._as_bytes()
        byte = docnum >> 3
        return 0 <= byte < len(data) and bool(data[byte] >> (docnum & 7) & 1)

    def __iter__(self) -> Iterator[int]:
        return iter(self.docnums())

    def docnums(self) -> list[int]:
        """The members in ascending order (index order)."""
        data = self._as_bytes()
        if len(data) > 512:
            import numpy as np

            flags = np.unpackbits(np.frombuffer(data, dtype=np.uint8), bitorder="little")
            return np.flatnonzero(flags).tolist()
        out: list[int] = []
        extend = out.extend
        for i, byte in enumerate(self._as_bytes()):
            if byte:
                base = i << 3
                extend(base + b for b in _BITS[byte])
        return out

    def first(self, n: int) -> list[int]:
        """The ``n`` lowest members."""
        out: list[int] = []
        for i, byte in enumerate(self._as_bytes()):
            if byte:
                out.extend((i << 3) + b for b in _BITS[byte])
                if len(out) >= n:
                    return out[:n]
        return out


def _term_ids(searcher, fieldname: str, btext: bytes) -> Iterator[int]:
    from reader.search import postings  # numpy loads with the first search, not at start

    for matcher, offset in postings.leaf_matchers(searcher, fieldname, btext):
        yield from (postings.ids(matcher) + offset).tolist()


def term_postings(view, fieldname: str, btext: bytes):
    """A scored term's (document numbers, weights) as numpy arrays, deleted documents included
    (a result's members are live), decoded once per generation: the documents a word matches
    and the scores that rank them come from the same posting blocks (decoding them twice was
    most of a first search of a common word at 100k articles)."""
    def compute():
        import numpy as np

        from reader.search import postings

        id_parts, weight_parts = [], []
        for matcher, offset in postings.leaf_matchers(view.searcher(), fieldname, btext):
            ids, weights = postings.ids_and_weights(matcher)
            id_parts.append(ids + offset if offset else ids)
            weight_parts.append(weights)
        if not id_parts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
        return np.concatenate(id_parts), np.concatenate(weight_parts)

    return view.memo(("postings", fieldname, btext), compute)


def term_docs(view, fieldname: str, text: str | bytes) -> DocSet:
    """The live documents holding one indexed term (kept per generation)."""
    searcher = view.searcher()
    field = searcher.schema[fieldname] if fieldname in searcher.schema else None
    if field is None:
        return DocSet()
    try:
        btext = text if isinstance(text, bytes) else field.to_bytes(text)
    except ValueError:
        return DocSet()

    def compute() -> DocSet:
        if field.scorable:  # its postings are decoded once, for ranking too
            return DocSet.from_ids(term_postings(view, fieldname, btext)[0]) & live_docs(view)
        return DocSet.from_ids(_term_ids(searcher, fieldname, btext)) & live_docs(view)

    return view.memo(("term", fieldname, btext), compute)


def live_docs(view) -> DocSet:
    """Every live document of the view's generation."""
    def compute() -> DocSet:
        reader = view.searcher().reader()
        if not reader.has_deletions():  # numbered 0..n-1 with no gaps: the mask is all ones
            return DocSet((1 << reader.doc_count_all()) - 1)
        return DocSet.from_ids(view.all_docnums())

    return view.memo(("live",), compute)


def doc_frequency(view, fieldname: str, text: str) -> int:
    """How many documents hold a term (from the term index: no postings are read)."""
    try:
        return view.searcher().reader().doc_frequency(fieldname, text)
    except (KeyError, ValueError):
        return 0


def rarest_first(view, fieldname: str, words: list[str]) -> list[str]:
    """The distinct words, fewest documents first."""
    return sorted(dict.fromkeys(words), key=lambda w: doc_frequency(view, fieldname, w))


def phrase_candidates(view, fieldname: str, words: list[str], enough: int = 48, at_most: int = 4) -> DocSet:
    """Documents holding the phrase's rarest words: the few candidates its positions are checked in.

    The commoner words are not read whole: the position check reads just the
    blocks of their postings that hold a candidate.
    """
    candidates = live_docs(view)
    for n, word in enumerate(rarest_first(view, fieldname, words)):
        if n >= at_most or (n >= 2 and len(candidates) <= enough):
            break
        candidates = candidates & term_docs(view, fieldname, word)
        if not candidates:
            break
    return candidates


def phrase_docs(view, fieldname: str, words: list[str], candidates: DocSet, budget: Budget,
                slop: int = 1) -> DocSet:
    """The candidates (documents holding the rarest words) in which the words stand in order.

    Positions are read only for the candidates, and compared as sets of
    integers, not Whoosh's span objects. ``slop`` as in Whoosh: 1 is adjacent.
    A complete answer is kept per generation (a phrase is searched again as
    the list is sorted, scrolled and counted); one cut short by the time
    budget is not.
    """
    key = ("phrase", fieldname, tuple(words), slop, candidates.bits)
    found, complete = view.memo(key, lambda: _phrase_scan(view, fieldname, words, candidates, budget, slop))
    if not complete:
        view.forget(key)
    return found


def _phrase_scan(view, fieldname: str, words: list[str], candidates: DocSet, budget: Budget,
                 slop: int) -> tuple[DocSet, bool]:
    """Each word's positions in the candidates, from the blocks holding them; then, for adjacent
    words (``slop`` 1), (document, position - i) of the i-th word intersected over the words, or
    the per-document check for a wider slop."""
    import numpy as np

    from reader.search import postings

    searcher = view.searcher()
    field = searcher.schema[fieldname]
    docs = np.asarray(candidates.docnums(), dtype=np.int64)
    per_word = []
    for word in words:
        try:
            btext = field.to_bytes(word)
        except ValueError:
            return DocSet(), True
        parts = []
        for matcher, offset in postings.leaf_matchers(searcher, fieldname, btext):
            got = postings.positions_of(matcher, field.format, docs, offset, budget.expired)
            if got is None:
                return DocSet(), False  # out of time: the notice says the search stopped early
            parts.append(got)
        if not parts:
            return DocSet(), True
        held, counts, positions = (np.concatenate(p) for p in zip(*parts))
        per_word.append((held, counts, positions))
        docs = np.intersect1d(docs, held, assume_unique=True)  # the next word reads fewer blocks
        if not len(docs):
            return DocSet(), True
    if slop <= 1:
        starts = None
        for i, (held, counts, positions) in enumerate(per_word):
            keys = postings.keys(held, counts, positions)
            if i:
                keys = keys[(keys & 0xFFFFFFFF) >= i] - i  # (document, where the phrase would start)
            starts = keys if starts is None else np.intersect1d(starts, keys, assume_unique=True)
        return DocSet.from_ids(starts >> 32), True  # a document once or more: the same set
    lookup = [dict(zip(held.tolist(), (p.tolist() for p in np.split(positions, np.cumsum(counts)[:-1]))))
              for held, counts, positions in per_word]
    found = [d for d in docs.tolist() if _in_order([table[d] for table in lookup], slop)]
    return DocSet.from_ids(found), True


def _in_order(positions: list[list[int]], slop: int) -> bool:
    """Whether the words follow each other, each at most ``slop`` positions after the one before."""
    if slop <= 1:
        rest = [set(p) for p in positions[1:]]
        return any(all(start + i in s for i, s in enumerate(rest, 1)) for start in positions[0])
    reached = set(positions[0])
    for later in positions[1:]:
        reached = {p for p in later if any(r < p <= r + slop for r in reached)}
        if not reached:
            return False
    return True
