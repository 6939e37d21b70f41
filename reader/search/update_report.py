"""What one run of ``update_index`` did, and the callables it takes.

Kept apart from the indexer so the CLI, the window's jobs and the cluster
import can read a report without importing the writer's machinery.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from reader.analysis.record import ArticleRecord
from reader.sources import SourceDocument

Progress = Callable[[int, int, str], None]  # (done, total, current file)
# (display name, bias token, other names to search by)
OutletResolver = Callable[[ArticleRecord, SourceDocument], tuple[str | None, str, list[str]]]
Analyzer = Callable[[Iterable[tuple[str, str, dict | None]]], Iterator[ArticleRecord]]
GONE = "the file is gone (moved or deleted); dropped from the library"


@dataclass
class UpdateReport:
    added: list[Path] = field(default_factory=list)
    updated: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    warnings: list[tuple[Path, str]] = field(default_factory=list)
    dropped: list[tuple[Path, str]] = field(default_factory=list)  # a rebuild left these out, and why
    kept: list[tuple[Path, str]] = field(default_factory=list)  # unreadable now: the stored copy stays
    cancelled: bool = False
    committed: int = 0  # documents committed so far (what a kill or a failure keeps)
    unavailable: int = 0  # files refused because a format library is missing or broken

    @property
    def processed(self) -> int:
        return len(self.added) + len(self.updated) + len(self.unchanged) + len(self.kept)

    def summary(self) -> str:
        text = f"added {len(self.added)}, updated {len(self.updated)}, skipped {len(self.skipped)}"
        if self.dropped:
            text += f", dropped {len(self.dropped)}"
        return text + (" (cancelled)" if self.cancelled else "")
