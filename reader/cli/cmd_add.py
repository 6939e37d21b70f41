"""``parallax add``: bring your own articles (text, Markdown, saved web pages)."""
from __future__ import annotations

import argparse

from reader.cli import cmd_index
from reader.cli.common import add_index_option


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_index_option(parser)
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="files or folders (searched recursively) of .txt, .md and .html articles")


def run(args: argparse.Namespace) -> int:
    args.rebuild = False
    return cmd_index.run(args)
