"""Interview transcripts: paragraphs that open with the speaker's name in capitals and a
colon ("WALLACE: Let's start ...", "PENCE: Well, look ...").

The label is the speaker and the colon the cue, so the statement is the words after
the label. A paragraph of the transcript without a label continues the turn of the
last labelled one. An article is read as a transcript only when at least two of its
paragraphs are labelled, so a single "UPDATE:" or "NOTE:" line is never a speaker.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from reader.analysis.entities import NameResolver
from reader.analysis.record import Quote

_MARKS = "\"'“”‘’«»"
LABEL = re.compile(r"^[ \t]*[\"“‘']?[ \t]*((?:[A-Z][A-Z'’.\-]+)(?: [A-Z][A-Z'’.\-]+){0,2}):[ \t]+", re.M)
NOT_SPEAKERS = frozenset({"UPDATE", "NOTE", "EDITOR'S NOTE", "EDITOR’S NOTE", "CORRECTION", "WATCH", "READ",
                          "RELATED", "PHOTOS", "VIDEO", "CLARIFICATION", "SOURCE", "SOURCES", "Q", "A"})
MIN_LABELS = 2


def _labels(text: str) -> list[tuple[int, int, int, str]]:
    """(line start, label start, words start, label) of each labelled paragraph."""
    out = []
    for m in LABEL.finditer(text):
        name = m.group(1)
        if name.upper() not in NOT_SPEAKERS and len(name.replace(" ", "")) >= 2:
            out.append((m.start(), m.start(1), m.end(), name))
    return out if len(out) >= MIN_LABELS else []


def _speaker(label: str, resolver: NameResolver, pos: int) -> str:
    return resolver.canonical(label.title(), pos)


def transcript_turns(text: str, quotes: list[Quote], resolver: NameResolver) -> list[Quote]:
    """``quotes`` with each transcript paragraph's direct quote given its label's speaker,
    its span moved past the label, the colon as cue and the label as source."""
    labels = _labels(text)
    if not labels:
        return quotes
    line_starts = [s for s, _l, _w, _n in labels]
    out = []
    for q in quotes:
        if q.kind != "direct":
            out.append(q)
            continue
        line = text.rfind("\n", 0, q.start) + 1
        before = text[line:q.start]
        k = bisect_right(line_starts, q.start) - 1
        if k < 0 or before.strip(" \t" + _MARKS):
            out.append(q)  # not a paragraph of its own, or before the first turn
            continue
        start, label_at, words_at, name = labels[k]
        if start == line and label_at <= q.start < words_at + 1:
            a = max(q.start, words_at)
            out.append(replace(q, start=a, text=text[a:q.end], speaker=_speaker(name, resolver, label_at),
                               speaker_type="person", cue=":", cue_start=label_at + len(name),
                               cue_end=label_at + len(name) + 1, source_start=label_at,
                               source_end=label_at + len(name), confidence=max(q.confidence, 0.8)))
        elif q.speaker is None and text[start:line].count("\n\n") <= 4:
            out.append(replace(q, speaker=_speaker(name, resolver, label_at), speaker_type="person",
                               confidence=max(q.confidence, 0.5)))  # the turn goes on
        else:
            out.append(q)
    return out
