"""Title, outlet, author, publication date and kind of an article, from evidence only.

Crawled text has no markup, so each field comes from an explicit convention
in the first lines, or stays unknown: the headline is the first real line;
the author a "By ..." line, a bare name under the headline or an author box;
the outlet a dateline ("WASHINGTON (Reuters) -"), a masthead printed before
the headline, a "Source: ..." label or a copyright line; the date only a line
that says it is the publication date (never a page header with the crawl
date). Body phrases ("told Reuters", "in an interview with X") name whom
people talk to, not who published the article, so they never set the outlet.
Every field found records its source (``text-pattern``) in ``sources``;
metadata given with the file (front matter, catalog, page metadata, the user)
beats detection (``apply_hints``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.analysis.boilerplate import author_box_name, line_spans, title_index
from reader.analysis.record import ARTICLE_KINDS, ArticleRecord
from reader.dates import iso_date_or_none

_NAME = r"[A-Z][a-zA-Z'’.-]+(?: (?:[A-Z][a-zA-Z'’.-]+|van|von|de|bin|al|ul|der|da)){1,3}"
_BYLINE = re.compile(rf"^\s*(?:By|BY|Written by|Words by|Reporting by)\s*[:\-]?\s+({_NAME})\s*(?:[,|].*)?$")
_BARE_NAME = re.compile(rf"^\s*({_NAME})\s*$")
_OUTLET_NAME = r"[A-Z][\w/&.'’-]*(?: (?:[A-Z][\w/&.'’-]*|of|the|and|News|&)){0,5}"
# "WASHINGTON (Reuters) -", "KYIV, Ukraine (AP) —", "(CNN) -": a dateline opens the first paragraph
_DATELINE = re.compile(rf"^(?:[A-Z][A-Z.'’ -]{{1,40}}(?:, [A-Z][\w.'’ -]{{1,30}})?\s+)?\(({_OUTLET_NAME})\)\s*[-–—]")
_LABEL = re.compile(rf"^(?i:source|publisher|publication|outlet|published by)\s*:\s*({_OUTLET_NAME})\s*$")
# the outlet's name keeps its capitals: only the words around it are matched in any case
_COPYRIGHT = re.compile(rf"^(?i:©|\(c\)|copyright)\s*(?:©|\((?i:c)\))?\s*(?:\d{{4}}(?:\s*[-–]\s*\d{{4}})?\s*,?\s*)?"
                        rf"(?i:by\s+|the\s+)?({_OUTLET_NAME}?)\s*(?:[.,;]\s*(?i:all rights reserved)?\.?)?$")
_PUBLISHED = re.compile(
    r"^\W*(?:published|posted|first published|date(?:d)?|publication date)\s*(?:on|:)?\s*"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*)?"
    r"(\d{4}-\d{2}-\d{2}|\d{1,2}(?:st|nd|rd|th)? [A-Za-z]{3,9}\.?,? \d{4}|[A-Za-z]{3,9}\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}"
    r"|\d{1,2}-[A-Za-z]{3}-\d{4})", re.I)
_FIRST_PERSON = re.compile(r"\b(?:I|me|my|I'm|I’m|I've|I’ve)\b")
_OPINION = re.compile(r"\b(?:op-?ed|opinion column|commentary|views (?:and opinions )?expressed|"
                      r"contributes (?:his|her|their) views|the writer is|the author is)\b", re.I)
_ANALYSIS = re.compile(r"\b(?:analy[sz]es|analysis|explainer|in depth)\b", re.I)
_PERSON_STOP = frozenset({"breaking", "news", "central", "desk", "home", "opinion", "analysis", "more", "latest",
                          "must", "read", "image", "video", "photo", "related", "share"})
_NOT_OUTLETS = frozenset({"he", "she", "they", "it", "i", "we", "you", "the", "a", "an", "this", "that",
                          "photo", "image", "file", "video", "updated", "reporting", "editing"})
HEAD_LINES = 15  # "the first lines": where a masthead, byline, dateline or date line is printed
TAIL_LINES = 3  # a copyright line closes the text
TEXT_PATTERN = "text-pattern"


@dataclass
class Metadata:
    title: str = ""
    title_span: tuple[int, int] | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    kind: str = "news"
    sources: dict[str, str] = field(default_factory=dict)  # field -> "text-pattern", for fields found


def _plausible_name(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 4 and not any(w.lower() in _PERSON_STOP for w in words)


def _parse_date(s: str) -> str | None:
    return iso_date_or_none(s)


def _outlet_name(name: str) -> str | None:
    name = name.strip(" .,;:-–—|")
    if not name or len(name) > 60 or name.split()[0].lower() in _NOT_OUTLETS:
        return None
    return name


def detect_outlet(head: list[str], tail: list[str] = (), title_line: str = "",
                  after_title: str = "") -> str | None:
    """The outlet from a masthead, dateline, label or copyright line; None without one.

    ``head`` and ``tail`` are the text's first and last non-empty lines; only the
    first ``HEAD_LINES`` (and, for a copyright notice, the last ``TAIL_LINES``) count.
    """
    head = list(head[:HEAD_LINES])
    if title_line and len(title_line) > 15 and after_title.endswith(title_line) and after_title != title_line:
        name = _outlet_name(after_title[: -len(title_line)])  # "DND Thought CenterPM Khan visits ..."
        if name:
            return name
    for line in head:
        for rx in (_DATELINE, _LABEL):
            m = rx.match(line)
            if m and (name := _outlet_name(m.group(1))):
                return name
    for line in head + list(tail[-TAIL_LINES:]):
        m = _COPYRIGHT.match(line)
        if m and (name := _outlet_name(m.group(1))):
            return name
    return None


def detect_metadata(text: str, boilerplate: list[tuple[int, int]] | None = None) -> Metadata:
    """Title, outlet, author, stated publication date and kind from the text alone."""
    meta = Metadata()
    lines = line_spans(text[:200_000])
    ti = title_index(text, lines)
    if ti is not None:
        a, b = lines[ti]
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        meta.title, meta.title_span = text[a:b], (a, b)
    after = [text[a:b].strip() for a, b in lines[(ti or 0) + 1:(ti or 0) + 12] if text[a:b].strip()]
    head = [ln for ln in (text[a:b].strip() for a, b in lines[:60]) if ln]
    for line in head[:HEAD_LINES]:
        m = _BYLINE.match(line)
        if m and _plausible_name(m.group(1)):
            meta.author = m.group(1)
            break
    if meta.author is None:
        for line in after[:3]:
            m = _BARE_NAME.match(line)
            if m and _plausible_name(m.group(1)) and line != meta.title:
                meta.author = m.group(1)
                break
    if meta.author is None:
        box = author_box_name(text[-20_000:]) if len(text) > 20_000 else author_box_name(text)
        if box and _plausible_name(box):
            meta.author = box
    tail = [ln for ln in (ln.strip() for ln in text[-3000:].splitlines()) if ln]
    meta.outlet = detect_outlet(head, tail, meta.title, after[0] if after else "")
    for line in head[:HEAD_LINES]:
        m = _PUBLISHED.match(line)
        if m and (day := _parse_date(m.group(1))):
            meta.published = day
            break
    meta.kind = detect_kind(text, meta.title, after)
    meta.sources = {name: TEXT_PATTERN for name in ("title", "outlet", "author", "published")
                    if getattr(meta, name)}
    return meta


def detect_kind(text: str, title: str, dek_lines: list[str]) -> str:
    """opinion (first person, disclaimers, op-ed labels), analysis (said so), else news."""
    if _OPINION.search(text[:200_000]):
        return "opinion"
    outside = re.sub(r"[“\"][^”\"]{0,2000}[”\"]", " ", text[:200_000])
    if len(_FIRST_PERSON.findall(outside)) >= 3:
        return "opinion"
    if _ANALYSIS.search(title) or any(_ANALYSIS.search(line) for line in dek_lines[:2]):
        return "analysis"
    return "news"


def apply_hints(rec: ArticleRecord, hints: dict | None,
                sources: dict[str, str] | None = None) -> ArticleRecord:
    """Values the caller knows (title, outlet, author, published, kind, url) beat detection.

    ``sources`` says where each hint came from (front-matter, catalog, html-meta,
    user...; "catalog" when not given). A field the record already has and no
    hint replaces keeps its source, "text-pattern" unless one was recorded.
    Dates are stored as ISO days only: one that cannot be read is dropped, with
    a warning.
    """
    for name in ("title", "outlet", "author", "published"):
        if getattr(rec, name) and name not in rec.meta_sources:
            rec.meta_sources[name] = TEXT_PATTERN
    hints = hints or {}
    sources = sources or {}
    for key in ("title", "outlet", "author", "published", "url"):
        value = hints.get(key)
        if value:
            setattr(rec, key, str(value))
            rec.meta_sources[key] = sources.get(key, "catalog")
    kind = hints.get("kind")
    if kind in ARTICLE_KINDS:
        rec.kind = kind
        rec.meta_sources["kind"] = sources.get("kind", "catalog")
    if rec.published:
        day = iso_date_or_none(rec.published)
        if day is None:
            rec.warnings.append(f"the date “{rec.published[:40]}” could not be read; stored without a date")
            rec.meta_sources.pop("published", None)
        rec.published = day
    return rec
