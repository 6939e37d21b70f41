"""What Compare reads: the stored articles of a selection, as statements with speakers.

Everything comes from the analysis records the index stores
(``reader.search.articles``); nothing is re-analysed. Statement kinds follow
the record contract (``reader.analysis.record``): ``direct`` and ``mixed``
carry quoted words, ``indirect`` is reported speech, the legacy ``partial``
is read as ``mixed`` and scare quotes are not statements.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Iterator, NamedTuple, Sequence

from reader.analysis.quote_spans import find_quote_spans
from reader.analysis.record import STATEMENT_KINDS, Entity, Quote
from reader.compare.names import is_vague, named_as, speaker_key, speaker_name
from reader.compare.text import word_count
from reader.search import fields as F

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


class Mentioned(NamedTuple):
    """An entity of one article as Compare reads it."""

    name: str
    type: str
    aliases: tuple[str, ...]
    mentions: tuple[tuple[int, int], ...]


class Entities:
    """An article's entities, kept as plain tuples and handed out as ``Mentioned`` views.

    The garbage collector stops tracking a tuple of strings and numbers, never an
    object: kept as ``Entity`` objects, 2,000 articles' 50,000 entities made every
    full collection walk them (0.3 s of the GUI thread, whichever thread collects).
    """

    __slots__ = ("_rows",)

    def __init__(self, entities: Iterable[Entity] = ()) -> None:
        self._rows = tuple((e.name, e.type, tuple(e.aliases), tuple((int(a), int(b)) for a, b in e.mentions))
                           for e in entities)

    @classmethod
    def from_json(cls, entities: Iterable[dict]) -> "Entities":
        """From the record JSON's entity objects (no ``Entity`` made in between); an entity
        that cannot be read is left out, not the article."""
        rows = []
        for e in entities:
            try:
                rows.append((str(e["name"]), str(e.get("type", "")), tuple(map(str, e.get("aliases", ()))),
                             tuple((int(m[0]), int(m[1])) for m in e.get("mentions", ()))))
            except (KeyError, TypeError, ValueError, IndexError, AttributeError):
                continue
        out = cls()
        out._rows = tuple(rows)
        return out

    def __iter__(self):
        return map(Mentioned._make, self._rows)

    def rows(self) -> tuple[tuple[str, str, tuple[str, ...], tuple[tuple[int, int], ...]], ...]:
        """(name, type, aliases, mentions) of each entity, without a ``Mentioned`` made for each."""
        return self._rows

    def __len__(self) -> int:
        return len(self._rows)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Entities) and self._rows == other._rows

    def __repr__(self) -> str:
        return f"Entities({len(self._rows)})"


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
    hidden: tuple[tuple[int, int], ...] = ()  # boilerplate spans
    entities: Entities = field(default_factory=Entities)
    statements: list[Statement] = field(default_factory=list)

    @property
    def words(self) -> int:
        """The article's length in words as a reader counts them (hidden lines left out);
        counted when asked (a column head, the JSON), not for every compared article."""
        return len(self.body.split()) - sum(len(self.body[a:b].split()) for a, b in self.hidden)


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


def _compose(art: CompareArticle, quotes: Iterable[tuple[int, Quote]], first_id: int) -> CompareArticle:
    """Fill in ``art``'s statements from its record's quotes (index in the record, quote)."""
    for index, quote in quotes:
        kind = statement_kind(quote.kind)
        if kind is None or not quote.text.strip():
            continue
        name = speaker_name(quote, art.path)
        fragments = _fragments(quote)
        art.statements.append(Statement(
            id=first_id + len(art.statements), path=art.path, outlet=art.outlet, quote_index=index,
            kind=kind, speaker=name, key=speaker_key(name), named_as=named_as(quote, art.body),
            speaker_type=quote.speaker_type or "unknown", text=quote.text, start=quote.start,
            end=quote.end, quoted_words=_quoted_words(quote, kind, fragments),
            vague=is_vague(name, quote.speaker_type), fragments=fragments))
    return art


def _article(path: str, title: str, outlet: str, author: str, published: str, kind: str, bias: str,
             url: str, body: str, boilerplate: Iterable, entities: Entities) -> CompareArticle:
    hidden = tuple((int(a), int(b)) for a, b in boilerplate)
    return CompareArticle(path=path, title=title, outlet=outlet or UNKNOWN_OUTLET, author=author or "",
                          published=published or "", kind=kind or "news", bias=(bias or "unknown").lower(),
                          url=url or "", body=body, hidden=hidden,
                          entities=entities)


def from_stored(stored: StoredArticle, first_id: int = 0) -> CompareArticle:
    """One stored article as Compare reads it; statement ids start at ``first_id``."""
    rec = stored.record
    art = _article(stored.path, stored.title or rec.title, stored.outlet or rec.outlet or "",
                   stored.author or rec.author or "", stored.published or rec.published or "",
                   stored.kind or rec.kind, stored.bias, stored.url or rec.url or "", stored.body,
                   rec.boilerplate, Entities(rec.entities))
    return _compose(art, enumerate(rec.quotes), first_id)


def from_fields(fields: dict, first_id: int = 0) -> CompareArticle:
    """One article from its stored index fields, reading the record JSON for only what Compare
    uses: statements become ``Quote`` objects, scare quotes and the rest are skipped (the same
    reading as ``from_stored(load_article(...))``, a third of the time on 2,000 articles)."""
    try:
        data = json.loads(fields.get(F.RECORD) or "{}")
    except ValueError:
        data = {}  # an unreadable record: the article is compared without its statements
    if not isinstance(data, dict):
        data = {}
    path = fields[F.PATH]
    art = _article(path, fields.get(F.TITLE) or data.get("title") or "",
                   fields.get(F.OUTLET_NAME) or data.get("outlet") or "", fields.get(F.AUTHOR) or "",
                   fields.get(F.PUBLISHED) or "", fields.get(F.KIND) or data.get("kind") or "news",
                   fields.get(F.BIAS) or "unknown", fields.get(F.URL) or "", fields.get(F.BODY) or "",
                   data.get("boilerplate", ()), Entities.from_json(data.get("entities", ())))
    return _compose(art, _statement_quotes(data.get("quotes", ())), first_id)


def _statement_quotes(quotes: Iterable[dict]) -> Iterator[tuple[int, Quote]]:
    """(index in the record, Quote) of the statements; a quote that cannot be read is skipped."""
    known = Quote.__dataclass_fields__
    for index, q in enumerate(quotes):
        try:
            if statement_kind(q.get("kind", "direct")) is None:
                continue
            quote = Quote(**{k: v for k, v in q.items() if k in known})
            if not (isinstance(quote.text, str) and isinstance(quote.start, int) and isinstance(quote.end, int)):
                continue
        except (TypeError, AttributeError):
            continue
        yield index, quote


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
    out: list[CompareArticle] = []
    next_id = 0
    for n, path in enumerate(paths):
        if n % 100 == 0 and cancelled():
            break
        docnum = view.docnum(path)
        if docnum is None:
            continue
        art = from_fields(view.stored(docnum), next_id)
        next_id += len(art.statements)
        out.append(art)
    return out


def all_statements(articles: Sequence[CompareArticle]) -> list[Statement]:
    """Every statement of the selection, indexed by ``Statement.id``."""
    return [s for art in articles for s in art.statements]
