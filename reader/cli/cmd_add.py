"""``parallax add``: bring your own articles (text, Markdown, saved web pages).

``--outlet NAME`` and ``--kind KIND`` say who published the whole batch and
what it is (news, analysis, opinion); that beats anything the files say, and
stays through re-analysis and rebuilds. The files and folders added become
the library's sources: Rebuild and Rescan read them again.
"""
from __future__ import annotations

import argparse

from reader.cli import cmd_index
from reader.cli.common import add_index_option


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_index_option(parser)
    cmd_index.add_batch_options(parser)
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="files or folders (searched recursively) of .txt, .md and .html articles")
    parser.add_argument("--records", metavar="FILE",
                        help="import a records file from 'parallax analyze --out' (no spaCy run here)")


def run(args: argparse.Namespace) -> int:
    if args.records or not args.paths:
        from reader.cli.common import error

        if args.paths:
            return error("give PATHs or --records FILE, not both")
        if not args.records:
            return error("give files or folders to add, or --records FILE")
        if args.outlet or args.kind:
            return error("--outlet and --kind name a batch of files; a records file already says both")
        from reader.cli.add_records import run as run_records

        return run_records(args)
    args.rebuild = False
    return cmd_index.run(args)
