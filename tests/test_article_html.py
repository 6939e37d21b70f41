"""The pure article → HTML function: escaping, boilerplate, quotes, markdown, hits."""
from __future__ import annotations

import re

from reader.analysis.record import ArticleRecord
from reader.analysis.record import Quote
from reader.search.articles import StoredArticle
from reader.render.article_html import article_html
from reader.render.article_html import query_terms
from reader.render.article_html import term_pattern

HOSTILE = ("Hostile page\n\n"
           "Before <script>alert(1)</script> and <img src=\"file:///etc/passwd\"> then "
           "<a href=\"javascript:alert(2)\">click</a> and [md link](javascript:alert(3)) "
           "![img](file:///etc/passwd) <http://example.com>\n\n"
           "He said “we will stay” to reporters.\n\nLeave a Reply")


def make_article(body: str, fmt: str = "text", quotes=(), boilerplate=()) -> StoredArticle:
    rec = ArticleRecord(file="/x/a.txt", title=body.splitlines()[0], quotes=list(quotes),
                        boilerplate=list(boilerplate))
    return StoredArticle(path="/x/a.txt", title=rec.title, outlet="Example", author="A. Writer",
                         published="2022-02-24", kind="opinion", url="", format=fmt, bias="left",
                         body=body, record=rec)


def _quote(body: str, text: str, **kw) -> Quote:
    start = body.index(text)
    return Quote(start=start, end=start + len(text), text=text, **kw)


def test_source_html_is_escaped_for_text_and_markdown():
    for fmt in ("text", "markdown"):
        out = article_html(make_article(HOSTILE, fmt))
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
        assert "&lt;img src=" in out
        assert not re.search(r"<\s*(script|img|iframe|object|embed|style|link)\b", out, re.I)
        assert not re.search(r"<a\s[^>]*href", out, re.I), fmt  # no links, not even from Markdown
        assert not re.search(r"<[^>]*\ssrc=", out, re.I)
        assert "javascript:alert(3)" in out and "file:///etc/passwd" in out  # shown as text


def test_boilerplate_is_hidden_and_header_has_metadata():
    body = HOSTILE
    start = body.index("Leave a Reply")
    out = article_html(make_article(body, boilerplate=[(start, start + len("Leave a Reply"))]))
    assert "Leave a Reply" not in out
    for text in ("Example", "Left", "A. Writer", "2022-02-24", "Opinion", "Hostile page"):
        assert text in out


def test_direct_quote_gets_speaker_tag_tooltip_and_anchor():
    q = _quote(HOSTILE, "we will stay", kind="direct", speaker="Ned Price", cue="said",
               confidence=0.8)
    out = article_html(make_article(HOSTILE, quotes=[q]))
    assert '<a name="q0"></a>' in out
    assert re.search(r'<span class="quote"[^>]*title="Ned Price \(quote\) · cue “said” · confidence 80%"[^>]*>'
                     r"we will stay</span>", out)
    assert re.search(r'class="speaker"[^>]*>\u00a0\u2068?Ned Price\u2069?\u00a0</span>', out)


def test_scare_quote_styled_differently_without_speaker_tag():
    q = _quote(HOSTILE, "we will stay", kind="scare")
    out = article_html(make_article(HOSTILE, quotes=[q]))
    span = re.search(r'<span class="scare" style="([^"]*)"[^>]*>we will stay</span>', out)
    assert span and "italic" in span.group(1)
    assert 'class="speaker"' not in out


def test_query_terms_and_hits():
    assert query_terms('pipeline AND outlet:dw OR title:"gas deal" NOT kind:opinion') == [
        "pipeline", "gas deal"]
    pattern = term_pattern(["pipelines"])
    assert re.search(pattern, "the Pipeline was", re.I)
    out = article_html(make_article(HOSTILE), terms=["reporters"])
    assert re.search(r'<span class="hit"[^>]*>reporters</span>', out)


def test_markdown_articles_are_rendered_with_markdown_and_quotes_kept():
    body = ("Markdown title\n\n## A section\n\nSome **bold** words and a [link](http://x.org).\n\n"
            "She said “we *will* stay” & left.\n")
    q = _quote(body, "we *will* stay", kind="direct", speaker="A. Speaker", cue="said",
               confidence=0.9)
    out = article_html(make_article(body, "markdown", quotes=[q]))
    assert "<h2>A section</h2>" in out and "<strong>bold</strong>" in out
    assert "<em>will</em>" in out and "&amp;" in out
    assert "[link](http://x.org)" in out and "<a href" not in out
    assert re.search(r'<a name="q0"></a><span class="quote"[^>]*>we <em>will</em> stay</span>', out)
