"""``parallax uninstall-desktop``: remove what ``install-desktop`` wrote.

Deletes the menu entry and the icons it installed, and nothing else; it
refuses to delete a ``parallax.desktop`` that Parallax did not write.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from reader.cli.common import error

HELP = "remove the applications-menu entry and icons that install-desktop wrote"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--prefix", metavar="DIR", type=Path,
                        help="data directory it was installed under (default: $XDG_DATA_HOME or ~/.local/share)")
    parser.add_argument("--force", action="store_true",
                        help="remove parallax.desktop and the icons even if Parallax did not write them")


def run(args: argparse.Namespace) -> int:
    from reader.desktop_entry import DesktopEntryError, default_data_home, refresh_menu_cache, uninstall

    data_home = (args.prefix or default_data_home()).expanduser().absolute()
    try:
        result = uninstall(data_home, force=args.force)
    except DesktopEntryError as exc:
        return error(str(exc))
    except OSError as exc:
        return error(f"could not remove the menu entry: {exc}")
    for path in result.removed:
        print(f"removed {path}")
    if not result.removed:
        print(f"nothing to remove: no Parallax menu entry under {data_home}")
        return 0
    if refresh_menu_cache(data_home):
        print("updated the menu cache (update-desktop-database)")
    return 0
