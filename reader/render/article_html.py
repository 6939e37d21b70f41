"""One pure function from a stored article to the safe HTML the reading view shows.

Qt-free so it can be tested alone. Nothing from the article becomes live HTML:
every piece of source text is escaped, our own tags are inserted at the record's
offsets (quotes, search hits) and boilerplate spans are left out. Markdown
sources go through ``markdown`` with links, images and raw HTML switched off.
"""
from __future__ import annotations

import heapq
import html
import re
from collections import Counter
from bisect import bisect_left, bisect_right
from itertools import islice
from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace
from typing import Iterator, Sequence
from urllib.parse import urlsplit

from reader.analysis.record import Quote
from reader.safe_text import BIDI_CONTROLS, WORD_JOINER, isolate, neutral_bidi
from reader.search.articles import StoredArticle

CLOSING_MARKS = "”’\"'»›"
BIAS_LABELS = {"left": "Left", "center": "Center", "right": "Right",
               "unrated": "Unrated", "unknown": "Unknown"}
KIND_LABELS = {"news": "News", "analysis": "Analysis", "opinion": "Opinion"}
_OPERATORS = {"and", "or", "not", "andnot", "andmaybe", "to"}
_TEXT_FIELDS = {"title", "body", "quote", "speaker", "entity"}
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


@dataclass
class HtmlTheme:
    """Colours (CSS strings) chosen from the palette by ``reader.ui.palette``."""

    text: str = "#1a1a1a"
    muted: str = "#666666"
    hit_bg: str = "#ffe066"
    hit_fg: str = "#000000"
    scare_fg: str = "#6a5acd"
    speaker_bg: list[str] = field(default_factory=lambda: ["#cfe3ff", "#ffd9c2", "#d4f5d0",
                                                           "#ecd5ff", "#ffd0d8", "#c9f1ee"])
    speaker_fg: list[str] = field(default_factory=lambda: ["#1d4f91", "#8a3b0f", "#2b6b22",
                                                           "#5b2a86", "#8c1f33", "#145e58"])
    bias_bg: dict[str, str] = field(default_factory=lambda: {
        "left": "#d6e4ff", "center": "#e8e0f5", "right": "#ffd9d6",
        "unrated": "#e6e6e6", "unknown": "#e6e6e6"})
    bias_fg: dict[str, str] = field(default_factory=lambda: {
        "left": "#1d3f8f", "center": "#4b3a75", "right": "#8f1d1d",
        "unrated": "#444444", "unknown": "#444444"})


def bias_label(bias: str) -> str:
    """Text of the bias chip: the label is always spelled out, never colour alone."""
    return BIAS_LABELS.get((bias or "unknown").lower(), (bias or "unknown").title())


def is_openable_url(url: str) -> bool:
    """Link policy: only absolute http/https URLs with a host (no file:, javascript:,
    data: or relative URLs) may ever be offered as a link, and only opened on a click."""
    text = (url or "").strip()
    if not text or any(ord(c) <= 32 for c in text):
        return False
    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(host)


def query_terms(query: str) -> list[str]:
    """Words of a Whoosh query worth highlighting in the body text."""
    terms: list[str] = []
    for token in re.findall(r"(?:\w+:)?\"[^\"]*\"|(?:\w+:)?[\w*?]+", query or ""):
        fname, sep, value = token.partition(":")
        if not sep:
            fname, value = "", token
        if fname and fname.lower() not in _TEXT_FIELDS:
            continue
        for word in re.findall(r"[\w*?]+", value):
            word = word.lower().rstrip("*?")
            if word and word not in _OPERATORS and word not in terms and "*" not in word:
                terms.append(word.replace("?", ""))
    return [t for t in terms if t]


def _stem(word: str) -> str:
    for suffix in ("ings", "ing", "ies", "es", "ed", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def term_pattern(terms: Sequence[str]) -> str | None:
    """A case-insensitive regex (Python and QRegularExpression) for the hits."""
    stems = sorted({re.escape(_stem(t)) for t in terms if t}, key=len, reverse=True)
    return r"\b(?:" + "|".join(stems) + r")\w*" if stems else None


def is_speech(quote: Quote) -> bool:
    """Reported speech (direct or partial quote, with a speaker), not a scare quote."""
    return quote.kind != "scare"


def speaker_counts(quotes: Sequence[Quote]) -> Counter[str]:
    """Speaker → how many statements, in order of first statement (one pass, in C)."""
    return Counter(q.speaker or "unknown speaker" for q in quotes if q.kind != "scare")


def speaker_colours(quotes: Sequence[Quote]) -> dict[str, int]:
    """Speaker → colour slot, in order of first direct quote."""
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


class _Renderer:
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
        points = {p for span in self.hidden + self.hits for p in span}
        points.update(p for _i, q in self.quotes for p in (q.start, q.end))
        points.update(self.tag_at)
        self.points = sorted(points)
        self.innermost = self._innermost_quotes()
        self._hidden_starts = [a for a, _b in self.hidden]
        self._hit_starts = [a for a, _b in self.hits]
        self._span_open: dict[int, str] = {}  # quote index (or -1: none) and hit → the opening tag
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

    def _quote_style(self, i: int, q: Quote) -> str:
        t = self.theme
        if not is_speech(q):
            return (f"font-style:italic; color:{t.scare_fg}; text-decoration:underline; "
                    "text-underline-style:dotted")
        slot = self.slots.get(q.speaker or "unknown speaker", 0)
        bg = t.speaker_bg[slot % len(t.speaker_bg)]
        if i == self.selected:
            return (f"background-color:{t.speaker_fg[slot % len(t.speaker_fg)]}; "
                    f"color:{t.speaker_bg[slot % len(t.speaker_bg)]}; text-decoration:underline")
        return f"background-color:{bg}; color:{t.text}"

    def _tooltip(self, q: Quote) -> str:
        if not is_speech(q):
            return "Scare quote: the writer's own words, not reported speech"
        who = q.speaker or "unknown speaker"
        cue = f"cue “{q.cue}”" if q.cue else "no cue"
        kind = "partial quote" if q.kind == "partial" else "quote"
        return f"{who} ({kind}) · {cue} · confidence {q.confidence:.0%}"

    def _speaker_tag(self, q: Quote) -> str:
        markup = self._speaker_tags.get(q.speaker)
        if markup is None:
            t = self.theme
            slot = self.slots.get(q.speaker or "unknown speaker", 0)
            name = html.escape(isolate(q.speaker or "unknown speaker"))
            markup = (f'<span class="speaker" style="background-color:{t.speaker_bg[slot % len(t.speaker_bg)]}; '
                      f'color:{t.speaker_fg[slot % len(t.speaker_fg)]}; font-size:small; '
                      f'font-weight:600">\u00a0{name}\u00a0</span>')
            self._speaker_tags[q.speaker] = markup
        return self._tag(markup)

    def _tags_at(self, pos: int) -> str:
        return "".join(self._speaker_tag(self.by_index[i]) for i in self.tag_at.get(pos, ())
                       if is_speech(self.by_index[i]))

    def _opening(self, quote: int, hit: bool) -> str:
        """The span that opens a segment inside ``quote`` (-1: none) and/or a hit (built once per quote)."""
        key = quote * 2 + hit
        markup = self._span_open.get(key)
        if markup is None:
            styles, classes, title = [], [], ""
            if quote >= 0:
                q = self.by_index[quote]
                styles.append(self._quote_style(quote, q))
                classes.append("quote" if is_speech(q) else "scare")
                title = self._tooltip(q)
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
        quote, hit = self._quote_at(s), self._is_hit(s)
        if quote < 0 and not hit:
            return seg
        return self._tag(self._opening(quote, hit)) + seg + self._tag("</span>")

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


def _trim_breaks(inner: str) -> str:
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


def _blocks(text: str) -> list[tuple[int, int]]:
    """Paragraph ranges: text between blank lines."""
    out, start = [], 0
    for m in re.finditer(r"\n[ \t]*\n\s*", text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]


def _markdown_converter():
    """Markdown with every way to make a link, image or raw HTML switched off."""
    import markdown  # only Markdown articles need it (a 30 ms import at start-up)

    md = markdown.Markdown(extensions=[])
    for name in ("link", "image_link", "image_reference", "reference", "short_reference",
                 "short_image_ref", "autolink", "automail", "html", "entity"):
        if name in md.inlinePatterns:
            md.inlinePatterns.deregister(name)
    for name in ("reference",):
        if name in md.parser.blockprocessors:
            md.parser.blockprocessors.deregister(name)
    if "html_block" in md.preprocessors:
        md.preprocessors.deregister("html_block")
    return md


def _header(article: StoredArticle, theme: HtmlTheme, title_html: str | None,
            about: str = "", chip_tip: str = "", chip_text: str = "") -> str:
    bias = (article.bias or "unknown").lower()
    tip = f' title="{html.escape(chip_tip)}"' if chip_tip else ""
    chip = (f'<span{tip} style="background-color:{theme.bias_bg.get(bias, theme.bias_bg["unknown"])}; '
            f'color:{theme.bias_fg.get(bias, theme.bias_fg["unknown"])}; font-weight:600">'
            f"\u00a0{html.escape(chip_text or bias_label(bias))}\u00a0</span>")
    kind = KIND_LABELS.get((article.kind or "news").lower(), (article.kind or "").title())
    kind_html = f"<b>{html.escape(kind)}</b>" if kind.lower() == "opinion" else html.escape(kind)
    parts = [f"<b>{html.escape(article.outlet or 'Unknown outlet')}</b> {chip}",
             html.escape(article.author) if article.author else "<i>No byline</i>",
             html.escape(article.published) if article.published else "<i>No date</i>",
             kind_html]
    if is_openable_url(article.url):  # a link only on an explicit click, in the system browser
        parts.append(f'<a href="{html.escape(article.url.strip(), quote=True)}" '
                     f'title="{html.escape(article.url.strip())}">Open original ↗</a>')
    sep = f' <span style="color:{theme.muted}">·</span> '
    heading = f"<h1>{title_html}</h1>" if title_html is not None else ""
    return (heading + f'<p style="color:{theme.text}">{sep.join(parts)}</p>' + about
            + _speaker_legend(article, theme) + "<hr>")


def _speaker_legend(article: StoredArticle, theme: HtmlTheme) -> str:
    """Who is quoted, in their colours, with how often: the article at a glance."""
    counts = speaker_counts(article.record.quotes)
    if not counts:
        return f'<p style="color:{theme.muted}"><i>No quoted speakers found.</i></p>'
    slots = {name: slot for slot, name in enumerate(counts)}
    chips = []
    for name, n in counts.items():
        slot = slots.get(name, 0)
        chips.append(f'<span style="background-color:{theme.speaker_bg[slot % len(theme.speaker_bg)]}; '
                     f'color:{theme.speaker_fg[slot % len(theme.speaker_fg)]}; font-weight:600">'
                     f"\u00a0{html.escape(isolate(name))}\u00a0×{n}\u00a0</span>")
    return (f'<p style="color:{theme.muted}">Quoted: ' + " ".join(chips)
            + f' <span style="font-style:italic; color:{theme.scare_fg}">\u00a0italic\u00a0</span>'
            + f'<span style="color:{theme.muted}"> = scare quote</span></p>')


@dataclass
class ArticleParts:
    """An article's HTML in pieces: the header, then body blocks to append one by one.

    A window shows a long article progressively: each block is a paragraph, or
    a bounded piece of a very long one, so no single insertion is slow.
    """

    head: str
    blocks: Iterator[str]
    estimated_cost: int  # about how much work the body is (characters plus markup per highlight)

    def html(self) -> str:
        return "<html><body>" + self.head + "\n".join(self.blocks) + "</body></html>"


def article_parts(article: StoredArticle, theme: HtmlTheme | None = None,
                  terms: Sequence[str] = (), selected_quote: int | None = None,
                  about_label: str = "", chip_tip: str = "", chip_text: str = "") -> ArticleParts:
    """``article_html`` in pieces; the body blocks are rendered as they are taken."""
    theme = theme or HtmlTheme()
    is_md = (article.format or "").lower() == "markdown"
    r = _Renderer(article, theme, terms, selected_quote, placeholders=is_md)
    blocks = [(a, b) for a, b in _blocks(r.text) if r.visible(a, b)]
    title = (article.title or article.record.title or "").strip()
    title_html = None if not blocks or article.body[blocks[0][0]:blocks[0][1]].strip().lstrip("# ") != title \
        else ""
    if title_html == "":
        a, b = blocks.pop(0)
        a += len(article.body[a:b]) - len(article.body[a:b].lstrip("# "))
        title_html = r.restore(r.inline(a, b, breaks=False)) if is_md else r.inline(a, b, breaks=False)
    elif title:
        title_html = html.escape(neutral_bidi(title))
    shown = replace(article, outlet=isolate(article.outlet), author=isolate(article.author),
                    published=isolate(article.published))
    head = _header(shown, theme, title_html, about_label, chip_tip, chip_text) + r.notice()
    cost = sum(b - a for a, b in blocks) + HIGHLIGHT_COST * (len(r.quotes) + len(r.hits))
    return ArticleParts(head, _body_blocks(r, blocks, is_md), cost)


def _body_blocks(r: _Renderer, blocks: list[tuple[int, int]], is_md: bool) -> Iterator[str]:
    md = _markdown_converter() if is_md else None
    for a, b in blocks:
        for n, (s, e) in enumerate(r.pieces(a, b)):
            if md is not None:
                md.reset()
                yield r.restore(md.convert(r.inline(s, e, breaks=False)))
            else:
                style = ' style="margin-top:0"' if n else ""  # a long paragraph's next piece
                yield f"<p{style}>{_trim_breaks(r.inline(s, e, breaks=True))}</p>"


def article_html(article: StoredArticle, theme: HtmlTheme | None = None,
                 terms: Sequence[str] = (), selected_quote: int | None = None,
                 about_label: str = "", chip_tip: str = "", chip_text: str = "") -> str:
    """The safe HTML of ``article``: header, then the body with quotes and hits marked.

    ``about_label`` is ready-made (escaped) HTML from ``outlet_info.about_label_html``;
    ``chip_tip`` is plain text for the bias chip's tooltip; ``chip_text`` replaces
    the chip's 3-way label (e.g. "Lean left").
    """
    return article_parts(article, theme, terms, selected_quote, about_label, chip_tip, chip_text).html()
