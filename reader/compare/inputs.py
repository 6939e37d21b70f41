"""What Compare reads: the stored articles of a selection, as statements with speakers.

Everything comes from the analysis records the index stores
(``reader.search.articles``); nothing is re-analysed. Statement kinds follow
the record contract (``reader.analysis.record``): ``direct`` and ``mixed``
carry quoted words, ``indirect`` is reported speech, the legacy ``partial``
is read as ``mixed`` and scare quotes are not statements.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Sequence

from reader.analysis.quote_spans import find_quote_spans
from reader.analysis.record import STATEMENT_KINDS, Entity, Quote
from reader.compare.names import is_vague, named_as, speaker_key, speaker_name
from reader.compare.text import word_count

if TYPE_CHECKING:
    from reader.search.articles import StoredArticle
    from reader.search.view import IndexView

UNKNOWN_OUTLET = "Unknown outlet"
QUOTED_KINDS = ("direct", "mixed")  # kinds that carry the speaker's own words


def statement_kind(kind: str) -> str | None:
    """direct / mixed / indirect for a statement, None for anything else (scare quotes)."""
    if kind == "partial":
        return "mixed"
    return kind if kind in STATEMENT_KINDS else None


@dataclass(frozen=True, slots=True)
class Statement:
    """One attributed statement of one article."""

    id: int  # position in the comparison's statement list
    path: str
    outlet: str
    quote_index: int  # position in the article record's quotes (the reader's anchor q{n})
    kind: str  # direct, mixed or indirect
    speaker: str  # canonical name (``names.speaker_name``)
    key: str  # the speaker compared across articles (``names.speaker_key``)
    named_as: str  # the speaker as this outlet names them
    speaker_type: str
    text: str
    start: int
    end: int
    quoted_words: int  # words inside quotation marks (0 for reported speech)
    vague: bool  # an anonymous or vague source (``names.is_vague``)
    fragments: tuple[tuple[int, int], ...] = ()  # a mixed clause's quoted words (offsets in text)

    @property
    def quoted(self) -> bool:
        return self.kind in QUOTED_KINDS


@dataclass
class CompareArticle:
    path: str
    title: str
    outlet: str
    author: str
    published: str
    kind: str
    bias: str  # the indexed bias token
    url: str
    body: str
    words: int
    hidden: list[tuple[int, int]] = field(default_factory=list)  # boilerplate spans
    entities: list[Entity] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)


def _fragments(quote: Quote) -> tuple[tuple[int, int], ...]:
    """The quoted words inside a mixed clause (whose span includes its marks)."""
    if quote.kind != "mixed":
        return ()  # a legacy partial quote's span is the quoted words themselves
    return tuple((s.start, s.end) for s in find_quote_spans(quote.text) if s.nested_in is None)


def _quoted_words(quote: Quote, kind: str, fragments: tuple[tuple[int, int], ...]) -> int:
    if kind == "indirect":
        return 0
    if quote.kind == "mixed":
        return sum(word_count(quote.text[a:b]) for a, b in fragments)
    return word_count(quote.text)  # direct, and legacy partial quotes: the span is the quoted words


def _visible_words(body: str, hidden: Sequence[tuple[int, int]]) -> int:
    """The article's length in words as a reader counts them (hidden lines left out)."""
    return len(body.split()) - sum(len(body[a:b].split()) for a, b in hidden)


def from_stored(stored: StoredArticle, first_id: int = 0) -> CompareArticle:
    """One stored article as Compare reads it; statement ids start at ``first_id``."""
    rec = stored.record
    outlet = stored.outlet or rec.outlet or UNKNOWN_OUTLET
    art = CompareArticle(path=stored.path, title=stored.title or rec.title, outlet=outlet,
                         author=stored.author or rec.author or "",
                         published=stored.published or rec.published or "",
                         kind=stored.kind or rec.kind or "news", bias=(stored.bias or "unknown").lower(),
                         url=stored.url or rec.url or "", body=stored.body,
                         words=_visible_words(stored.body, rec.boilerplate),
                         hidden=list(rec.boilerplate), entities=list(rec.entities))
    for index, quote in enumerate(rec.quotes):
        kind = statement_kind(quote.kind)
        if kind is None or not quote.text.strip():
            continue
        name = speaker_name(quote, rec)
        fragments = _fragments(quote)
        art.statements.append(Statement(
            id=first_id + len(art.statements), path=stored.path, outlet=outlet, quote_index=index,
            kind=kind, speaker=name, key=speaker_key(name), named_as=named_as(quote, stored.body),
            speaker_type=quote.speaker_type or "unknown", text=quote.text, start=quote.start,
            end=quote.end, quoted_words=_quoted_words(quote, kind, fragments),
            vague=is_vague(name, quote.speaker_type), fragments=fragments))
    return art


def articles_from(stored: Iterable[StoredArticle]) -> list[CompareArticle]:
    """Compare's view of stored articles, statement ids numbered across all of them."""
    out: list[CompareArticle] = []
    next_id = 0
    for item in stored:
        art = from_stored(item, next_id)
        next_id += len(art.statements)
        out.append(art)
    return out


def load_selection(view: IndexView, paths: Sequence[str], cancelled=lambda: False) -> list[CompareArticle]:
    """The selection's articles read from the index, in the given order (unknown paths skipped)."""
    from reader.search.articles import load_article

    stored = []
    for path in paths:
        if cancelled():
            break
        art = load_article(view, path)
        if art is not None:
            stored.append(art)
    return articles_from(stored)


def all_statements(articles: Sequence[CompareArticle]) -> list[Statement]:
    """Every statement of the selection, indexed by ``Statement.id``."""
    return [s for art in articles for s in art.statements]
