"""Exports name people, organisations and places by the library's name table: one
name per person across articles and outlets, as the quotes and entities panels do,
the user's corrections included."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from reader.analysis.record import ArticleRecord, Entity, Quote
from reader.export.job import ExportRequest, run_export
from reader.export.selection import search_selection
from reader.export.spec import Format, What
from reader.search.articles import entity_counts
from reader.search.indexer import update_index
from reader.search.quotes import read_quotes
from reader.search.store import open_index
from reader.search.view import IndexView

TEXT = "“We will build it,” the speaker said in Washington today."
ARTICLES = {  # file -> (outlet, speaker as written, entities)
    "a.txt": ("Daily", "Donald Trump", [("Donald Trump", "person"), ("U.S.", "place")]),
    "b.txt": ("Weekly", "Trump", [("Trump", "person"), ("US", "place")]),
    "c.txt": ("Weekly", "experts", [("United States", "place")]),
}


def analyzer(items):
    for key, text, _hints in items:
        outlet, speaker, ents = ARTICLES[Path(key).name]
        end = text.index("”") + 1
        yield ArticleRecord(file=key, title=Path(key).stem, outlet=outlet,
                            quotes=[Quote(start=0, end=end, text=text[:end], kind="direct", speaker=speaker,
                                          speaker_type="person", cue="said", confidence=0.9)],
                            entities=[Entity(n, t, [n], [(0, 3)]) for n, t in ents])


def resolver(record, source):
    return record.outlet, "unknown", [], "unknown"


@pytest.fixture()
def view(tmp_path):
    files = tmp_path / "files"
    files.mkdir()
    for name in ARTICLES:
        (files / name).write_text(f"{name}\n\n{TEXT}\n", encoding="utf-8")
    update_index(tmp_path / "index", sorted(files.iterdir()), analyzer=analyzer, resolver=resolver)
    v = IndexView(open_index(tmp_path / "index"))
    yield v
    v.close()


def _export(view, what: str, path: Path) -> list[dict]:
    run_export(view, search_selection(view, "")[0], ExportRequest(What(what), Format.CSV, path))
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_quotes_name_each_speaker_once_across_articles_as_the_quotes_panel_does(view, tmp_path):
    rows = _export(view, "quotes", tmp_path / "q.csv")
    by_file = {Path(r["path"]).name: r["speaker"] for r in rows}
    assert by_file == {"a.txt": "Donald Trump", "b.txt": "Donald Trump", "c.txt": "experts"}
    panel = {Path(q.path).name: q.speaker for n in range(view.doc_count()) for q in read_quotes(view, n)}
    assert panel == by_file


def test_entities_are_one_row_per_canonical_entity_with_the_panels_counts(view, tmp_path):
    rows = {(r["type"], r["name"]): r for r in _export(view, "entities", tmp_path / "e.csv")}
    assert rows.keys() == {("person", "Donald Trump"), ("place", "United States")}
    assert rows[("person", "Donald Trump")]["articles"] == "2" and rows[("place", "United States")]["articles"] == "3"
    assert set(rows[("place", "United States")]["aliases"].split("; ")) == {"U.S.", "US"}
    panel = {(e.type, e.name): e.count for e in entity_counts(view)}
    assert {k: int(r["articles"]) for k, r in rows.items()} == panel


def test_a_users_correction_is_what_the_export_says(view, tmp_path):
    from reader.names.corrections import default_corrections
    from reader.names.edit import Correction, CorrectionKind, choose_entity

    names = view.names()
    Correction(CorrectionKind.RENAME, (choose_entity(names, "Trump"),), value="Donald J. Trump").apply()
    view.forget_names()
    assert default_corrections().path.is_file()
    rows = _export(view, "quotes", tmp_path / "q.csv")
    assert {r["speaker"] for r in rows if r["speaker"] != "experts"} == {"Donald J. Trump"}
