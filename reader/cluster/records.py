"""The records file: one analysed article per JSON line, and its checks.

A line carries the article as analysis saw it (its text, the metadata its
file gave) and the analysis record, so ``parallax add --records`` can import
it without the file and without spaCy. The shape is versioned by ``schema``
(README, "Records files"); a line of another schema, or one whose record does
not fit its text, is refused with the reason and its line number.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import fields
from pathlib import Path, PurePath
from typing import Any, Iterator

from reader.analysis.record import (ARTICLE_KINDS, ENTITY_TYPES, META_SOURCES, QUOTE_KINDS,
                                    SPEAKER_TYPES, ArticleRecord, Quote)
from reader.safe_text import json_for_terminal
from reader.sources import SourceDocument
from reader.textio import MAX_BYTES

SCHEMA = "parallax.record/1"
FORMATS = ("text", "markdown", "html")
MAX_LINE_BYTES = 4 * MAX_BYTES  # a 5 MB article escaped as JSON, with its record
MAX_ITEMS = 20_000  # quotes, entities, mentions or spans in one record: far beyond any article
_SHA = re.compile(r"[0-9a-f]{64}")
_QUOTE_TEXTS = ("text", "kind", "speaker", "speaker_type", "cue")
_QUOTE_OFFSETS = ("cue_start", "cue_end", "source_start", "source_end")


class RecordRefused(ValueError):
    """A records-file line that cannot be imported; the message says why."""


def to_line(source: SourceDocument, record: ArticleRecord) -> dict[str, Any]:
    """The JSON object of one records-file line (schema ``parallax.record/1``)."""
    line: dict[str, Any] = {"schema": SCHEMA, "path": str(source.path), "sha": source.sha,
                            "format": source.format, "text": source.text, "hints": dict(source.hints),
                            "source_warnings": list(source.warnings)}
    if getattr(source, "hint_sources", None):  # where each hint came from, when the loader says
        line["hint_sources"] = dict(source.hint_sources)
    line["record"] = record.to_json()
    return line


def dumps(line: dict[str, Any]) -> str:
    """One line of the file: compact JSON, non-ASCII kept; line separators, C1 and bidi
    controls escaped (the same data), so the line is one line for every reader and terminal."""
    return json_for_terminal(line, separators=(",", ":"))


def _need(ok: bool, reason: str) -> None:
    if not ok:
        raise RecordRefused(reason)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _span(value: Any, size: int, what: str) -> tuple[int, int]:
    _need(isinstance(value, (list, tuple)) and len(value) == 2 and all(map(_is_int, value)),
          f"{what} is not a [start, end] pair of integers")
    start, end = value
    _need(0 <= start <= end <= size, f"{what} [{start}, {end}] does not fit the text ({size} characters)")
    return start, end


def _strings(data: dict, keys: tuple[str, ...], where: str) -> None:
    for key in keys:
        value = data.get(key)
        _need(value is None or isinstance(value, str), f"{where}{key} is not text")


def _list(data: dict, key: str, where: str) -> list:
    value = data.get(key, [])
    _need(isinstance(value, list), f"{where}{key} is not a list")
    _need(len(value) <= MAX_ITEMS, f"{where}{key} has {len(value):,} items (at most {MAX_ITEMS:,})")
    return value


def _check_quote(q: Any, i: int, text: str) -> None:
    where = f"quotes[{i}]."
    _need(isinstance(q, dict), f"quotes[{i}] is not an object")
    unknown = set(q) - {f.name for f in fields(Quote)}
    _need(not unknown, f"quotes[{i}] has unknown fields: {', '.join(sorted(unknown))}")
    _strings(q, _QUOTE_TEXTS, where)
    _need(q.get("kind", "direct") in QUOTE_KINDS,
          f"{where}kind {q.get('kind')!r} is not one of {', '.join(QUOTE_KINDS)}")
    _need(q.get("speaker_type") in (None, *SPEAKER_TYPES),
          f"{where}speaker_type {q.get('speaker_type')!r} is not one of {', '.join(SPEAKER_TYPES)}")
    start, end = _span([q.get("start"), q.get("end")], len(text), f"{where}start/end")
    _need(q.get("text") == text[start:end], f"{where}text is not the text at [{start}, {end}]")
    conf = q.get("confidence", 0.0)
    _need(isinstance(conf, (int, float)) and not isinstance(conf, bool) and math.isfinite(conf),
          f"{where}confidence is not a number")
    for a, b in (_QUOTE_OFFSETS[:2], _QUOTE_OFFSETS[2:]):
        if q.get(a) is not None or q.get(b) is not None:
            _span([q.get(a), q.get(b)], len(text), f"{where}{a}/{b}")


def _check_entity(e: Any, i: int, text: str) -> None:
    where = f"entities[{i}]."
    _need(isinstance(e, dict), f"entities[{i}] is not an object")
    _need(isinstance(e.get("name"), str) and e["name"].strip(), f"{where}name is missing")
    _need(e.get("type") in ENTITY_TYPES,
          f"{where}type {e.get('type')!r} is not one of {', '.join(ENTITY_TYPES)}")
    aliases = _list(e, "aliases", where)
    _need(all(isinstance(a, str) for a in aliases), f"{where}aliases are not all text")
    for j, m in enumerate(_list(e, "mentions", where)):
        _span(m, len(text), f"{where}mentions[{j}]")


def _check_record(rec: Any, path: str, text: str) -> None:
    _need(isinstance(rec, dict), "record is missing or not an object")
    _need(rec.get("file") == path, f"record.file {str(rec.get('file'))[:80]!r} is not the line's path")
    _strings(rec, ("title", "outlet", "author", "published", "url", "kind"), "record.")
    _need(rec.get("kind", "news") in ARTICLE_KINDS,
          f"record.kind {rec.get('kind')!r} is not one of {', '.join(ARTICLE_KINDS)}")
    for j, span in enumerate(_list(rec, "boilerplate", "record.")):
        _span(span, len(text), f"record.boilerplate[{j}]")
    warnings = _list(rec, "warnings", "record.")
    _need(all(isinstance(w, str) for w in warnings), "record.warnings are not all text")
    sources = rec.get("meta_sources", {})
    _need(isinstance(sources, dict) and all(v in META_SOURCES for v in sources.values()),
          f"record.meta_sources values must be among {', '.join(META_SOURCES)}")
    for i, q in enumerate(_list(rec, "quotes", "record.")):
        _check_quote(q, i, text)
    for i, e in enumerate(_list(rec, "entities", "record.")):
        _check_entity(e, i, text)


def parse_line(raw: str) -> tuple[SourceDocument, ArticleRecord]:
    """The article and record of one line, or RecordRefused saying what is wrong."""
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        raise RecordRefused(f"not JSON ({str(exc)[:120]})") from None
    _need(isinstance(data, dict), "not a JSON object")
    schema = data.get("schema")
    _need(schema == SCHEMA, f"schema is {str(schema)[:60]!r}, expected {SCHEMA!r}"
          if schema is not None else f"no schema field (expected {SCHEMA!r})")
    path, text = data.get("path"), data.get("text")
    _need(isinstance(path, str) and path and "\x00" not in path and PurePath(path).is_absolute(),
          "path is missing or not an absolute path")
    _need(isinstance(text, str) and text.strip() != "", "text is missing or empty")
    _need(len(text) <= MAX_BYTES, f"text is too long ({len(text):,} characters)")
    _need(isinstance(data.get("sha"), str) and _SHA.fullmatch(data["sha"]) is not None,
          "sha is not a SHA-256 hex digest")
    _need(data.get("format") in FORMATS, f"format {data.get('format')!r} is not one of {', '.join(FORMATS)}")
    for key in ("hints", "hint_sources"):
        value = data.get(key, {})
        _need(isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()),
              f"{key} is not an object of text values")
    warnings = data.get("source_warnings", [])
    _need(isinstance(warnings, list) and all(isinstance(w, str) for w in warnings),
          "source_warnings is not a list of text")
    _check_record(data.get("record"), path, text)
    try:
        record = ArticleRecord.from_json(data["record"])
    except (TypeError, ValueError, KeyError) as exc:
        raise RecordRefused(f"record does not fit the record shape ({str(exc)[:120]})") from None
    source = SourceDocument(Path(path), text, data["sha"], data["format"], dict(data.get("hints", {})),
                            list(warnings))
    if data.get("hint_sources") and hasattr(source, "hint_sources"):
        source.hint_sources = dict(data["hint_sources"])
    return source, record


def read_records(path: Path) -> Iterator[tuple[int, tuple[SourceDocument, ArticleRecord] | RecordRefused]]:
    """(line number, article and record or the refusal) for every non-blank line, read in bounds."""
    seen: dict[str, int] = {}
    with open(path, "rb") as fh:
        for number, raw in enumerate(iter(lambda: fh.readline(MAX_LINE_BYTES + 1), b""), start=1):
            if len(raw) > MAX_LINE_BYTES:
                rest = raw
                while rest and not rest.endswith(b"\n"):  # skip the rest of the long line
                    rest = fh.readline(MAX_LINE_BYTES)
                yield number, RecordRefused(f"line is longer than {MAX_LINE_BYTES // 1048576} MB")
                continue
            if not raw.strip():
                continue
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield number, RecordRefused(f"not UTF-8 (byte {exc.start})")
                continue
            try:
                source, record = parse_line(text)
            except RecordRefused as exc:
                yield number, exc
                continue
            key = str(source.path)
            if key in seen:
                yield number, RecordRefused(f"the same path as line {seen[key]}")
                continue
            seen[key] = number
            yield number, (source, record)
