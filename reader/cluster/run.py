"""From files to a records file, with any analyzer (this machine's pool, or a cluster).

The files are read here, as ``parallax add`` reads them (text, Markdown front
matter, saved pages, ``catalog.toml``), so a record holds the same text and
metadata an import would; the analyzer only sees (path, text, hints). Lines
are written in input order to ``OUT.part``, renamed to ``OUT`` when the run
completes: an interrupted run keeps what it wrote and never replaces an
earlier file with half of one.
"""
from __future__ import annotations

import os
import sys
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, TextIO

from reader.analysis.pipeline import link_people_across
from reader.analysis.record import ArticleRecord
from reader.cluster.records import dumps, to_line
from reader.sources import Skipped, SourceDocument, discover, load_source
from reader.textio import UnreadableFile

Analyzer = Callable[[Iterable[tuple[str, str, dict | None]]], Iterator[ArticleRecord]]


@dataclass
class RunReport:
    written: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # unreadable or unsupported, and why
    failed: list[tuple[str, str]] = field(default_factory=list)  # analysis kept failing, and why
    seconds: float = 0.0

    def summary(self, out: str) -> str:
        rate = f" ({self.written / self.seconds:.1f} records/s)" if self.seconds > 0 and self.written else ""
        return (f"wrote {self.written} records to {out} in {self.seconds:.1f} s{rate}; "
                f"failed {len(self.failed)}, skipped {len(self.skipped)}")


def _sources(paths: Iterable[Path], report: RunReport, pending: dict[str, SourceDocument],
             say: Callable[[str], None]) -> Iterator[tuple[str, str, dict | None]]:
    seen: set[str] = set()
    for item in discover(paths):
        if isinstance(item, Skipped):
            report.skipped.append((str(item.path), item.reason))
            say(f"skipped {item.path}: {item.reason}")
            continue
        path = item.resolve()
        try:
            source = load_source(path)
        except UnreadableFile as exc:
            report.skipped.append((str(path), str(exc)))
            say(f"skipped {path}: {exc}")
            continue
        key = str(path)
        if key in seen:
            continue  # the same file named twice
        seen.add(key)
        pending[key] = source
        yield key, source.text, source.hints


def write_records(paths: Iterable[Path], out: TextIO, analyzer: Analyzer,
                  failed: dict[str, str] | None = None,
                  say: Callable[[str], None] = lambda line: print(line, file=sys.stderr)) -> RunReport:
    """Analyse the files and write one records line each to ``out``, in input order.

    ``failed`` is the analyzer's own map of the paths it gave up on (their
    records are empty): they are reported, not written.
    """
    report = RunReport()
    started = time.perf_counter()
    pending: dict[str, SourceDocument] = {}
    failed = failed if failed is not None else {}
    for record in link_people_across(analyzer(_sources(paths, report, pending, say))):
        source = pending.pop(record.file)
        if record.file in failed:
            report.failed.append((record.file, failed[record.file]))
            say(f"failed {record.file}: {failed[record.file]}; not written")
            continue
        out.write(dumps(to_line(source, record)) + "\n")
        report.written += 1
    out.flush()
    report.seconds = time.perf_counter() - started
    return report


def write_records_file(paths: Iterable[Path], out_path: Path, analyzer: Analyzer,
                       failed: dict[str, str] | None = None, **options) -> RunReport:
    """``write_records`` into ``OUT.part``, renamed to ``out_path`` once complete."""
    out_path = Path(out_path)
    part = out_path.with_name(out_path.name + ".part")
    with open(part, "w", encoding="utf-8", newline="\n") as fh:
        report = write_records(paths, fh, analyzer, failed, **options)
        os.fsync(fh.fileno())
    os.replace(part, out_path)
    return report
