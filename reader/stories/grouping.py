"""Grouping articles into a stories table: all at once, or one article at a time.

``group_all`` is the full regroup (average link over every pair, see
``method``); ``attach`` places new articles into an existing table without
touching anyone else's story. Both obey the user's pins.
"""
from __future__ import annotations

import time
from typing import Mapping, Sequence

import numpy as np

from reader.stories.cluster import average_link, best_story
from reader.stories.features import ArticleText
from reader.stories.background import background_counts
from reader.stories.method import METHOD, METHOD_VERSION, PARAMS, THRESHOLD, USE_BACKGROUND
from reader.stories.similarity import Similarity, TermMatrix
from reader.stories.table import StoryTable, unused_id


def _rows(articles: Sequence[ArticleText], vocab: list[str],
          term_ids: dict[str, int]) -> list[dict[int, float]]:
    rows = []
    for article in articles:
        row = {}
        for term, count in article.terms.items():
            tid = term_ids.get(term)
            if tid is None:
                tid = term_ids[term] = len(vocab)
                vocab.append(term)
            row[tid] = count
        rows.append(row)
    return rows


def similarity_of(matrix: TermMatrix, days: np.ndarray, vocab: list[str]) -> Similarity:
    """Similarities with word weights from the library and the background of news at large."""
    return Similarity(matrix, days, background_counts(vocab) if USE_BACKGROUND else None)


def _info(extra: Mapping | None = None) -> dict:
    return {"method": METHOD, "method_version": METHOD_VERSION, "params": dict(PARAMS),
            "grouped_at": round(time.time(), 3), "attached_since": 0, **(extra or {})}


def _order_key(article: ArticleText) -> tuple:
    return (article.day == 0, article.day, article.path)


def group_all(articles: Sequence[ArticleText], pins: Mapping[str, str] | None = None) -> StoryTable:
    """Group a whole library from scratch (deterministic: rows are ordered by path)."""
    articles = sorted(articles, key=lambda a: a.path)
    vocab: list[str] = []
    matrix = TermMatrix.from_rows(_rows(articles, vocab, {}), 0)
    matrix.n_terms = len(vocab)
    days = np.array([a.day for a in articles], dtype=np.int32)
    pins = pins or {}
    pin_list = [pins.get(a.path) for a in articles]
    if articles:
        i, j, s = similarity_of(matrix, days, vocab).pairs()
        labels = average_link(len(articles), i, j, s, THRESHOLD, pin_list)
    else:
        labels = []
    groups: dict[int, list[int]] = {}
    for row, label in enumerate(labels):
        groups.setdefault(label, []).append(row)
    stories = [""] * len(articles)
    table = StoryTable([a.path for a in articles], stories, days, vocab, matrix, _info())
    # ids from each story's first article, earliest stories first, so ids never depend on
    # the order groups came out in
    anchored = sorted(((min((articles[r] for r in rows), key=_order_key), rows) for rows in groups.values()),
                      key=lambda pair: _order_key(pair[0]))
    taken: set[str] = set()
    for anchor, rows in anchored:
        story = unused_id(anchor.path, taken)
        for row in rows:
            stories[row] = story
    return table


def attach(table: StoryTable, articles: Sequence[ArticleText],
           pins: Mapping[str, str] | None = None) -> dict[str, str]:
    """Place new articles (not already rows) into the table, earliest first.

    Each joins the story it is most alike to on average if that mean reaches
    the threshold, else starts a story of its own; the stories already there
    keep their articles. A pinned article joins the story holding its pin.
    Returns path -> story for the new articles. The table is changed in place.
    """
    articles = sorted((a for a in articles if table.row_of(a.path) is None), key=_order_key)
    if not articles:
        return {}
    pins = pins or {}
    term_ids = {t: i for i, t in enumerate(table.vocab)}
    first_new = len(table.paths)
    rows = _rows(articles, table.vocab, term_ids)
    added = TermMatrix.from_rows(rows, len(table.vocab))
    table.matrix = TermMatrix(np.concatenate([table.matrix.indptr, added.indptr[1:] + table.matrix.indptr[-1]]),
                              np.concatenate([table.matrix.indices, added.indices]),
                              np.concatenate([table.matrix.counts, added.counts]), len(table.vocab))
    table.days = np.concatenate([table.days, np.array([a.day for a in articles], dtype=np.int32)])
    table.paths.extend(a.path for a in articles)
    table.stories.extend("" for _ in articles)
    table.changed()

    taken = set(table.stories)
    codes_of: dict[str, int] = {}
    story_names: list[str] = []
    story_pin: list[str | None] = []
    codes = np.full(len(table.paths), -1, dtype=np.int64)
    for row in range(first_new):
        story = table.stories[row]
        code = codes_of.get(story)
        if code is None:
            code = codes_of[story] = len(story_names)
            story_names.append(story)
            story_pin.append(None)
        codes[row] = code
        story_pin[code] = story_pin[code] or pins.get(table.paths[row])

    similarity = similarity_of(table.matrix, table.days, table.vocab)  # with the new articles' words
    placed: dict[str, str] = {}
    for offset, article in enumerate(articles):
        row = first_new + offset
        pin = pins.get(article.path)
        holder = story_pin.index(pin) if pin is not None and pin in story_pin else None
        if holder is not None:
            code = holder
        else:
            allowed = None if pin is None else np.array([p is None for p in story_pin], dtype=bool)
            sims = similarity.to_row(row)
            code = best_story(sims, codes, len(story_names), THRESHOLD, allowed)
        if code is None:
            code = len(story_names)
            story_names.append(unused_id(article.path, taken))
            story_pin.append(None)
        codes[row] = code
        story_pin[code] = story_pin[code] or pin
        table.stories[row] = story_names[code]
        placed[article.path] = story_names[code]
    table.info["attached_since"] = int(table.info.get("attached_since", 0)) + len(articles)
    return placed
