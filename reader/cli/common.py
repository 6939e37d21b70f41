"""Small helpers shared by the CLI commands."""
from __future__ import annotations

import argparse
import sys


def add_index_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--index", metavar="DIR",
                        help="index folder (default: index/ in a checkout, else the user data folder)")


def error(message: str) -> int:
    """Print one line to stderr and return the usage-error exit code."""
    print(f"parallax: {message}", file=sys.stderr)
    return 2
