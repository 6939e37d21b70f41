"""Title, outlet, author, date, kind and boilerplate, from generated articles."""
from __future__ import annotations

import pytest

from reader.analysis.boilerplate import find_boilerplate
from reader.analysis.metadata import detect_metadata
from reader.analysis.pipeline import analyze_text

BODY = ("The minister arrived in the capital on Wednesday for two days of talks with officials, "
        "according to a schedule released by the government earlier in the week.")


def hidden(text: str) -> list[str]:
    return [text[a:b].strip() for a, b in find_boilerplate(text)]


def test_title_is_first_real_line_after_chrome():
    text = f"Accessibility links\n\nBreaking News\n\nMinister Visits The Capital Amid Protests\n\n{BODY}\n"
    meta = detect_metadata(text)
    assert meta.title == "Minister Visits The Capital Amid Protests"
    assert text[meta.title_span[0]:meta.title_span[1]] == meta.title
    assert {"Accessibility links", "Breaking News"} <= set(hidden(text))


@pytest.mark.parametrize("byline,author", [
    ("By Amjad Mahmood", "Amjad Mahmood"),
    ("BY Jane Doe | Staff Writer", "Jane Doe"),
    ("Hamid Mir", "Hamid Mir"),
])
def test_author_from_byline_or_bare_name(byline: str, author: str):
    text = f"Minister Visits The Capital Amid Protests\n\n{byline}\n\n{BODY}\n"
    assert detect_metadata(text).author == author


def test_author_from_author_box_and_box_hidden():
    text = (f"Minister Visits The Capital Amid Protests\n\n{BODY}\n\n{BODY}\n\n{BODY}\n\n"
            "Jane Doe\n\nJane Doe, a journalist for the Daily Planet, covers foreign policy.\n")
    assert detect_metadata(text).author == "Jane Doe"
    assert "Jane Doe" in hidden(text)


def test_no_author_when_none_is_given():
    assert detect_metadata(f"Minister Visits The Capital Amid Protests\n\n{BODY}\n").author is None


@pytest.mark.parametrize("sentence", [
    "“We are ready,” the minister told DW. “We were always ready,” he told DW.",
    "“It is late,” an analyst told RFE/RL.",
    "Ms Hewitt told GMTV's Sunday programme that the plan was fair.",
    "The minister said in an interview with Reuters that talks would go on.",
    "The views and opinions expressed are those of the author and do not reflect the position "
    "of the Daily Planet.",
])
def test_body_phrases_never_name_the_outlet(sentence: str):
    """Whom people talk to is not who published the article."""
    text = f"Minister Visits The Capital Amid Protests\n\n{BODY}\n\n{sentence}\n"
    meta = detect_metadata(text)
    assert meta.outlet is None and "outlet" not in meta.sources


@pytest.mark.parametrize("lines,outlet", [
    (["WASHINGTON (Reuters) - " + BODY], "Reuters"),
    (["KYIV, Ukraine (AP) — " + BODY], "AP"),
    (["Source: Riverside Gazette", BODY], "Riverside Gazette"),
    ([BODY, BODY, "© 2023 Riverside Gazette. All rights reserved."], "Riverside Gazette"),
    ([BODY, "Copyright (c) 2019-2023 The Daily Planet"], "Daily Planet"),
    (["Daily Planet Minister Visits The Capital Amid Protests", BODY], "Daily Planet"),
])
def test_outlet_from_a_masthead_dateline_label_or_copyright_line(lines, outlet):
    text = "Minister Visits The Capital Amid Protests\n\n" + "\n\n".join(lines) + "\n"
    meta = detect_metadata(text)
    assert meta.outlet == outlet and meta.sources["outlet"] == "text-pattern"


def test_a_dateline_deep_in_the_body_is_not_a_masthead():
    text = ("Minister Visits The Capital Amid Protests\n\n" + f"{BODY}\n\n" * 20
            + "LONDON (Reuters) - a wire report was quoted here.\n")
    assert detect_metadata(text).outlet is None


def test_no_outlet_without_cues():
    assert detect_metadata(f"Minister Visits The Capital Amid Protests\n\n{BODY}\n").outlet is None


def test_page_header_date_is_not_a_publication_date_but_a_stated_one_is():
    text = f"Tue, 21-Oct-2025\n\nMinister Visits The Capital Amid Protests\n\n{BODY}\n"
    meta = detect_metadata(text)
    assert meta.published is None and meta.title == "Minister Visits The Capital Amid Protests"
    assert "Tue, 21-Oct-2025" in hidden(text)
    text = f"Minister Visits The Capital Amid Protests\n\nPublished on March 3, 2022\n\n{BODY}\n"
    assert detect_metadata(text).published == "2022-03-03"
    text = f"Minister Visits The Capital Amid Protests\n\nPublished: 2021-12-30 10:00\n\n{BODY}\n"
    assert detect_metadata(text).published == "2021-12-30"


def test_kind_opinion_analysis_news():
    news = f"Minister Visits The Capital Amid Protests\n\n{BODY}\n"
    assert detect_metadata(news).kind == "news"
    analysis = f"Minister Visits The Capital\n\nThe Daily Planet analyzes why the visit matters.\n\n{BODY}\n"
    assert detect_metadata(analysis).kind == "analysis"
    opinion = ("Why I Think The Visit Failed\n\nI remember the last visit. It shocked me, and my "
               f"colleagues, as I said then.\n\n{BODY}\n")
    assert detect_metadata(opinion).kind == "opinion"
    disclaimer = f"{news}\nThe views expressed in this article are those of the author.\n"
    assert detect_metadata(disclaimer).kind == "opinion"


def test_boilerplate_lines_are_whole_lines_and_text_unchanged():
    text = ("Google Ads | Google Ads | Google Ads | Google Ads\n\nMinister Visits The Capital Amid Protests\n\n"
            f"{BODY}\n\nA caption under the photo of the minister at the airport today.\n"
            "A caption under the photo of the minister at the airport today.\n\n"
            f"{BODY}\n\nLeave a Reply\n\nXS\nSM\nMD\nLG\n")
    before = str(text)
    spans = find_boilerplate(text)
    assert text == before
    got = [text[a:b] for a, b in spans]
    assert "Google Ads | Google Ads | Google Ads | Google Ads" in got
    assert {"Leave a Reply", "XS", "SM", "MD", "LG"} <= set(got)
    assert got.count("A caption under the photo of the minister at the airport today.") == 1  # the repeat
    for a, b in spans:
        assert (a == 0 or text[a - 1] == "\n") and (b == len(text) or text[b] == "\n")
    assert BODY not in got


def test_hints_override_detection():
    text = f"Minister Visits The Capital Amid Protests\n\n{BODY}\n\n“Yes,” she told DW.\n"
    rec = analyze_text(text, "a.txt", {"outlet": "Deutsche Welle", "author": "Ann Lee", "published": "2022-02-24",
                                      "kind": "analysis", "title": "Given title", "url": "https://example.org/a"})
    assert (rec.outlet, rec.author, rec.published, rec.kind, rec.title, rec.url) == (
        "Deutsche Welle", "Ann Lee", "2022-02-24", "analysis", "Given title", "https://example.org/a")
    assert analyze_text(text, "a.txt", {"kind": "bogus"}).kind == "news"
