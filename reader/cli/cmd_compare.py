"""``parallax compare``: who each outlet quoted, the words they share, and the coverage."""
from __future__ import annotations

import argparse
import sys

from reader.cli.common import add_index_option, add_result_set_options, error, open_library_or_error
from reader.safe_text import for_terminal, json_for_terminal


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_index_option(parser)
    parser.add_argument("--json", action="store_true",
                        help="print one JSON object (schema parallax.compare/1, see the README)")
    parser.add_argument("--kwic", metavar="ENTITY",
                        help="also list the mentions of this entity by outlet (name, alias or type:name)")
    add_result_set_options(parser, what="the articles to compare, as a search")


def run(args: argparse.Namespace) -> int:
    from reader.compare.render_text import print_comparison
    from reader.compare.report import compare_selection, to_json
    from reader.search.results import compute_matches
    from reader.search.view import IndexView

    text = " ".join(args.query)
    ix = open_library_or_error(args.index)
    if isinstance(ix, int):
        return ix
    view = IndexView(ix)
    result = compute_matches(view, text, args.entity)
    if result.matches.nothing_searchable:
        return error(result.message or "the query has no searchable words")
    if result.message:
        print(f"parallax: {for_terminal(result.message)}", file=sys.stderr)
    if not result.docnums:
        return error("no article matches; nothing to compare")
    comparison = compare_selection(view, result.paths())
    lines = None
    if args.kwic:
        from reader.compare.kwic import kwic

        lines = kwic(comparison.articles, args.kwic)
    if args.json:
        data = to_json(comparison, text, args.entity)
        if lines is not None:
            data["kwic"] = {"entity": args.kwic, "lines": [
                {"path": ln.path, "outlet": ln.outlet, "start": ln.start, "end": ln.end, "left": ln.left,
                 "mention": ln.mention, "right": ln.right, "quote_index": ln.quote_index} for ln in lines]}
        print(json_for_terminal(data, indent=1))
        return 0
    print_comparison(comparison, sys.stdout, kwic_lines=lines, kwic_entity=args.kwic or "")
    return 0
