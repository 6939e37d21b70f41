"""What each story is: a label, its dates, outlets, coverage bar and blindspot.

Read from the index's columns (titles, outlets, bias tokens, dates, entity
lists) and the outlet registry, so a relabelled outlet shows at once.

**Coverage** counts a story's articles per lean of their outlet, exactly as
the library's coverage bar does (``reader.outlet_info.coverage_counts``: the
index's five-point tokens), and per ownership as the registry states it.

**Blindspot**: the story's coverage comes from one side only. The sides are
*left* (left, lean left) and *right* (lean right, right); center is neither.
A story is a blindspot when at least ``MIN_RATED`` of its articles are rated
(left … right; mixed, unrated and unknown outlets are not), they come from at
least ``MIN_RATED_OUTLETS`` outlets, and every rated article is on the same
side: ``blindspot == "left"`` means only the left covered it (the right's
blindspot). Fewer rated articles say nothing either way.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable, Mapping

from reader.outlet_info import SEGMENTS, coverage_counts
from reader.search import fields as F
from reader.stories.features import WORD_RE, stem_of, stems, words
from reader.stories.grouping import similarity_of
from reader.stories.similarity import Similarity

if TYPE_CHECKING:
    from reader.outlet_overrides import OutletRegistry
    from reader.search.view import IndexView
    from reader.stories.table import StoryTable

MIN_RATED = 3
MIN_RATED_OUTLETS = 2
SIDE_OF = {"left": "left", "lean-left": "left", "center": "center", "lean-right": "right", "right": "right"}
LABEL_ENTITIES = 2
LABEL_PARTS = 5
ENTITY_TYPES = ("person", "organisation", "place")


@dataclass(frozen=True)
class OutletShare:
    name: str
    articles: int
    lean: str  # a coverage segment: "left" … "right", "unrated" or "unknown"


@dataclass
class StorySummary:
    id: str
    label: str  # its most characteristic entities and title words
    headline: str  # the title of the article nearest the story's centre
    paths: list[str]  # earliest first, undated last
    first_date: str  # ISO, "" when no article is dated
    last_date: str
    outlets: list[OutletShare]
    lean: dict[str, int]  # articles per coverage segment, left to right
    ownership: dict[str, int]  # articles per owner type ("unknown" when the registry has none)
    blindspot: str | None  # "left" / "right": the only side that covered it
    rated: int  # articles from rated outlets (left … right)
    corrected: bool = False  # holds the user's own edits
    titles: list[str] = field(default_factory=list, repr=False)

    @property
    def size(self) -> int:
        return len(self.paths)


def side_of(segment: str) -> str | None:
    """"left", "center" or "right" for a rated segment, None otherwise (mixed, unrated, unknown)."""
    return SIDE_OF.get(segment)


def blindspot(lean: Mapping[str, int], rated_outlets: int) -> str | None:
    """The one side (``"left"``/``"right"``) a story's rated coverage comes from, or None."""
    sides = Counter()
    for segment, n in lean.items():
        side = side_of(segment)
        if side is not None:
            sides[side] += n
    rated = sum(sides.values())
    if rated < MIN_RATED or rated_outlets < MIN_RATED_OUTLETS:
        return None
    for side in ("left", "right"):
        if sides[side] == rated:
            return side
    return None


@dataclass(frozen=True)
class _Row:
    title: str
    outlet: str
    bias: str
    published: str
    entities: tuple[str, ...]  # "type:Name"


def _read_rows(table: StoryTable, view: IndexView) -> list[_Row | None]:
    docnums = {view.path(n): n for n in view.all_docnums()}
    rows: list[_Row | None] = []
    for path in table.paths:
        n = docnums.get(path)
        if n is None:
            rows.append(None)
            continue
        ents = (view.value(F.ENTITY_LIST, n) or b"").decode("utf-8", "replace").split("\n")
        rows.append(_Row(view.value(F.TITLE, n) or "", view.value(F.OUTLET_NAME, n) or "",
                         view.value(F.BIAS, n) or "unknown", view.value(F.PUBLISHED, n) or "",
                         tuple(e for e in ents if e.partition(":")[0] in ENTITY_TYPES)))
    return rows


def _title_case(title: str) -> bool:
    """Headline Case Capitalises Every Word, so it says nothing about which are names."""
    long_words = [w for w in WORD_RE.findall(title) if len(w) > 3]
    return bool(long_words) and sum(w[0].isupper() for w in long_words) >= 0.6 * len(long_words)


def _display_forms(titles: Iterable[str], names: Iterable[str], wanted: set[str]) -> dict[str, str]:
    """Stem -> how to show it, for the ``wanted`` stems: acronyms, words of an entity's name,
    and words that sentence-case titles capitalise after their first word keep their case;
    other words are lower-case."""
    in_names = {w for name in names for w in WORD_RE.findall(name)}
    forms: dict[str, Counter] = {}
    proper: dict[str, bool] = {}
    for title in titles:
        evidence = not _title_case(title)
        for position, match in enumerate(WORD_RE.finditer(title)):
            original = match.group().replace("’", "'")
            if original.lower().endswith("'s"):
                original = original[:-2]
            stem = stem_of(original.lower())
            if stem in wanted:
                forms.setdefault(stem, Counter())[original] += 1
                if original in in_names:
                    proper.setdefault(stem, True)
                elif evidence and position > 0:
                    proper[stem] = proper.get(stem, True) and original[:1].isupper()
    out = {}
    for stem, counter in forms.items():
        original = counter.most_common(1)[0][0]
        keep = (original.isupper() and len(original) > 1) or proper.get(stem, False)
        out[stem] = original if keep else original.lower()
    return out


_MINOR = {"the", "of", "for", "and", "on", "in", "to", "a", "an", "&"}


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.replace("-", " ").split() if w.lower() not in _MINOR).upper()


def _same_entity(a: str, b: str) -> bool:
    """"CDC" and "The Centers for Disease Control and Prevention", "Biden" and "Joe Biden"."""
    short, long = sorted((a, b), key=len)
    if short.isupper() and len(short) > 1 and _initials(long).startswith(short):
        return True
    return f" {short.casefold()}" in f" {long.casefold()}" and long.casefold().endswith(short.casefold())


def _label(members: list[_Row], entity_df: Counter, term_idf: Callable[[str], float],
           n_articles: int) -> str:
    need = max(1, math.ceil(len(members) / 2))
    mentions = Counter(e for row in members for e in set(row.entities))
    ranked_entities = sorted((e for e, n in mentions.items() if n >= need),
                             key=lambda e: (-mentions[e] * math.log((n_articles + 1) / (entity_df[e] + 1)), e))
    names: list[str] = []
    for entity in ranked_entities:
        name = entity.partition(":")[2]
        if not any(_same_entity(name, other) for other in names):
            names.append(name)
        if len(names) == LABEL_ENTITIES:
            break
    taken = {stem for name in names for _, stem in words(name)}
    in_titles = Counter(stem for row in members for stem in set(stems(row.title)))
    shared = min(need, 2)  # words in several of the titles say more than one title's rare word
    ranked = sorted((s for s in in_titles if s not in taken),
                    key=lambda s: (-(in_titles[s] >= shared), -in_titles[s] * term_idf(s), s))
    chosen = ranked[:LABEL_PARTS - len(names)]
    forms = _display_forms((row.title for row in members),
                           (e.partition(":")[2] for row in members for e in row.entities), set(chosen))
    parts = names + [forms.get(s, s) for s in chosen]
    return " · ".join(parts)


def _headline(rows: list[int], similarity: Similarity, titles: list[str]) -> str:
    """The title of the member nearest the story's centre (its own title for one article)."""
    if len(rows) == 1:
        return titles[rows[0]]
    m = similarity.matrix
    centre: dict[int, float] = {}
    for r in rows:
        span = slice(m.indptr[r], m.indptr[r + 1])
        for t, w in zip(m.indices[span].tolist(), similarity.w[span].tolist()):
            centre[t] = centre.get(t, 0.0) + w
    best = max(rows, key=lambda r: (sum(centre.get(t, 0.0) * w for t, w in zip(
        m.indices[m.indptr[r]:m.indptr[r + 1]].tolist(), similarity.w[m.indptr[r]:m.indptr[r + 1]].tolist())), -r))
    return titles[best]


def summarize(table: StoryTable, view: IndexView, registry: OutletRegistry | None = None,
              pins: Mapping[str, str] | None = None) -> list[StorySummary]:
    """Every story of the table, largest first (then the most recent, then by id)."""
    if registry is None:
        from reader.outlet_overrides import default_registry

        registry = default_registry()
    pins = pins or {}
    rows = _read_rows(table, view)
    present = [r for r in rows if r is not None]
    entity_df = Counter(e for r in present for e in set(r.entities))
    similarity = similarity_of(table.matrix, table.days, table.vocab)
    doc_freq = table.matrix.doc_freq()
    term_ids = {t: i for i, t in enumerate(table.vocab)}
    n = max(table.matrix.n_rows, 1)

    def term_idf(stem: str) -> float:
        tid = term_ids.get(stem)
        return math.log((n + 1) / ((doc_freq[tid] if tid is not None else 0) + 1))

    owners: dict[str, str] = {}

    def owner(name: str) -> str:
        if name not in owners:
            outlet = registry.resolve(name=name) if name else None
            owners[name] = (outlet.ownership if outlet is not None else "") or "unknown"
        return owners[name]

    titles = [r.title if r is not None else "" for r in rows]
    out = []
    for story, story_rows in table.rows_by_story().items():
        story_rows = [r for r in story_rows if rows[r] is not None]
        if not story_rows:
            continue
        members = [rows[r] for r in story_rows]
        pairs = [(m.outlet or None, m.bias) for m in members]
        lean = coverage_counts([bias for _outlet, bias in pairs])
        by_outlet: dict[str, list] = {}
        for m in members:
            by_outlet.setdefault(m.outlet, []).append((m.outlet or None, m.bias))
        outlets = []
        for name, outlet_pairs in by_outlet.items():
            counts = coverage_counts([bias for _outlet, bias in outlet_pairs])
            outlets.append(OutletShare(name or "unknown outlet", len(outlet_pairs),
                                       max(SEGMENTS, key=lambda s: (counts[s], -SEGMENTS.index(s)))))
        outlets.sort(key=lambda o: (-o.articles, o.name.casefold()))
        rated_outlets = sum(1 for o in outlets if side_of(o.lean) is not None)
        dates = sorted(m.published[:10] for m in members if m.published)
        paths = [table.paths[r] for r in story_rows]
        out.append(StorySummary(
            id=story, label=_label(members, entity_df, term_idf, len(present)),
            headline=_headline(story_rows, similarity, titles), paths=paths,
            first_date=dates[0] if dates else "", last_date=dates[-1] if dates else "",
            outlets=outlets, lean=lean, ownership=dict(Counter(owner(m.outlet) for m in members)),
            blindspot=blindspot(lean, rated_outlets), rated=sum(lean[s] for s in SIDE_OF),
            corrected=any(p in pins for p in paths), titles=[m.title for m in members]))
    out.sort(key=lambda s: (-s.size, _negated(s.last_date), s.id))
    return out


def _negated(date: str) -> tuple:
    """Sorts later dates first, undated last."""
    return (not date, tuple(-ord(c) for c in date))
