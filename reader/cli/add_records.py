"""``parallax add --records FILE``: import analysed records without running spaCy.

Every line is checked (``reader.cluster.records``); a line that cannot be
imported is named with its number and reason and the others are imported. The
library's own rules still apply on the way in, as for files: duplicates by
content, the outlet registry and the user's corrections (outlets, labels),
stories placed after the import.

Exit status: 0 when every line was imported (or already there); 1 when some
lines were refused and others imported; 2 when none could be, or the file
cannot be read.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Iterator

from reader.analysis.record import ArticleRecord
from reader.cli.common import error
from reader.safe_text import for_terminal as t
from reader.sources import SourceDocument


def run(args: argparse.Namespace) -> int:
    from reader.cluster.records import RecordRefused, read_records
    from reader.library import index_location
    from reader.search.indexer import update_index
    from reader.search.problems import IndexProblem
    from reader.stories.library import after_import

    path = Path(args.records)
    if not path.is_file():
        return error(f"--records {args.records}: not a file")
    location = index_location(args.index)
    refused: list[tuple[int, str]] = []
    records: dict[str, ArticleRecord] = {}

    def documents() -> Iterator[SourceDocument]:
        for number, item in read_records(path):
            if isinstance(item, RecordRefused):
                refused.append((number, str(item)))
                print(f"refused line {number}: {t(item)}")
                continue
            source, record = item
            records[str(source.path)] = record
            yield source

    def analyzer(items) -> Iterator[ArticleRecord]:
        for key, _text, _hints in items:  # already analysed: no spaCy here
            yield records.pop(key)

    try:
        report = update_index(location, [], documents=documents(), analyzer=analyzer)
    except IndexProblem as exc:
        from reader.cli.common import index_problem

        return index_problem(exc)
    except UnicodeError as exc:
        return error(f"--records {args.records}: {exc}")
    problem = after_import(location, report)  # a library grouped into stories stays grouped
    if problem:
        print(f"warning: {t(problem)}", file=sys.stderr)
    for skipped, reason in report.skipped:
        print(f"skipped {t(skipped)}: {t(reason)}")
    for warned, warning in report.warnings:
        print(f"warning {t(warned)}: {t(warning)}", file=sys.stderr)
    if report.unchanged:
        print(f"unchanged {len(report.unchanged)} (already in the library)")
    print(f"{report.summary()}, refused {len(refused)} lines")
    if not report.processed:
        return 2
    return 1 if refused else 0
