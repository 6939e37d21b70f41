"""Stories of a real library: AllSides dev stories imported through the real path (with BBC
distractors), grouped, kept up to date, edited by the user, searched with ``story:``."""
from __future__ import annotations

import shutil

import pytest

from story_helpers import Library, allsides_library, build, one_process, story_eval  # noqa: F401 - a fixture

from reader.search.indexer import remove_articles, update_index
from reader.search.query import search
from reader.search.store import open_index
from reader.stories.corrections import user_corrections
from reader.stories.library import (StoryError, after_update, merge_stories, move_article,
                                    open_stories, regroup, split_story)
from reader.stories.table import read_table


def assignments(table) -> dict[str, str]:
    return dict(zip(table.paths, table.stories))


def imported_gold(library: Library) -> dict[str, str]:
    held = str(library.held_out.resolve())
    return {p: s for p, s in library.gold.items() if p != held}


def test_the_dev_stories_are_grouped_back_and_no_distractor_joins_one(allsides_library, tmp_path):
    location = allsides_library.copy(tmp_path / "ix")
    table = open_stories(location)
    gold = imported_gold(allsides_library)
    assert set(table.paths) == set(gold)
    result = story_eval.score(assignments(table), gold)
    assert result["f1"] >= 0.88, result  # the naive TF-IDF baseline is near 0.8 on dev
    assert result["bbc_in_allsides_stories"] == 0, result["intruders"]
    assert read_table(location).stories == table.stories  # kept beside the index


def test_grouping_the_same_library_again_gives_the_same_stories_and_ids(allsides_library, tmp_path):
    location = allsides_library.copy(tmp_path / "ix")
    first = assignments(open_stories(location))
    assert assignments(regroup(location)) == first


def test_one_imported_article_is_attached_without_regrouping(allsides_library, tmp_path):
    location = allsides_library.copy(tmp_path / "ix")
    before = assignments(open_stories(location))
    report = build(location, [allsides_library.held_out])
    table = after_update(location, report)
    new = str(allsides_library.held_out.resolve())
    siblings = [p for p, s in allsides_library.gold.items() if s == allsides_library.gold[new] and p != new]
    assert table.story_of(new) == before[siblings[0]]
    assert {p: table.story_of(p) for p in before} == before  # nobody else moved
    assert table.info["attached_since"] == 1


def test_the_table_follows_the_index_when_no_one_said_it_changed(allsides_library, tmp_path):
    location = allsides_library.copy(tmp_path / "ix")
    open_stories(location)
    build(location, [allsides_library.held_out])  # imported without after_update
    gone = sorted(allsides_library.gold)[0]
    remove_articles(location, [gone])
    table = open_stories(location)
    assert table.story_of(str(allsides_library.held_out.resolve())) is not None
    assert table.story_of(gone) is None


def test_no_table_yet_means_after_update_leaves_grouping_for_first_use(allsides_library, tmp_path):
    location = allsides_library.copy(tmp_path / "ix")
    assert after_update(location) is None and read_table(location) is None


def test_the_users_edits_survive_a_regroup_and_a_rebuilt_index(allsides_library, tmp_path):
    location = allsides_library.copy(tmp_path / "ix")
    table = open_stories(location)
    stories = sorted({s for s in table.stories if len(table.members(s)) >= 2})
    a, b, c = stories[:3]
    moved, *left_behind = table.members(a)
    move_article(location, moved, b)
    merge_stories(location, b, c)
    table = open_stories(location)
    merged = table.members(b)
    assert moved in merged and set(table.members(c)) == set() and len(merged) >= 4
    out = [p for p in merged if p != moved][:1]
    table = split_story(location, b, out)
    split_id = table.story_of(out[0])
    assert split_id != b and table.members(split_id) == out

    def check(table):
        assert table.story_of(moved) == table.story_of(merged[-1]) != table.story_of(out[0])
        assert all(table.story_of(p) == table.story_of(moved) for p in merged if p not in out)
        assert all(table.story_of(p) != table.story_of(moved) for p in left_behind)

    check(regroup(location))
    update_index(location, [allsides_library.corpus / "allsides", allsides_library.corpus / "bbc"],
                 full=True, analyzer=one_process)
    check(open_stories(location))
    check(regroup(location))
    assert user_corrections().pins()[moved]


def test_edits_that_cannot_be_done_say_why(allsides_library, tmp_path):
    location = allsides_library.copy(tmp_path / "ix")
    table = open_stories(location)
    story = table.stories[0]
    with pytest.raises(StoryError, match="no story"):
        merge_stories(location, story, "0000000000")
    with pytest.raises(StoryError, match="not in this library"):
        move_article(location, "/nowhere/article.md", story)
    with pytest.raises(StoryError, match="not none or all"):
        split_story(location, story, table.members(story))
    assert assignments(open_stories(location)) == assignments(table)  # nothing half-done


def test_story_terms_filter_the_one_search_path(allsides_library, tmp_path):
    location = allsides_library.copy(tmp_path / "ix")
    table = open_stories(location)
    story = max(set(table.stories), key=lambda s: len(table.members(s)))
    members = set(table.members(story))
    ix = open_index(location)
    outcome = search(ix, f"story:{story}", limit=None)
    assert {h.path for h in outcome.hits} == members and not outcome.message
    title = next(h.title for h in outcome.hits)  # a word of a member's title narrows it further
    narrowed = search(ix, f"{title.split()[0]} story:{story}", limit=None)
    assert {h.path for h in narrowed.hits} <= members and narrowed.hits
    other = next(s for s in table.stories if s != story)
    both = search(ix, f"story:{story} OR story:{other}", limit=None)
    assert {h.path for h in both.hits} == members | set(table.members(other))
    missing = search(ix, "story:0123456789", limit=None)
    assert missing.hits == [] and "No story 0123456789" in missing.message


def test_a_story_told_only_by_the_left_is_a_blindspot(allsides_library, tmp_path):
    from reader.stories.summary import summarize
    from reader.search.view import IndexView

    data = story_eval.shared_data()
    story = story_eval.load_stories(data / "allsides-stories" / "dev.jsonl", 1)[0]
    left = ["CNN (Online News)", "MSNBC", "HuffPost"]
    story["articles"] = [dict(a, outlet=o) for a, o in zip(story["articles"], left)]
    folder = tmp_path / "left"
    gold = story_eval.write_allsides([story], folder)
    location = tmp_path / "ix"
    build(location, [folder])
    table = open_stories(location)
    view = IndexView(open_index(location))
    try:
        (summary,) = summarize(table, view)
    finally:
        view.close()
    assert set(summary.paths) == set(gold) and summary.blindspot == "left"
    assert summary.lean["left"] == 3 and summary.rated == 3
    assert summary.first_date == summary.last_date == story["date"][:10]
    assert summary.label and summary.headline in {a["title"] for a in story["articles"]}


def test_balanced_stories_have_full_summaries_and_no_blindspot(allsides_library, tmp_path):
    from reader.stories.summary import summarize
    from reader.search.view import IndexView

    location = allsides_library.copy(tmp_path / "ix")
    table = open_stories(location)
    view = IndexView(open_index(location))
    try:
        summaries = summarize(table, view)
    finally:
        view.close()
    assert sum(s.size for s in summaries) == len(table.paths)
    assert [s.size for s in summaries] == sorted((s.size for s in summaries), reverse=True)
    for s in summaries:
        assert sum(s.lean.values()) == s.size == sum(s.ownership.values())
        assert sum(o.articles for o in s.outlets) == s.size and s.label
        if {o.lean for o in s.outlets} >= {"center"}:
            assert s.blindspot is None
    bbc = [s for s in summaries if any("/bbc/" in p for p in s.paths)]
    assert bbc and all(s.first_date == "" for s in bbc)  # undated: the date span says so


def test_corrupt_table_is_grouped_again(allsides_library, tmp_path):
    location = allsides_library.copy(tmp_path / "ix")
    first = assignments(open_stories(location))
    (location / "parallax-stories.npz").write_bytes(b"garbage")
    assert assignments(open_stories(location)) == first
    shutil.rmtree(location)
