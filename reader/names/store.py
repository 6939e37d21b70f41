"""The name table beside the Whoosh index: counts, blocks, groups and the resolved table.

One SQLite file in the Whoosh folder (a rebuild swaps it in with the index it
belongs to). It records which index generation it reflects. Bringing it up to
date compares each article's ``names_sig`` column with the signatures it holds,
so only new, changed, relabelled or removed articles are read (adding one
article to 10k reads one contribution, never the library), then re-decides the
blocks of the keys those articles touch (``reader.names.resolve``) and rebuilds
the table from the stored groups (``reader.names.build``).

``refresh`` runs at index time, after each commit (the indexer and the
maintenance jobs call it); readers call ``load_table``, which catches up if a
writer did not (a crash between the two commits) and saves the result when it may.
"""
from __future__ import annotations

import json
import logging
import sqlite3
from collections import defaultdict
from contextlib import closing
from pathlib import Path
from typing import Any, Iterable

from reader.names.aliases import CuratedAliases, default_curated
from reader.names.build import build_table, correction_keys
from reader.names.contribution import ArticleNames
from reader.names.corrections import Corrections, default_corrections
from reader.names.resolve import Group, blocks_of, decide_all, decide_blocks, folded_name, typed_alone
from reader.names.stats import NameStats, Surface
from reader.names.table import NameTable

log = logging.getLogger(__name__)
NAMES_FILE = "parallax-names.sqlite"
STORE_FORMAT = 3
RULES_VERSION = 6  # bump when a merge rule changes: stored groups are decided again
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS article (path TEXT PRIMARY KEY, sig TEXT NOT NULL, names TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS surface (key TEXT PRIMARY KEY, row TEXT NOT NULL, folded TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS surface_folded ON surface (folded);
CREATE TABLE IF NOT EXISTS member (block TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (block, key));
CREATE INDEX IF NOT EXISTS member_key ON member (key);
CREATE TABLE IF NOT EXISTS grp (block TEXT NOT NULL, keys TEXT NOT NULL, reason TEXT NOT NULL,
                                name TEXT NOT NULL, type TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS grp_block ON grp (block);
CREATE TABLE IF NOT EXISTS ctx (block TEXT NOT NULL, key TEXT NOT NULL, outlet TEXT NOT NULL,
                                target TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS ctx_block ON ctx (block);
CREATE TABLE IF NOT EXISTS resolved (stamp TEXT PRIMARY KEY, data TEXT NOT NULL);
"""
_TABLES = ("meta", "article", "surface", "member", "grp", "ctx", "resolved")


def names_path(whoosh_folder: Path) -> Path:
    return Path(whoosh_folder) / NAMES_FILE


def _folder_of(ix: Any) -> Path:
    return Path(ix.storage.folder)


def _connect(path: Path, write: bool) -> sqlite3.Connection:
    if write:
        con = sqlite3.connect(str(path), timeout=30, isolation_level=None)
        con.executescript(_SCHEMA)
    else:
        con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=30, isolation_level=None)
    return con


def _chunks(items: list, size: int = 500):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _where_in(con: sqlite3.Connection, sql: str, values: Iterable[str]) -> list[tuple]:
    """``sql`` (with one ``IN ({})``) for any number of values."""
    out: list[tuple] = []
    for chunk in _chunks(sorted(set(values))):
        out += con.execute(sql.format(",".join("?" * len(chunk))), chunk).fetchall()
    return out


def table_stamp(version: str, corrections: Corrections, curated: CuratedAliases) -> str:
    return f"{STORE_FORMAT}.{RULES_VERSION}/{version}/{corrections.stamp}/{len(curated.entities)}"


def _state(con: sqlite3.Connection | None) -> dict[str, str]:
    if con is None:
        return {}
    try:
        meta = dict(con.execute("SELECT k, v FROM meta"))
    except sqlite3.DatabaseError:
        return {}
    ok = meta.get("format") == str(STORE_FORMAT) and meta.get("rules") == str(RULES_VERSION)
    return meta if ok else {}


# -- reading the index -----------------------------------------------------------------
def index_signatures(searcher: Any) -> dict[str, tuple[int, str]]:
    """path -> (document number, names signature) of every live article (two columns)."""
    from reader.search import fields as F

    reader = searcher.reader()
    # whole columns in one pass each: a lookup per document was 3 s of every commit at 100k
    paths = list(reader.column_reader(F.PATH))
    sigs = list(reader.column_reader(F.NAMES_SIG)) if reader.has_column(F.NAMES_SIG) else None

    def text(value: Any) -> str:
        return value.decode("ascii", "replace") if isinstance(value, bytes) else str(value or "")

    return {paths[n]: (n, text(sigs[n]) if sigs is not None else "") for n in reader.all_doc_ids()}


def _names_column(searcher: Any):
    from reader.search import fields as F

    reader = searcher.reader()
    return reader.column_reader(F.NAMES) if reader.has_column(F.NAMES) else None


def _decode_names(raw: Any) -> ArticleNames:
    try:
        return ArticleNames.from_json(raw.decode("utf-8") if isinstance(raw, bytes) else raw or "{}")
    except (ValueError, TypeError):
        return ArticleNames(outlet="")


# -- catching up ---------------------------------------------------------------------
class _Update:
    """The articles that differ between the file and the index, and their effect on the counts."""

    def __init__(self, con: sqlite3.Connection | None, searcher: Any, fresh: bool) -> None:
        held = {} if fresh or con is None else dict(con.execute("SELECT path, sig FROM article"))
        current = index_signatures(searcher)
        self.gone = [p for p in held if p not in current]
        new = [(p, n, sig) for p, (n, sig) in sorted(current.items()) if held.get(p) != sig]
        old = {}
        if held and (self.gone or new):
            stale = self.gone + [p for p, _, _ in new if p in held]
            old = {p: ArticleNames.from_json(t)
                   for p, t in _where_in(con, "SELECT path, names FROM article WHERE path IN ({})", stale)}
        column = _names_column(searcher)
        fresh_names = {p: _decode_names(column[n] if column is not None else b"") for p, n, _ in new}
        self.rows = [(p, sig, fresh_names[p].to_json()) for p, _, sig in new]
        touched = set()
        for names in (*old.values(), *fresh_names.values()):
            touched |= names.keys()
        before = [] if fresh or con is None else _surfaces(con, touched)
        self.existing = {s.key for s in before}
        self.stats = NameStats(before)
        for names in old.values():
            self.stats.remove(names)
        for names in fresh_names.values():
            self.stats.add(names)
        self.removed = set(self.stats.prune())
        self.changed = bool(self.gone or new)

    @property
    def created(self) -> set[str]:
        return set(self.stats.surfaces) - self.existing


def _surfaces(con: sqlite3.Connection, keys: Iterable[str] | None = None) -> list[Surface]:
    if keys is None:
        rows = con.execute("SELECT row FROM surface").fetchall()
    else:
        rows = _where_in(con, "SELECT row FROM surface WHERE key IN ({})", keys)
    return [Surface.from_row(json.loads(row)) for (row,) in rows]


def _write_counts(con: sqlite3.Connection, up: _Update, curated: CuratedAliases) -> set[str]:
    """Store the changed counts and memberships; returns the blocks to decide again."""
    con.executemany("DELETE FROM article WHERE path = ?", [(p,) for p in up.gone])
    con.executemany("INSERT OR REPLACE INTO article (path, sig, names) VALUES (?, ?, ?)", up.rows)
    con.executemany("INSERT OR REPLACE INTO surface (key, row, folded) VALUES (?, ?, ?)",
                    [(s.key, json.dumps(s.to_row(), ensure_ascii=False), folded_name(s.key))
                     for s in up.stats.surfaces.values()])
    con.executemany("DELETE FROM surface WHERE key = ?", [(k,) for k in up.removed])
    con.executemany("DELETE FROM member WHERE key = ?", [(k,) for k in up.removed])
    con.executemany("INSERT OR IGNORE INTO member (block, key) VALUES (?, ?)",
                    [(b, k) for k in up.created for b in blocks_of(k, curated)])
    return {b for k in up.stats.changed for b in blocks_of(k, curated)}


def _decide_blocks(con: sqlite3.Connection, blocks: set[str], curated: CuratedAliases,
                   known: dict[str, Surface] | None = None) -> None:
    """Decide ``blocks`` again from their members (every block of ``known``, a whole library
    in memory, when given) and store their groups and exceptions."""
    if known is not None:
        decisions = decide_all(known, curated)
    else:
        members: dict[str, list[str]] = defaultdict(list)
        for block, key in _where_in(con, "SELECT block, key FROM member WHERE block IN ({})", blocks):
            members[block].append(key)
        busy = {b: keys for b, keys in members.items() if len(keys) > 1 or typed_alone(b, curated)}
        surfaces = {s.key: s for s in _surfaces(con, {k for keys in busy.values() for k in keys})}
        decisions = decide_blocks(busy, surfaces, curated)
        for chunk in _chunks(sorted(blocks)):
            marks = ",".join("?" * len(chunk))
            con.execute(f"DELETE FROM grp WHERE block IN ({marks})", chunk)
            con.execute(f"DELETE FROM ctx WHERE block IN ({marks})", chunk)
    con.executemany("INSERT INTO grp (block, keys, reason, name, type) VALUES (?, ?, ?, ?, ?)",
                    [(b, json.dumps(g.keys, ensure_ascii=False), g.reason, g.name, g.type)
                     for b, d in decisions.items() for g in d.groups])
    con.executemany("INSERT INTO ctx (block, key, outlet, target) VALUES (?, ?, ?, ?)",
                    [(b, k, o, t) for b, d in decisions.items() for k, o, t in d.context])


def display_names(ix: Any, keys: list[str]) -> dict[str, str]:
    """How the library writes each of these keys (for entities no rule joined)."""
    from reader.names.build import own_spelling

    path = names_path(_folder_of(ix))
    try:
        if path.exists():
            with closing(_connect(path, write=False)) as con:
                rows = _where_in(con, "SELECT row FROM surface WHERE key IN ({})", keys)
                spelled = (Surface.spellings_of(json.loads(r)) for (r,) in rows)
                return {key: own_spelling(key.partition(":")[2], forms) for key, forms in spelled}
    except sqlite3.Error:
        pass
    return {}


def _build(con: sqlite3.Connection, corrections: Corrections, stamp: str) -> NameTable:
    groups = [Group(json.loads(keys), reason, name, etype)
              for keys, reason, name, etype in con.execute("SELECT keys, reason, name, type FROM grp")]
    context = con.execute("SELECT key, outlet, target FROM ctx").fetchall()
    wanted = {k for g in groups for k in g.keys} | {k for k, _, t in context for k in (k, t)}
    wanted |= correction_keys(corrections)
    surfaces = {s.key: s for s in _surfaces(con, wanted)}
    return build_table(groups, context, surfaces, corrections, stamp)


def refresh(ix: Any, corrections: Corrections | None = None,
            curated: CuratedAliases | None = None) -> NameTable:
    """Bring the folder's table up to the index's newest commit and store the resolved table.

    Called at index time, after a commit, by the one writer; cheap when nothing changed.
    """
    corrections = corrections if corrections is not None else default_corrections().read()
    curated = curated or default_curated()
    path = names_path(_folder_of(ix))
    with closing(_connect(path, write=True)) as con, ix.searcher() as searcher:
        con.execute("BEGIN IMMEDIATE")
        try:
            table = _refresh_locked(con, searcher, corrections, curated)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    return table


def refresh_after_commit(ix: Any) -> None:
    """``refresh`` for a writer that has just committed: a failure here is logged, never
    raised (the articles are in; the table catches up when it is next read)."""
    try:
        refresh(ix)
    except Exception as exc:  # noqa: BLE001 - the index commit stands either way
        log.warning("the name table could not follow the commit: %s", exc)


def _refresh_locked(con: sqlite3.Connection, searcher: Any, corrections: Corrections,
                    curated: CuratedAliases) -> NameTable:
    meta = _state(con)
    generation = searcher.reader().generation()
    fresh = not meta or meta.get("curated") != str(len(curated.entities))
    if fresh:
        for name in _TABLES:
            con.execute(f"DELETE FROM {name}")  # not executescript: it would commit
    version = meta.get("version", "0") if not fresh else "0"
    if fresh or meta.get("generation") != str(generation):
        up = _Update(con, searcher, fresh)
        if up.changed:
            blocks = _write_counts(con, up, curated)
            _decide_blocks(con, blocks, curated, up.stats.surfaces if fresh else None)
            version = str(int(version) + 1)
    stamp = table_stamp(version, corrections, curated)
    row = con.execute("SELECT data FROM resolved WHERE stamp = ?", (stamp,)).fetchone()
    table = _decoded(row[0]) if row else None
    if table is None:
        table = _build(con, corrections, stamp)
        con.execute("DELETE FROM resolved")
        con.execute("INSERT INTO resolved (stamp, data) VALUES (?, ?)", (stamp, table.to_json()))
    con.executemany("INSERT OR REPLACE INTO meta (k, v) VALUES (?, ?)",
                    [("format", str(STORE_FORMAT)), ("rules", str(RULES_VERSION)),
                     ("curated", str(len(curated.entities))), ("generation", str(generation)),
                     ("version", version)])
    return table


def keys_named(ix: Any, folded: str) -> list[str] | None:
    """The per-article keys whose name folds to ``folded`` ("trump": person:trump,
    person:president trump, organisation:trump); None when the file cannot say."""
    path = names_path(_folder_of(ix))
    try:
        if path.exists():
            with closing(_connect(path, write=False)) as con:
                if _state(con):
                    return [k for (k,) in con.execute("SELECT key FROM surface WHERE folded = ?", (folded,))]
    except sqlite3.Error:
        pass
    return None


def _decoded(text: str) -> NameTable | None:
    try:
        return NameTable.from_json(text)
    except (ValueError, KeyError, TypeError):
        return None


# -- reading ---------------------------------------------------------------------------
def load_table(ix: Any, searcher: Any, corrections: Corrections | None = None,
               curated: CuratedAliases | None = None) -> NameTable:
    """The table for the generation ``searcher`` reads, for a reader of the index.

    The stored table when it is current; otherwise caught up and saved (when this
    searcher reads the newest commit), or built in memory (an older view, or a
    folder that cannot be written).
    """
    corrections = corrections if corrections is not None else default_corrections().read()
    curated = curated or default_curated()
    path = names_path(_folder_of(ix))
    generation = searcher.reader().generation()
    try:
        if path.exists():
            with closing(_connect(path, write=False)) as con:
                meta = _state(con)
                if meta.get("generation") == str(generation):
                    stamp = table_stamp(meta.get("version", "0"), corrections, curated)
                    row = con.execute("SELECT data FROM resolved WHERE stamp = ?", (stamp,)).fetchone()
                    table = _decoded(row[0]) if row else None
                    if table is not None:
                        return table
    except sqlite3.Error as exc:
        log.info("name table %s not readable (%s): catching up", path, exc)
    try:
        if ix.latest_generation() == generation:
            return refresh(ix, corrections, curated)  # the writer did not (or corrections changed)
    except (sqlite3.Error, OSError) as exc:
        log.info("name table %s not writable (%s): resolving in memory", path, exc)
    return _in_memory(searcher, corrections, curated)


def _in_memory(searcher: Any, corrections: Corrections, curated: CuratedAliases) -> NameTable:
    """The table of exactly this searcher's articles, built without writing anything."""
    con = sqlite3.connect(":memory:", isolation_level=None)
    try:
        con.executescript(_SCHEMA)
        up = _Update(con, searcher, True)
        _write_counts(con, up, curated)
        _decide_blocks(con, set(), curated, up.stats.surfaces)
        return _build(con, corrections, "memory")
    finally:
        con.close()
