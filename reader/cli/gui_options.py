"""The desktop app's flags, in the one argparse tree of ``reader.cli`` (no Qt here).

``parallax --help`` lists them beside the subcommands; ``run_app`` receives the
namespace this tree parsed, so the CLI and the window never disagree about a flag.
"""
from __future__ import annotations

import argparse
import re

THEMES = ("system", "light", "dark")
DEFAULT_SCREENSHOT_SIZE = (1400, 900)
_SIZE = re.compile(r"^\s*(\d{2,5})\s*[xX×]\s*(\d{2,5})\s*$")
MIN_SIZE, MAX_SIZE = (320, 240), (8192, 8192)


def window_size(text: str) -> tuple[int, int]:
    """``WxH`` (``1280x800``) as a (width, height) pair; argparse says what is wrong."""
    m = _SIZE.match(text or "")
    if not m:
        raise argparse.ArgumentTypeError(f"{text!r} is not WIDTHxHEIGHT, e.g. 1280x800")
    width, height = int(m.group(1)), int(m.group(2))
    if not (MIN_SIZE[0] <= width <= MAX_SIZE[0] and MIN_SIZE[1] <= height <= MAX_SIZE[1]):
        raise argparse.ArgumentTypeError(
            f"{width}x{height} is outside {MIN_SIZE[0]}x{MIN_SIZE[1]} to {MAX_SIZE[0]}x{MAX_SIZE[1]}")
    return width, height


def add_gui_arguments(p: argparse.ArgumentParser) -> None:
    """The flags of the window (used without a subcommand)."""
    p.add_argument("--index", metavar="DIR", help="index folder (default: the installation's)")
    p.add_argument("--query", metavar="Q", default="", help="start with this search")
    p.add_argument("--entity", metavar="NAME", action="append", default=[],
                   help="filter by an entity (display name or type:name); repeatable")
    p.add_argument("--open", metavar="FILE", help="open this indexed article (path or file name)")
    p.add_argument("--screenshot", metavar="PATH", help="render the window to a PNG and exit")
    p.add_argument("--size", metavar="WxH", type=window_size,
                   help="window size, e.g. 1280x800 (--screenshot: %dx%d unless given)"
                   % DEFAULT_SCREENSHOT_SIZE)
    p.add_argument("--theme", choices=THEMES,
                   help="colour theme for this run (default: the one chosen in View ▸ Theme)")
    p.add_argument("--dev", action="store_true",
                   help="keep settings and data in ./.parallax-dev instead of the real home")
