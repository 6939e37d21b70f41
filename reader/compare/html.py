"""Small pieces of safe HTML for the Compare views (Qt-free, like ``reader.render``).

Every piece of article text is escaped; colours come from the window's
palette through ``DiffColours``. A member of a shared-words group is drawn on
the words as its outlet wrote them: shared words in full ink, the parts of
the longest version it left out at the ends faded, words removed inside
struck through, words added highlighted, so how each outlet cut the quote
shows without reading it.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Sequence

from reader.compare.diff import Piece

ELIDE_WORDS = 8  # faded context kept on each side of a trimmed member's part


@dataclass(frozen=True)
class DiffColours:
    text: str = "#1a1a1a"
    muted: str = "#8a8a8a"
    added_bg: str = "#c8f0c8"
    added_fg: str = "#0b4d0b"
    removed_fg: str = "#a12020"
    shared_bg: str = "#fff1b8"


def _elide(text: str, keep: int, at_start: bool) -> str:
    words = text.split()
    if len(words) <= keep:
        return text
    return "… " + " ".join(words[-keep:]) if at_start else " ".join(words[:keep]) + " …"


def pieces_html(pieces: Sequence[Piece], c: DiffColours, elide: bool = True, reference: bool = False) -> str:
    """A member's pieces as inline HTML (see the module docstring)."""
    out = []
    for n, p in enumerate(pieces):
        text = p.text
        if p.op == "cut" and elide:
            text = _elide(text, ELIDE_WORDS, at_start=n == 0)
        t = html.escape(text)
        if p.op == "same":
            out.append(f'<span style="background-color:{c.shared_bg}">{t}</span>' if reference
                       else f'<span style="color:{c.text}; font-weight:600">{t}</span>')
        elif p.op == "cut":
            out.append(f'<span style="color:{c.muted}">{t}</span>')
        elif p.op == "removed":
            out.append(f'<span style="color:{c.removed_fg}; text-decoration:line-through">{t}</span>')
        elif p.op == "added":
            out.append(f'<span style="background-color:{c.added_bg}; color:{c.added_fg}; '
                       f'font-weight:600">{t}</span>')
        else:  # own
            out.append(f'<span style="color:{c.text}">{t}</span>')
    return " ".join(out)


def legend_html(c: DiffColours) -> str:
    return (f'<span style="background-color:{c.shared_bg}">\u00a0words others share\u00a0</span> · '
            f'<span style="font-weight:600">kept</span> · '
            f'<span style="color:{c.muted}">faded: cut by this outlet</span> · '
            f'<span style="color:{c.removed_fg}; text-decoration:line-through">removed</span> · '
            f'<span style="background-color:{c.added_bg}; color:{c.added_fg}; font-weight:600">'
            f'\u00a0added\u00a0</span>')


def column_head_html(col, chip_bg: str, chip_fg: str, muted: str) -> str:
    """A side-by-side column's head: headline, byline and label, length, voices, top entities.

    Entities and speakers are links (``entity:NAME``, ``speaker:KEY``) the view handles itself.
    """
    from urllib.parse import quote as urlquote

    from reader.compare.names import speaker_key

    art = col.article
    e = html.escape
    chip = (f'<span style="background-color:{chip_bg}; color:{chip_fg}; font-weight:600">'
            f'\u00a0{e(col.chip)}\u00a0</span>')
    byline = [f"<b>{e(art.outlet)}</b> {chip}"]
    if col.ownership:
        byline.append(e(col.ownership))
    byline.append(e(art.author) if art.author else "<i>no byline</i>")
    byline.append(e(art.published) if art.published else "<i>no date</i>")
    byline.append(e(art.kind))
    said = (f"{art.words:,} words · {col.quoted + col.indirect} statements"
            + (f" ({col.quoted} quoted, {col.indirect} reported)" if col.indirect else "")
            + f" by {len(col.speakers)} speaker{'s' if len(col.speakers) != 1 else ''}")
    speakers = ", ".join(f'<a href="speaker:{urlquote(speaker_key(n))}">{e(n)}</a>\u00a0×{c}'
                         for n, c in col.speakers[:5])
    entities = ", ".join(f'<a href="entity:{urlquote(n)}">{e(n)}</a>\u00a0({c})' for n, _t, c in col.entities)
    return (f'<div><b style="font-size:large">{e(art.title)}</b><br>'
            + f' <span style="color:{muted}">·</span> '.join(byline)
            + f'<br><span style="color:{muted}">{said}</span>'
            + (f"<br>Quoted: {speakers}" if speakers else "<br><i>Quotes no one.</i>")
            + (f"<br>Mentions: {entities}" if entities else "") + "</div>")


def article_bodies(view, paths, theme) -> dict[str, str]:
    """The rendered body of each article (``reader.render.article_html`` without its header, which
    the column head replaces), read from the index; Qt-free, so it runs on a worker."""
    from reader.render.article_html import article_html
    from reader.search.articles import load_article

    out = {}
    for path in paths:
        stored = load_article(view, path)
        if stored is None:
            continue
        page = article_html(stored, theme)
        head, rule, body = page.partition("<hr>")  # the header always ends with the first rule
        out[path] = "<html><body>" + body if rule else page
    return out
