"""A snapshot of the library table, so a window lists 10k articles before Whoosh loads.

Importing Whoosh and opening a searcher with its column readers takes longer
than starting Qt. A window that finds a current snapshot paints the list from
it and opens the index afterwards. The snapshot is a cache of one commit: it
holds the name, size and time of that generation's table of contents, and any
other state of the index makes it void. It sits in the Whoosh folder, so a
rebuild swapped in by rename takes it away with the old index, and whoever
opens an index without a current snapshot writes one (``save_listing``).

The file is a JSON header line followed by each column as one UTF-8 text and
its character offsets: loading is a read and eight decodes (about 2 ms for
10k articles, against 12 ms for the same data as JSON lists), and a value is
sliced out when a row is painted.
"""
from __future__ import annotations

import json
import logging
import os
import sys
import tempfile
from array import array
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from reader.search import fields as F
from reader.search.hits import HIT_FIELDS, Hit, hit_from_columns
from reader.search.layout import LISTING, latest_generation, toc_stamp, whoosh_dir
from reader.search.view import common_folder

if TYPE_CHECKING:
    from reader.search.view import IndexView

LISTING_FORMAT = 2  # the snapshot's own shape; the index's format is checked too
MAGIC = b"parallax-listing\n"

log = logging.getLogger(__name__)


class PackedColumn(Sequence[str]):
    """One column's values as a single text and the offsets between them.

    A column read from the file whose bytes are all ASCII (paths, dates, outlets, most
    titles) stays bytes, its character offsets being its byte offsets, and a value is
    decoded when a row asks for it: a 100k library's snapshot is 20 MB, and decoding it
    whole was a third of loading it before the first paint."""

    def __init__(self, text: str | bytes, offsets: array) -> None:
        self._text, self._offsets = text, offsets
        self._ascii = isinstance(text, bytes)

    @classmethod
    def pack(cls, values: Sequence[Any]) -> "PackedColumn":
        strings = ["" if v is None else str(v) for v in values]
        return cls("".join(strings), array("I", accumulate(map(len, strings), initial=0)))

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, i):  # one value; slices are not needed
        if not 0 <= i < len(self._offsets) - 1:
            raise IndexError(i)
        value = self._text[self._offsets[i]:self._offsets[i + 1]]
        return value.decode("ascii") if self._ascii else value

    def encoded(self) -> tuple[bytes, bytes]:
        """The offsets and the text as stored in the file."""
        return self._offsets.tobytes(), self._text if self._ascii else self._text.encode("utf-8")


@dataclass
class Listing:
    """The columns a library row shows, for every document of one generation."""

    generation: int
    docnums: list[int]  # the live documents, in index order
    columns: dict[str, Sequence[Any]]  # field -> value, indexed by document number
    folder: str = ""  # the folder all articles share ("" when none)
    _by_path: dict[str, int] | None = field(default=None, repr=False)

    def doc_count(self) -> int:
        return len(self.docnums)

    def all_docnums(self) -> list[int]:
        return list(self.docnums)

    def shared_folder(self) -> str:
        return self.folder

    def value(self, name: str, docnum: int) -> Any:
        value = self.columns[name][docnum]
        return int(value or 0) if name == F.QUOTE_COUNT else value  # as Whoosh's column gives it

    def hit(self, docnum: int, score: float = 0.0, snippet: str = "") -> Hit:
        return hit_from_columns(self.columns, docnum, score, snippet)

    def path(self, docnum: int) -> str:
        return self.columns[F.PATH][docnum]

    def docnum(self, path: str) -> int | None:
        if self._by_path is None:
            paths = self.columns[F.PATH]
            self._by_path = {paths[n]: n for n in self.docnums}
        return self._by_path.get(path)


def listing_path(location: Path) -> Path:
    return whoosh_dir(location) / LISTING


def load_listing(location: Path) -> Listing | None:
    """The snapshot of the index's newest commit, or None (none, outdated or unreadable)."""
    generation = latest_generation(location)
    if generation is None:
        return None
    try:
        with open(listing_path(location), "rb") as fh:
            if fh.readline() != MAGIC:
                return None
            head = json.loads(fh.readline())
            if (head.get("listing_format") != LISTING_FORMAT or head.get("format") != F.FORMAT_VERSION
                    or head.get("generation") != generation
                    or head.get("stamp") != toc_stamp(location, generation)
                    or head.get("byteorder") != sys.byteorder):
                return None
            docnums = _read_array(fh, "i", head["docnums"]).tolist()
            columns: dict[str, Sequence[Any]] = {}
            for name, count, size in head["columns"]:
                offsets = _read_array(fh, "I", count + 1)
                raw = fh.read(size)
                text = raw if raw.isascii() else raw.decode("utf-8")  # ASCII: decoded per value
                if offsets[-1] != len(text):
                    return None
                columns[name] = PackedColumn(text, offsets)
        last = max(docnums, default=-1)  # once, not per column: 100k numbers
        if any(name not in columns or len(columns[name]) <= last for name in HIT_FIELDS):
            return None
        return Listing(generation, docnums, columns, str(head.get("folder", "")))
    except (OSError, ValueError, KeyError, TypeError, EOFError):
        return None  # a damaged cache is a missing one: the index itself is read instead


def _read_array(fh, typecode: str, count: int) -> array:
    values = array(typecode)
    values.fromfile(fh, count)  # EOFError when the file is cut short
    return values


def save_listing(location: Path, view: IndexView) -> bool:
    """Write the snapshot of ``view``'s generation; False when it is not the newest.

    Best effort: an index on a read-only disk is simply listed from Whoosh.
    """
    stamp = toc_stamp(location, view.generation)
    if stamp is None or latest_generation(location) != view.generation:
        return False
    reader = view.searcher().reader()
    docnums = view.all_docnums()
    columns = {name: PackedColumn.pack(list(reader.column_reader(name))) for name in HIT_FIELDS}
    encoded = {name: col.encoded() for name, col in columns.items()}
    head = {"listing_format": LISTING_FORMAT, "format": F.FORMAT_VERSION, "generation": view.generation,
            "stamp": stamp, "byteorder": sys.byteorder, "docnums": len(docnums),
            "folder": common_folder([columns[F.PATH][n] for n in docnums]),
            "columns": [[name, len(columns[name]), len(text)] for name, (_offsets, text) in encoded.items()]}
    folder = listing_path(location).parent
    try:  # written beside the index and renamed over the old snapshot; never recreates the folder
        fd, tmp = tempfile.mkstemp(prefix=f".{LISTING}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(MAGIC + json.dumps(head, ensure_ascii=False).encode("utf-8") + b"\n")
                array("i", docnums).tofile(fh)
                for offsets, text in encoded.values():
                    fh.write(offsets)
                    fh.write(text)
            os.replace(tmp, listing_path(location))
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError as exc:
        log.info("no listing snapshot written for %s: %s", location, exc)
        return False
    return True
