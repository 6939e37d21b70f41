"""What Copy and Copy with citation put on the clipboard, as plain text.

A citation names who said it, where, when and at which address:
“We will not…” — Imran Khan, Deutsche Welle, “Why Imran Khan's Russia trip…”, 2022-02-24, https://…
A part that is not known is left out ("n.d." for a missing date, as style guides do).
"""
from __future__ import annotations

from reader.analysis.record import Quote
from reader.export.naming import CanonicalNames
from reader.search.articles import StoredArticle

NO_DATE = "n.d."


def _source(article: StoredArticle) -> list[str]:
    parts = [article.outlet, f"“{article.title}”" if article.title else "", article.published or NO_DATE,
             article.url]
    return [p for p in parts if p]


def quote_text(quote: Quote, names: CanonicalNames | None = None, article: StoredArticle | None = None) -> str:
    """A quote as read: “the words” — the speaker."""
    speaker = (names or CanonicalNames()).speaker(quote, article)
    return f"“{quote.text}”" + (f" — {speaker}" if speaker else "")


def quote_citation(article: StoredArticle, quote: Quote, names: CanonicalNames | None = None) -> str:
    """“the words” — speaker, outlet, “title”, date, URL."""
    speaker = (names or CanonicalNames()).speaker(quote, article)
    parts = [speaker, *_source(article)] if speaker else _source(article)
    return f"“{quote.text}” — " + ", ".join(parts)


def article_text(article: StoredArticle) -> str:
    """An article as listed: its title and outlet."""
    return article.title + (f" — {article.outlet}" if article.outlet else "")


def article_citation(article: StoredArticle) -> str:
    """author, “title”, outlet, date, URL."""
    parts = [article.author, f"“{article.title}”" if article.title else "", article.outlet,
             article.published or NO_DATE, article.url]
    return ", ".join(p for p in parts if p)
