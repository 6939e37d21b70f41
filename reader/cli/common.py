"""Small helpers shared by the CLI commands."""
from __future__ import annotations

import argparse
import sys

from reader.safe_text import for_terminal


def add_index_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--index", metavar="DIR",
                        help="index folder (default: index/ in a checkout, else the user data folder)")


def index_problem(exc, after: str = "") -> int:
    """An ``IndexProblem`` in one line, with how to rebuild when that helps (``after``: what a
    run that stopped part-way kept)."""
    hint = " Run `parallax index --rebuild` to rebuild it from the library's files." if exc.rebuildable else ""
    return error(f"{exc}{hint}{after}")


def add_result_set_options(parser: argparse.ArgumentParser, *, query_required: bool = False,
                           what: str = "") -> None:
    """``--entity`` filters and the query: the one result set search, compare and export
    share (``what`` says what the command does with it, for the query's help)."""
    parser.add_argument("--entity", action="append", default=[], metavar="TYPE:NAME",
                        help="only articles mentioning this entity, e.g. person:imran khan (repeatable)")
    parser.add_argument("query", nargs="+" if query_required else "*", metavar="QUERY",
                        help=(what or "Whoosh query") + ': words, "phrases", prefix*, AND/OR/NOT, '
                             "field:value (title, outlet, author, kind, speaker, entity, bias, quote, "
                             "published), story:ID" + ("" if query_required else " (default: every article)"))


def error(message: str) -> int:
    """Print one line to stderr and return the usage-error exit code."""
    print(f"parallax: {for_terminal(message)}", file=sys.stderr)
    return 2


def open_library_or_error(index: str | None):
    """The library's index (built from the seeds the first time), or an exit code after
    saying what is wrong with it."""
    from reader.library import index_location, open_library
    from reader.search.problems import IndexProblem

    try:
        ix, built = open_library(index_location(index))
    except IndexProblem as exc:
        return index_problem(exc)
    if built is not None:
        print(f"parallax: built the index from the seed corpus ({for_terminal(built.summary())})", file=sys.stderr)
    return ix
