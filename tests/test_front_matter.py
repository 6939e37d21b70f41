"""Front matter in .txt and .md, read within bounds; dates as ISO days or not at all."""
from __future__ import annotations

import datetime as dt
import time
import tracemalloc

import pytest
from hostile_inputs import BAD_FRONT_MATTER, GOOD_BODY, billion_laughs, write_front_matter_cases

from reader.dates import BadDate, iso_date
from reader.front_matter import split_front_matter
from reader.sources import load_source


@pytest.mark.parametrize("written", ["2022-02-24", "2022-02-24T09:30:00+02:00", "Feb 24, 2022",
                                     "24 February 2022", "Thursday, February 24th, 2022", "24.02.2022",
                                     "02/24/2022", "24/02/2022", "2022/02/24", dt.date(2022, 2, 24)])
def test_every_way_of_writing_a_day_becomes_iso(written):
    assert iso_date(written) == "2022-02-24"


@pytest.mark.parametrize("written, why", [("2020-02-30", "not a real date"), ("2022-13-01", "not a real date"),
                                          ("03/04/2022", "either"), ("January 2022", "month"),
                                          ("2022", "not a date"), ("yesterday", "not a date"),
                                          ("9" * 5000, "5,000-character"), ("2999-01-01", "outside")])
def test_what_names_no_single_day_is_refused_with_a_reason(written, why):
    with pytest.raises(BadDate, match=why):
        iso_date(written)


@pytest.mark.parametrize("suffix", [".txt", ".md", ".markdown"])
def test_every_text_format_honours_front_matter(tmp_path, suffix):
    path = tmp_path / f"story{suffix}"
    path.write_text('---\ntitle: "Dam talks stall"\noutlet: Riverside Gazette\ndate: "Feb 24, 2022"\n---\n\n'
                    "Dam talks stall\n\n“Not an inch,” said Maria Lopez.\n", encoding="utf-8")
    doc = load_source(path)
    assert doc.hints == {"title": "Dam talks stall", "outlet": "Riverside Gazette", "published": "2022-02-24"}
    assert doc.hint_sources == dict.fromkeys(doc.hints, "front-matter")
    assert "title:" not in doc.text and "---" not in doc.text
    assert doc.text.lstrip().startswith("Dam talks stall")


def test_a_text_that_opens_with_a_rule_is_not_front_matter(tmp_path):
    path = tmp_path / "rule.txt"
    text = "---\nA poem about rivers\n---\n\nThe river ran on.\n"
    path.write_text(text, encoding="utf-8")
    doc = load_source(path)
    assert doc.text == text and not doc.hints and not doc.warnings


@pytest.mark.parametrize("name", sorted(BAD_FRONT_MATTER))
def test_one_bad_value_drops_that_field_only(tmp_path, name):
    path = write_front_matter_cases(tmp_path)[name]
    _line, field, why = BAD_FRONT_MATTER[name]
    doc = load_source(path)
    assert field not in doc.hints
    others = {"title": "Pipeline talks resume", "outlet": "Riverside Gazette", "published": "2022-02-24"}
    assert doc.hints == {k: v for k, v in others.items() if k != field}
    assert any(why in w for w in doc.warnings), doc.warnings
    assert doc.text.strip() == GOOD_BODY.strip()


@pytest.mark.parametrize("name, why", [("billion-laughs", "aliases"), ("nested-maps", "nested"),
                                       ("nested-blocks", "nested"), ("nested-lists", "YAML"),
                                       ("not-closed", "not closed")])
def test_structural_attacks_are_refused_quickly_in_little_memory(tmp_path, name, why):
    path = write_front_matter_cases(tmp_path)[name]
    tracemalloc.start()
    started = time.process_time()
    doc = load_source(path)
    elapsed = time.process_time() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert any(why in w for w in doc.warnings), doc.warnings
    assert not doc.hints and "Officials said on Monday" in doc.text
    assert peak < 50 * 1024 * 1024, peak  # the bomb would need gigabytes
    assert elapsed < 30, elapsed  # generous: a hang is what this guards against, not speed


def test_aliases_are_refused_before_anything_is_expanded():
    fm = split_front_matter("---\n" + billion_laughs() + "\n---\nText.\n")
    assert fm.fields == {} and "aliases" in fm.warnings[0] and fm.body_start > 0


def test_front_matter_larger_than_the_limit_is_left_as_text():
    big = "---\n" + "".join(f"k{i}: value\n" for i in range(20000)) + "---\nText.\n"
    fm = split_front_matter(big)
    assert fm.body_start == 0 and "larger than" in fm.warnings[0]
