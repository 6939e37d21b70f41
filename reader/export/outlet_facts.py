"""What an export says about an outlet: its lean with rater and date, and its ownership.

One lookup per outlet name through the registry (built-in labels plus the user's
own), so a row shows the label the window shows, with its provenance.
"""
from __future__ import annotations

from dataclasses import dataclass

from reader.outlets import UNKNOWN
from reader.outlets import UNRATED
from reader.outlets import Outlet


@dataclass(frozen=True)
class OutletFacts:
    name: str
    lean: str  # the registry's lean, "unrated", or "unknown" (not in the registry)
    lean_source: str = ""  # who rated it ("AllSides", "user" for the user's own label)
    lean_date: str = ""  # when, as precisely as the rater says
    lean_scale: str = ""
    ownership: str = ""
    country: str = ""


def facts_of(name: str, outlet: Outlet | None) -> OutletFacts:
    """The facts of a resolved outlet (None: the registry does not know it)."""
    if outlet is None:
        return OutletFacts(name=name, lean=UNKNOWN)
    rating = outlet.current_rating
    rated = rating is not None and outlet.lean != UNRATED
    return OutletFacts(name=outlet.name or name, lean=outlet.lean,
                       lean_source=rating.source if rated else "",
                       lean_date=rating.date if rated else "",
                       lean_scale=rating.scale if rated else "",
                       ownership=outlet.ownership, country=outlet.country)


class OutletLookup:
    """Outlet facts by the outlet name an article is indexed under, each looked up once."""

    def __init__(self, registry=None) -> None:
        if registry is None:
            from reader.outlet_overrides import default_registry

            registry = default_registry()
        self._registry = registry
        self._memo: dict[tuple[str, str], OutletFacts] = {}

    def facts(self, name: str, url: str = "") -> OutletFacts:
        key = (name, "" if name else url)  # the name decides when there is one
        found = self._memo.get(key)
        if found is None:
            outlet = self._registry.resolve(name=name or None, url=url or None) if (name or url) else None
            found = self._memo[key] = facts_of(name, outlet)
        return found

    def assigned_by_user(self, article_id: str) -> bool:
        """Whether the user said which outlet published this article (Set Outlet…)."""
        return bool(article_id) and self._registry.article_outlet(article_id) is not None
