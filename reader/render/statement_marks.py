"""How each kind of statement looks in the reading view (Qt-free).

Quoted words and reported speech must not look alike, yet the speaker must be
the same at a glance:

- ``direct``: the quoted words on the speaker's background colour;
- ``indirect``: the reported clause underlined in the speaker's colour, no background
  (the words are the writer's, not the speaker's);
- ``mixed``: the clause underlined like reported speech, and the quoted words inside
  it on the speaker's background, as a direct quote's;
- the cue ("said", "according to") of every statement in bold, in the speaker's colour;
- ``scare``: italic, dotted underline, no speaker.

Every statement but a scare quote ends with the same speaker tag. ``CueMarks`` and
``QuotedParts`` answer "is this position in a cue / in quoted words" by bisection, so
the renderer stays linear in the text and the number of statements.
"""
from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING, Iterable, Sequence

from reader.analysis.quote_spans import find_quote_spans
from reader.analysis.record import Quote

if TYPE_CHECKING:
    from reader.render.article_html import HtmlTheme

UNKNOWN_SPEAKER = "unknown speaker"
KIND_NAMES = {"direct": "quote", "mixed": "mixed statement", "indirect": "reported statement"}


def is_speech(quote: Quote) -> bool:
    """Reported speech (a direct quote, a mixed or an indirect statement), not a scare quote."""
    return quote.kind != "scare"


def quoted_parts(quote: Quote) -> list[tuple[int, int]]:
    """The quoted words inside a mixed clause, as offsets into the article's text; a mixed
    record with no quotation inside it is the quoted words alone (its clause could not be
    delimited, see ``reader.analysis.record``)."""
    if quote.kind != "mixed":
        return []
    parts = [(quote.start + s.start, quote.start + s.end) for s in find_quote_spans(quote.text)
             if s.nested_in is None and s.end > s.start]
    return parts or [(quote.start, quote.end)]


class Spans:
    """Disjoint spans, each with a value, looked up by position (the first span given wins
    where two overlap)."""

    def __init__(self, spans: Iterable[tuple[int, int, int]]) -> None:
        kept: list[tuple[int, int, int]] = []
        for a, b, value in sorted(spans, key=lambda s: (s[0], -s[1])):
            if a < b and (not kept or a >= kept[-1][1]):
                kept.append((a, b, value))
        self.spans = kept
        self._starts = [a for a, _b, _v in kept]

    def at(self, pos: int) -> int:
        """The value of the span holding ``pos``, -1 when none does."""
        k = bisect_right(self._starts, pos) - 1
        return self.spans[k][2] if k >= 0 and pos < self.spans[k][1] else -1

    def points(self) -> Iterable[int]:
        for a, b, _v in self.spans:
            yield a
            yield b


def cue_spans(quotes: Sequence[tuple[int, Quote]], slots: dict[str, int], n: int) -> Spans:
    """Each statement's cue, with its speaker's colour slot."""
    return Spans((q.cue_start, q.cue_end, slots.get(q.speaker or UNKNOWN_SPEAKER, 0))
                 for _i, q in quotes
                 if is_speech(q) and q.cue_start is not None and q.cue_end is not None
                 and 0 <= q.cue_start < q.cue_end <= n)


def quoted_spans(quotes: Sequence[tuple[int, Quote]]) -> Spans:
    """The quoted words of every mixed statement, with the statement's index."""
    return Spans((a, b, i) for i, q in quotes for a, b in quoted_parts(q))


def statement_style(q: Quote, theme: HtmlTheme, slot: int, selected: bool, quoted: bool) -> str:
    """CSS for a segment inside statement ``q``; ``quoted``: the segment is quoted words
    inside a mixed clause."""
    t = theme
    if not is_speech(q):
        return (f"font-style:italic; color:{t.scare_fg}; text-decoration:underline; "
                "text-underline-style:dotted")
    bg = t.speaker_bg[slot % len(t.speaker_bg)]
    fg = t.speaker_fg[slot % len(t.speaker_fg)]
    if q.kind == "direct":
        if selected:
            return f"background-color:{fg}; color:{bg}; text-decoration:underline"
        return f"background-color:{bg}; color:{t.text}"
    underline = f"text-decoration:underline; text-decoration-color:{fg}; text-underline-style:solid"
    if quoted:  # the speaker's own words inside a reported clause
        return (f"background-color:{fg}; color:{bg}; {underline}" if selected
                else f"background-color:{bg}; color:{t.text}; {underline}")
    if selected:
        return f"background-color:{bg}; color:{t.text}; {underline}"
    return f"color:{t.text}; {underline}"


def cue_style(theme: HtmlTheme, slot: int) -> str:
    """CSS for a cue word: bold, in the speaker's colour."""
    return f"font-weight:700; color:{theme.speaker_fg[slot % len(theme.speaker_fg)]}"


def statement_tooltip(q: Quote) -> str:
    """Who said it, which kind of statement, the cue and the confidence."""
    if not is_speech(q):
        return "Scare quote: the writer's own words, not reported speech"
    cue = f"cue “{q.cue}”" if q.cue else "no cue"
    return f"{q.speaker or UNKNOWN_SPEAKER} ({KIND_NAMES.get(q.kind, 'quote')}) · {cue} · confidence {q.confidence:.0%}"
