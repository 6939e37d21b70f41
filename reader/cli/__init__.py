"""Command-line entry point: no subcommand opens the desktop app.

Each subcommand lives in its own module ``reader.cli.cmd_<name>`` with
``HELP``, ``add_arguments(parser)`` and ``run(args) -> int``. Modules are
imported only when their command runs, so ``parallax search`` never pays for
spaCy or Qt.
"""
from __future__ import annotations

import argparse
import importlib
import sys
from typing import Sequence

from reader import __version__
from reader.cli.gui_options import add_gui_arguments
from reader.search.problems import IndexProblem

# name -> one-line help; the module reader.cli.cmd_<name> implements it
COMMANDS: dict[str, str] = {
    "index": "build or update the search index",
    "add": "add your own articles (text, Markdown, saved web pages) to the library",
    "search": "search the index",
    "export": "export the quotes, articles or entities of a search (CSV, JSON Lines, REFI-QDA)",
    "analyze": "find quotes, speakers, entities and metadata in text files",
    "compare": "compare the outlets of a search: voices, shared words, coverage",
    "outlets": "list the outlet registry with bias labels and their sources",
    "stories": "group the library into stories, with each one's coverage and blindspot",
    "entities": "list the library's people, organisations and places; merge, split, rename or retype them",
    "bench": "measure speed and memory on generated corpora (2k and 10k articles)",
    "install-desktop": "add Parallax to the applications menu (Linux, current user)",
    "uninstall-desktop": "remove the menu entry and icons that install-desktop wrote",
}


def _command_module(name: str):
    return importlib.import_module(f"reader.cli.cmd_{name.replace('-', '_')}")


def build_parser(argv: Sequence[str]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="parallax",
        description="Parallax: compare how news outlets cover the same story. "
        "Without a command, opens the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"parallax {__version__}")
    add_gui_arguments(parser.add_argument_group("desktop app (without a command)"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    # Only the chosen command's module is imported; the others get a stub parser.
    chosen = next((a for a in argv if not a.startswith("-")), None)
    for name, help_text in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        if name == chosen:
            _command_module(name).add_arguments(p)
    return parser


def _command_after_window_options(argv: list[str]) -> str | None:
    """The command named after the window's own options ("--index DIR add …"), if any. The
    window's options are parsed first, so a value such as ``--query index`` is not a command."""
    if not argv or not argv[0].startswith("-") or argv[0] in ("-h", "--help", "--version"):
        return None
    window = argparse.ArgumentParser(prog="parallax", add_help=False, exit_on_error=False)
    add_gui_arguments(window)
    try:
        _, rest = window.parse_known_args(argv)
    except argparse.ArgumentError:
        return None  # a bad window option: the window's own parse reports it
    first = next((a for a in rest if not a.startswith("-")), None)
    return first if first in COMMANDS else None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command = _command_after_window_options(argv)
    if command is not None:  # "parallax --index DIR add …": the flags before a command are the window's
        from reader.cli.common import error

        rest = argv[:]
        rest.remove(command)
        return error(f"options before a command belong to the desktop app; put them after it "
                     f"(parallax {command} {' '.join(rest)})")
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version"):
        return gui_main(argv)
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    if args.command is None:
        return gui_main(argv)
    try:
        return int(_command_module(args.command).run(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except IndexProblem as exc:  # found damaged while reading, after it opened well
        from reader.cli.common import index_problem

        return index_problem(exc)
    except (OSError, MemoryError, RecursionError) as exc:  # a full disk, no permission: one sentence
        from reader.cli.common import error
        from reader.failures import describe

        return error(describe(exc))


def parse_gui_args(argv: Sequence[str]) -> argparse.Namespace:
    """The window's flags, parsed by the same tree as every command (``--help`` lists both)."""
    argv = list(argv)
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    if args.command is not None:
        parser.error(f"the desktop app takes no command ({args.command!r} given)")
    return args


def gui_main(argv: Sequence[str] | None = None, on_window=None) -> int:
    """Start the desktop app (imports Qt only here); ``on_window`` as in ``run_app``."""
    from reader import startup_gc

    args = parse_gui_args(sys.argv[1:] if argv is None else argv)  # bad flags: before Qt loads
    startup_gc.pause()  # run_app resumes it after the first paint
    try:
        from reader.ui.app import run_app

        return run_app(args, on_window=on_window)
    finally:
        startup_gc.resume()


if __name__ == "__main__":
    sys.exit(main())
