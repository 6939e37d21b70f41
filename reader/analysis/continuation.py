"""Statements whose content runs on past their clause: a quotation the clause opens.

The reported clause comes from the parse of one sentence, but a speaker's words
often go on after it: ``Sanders said that “if there’s a large turnout we’ll do
fine. If it’s a low turnout, that may be another story.”`` The clause the parse
gives stops at the first full stop, inside the quotation; the quotation's rest
is the same speaker's turn, and PolNeAR/PARC annotate it as part of the same
content. So a statement (indirect or mixed) that opens a quotation and ends
before the quotation closes is stretched to the closing mark, across sentences,
within the paragraph. It keeps its speaker, cue and source: it is the same
statement, only longer. It becomes ``mixed`` (a clause holding quoted words),
and the direct or mixed records of quoted words inside the stretched span are
dropped, as ``statements.merge`` drops the quotations a mixed clause holds
(scare quotes too, when the statement has a speaker). When the statement has no speaker and the quoted
words it swallows had one, it takes theirs. It runs after the speaker ranker, which
learns from and ranks the records as ``refine`` makes them (``analyze_doc(...,
rank_speakers=False)`` stops before it), so ``resources/speakers.json`` is unaffected.

What is not here, and why (measured on PolNeAR train, see notes/cont.md): a
following sentence emitted as a statement of its own. Gold contents that run on
past the cue's sentence are mostly quotation paragraphs, which the direct-quote
rules already attribute (1,217 of 1,565 such gold segments are matched
strictly); among following sentences with no statement of their own, only
about 3% are the previous speaker's content, and a connective rule ("But",
"And", "Also" …) emitted 134 statements on train for about 5 matches.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from reader.analysis.quote_spans import QuoteSpan
from reader.analysis.record import Quote
from reader.analysis.statements import quoted_regions

_STRETCHED = ("indirect", "mixed")
_HELD = ("direct", "mixed")  # records of quoted words that a mixed clause holds


def continue_into_quotations(text: str, quotes: list[Quote], spans: list[QuoteSpan]) -> list[Quote]:
    """The records with each statement that opens a quotation stretched to its closing mark.

    ``spans`` are the article's quoted spans (as ``find_quote_spans`` gives them, after
    the repairs ``refine`` made); ``quotes`` are the finished records, sorted by start.
    Returns a new list, sorted the same way; the stretched records are changed in place.
    """
    regions = quoted_regions(text, spans)
    if not regions:
        return quotes
    starts = [a for a, _ in regions]
    keys = [x.start for x in quotes]
    drop: set[int] = set()
    for q in quotes:
        if q.kind not in _STRETCHED or id(q) in drop:
            continue
        i = bisect_right(starts, q.end - 1) - 1  # the last quotation opening before the statement ends
        if i < 0:
            continue
        ra, rb = regions[i]
        if not (q.start <= ra and q.end < rb - 1) or "\n" in text[q.end:rb]:
            continue
        inside = _records_inside(quotes, keys, q, rb)
        if inside is None:
            continue
        for other in inside:
            drop.add(id(other))
            if not q.speaker and other.speaker:
                q.speaker, q.speaker_type = other.speaker, other.speaker_type
        if q.speaker:  # a term in marks inside an attributed clause is the speaker's word (as in merge)
            drop.update(id(o) for o in quotes[bisect_left(keys, q.start):bisect_left(keys, rb)]
                        if o.kind == "scare" and o.end <= rb + 1)
        q.end, q.kind = rb, "mixed"
        q.text = text[q.start:rb]
    if not drop:
        return quotes
    return [q for q in quotes if id(q) not in drop]


def _records_inside(quotes: list[Quote], keys: list[int], q: Quote, end: int) -> list[Quote] | None:
    """The quoted-words records the stretched ``q`` would hold, or None when another
    statement (a cue of its own) starts in the stretch: then the words are not ``q``'s."""
    held = []
    for other in quotes[bisect_left(keys, q.start):bisect_left(keys, end)]:
        if other is q or other.kind == "scare":
            continue
        if other.end > end + 1:
            if other.start >= q.end:
                return None  # a record running out of the quotation: it is not one turn
            continue  # an outer statement holding this one
        if other.cue_start is not None and other.cue_start != q.cue_start:
            return None  # quoted words with a cue of their own: someone's turn, not this one's
        if other.kind in _HELD:
            held.append(other)
        elif other.start >= q.end:
            return None
    return held


__all__ = ["continue_into_quotations"]
