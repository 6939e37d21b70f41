"""``parallax analyze --out FILE [--dask SPEC] PATH...``: a records file, here or on a cluster.

Exit status: 0 when every file was analysed and written; 1 when some were
not (unreadable, or their analysis failed twice on the cluster: each is named
on stderr) but others were; 2 when nothing was written, or Dask is missing or
its scheduler cannot be reached.
"""
from __future__ import annotations

import argparse
import sys
from contextlib import nullcontext
from pathlib import Path

from reader.cli.common import error
from reader.safe_text import for_terminal as t


def _say(line: str) -> None:
    print(t(line), file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    """Write the records of ``args.files`` to ``args.out``, on ``args.dask`` when given."""
    from reader.analysis.nlp import ModelMissingError
    from reader.cluster import ClusterUnavailable
    from reader.cluster.run import write_records, write_records_file

    paths = [Path(p) for p in args.files]
    to_stdout = args.out == "-"
    if not to_stdout and Path(args.out).is_dir():
        return error(f"--out {args.out} is a folder; give a file name such as records.jsonl")
    if not to_stdout and not Path(args.out).absolute().parent.is_dir():
        return error(f"--out {args.out}: the folder {Path(args.out).absolute().parent} does not exist")
    try:
        context = nullcontext(None)
        if args.dask:
            from reader.cluster.connect import dask_client

            context = dask_client(args.dask)
        with context as client:
            if client is not None:
                from reader.cluster.dispatch import ClusterAnalyzer

                analyzer = ClusterAnalyzer(client)
                failed = analyzer.failed
            else:
                from reader.analysis.pipeline import analyze_many

                jobs = max(1, args.jobs)
                analyzer, failed = (lambda items: analyze_many(items, n_process=jobs)), {}
            if to_stdout:
                report = write_records(paths, sys.stdout, analyzer, failed, say=_say)
            else:
                report = write_records_file(paths, Path(args.out), analyzer, failed, say=_say)
    except ClusterUnavailable as exc:
        return error(str(exc))
    except ModelMissingError as exc:
        return error(str(exc))
    except (KeyboardInterrupt, OSError):
        if not to_stdout and Path(args.out + ".part").exists():
            print(f"parallax: stopped; the records written so far are in {t(args.out)}.part", file=sys.stderr)
        raise
    print(t(report.summary("stdout" if to_stdout else args.out)), file=sys.stderr)
    if not report.written:
        return 2
    return 1 if report.failed or report.skipped else 0
