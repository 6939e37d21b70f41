"""The library-wide stories table: which story each article is in, kept beside the index.

It also keeps what grouping read of each article (its word counts and date),
so adding one article compares it with the library without reading the
library again. The file is ``parallax-stories.npz`` in the index folder,
beside Whoosh's own folder, so a full rebuild of the index leaves it to be
brought up to date rather than thrown away; it is written atomically, and it
is a cache: an unreadable one is grouped again from the index (the user's
corrections live in their config folder, see ``corrections``).
"""
from __future__ import annotations

import hashlib
import io
import json
import logging
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from reader.atomic import write_bytes_atomic
from reader.stories.similarity import TermMatrix

log = logging.getLogger(__name__)

TABLE_NAME = "parallax-stories.npz"
TABLE_FORMAT = 1  # this file's layout


def table_path(location: Path) -> Path:
    return Path(location) / TABLE_NAME


def story_id_for(anchor_path: str) -> str:
    """A story's id: named after its first article, so regrouping the same library gives the
    same ids, and ids stay put while articles come and go."""
    return hashlib.sha1(anchor_path.encode("utf-8")).hexdigest()[:10]


def unused_id(anchor_path: str, taken: set[str]) -> str:
    """``story_id_for(anchor_path)``, with a suffix if ``taken`` has it; added to ``taken``."""
    base = story_id_for(anchor_path)
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate


@dataclass
class StoryTable:
    """Rows are articles (``paths[i]`` is in story ``stories[i]``) with their features."""

    paths: list[str]
    stories: list[str]
    days: np.ndarray  # int32 day numbers, 0 = no date
    vocab: list[str]
    matrix: TermMatrix
    info: dict = field(default_factory=dict)  # method, params, the index state it matches
    _rows: dict[str, int] | None = field(default=None, repr=False)

    def row_of(self, path: str) -> int | None:
        if self._rows is None:
            self._rows = {p: i for i, p in enumerate(self.paths)}
        return self._rows.get(path)

    def story_of(self, path: str) -> str | None:
        """The story an article is in (None: not in the table)."""
        row = self.row_of(path)
        return None if row is None else self.stories[row]

    def rows_by_story(self) -> dict[str, list[int]]:
        """Story id -> its rows, each story's in (date, path) order, undated last."""
        out: dict[str, list[int]] = {}
        for row, story in enumerate(self.stories):
            out.setdefault(story, []).append(row)
        for rows in out.values():
            rows.sort(key=self._order_key)
        return out

    def members(self, story: str) -> list[str]:
        """The paths in one story (empty when there is no such story)."""
        rows = [r for r, s in enumerate(self.stories) if s == story]
        return [self.paths[r] for r in sorted(rows, key=self._order_key)]

    def story_ids(self) -> list[str]:
        return sorted(set(self.stories))

    def _order_key(self, row: int) -> tuple:
        day = int(self.days[row])
        return (day == 0, day, self.paths[row])

    def without(self, paths: set[str]) -> "StoryTable":
        """The table less the given articles (their stories keep their ids)."""
        keep = np.array([p not in paths for p in self.paths], dtype=bool)
        if keep.all():
            return self
        return StoryTable([p for p, k in zip(self.paths, keep) if k],
                          [s for s, k in zip(self.stories, keep) if k],
                          self.days[keep], self.vocab, self.matrix.take(keep), dict(self.info))

    def changed(self) -> None:
        """Forget the path lookup after ``paths`` was edited in place."""
        self._rows = None


def _encoded(value) -> np.ndarray:
    """A JSON value as bytes: npz holds arrays, and paths may hold any character."""
    return np.frombuffer(json.dumps(value, ensure_ascii=False).encode("utf-8"), dtype=np.uint8)


def _decoded(array: np.ndarray):
    return json.loads(array.tobytes().decode("utf-8"))


def _strings(array: np.ndarray) -> list[str]:
    value = _decoded(array)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("expected a list of strings")
    return value


def save_table(location: Path, table: StoryTable) -> None:
    """Write the table atomically (a crash leaves the old one or the new one)."""
    header = {"format": TABLE_FORMAT, **table.info}
    buffer = io.BytesIO()
    np.savez(buffer, header=_encoded(header), paths=_encoded(table.paths),
             stories=_encoded(table.stories), vocab=_encoded(table.vocab),
             days=table.days.astype(np.int32), indptr=table.matrix.indptr,
             indices=table.matrix.indices, counts=table.matrix.counts)
    write_bytes_atomic(table_path(location), buffer.getvalue())


def read_table(location: Path) -> StoryTable | None:
    """The saved table, or None when there is none or it cannot be used (it is regrouped)."""
    path = table_path(location)
    if not path.is_file():
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            header = _decoded(data["header"])
            if not isinstance(header, dict) or header.get("format") != TABLE_FORMAT:
                return None
            paths, stories, vocab = _strings(data["paths"]), _strings(data["stories"]), _strings(data["vocab"])
            matrix = TermMatrix(data["indptr"].astype(np.int64), data["indices"].astype(np.int32),
                                data["counts"].astype(np.float32), len(vocab))
            days = data["days"].astype(np.int32)
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as exc:
        log.warning("the stories table %s is unreadable (%s); grouping again", path, exc)
        return None
    if not (len(paths) == len(stories) == len(days) == matrix.n_rows) or (
            len(matrix.indices) and int(matrix.indices.max()) >= len(vocab)):
        log.warning("the stories table %s is inconsistent; grouping again", path)
        return None
    header.pop("format", None)
    return StoryTable(paths, stories, days, vocab, matrix, header)
