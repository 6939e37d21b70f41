"""Property-based: no query string, however hostile, makes search raise."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from reader.search.query import search
from reader.search.store import open_index

SYNTAX = st.sampled_from(['"', "(", ")", "*", "?", ":", "^", "~", "[", "]", "{", "}", "\\", "/",
                          " AND ", " OR ", " NOT ", " TO ", "title:", "speaker:", "bias:", "<", ">",
                          "'", "-", "+", "!", "\x00", "\u202e", "pipeline", "Khan", "ü", " "])


@pytest.fixture(scope="module")
def ix(seed_index):
    return open_index(seed_index)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(SYNTAX | st.text(max_size=6), max_size=12))
def test_random_queries_never_raise(ix, parts):
    outcome = search(ix, "".join(parts), limit=5)
    assert outcome.total >= len(outcome.hits) >= 0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=200), keys=st.lists(st.text(max_size=20), max_size=3))
def test_random_text_and_entity_keys_never_raise(ix, text, keys):
    search(ix, text, entity_keys=keys, limit=3)
