"""The stored name table: built at index time, one article at a time, and always equal to
the table built from scratch; corrections survive rebuilds; damage is repaired."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.analysis.record import ArticleRecord, Entity
from reader.names import store
from reader.names.aliases import default_curated
from reader.names.build import table_from_articles
from reader.names.contribution import ArticleNames
from reader.names.corrections import default_corrections
from reader.search import fields as F
from reader.search.indexer import remove_articles, update_index
from reader.search.maintenance import relabel_articles
from reader.search.store import open_index

PEOPLE = {  # file -> (outlet, entities)
    "a.txt": ("Daily", [("Donald Trump", "person"), ("U.S.", "place")]),
    "b.txt": ("Weekly", [("Trump", "person"), ("US", "place")]),
    "c.txt": ("Daily", [("John Smith", "person")]),
    "d.txt": ("Daily", [("Smith", "person")]),
    "e.txt": ("Weekly", [("Jane Smith", "person"), ("America", "place")]),
}


def _record(key: str) -> ArticleRecord:
    outlet, ents = PEOPLE[Path(key).name]
    return ArticleRecord(file=key, title=Path(key).stem, outlet=outlet,
                         entities=[Entity(n, t, [n], [(0, 1)]) for n, t in ents])


def stand_in(items):
    for key, _text, _hints in items:
        yield _record(key)


def resolver(record, source):
    return record.outlet, "unknown", [], "unknown"


def _files(folder: Path, names) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name in names:
        path = folder / name
        path.write_text(f"{name}\n\nText of {name}.\n", encoding="utf-8")
        out.append(path)
    return out


def _add(location: Path, paths, **kw):
    return update_index(location, paths, analyzer=stand_in, resolver=resolver, **kw)


def _stored(location: Path):
    ix = open_index(location)
    with ix.searcher() as s:
        return store.load_table(ix, s)


def _from_scratch(location: Path):
    """The table of exactly what the index holds now, built in memory."""
    ix = open_index(location)
    with ix.searcher() as s:
        column = s.reader().column_reader(F.NAMES)
        names = [ArticleNames.from_json(column[n].decode()) for n in s.reader().all_doc_ids()]
    return table_from_articles(names, default_curated(), default_corrections().read())


def _groups(table) -> set[frozenset[str]]:
    return {frozenset(e.keys) for e in table.entities.values()}


def test_the_table_is_built_at_index_time_one_article_at_a_time(tmp_path, monkeypatch):
    location, folder = tmp_path / "index", tmp_path / "files"
    _add(location, _files(folder, ["a.txt", "c.txt", "e.txt"]))
    assert (location / "whoosh" / store.NAMES_FILE).is_file()
    read = []
    decode = store._decode_names
    monkeypatch.setattr(store, "_decode_names", lambda raw: read.append(raw) or decode(raw))
    _add(location, _files(folder, ["b.txt"]))
    assert len(read) == 1  # the one new article, not the library
    table = _stored(location)
    assert table.canonical("person:trump") == table.canonical("person:donald trump")
    assert table.canonical("place:us") == table.canonical("place:u.s.")
    assert _groups(table) == _groups(_from_scratch(location))


def test_updates_removals_and_relabels_keep_it_equal_to_a_fresh_build(tmp_path):
    location, folder = tmp_path / "index", tmp_path / "files"
    paths = _files(folder, PEOPLE)
    _add(location, paths)
    table = _stored(location)
    assert table.canonical("person:smith", "Daily") == table.canonical("person:john smith")
    assert remove_articles(location, [str(paths[2].resolve())]) == 1  # John Smith's article goes
    table = _stored(location)  # Jane is now the library's only Smith
    assert table.canonical("person:smith", "Daily") == table.canonical("person:jane smith") != "person:smith"
    assert _groups(table) == _groups(_from_scratch(location))

    def moved(record, source):  # the Weekly's articles now count as the Daily's
        return ("Daily" if record.outlet == "Weekly" else record.outlet), "unknown", [], "unknown"

    assert relabel_articles(location, resolver=moved) == 2
    assert _groups(_stored(location)) == _groups(_from_scratch(location))


def test_a_crash_between_the_commits_is_caught_up_by_the_next_reader(tmp_path, monkeypatch):
    location, folder = tmp_path / "index", tmp_path / "files"
    _add(location, _files(folder, ["a.txt"]))
    monkeypatch.setattr("reader.search.indexer.refresh_names", lambda ix: None)  # dies after its commit
    _add(location, _files(folder, ["b.txt"]))
    table = _stored(location)  # the reader finds an older table and brings it up to date
    assert table.canonical("person:trump") == table.canonical("person:donald trump")
    assert _groups(table) == _groups(_from_scratch(location))


@pytest.mark.parametrize("damage", [b"not a database", b""])
def test_a_damaged_table_file_is_rebuilt_from_the_index(tmp_path, damage):
    location, folder = tmp_path / "index", tmp_path / "files"
    _add(location, _files(folder, ["a.txt", "b.txt"]))
    (location / "whoosh" / store.NAMES_FILE).write_bytes(damage)
    table = _stored(location)
    assert table.canonical("person:trump") == table.canonical("person:donald trump")


def test_corrections_survive_a_rebuild_and_need_no_reindexing(tmp_path):
    location, folder = tmp_path / "index", tmp_path / "files"
    paths = _files(folder, PEOPLE)
    _add(location, paths)
    before = open_index(location).latest_generation()
    corrections = default_corrections()
    corrections.merge(["place:america", "place:us"])
    corrections.split(["person:trump"])
    table = _stored(location)
    assert open_index(location).latest_generation() == before  # the index was not written
    assert table.canonical("place:america") == table.canonical("place:u.s.")
    assert table.canonical("person:trump") != table.canonical("person:donald trump")
    _add(location, paths, full=True)
    table = _stored(location)
    assert table.canonical("place:america") == table.canonical("place:u.s.")
    assert table.canonical("person:trump") != table.canonical("person:donald trump")
    saved = json.loads(corrections.path.read_text(encoding="utf-8"))
    assert saved["version"] == 1 and saved["splits"] == ["person:trump"]


def test_a_corrupt_corrections_file_is_moved_aside(tmp_path):
    corrections = default_corrections()
    corrections.path.parent.mkdir(parents=True, exist_ok=True)
    corrections.path.write_text("{not json", encoding="utf-8")
    assert corrections.reload().empty()
    assert corrections.warning and "moved to" in corrections.warning
    assert list(corrections.path.parent.glob("entities.json.corrupt-*"))
