"""One owner closes replaced index views, and never one that is still being read."""
from __future__ import annotations

from reader.search.generations import ViewOwner
from reader.search.view import IndexView
from reader.search.store import open_index


def test_a_replaced_view_closes_when_its_last_reader_lets_go(seed_index):
    owner = ViewOwner()
    first = IndexView(open_index(seed_index))
    owner.replace(first)
    owner.hold(first)  # the list paints its rows
    owner.hold(first)  # a search runs on it
    second = IndexView(open_index(seed_index))
    owner.replace(second)
    assert owner.current is second and not first._closed and owner.open_views() == 2
    owner.release(first)
    assert not first._closed
    owner.release(first)
    assert first._closed and owner.open_views() == 1 and not second._closed


def test_an_unheld_view_closes_when_replaced_and_all_close_at_the_end(seed_index):
    owner = ViewOwner()
    first, second = IndexView(open_index(seed_index)), IndexView(open_index(seed_index))
    owner.replace(first)
    owner.replace(second)
    assert first._closed and not second._closed
    owner.hold(second)
    owner.close_all()
    assert second._closed and owner.current is None and owner.closed == 2
    owner.release(second)  # a late answer after the window closed is harmless
