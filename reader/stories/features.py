"""What grouping reads of an article: title-weighted word counts of its lead, and its date.

Read from the index (title and date columns, the stored text), never from the
source file and never through spaCy: the analysis already ran when the article
was imported.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Iterator

from reader.search import fields as F
from reader.stories.method import LEAD_WORDS, TITLE_WEIGHT

if TYPE_CHECKING:
    from reader.search.view import IndexView

# Whoosh's list plus the words of news prose that name no event.
STOP_WORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from
further had has have having he her here hers herself him himself his how i if in into is it
its itself just me more most my myself no nor not now of off on once only or other our ours
ourselves out over own same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up very was we were
what when where which while who whom why will with would you your yours yourself yourselves
says said say told tell tells according new one two first last year years week weeks day days
time times get got like may might must also mr ms mrs dr per via amid among within without
yet still even since across around whether another many much every including include includes
monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow tbd us
""".split())

WORD_RE = re.compile(r"[^\W\d_](?:[^\W\d_]|['’\-](?=[^\W\d_]))*")


_STEMS: dict[str, str | None] = {}  # word -> stem, None for a stop word or a single letter


def stem_of(word: str) -> str | None:
    """The stem of a lower-case word (``'s`` dropped), None when it is no content word."""
    stem = _STEMS.get(word)
    if stem is None and word not in _STEMS:
        bare = word[:-2] if word.endswith("'s") else word
        if len(bare) < 2 or bare in STOP_WORDS:
            stem = None
        else:
            from whoosh.lang.porter import stem as porter

            stem = porter(bare)
        if len(_STEMS) < 500_000:  # a bound, for libraries in many languages
            _STEMS[word] = stem
    return stem


def stems(text: str) -> list[str]:
    """The stem of each content word of ``text``, in order."""
    found = WORD_RE.findall(text.lower().replace("’", "'"))
    return [s for s in map(stem_of, found) if s is not None]


def words(text: str) -> Iterator[tuple[str, str]]:
    """(surface word, stem) for each content word of ``text``, lower-cased."""
    for word in WORD_RE.findall(text.lower().replace("’", "'")):
        stem = stem_of(word)
        if stem is not None:
            yield (word[:-2] if word.endswith("'s") else word), stem


def lead(body: str, title: str, limit: int = LEAD_WORDS) -> str:
    """The first ``limit`` words of the text, less a first line that repeats the title."""
    text = body.lstrip()
    first, _, rest = text.partition("\n")
    if title and first.strip().rstrip(".").casefold() == title.strip().rstrip(".").casefold():
        text = rest
    return " ".join(text[:limit * 30].split()[:limit])  # (words are far shorter than 30 characters)


def term_counts(title: str, body: str) -> dict[str, float]:
    """Stem -> count, a title word counting ``TITLE_WEIGHT`` times."""
    counts: dict[str, float] = {}
    for stem in stems(title):
        counts[stem] = counts.get(stem, 0.0) + TITLE_WEIGHT
    for stem in stems(lead(body, title)):
        counts[stem] = counts.get(stem, 0.0) + 1.0
    return counts


def day_number(published: str | None) -> int:
    """The date as a day number (``date.toordinal``), 0 when there is none or it is unreadable.

    A bare year or year-month places an article no better than no date.
    """
    try:
        return dt.date.fromisoformat((published or "")[:10]).toordinal()
    except ValueError:
        return 0


@dataclass(frozen=True)
class ArticleText:
    path: str
    title: str
    day: int  # 0: no date
    terms: dict[str, float]


def read_articles(view: IndexView, docnums: Iterable[int]) -> list[ArticleText]:
    """Grouping's view of the given documents, from the index."""
    out = []
    for docnum in docnums:
        title = view.value(F.TITLE, docnum) or ""
        body = view.stored(docnum).get(F.BODY, "") or ""
        out.append(ArticleText(view.path(docnum), title, day_number(view.value(F.PUBLISHED, docnum)),
                               term_counts(title, body)))
    return out
