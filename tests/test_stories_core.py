"""Story grouping's parts on their own: features, similarity, clustering, the table file,
the user's pins, coverage and blindspots (no index needed)."""
from __future__ import annotations

import json
import sys

import numpy as np
import pytest

from conftest import ROOT

from reader.stories import features, similarity
from reader.stories.cluster import average_link, best_story
from reader.stories.corrections import StoryCorrections
from reader.stories.features import ArticleText, day_number, lead, term_counts
from reader.stories.grouping import attach, group_all
from reader.stories.similarity import Similarity, TermMatrix, dated
from reader.stories.summary import blindspot
from reader.stories.table import read_table, save_table, table_path

sys.path.insert(0, str(ROOT / "tools"))
from story_eval import bcubed  # noqa: E402


def article(path: str, title: str, body: str, day: str = "2021-07-01") -> ArticleText:
    return ArticleText(path, title, day_number(day), term_counts(title, body))


VOTE = ("Senate passes the voting rights bill after a long night",
        "The Senate passed the voting rights bill on Tuesday after a filibuster fight that "
        "lasted through the night; senators from both parties spoke about ballots and districts.")
FLOOD = ("Floods sweep through the river valley, thousands evacuated",
         "Heavy rain sent the river over its banks and thousands of residents were evacuated "
         "from villages in the valley as rescuers searched for the missing.")
VACCINE = ("Regulators approve a booster vaccine for older adults",
           "Health regulators approved a booster dose of the vaccine for adults over sixty-five, "
           "citing trial data on waning immunity and hospital admissions.")


def retell(text: tuple[str, str], n: int) -> tuple[str, str]:
    """Another outlet's take: the same facts, words reordered and a line of its own."""
    title, body = text
    words = body.split()
    return f"{title} ({n})", " ".join(words[n % 3:] + words[:n % 3]) + f" Reporter {n} contributed."


def test_lead_drops_a_first_line_that_repeats_the_title_and_keeps_the_first_words():
    body = "Floods sweep the valley\n\n" + " ".join(f"w{i}" for i in range(300))
    text = lead(body, "Floods sweep the valley.", limit=5)
    assert text == "w0 w1 w2 w3 w4"


def test_title_words_weigh_more_and_stop_words_are_dropped():
    counts = term_counts("Floods in the valley", "The floods said the valley was flooded.")
    assert counts[features.stem_of("valley")] == 2.0 + 1.0
    assert "the" not in counts and "said" not in counts and "in" not in counts


def test_day_numbers_accept_iso_dates_only():
    assert day_number("2021-07-02") - day_number("2021-07-01") == 1
    assert day_number("2021-07-02T09:45:00-07:00") == day_number("2021-07-02")
    assert day_number("") == day_number("2021") == day_number("yesterday") == 0


def test_dates_damp_similarity_and_a_missing_date_needs_a_margin():
    cos = np.full(5, 0.5, dtype=np.float32)
    a = np.array([100, 100, 100, 0, 0])
    b = np.array([100, 101, 120, 100, 0])
    out = dated(cos, a, b)
    assert out[0] == pytest.approx(0.5)
    assert out[1] == pytest.approx(0.5 * np.exp(-1 / similarity.DAY_SCALE))
    assert out[2] == 0.0  # weeks apart: never one story
    assert out[3] == pytest.approx(0.5 - similarity.UNDATED_MARGIN)
    assert out[4] == pytest.approx(0.5 - similarity.BOTH_UNDATED_MARGIN)


def test_block_pairs_equal_one_row_at_a_time(monkeypatch):
    rng = np.random.default_rng(7)
    rows = [{int(t): float(rng.integers(1, 4)) for t in rng.choice(40, size=8, replace=False)}
            for _ in range(37)]
    days = rng.choice([0, 737000, 737001, 737003], size=37).astype(np.int32)
    monkeypatch.setattr(similarity, "BLOCK_ROWS", 5)  # several blocks, rows split across them
    sim = Similarity(TermMatrix.from_rows(rows, 40), days)
    i, j, s = sim.pairs()
    assert (i < j).all() and len(i) > 20
    dense = np.zeros((37, 37), dtype=np.float32)
    dense[i, j] = s
    dense = dense + dense.T
    for row in range(37):
        np.testing.assert_allclose(dense[row], sim.to_row(row), rtol=1e-5, atol=1e-6)


def test_average_link_merges_by_mean_and_keeps_pinned_groups_apart():
    # 0-1-2 are alike on the whole; 3 is alike to 2 only; 4 and 5 are alike but pinned apart
    i = np.array([0, 0, 1, 2, 4]); j = np.array([1, 2, 2, 3, 5])
    s = np.array([0.9, 0.8, 0.85, 0.5, 0.9], dtype=np.float32)
    labels = average_link(6, i, j, s, threshold=0.3, pins=[None, None, None, None, "1", "2"])
    assert labels[0] == labels[1] == labels[2]
    assert labels[3] != labels[0]  # its mean with the group is 0.5 / 3
    assert labels[4] != labels[5]
    forced = average_link(3, np.array([], int), np.array([], int), np.array([], np.float32),
                          threshold=0.3, pins=["7", None, "7"])
    assert forced[0] == forced[2] != forced[1]


def test_best_story_is_the_highest_mean_at_or_above_the_threshold():
    sims = np.array([0.3, 0.1, 0.5, 0.0, 0.0])
    codes = np.array([0, 0, 1, -1, 2])
    assert best_story(sims, codes, 3, threshold=0.15) == 1
    assert best_story(sims, codes, 3, threshold=0.15, allowed=np.array([True, False, True])) == 0
    assert best_story(sims, codes, 3, threshold=0.6) is None


def test_grouping_finds_the_stories_and_is_deterministic():
    texts = [VOTE, FLOOD, VACCINE]
    arts = [article(f"/lib/{k}-{n}.md", *retell(text, n), day=f"2021-07-0{1 + n % 2}")
            for k, text in enumerate(texts) for n in range(3)]
    table = group_all(arts)
    gold = {a.path: a.path.split("-")[0] for a in arts}
    assert bcubed(dict(zip(table.paths, table.stories)), gold)[2] == 1.0
    again = group_all(list(reversed(arts)))
    assert again.paths == table.paths and again.stories == table.stories


def test_attach_places_a_new_article_without_moving_anyone():
    arts = [article(f"/lib/{k}-{n}.md", *retell(text, n)) for k, text in enumerate([VOTE, FLOOD])
            for n in range(2)]
    table = group_all(arts)
    before = dict(zip(table.paths, table.stories))
    placed = attach(table, [article("/lib/new-flood.md", *retell(FLOOD, 5)),
                            article("/lib/new-other.md", *VACCINE)])
    assert placed["/lib/new-flood.md"] == before["/lib/1-0.md"]
    assert placed["/lib/new-other.md"] not in before.values()
    assert {p: table.story_of(p) for p in before} == before


def test_the_threshold_is_what_separates_unrelated_articles():
    table = group_all([article("/a.md", *VOTE), article("/b.md", *FLOOD)])
    assert table.story_of("/a.md") != table.story_of("/b.md")


def test_the_table_file_round_trips_and_a_damaged_one_is_regrouped(tmp_path):
    arts = [article(f"/lib/\u00e9t\u00e9\n{n}.md", *retell(VOTE, n)) for n in range(3)]
    table = group_all(arts)
    save_table(tmp_path, table)
    back = read_table(tmp_path)
    assert back.paths == table.paths and back.stories == table.stories and back.vocab == table.vocab
    np.testing.assert_array_equal(back.matrix.counts, table.matrix.counts)
    table_path(tmp_path).write_bytes(b"PK\x03\x04 not really a zip")
    assert read_table(tmp_path) is None


def test_pins_keep_articles_together_and_survive_a_corrupt_file(tmp_path):
    path = tmp_path / "stories.json"
    c = StoryCorrections(path)
    pin = c.together(["/a", "/b"])
    other = c.together(["/c"])
    assert pin != other
    c.together(["/b", "/c"])  # a merge: everything pinned with either side joins
    assert len(set(c.pins().values())) == 1 and set(c.pins()) == {"/a", "/b", "/c"}
    c.save()
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 1
    path.write_text("{not json", encoding="utf-8")
    fresh = StoryCorrections(path)
    assert fresh.pins() == {} and "moved to" in fresh.warning
    assert list(tmp_path.glob("stories.json.corrupt-*"))


@pytest.mark.parametrize("lean, outlets, expected", [
    ({"left": 2, "lean-left": 1}, 2, "left"),
    ({"lean-right": 3, "unknown": 4}, 3, "right"),
    ({"left": 2, "center": 1}, 3, None),  # center covered it too
    ({"left": 2, "unrated": 5}, 2, None),  # too few rated articles to say
    ({"lean-left": 4}, 1, None),  # one outlet is not a side
    ({"left": 1, "right": 2}, 3, None),
])
def test_blindspot_means_rated_coverage_from_one_side_only(lean, outlets, expected):
    assert blindspot(lean, outlets) == expected


def test_bcubed_matches_a_worked_example():
    gold = {"a": "1", "b": "1", "c": "2"}
    assert bcubed({"a": "x", "b": "x", "c": "x"}, gold) == pytest.approx((5 / 9, 1.0, 2 * (5 / 9) / (1 + 5 / 9)))
    assert bcubed({"a": "x", "b": "y", "c": "z"}, gold)[:2] == pytest.approx((1.0, 2 / 3))


def test_the_shipped_background_counts_news_words_and_no_stop_words():
    from reader.stories.background import background_counts

    df, documents = background_counts([features.stem_of("senate"), features.stem_of("vaccine"), "said"])
    assert documents > 1000
    assert df[0] > 0 and df[1] > 0 and df[2] == 0  # "said" is a stop word: never counted
    assert df[0] < documents
