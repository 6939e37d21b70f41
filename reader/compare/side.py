"""Side by side: two to four articles in columns, and what to highlight in each.

A column's head says what the article is before it is read: headline,
byline, outlet label and owner, length, how many statements and by whom,
and the entities it mentions most. ``marks`` answers "where is this speaker,
entity or shared-words group in that article", so the view can highlight
it in every column and scroll each to its first occurrence.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Sequence

from reader.compare.coverage import Coverage
from reader.compare.inputs import CompareArticle
from reader.compare.kwic import entity_matches
from reader.compare.locate import Occurrence, occurrence
from reader.compare.shared import Group

MAX_COLUMNS = 4
MIN_COLUMNS = 2
TOP_ENTITIES = 6


@dataclass
class Column:
    """An article's column head; the article itself is ``article``."""

    article: CompareArticle
    chip: str
    ownership: str
    tooltip: str
    quoted: int
    indirect: int
    speakers: list[tuple[str, int]] = field(default_factory=list)  # (name, statements), most first
    entities: list[tuple[str, str, int]] = field(default_factory=list)  # (name, type, mentions)


def column(art: CompareArticle, cov: Coverage | None = None) -> Column:
    oc = next((o for o in cov.outlets if o.outlet == art.outlet), None) if cov is not None else None
    speakers = Counter(s.speaker for s in art.statements)
    ents = sorted(((e.name, e.type, len(e.mentions)) for e in art.entities if e.mentions),
                  key=lambda x: (-x[2], x[0].casefold()))
    return Column(article=art, chip=oc.chip if oc else art.bias.title(),
                  ownership=oc.ownership if oc else "", tooltip=oc.tooltip if oc else "",
                  quoted=sum(1 for s in art.statements if s.quoted),
                  indirect=sum(1 for s in art.statements if not s.quoted),
                  speakers=speakers.most_common(), entities=ents[:TOP_ENTITIES])


def default_picks(articles: Sequence[CompareArticle], n: int = 3) -> list[str]:
    """The first article of each of the first ``n`` outlets with statements (else any), in order."""
    picks: list[str] = []
    outlets: set[str] = set()
    for want_statements in (True, False):
        for art in articles:
            if len(picks) >= n:
                return picks
            if art.path in picks or art.outlet in outlets or (want_statements and not art.statements):
                continue
            picks.append(art.path)
            outlets.add(art.outlet)
    for art in articles:  # fewer outlets than columns: more articles of the same ones
        if len(picks) >= min(n, len(articles)):
            break
        if art.path not in picks:
            picks.append(art.path)
    return picks


@dataclass(frozen=True)
class Target:
    """What to highlight: a speaker (their key), an entity (a name or type:name) or a group (its id)."""

    kind: str  # "speaker", "entity" or "group"
    value: str
    label: str = ""


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    quote_index: int | None  # a statement: the rendered article has its anchor
    where: Occurrence | None = None  # an entity mention: its occurrence in the rendered body


def marks(art: CompareArticle, target: Target, groups: Sequence[Group] = ()) -> list[Mark]:
    """Where ``target`` is in ``art``, in reading order."""
    if target.kind == "speaker":
        out = [Mark(s.start, s.end, s.quote_index) for s in art.statements if s.key == target.value]
    elif target.kind == "group":
        group = next((g for g in groups if str(g.id) == str(target.value)), None)
        out = [Mark(m.statement.start, m.statement.end, m.statement.quote_index)
               for m in (group.members if group else []) if m.statement.path == art.path]
    else:
        spans = sorted({span for e in art.entities if entity_matches(e, target.value) for span in e.mentions})
        out = [Mark(a, b, None, occurrence(art, a, b)) for a, b in spans
               if 0 <= a < b <= len(art.body) and not any(h0 <= a < h1 for h0, h1 in art.hidden)]
    return sorted(out, key=lambda m: m.start)
