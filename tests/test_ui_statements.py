"""Reported speech in the window (issue 17, item 3): indirect statements marked apart
from quoted words with the same speaker tag, the quotes panel's kind column and filter,
``speaker:`` search and the speaker counts over every kind, the header's "Quoted:" line."""
from __future__ import annotations

import html
import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtGui import QTextCursor
from ui_helpers import main_window  # noqa: F401 - fixture
from ui_helpers import no_dangling_workers  # noqa: F401 - autouse fixture
from ui_helpers import ui_index  # noqa: F401 - fixture
from ui_helpers import wait_open

from reader.analysis.record import ArticleRecord
from reader.analysis.record import Quote
from reader.render.article_html import HtmlTheme
from reader.render.article_html import article_html
from reader.render.highlights import speaker_colours
from reader.render.legend import is_named
from reader.search.articles import StoredArticle
from reader.search.articles import load_articles
from reader.search.query import search
from reader.search.store import open_index
from reader.ui.palette import html_theme
from reader.ui.quotes.model import QuotesModel
from reader.ui.quotes.model import QuotesProxy
from reader.ui.reading.view import anchor_position

BODY = ("Pipeline talks\n\n"
        "Khan said that the talks would go on. “We will build it,” Khan said.\n\n"
        "The minister said the plan was “a disaster” for everyone.")


def _article(quotes: list[Quote]) -> StoredArticle:
    rec = ArticleRecord(file="/x/p.txt", title="Pipeline talks", quotes=quotes)
    return StoredArticle(path="/x/p.txt", title=rec.title, outlet="Example", author="", published="",
                         kind="news", url="", format="text", bias="center", body=BODY, record=rec)


def _at(text: str, start_from: int = 0) -> tuple[int, int]:
    a = BODY.index(text, start_from)
    return a, a + len(text)


def _statements() -> list[Quote]:
    ind = _at("that the talks would go on")
    cue1 = _at("said", BODY.index("Khan"))
    direct = _at("We will build it,")
    cue2 = _at("said", direct[1])
    mixed = _at("the plan was “a disaster” for everyone")
    cue3 = _at("said", BODY.index("The minister"))
    return [
        Quote(*ind, BODY[ind[0]:ind[1]], kind="indirect", speaker="Imran Khan", speaker_type="person",
              cue="said", confidence=0.7, cue_start=cue1[0], cue_end=cue1[1]),
        Quote(*direct, BODY[direct[0]:direct[1]], kind="direct", speaker="Imran Khan", speaker_type="person",
              cue="said", confidence=0.9, cue_start=cue2[0], cue_end=cue2[1]),
        Quote(*mixed, BODY[mixed[0]:mixed[1]], kind="mixed", speaker="the minister", speaker_type="person",
              cue="said", confidence=0.8, cue_start=cue3[0], cue_end=cue3[1]),
    ]


def _span_style(out: str, text: str) -> str:
    m = re.search(r'<span class="([^"]*)" style="([^"]*)"[^>]*>' + re.escape(html.escape(text, quote=False))
                  + "</span>", out)
    assert m, text
    return m.group(1) + " | " + m.group(2)


def test_indirect_is_underlined_in_the_speakers_colour_and_direct_has_the_background():
    theme = HtmlTheme()
    out = article_html(_article(_statements()), theme)
    fg, bg = theme.speaker_fg[0], theme.speaker_bg[0]
    reported = _span_style(out, "that the talks would go on")
    assert reported.startswith("reported") and f"text-decoration-color:{fg}" in reported
    assert "background-color" not in reported
    quoted = _span_style(out, "We will build it,")
    assert quoted.startswith("quote") and f"background-color:{bg}" in quoted and "underline" not in quoted
    # the cue in bold and the speaker's colour; one speaker tag per statement, the same for both kinds
    assert "font-weight:700" in _span_style(out, "said") and f"color:{fg}" in _span_style(out, "said")
    assert len(re.findall(r'class="speaker"[^>]*>\u00a0\u2068?Imran Khan\u2069?\u00a0</span>', out)) == 2


def test_a_mixed_clause_is_underlined_and_its_quoted_words_have_the_background():
    theme = HtmlTheme()
    out = article_html(_article(_statements()), theme)
    fg, bg = theme.speaker_fg[1], theme.speaker_bg[1]  # the second speaker
    clause = _span_style(out, "the plan was “")
    assert clause.startswith("reported") and f"text-decoration-color:{fg}" in clause and "background" not in clause
    words = _span_style(out, "a disaster")
    assert words.startswith("quote") and f"background-color:{bg}" in words and f"text-decoration-color:{fg}" in words
    assert "the minister (mixed statement)" in out
    # quoted words whose clause the parse could not delimit: a mixed record of the words alone
    words_alone = _statements()[2]
    a, b = _at("a disaster")
    words_alone.start, words_alone.end, words_alone.text = a, b, BODY[a:b]
    alone = _span_style(article_html(_article([words_alone]), theme), "a disaster")
    assert alone.startswith("quote") and f"background-color:{theme.speaker_bg[0]}" in alone


def test_the_quoted_line_counts_quoted_and_reported_statements():
    out = article_html(_article(_statements()))
    legend = out[out.index("Quoted:"):out.index("<hr>")]
    assert re.search(r"Imran[\u00a0 ]Khan\u2069?\u00a0×2", legend)  # one indirect, one direct
    assert "+1\u00a0unnamed\u00a0source" in legend  # "the minister": folded with the unnamed sources
    assert "2 quoted, 1 reported" in legend


def _indirect_speakers(location: Path) -> tuple[str, str]:
    """A speaker the analysis found in reported speech alone, and one of their articles."""
    ix = open_index(location)
    articles = load_articles(ix, [h.path for h in search(ix, "", limit=50).hits])
    kinds: dict[str, set[str]] = {}
    where: dict[str, str] = {}
    for art in articles:
        for q in art.record.quotes:
            if (q.kind != "scare" and q.speaker and q.speaker_type == "person" and len(q.speaker.split()) >= 2
                    and is_named(q.speaker)):  # shown by name in the legend, not folded into "unnamed sources"
                kinds.setdefault(q.speaker, set()).add(q.kind)
                where.setdefault(q.speaker, art.path)
    reported_only = sorted(s for s, k in kinds.items() if k == {"indirect"})
    assert reported_only, "no speaker with reported speech alone in the seed index"
    return reported_only[0], where[reported_only[0]]


def test_speaker_search_and_counts_include_reported_speech(qtbot, main_window):
    name, path = _indirect_speakers(main_window.controller.location)
    hits = search(open_index(main_window.controller.location), f'speaker:"{name}"', limit=10).hits
    assert path in [h.path for h in hits]
    main_window.set_query(f'speaker:"{name}"')
    qtbot.waitUntil(lambda: not main_window.controller.search_pending(), timeout=10000)
    wait_open(qtbot, main_window)
    assert any(r.speaker == name and r.kind == "indirect" for r in main_window.quotes_model.all_rows())
    assert main_window.open_article(path)
    text = main_window.reading_view.browser.toPlainText()
    legend = text[text.index("Quoted:"):]
    n = sum(q.speaker == name for q in main_window.reading_view.article.record.quotes)
    assert re.search(re.escape(name) + "\u2069?[\u00a0 ]×" + str(n) + r"\b", legend), (name, n)


def test_the_window_marks_indirect_speech_apart_with_the_same_speaker_tag(qtbot, main_window):
    art = None
    for row in range(main_window.library_proxy.rowCount()):
        main_window.library_view.selectRow(row)
        qtbot.waitUntil(lambda: main_window.reading_view.article is not None
                        and not main_window.reading_view.rendering(), timeout=10000)
        art = main_window.reading_view.article
        kinds = {q.kind for q in art.record.quotes}
        if {"direct", "indirect"} <= kinds:
            break
    assert art is not None and {"direct", "indirect"} <= {q.kind for q in art.record.quotes}
    doc = main_window.reading_view.browser.document()
    theme = html_theme(main_window.reading_view.palette())
    slots = speaker_colours(art.record.quotes)
    checked = set()
    for i, q in enumerate(art.record.quotes):
        if q.kind not in ("direct", "indirect") or q.kind in checked or any(
                o is not q and o.start <= q.start and q.end <= o.end for o in art.record.quotes):
            continue  # the first unnested statement of each kind
        pos = anchor_position(doc, f"q{i}")
        if pos < 0:
            continue  # hidden as boilerplate
        probe = QTextCursor(doc)
        probe.setPosition(pos + 1)
        fmt = probe.charFormat()
        colour = QColor(theme.speaker_fg[slots[q.speaker or "unknown speaker"] % len(theme.speaker_fg)])
        if q.kind == "indirect":
            assert fmt.fontUnderline() and fmt.underlineColor() == colour, q.text
            assert fmt.background().style() == Qt.BrushStyle.NoBrush, q.text
        else:
            assert fmt.background().style() != Qt.BrushStyle.NoBrush and not fmt.fontUnderline(), q.text
        assert fmt.toolTip().startswith(q.speaker or "unknown speaker")
        checked.add(q.kind)
    assert checked == {"direct", "indirect"}


def test_the_quotes_panel_has_a_kind_column_and_filter(qtbot, main_window):
    panel = main_window.quotes_panel
    model, proxy = panel.model, panel.proxy
    rows = model.all_rows()
    assert {"direct", "indirect"} <= {r.kind for r in rows}
    header = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert header[QuotesModel.COL_KIND] == "Kind"
    shown = {proxy.index(r, QuotesModel.COL_KIND).data() for r in range(proxy.rowCount())}
    assert {"Direct", "Indirect"} <= shown
    indirect = next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data(QuotesModel.KindRole) == "indirect")
    assert not proxy.index(indirect, QuotesModel.COL_QUOTE).data().startswith("“")  # reported: no marks added
    counts = {}
    for choice in ("indirect", "direct", ""):
        panel.kind_box.setCurrentIndex(panel.kind_box.findData(choice))  # as a user picks it
        kinds = {proxy.index(r, 0).data(QuotesModel.KindRole) for r in range(proxy.rowCount())}
        counts[choice] = proxy.rowCount()
        assert kinds == {"indirect": {"indirect"}, "direct": {"direct", "mixed"},
                         "": {r.kind for r in rows}}[choice], choice
    assert counts["indirect"] + counts["direct"] == counts[""] == len(rows)
    direct = sum(r.kind in ("direct", "mixed") for r in rows)
    assert panel.count_label.text() == f"{direct} direct, {len(rows) - direct} indirect"
    # a click on a reported statement opens it in its article
    panel.set_kind("indirect")
    index = proxy.index(0, QuotesModel.COL_QUOTE)
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=panel.view.visualRect(index).center())
    reading = main_window.reading_view
    assert reading.selected_quote == index.data(QuotesModel.QuoteIndexRole)
    assert reading.article.record.quotes[reading.selected_quote].kind == "indirect"


def test_quotes_model_with_the_kind_filter_passes_the_model_tester(qtbot, qtmodeltester, main_window):
    model = QuotesModel()
    model.set_rows(main_window.quotes_model.all_rows())
    proxy = QuotesProxy()
    proxy.setSourceModel(model)
    for choice in ("indirect", "direct", ""):
        model.set_kind_filter(choice)
        qtmodeltester.check(model)
        proxy.sort(QuotesModel.COL_KIND)
        qtmodeltester.check(proxy)
    kinds = [proxy.index(r, QuotesModel.COL_KIND).data(QuotesModel.SortRole) for r in range(proxy.rowCount())]
    assert kinds == sorted(kinds)
