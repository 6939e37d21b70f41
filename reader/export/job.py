"""Running one export: read the selected articles, write the rows, replace the file.

The output streams into a temporary file beside the target that replaces it only
when everything was written (``reader.atomic.atomic_output``): a cancelled or
failed export leaves no file, or the earlier one untouched. Plain Python: the
window runs ``run_export`` on a worker with its own progress and cancel callbacks.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Callable

from reader import __version__
from reader.atomic import atomic_output
from reader.export import rows as R
from reader.export.naming import CanonicalNames
from reader.export.naming import canonical_names
from reader.export.outlet_facts import OutletFacts
from reader.export.outlet_facts import OutletLookup
from reader.export.qdpx import CodeRef
from reader.export.qdpx import QdpxWriter
from reader.export.qdpx import Segment
from reader.export.qdpx import Source
from reader.export.selection import Selection
from reader.export.spec import Format
from reader.export.spec import What
from reader.export.tabular import CsvRows
from reader.export.tabular import JsonlRows
from reader.search.articles import StoredArticle
from reader.search.articles import iter_articles
from reader.search.view import IndexView

Progress = Callable[[int, int, str], None]  # (articles done, articles in all, the current title)

SPEAKERS, KINDS, ENTITIES = "Speakers", "Statement kinds", "Entities"
SPEAKER_GROUPS = {"person": "People", "organisation": "Organisations", "document": "Documents",
                  "unknown": "Unknown speaker type"}
ENTITY_GROUPS = {"person": "People", "organisation": "Organisations", "place": "Places"}
KIND_ORDER = ("direct", "mixed", "indirect")
COLORS = {"People": "#1f77b4", "Organisations": "#2ca02c", "Documents": "#9467bd",
          "Unknown speaker type": "#7f7f7f", "Places": "#17becf",
          "direct": "#d62728", "mixed": "#ff7f0e", "indirect": "#8c564b"}
UNNAMED = "unnamed source"


class ExportCancelled(Exception):
    """The export was cancelled; nothing was written."""


@dataclass(frozen=True)
class ExportRequest:
    what: What
    format: Format
    path: Path
    bom: bool = False  # CSV only: a UTF-8 byte order mark, for spreadsheet apps


@dataclass
class ExportReport:
    path: Path
    what: What
    format: Format
    articles: int
    rows: int  # quotes, articles or entities written (qdpx: coded selections, or sources)
    seconds: float

    def summary(self, target: str | None = None) -> str:
        """"Exported 49 statements from 5 articles to seeds.qdpx" (``target`` names the
        destination when it is not a file)."""
        noun = {What.QUOTES: "statement", What.ARTICLES: "article", What.ENTITIES: "entity"}[self.what]
        plural = "entities" if noun == "entity" else noun + "s"
        count = f"{self.rows} {noun if self.rows == 1 else plural}"
        if self.what != What.ARTICLES:
            count += f" from {self.articles} article{'s' if self.articles != 1 else ''}"
        return f"Exported {count} to {target or self.path.name}"


def run_export(view: IndexView, selection: Selection, request: ExportRequest, *,
               progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
               names: CanonicalNames | None = None, outlets: OutletLookup | None = None) -> ExportReport:
    """Export the selection's articles to ``request.path``; raises ExportCancelled (and
    writes nothing) when ``cancelled()`` turns true, OSError when the file cannot be written."""
    binary = request.format == Format.QDPX
    encoding = "utf-8-sig" if request.bom and request.format == Format.CSV else "utf-8"
    with atomic_output(request.path, "wb" if binary else "w", None if binary else encoding) as fh:
        return write_export(fh, view, selection, request, progress=progress, cancelled=cancelled,
                            names=names, outlets=outlets)


def write_export(fh: IO, view: IndexView, selection: Selection, request: ExportRequest, *,
                 progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
                 names: CanonicalNames | None = None, outlets: OutletLookup | None = None) -> ExportReport:
    """Export into an open file (text for CSV and JSON Lines, bytes for qdpx): what
    ``run_export`` does inside its temporary file, and the CLI into standard output."""
    started = time.perf_counter()
    names = names or canonical_names(view)
    outlets = outlets or OutletLookup()
    total = len(selection)
    step = max(1, total // 100)
    sink = _sink(request, fh, selection, names, outlets)
    done = 0
    try:
        for done, article in enumerate(iter_articles(view, selection.docnums), 1):
            if cancelled is not None and cancelled():
                raise ExportCancelled()
            sink.add(article, outlets.facts(article.outlet, article.url))
            if progress is not None and (done % step == 0 or done == total):
                progress(done, total, article.title)
        if cancelled is not None and cancelled():
            raise ExportCancelled()
        count = sink.finish()
    finally:
        sink.close()
    return ExportReport(Path(request.path), request.what, request.format, done, count,
                        round(time.perf_counter() - started, 3))


class _Sink:
    """Takes articles one by one; ``finish`` writes what is left and returns the row count."""

    def add(self, article: StoredArticle, facts: OutletFacts) -> None:
        raise NotImplementedError

    def finish(self) -> int:
        raise NotImplementedError

    def close(self) -> None:
        pass


def _sink(request: ExportRequest, fh: IO, selection: Selection, names: CanonicalNames,
          outlets: OutletLookup) -> _Sink:
    if request.format == Format.QDPX:
        return _QdpxSink(fh, request.what, selection, names)
    if request.what == What.ENTITIES:
        return _EntitySink(fh, request.format, names)
    columns = R.QUOTE_COLUMNS if request.what == What.QUOTES else R.ARTICLE_COLUMNS
    out = CsvRows(fh, columns) if request.format == Format.CSV else JsonlRows(fh, request.what.schema)
    if request.what == What.QUOTES:
        return _RowSink(out, lambda a, f: R.quote_rows(a, f, names, selection.quote_indexes(a.path)))
    return _RowSink(out, lambda a, f: [R.article_row(a, f, names, outlets)])


class _RowSink(_Sink):
    def __init__(self, out: CsvRows | JsonlRows, rows_of) -> None:
        self._out, self._rows_of = out, rows_of

    def add(self, article: StoredArticle, facts: OutletFacts) -> None:
        self._out.write_all(self._rows_of(article, facts))

    def finish(self) -> int:
        return self._out.count


class _EntitySink(_Sink):
    """Entities are counted over every article, then written (most articles first)."""

    def __init__(self, fh: IO, fmt: Format, names: CanonicalNames) -> None:
        self._fh, self._format = fh, fmt
        self._tally = R.EntityTally(names)

    def add(self, article: StoredArticle, facts: OutletFacts) -> None:
        self._tally.add(article)

    def finish(self) -> int:
        rows = self._tally.rows()
        if self._format == Format.CSV:
            outlets = self._tally.outlet_names()
            out = CsvRows(self._fh, self._tally.columns())
            for row in rows:
                out.write_cells(R.entity_csv_cells(row, outlets))
        else:
            out = JsonlRows(self._fh, What.ENTITIES.schema)
            out.write_all(rows)
        return out.count


class _QdpxSink(_Sink):
    def __init__(self, fh: IO[bytes], what: What, selection: Selection, names: CanonicalNames) -> None:
        self._what, self._selection, self._names = what, selection, names
        self._writer = QdpxWriter(fh, project=f"Parallax: {what.value} of {selection.description}".strip(),
                                  origin=f"Parallax {__version__}", colors=COLORS,
                                  groups=(SPEAKERS, KINDS, ENTITIES))
        if what == What.QUOTES:
            for kind in KIND_ORDER:
                self._writer.declare(CodeRef(KINDS, kind))

    def add(self, article: StoredArticle, facts: OutletFacts) -> None:
        self._writer.add_source(_source(article, facts), self._segments(article))

    def _segments(self, article: StoredArticle) -> list[Segment]:
        if self._what == What.QUOTES:
            return [self._statement(article, index, q, kind)
                    for index, q, kind in R.statements(article, self._selection.quote_indexes(article.path))]
        if self._what == What.ENTITIES:
            out = []
            for n, ent in enumerate(article.record.entities):
                etype = self._names.entity_type(ent, article)
                code = CodeRef(ENTITIES, self._names.entity(ent, article), ENTITY_GROUPS.get(etype, etype))
                out += [Segment(s, e, (code,), key=f"e{n}:{s}:{e}", name=code.name) for s, e in ent.mentions]
            return out
        return []

    def _statement(self, article: StoredArticle, index: int, q, kind: str) -> Segment:
        speaker = self._names.speaker(q, article) or UNNAMED
        codes = (CodeRef(SPEAKERS, speaker, SPEAKER_GROUPS.get(q.speaker_type or "unknown",
                                                               SPEAKER_GROUPS["unknown"])),
                 CodeRef(KINDS, kind))
        about = [f"{kind} statement by {speaker}"]
        if q.cue:
            about.append(f"cue “{q.cue}”")
        about.append(f"confidence {q.confidence:.2f}")
        return Segment(q.start, q.end, codes, key=f"q{index}", name=f"{speaker}: “{q.text}”",
                       description="; ".join(about))

    def finish(self) -> int:
        w = self._writer
        w.finish(f"Exported by Parallax {__version__}: {self._what.value} of "
                 f"{self._selection.description} ({w.sources} articles, {w.selections} coded selections).")
        return w.selections if self._what != What.ARTICLES else w.sources

    def close(self) -> None:
        self._writer.close()


def _source(article: StoredArticle, facts: OutletFacts) -> Source:
    outlet = article.outlet or "Unknown outlet"
    rated = f" ({', '.join(x for x in (facts.lean_source, facts.lean_date) if x)})" if facts.lean_source else ""
    about = f"Lean: {facts.lean}{rated}" + (f". Ownership: {facts.ownership}" if facts.ownership else "")
    where = ", ".join(x for x in (outlet, article.published, article.url or article.path) if x)
    return Source(key=article.sha or article.path, name=article.title or article.path, text=article.body,
                  description=where, case=outlet, case_description=about,
                  variables={"Outlet": outlet, "Lean": facts.lean, "Lean rated by": facts.lean_source,
                             "Lean rated on": facts.lean_date, "Ownership": facts.ownership,
                             "Article kind": article.kind, "Published": article.published,
                             "Author": article.author, "URL": article.url})
