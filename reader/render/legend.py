"""The "Quoted:" line of the reading view's header: who speaks, in their colours.

Named speakers come first, in the order they first speak; anonymous sources
("one foreign ministry official", "experts", "unknown speaker") are folded into
one "+N unnamed sources" chip, and named speakers beyond ``NAMED_SHOWN`` into
"+N more": both are a link (``SOURCES_LINK``) the window answers by drawing the
line again in full, with a "fewer" link back. A chip never wraps inside a name
(its spaces are non-breaking). Qt-free; every name is escaped.
"""
from __future__ import annotations

import html
from typing import TYPE_CHECKING, Sequence

from reader.render.highlights import speaker_counts
from reader.safe_text import isolate

if TYPE_CHECKING:
    from reader.analysis.record import Quote
    from reader.render.article_html import HtmlTheme

SOURCES_LINK = "parallax:sources"  # the window toggles the full list on this link
NAMED_SHOWN = 12
_DESCRIPTIONS = frozenset(
    "a an the one some two three four several many most his her their its our my your this that these "
    "those other another unnamed anonymous unidentified senior officials sources experts analysts critics "
    "people residents witnesses observers diplomats spokesperson spokesman spokeswoman".split())


def is_named(speaker: str) -> bool:
    """Whether a speaker is a proper name ("Imran Khan", "RFE/RL"), not a description."""
    words = (speaker or "").split()
    return (bool(words) and speaker != "unknown speaker" and words[0][0].isupper()
            and words[0].lower() not in _DESCRIPTIONS)


def _chip(name: str, n: int, slot: int, theme: HtmlTheme) -> str:
    shown = html.escape(isolate(name)).replace(" ", "\u00a0")
    return (f'<span style="background-color:{theme.speaker_bg[slot % len(theme.speaker_bg)]}; '
            f'color:{theme.speaker_fg[slot % len(theme.speaker_fg)]}; font-weight:600">'
            f"\u00a0{shown}\u00a0×{n}\u00a0</span>")


def _link(text: str, theme: HtmlTheme) -> str:
    return (f'<a href="{SOURCES_LINK}" style="color:{theme.text}; text-decoration:none">'
            f'<span style="background-color:{theme.bias_bg["unknown"]}">\u00a0{text}\u00a0</span></a>')


def speaker_legend(quotes: Sequence[Quote], theme: HtmlTheme, everyone: bool = False) -> str:
    """The "Quoted:" paragraph; ``everyone`` lists every speaker (after the link was clicked)."""
    counts = speaker_counts(quotes)
    if not counts:
        return f'<p style="color:{theme.muted}"><i>No quoted or reported speakers found.</i></p>'
    slots = {name: slot for slot, name in enumerate(counts)}  # the colours the body uses
    named = [(name, n) for name, n in counts.items() if is_named(name)]
    unnamed = [(name, n) for name, n in counts.items() if not is_named(name)]
    chips = [_chip(name, n, slots[name], theme) for name, n in (named if everyone else named[:NAMED_SHOWN])]
    if everyone:
        chips += [_chip(name, n, slots[name], theme) for name, n in unnamed]
        if unnamed or len(named) > NAMED_SHOWN:
            chips.append(_link("fewer", theme))
    else:
        hidden_named = len(named) - NAMED_SHOWN
        if hidden_named > 0:
            chips.append(_link(f"+{hidden_named}\u00a0more", theme))
        if unnamed:
            noun = "source" if len(unnamed) == 1 else "sources"
            chips.append(_link(f"+{len(unnamed)}\u00a0unnamed\u00a0{noun}", theme))
    return f'<p style="color:{theme.muted}">Quoted: ' + " ".join(chips) + "<br>" + _kinds_key(quotes, theme) + "</p>"


def _kinds_key(quotes: Sequence[Quote], theme: HtmlTheme) -> str:
    """How many statements are quoted and how many reported, and how each kind is marked."""
    quoted = sum(q.kind in ("direct", "mixed") for q in quotes)
    reported = sum(q.kind == "indirect" for q in quotes)
    muted = f'<span style="color:{theme.muted}">'
    return (f'{muted}{quoted} quoted, {reported} reported: </span>'
            f'<span style="background-color:{theme.speaker_bg[0]}; color:{theme.text}">\u00a0quoted words\u00a0</span> '
            f'<span style="text-decoration:underline; text-decoration-color:{theme.speaker_fg[0]}">reported speech</span>'
            f'{muted} · </span><span style="font-weight:700; color:{theme.speaker_fg[0]}">cue</span>'
            f'{muted} · </span><span style="font-style:italic; color:{theme.scare_fg}">scare quote</span>')
