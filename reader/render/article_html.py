"""One pure function from a stored article to the safe HTML the reading view shows.

Qt-free so it can be tested alone. Nothing from the article becomes live HTML:
every piece of source text is escaped, our own tags are inserted at the record's
offsets (quotes, search hits) and boilerplate spans are left out. Markdown
sources go through ``markdown`` with links, images and raw HTML switched off.
The header is built here; the body, with its highlights, by
``reader.render.highlights``. ``article_parts`` gives both in pieces, for a
window that appends a long article progressively.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace
from typing import Iterator, Sequence
from urllib.parse import urlsplit

from reader.search.occurrences import hit_terms
from reader.render.highlights import HIGHLIGHT_COST
from reader.render.highlights import BodyRenderer
from reader.render.highlights import paragraphs
from reader.render.highlights import term_pattern  # noqa: F401 - re-exported: the find bar uses it
from reader.render.highlights import trim_breaks
from reader.render.legend import speaker_legend
from reader.safe_text import isolate, neutral_bidi
from reader.outlet_info import bias_label  # noqa: F401 - re-exported: the chip's words
from reader.search.articles import StoredArticle

KIND_LABELS = {"news": "News", "analysis": "Analysis", "opinion": "Opinion"}
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
        "left": "#c4d6ff", "lean-left": "#dde8ff", "center": "#e8e0f5", "lean-right": "#ffe3e0",
        "right": "#ffcdc8", "mixed": "#ece6cf", "unrated": "#e6e6e6", "unknown": "#e6e6e6"})
    bias_fg: dict[str, str] = field(default_factory=lambda: {
        "left": "#1d3f8f", "lean-left": "#2a4c95", "center": "#4b3a75", "lean-right": "#8a2a2a",
        "right": "#8f1d1d", "mixed": "#5a4a14", "unrated": "#444444", "unknown": "#444444"})


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
    """Words and phrases of a Whoosh query worth highlighting in the body text."""
    return hit_terms(query)


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


# where a metadata field came from (ArticleRecord.meta_sources), said in the header's tooltips
SOURCE_PHRASES = {"front-matter": "from the file's front matter", "html-meta": "from the web page's metadata",
                  "url": "from the article's web address", "catalog": "from the folder's catalog.toml",
                  "text-pattern": "from a byline, dateline or masthead line in the text", "user": "set by you"}
FIELD_NAMES = {"outlet": "Outlet", "author": "Author", "published": "Date", "title": "Title", "kind": "Kind"}
MISSING = {"outlet": "No outlet is named in the file (Parallax does not guess one from the text); "
                     "Set Outlet… names it.",
           "author": "No byline found in the file.", "published": "No publication date is stated in the file."}


def provenance(article: StoredArticle, name: str) -> str:
    """"Outlet from the file's front matter": where a field of the header came from (plain text)."""
    source = article.record.meta_sources.get(name)
    if name == "title" and source == "text-pattern":
        return "Title from the article's first line"
    if source in SOURCE_PHRASES:
        return f"{FIELD_NAMES.get(name, name.title())} {SOURCE_PHRASES[source]}"
    return MISSING.get(name, "")


def _with_tip(markup: str, tip: str) -> str:
    return f'<span title="{html.escape(tip)}">{markup}</span>' if tip else markup


def _header(article: StoredArticle, theme: HtmlTheme, title_html: str | None,
            about: str = "", chip_tip: str = "", chip_text: str = "", everyone: bool = False) -> str:
    bias = (article.bias or "unknown").lower()
    tip = f' title="{html.escape(chip_tip)}"' if chip_tip else ""
    chip = (f'<span{tip} style="background-color:{theme.bias_bg.get(bias, theme.bias_bg["unknown"])}; '
            f'color:{theme.bias_fg.get(bias, theme.bias_fg["unknown"])}; font-weight:600">'
            f"\u00a0{html.escape(chip_text or bias_label(bias))}\u00a0</span>")
    kind = KIND_LABELS.get((article.kind or "news").lower(), (article.kind or "").title())
    kind_html = f"<b>{html.escape(kind)}</b>" if kind.lower() == "opinion" else html.escape(kind)
    outlet = (f"<b>{html.escape(article.outlet)}</b>" if article.outlet
              else f'<i style="color:{theme.muted}">Outlet unknown</i>')
    parts = [_with_tip(outlet, provenance(article, "outlet")) + f" {chip}",
             _with_tip(html.escape(article.author) if article.author else "<i>No byline</i>",
                       provenance(article, "author")),
             _with_tip(html.escape(article.published) if article.published else "<i>No date</i>",
                       provenance(article, "published")),
             _with_tip(kind_html, provenance(article, "kind"))]
    if is_openable_url(article.url):  # a link only on an explicit click, in the system browser
        parts.append(f'<a href="{html.escape(article.url.strip(), quote=True)}" '
                     f'title="{html.escape(article.url.strip())}">Open original ↗</a>')
    sep = f' <span style="color:{theme.muted}">·</span> '
    heading = (f"<h1>{_with_tip(title_html, provenance(article, 'title'))}</h1>"
               if title_html is not None else "")
    return (heading + f'<p style="color:{theme.text}">{sep.join(parts)}</p>' + about
            + speaker_legend(article.record.quotes, theme, everyone) + "<hr>")


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
                  about_label: str = "", chip_tip: str = "", chip_text: str = "",
                  all_speakers: bool = False) -> ArticleParts:
    """``article_html`` in pieces; the body blocks are rendered as they are taken.
    ``all_speakers`` lists every speaker on the "Quoted:" line (``reader.render.legend``)."""
    theme = theme or HtmlTheme()
    is_md = (article.format or "").lower() == "markdown"
    r = BodyRenderer(article, theme, terms, selected_quote, placeholders=is_md)
    blocks = [(a, b) for a, b in paragraphs(r.text) if r.visible(a, b)]
    title = (article.title or article.record.title or "").strip()
    title_html = None if not blocks or article.body[blocks[0][0]:blocks[0][1]].strip().lstrip("# ") != title \
        else ""
    if title_html == "":
        a, b = blocks.pop(0)
        a += len(article.body[a:b]) - len(article.body[a:b].lstrip("# "))
        title_html = r.restore(r.inline(a, b, breaks=False)) if is_md else r.inline(a, b, breaks=False)
    elif title:
        title_html = html.escape(neutral_bidi(title))
    while blocks and _same_line(r.visible_text(*blocks[0]), title):  # the headline again (after
        blocks.pop(0)  # hidden boilerplate, or repeated by the page): shown once, as the heading
    shown = replace(article, outlet=isolate(article.outlet), author=isolate(article.author),
                    published=isolate(article.published))
    head = _header(shown, theme, title_html, about_label, chip_tip, chip_text, all_speakers) + r.notice()
    cost = sum(b - a for a, b in blocks) + HIGHLIGHT_COST * (len(r.quotes) + len(r.hits))
    return ArticleParts(head, _body_blocks(r, blocks, is_md), cost)


def _same_line(text: str, title: str) -> bool:
    def norm(t: str) -> str:
        return " ".join(t.replace("#", " ").split()).casefold()
    return bool(title.strip()) and norm(text) == norm(title)


def _body_blocks(r: BodyRenderer, blocks: list[tuple[int, int]], is_md: bool) -> Iterator[str]:
    md = _markdown_converter() if is_md else None
    for a, b in blocks:
        for n, (s, e) in enumerate(r.pieces(a, b)):
            if md is not None:
                md.reset()
                yield r.restore(md.convert(r.inline(s, e, breaks=False)))
            else:
                style = ' style="margin-top:0"' if n else ""  # a long paragraph's next piece
                yield f"<p{style}>{trim_breaks(r.inline(s, e, breaks=True))}</p>"


def article_html(article: StoredArticle, theme: HtmlTheme | None = None,
                 terms: Sequence[str] = (), selected_quote: int | None = None,
                 about_label: str = "", chip_tip: str = "", chip_text: str = "",
                 all_speakers: bool = False) -> str:
    """The safe HTML of ``article``: header, then the body with quotes and hits marked.

    ``about_label`` is ready-made (escaped) HTML from ``outlet_info.about_label_html``;
    ``chip_tip`` is plain text for the bias chip's tooltip; ``chip_text`` replaces
    the chip's 3-way label (e.g. "Lean left").
    """
    return article_parts(article, theme, terms, selected_quote, about_label, chip_tip, chip_text,
                         all_speakers).html()
