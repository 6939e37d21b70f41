"""Coverage of a selection: which outlets, which leans and owners, which kinds, which dates.

Labels come from the outlet registry through ``reader.outlet_info`` (the chip
text, its tooltip and the lean segments the library's coverage bar uses), so
Compare says exactly what the rest of the window says about an outlet.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Sequence

from reader.analysis.record import ARTICLE_KINDS
from reader.compare.inputs import CompareArticle
from reader.outlet_info import OWNERSHIP_SEGMENTS, SEGMENTS, bias_label, coverage_counts, label_tooltip
from reader.outlet_tokens import ownership_token
from reader.outlets import Outlet

Describe = Callable[[str], "Outlet | None"]


def registry_outlet(name: str) -> Outlet | None:
    """The registry's outlet for a name (the user's overrides included)."""
    from reader.outlet_overrides import default_registry

    return default_registry().resolve(name=name) if name else None


def ownership_of(outlet: Outlet | None) -> str:
    """Who owns an outlet, as the registry says ("" when it does not)."""
    return outlet.ownership if outlet is not None else ""


@dataclass
class OutletCoverage:
    outlet: str
    articles: int = 0
    kinds: dict[str, int] = field(default_factory=dict)
    token: str = "unknown"  # the indexed bias token of its articles
    lean: str | None = None  # the registry's lean (None: not in the registry)
    chip: str = "Unknown"  # the chip text, as the library shows it
    segment: str = "unknown"  # its coverage-bar segment
    ownership: str = ""
    tooltip: str = ""
    first_date: str = ""
    last_date: str = ""


@dataclass
class Coverage:
    articles: int
    outlets: list[OutletCoverage]  # left to right, then by name
    segments: dict[str, int]  # articles per coverage-bar segment
    kinds: dict[str, int]  # articles per kind (news / analysis / opinion)
    first_date: str = ""
    last_date: str = ""
    undated: int = 0
    ownership_segments: dict[str, int] = field(default_factory=dict)  # articles per ownership class

    def outlet_order(self) -> list[str]:
        return [o.outlet for o in self.outlets]


def coverage(articles: Sequence[CompareArticle], describe: Describe = registry_outlet) -> Coverage:
    """The coverage of ``articles``; ``describe`` finds an outlet name's registry entry."""
    found: dict[str, Outlet | None] = {}
    per: dict[str, OutletCoverage] = {}
    tokens: dict[str, Counter[str]] = {}
    for art in articles:
        if art.outlet not in found:
            found[art.outlet] = describe(art.outlet)
        oc = per.setdefault(art.outlet, OutletCoverage(art.outlet))
        oc.articles += 1
        oc.kinds[art.kind] = oc.kinds.get(art.kind, 0) + 1
        tokens.setdefault(art.outlet, Counter())[art.bias] += 1
        if art.published:
            oc.first_date = min(oc.first_date or art.published, art.published)
            oc.last_date = max(oc.last_date, art.published)
    for name, oc in per.items():
        outlet = found[name]
        oc.token = tokens[name].most_common(1)[0][0]
        oc.lean = outlet.lean if outlet is not None else None
        oc.chip = bias_label(oc.token)  # the indexed five-point token, as the library's chip and bar
        oc.segment = oc.token if oc.token in SEGMENTS else "unknown"
        oc.ownership = ownership_of(outlet)
        oc.tooltip = label_tooltip(outlet, name)
    segments = coverage_counts([a.bias for a in articles])
    owned = coverage_counts([ownership_token(found[n]) for n, oc in per.items() for _ in range(oc.articles)],
                            OWNERSHIP_SEGMENTS)
    ordered = sorted(per.values(), key=lambda o: (SEGMENTS.index(o.segment) if o.segment in SEGMENTS
                                                  else len(SEGMENTS), o.outlet.casefold()))
    kinds = {k: 0 for k in ARTICLE_KINDS}
    for art in articles:
        kinds[art.kind] = kinds.get(art.kind, 0) + 1
    dates = sorted(a.published for a in articles if a.published)
    return Coverage(articles=len(articles), outlets=ordered, segments=segments, kinds=kinds,
                    first_date=dates[0] if dates else "", last_date=dates[-1] if dates else "",
                    undated=sum(1 for a in articles if not a.published), ownership_segments=owned)
