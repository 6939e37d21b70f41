"""Building and updating the index from source files.

One writer at a time (Whoosh's lock, waited for with a timeout), committed in
batches (``reader.search.batches``) so a long import keeps what it did.
Updates are incremental by content hash: unchanged files are not re-analysed,
a file whose bytes duplicate an indexed article is skipped, and a full
rebuild writes a new folder that is swapped in only when complete and never
forgets an article whose file is still there.

The metadata an article is stored with is decided here, after analysis, in
one order: what the file says (front matter, catalog, page metadata) beats
what analysis found in the text, and what the user said (``outlet_overrides``:
``--outlet``, ``--kind``, Set Outlet…) beats both. Each field records where
it came from in the record's ``meta_sources``.
"""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable, Iterable, Iterator

from reader.analysis.metadata import apply_hints
from reader.analysis.record import ARTICLE_KINDS, ArticleRecord
from reader.names.in_article import name_within
from reader.names.store import refresh_after_commit as refresh_names
from reader.search import fields as F
from reader.search import batches
from reader.search.batches import BatchWriter
from reader.search.documents import article_to_document
from reader.search.build_lock import give_up
from reader.search.store import create_empty, new_build_dir, open_index, open_or_create, swap_in, writing
from reader.sources import Skipped, SourceDocument, discover, load_source
from reader.textio import UnreadableFile

from reader.search.update_report import GONE, Analyzer, OutletResolver, Progress, UpdateReport  # noqa: F401


def _unrated_token() -> str:
    from reader.outlets import UNRATED

    return UNRATED


def default_outlet_resolver(record: ArticleRecord,
                            source: SourceDocument) -> tuple[str | None, str, list[str], str]:
    """The article's outlet in the registry: (display name, bias token, other names, ownership token).

    The user's assignment first; then the name the article gives; then its
    address, only when it gives no name (a name the registry does not know
    stays, rated "unrated": a known outlet without a rating is not an unknown
    one). No name and no address: no outlet, "unknown".
    """
    from reader import outlet_tokens
    from reader.outlet_overrides import default_registry

    registry = default_registry()
    outlet = registry.article_outlet(source.sha)
    if outlet is not None:
        record.meta_sources["outlet"] = "user"
    elif record.outlet:
        outlet = registry.resolve(name=record.outlet)
        if outlet is None:
            return record.outlet, _unrated_token(), [], outlet_tokens.UNKNOWN
    elif record.url:
        outlet = registry.resolve(url=record.url)
        if outlet is not None:
            record.meta_sources["outlet"] = "url"
    if outlet is None:
        record.meta_sources.pop("outlet", None)
        return None, outlet_tokens.UNKNOWN, [], outlet_tokens.UNKNOWN
    aliases = [a for a in (record.outlet, *outlet.aliases) if a and a != outlet.name]
    return outlet.name, outlet_tokens.bias_token(outlet), aliases, outlet_tokens.ownership_token(outlet)


def resolved_outlet(resolver: OutletResolver, record: ArticleRecord,
                    source: SourceDocument) -> tuple[str | None, str, list[str], str]:
    """A resolver's answer with its ownership token ("unknown" from a three-part answer)."""
    outlet, bias, aliases, *rest = resolver(record, source)
    return outlet, bias, aliases, (rest[0] if rest else "unknown")


def apply_user_fields(record: ArticleRecord, sha: str) -> ArticleRecord:
    """What the user set for this article (``--kind``…) beats everything else."""
    from reader.outlet_overrides import default_registry

    for key, value in default_registry().article_fields(sha).items():
        if key == "kind" and value not in ARTICLE_KINDS:
            continue
        setattr(record, key, value)
        record.meta_sources[key] = "user"
    return record


def finish_metadata(record: ArticleRecord, source: SourceDocument) -> ArticleRecord:
    """The file's own metadata over the text's, the user's over both (whatever the analyzer did)."""
    apply_hints(record, source.hints, source.hint_sources)
    return apply_user_fields(record, source.sha)


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
        self._ix = ix
        self._searcher = ix.searcher() if ix is not None else None
        self.new_paths: dict[str, str] = {}  # path -> sha, added during this run
        self.new_shas: dict[str, str] = {}

    def stored(self, path: str) -> dict | None:
        return self._searcher.document(**{F.PATH: path}) if self._searcher else None

    def sha_of(self, path: str) -> str | None:
        if path in self.new_paths:
            return self.new_paths[path]
        stored = self.stored(path)
        return stored[F.SHA] if stored else None

    def path_of(self, sha: str) -> str | None:
        if sha in self.new_shas:
            return self.new_shas[sha]
        stored = self._searcher.document(**{F.SHA: sha}) if self._searcher else None
        return stored[F.PATH] if stored else None

    def paths(self) -> list[str]:
        if self._searcher is None:
            return []
        return [stored[F.PATH] for stored in self._searcher.all_stored_fields()]

    def remember(self, path: str, sha: str) -> None:
        self.new_paths[path], self.new_shas[sha] = sha, path

    def refresh(self) -> None:
        """After a commit: let go of the segments the commit merged away."""
        if self._searcher is not None:
            self._searcher.close()  # not refresh(): Whoosh cannot reuse an empty index's reader
            self._searcher = self._ix.searcher()

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()


def document_from_stored(stored: dict, resolver: OutletResolver | None = None,
                         record: ArticleRecord | None = None) -> dict:
    """A stored article written back with its outlet, bias and the user's fields re-resolved,
    without re-analysis (relabelling, or a rebuild keeping an article it cannot re-read)."""
    import json

    resolver = resolver or default_outlet_resolver
    if record is None:
        record = ArticleRecord.from_json(json.loads(stored.get(F.RECORD) or "{}"))
    source = SourceDocument(Path(stored[F.PATH]), stored.get(F.BODY, ""), stored[F.SHA],
                            stored.get(F.FORMAT, "text"))
    apply_user_fields(record, source.sha)
    outlet, bias, aliases, ownership = resolved_outlet(resolver, record, source)
    return article_to_document(source, record, outlet, bias, aliases, indexed_at=stored.get(F.INDEXED_AT),
                               ownership=ownership)


def _batch_fields(outlet: str | None, kind: str | None) -> tuple[str | None, dict[str, str]]:
    if kind is not None and kind not in ARTICLE_KINDS:
        raise ValueError(f"kind must be one of {', '.join(ARTICLE_KINDS)}, not {kind!r}")
    outlet = outlet.strip() if outlet and outlet.strip() else None
    return outlet, ({"kind": kind} if kind else {})


def update_index(location: Path, paths: Iterable[Path], *, full: bool = False,
                 progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
                 analyzer: Analyzer | None = None, resolver: OutletResolver | None = None,
                 outlet: str | None = None, kind: str | None = None,
                 remember: bool = True, exclude: Iterable[str] = (), report: UpdateReport | None = None,
                 report_unsupported: bool = True, batch_size: int | None = None,
                 batch_seconds: float | None = None,
                 documents: Iterable[SourceDocument] = ()) -> UpdateReport:
    """Add new and changed files under ``paths``; ``full`` rebuilds from scratch.

    ``outlet`` and ``kind`` are the user's word for every file of the batch
    (kept in the outlet overrides, so they survive re-analysis and rebuilds).
    ``remember`` adds ``paths`` to the library's sources (``reader.library_sources``);
    rescans and rebuilds, which read those sources, pass False. ``exclude``
    names articles the user removed: they are passed over without a word.
    ``report`` may be passed in to keep what was done when the run fails.
    ``documents`` are articles already read (``parallax add --records``), taken
    one at a time after the files: each is added as if read from its path,
    which need not exist here.
    """
    from reader.library_sources import remember_added
    from reader.outlet_overrides import default_registry

    paths = [Path(p) for p in paths]
    batch_outlet, batch_fields = _batch_fields(outlet, kind)
    resolver = resolver or default_outlet_resolver
    registry = default_registry()
    report = report if report is not None else UpdateReport()
    excluded = set(exclude)
    files: list[Path] = []
    skips: list[Skipped] = []
    for item in discover(paths):
        if isinstance(item, Skipped):
            if report_unsupported or not item.unsupported:
                skips.append(item)
        elif str(item.resolve()) not in excluded:
            files.append(item.resolve())
    if analyzer is None:
        workers = 2 if len(files) >= POOL_THRESHOLD else 1
        analyzer = lambda items: default_analyzer(items, n_process=workers)  # noqa: E731
    previous: _Known | None = None
    if full:
        try:
            previous = _Known(open_index(location))
        except Exception:  # noqa: BLE001 - no index, or a damaged one: rebuild from the files alone
            previous = None
        target = new_build_dir(location)
        ix = create_empty(target)
        known = _Known()
    else:
        target = None
        ix = open_or_create(location)
        known = _Known(ix)
    assign_outlets: dict[str, str] = {}
    assign_fields: dict[str, dict[str, str]] = {}
    relabel: list[str] = []

    def save_assignments() -> None:
        if assign_outlets or assign_fields:
            registry.assign_articles(dict(assign_outlets), {k: dict(v) for k, v in assign_fields.items()})
            assign_outlets.clear()
            assign_fields.clear()

    def committed(count: int) -> None:
        report.committed = count
        known.refresh()

    if full and batch_size is None:  # a rebuild is swapped in whole: commits on the way would keep nothing
        batch_size, batch_seconds = 1 << 62, float("inf")
    batch = None
    try:  # the writer opens first: a damaged, read-only or busy index refuses before any work
        batch = BatchWriter(ix, batch_size or batches.BATCH_ARTICLES, batch_seconds or batches.BATCH_SECONDS,
                            before_commit=save_assignments, after_commit=committed)
        if remember and (existing := [p for p in paths if p.exists()]):
            with writing(Path(location), "saving the library's sources"):
                remember_added(location, existing)  # a mistyped path is said (skipped), not remembered
    except BaseException:
        if batch is not None:
            batch.cancel()
        for opened in (known, previous):
            if opened is not None:
                opened.close()
        if target is not None:
            give_up(target)
        raise
    pending: dict[str, tuple[SourceDocument, bool]] = {}

    def want_batch_metadata(sha: str) -> bool:
        """Queue the batch's outlet/kind for an article; True if that changes what it has."""
        changed = False
        if batch_outlet is not None:
            current, wanted = registry.article_outlet(sha), registry.resolve(name=batch_outlet)
            if current is None or current.name != (wanted.name if wanted else batch_outlet):
                assign_outlets[sha] = batch_outlet
                changed = True
        if batch_fields and any(registry.article_fields(sha).get(k) != v for k, v in batch_fields.items()):
            assign_fields[sha] = dict(batch_fields)
            changed = True
        return changed

    def keep_or_skip(path: Path, reason: str) -> None:
        """A file that cannot be read (now): an article it was stays in the library as stored."""
        key = str(path.resolve()) if path.is_absolute() or path.exists() else str(path)
        stored = (previous or known).stored(key)
        if stored is None:
            report.skipped.append((path, reason))
            return
        if full:
            batch.add(**document_from_stored(stored, resolver))
            known.remember(key, stored[F.SHA])
        report.kept.append((path, f"{reason}; the stored copy stays in the library"))

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
                report.unavailable += type(exc).__name__ == "FormatUnavailable"
                keep_or_skip(path, str(exc))  # an article whose file is still there is never forgotten
                continue
            old_sha = known.sha_of(key)
            if old_sha == source.sha:
                if want_batch_metadata(source.sha):
                    relabel.append(key)
                report.unchanged.append(path)
                continue
            twin = known.path_of(source.sha)
            if twin is not None and twin != key:
                report.skipped.append((path, f"same content as {twin}, already in the library"))
                continue
            if old_sha is not None:
                registry.carry_article(old_sha, source.sha)  # the user's word about it still holds
            want_batch_metadata(source.sha)
            known.remember(key, source.sha)
            pending[key] = (source, old_sha is not None)
            yield key, source.text, source.hints

    try:
        for skip in skips:
            keep_or_skip(skip.path, skip.reason)
        for record in analyzer(sources()):
            source, existed = pending.pop(record.file)
            record.warnings = [*source.warnings, *record.warnings]  # decoding, front matter
            if assign_outlets.get(source.sha) or assign_fields.get(source.sha):
                save_assignments()  # the resolver reads them from the registry
            finish_metadata(record, source)
            name_within(record, source.text)  # a handout is its issuer's (reader/names)
            outlet_name, bias, outlet_aliases, ownership = resolved_outlet(resolver, record, source)
            batch.update(**article_to_document(source, record, outlet_name, bias, outlet_aliases,
                                               ownership=ownership))
            (report.updated if existed else report.added).append(source.path)
            report.warnings.extend((source.path, w) for w in record.warnings)
            batch.commit_if_due()
        if progress is not None:
            progress(len(files), len(files), "")
        save_assignments()
        batch.commit()
        refresh_names(ix)  # the library-wide name table follows the commit (reader/names)
        if previous is not None and not report.cancelled:
            seen = set(known.new_paths)
            for path in previous.paths():
                if path not in seen and path not in excluded and not Path(path).exists():
                    report.dropped.append((Path(path), GONE))
    except BaseException:
        batch.cancel()
        if target is not None:
            give_up(target)
        raise
    finally:
        known.close()
        if previous is not None:
            previous.close()
    if target is not None:
        if report.cancelled:
            give_up(target)
        else:
            swap_in(location, target)
    if relabel:
        from reader.search.maintenance import relabel_articles

        relabel_articles(location, relabel, resolver)
        moved = set(relabel)
        report.updated.extend(p for p in report.unchanged if str(p) in moved)
        report.unchanged = [p for p in report.unchanged if str(p) not in moved]
    return report


def remove_articles(location: Path, paths: Iterable[str]) -> int:
    """Drop articles from the library (never from disk); returns how many.

    The library remembers the removal: a rebuild or rescan of a folder they
    are in does not bring them back (adding them again does).
    """
    from reader.library_sources import remember_removed

    paths = [str(p) for p in paths]
    batch = BatchWriter(open_or_create(location), every=len(paths) + 1)
    count = 0
    try:
        for path in paths:
            count += batch.delete(F.PATH, path)
        remember_removed(location, paths)
        batch.commit()
    except BaseException:
        batch.cancel()
        raise
    refresh_names(batch.ix)  # the library-wide name table follows the commit (reader/names)
    return count


def indexed_paths(location: Path) -> dict[str, str]:
    """Path → content hash of everything in the library (for rescans)."""
    with open_or_create(location).searcher() as s:
        return {stored[F.PATH]: stored[F.SHA] for stored in s.all_stored_fields()}
