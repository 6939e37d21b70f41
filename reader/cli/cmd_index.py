"""``parallax index``: build or update the index from files and folders."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.cli.common import add_index_option, error, index_problem
from reader.safe_text import for_terminal


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_index_option(parser)
    parser.add_argument("--rebuild", action="store_true",
                        help="rebuild from scratch instead of updating changed files "
                             "(with no PATH: from the library's own articles)")
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="files or folders to index (default: the bundled seeds/)")


def run(args: argparse.Namespace) -> int:
    from reader.analysis.nlp import ModelMissingError
    from reader.library import index_location, rebuild_sources
    from reader.paths import seeds_dir
    from reader.search.indexer import update_index
    from reader.search.store import IndexProblem

    location = index_location(args.index)
    paths = [Path(p) for p in args.paths] or (rebuild_sources(location) if args.rebuild else [seeds_dir()])
    try:
        report = update_index(location, paths, full=args.rebuild)
    except IndexProblem as exc:
        return index_problem(exc)
    except ModelMissingError as exc:
        return error(str(exc))
    from reader.stories.library import after_import

    problem = after_import(location, report)  # a library grouped into stories stays grouped
    if problem:
        print(f"warning: {problem}", file=sys.stderr)
    for path, reason in report.skipped:
        print(f"skipped {for_terminal(path)}: {for_terminal(reason)}")
    for path, warning in report.warnings:
        print(f"warning {for_terminal(path)}: {for_terminal(warning)}", file=sys.stderr)
    if report.unchanged:
        print(f"unchanged {len(report.unchanged)} (already in the library)")
    print(report.summary())
    if not report.processed and not report.skipped:
        return error("no .txt, .md or .html files found in " + ", ".join(str(p) for p in paths))
    return 0 if report.processed else 2
