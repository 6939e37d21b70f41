"""Title, outlet, author, publication date and kind of an article.

Crawled text has no markup, so each field comes from conventions: the
headline is the first real line; the author is a "By ..." line, a bare name
under the headline or an author box; the outlet is who interviewees talk to
("told DW") or who a disclaimer names; a date counts only when the text says
it is the publication date, never a page header with the crawl date.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from reader.analysis.boilerplate import author_box_name, line_spans, title_index
from reader.analysis.record import ARTICLE_KINDS, ArticleRecord

_NAME = r"[A-Z][a-zA-Z'’.-]+(?: (?:[A-Z][a-zA-Z'’.-]+|van|von|de|bin|al|ul|der|da)){1,3}"
_BYLINE = re.compile(rf"^\s*(?:By|BY|Written by|Words by|Reporting by)\s*[:\-]?\s+({_NAME})\s*(?:[,|].*)?$")
_BARE_NAME = re.compile(rf"^\s*({_NAME})\s*$")
_OUTLET = r"(?:the )?([A-Z][\w/&.'’-]*(?: (?:[A-Z][\w/&.'’-]*|of|News)){0,4})"
_TOLD = re.compile(rf"\b(?:told|tells|telling|said to|speaking to|in an interview with|interviewed by) {_OUTLET}")
_DISCLAIMER = re.compile(rf"(?:policy|position|views) of {_OUTLET}")
_COPYRIGHT = re.compile(rf"(?:©|\(c\)|copyright)\s*(?:\d{{4}}\s*)?{_OUTLET}", re.I)
_MONTHS = {m: i + 1 for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split())}
_PUBLISHED = re.compile(
    r"\b(?:published|posted|first published|last updated|updated|date(?:d)?)\s*(?:on|:)?\s*"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s*)?"
    r"(\d{4}-\d{2}-\d{2}|\d{1,2}(?:st|nd|rd|th)? [A-Za-z]{3,9},? \d{4}|[A-Za-z]{3,9}\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}"
    r"|\d{1,2}-[A-Za-z]{3}-\d{4})", re.I)
_FIRST_PERSON = re.compile(r"\b(?:I|me|my|I'm|I’m|I've|I’ve)\b")
_OPINION = re.compile(r"\b(?:op-?ed|opinion column|commentary|views (?:and opinions )?expressed|"
                      r"contributes (?:his|her|their) views|the writer is|the author is)\b", re.I)
_ANALYSIS = re.compile(r"\b(?:analy[sz]es|analysis|explainer|in depth)\b", re.I)
_PERSON_STOP = frozenset({"breaking", "news", "central", "desk", "home", "opinion", "analysis", "more", "latest",
                          "must", "read", "image", "video", "photo", "related", "share"})


@dataclass
class Metadata:
    title: str = ""
    title_span: tuple[int, int] | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    kind: str = "news"


def _plausible_name(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 4 and not any(w.lower() in _PERSON_STOP for w in words)


def _parse_date(s: str) -> str | None:
    s = s.strip().replace(",", " ")
    s = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", s)
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
            return date.fromisoformat(s).isoformat()
        parts = re.split(r"[\s.-]+", s)
        if parts[0].isdigit():
            d, mon, y = parts[0], parts[1], parts[2]
        else:
            mon, d, y = parts[0], parts[1], parts[2]
        month = _MONTHS.get(mon[:3].lower())
        if month is None:
            return None
        return date(int(y), month, int(d)).isoformat()
    except (ValueError, IndexError):
        return None


def detect_outlet(text: str, title_line: str = "", next_line: str = "") -> str | None:
    """The outlet from text cues: who interviewees talk to, disclaimers, copyright, a label."""
    votes: Counter = Counter()
    for m in _TOLD.finditer(text):
        name = m.group(1).rstrip(".,’'")
        if name.split()[0] not in ("He", "She", "They", "It", "I", "We") and len(name) <= 40:
            votes[name] += 1
    for rx in (_DISCLAIMER, _COPYRIGHT):
        for m in rx.finditer(text):
            votes[m.group(1).rstrip(".,")] += 2
    if title_line and next_line.endswith(title_line) and next_line != title_line:
        votes[next_line[: -len(title_line)].strip(" -|:")] += 2
    votes = Counter({k: v for k, v in votes.items() if k and k[0].isupper()})
    if not votes:
        return None
    # one outlet, several people: the cue seen most often wins (ties: the first seen)
    return votes.most_common(1)[0][0]


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
    head = [text[a:b].strip() for a, b in lines[:60]]
    for line in head:
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
    meta.outlet = detect_outlet(text[:300_000], meta.title, after[0] if after else "")
    m = _PUBLISHED.search(text[:5000])
    if m:
        meta.published = _parse_date(m.group(1))
    meta.kind = detect_kind(text, meta.title, after)
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


def apply_hints(rec: ArticleRecord, hints: dict | None) -> ArticleRecord:
    """Values the caller knows (title, outlet, author, published, kind, url) beat detection."""
    if not hints:
        return rec
    for key in ("title", "outlet", "author", "published", "url"):
        value = hints.get(key)
        if value:
            setattr(rec, key, str(value))
    kind = hints.get("kind")
    if kind in ARTICLE_KINDS:
        rec.kind = kind
    return rec
