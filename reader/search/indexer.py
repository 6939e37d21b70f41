"""Building and updating the index from source files.

One writer at a time (Whoosh's lock, waited for with a timeout). Updates are
incremental by content hash: unchanged files are not re-analysed, a file
whose bytes duplicate an indexed article is skipped, and a full rebuild
writes a new folder that is swapped in only when complete.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from reader.analysis.record import ArticleRecord
from reader.names.in_article import name_within
from reader.names.store import refresh_after_commit as refresh_names
from reader.search import fields as F
from reader.search.documents import article_to_document
from reader.search.store import (create_empty, new_build_dir, open_or_create, open_writer,
                                 swap_in)
from reader.sources import Skipped, SourceDocument, discover, load_source
from reader.textio import UnreadableFile

Progress = Callable[[int, int, str], None]  # (done, total, current file)
# (display name, bias token, other names to search by[, ownership token])
OutletResolver = Callable[[ArticleRecord, SourceDocument], tuple]
Analyzer = Callable[[Iterable[tuple[str, str, dict | None]]], Iterator[ArticleRecord]]


@dataclass
class UpdateReport:
    added: list[Path] = field(default_factory=list)
    updated: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    warnings: list[tuple[Path, str]] = field(default_factory=list)
    cancelled: bool = False

    @property
    def processed(self) -> int:
        return len(self.added) + len(self.updated) + len(self.unchanged)

    def summary(self) -> str:
        text = f"added {len(self.added)}, updated {len(self.updated)}, skipped {len(self.skipped)}"
        return text + (" (cancelled)" if self.cancelled else "")


def default_outlet_resolver(record: ArticleRecord,
                            source: SourceDocument) -> tuple[str | None, str, list[str], str]:
    """Resolve the article's outlet to the registry: (display name, bias token, aliases, ownership token)."""
    from reader import outlet_tokens
    from reader.outlet_overrides import default_registry

    registry = default_registry()
    outlet = registry.article_outlet(source.sha) or registry.resolve(record.outlet, record.url)
    if outlet is None:
        return record.outlet, "unknown", [], "unknown"
    aliases = [a for a in (record.outlet, *outlet.aliases) if a and a != outlet.name]
    return outlet.name, outlet_tokens.bias_token(outlet), aliases, outlet_tokens.ownership_token(outlet)


def resolved_outlet(resolver: OutletResolver, record: ArticleRecord,
                    source: SourceDocument) -> tuple[str | None, str, list[str], str]:
    """A resolver's answer with its ownership token ("unknown" from a three-part answer)."""
    outlet, bias, aliases, *rest = resolver(record, source)
    return outlet, bias, aliases, (rest[0] if rest else "unknown")


POOL_THRESHOLD = 12  # fewer files than this are analysed in-process: a pool costs a model load


def default_analyzer(items: Iterable[tuple[str, str, dict | None]],
                     n_process: int = 2) -> Iterator[ArticleRecord]:
    """Analysis on n_process cores (a bare "Putin" is named by the library's name table)."""
    from reader.analysis.pipeline import analyze_many

    return analyze_many(items, n_process=n_process)


class _Known:
    """What the index already holds, looked up per file (not loaded whole:
    a 10k-article index would take seconds to read just to add one file)."""

    def __init__(self, ix=None):
        self._searcher = ix.searcher() if ix is not None else None
        self.new_paths: dict[str, str] = {}  # path -> sha, added during this run
        self.new_shas: dict[str, str] = {}

    def sha_of(self, path: str) -> str | None:
        if path in self.new_paths:
            return self.new_paths[path]
        stored = self._searcher.document(**{F.PATH: path}) if self._searcher else None
        return stored[F.SHA] if stored else None

    def path_of(self, sha: str) -> str | None:
        if sha in self.new_shas:
            return self.new_shas[sha]
        stored = self._searcher.document(**{F.SHA: sha}) if self._searcher else None
        return stored[F.PATH] if stored else None

    def remember(self, path: str, sha: str) -> None:
        self.new_paths[path], self.new_shas[sha] = sha, path

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()


def update_index(location: Path, paths: Iterable[Path], *, full: bool = False,
                 progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
                 analyzer: Analyzer | None = None,
                 resolver: OutletResolver | None = None,
                 documents: Iterable[SourceDocument] = ()) -> UpdateReport:
    """Add new and changed files under ``paths``; ``full`` rebuilds from scratch.

    ``documents`` are articles already read (``parallax add --records``), taken
    one at a time after the files: each is added as if read from its path,
    which need not exist here.
    """
    resolver = resolver or default_outlet_resolver
    report = UpdateReport()
    files: list[Path] = []
    for item in discover(paths):
        if isinstance(item, Skipped):
            report.skipped.append((item.path, item.reason))
        else:
            files.append(item.resolve())
    if analyzer is None:
        workers = 2 if len(files) >= POOL_THRESHOLD else 1
        analyzer = lambda items: default_analyzer(items, n_process=workers)  # noqa: E731
    if full:
        target = new_build_dir(location)
        ix = create_empty(target)
        known = _Known()
    else:
        target = None
        ix = open_or_create(location)
        known = _Known(ix)
    writer = open_writer(ix)
    pending: dict[str, tuple[SourceDocument, bool]] = {}

    def loaded() -> Iterator[tuple[Path, SourceDocument | None]]:
        yield from ((path, None) for path in files)
        yield from ((doc.path, doc) for doc in documents)

    def sources() -> Iterator[tuple[str, str, dict | None]]:
        for done, (path, given) in enumerate(loaded()):
            if cancelled is not None and cancelled():
                report.cancelled = True
                return
            if progress is not None:
                progress(done, len(files), str(path))
            key = str(path)
            try:
                source = given or load_source(path)
            except UnreadableFile as exc:
                report.skipped.append((path, str(exc)))
                continue
            old_sha = known.sha_of(key)
            if old_sha == source.sha:
                report.unchanged.append(path)
                continue
            twin = known.path_of(source.sha)
            if twin is not None and twin != key:
                report.skipped.append((path, f"same content as {twin}, already in the library"))
                continue
            known.remember(key, source.sha)
            pending[key] = (source, old_sha is not None)
            yield key, source.text, source.hints

    try:
        for record in analyzer(sources()):
            source, existed = pending.pop(record.file)
            record.warnings = [*source.warnings, *record.warnings]  # decoding, front matter
            name_within(record, source.text)  # a handout is its issuer's (reader/names)
            outlet, bias, outlet_aliases, ownership = resolved_outlet(resolver, record, source)
            writer.update_document(**article_to_document(source, record, outlet, bias, outlet_aliases,
                                                         ownership=ownership))
            (report.updated if existed else report.added).append(source.path)
            report.warnings.extend((source.path, w) for w in record.warnings)
        if progress is not None:
            progress(len(files), len(files), "")
        writer.commit()
        refresh_names(ix)  # the library-wide name table follows the commit (reader/names)
    except BaseException:
        writer.cancel()
        if target is not None:
            shutil.rmtree(target, ignore_errors=True)
        raise
    finally:
        known.close()
    if target is not None:
        if report.cancelled:
            shutil.rmtree(target, ignore_errors=True)
        else:
            swap_in(location, target)
    return report


def remove_articles(location: Path, paths: Iterable[str]) -> int:
    """Drop articles from the library (never from disk); returns how many."""
    ix = open_or_create(location)
    writer = open_writer(ix)
    count = 0
    for path in paths:
        count += writer.delete_by_term(F.PATH, str(path))
    writer.commit()
    refresh_names(ix)
    return count


def indexed_paths(location: Path) -> dict[str, str]:
    """Path → content hash of everything in the library (for rescans)."""
    with open_or_create(location).searcher() as s:
        return {stored[F.PATH]: stored[F.SHA] for stored in s.all_stored_fields()}
