"""``parallax search``: ranked hits with outlet, title and a marked snippet."""
from __future__ import annotations

import argparse
import sys

from reader.cli.common import add_index_option, add_result_set_options, error, open_library_or_error
from reader.safe_text import for_terminal, json_for_terminal

JSON_SCHEMA = "parallax-search/3"  # 3: "suggestion"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_index_option(parser)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--limit", type=int, default=10, metavar="N", help="at most N hits (default 10)")
    add_result_set_options(parser, query_required=True, what="Whoosh query or a pasted passage")
    parser.add_argument("--from", dest="date_from", default="", metavar="DATE",
                        help="only articles published from DATE: a year, month or day (2022, 2022-02, 2022-02-24)")
    parser.add_argument("--to", dest="date_to", default="", metavar="DATE",
                        help="only articles published up to DATE (a month or year includes all of it)")


def run(args: argparse.Namespace) -> int:
    from reader.search.bounds import shorten
    from reader.search.filters import Filters, partial_date
    from reader.search.hits import MARK_END, MARK_START
    from reader.search.query import render_marks, search

    if args.limit < 1:
        return error("--limit must be at least 1")
    for flag, value in (("--from", args.date_from), ("--to", args.date_to)):
        if value and partial_date(value) is None:
            return error(f"{flag} takes a year, a month or a day (2022, 2022-02, 2022-02-24), "
                         f"not {shorten(value, 30)!r}")
    text = " ".join(args.query)
    ix = open_library_or_error(args.index)
    if isinstance(ix, int):
        return ix
    filters = Filters(published_from=partial_date(args.date_from) or "",
                      published_to=partial_date(args.date_to) or "")
    outcome = search(ix, text, entity_keys=args.entity, limit=args.limit, filters=filters)
    if outcome.nothing_searchable:
        return error(outcome.message or "the query has no searchable words")
    if outcome.message:
        print(f"parallax: {for_terminal(outcome.message)}", file=sys.stderr)
    shown = shorten(text)  # a pasted page is never printed back whole
    if args.json:
        print(json_for_terminal({
            "schema": JSON_SCHEMA, "query": shown, "query_chars": len(text), "parsed": outcome.query,
            "total": outcome.total, "message": outcome.message, "stopped": outcome.stopped,
            "suggestion": outcome.suggestion,
            "hits": [{"path": h.path, "title": h.title, "outlet": h.outlet, "author": h.author,
                      "published": h.published, "kind": h.kind, "bias": h.bias,
                      "quotes": h.quote_count, "score": round(h.score, 4),
                      "snippet": render_marks(h.snippet, "[", "]")} for h in outcome.hits],
        }, indent=1))
        return 0
    bold = sys.stdout.isatty()
    start, end = ("\033[1m", "\033[0m") if bold else ("[", "]")
    print(f"{outcome.total} article{'s' if outcome.total != 1 else ''} match “{for_terminal(shown)}”")
    if outcome.suggestion:
        print(f"Did you mean “{for_terminal(shorten(outcome.suggestion))}”?")
    for rank, h in enumerate(outcome.hits, 1):
        outlet = h.outlet or "unknown outlet"
        print(f"\n{rank}. {for_terminal(outlet)} — {for_terminal(h.title)}")
        # the snippet's own escapes go first, then our marks (bold on a terminal)
        print(f"   {render_marks(for_terminal(h.snippet, keep=MARK_START + MARK_END), start, end)}")
    return 0
