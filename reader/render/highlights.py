"""The body of an article as HTML: quotes, search hits and hidden spans marked, in
time linear in the text and the number of highlights.

Split from ``article_html`` (which builds the header and puts the two
together). Every boundary (quote, hit, hidden span, speaker tag) is sorted
once, and which quote, hit or hidden span covers a segment is found by
bisection: the first renderer scanned every quote for every segment, and a
100 KB file with 8,653 quotes took 17.9 s. At most ``MAX_MARKED_QUOTES``
quotes are marked (the analysis keeps no more) and a very long paragraph is
cut into pieces of ``PIECE_POINTS`` boundaries and about ``PIECE_CHARS``
characters, so a window can append it a piece at a time. Source text is
escaped, and bidi controls are replaced one for one (``reader.safe_text``),
so the record's offsets stay right. Qt-free.
"""
from __future__ import annotations

import heapq
import html
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from itertools import islice
from typing import TYPE_CHECKING, Iterator, Sequence

from reader.search.occurrences import hit_pattern
from reader.analysis.record import Quote
from reader.render.statement_marks import UNKNOWN_SPEAKER, cue_spans, cue_style, quoted_spans
from reader.render.statement_marks import is_speech  # noqa: F401 - re-exported
from reader.render.statement_marks import statement_style, statement_tooltip
from reader.safe_text import BIDI_CONTROLS, WORD_JOINER, isolate, neutral_bidi

if TYPE_CHECKING:
    from reader.render.article_html import HtmlTheme
    from reader.search.articles import StoredArticle

CLOSING_MARKS = "”’\"'»›"
_PH_OPEN, _PH_CLOSE = "\ue000", "\ue001"  # private-use placeholders for our tags
# replaced one for one in shown text: bidi controls (by a word joiner, see reader.safe_text)
# and our placeholder characters, which the text itself must never supply
_UNSAFE = re.compile(f"[{BIDI_CONTROLS}{_PH_OPEN}{_PH_CLOSE}]")
_REPLACEMENT = {**dict.fromkeys(BIDI_CONTROLS, WORD_JOINER), _PH_OPEN: "\ufffd", _PH_CLOSE: "\ufffd"}


def _shown(text: str) -> str:
    """A slice of the body as it is shown: escaped, bidi controls and placeholders neutralised."""
    return html.escape(_UNSAFE.sub(lambda m: _REPLACEMENT[m.group()], text), quote=False)
MAX_MARKED_QUOTES = 2000  # quotes highlighted in one article; the rest are counted, not marked
MAX_MARKED_HITS = 5000  # search hits highlighted in one article
PIECE_POINTS = 32  # a long paragraph is cut into pieces of at most this many boundaries...
PIECE_CHARS = 2000  # ...and about this many characters (each piece is one quick insertion)
HIGHLIGHT_COST = 300  # what one highlight costs a window to lay out, in characters of plain text


def term_pattern(terms: Sequence[str]) -> str | None:
    """A case-insensitive regex (Python and QRegularExpression) for the hits: one match
    per occurrence of a word or phrase (``reader.search.occurrences``)."""
    return hit_pattern(terms)


def speaker_counts(quotes: Sequence[Quote]) -> Counter[str]:
    """Speaker → how many statements of any kind (quoted or reported), in order of first
    statement (one pass, in C)."""
    return Counter(q.speaker or UNKNOWN_SPEAKER for q in quotes if q.kind != "scare")


def speaker_colours(quotes: Sequence[Quote]) -> dict[str, int]:
    """Speaker → colour slot, in order of first statement."""
    return {name: slot for slot, name in enumerate(speaker_counts(quotes))}


def _find_all(pattern: re.Pattern, text: str, window: int = 65536) -> Iterator[tuple[int, int]]:
    """``pattern``'s matches in ``text``, scanned a window at a time (each ending after a
    space, which no match crosses), so a worker thread lets go of the interpreter between."""
    start = 0
    while start < len(text):
        end = len(text) if len(text) - start <= window else max(
            text.rfind(" ", start, start + window), text.rfind("\n", start, start + window)) + 1
        if end <= start:
            end = min(len(text), start + window)
        for m in pattern.finditer(text, start, end):
            yield m.start(), m.end()
        start = end


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


class BodyRenderer:
    """Builds the inline HTML for ranges of the body; our tags go in as tokens.

    Cost is linear in the text and the number of highlights: every boundary
    (quote, hit, hidden span, speaker tag) is sorted once, and which quote,
    hit or hidden span covers a segment is looked up by bisection, never by
    scanning every quote for every segment (a 100 KB file with 8,653 quotes
    took 17.9 s that way).
    """

    def __init__(self, article: StoredArticle, theme: HtmlTheme, terms: Sequence[str],
                 selected_quote: int | None, placeholders: bool) -> None:
        self.text = article.body  # made safe segment by segment (``_shown``): offsets stay right
        self.theme = theme
        self.selected = selected_quote
        self.placeholders = placeholders
        self.tags: list[str] = []
        n = len(self.text)
        self.hidden = _merge([(max(0, a), min(n, b)) for a, b in article.record.boilerplate if a < b])
        valid = ((i, q) for i, q in enumerate(article.record.quotes) if 0 <= q.start < q.end <= n)
        self.quotes = list(islice(valid, MAX_MARKED_QUOTES))
        self.unmarked_quotes = sum(1 for _ in valid)  # what the cap left out
        self.by_index = dict(self.quotes)
        self.slots = speaker_colours(article.record.quotes)
        pattern = term_pattern(terms)
        found = _find_all(re.compile(pattern, re.I), self.text) if pattern else iter(())
        self.hits = list(islice(found, MAX_MARKED_HITS))
        self.tag_at: dict[int, list[int]] = {}
        self.anchors_at: dict[int, list[int]] = {}
        for i, q in self.quotes:
            pos = q.end + (1 if self.text[q.end:q.end + 1] in CLOSING_MARKS and q.end < n else 0)
            self.tag_at.setdefault(pos, []).append(i)
            self.anchors_at.setdefault(q.start, []).append(i)
        self.cues = cue_spans(self.quotes, self.slots, n)  # bold, in the speaker's colour
        self.quoted = quoted_spans(self.quotes)  # quoted words inside mixed clauses
        points = {p for span in self.hidden + self.hits for p in span}
        points.update(p for _i, q in self.quotes for p in (q.start, q.end))
        points.update(self.cues.points())
        points.update(self.quoted.points())
        points.update(self.tag_at)
        self.points = sorted(points)
        self.innermost = self._innermost_quotes()
        self._hidden_starts = [a for a, _b in self.hidden]
        self._hit_starts = [a for a, _b in self.hits]
        self._span_open: dict[tuple[int, bool, int, bool], str] = {}  # (quote, hit, cue, quoted) → tag
        self._speaker_tags: dict[str | None, str] = {}

    def _innermost_quotes(self) -> list[int]:
        """For each boundary point, the shortest quote covering it up to the next point (-1: none).

        One sweep with a heap of the open quotes (shortest first, then the earliest);
        a quote that has ended is dropped when it reaches the top.
        """
        starts: dict[int, list[int]] = {}
        for i, q in self.quotes:
            starts.setdefault(q.start, []).append(i)
        open_quotes: list[tuple[int, int, int]] = []  # (length, index, end)
        out = []
        for p in self.points:
            for i in starts.get(p, ()):
                q = self.by_index[i]
                heapq.heappush(open_quotes, (q.end - q.start, i, q.end))
            while open_quotes and open_quotes[0][2] <= p:
                heapq.heappop(open_quotes)
            out.append(open_quotes[0][1] if open_quotes else -1)
        return out

    def notice(self) -> str:
        """A line saying that not every quote is highlighted, when the cap left some out."""
        if not self.unmarked_quotes:
            return ""
        total = len(self.quotes) + self.unmarked_quotes
        return (f'<p style="color:{self.theme.muted}"><i>This article has {total:,} quotes; the first '
                f"{len(self.quotes):,} are highlighted.</i></p>")

    def pieces(self, a: int, b: int) -> Iterator[tuple[int, int]]:
        """body[a:b] as ranges of at most ``PIECE_POINTS`` boundaries and about ``PIECE_CHARS``
        characters, cut at a boundary or a space: one paragraph of a normal article is one piece."""
        start = a
        first = bisect_right(self.points, a)
        last = bisect_left(self.points, b)
        k = first
        while b - start > PIECE_CHARS or last - k > PIECE_POINTS:
            limit = min(b, start + PIECE_CHARS)
            if last - k > PIECE_POINTS and self.points[k + PIECE_POINTS] < limit:
                cut = self.points[k + PIECE_POINTS]
            else:
                space = max(self.text.rfind(" ", start + PIECE_CHARS // 2, limit),
                            self.text.rfind("\n", start + PIECE_CHARS // 2, limit))
                cut = space + 1 if space > start else limit
            if cut >= b:
                break
            yield start, cut
            start = cut
            k = bisect_right(self.points, start, lo=k)
        yield start, b

    def _tag(self, markup: str) -> str:
        if not self.placeholders:
            return markup
        self.tags.append(markup)
        return f"{_PH_OPEN}{len(self.tags) - 1}{_PH_CLOSE}"

    def restore(self, rendered: str) -> str:
        return re.sub(f"{_PH_OPEN}(\\d+){_PH_CLOSE}", lambda m: self.tags[int(m.group(1))], rendered)

    def is_hidden(self, pos: int) -> bool:
        k = bisect_right(self._hidden_starts, pos) - 1
        return k >= 0 and pos < self.hidden[k][1]

    def _is_hit(self, pos: int) -> bool:
        k = bisect_right(self._hit_starts, pos) - 1
        return k >= 0 and pos < self.hits[k][1]

    def _quote_at(self, pos: int) -> int:
        """The innermost quote covering ``pos`` (-1: none)."""
        k = bisect_right(self.points, pos) - 1
        return self.innermost[k] if k >= 0 else -1

    def visible(self, a: int, b: int) -> bool:
        """Whether body[a:b] has any visible text once hidden spans are left out."""
        pts = self._points(a, b)
        return any(not self.is_hidden(s) and self.text[s:e].strip() for s, e in zip(pts, pts[1:]))

    def _points(self, a: int, b: int) -> list[int]:
        inner = self.points[bisect_right(self.points, a):bisect_left(self.points, b)]
        return [a, *inner, b]

    def _speaker_tag(self, q: Quote) -> str:
        markup = self._speaker_tags.get(q.speaker)
        if markup is None:
            t = self.theme
            slot = self.slots.get(q.speaker or UNKNOWN_SPEAKER, 0)
            name = html.escape(isolate(q.speaker or UNKNOWN_SPEAKER))
            markup = (f'<span class="speaker" style="background-color:{t.speaker_bg[slot % len(t.speaker_bg)]}; '
                      f'color:{t.speaker_fg[slot % len(t.speaker_fg)]}; font-size:small; '
                      f'font-weight:600">\u00a0{name}\u00a0</span>')
            self._speaker_tags[q.speaker] = markup
        return self._tag(markup)

    def _tags_at(self, pos: int) -> str:
        """The speaker tags of the quotes ending here: one per speaker, and quotes nested in
        each other that end together share one tag (the outer speaker's colour), never stacked."""
        ending = [self.by_index[i] for i in self.tag_at.get(pos, ()) if is_speech(self.by_index[i])]
        if len(ending) <= 1:
            return "".join(self._speaker_tag(q) for q in ending)
        ending.sort(key=lambda q: q.start)  # outermost first
        names = list(dict.fromkeys(q.speaker or "unknown speaker" for q in ending))
        if len(names) == 1:
            return self._speaker_tag(ending[0])
        return self._joint_tag(ending[0], names)

    def _joint_tag(self, outer: Quote, names: list[str]) -> str:
        t = self.theme
        slot = self.slots.get(outer.speaker or "unknown speaker", 0)
        shown = " · ".join(html.escape(isolate(n)) for n in names)
        return self._tag(f'<span class="speaker" style="background-color:{t.speaker_bg[slot % len(t.speaker_bg)]}; '
                         f'color:{t.speaker_fg[slot % len(t.speaker_fg)]}; font-size:small; '
                         f'font-weight:600">\u00a0{shown}\u00a0</span>')

    def visible_text(self, a: int, b: int) -> str:
        """body[a:b] without its hidden spans (to compare a first line with the title)."""
        pts = self._points(a, b)
        return "".join(self.text[s:e] for s, e in zip(pts, pts[1:]) if not self.is_hidden(s))

    def _opening(self, quote: int, hit: bool, cue: int, quoted: bool) -> str:
        """The span that opens a segment inside ``quote`` (-1: none), a hit, a cue (its colour
        slot, -1: none) and/or a mixed clause's quoted words (built once per combination)."""
        key = (quote, hit, cue, quoted)
        markup = self._span_open.get(key)
        if markup is None:
            styles, classes, title = [], [], ""
            if quote >= 0:
                q = self.by_index[quote]
                slot = self.slots.get(q.speaker or UNKNOWN_SPEAKER, 0)
                styles.append(statement_style(q, self.theme, slot, quote == self.selected, quoted))
                classes.append(("quote" if q.kind == "direct" or quoted else "reported")
                               if is_speech(q) else "scare")
                title = statement_tooltip(q)
            if cue >= 0:
                styles.append(cue_style(self.theme, cue))
                classes.append("cue")
            if hit:
                styles.append(f"background-color:{self.theme.hit_bg}; color:{self.theme.hit_fg}; "
                              "font-weight:600")
                classes.append("hit")
            attr_title = f' title="{html.escape(neutral_bidi(title))}"' if title else ""
            markup = f'<span class="{" ".join(classes)}" style="{"; ".join(styles)}"{attr_title}>'
            self._span_open[key] = markup
        return markup

    def _segment(self, s: int, e: int, breaks: bool) -> str:
        seg = _shown(self.text[s:e])
        if breaks:
            seg = seg.replace("\n", "<br>")
        quote, hit, cue = self._quote_at(s), self._is_hit(s), self.cues.at(s)
        if quote < 0 and not hit and cue < 0:
            return seg
        quoted = quote >= 0 and self.quoted.at(s) == quote
        return self._tag(self._opening(quote, hit, cue, quoted)) + seg + self._tag("</span>")

    def inline(self, a: int, b: int, breaks: bool) -> str:
        """HTML for body[a:b]: escaped text, quote spans, hit spans, speaker tags."""
        out: list[str] = []
        pts = self._points(a, b)
        for s, e in zip(pts, pts[1:]):
            if s != a:
                out.append(self._tags_at(s))
            if self.is_hidden(s):
                continue
            out.extend(self._tag(f'<a name="q{i}"></a>') for i in self.anchors_at.get(s, ()))
            out.append(self._segment(s, e, breaks))
        out.append(self._tags_at(b))
        return "".join(out)


_BREAK_RUN = re.compile(r"<br>(?:\s*<br>)+")


def trim_breaks(inner: str) -> str:
    """A paragraph's HTML without line breaks at either end, and runs of them as one."""
    while True:
        stripped = inner.strip()
        if stripped.startswith("<br>"):
            inner = stripped[4:]
        elif stripped.endswith("<br>"):
            inner = stripped[:-4]
        else:
            break
    return _BREAK_RUN.sub("<br>", inner)


_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")
_LINE_BREAK = re.compile(r"[ \t]*\n\s*")


_SENTENCE_END = tuple(".!?:;\"'”’»)…")


def _one_per_line(block: str) -> bool:
    """Whether a block is paragraphs written one per line, not prose wrapped by hand: every
    line but the last ends a sentence and the lines are long."""
    lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
    if len(lines) < 2:
        return False
    return (all(ln.endswith(_SENTENCE_END) for ln in lines[:-1])
            and sum(len(ln) for ln in lines) / len(lines) > 90)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph ranges: text between blank lines; in a text with no blank line at all, or
    a block written one paragraph per line (``_one_per_line``), each line."""
    out, start = [], 0
    breaks = _BLANK_LINE if _BLANK_LINE.search(text) else _LINE_BREAK
    for m in breaks.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    split = []
    for a, b in out:
        if breaks is _BLANK_LINE and _one_per_line(text[a:b]):
            pos = a
            for m in _LINE_BREAK.finditer(text, a, b):
                split.append((pos, m.start()))
                pos = m.end()
            split.append((pos, b))
        else:
            split.append((a, b))
    return [(a, b) for a, b in split if text[a:b].strip()]
