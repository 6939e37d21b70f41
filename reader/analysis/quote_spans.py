"""Finding the spans in quotation marks: pure string scanning, no spaCy.

News text mixes curly and straight marks, uses ’ both as apostrophe and as a
closing single mark, leaves quotes open at a paragraph end when the next
paragraph continues them, and sometimes types the wrong glyph (“ … “). The
scanner decides each mark's role from its glyph and what flanks it, then pairs
marks with a stack per paragraph (a line). Offsets are into the original text
and exclude the marks and the whitespace just inside them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_MARKS = "“”\"„«»‟"
SINGLE_MARKS = "‘’'‹›‚"
ALL_MARKS = DOUBLE_MARKS + SINGLE_MARKS
_MARK_RE = re.compile(f"''|``|[{re.escape(ALL_MARKS)}]")  # '' and `` are double marks in some feeds
_OPEN_BEFORE = "([{—–-/" + ALL_MARKS  # characters after which a mark may open
_CLOSE_AFTER = ".,;:!?)]}…—–-/" + ALL_MARKS  # characters before which a mark may close
_SENT_END_RE = re.compile(r"[.!?…][\"”’']?\s+")


@dataclass
class QuoteSpan:
    """One quoted span; ``start``/``end`` exclude marks and inner whitespace."""

    start: int
    end: int
    open_mark: int  # offset of the opening mark, or -1 when it is missing
    close_mark: int  # offset of the closing mark, or -1 when the quote is left open
    family: str  # "double" or "single"
    nested_in: int | None = None  # start of the enclosing quote
    unclosed: bool = False  # ran to the paragraph end or the outer quote's end
    opening_missing: bool = False  # a closing mark with no opening mark
    continues: bool = False  # left open at a paragraph end, next paragraph reopens
    continuation_of: int | None = None  # start of the paragraph-spanning quote's previous part


def _is_space(ch: str) -> bool:
    return ch == "" or ch.isspace()


def _role(text: str, pos: int, line_start: int, line_end: int, size: int = 1) -> tuple[str, str]:
    """(family, role) for the mark at pos; role is open/close/either/maybe_close/apostrophe."""
    ch = text[pos]
    prev = text[pos - 1] if pos > line_start else ""
    nxt = text[pos + size] if pos + size < line_end else ""
    if size == 2:
        ch = "“" if ch == "`" else '"'
    opens = not _is_space(nxt) and nxt not in ".,;:!?)]}" and (_is_space(prev) or prev in _OPEN_BEFORE)
    closes = not _is_space(prev) and (_is_space(nxt) or nxt in _CLOSE_AFTER)
    if ch in DOUBLE_MARKS:
        if ch in "“„«‟":
            return "double", "open" if opens else ("close" if closes else "either")
        if ch in "”»":
            return "double", "close" if closes else "either"
        return "double", "open" if opens else ("close" if closes else "either")
    # single marks
    if prev.isalnum() and nxt.isalnum():
        return "single", "apostrophe"  # Khan’s, don't
    if ch in "‘‹‚":
        return "single", "open" if opens else ("maybe_close" if closes else "apostrophe")
    if ch in "’›":
        if closes:
            return "single", "maybe_close"  # closes a single quote, else a plural possessive
        return "single", "apostrophe"  # ’90s, ’em
    if opens and not prev.isalnum():
        return "single", "open_or_apostrophe"
    if closes:
        return "single", "maybe_close"
    return "single", "apostrophe"


def _inner(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _sentence_start(text: str, line_start: int, pos: int) -> int:
    """Start of the sentence holding pos (for a closing mark without an opening)."""
    start = max(line_start, pos - 2000)
    for m in _SENT_END_RE.finditer(text, start, pos):
        start = m.end()
    return start


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in re.finditer(r"\n", text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return spans


def _first_mark_opens(text: str, a: int, b: int, family: str) -> bool:
    a, b = _inner(text, a, b)
    size = 2 if text[a:a + 2] in ("''", "``") else 1
    if a >= b or (size == 1 and text[a] not in (DOUBLE_MARKS if family == "double" else SINGLE_MARKS)):
        return False
    fam, role = _role(text, a, a, b, size)
    return role in ("open", "either", "open_or_apostrophe")


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """All quoted spans in text, in order of their start (outer before nested)."""
    out: list[QuoteSpan] = []
    lines = _line_spans(text)
    for li, (ls, le) in enumerate(lines):
        if ls == le or text[ls:le].isspace():
            continue
        stack: list[tuple[int, str]] = []  # (mark offset, family)
        size_at: dict[int, int] = {}
        pending: list[QuoteSpan] = []  # nested quotes waiting for their outer quote's start
        for m in _MARK_RE.finditer(text, ls, le):
            pos = m.start()
            size_at[pos] = len(m.group())
            family, role = _role(text, pos, ls, le, size_at[pos])
            if role == "apostrophe":
                continue
            if family == "double":
                has_open = any(f == "double" for _, f in stack)
                if role == "either":
                    role = "close" if has_open else "open"
                if role == "open":
                    if has_open:  # a new quote opens before the old one closed: drop the old one
                        while stack:
                            stack.pop()
                    stack.append((pos, "double"))
                    continue
                if not has_open:  # closing mark without an opening mark
                    s = _sentence_start(text, ls, pos)
                    a, b = _inner(text, s, pos)
                    if a < b and not stack:
                        out.append(QuoteSpan(a, b, -1, pos, "double", opening_missing=True))
                    continue
                while stack:
                    opos, fam = stack.pop()
                    a, b = _inner(text, opos + size_at.get(opos, 1), pos)
                    if fam == "double":
                        if a < b:
                            out.append(QuoteSpan(a, b, opos, pos, "double"))
                            for qq in pending:
                                qq.nested_in = a
                        pending.clear()
                        break
                    if a < b:  # a single quote still open inside the double: runs to its end
                        pending.append(QuoteSpan(a, b, opos, -1, "single", unclosed=True))
                        out.append(pending[-1])
            else:
                single_open = bool(stack) and stack[-1][1] == "single"
                if role in ("maybe_close",):
                    if not single_open:
                        continue
                    role = "close"
                elif role == "open_or_apostrophe":
                    role = "close" if single_open and not text[pos + 1:pos + 2].isalnum() else "open"
                if role == "open":
                    stack.append((pos, "single"))
                    continue
                if not single_open:
                    continue
                opos, _ = stack.pop()
                a, b = _inner(text, opos + 1, pos)
                if a < b:
                    outer = next((p for p, f in reversed(stack) if f == "double"), None)
                    out.append(QuoteSpan(a, b, opos, pos, "single"))
                    if outer is not None:
                        pending.append(out[-1])
        # paragraph end: an open double quote either continues or runs to the line end
        opened = [(p, f) for p, f in stack if f == "double"]
        if opened:
            opos = opened[0][0]
            a, b = _inner(text, opos + size_at.get(opos, 1), le)
            nxt = next(((s, e) for s, e in lines[li + 1:] if text[s:e].strip()), None)
            cont = nxt is not None and _first_mark_opens(text, nxt[0], nxt[1], "double")
            if a < b:
                out.append(QuoteSpan(a, b, opos, -1, "double", unclosed=not cont, continues=cont))
                for qq in pending:
                    qq.nested_in = a
        pending.clear()
        # singles still open at a paragraph end were apostrophes or stray marks
    _link_continuations(text, out, lines)
    out.sort(key=lambda q: (q.start, -q.end))
    return out


def _link_continuations(text: str, spans: list[QuoteSpan], lines: list[tuple[int, int]]) -> None:
    """Mark the quote that opens a paragraph after a quote left open as its continuation."""
    by_open = {q.open_mark: q for q in spans if q.family == "double" and q.open_mark >= 0}
    for q in spans:
        if not q.continues:
            continue
        nl = text.find("\n", q.end)
        while nl != -1:
            nxt_start = nl + 1
            if nxt_start >= len(text):
                break
            line_end = text.find("\n", nxt_start)
            line_end = len(text) if line_end == -1 else line_end
            seg = text[nxt_start:line_end]
            if seg.strip():
                a = nxt_start + (len(seg) - len(seg.lstrip()))
                nq = by_open.get(a)
                if nq is not None:
                    nq.continuation_of = q.start
                break
            nl = text.find("\n", line_end)
