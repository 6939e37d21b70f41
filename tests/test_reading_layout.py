"""Issue 21 item 6: paragraphs of one-line-per-paragraph files, the headline shown once,
and nested quotes' speaker tags at the end of each quote, never stacked."""
from __future__ import annotations

import re
from pathlib import Path

from reader.analysis.record import ArticleRecord, Quote
from reader.render.article_html import article_html
from reader.render.highlights import paragraphs
from reader.search.articles import StoredArticle

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def article(body: str, title: str = "", quotes=(), boilerplate=()) -> StoredArticle:
    rec = ArticleRecord(file="/x/a.txt", title=title)
    rec.quotes, rec.boilerplate = list(quotes), list(boilerplate)
    return StoredArticle(path="/x/a.txt", title=title, outlet="Example", author="", published="",
                         kind="news", url="", format="text", bias="unknown", body=body, record=rec)


def body_paragraphs(page: str) -> list[str]:
    body = page.split("<hr>", 1)[1]
    return re.findall(r"<p[^>]*>(.*?)</p>", body, flags=re.S)


def test_single_newlines_are_paragraphs_when_the_text_has_no_blank_line():
    text = "Headline here\nFirst paragraph of the piece.\nSecond paragraph, also one line.\nThird."
    assert len(paragraphs(text)) == 4
    shown = body_paragraphs(article_html(article(text, "Headline here")))
    assert shown == ["First paragraph of the piece.", "Second paragraph, also one line.", "Third."]
    mixed = "Title\n\nOne paragraph, a long sentence that goes on\nand is wrapped by hand.\n\nAnother."
    assert len(paragraphs(mixed)) == 3  # wrapped by hand: single newlines stay line breaks


def test_the_washington_post_seed_reads_as_paragraphs():
    text = (SEEDS / "003_e9b7486474eea1a3.txt").read_text(encoding="utf-8")
    shown = body_paragraphs(article_html(article(text, text.splitlines()[0])))
    assert len(shown) >= 10 and not any("<br>" in p for p in shown)


def test_a_first_body_line_equal_to_the_title_is_hidden_after_boilerplate():
    body = "Tue, 21-Oct-2025\nGoogle Ads | Google Ads\nA path-breaking visit\n\nPrime Minister Khan went."
    hidden = [(0, body.index("A path"))]
    page = article_html(article(body, "A path-breaking visit", boilerplate=hidden))
    assert page.count("A path-breaking visit") == 1  # the heading only
    assert body_paragraphs(page) == ["Prime Minister Khan went."]
    twice = "A path-breaking visit\n\nA path-breaking visit\n\nPrime Minister Khan went."
    page = article_html(article(twice, "A path-breaking visit"))
    assert page.count("A path-breaking visit") == 1 and body_paragraphs(page) == ["Prime Minister Khan went."]


def test_nested_quotes_ending_together_share_one_tag():
    body = 'Khan said: "They told me \'we will never go\'" on Monday.'
    outer_start = body.index('"') + 1
    inner_start = body.index("'") + 1
    end = body.index("'", inner_start)
    outer = Quote(start=outer_start, end=end + 1, text=body[outer_start:end + 1], kind="direct",
                  speaker="Imran Khan", cue="said", confidence=0.9)
    inner = Quote(start=inner_start, end=end, text=body[inner_start:end], kind="direct",
                  speaker="Officials", cue="told", confidence=0.9)
    same_end = Quote(start=outer.start, end=end, text=body[outer.start:end], kind="direct",
                     speaker="Imran Khan", cue="said", confidence=0.9)
    page = article_html(article(body, "", quotes=[same_end, inner]))
    tags = re.findall(r'<span class="speaker"[^>]*>(.*?)</span>', page)
    assert len(tags) == 1 and "Imran Khan" in tags[0] and "Officials" in tags[0]
    page = article_html(article(body, "", quotes=[outer, inner]))  # different ends: one tag at each
    tags = re.findall(r'<span class="speaker"[^>]*>(.*?)</span>', page)
    assert len(tags) == 2


def quoted_article() -> StoredArticle:
    names = ["Imran Khan", "Andrei Serenko", "one foreign ministry official", "experts", "his supporters",
             "unknown speaker", "Ned Price"]
    body, quotes = "", []
    for name in names * 2:
        start = len(body) + 1
        body += f'"Words of {name} here." '
        quotes.append(Quote(start=start, end=start + len(f"Words of {name} here."),
                            text=f"Words of {name} here.", kind="direct",
                            speaker=None if name == "unknown speaker" else name, cue="said", confidence=0.9))
    return article(body, "Headline", quotes=quotes)


def legend(page: str) -> str:
    return re.search(r"Quoted: (.*?)</p>", page, flags=re.S).group(1)


def test_the_quoted_line_puts_named_speakers_first_and_folds_the_unnamed():
    from reader.render.legend import SOURCES_LINK, is_named

    assert is_named("Imran Khan") and is_named("RFE/RL") and not is_named("one foreign ministry official")
    assert not is_named("The government") and not is_named("unknown speaker")
    line = legend(article_html(quoted_article()))
    assert line.index("Imran\u00a0Khan") < line.index("Andrei\u00a0Serenko") < line.index("Ned\u00a0Price")
    assert "Andrei Serenko" not in line  # never wrapped inside a name
    assert "experts" not in line and "one\u00a0foreign" not in line
    assert "+4\u00a0unnamed\u00a0sources" in line and SOURCES_LINK in line
    full = legend(article_html(quoted_article(), all_speakers=True))
    assert "experts" in full and "his\u00a0supporters" in full and "fewer" in full
    assert full.index("Ned\u00a0Price") < full.index("experts")  # named first, then the unnamed


def test_clicking_the_unnamed_chip_expands_the_line(qtbot):
    from PySide6.QtCore import QUrl

    from reader.render.legend import SOURCES_LINK
    from reader.ui.reading.view import ReadingView

    view = ReadingView()
    qtbot.addWidget(view)
    view.show_article(quoted_article())
    head = view.browser.toPlainText().split("scare quote")[0]
    assert "unnamed sources" in head and "experts" not in head
    view.browser.anchorClicked.emit(QUrl(SOURCES_LINK))
    head = view.browser.toPlainText().split("scare quote")[0]
    assert "experts" in head and "fewer" in head
    view.browser.anchorClicked.emit(QUrl(SOURCES_LINK))
    assert "experts" not in view.browser.toPlainText().split("scare quote")[0]
