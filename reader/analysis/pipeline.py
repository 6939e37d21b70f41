"""Analysing articles: text in, ArticleRecord out, one file or a batch.

The steps are: boilerplate lines and metadata (string rules), quoted spans
(string scanning), then one spaCy parse per article for speakers and
entities. Long texts are parsed in paragraph chunks and glued back into one
Doc, so every offset still refers to the original text. Nothing here raises
for a bad article: problems become warnings on its record.
"""
from __future__ import annotations

import os
import re
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from reader.analysis.boilerplate import find_boilerplate
from reader.analysis.canonical import merge_surnames
from reader.analysis.continuation import continue_into_quotations
from reader.analysis.entities import NameResolver, build_entities, collect_mentions
from reader.analysis.metadata import apply_hints, detect_metadata
from reader.analysis.quote_spans import find_quote_spans
from reader.analysis.record import ArticleRecord, Quote
from reader.analysis.refine import finish_quotes
from reader.analysis.speaker_model import rerank
from reader.analysis.statement_model import ModelFileError, load_model
from reader.analysis.tokens import doc_input

WHOLE_CHARS = 50_000  # texts up to this size are parsed whole, several at a time
CHUNK_CHARS = 10_000  # longer ones in pieces this size: spaCy's memory grows with the batch
CHUNK_BATCH = 4  # pieces parsed together (a 600k-character text: ~300 MB instead of 2 GB)
PARSE_LIMIT = 600_000  # beyond this a text is not parsed (quotes still found, speakers not)
MAX_QUOTES = 2000  # statements and quoted spans kept per article: more than any real article has


def _chunks(text: str, size: int | None = None) -> list[str]:
    """Pieces of text that join back to it exactly, cut at paragraph or sentence ends."""
    size = size or CHUNK_CHARS
    out, pos = [], 0
    while len(text) - pos > size:
        cut = text.rfind("\n", pos + size // 4, pos + size)
        if cut == -1:
            m = None
            for m in re.finditer(r"[.!?]\s", text[pos + size // 2:pos + size]):
                pass
            cut = pos + size // 2 + m.end() - 1 if m else text.rfind(" ", pos + size // 4, pos + size)
        if cut <= pos:
            cut = pos + size - 1
        out.append(text[pos:cut + 1])
        pos = cut + 1
    out.append(text[pos:])
    return [c for c in out if c]


def parse(text: str, nlp: Any | None = None) -> Any:
    """One spaCy Doc for the whole text, built from chunks; offsets match text."""
    from spacy.tokens import Doc

    from reader.analysis.nlp import load_nlp

    nlp = nlp or load_nlp()
    if len(text) <= WHOLE_CHARS:
        return nlp(doc_input(nlp, text))
    docs = list(nlp.pipe((doc_input(nlp, chunk) for chunk in _chunks(text)), batch_size=CHUNK_BATCH))
    if len(docs) == 1:
        return docs[0]
    return Doc.from_docs(docs, ensure_whitespace=False)


def _inside(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    return any(s <= a and b <= e for s, e in spans)


def _first_spans(spans: list, limit: int) -> list:
    """The first ``limit`` spans, without a nested or continued span whose outer one was cut."""
    kept = spans[:limit]
    starts = {q.start for q in kept}
    for q in kept:
        if q.nested_in is not None and q.nested_in not in starts:
            q.nested_in = None
        if q.continuation_of is not None and q.continuation_of not in starts:
            q.continuation_of = None
    return kept


def analyze_doc(text: str, doc: Any | None, file: str = "", hints: dict | None = None,
                warnings: list[str] | None = None, rank_speakers: bool = True) -> ArticleRecord:
    """The record for a text whose parse is doc (None when the text was too long to parse).

    ``rank_speakers=False`` keeps the rules' speakers and the statements as the ranker sees them,
    before ``continuation`` stretches them over their quotations (``tools/train_speakers.py``
    learns from these records)."""
    rec = ArticleRecord(file=file, warnings=list(warnings or []))
    if not text.strip():
        rec.warnings.append("empty text: nothing to analyse")
        return apply_hints(rec, hints)
    rec.boilerplate = find_boilerplate(text)
    meta = detect_metadata(text, rec.boilerplate)
    rec.title, rec.outlet, rec.author = meta.title, meta.outlet, meta.author
    rec.published, rec.kind = meta.published, meta.kind
    spans = [q for q in find_quote_spans(text) if not _inside(rec.boilerplate, q.start, q.end)]
    if len(spans) > MAX_QUOTES:
        rec.warnings.append(f"{len(spans):,} quoted spans: only the first {MAX_QUOTES:,} are kept")
        spans = _first_spans(spans, MAX_QUOTES)
    if doc is None:
        rec.quotes = [Quote(q.start, q.end, text[q.start:q.end],
                            "direct" if len(text[q.start:q.end].split()) > 3 else "scare", confidence=0.1)
                      for q in spans]
        return apply_hints(rec, hints)
    mentions = collect_mentions(doc, text, rec.boilerplate)
    resolver = NameResolver(mentions)
    try:
        model = load_model()
    except ModelFileError as exc:
        model = None
        rec.warnings.append(f"reported speech was not analysed: {exc}")
    rec.quotes, speakers = finish_quotes(text, doc, spans, resolver, meta.title_span, model)
    if rank_speakers:
        rerank(text, doc, rec.quotes, resolver)
        rec.quotes = continue_into_quotations(text, rec.quotes, spans)
    rec.quotes = [q for q in rec.quotes if not _inside(rec.boilerplate, q.start, q.end)]
    if len(rec.quotes) > MAX_QUOTES:
        rec.warnings.append(f"{len(rec.quotes):,} statements and quoted spans: only the first {MAX_QUOTES:,} are kept")
        rec.quotes = rec.quotes[:MAX_QUOTES]
    rec.entities = build_entities(mentions, resolver, speakers)
    merge_surnames(rec)
    return apply_hints(rec, hints)


def analyze_text(text: str, file: str = "", hints: dict | None = None) -> ArticleRecord:
    """Quotes, speakers, entities and metadata of one article; never raises."""
    try:
        if not isinstance(text, str):
            raise TypeError(f"expected text, got {type(text).__name__}")
        warnings = []
        doc = None
        if text.strip():
            if len(text) > PARSE_LIMIT:
                warnings.append(f"text is very long ({len(text):,} characters); "
                                "speakers and entities were not analysed")
            else:
                doc = parse(text)
        return analyze_doc(text, doc, file, hints, warnings)
    except Exception as exc:  # noqa: BLE001 - one bad article must not stop a batch
        if exc.__class__.__name__ == "ModelMissingError":
            raise
        return ArticleRecord(file=file, warnings=[f"analysis failed: {exc.__class__.__name__}: {exc}"])


BATCH = 16  # articles parsed together: spaCy is about 30% faster on batches


def _analyze_batch(items: list[tuple[str, str, dict | None]]) -> list[ArticleRecord]:
    """Records for a batch, parsing the ordinary-sized texts together with nlp.pipe."""
    from reader.analysis.nlp import ModelMissingError, load_nlp

    short = [i for i, (_, text, _) in enumerate(items)
             if isinstance(text, str) and text.strip() and len(text) <= WHOLE_CHARS]
    docs: dict[int, Any] = {}
    if short:
        try:
            nlp = load_nlp()
            texts = [doc_input(nlp, items[i][1]) for i in short]
            for i, doc in zip(short, nlp.pipe(texts, batch_size=BATCH)):
                docs[i] = doc
        except ModelMissingError:
            raise
        except Exception:  # noqa: BLE001 - parse them one by one below instead
            docs = {}
    out = []
    for i, (file, text, hints) in enumerate(items):
        if i in docs:
            try:
                out.append(analyze_doc(text, docs[i], file, hints))
                continue
            except Exception:  # noqa: BLE001 - retried alone, which reports the failure
                pass
        out.append(analyze_text(text, file, hints))
    return out


def _exit_with_parent(parent: int) -> None:
    """Pool initializer: a worker whose parent was killed exits instead of idling forever."""
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _worker(batch: list[tuple[str, str, dict | None]]) -> list[dict]:
    return [rec.to_json() for rec in _analyze_batch(batch)]


def _batches(items: Iterable[tuple[str, str, dict | None]], size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def analyze_many(items: Iterable[tuple[str, str, dict | None]], n_process: int = 2,
                 progress: Callable[[int], None] | None = None) -> Iterator[ArticleRecord]:
    """Analyse (file, text, hints) items on n_process cores; records come in input order.

    Items go to worker processes in small batches (spaCy parses a batch faster
    than its articles one by one), within a bounded window so a long run never
    holds every text in memory twice. A batch whose worker fails, or a pool that
    breaks, is analysed again in this process: one bad file never stops the run.
    """
    done = 0

    def emit(records: list[ArticleRecord]) -> Iterator[ArticleRecord]:
        nonlocal done
        for rec in records:
            done += 1
            yield rec
            if progress:
                progress(done)

    if n_process <= 1:
        for batch in _batches(items, BATCH):
            yield from emit(_analyze_batch(batch))
        return
    pending: deque = deque()
    pool: ProcessPoolExecutor | None = ProcessPoolExecutor(
        max_workers=n_process, initializer=_exit_with_parent, initargs=(os.getpid(),))
    try:
        for batch in _batches(items, BATCH // 2):
            future = None
            if pool is not None:
                try:
                    future = pool.submit(_worker, batch)
                except Exception:  # noqa: BLE001 - a broken pool: carry on in this process
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = None
            pending.append((batch, future))
            while len(pending) >= 3 * n_process:
                yield from emit(_collect(*pending.popleft()))
        while pending:
            yield from emit(_collect(*pending.popleft()))
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _collect(batch: list[tuple[str, str, dict | None]], future: Any) -> list[ArticleRecord]:
    if future is not None:
        try:
            return [ArticleRecord.from_json(data) for data in future.result()]
        except Exception:  # noqa: BLE001 - the worker died: analyse here instead
            pass
    return _analyze_batch(batch)


def _read(path: str | Path) -> tuple[str, str, dict | None, list[str], dict]:
    """(file, text, hints, warnings, hint sources): read as ``parallax add`` reads it."""
    from reader.sources import load_source
    from reader.textio import UnreadableFile

    try:
        doc = load_source(Path(path))
    except UnreadableFile as exc:
        return str(path), "", None, [f"{path}: {exc}"], {}
    except Exception as exc:  # noqa: BLE001
        return str(path), "", None, [f"{path}: cannot be read ({exc})"], {}
    return str(path), doc.text, doc.hints, [f"{path}: {w}" for w in doc.warnings], doc.hint_sources


def analyze_paths(paths: Iterable[str | Path], n_process: int = 2) -> Iterator[ArticleRecord]:
    """Read and analyse files; an unreadable file becomes a record with a warning and no quotes."""
    reads: deque = deque()

    def feed() -> Iterator[tuple[str, str, dict | None]]:
        for path in paths:
            read = _read(path)
            reads.append(read)
            if read[1]:
                yield read[0], read[1], read[2]

    def unreadable() -> Iterator[ArticleRecord]:
        while reads and not reads[0][1]:
            f, _, _, w, _ = reads.popleft()
            yield ArticleRecord(file=f, warnings=w or [f"{f}: nothing to analyse"])

    for rec in link_people_across(analyze_many(feed(), n_process=n_process)):
        yield from unreadable()
        _, _, hints, w, sources = reads.popleft()
        rec.warnings = w + rec.warnings
        yield apply_hints(rec, hints, sources)  # again, now saying where each hint came from
    yield from unreadable()


def link_people_across(records: Iterable[ArticleRecord]) -> Iterator[ArticleRecord]:
    """Name a person by the full name other articles of the batch use ("Putin" -> "Vladimir Putin").

    Only a bare surname is renamed, and only when earlier articles know exactly one
    full name ending with it.
    """
    known: dict[str, set[str]] = {}
    for rec in records:
        rename: dict[str, str] = {}
        for ent in rec.entities:
            if ent.type == "person" and len(ent.name.split()) == 1:
                full = known.get(ent.name.lower(), set())
                if len(full) == 1:
                    rename[ent.name] = next(iter(full))
        for ent in rec.entities:
            if ent.name in rename:
                ent.aliases = sorted(set(ent.aliases) | {ent.name})
                ent.name = rename[ent.name]
        for q in rec.quotes:
            if q.speaker in rename:
                q.speaker = rename[q.speaker]
        for ent in rec.entities:
            if ent.type == "person" and len(ent.name.split()) >= 2:
                known.setdefault(ent.name.split()[-1].lower(), set()).add(ent.name)
        yield rec
