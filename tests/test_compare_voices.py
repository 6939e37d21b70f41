"""Voices: who each outlet lets speak, with counts kept apart, and the blindspot flags."""
from __future__ import annotations

import pytest
from compare_helpers import articles, stored

from reader.compare.inputs import load_selection
from reader.compare.names import is_vague, speaker_key
from reader.compare.voices import voices
from reader.search.store import open_index
from reader.search.view import IndexView

DW, RFE, BOL = "Deutsche Welle", "Radio Free Europe/Radio Liberty", "Bol News"
WAPO, DND = "The Washington Post", "Dispatch News Desk (DND)"


@pytest.fixture(scope="module")
def seed_voices(seed_index):
    view = IndexView(open_index(seed_index))
    return voices(load_selection(view, [view.path(n) for n in view.all_docnums()]))


def test_seed_voices_table(seed_voices):
    v = seed_voices
    assert set(v.outlets) == {DW, RFE, BOL, WAPO, DND}
    khan = v.row(speaker_key("Imran Khan"))
    assert {o for o in khan.outlets if khan.cells[o].quoted} >= {DW, RFE, BOL}  # quoted by three outlets...
    assert set(khan.mentioned_by) == {WAPO, DND} - set(khan.outlets)  # ...the others name or report him
    assert khan.only_outlet is None
    assert khan.cells[DW].words == 9 and khan.cells[RFE].words == 3  # "So much excitement"
    shamshad = v.row(speaker_key("Shamshad Ahmad"))
    assert shamshad.only_outlet == BOL and shamshad.cells[BOL].quoted >= 5
    assert v.rows[0].total >= v.rows[-1].total  # most statements first
    for name, outlet in [("Ned Price", DW), ("Micheal Kugelman", DW), ("Marvin Weinbaum", RFE),
                         ("Ayesha Siddiqa", RFE), ("Zafar Hilaly", BOL)]:
        assert v.row(speaker_key(name)).outlets == [outlet], name
    assert v.by_outlet[WAPO].vague > v.by_outlet[WAPO].statements / 2  # an opinion column of unnamed sources
    assert "mostly unnamed sources" in v.by_outlet[WAPO].flags
    assert v.by_outlet[RFE].vague < v.by_outlet[RFE].statements / 4 and v.by_outlet[RFE].named_voices >= 7


def test_the_prime_ministers_office_is_one_row_however_spelled(seed_voices):
    row = seed_voices.row(speaker_key("Prime Minister’s Office"))
    assert row is seed_voices.row(speaker_key("Prime Minister Office"))
    assert len(row.named_as[BOL]) >= 2 and row.official


def test_direct_mixed_and_indirect_counts_are_kept_apart():
    body = ("“We will rebuild the port,” said Mayor Ana Ruiz. Ruiz said that the money was there. "
            "She called the plan “a matter of years”.")
    a = stored("a.txt", "A", body, [
        ("We will rebuild the port,", "Ana Ruiz", "direct"),
        ("the money was there", "Ana Ruiz", "indirect"),
        ("She called the plan “a matter of years”", "Ana Ruiz", "mixed")])
    b = stored("b.txt", "B", "Ana Ruiz is the mayor.", entities=[("Ana Ruiz", "person")])
    v = voices(articles(a, b))
    row = v.row("ana ruiz")
    cell = row.cells["A"]
    assert (cell.direct, cell.mixed, cell.indirect, cell.quoted, cell.total) == (1, 1, 1, 2, 3)
    assert cell.words == 5 + 4  # the direct quote's words and the mixed clause's quoted words; none reported
    assert row.only_outlet == "A" and row.mentioned_by == ["B"]


@pytest.mark.parametrize("name, vague", [
    ("officials", True), ("a senior Western diplomat", True), ("Pakistani officials", True),
    ("his supporters", True), ("government", True), ("one foreign ministry official", True),
    ("unknown speaker", True), ("", True), ("Ned Price", False), ("Kremlin", False),
    ("Khan’s office", False), ("Prime Minister’s Office", False), ("the Pakistani government", False),
])
def test_vague_source_rule(name, vague):
    assert is_vague(name, "person") is vague


def test_an_outlet_quoting_only_officials_of_one_side_is_flagged():
    body_a = ("“The border stays closed,” said Interior Minister Omar Khan of Pakistan. "
              "A Pakistani foreign ministry spokesperson, Mumtaz Baloch, said: “Talks will resume.”")
    a = stored("a.txt", "Outlet A", body_a, [
        ("The border stays closed,", "Omar Khan", "direct"),
        ("Talks will resume.", "Mumtaz Baloch", "direct")],
        entities=[("Pakistan", "place"), ("Omar Khan", "person"), ("Mumtaz Baloch", "person")])
    body_b = "“We lost everything,” said Rahim Gul, a farmer. “Nobody came,” said Gul Bano, a teacher."
    b = stored("b.txt", "Outlet B", body_b, [
        ("We lost everything,", "Rahim Gul", "direct"), ("Nobody came,", "Gul Bano", "direct")],
        entities=[("Rahim Gul", "person"), ("Gul Bano", "person")])
    body_c = ("“Aid is coming,” said former minister Ali Shah. “We disagree,” said "
              "Afghan Foreign Minister Amir Muttaqi.")
    c = stored("c.txt", "Outlet C", body_c, [
        ("Aid is coming,", "Ali Shah", "direct"), ("We disagree,", "Amir Muttaqi", "direct")],
        entities=[("Ali Shah", "person"), ("Amir Muttaqi", "person")])
    v = voices(articles(a, b, c))
    assert v.by_outlet["Outlet A"].flags == ["officials of one side (Pakistan)"]
    assert v.by_outlet["Outlet A"].official == 2
    assert v.by_outlet["Outlet B"].flags == [] and v.by_outlet["Outlet B"].official == 0
    assert v.by_outlet["Outlet C"].official == 1  # a former minister speaks as an expert
    assert v.by_outlet["Outlet C"].flags == []


def test_officials_whose_side_is_unknown_are_flagged_officials_only():
    body = "“No comment,” a spokesman said. “We are reviewing it,” the ministry said in a statement."
    a = stored("a.txt", "A", body, [("No comment,", "a spokesman", "direct"),
                                    ("We are reviewing it,", "ministry", "direct", "organisation")])
    b = stored("b.txt", "B", "Nothing.")
    assert voices(articles(a, b)).by_outlet["A"].flags == ["officials only", "mostly unnamed sources"]
