"""Dates in queries and filters: years, months and days as prefixes, ranges with whole months."""
from __future__ import annotations

from pathlib import Path

import pytest

from reader.bench.quick_records import quick_analyzer
from reader.search.filters import Filters, partial_date
from reader.search.indexer import update_index
from reader.search.query import find, search
from reader.search.store import open_index
from reader.search.view import IndexView

DATES = {"a": "2021-12-30", "b": "2022-01-15", "c": "2022-02-24", "d": "2022-02-28", "e": "2022-03-01",
         "f": ""}


@pytest.fixture(scope="module")
def view(tmp_path_factory) -> IndexView:
    folder = tmp_path_factory.mktemp("dated")
    for name, date in DATES.items():
        front = f'---\ntitle: "Article {name}"\noutlet: "Example"\ndate: "{date}"\n---\n\n' if date else ""
        (folder / f"{name}.md").write_text(f"{front}Article {name}\n\nThe summit on sanctions, part {name}.\n",
                                           encoding="utf-8")
    location = folder / "index"
    update_index(location, [folder], analyzer=quick_analyzer, resolver=lambda r, s: (r.outlet, "unknown", []))
    view = IndexView(open_index(location))
    stored = {Path(view.path(n)).stem: view.value("published", n) for n in view.all_docnums()}
    assert stored == DATES  # the loader hands ISO dates on as they are
    return view


def found(outcome) -> str:
    return "".join(sorted(Path(h.path).stem for h in outcome.hits))


@pytest.mark.parametrize("query, expected", [
    ("published:2022", "bcde"),
    ("published:2022-02", "cd"),
    ("published:2022-02-24", "c"),
    ("published:2022-2", "cd"),  # a one-digit month is read as 02
    ("published:[2022-01 TO 2022-02]", "bcd"),  # a month as the end includes all of it
    ("published:[2022-02-25 TO 2022-03-01]", "de"),
    ("published:[2022 TO]", "bcde"),
    ("published:[TO 2022-01]", "ab"),
    ("published:>2022-02", "e"),  # after February
    ("published:>=2022-02", "cde"),
    ("published:<2022-02", "ab"),  # before February
    ("published:<=2022-01-15", "ab"),
    ("published:2022-01..2022-02-24", "bc"),
    ("published:2022*", "bcde"),
    ("sanctions published:2022-02", "cd"),
    ("sanctions NOT published:2022", "af"),
])
def test_date_queries(view, query, expected):
    outcome = search(view, query, limit=None)
    assert found(outcome) == expected and not outcome.message, outcome.message
    assert find(view, query).total == len(expected)


def test_a_date_that_is_not_one_is_said_in_one_line(view):
    outcome = search(view, "published:february")
    assert "not a date" in outcome.message and "\n" not in outcome.message and outcome.total == 0


@pytest.mark.parametrize("start, end, expected", [("2022", "", "bcde"), ("", "2022-01", "ab"),
                                                   ("2022-02", "2022-02", "cd"), ("", "", "abcdef")])
def test_the_date_range_filter(view, start, end, expected):
    filters = Filters(published_from=start, published_to=end)
    assert found(search(view, "", limit=None, filters=filters)) == expected
    assert found(search(view, "sanctions", limit=None, filters=filters)) == expected


def test_partial_dates():
    assert partial_date("2022") == "2022" and partial_date("2022/2/4") == "2022-02-04"
    assert partial_date("2022-13") is None and partial_date("Feb 2022") is None and partial_date("") is None
