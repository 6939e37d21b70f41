"""``parallax index``: build, update or rebuild the index from the library's sources.

Exit status: 0 when the files were processed; 1 when some could not be read
because a format library is missing or broken (nothing else was wrong with
them), or the run stopped part-way (what was committed stays); 2 when nothing
could be processed.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.cli.common import add_index_option, error, index_problem
from reader.safe_text import for_terminal


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_index_option(parser)
    parser.add_argument("--rebuild", action="store_true",
                        help="re-analyse every article of the library (and PATHs) into a new index")
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="files or folders to add (default: re-read the library's own sources; "
                             "a new library starts from the bundled seeds/)")
    add_batch_options(parser)


def add_batch_options(parser: argparse.ArgumentParser) -> None:
    """``--outlet`` and ``--kind``: the user's word for every file of a batch."""
    from reader.analysis.record import ARTICLE_KINDS

    parser.add_argument("--outlet", metavar="NAME",
                        help="the outlet that published these articles (resolved through the outlet "
                             "registry, so a known name gets its bias label); beats what the files say")
    parser.add_argument("--kind", choices=ARTICLE_KINDS,
                        help="the kind of every article added (default: each file's own, else detected)")


def print_report(report, stream=None) -> None:
    """Every skipped, kept and dropped entry with its reason, then warnings; the summary last."""
    stream = stream or sys.stdout
    for word, entries in (("skipped", report.skipped), ("kept", report.kept), ("dropped", report.dropped)):
        for path, reason in entries:
            print(f"{word} {for_terminal(path)}: {for_terminal(reason)}", file=stream)
    for path, warning in report.warnings:
        print(f"warning {for_terminal(path)}: {for_terminal(warning)}", file=sys.stderr)
    if report.unchanged:
        print(f"unchanged {len(report.unchanged)} (already in the library)", file=stream)
    print(report.summary(), file=stream)


def _committed(report) -> str:
    """What a run that stopped part-way kept, in words ("" when nothing was committed)."""
    return (f" {report.committed} articles committed before it stopped are in the library;"
            " run the same command again to continue." if report.committed else "")


def run(args: argparse.Namespace) -> int:
    from reader.analysis.nlp import ModelMissingError
    from reader.cli.progress import ProgressLine
    from reader.library import index_location
    from reader.search.indexer import UpdateReport, update_index
    from reader.search.maintenance import rebuild, rescan
    from reader.search.store import IndexProblem

    location = index_location(args.index)
    paths = [Path(p) for p in args.paths]
    batch = {"outlet": getattr(args, "outlet", None), "kind": getattr(args, "kind", None)}
    if (batch["outlet"] or batch["kind"]) and (args.rebuild or not paths):
        return error("--outlet and --kind apply to the PATHs being added; give them without --rebuild")
    line = ProgressLine()
    report = UpdateReport()
    try:
        if args.rebuild:
            report = rebuild(location, paths, progress=line.update)
        elif paths:
            update_index(location, paths, progress=line.update, report=report, **batch)
        else:
            report = rescan(location, progress=line.update)
    except IndexProblem as exc:
        line.close()
        return index_problem(exc, _committed(report))
    except ModelMissingError as exc:
        line.close()
        return error(str(exc))
    except ValueError as exc:  # a bad --kind or --outlet
        line.close()
        return error(str(exc))
    except OSError as exc:
        line.close()
        print(f"parallax: the import stopped: {for_terminal(exc.strerror or exc)}.{_committed(report)}",
              file=sys.stderr)
        return 1
    line.close()
    from reader.stories.library import after_import

    problem = after_import(location, report)  # a library grouped into stories stays grouped
    if problem:
        print(f"warning: {for_terminal(problem)}", file=sys.stderr)
    print_report(report)
    if not report.processed and not report.skipped and not report.dropped:
        where = ", ".join(str(p) for p in paths) or "the library's sources"
        return error(f"no .txt, .md or .html files found in {where}")
    if not report.processed and not report.dropped:
        return 2
    return 1 if report.unavailable else 0
