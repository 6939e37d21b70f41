"""Which quoted words are direct quotes, where the parse misleads the speaker rules.

A content entirely in quotation marks is a direct quote (PARC, PolNeAR). Three forms
are repaired here, with the quote spans and the parse's cue words only.

**Quotations their cue interrupts**: “A,” she said, “B.” The commonest form of a
direct quote in news puts the cue inside the quotation. Its two parts are two
direct records with the same speaker and cue (the record contract, ``record.py``),
however the parse joins them:

- the speaker rules may read the parts as quoted words inside the writer's own
  sentence (“My hope,” he said, “is that ...” is one sentence to the parser) and
  call them fragments;
- the reported-speech parse may return the whole quotation as one clause of the
  cue, with a segment on each side of it, which would make it a mixed statement.

**A quotation that is its cue's whole complement**: protesters chanted “What
curfew?”; the mayor described it as “an intentional act.”; Trump declared “I think
NATO may be obsolete.” The quoted words follow the cue word and end the sentence
with their own end mark, so they are not words inside the writer's own clause (a
partial quote, “a disaster” in “he called the plan ‘a disaster’ for the city”).

A third form is not a quote at all: a **subheading in quotation marks** ('All Bets Are
Off.' on a line of its own, a phrase of the article set in title case). With no cue,
the speaker rules would give it the previous paragraph's speaker, as if it went on
with their turn; it is a title (a scare quote) instead.
"""
from __future__ import annotations

from bisect import bisect_left
from typing import Any, Callable

from reader.analysis.cues import is_speech_verb
from reader.analysis.doc_arrays import token_starts
from reader.analysis.quote_spans import QuoteSpan
from reader.analysis.speaker_syntax import Attribution, _outer

_TRIM = "\"'“”‘’«»„‟‹›` \t\r\n\u00a0.,;:!?…—–-"
_SENTENCE_END = ".!?…"
MAX_CUE_WORDS = 10  # “A,” said the president's chief of staff, John Kelly, “B.”


def _ends_with_comma(text: str, q: QuoteSpan) -> bool:
    """The first part of a split quote ends on a comma, inside or just outside its mark."""
    if q.close_mark < 0:
        return False
    inside = text[q.start:q.end].rstrip()
    after = text[q.close_mark + 1:q.close_mark + 3].lstrip(" ")
    return inside.endswith((",", "—", "–", "--")) or after.startswith(",")


def _opens_sentence(text: str, q: QuoteSpan) -> bool:
    """The quotation's opening mark starts its line or follows a sentence's end."""
    line = text[text.rfind("\n", 0, q.open_mark) + 1:q.open_mark].rstrip(" \t\u00a0")
    return not line or line.endswith(tuple(_SENTENCE_END)) or line.endswith(tuple("\"”’'"))


def promote_split_fragments(text: str, doc: Any, spans: list[QuoteSpan], atts: list[Attribution]) -> None:
    """Two quoted parts on either side of their shared cue (“A,” he said, “B”) are direct quotes.

    Only pairs the speaker rules gave one cue word and a speaker are changed, and only when the
    first part opens its sentence and the words between the parts are that cue's short clause,
    on the same line."""
    top = [i for i, q in enumerate(spans) if q.nested_in is None]
    for i, j in zip(top, top[1:]):
        a, b = atts[i], atts[j]
        if "fragment" not in (a.kind, b.kind) or a.kind not in ("direct", "fragment") or b.kind not in ("direct", "fragment"):
            continue
        if a.cue_token is None or a.cue_token != b.cue_token or not a.speaker or a.speaker != b.speaker:
            continue
        first, second = spans[i], spans[j]
        gap_a, gap_b = _outer(first, text)[1], _outer(second, text)[0]
        if second.open_mark < 0 or gap_a > gap_b or "\n" in text[gap_a:gap_b] or not _ends_with_comma(text, first):
            continue
        if not _opens_sentence(text, first):  # “… that Romney “had a crazy policy,” adding, “He …”
            continue
        gap = text[gap_a:gap_b].strip()
        cue = doc[a.cue_token]
        if not gap.endswith((",", ":", "—", "–")) or not gap_a <= cue.idx < gap_b or len(gap.split()) > MAX_CUE_WORDS:
            continue
        for att in (a, b):
            att.kind, att.integrated = "direct", False


def whole_quote_segments(text: str, segments: list[tuple[int, int]], cue: int, held: list[int],
                         spans: list[QuoteSpan], atts: list[Attribution]) -> dict[int, int]:
    """{segment index: quote index} for each segment of a clause that lies within one held direct
    quotation (marks and end punctuation aside) which the speaker rules gave the clause's own cue
    word ``cue``: the clause is then that quotation, not a statement holding quoted words.

    ``merge`` then drops the clause: its other segments are the parse's reach past the
    quotation (``On ABC's show Tuesday, he said, “I never said ...”``), and quoted words in
    them keep their own records. That loses the rarer content the cue interrupts before its
    quoted part (``There was, she said, “an implicit bargain.”``, which becomes a direct
    quote): on PolNeAR train, keeping such clauses mixed cost more quotes than it saved."""
    out: dict[int, int] = {}
    for k, (sa, sb) in enumerate(segments):
        if not text[sa:sb].strip(_TRIM):
            continue
        for i in held:
            qa, qb = _outer(spans[i], text)
            if qa - 1 <= sa and sb <= qb + 1:
                if atts[i].kind == "direct" and atts[i].cue_token == cue:
                    out[k] = i
                break
    return out


def _ends_sentence(text: str, q: QuoteSpan) -> bool:
    """The quoted words end on their own end mark and nothing of the sentence follows the quote,
    or they are a question or an exclamation of their own (chanted “What curfew?” and marched on)."""
    words = text[q.start:q.end].rstrip(" \"'”’")
    if q.close_mark < 0 or not words.endswith(tuple(_SENTENCE_END)):
        return False
    if words.endswith(("?", "!")):
        return True
    after = q.close_mark + (2 if text[q.close_mark:q.close_mark + 2] == "''" else 1)
    line_end = text.find("\n", after)
    rest = text[after:len(text) if line_end == -1 else line_end].lstrip(" \t\u00a0")
    return not rest or rest[0].isupper() or rest[0] in "“\"‘(["


def _word_before(doc: Any, starts: list[int], pos: int) -> Any | None:
    """The token just before character ``pos``, past a colon and an "as" (described as “...”)."""
    j = bisect_left(starts, pos) - 1
    if j >= 0 and doc[j].text == ":":
        j -= 1
    if j >= 0 and doc[j].lower_ == "as":
        j -= 1
    return doc[j] if j >= 0 else None


def promote_complement_fragments(text: str, doc: Any, spans: list[QuoteSpan], atts: list[Attribution],
                                 is_heading: Callable[[int], bool]) -> None:
    """A fragment that is its cue's whole complement (chanted “What curfew?”) is a direct quote;
    not after a copula (“would be ‘the healthiest individual’”), which describes, not reports.

    Headlines and captions are left alone: their quoted words are titles and terms as often."""
    starts: list[int] | None = None
    for q, att in zip(spans, atts):
        if att.kind != "fragment" or not att.speaker or att.cue_token is None or q.nested_in is not None:
            continue
        if q.open_mark < 0 or not _ends_sentence(text, q) or is_heading(q.start):
            continue
        starts = starts if starts is not None else token_starts(doc)
        cue = _word_before(doc, starts, q.open_mark)
        if cue is not None and cue.i == att.cue_token and (cue.pos_ == "VERB" or is_speech_verb(cue.text)):
            att.kind, att.integrated = "direct", False


_MINOR_WORDS = frozenset("a an the and or but nor of in on at to for by with from as is it its vs".split())
MIN_TITLE_WORDS = 3
MAX_TITLE_WORDS = 12


def _title_case(words: str) -> bool:
    """'Legend in the Coal Fields', 'Coal Isn't the Villain': every word but the small ones capitalised."""
    tokens = [w.strip(".,;:!?…—–-()\"'“”‘’") for w in words.split()]
    tokens = [w for w in tokens if w]
    if not MIN_TITLE_WORDS <= len(tokens) <= MAX_TITLE_WORDS:
        return False
    return all(w[0].isupper() or w[0].isdigit() or (k > 0 and w.lower() in _MINOR_WORDS) for k, w in enumerate(tokens))


def demote_title_lines(text: str, spans: list[QuoteSpan], atts: list[Attribution]) -> None:
    """A line that is one quotation in title case, without a cue, is a subheading, nobody's quote."""
    for q, att in zip(spans, atts):
        if att.kind != "direct" or att.cue_token is not None or q.nested_in is not None or q.open_mark < 0:
            continue
        a, b = _outer(q, text)
        line_a = text.rfind("\n", 0, a) + 1
        line_b = text.find("\n", b)
        line_b = len(text) if line_b == -1 else line_b
        if text[line_a:a].strip() or text[b:line_b].strip() or not _title_case(text[q.start:q.end]):
            continue
        att.kind, att.speaker, att.speaker_type, att.cue, att.how, att.named = "scare", None, None, None, "none", False
