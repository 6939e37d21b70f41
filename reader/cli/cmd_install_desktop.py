"""``parallax install-desktop``: put Parallax in the applications menu (Linux).

Writes a freedesktop ``.desktop`` entry and the icon in every size for the
current user, so the app starts by clicking it like any other program.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.cli.common import error

HELP = "add Parallax to the desktop's applications menu (Linux, current user)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--prefix", metavar="DIR", type=Path,
                        help="data directory to install under (default: $XDG_DATA_HOME or ~/.local/share)")
    parser.add_argument("--force", action="store_true",
                        help="replace a parallax.desktop that Parallax did not write")
    parser.add_argument("--print", dest="print_only", action="store_true",
                        help="only print the desktop entry; write nothing")


def run(args: argparse.Namespace) -> int:
    from reader.desktop_entry import (DesktopEntryError, default_data_home, default_exec_command,
                                      desktop_entry_text, install, refresh_menu_cache)

    exec_cmd, working_dir = default_exec_command()
    if args.print_only:
        sys.stdout.write(desktop_entry_text(exec_cmd, working_dir))
        return 0
    if sys.platform in ("win32", "darwin"):
        print("parallax: menu entries are a Linux desktop feature; on this system, "
              "start Parallax from the app bundle instead (writing the files anyway)", file=sys.stderr)
    data_home = (args.prefix or default_data_home()).expanduser().absolute()
    try:
        result = install(data_home, exec_cmd, working_dir, force=args.force)
    except (DesktopEntryError, ValueError) as exc:
        return error(str(exc))
    except OSError as exc:
        return error(f"could not write the menu entry: {exc}")
    for path in result.written:
        print(f"wrote {path}")
    print(f"Exec: {' '.join(exec_cmd)}" + (f"  (in {working_dir})" if working_dir else ""))
    if refresh_menu_cache(data_home):
        print("updated the menu cache (update-desktop-database)")
    print("Parallax is now in your applications menu (you may need to log out and in on some desktops).")
    return 0
