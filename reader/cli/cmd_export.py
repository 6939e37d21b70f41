"""``parallax export``: the quotes, articles or entities of a search as CSV, JSON Lines or REFI-QDA."""
from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from reader.cli.common import add_index_option, add_result_set_options, error, open_library_or_error
from reader.safe_text import for_terminal

WHATS = ("quotes", "articles", "entities")
FORMATS = ("csv", "jsonl", "qdpx")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_index_option(parser)
    parser.add_argument("--what", choices=WHATS, default="quotes",
                        help="one row per statement (quotes, the default), per article, or per entity")
    parser.add_argument("--format", choices=FORMATS, default=None,
                        help="csv, jsonl or qdpx (a REFI-QDA project); default: from -o's suffix, else csv")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write to FILE (replaced only once complete); default: standard output "
                             "(csv and jsonl only)")
    parser.add_argument("--bom", action="store_true",
                        help="start a CSV file with a UTF-8 byte order mark (for Excel and other spreadsheets)")
    add_result_set_options(parser, what="the articles to export, as `parallax search` finds them")


def run(args: argparse.Namespace) -> int:
    from reader.export.spec import Format, What

    fmt = Format(args.format) if args.format else (Format.for_path(args.output or "") or Format.CSV)
    if args.output is None and fmt == Format.QDPX:
        return error("a REFI-QDA project is a zip file: name it with -o FILE.qdpx")
    if args.bom and fmt != Format.CSV:
        return error("--bom is for CSV files only")
    target = Path(args.output).expanduser() if args.output else None
    if target is not None and target.is_dir():
        return error(f"{target} is a folder; name the file to write, e.g. {target / ('quotes' + fmt.suffix)}")
    return _export(args, What(args.what), fmt, target)


def _export(args: argparse.Namespace, what, fmt, target: Path | None) -> int:
    from reader.export.job import ExportRequest, run_export, write_export
    from reader.export.selection import search_selection
    from reader.search.view import IndexView

    ix = open_library_or_error(args.index)
    if isinstance(ix, int):
        return ix
    view = IndexView(ix)
    try:
        try:
            selection, message = search_selection(view, " ".join(args.query), args.entity)
        except ValueError as exc:
            return error(str(exc))
        if message:
            print(f"parallax: {for_terminal(message)}", file=sys.stderr)
        request = ExportRequest(what, fmt, target or Path("-"), bom=args.bom)
        try:
            if target is None:
                report = _to_stdout(lambda out: write_export(out, view, selection, request), args.bom)
            else:
                report = run_export(view, selection, request)
        except BrokenPipeError:
            raise  # the reader of standard output stopped (| head): not an error
        except OSError as exc:
            return error(f"could not write {target or 'to standard output'}: {exc.strerror or exc}")
    finally:
        view.close()
    text = report.summary(None if target is not None else "standard output")
    print(f"parallax: {for_terminal(text)} in {report.seconds:.1f} s", file=sys.stderr)
    return 0


class _ForTerminal:
    """Text for a terminal: control characters in article text (ESC …) shown as escapes;
    line ends as written. A pipe or a file gets the exact data instead."""

    def __init__(self, out) -> None:
        self._out = out

    def write(self, text: str) -> int:
        return self._out.write(for_terminal(text, multiline=True, keep="\r"))


def _to_stdout(write, bom: bool):
    """Run ``write`` on standard output as UTF-8 with line ends as written (CSV's CRLF),
    whatever the terminal's encoding."""
    sys.stdout.flush()
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8-sig" if bom else "utf-8", newline="")
    try:
        return write(_ForTerminal(out) if sys.stdout.isatty() else out)
    finally:
        out.flush()
        out.detach()
