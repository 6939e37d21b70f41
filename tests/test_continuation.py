"""A statement that opens a quotation runs on to its closing mark, across sentences (real spaCy)."""
from __future__ import annotations

from test_statements import _nlp_once, statements  # noqa: F401 - fixture

from reader.analysis.continuation import continue_into_quotations
from reader.analysis.quote_spans import find_quote_spans
from reader.analysis.record import Quote
from reader.analysis.statements import quoted_words


def holding(found: list[Quote], words: str, text: str) -> list[Quote]:
    at = text.index(words)
    return [q for q in found if q.start <= at and at + len(words) <= q.end]


def test_statement_runs_on_through_the_quotation_it_opens() -> None:
    body = ("Lena Ortiz, the mayor of Harbourton, said on Tuesday that the budget was “balanced for the "
            "first time in a decade. We will not raise property taxes this year, and the road fund stays "
            "intact.”\n\nThe council meets again next week.")
    text, found = statements(body)
    (q,) = holding(found, "that the budget was", text)
    assert q.kind == "mixed"
    assert q.text.startswith("that the budget was “balanced") and q.text.endswith("stays intact.”")
    assert "Ortiz" in (q.speaker or "") and q.cue == "said"
    assert text[q.cue_start:q.cue_end] == "said"
    # one statement: the quotation's second sentence is no record of its own
    assert holding(found, "We will not raise property taxes", text) == [q]
    assert not holding(found, "The council meets again", text)
    # the reading window still highlights the quoted words inside, with her name
    inner = [w for w in quoted_words([q], text) if w is not q]
    assert [text[w.start:w.end] for w in inner] == [text[text.index("balanced for"):text.index("intact.") + 7]]
    assert inner[0].speaker == q.speaker


def test_next_speaker_keeps_his_own_statement() -> None:
    body = ("Lena Ortiz, the mayor of Harbourton, told reporters that the ferry service would “resume in "
            "March. The new boats are already in the harbour.”\n\nCouncillor Tom Reyes said the date was "
            "unrealistic.")
    text, found = statements(body)
    (q,) = holding(found, "that the ferry service", text)
    assert q.text.endswith("already in the harbour.”") and "Ortiz" in (q.speaker or "")
    (reyes,) = holding(found, "the date was unrealistic", text)
    assert reyes is not q and "Reyes" in (reyes.speaker or "")


def test_narrative_sentence_after_a_statement_is_not_taken() -> None:
    body = ("Lena Ortiz, the mayor of Harbourton, said that the budget was balanced. The council meets "
            "again next week.")
    text, found = statements(body)
    (q,) = holding(found, "the budget was balanced", text)
    assert q.kind == "indirect" and q.text == "that the budget was balanced"
    assert not holding(found, "The council meets", text)


def test_quotation_closed_in_its_sentence_is_not_stretched() -> None:
    body = ("Lena Ortiz, the mayor of Harbourton, said that the budget was “balanced.” “That is simply not "
            "true,” Councillor Tom Reyes said.")
    text, found = statements(body)
    (q,) = holding(found, "the budget was", text)
    assert q.text.endswith("“balanced.”")
    (reyes,) = holding(found, "That is simply not true", text)
    assert reyes is not q and "Reyes" in (reyes.speaker or "") and reyes.kind == "direct"


def test_quoted_words_with_a_cue_of_their_own_are_not_swallowed() -> None:
    body = ("The harbour authority said the new pier would open “in the spring. It is the largest "
            "investment in forty years,” according to a statement. Fishermen were sceptical.")
    text, found = statements(body)
    (q,) = holding(found, "the new pier would open", text)
    assert not q.text.endswith("forty years,”")  # the rest of the quotation is the statement's words
    (inner,) = holding(found, "largest investment", text)
    assert inner is not q and inner.cue == "according to"


def _cut_short(text: str, words: Quote) -> tuple[Quote, list[Quote]]:
    """A statement the parse stopped at the first full stop inside its quotation, and the records out."""
    a, b = text.index("that"), text.index("work.") + 4
    statement = Quote(a, b, text[a:b], "indirect", None, None, "said", 0.5, 13, 17)
    return statement, continue_into_quotations(text, [statement, words], find_quote_spans(text))


def _words(text: str, speaker: str, cue: str | None, cue_start: int | None) -> Quote:
    qa, qb = text.index("work. It"), text.index("work,”") + 5
    return Quote(qa, qb, text[qa:qb], "direct", speaker, "person", cue, 0.5,
                 cue_start, None if cue_start is None else cue_start + 4)


def test_a_statement_without_speaker_takes_the_speaker_of_the_words_it_holds() -> None:
    text = "The minister said that the plan would “work. It has to work,” and left."
    statement, out = _cut_short(text, _words(text, "Asha Nair", None, None))
    assert out == [statement]
    assert statement.text == "that the plan would “work. It has to work,”"
    assert statement.kind == "mixed" and statement.speaker == "Asha Nair"


def test_words_of_another_cue_stop_the_stretch() -> None:
    text = "The minister said that the plan would “work. It has to work,” the aide said."
    words = _words(text, "aide", "said", text.index("said."))
    statement, out = _cut_short(text, words)
    assert out == [statement, words] and statement.text == "that the plan would “work"
    assert statement.kind == "indirect" and statement.speaker is None
