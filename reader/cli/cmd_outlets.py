"""``parallax outlets``: the outlet registry with each label's source and date.

Shows where a label comes from (rater, snapshot date) next to the label itself,
so nobody reads a bare "left"/"right" as a fact.
"""
from __future__ import annotations

import argparse
import dataclasses
import sys

from reader.safe_text import for_terminal as t
from reader.safe_text import json_for_terminal

HELP = "list the outlet registry with bias labels and their sources"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", nargs="?", metavar="NAME",
                        help="an outlet name, alias, domain or URL; or part of a name to filter by")
    parser.add_argument("--json", action="store_true", help="print one JSON array instead of a table")
    parser.add_argument("--rated", action="store_true", help="only outlets with a current rating")


def _select(registry, query: str | None):
    if not query:
        return registry.all_outlets()
    hit = registry.resolve(name=query, url=query)
    if hit is not None:
        return [hit]
    q = query.casefold()
    return [o for o in registry.all_outlets()
            if q in o.name.casefold() or any(q in a.casefold() for a in o.aliases)
            or any(q in d for d in o.domains)]


def outlet_to_dict(outlet) -> dict:
    """JSON-ready view of an outlet, including derived lean fields."""
    d = dataclasses.asdict(outlet)
    d["aliases"], d["domains"] = list(outlet.aliases), list(outlet.domains)
    d["lean"], d["lean3"] = outlet.lean, outlet.lean3
    cur = outlet.current_rating
    d["current_rating"] = dataclasses.asdict(cur) if cur else None
    return d


def _row(outlet) -> tuple[str, str, str, str]:
    r = outlet.current_rating
    if r is None or outlet.lean == "unrated":
        src = "-"
    else:
        src = f"{r.source} {r.date}" if r.source.lower() != "user" else f"your label ({r.date})"
    own = outlet.ownership or "-"
    if outlet.country:
        own = f"{own} [{outlet.country}]"
    return outlet.name, outlet.lean, src, own


def run(args: argparse.Namespace) -> int:
    from reader.outlet_overrides import default_registry

    registry = default_registry()
    outlets = _select(registry, args.name)
    if registry.warning:
        print(f"warning: {t(registry.warning)}", file=sys.stderr)
    if args.rated:
        outlets = [o for o in outlets if o.lean != "unrated"]
    if args.json:
        sys.stdout.write(json_for_terminal([outlet_to_dict(o) for o in outlets], indent=1))
        sys.stdout.write("\n")
        return 0 if outlets or not args.name else 1
    if not outlets:
        print(f"unknown outlet: {t(args.name)}", file=sys.stderr)
        return 1
    rows = [("NAME", "LEAN", "SOURCE", "OWNERSHIP"), *(tuple(map(t, _row(o))) for o in outlets)]
    widths = [min(max(len(r[i]) for r in rows), cap) for i, cap in enumerate((40, 10, 28, 60))]
    for r in rows:
        cells = [c if len(c) <= w else c[: w - 1] + "…" for c, w in zip(r, widths)]
        print("  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip())
    if len(outlets) == 1:
        _details(outlets[0])
    else:
        rated = sum(1 for o in outlets if o.lean != "unrated")
        print(f"\n{len(outlets)} outlets, {rated} rated. "
              "AllSides Media Bias Ratings™ by AllSides.com, CC BY-NC 4.0.")
    return 0


def _details(outlet) -> None:
    """Everything known about one outlet: names, ownership and every dated rating."""
    print()
    if outlet.aliases:
        print("aliases:   " + t(", ".join(outlet.aliases)))
    if outlet.domains:
        print("domains:   " + t(", ".join(outlet.domains)))
    if outlet.type:
        print("type:      " + t(outlet.type))
    if outlet.ownership_note:
        print("ownership: " + t(outlet.ownership_note))
    if outlet.unrated_reason:
        print("unrated:   " + t(outlet.unrated_reason))
    for r in outlet.ratings:
        mark = "*" if r is outlet.current_rating else " "
        print(f" {mark} {t(r.value):<10} {t(r.source)} {t(r.date)}  {t(r.url)}")
        if r.note:
            print(f"     {t(r.note)}")
    if outlet.ratings:
        print("   (* = current; scale: " + t(outlet.ratings[-1].scale) + ")")
