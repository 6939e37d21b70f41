"""The panels' column table counts exactly what the per-document loop counted.

``reference_counts`` is the loop ``entity_counts`` ran before the table (each
article's entity lines keyed, mapped through the name table, counted once per
article); the table must give the same entities, names, types, aliases and
counts, and ``fill_panels`` the same outlets and coverage, on real articles:
the seeds (analysed by spaCy) and Article-Bias-Prediction and BBC texts (real
outlets and texts, analysed by the stand-in; skipped without ../shared/data).
The rows it makes when read must sort and filter as the eager list of
``EntityCount`` did in the entities model (the window's side:
``tests/test_ui_entities_lazy.py``).
"""
from __future__ import annotations

import random
from collections import Counter

import numpy as np
import pytest

from reader.bench.corpus import real_articles, shared_data_dir
from reader.bench.quick_records import quick_analyzer
from reader.names.normalise import fold
from reader.search import fields as F
from reader.search.articles import EntityCount, entity_counts
from reader.search.documents import entity_key
from reader.search.entity_rows import EntityCounts, EntityRows
from reader.search.panel_table import panel_table
from reader.search.query import find
from reader.search.quotes import QuoteSource
from reader.search.results import compute_matches, fill_panels
from reader.search.store import open_index
from reader.search.view import IndexView

QUERIES = ["government", "oil prices", '"prime minister"', "title:election OR kind:opinion", "said", "trump"]


def reference_counts(view: IndexView, docnums) -> list[EntityCount]:
    """The per-document loop ``entity_counts`` was (ties left in a set's order, so sorted by id too)."""
    names = view.names()
    table = names.table
    columns = view.columns()
    contextual = {k for k, _o in table.context}
    counts: Counter[str] = Counter()
    shown: dict[str, tuple[str, str]] = {}
    for docnum in docnums:
        outlet = ""
        seen = set()
        for line in (columns.get(F.ENTITY_LIST, docnum) or b"").split(b"\n"):
            etype, _, name = line.decode("utf-8", "replace").partition(":")
            if not name:
                continue
            key = entity_key(etype, name)
            if key in contextual:
                outlet = outlet or (columns.get(F.OUTLET_NAME, docnum) or "")
                seen.add(table.canonical(key, outlet))
            else:
                seen.add(table.canonical(key))
            shown.setdefault(key, (etype, name))
        counts.update(seen)
    written = names.displays([i for i in counts if i not in table.entities],
                             {k: name for k, (_t, name) in shown.items()})
    out = []
    for entity_id, n in counts.items():
        ent = table.entities.get(entity_id)
        if ent is not None:
            out.append(EntityCount(entity_id, ent.name, ent.type, n, tuple(ent.aliases)))
        else:
            etype, _name = shown.get(entity_id, ("", entity_id))
            name = written[entity_id]
            out.append(EntityCount(entity_id, name, etype, n, (name,)))
    out.sort(key=lambda e: (-e.count, e.name.lower(), e.key))
    return out


def reference_coverage(view: IndexView, docnums) -> tuple[list[tuple[str, str]], dict[str, Counter]]:
    columns = view.columns()
    outlets = [(columns.get(F.OUTLET_NAME, n) or "", (columns.get(F.BIAS, n) or "unknown").lower())
               for n in docnums]
    ownership = Counter((columns.get(F.OWNERSHIP, n) or "unknown").lower() for n in docnums)
    return outlets, {"bias": Counter(b for _o, b in outlets), "ownership": ownership}


@pytest.fixture(scope="module")
def real_library(tmp_path_factory):
    if shared_data_dir() is None:
        pytest.skip("../shared/data is not here")
    folder = tmp_path_factory.mktemp("panel-table-files")
    abp = bbc = 0
    for name, text in real_articles():
        if name.startswith("abp-") and abp < 300:
            abp += 1
        elif name.startswith("bbc-") and bbc < 100 and hash(name) % 5 == 0:
            bbc += 1
        else:
            continue
        (folder / name).write_text(text, encoding="utf-8")
    if abp < 50:
        pytest.skip("the Article-Bias-Prediction sample is not here")
    location = tmp_path_factory.mktemp("panel-table-index")
    from reader.search.indexer import update_index

    update_index(location, [folder], analyzer=quick_analyzer)
    view = IndexView(open_index(location))
    yield view
    view.close()


def _result_sets(view: IndexView) -> list[list[int]]:
    sets = [view.all_docnums()]
    for text in QUERIES:
        sets.append(find(view, text).all_docnums())
    top = entity_counts(view)
    for row in top[:3]:  # an entity filter's articles, as a click on the panel asks
        sets.append(find(view, "", [row.key]).all_docnums())
    shuffled = list(view.all_docnums())
    random.Random(7).shuffle(shuffled)  # the first spelling met depends on the order given
    sets.append(shuffled)
    sets.append([])
    return sets


@pytest.mark.parametrize("library", ["seeds", "real"])
def test_entity_counts_equal_the_per_document_loop(library, seed_index, request):
    view = IndexView(open_index(seed_index)) if library == "seeds" else request.getfixturevalue("real_library")
    for docnums in _result_sets(view):
        expected = reference_counts(view, docnums)
        assert entity_counts(view, docnums) == expected
    assert len(reference_counts(view, view.all_docnums())) > (10 if library == "seeds" else 200)


def test_outlets_and_coverage_equal_the_columns(real_library):
    view = real_library
    for text in ["", *QUERIES]:
        result = fill_panels(compute_matches(view, text, ()))
        outlets, coverage = reference_coverage(view, result.members())
        assert result.panels.outlets == outlets
        assert result.panels.coverage == coverage
        assert result.panels.entities == reference_counts(view, result.members())
    assert len({o for o, _b in reference_coverage(view, view.all_docnums())[0]}) > 20  # real outlets


def test_one_table_per_generation_and_name_table(real_library):
    view = real_library
    assert panel_table(view) is panel_table(view)
    names = view.reload_names()  # a corrected name table: counted with it from now on
    table = panel_table(view)
    assert table is panel_table(view)
    assert names is view.names()
    assert entity_counts(view) == reference_counts(view, view.all_docnums())


def test_the_panels_count_statement_kinds_off_the_gui_thread(real_library):
    """The quotes panel's "N direct, M indirect" comes with the panels (their worker)."""
    view = real_library
    for text in ["government", "said"]:
        quotes = fill_panels(compute_matches(view, text, ())).panels.quotes
        rows = quotes.rows()
        if len(rows) > 4000:
            assert quotes.kinds is None  # a big result set is read lazily, as shown
            continue
        direct = sum(r.kind in ("direct", "mixed") for r in rows)
        assert quotes.kinds == (direct, len(rows) - direct) and len(rows) > 0
        assert quotes.reordered(list(reversed(quotes.docnums))).kinds == quotes.kinds


# -- the rows made when read (reader.search.entity_rows) sort and filter as the eager list did --------
NEEDLES = ["", "a", "us", "new", "trump", "minister", "s", "zz-none"]
TYPES = ["", "person", "organisation", "place"]


def eager_sort_key(e: EntityCount, column: int):
    """The entities model's key when it sorted a list of EntityCounts."""
    return e.name.casefold() if column == 0 else (e.type if column == 1 else e.count)


def eager_accepts(e: EntityCount, needle: str, etype: str) -> bool:
    """The entities model's filter when it asked each EntityCount."""
    if etype and e.type != etype:
        return False
    return not needle or any(f.startswith(needle) or f" {needle}" in f" {f}"
                             for f in (fold(form) for form in (e.name, *e.aliases)))


def assert_rows_arrange_alike(rows, eager: list[EntityCount]) -> None:
    assert rows == eager and len(rows) == len(eager)
    for column in range(3):
        for descending in (False, True):
            expected = sorted(eager, key=lambda e: eager_sort_key(e, column), reverse=descending)
            assert [rows[i] for i in rows.order(column, descending).tolist()] == expected, (column, descending)
    for needle in NEEDLES:
        for etype in TYPES:
            mask = rows.matching(fold(needle), etype).tolist()
            assert mask == [eager_accepts(e, fold(needle), etype) for e in eager], (needle, etype)


@pytest.mark.parametrize("library", ["seeds", "real"])
def test_lazy_rows_sort_and_filter_as_the_eager_list(library, seed_index, request):
    view = IndexView(open_index(seed_index)) if library == "seeds" else request.getfixturevalue("real_library")
    tried = 0
    for docnums in _result_sets(view):
        rows = entity_counts(view, docnums)
        assert isinstance(rows, EntityCounts)
        eager = reference_counts(view, docnums)
        assert_rows_arrange_alike(rows, eager)
        assert_rows_arrange_alike(EntityRows(eager), eager)  # the list wrapper the model takes
        tried += len(eager) > 0
    assert tried >= 3
    rows = entity_counts(view)
    assert rows[0] == rows[:1][0] == list(rows)[0] and rows[-1] == list(rows)[-1]
    assert any(rows.matching("", "person")) and not all(rows.matching(fold("zz-none")))


def test_statement_kinds_per_article_equal_the_rows(real_library):
    """The panel table's kept per-article counts give what reading every row gave."""
    view = real_library
    table = panel_table(view)
    for text in ["", "government", "said", "oil prices"]:
        result = compute_matches(view, text, ())
        quotes = QuoteSource(view, result.members())
        rows = quotes.rows()
        direct = sum(r.kind in ("direct", "mixed") for r in rows)
        assert table.quote_kinds(view, result.members()) == (direct, len(rows) - direct)
        assert table.quote_kinds(view, result.members()) == (direct, len(rows) - direct)  # kept, same
        assert len(QuoteSource(view, result.members(), counts=table.quote_counts)) == len(rows)


def test_a_library_with_a_removed_article_is_counted_without_it(seed_index, tmp_path):
    """The table reads whole columns in document order: a deleted document's values are
    skipped, as the loop over the live documents never read them."""
    import shutil

    from reader.search.indexer import remove_articles

    location = tmp_path / "library"
    shutil.copytree(seed_index, location)
    first = IndexView(open_index(location))
    victim = first.path(first.all_docnums()[1])
    first.close()
    assert remove_articles(location, [victim]) == 1
    view = IndexView(open_index(location))
    live = view.all_docnums()
    assert len(live) == 4 and max(live) + 1 > len(live)  # a hole in the document numbers
    assert entity_counts(view) == reference_counts(view, live)
    table = panel_table(view)
    quotes = QuoteSource(view, live)
    assert len(QuoteSource(view, live, counts=table.quote_counts)) == len(quotes) == len(quotes.rows())
    assert table.outlets(np.asarray(live)) == reference_coverage(view, live)[0]
    import os

    assert view.shared_folder() == os.path.commonpath([os.path.dirname(view.path(n)) for n in live])
