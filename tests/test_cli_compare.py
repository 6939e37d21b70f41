"""``parallax compare``: voices, shared-words groups with relations and word diffs, coverage."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT


def run_compare(index, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reader", "compare", "--index", str(index), *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def seed_json(seed_index):
    out = run_compare(seed_index, "--json", "--kwic", "Putin")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_json_has_its_schema_voices_groups_and_coverage(seed_json):
    data = seed_json
    assert data["schema"] == "parallax.compare/1" and data["query"] == ""
    assert len(data["articles"]) == 5
    cov = data["coverage"]
    assert cov["articles"] == 5 and len(cov["outlets"]) == 5 and cov["kinds"]["opinion"] == 2
    assert all({"outlet", "label", "lean", "bias", "ownership", "kinds"} <= o.keys() for o in cov["outlets"])
    speakers = {s["speaker"]: s for s in data["voices"]["speakers"]}
    khan = speakers["Imran Khan"]
    quoting = {o for o, c in khan["cells"].items() if c["direct"] or c["mixed"]}  # his words in quotation marks
    assert quoting >= {"Deutsche Welle", "Radio Free Europe/Radio Liberty", "Bol News"}
    dw = khan["cells"]["Deutsche Welle"]
    assert (dw["direct"], dw["words"], dw["named_as"][0]) == (1, 9, "Imran Khan")  # his reported speech adds no words
    every = {o["outlet"] for o in cov["outlets"]}
    assert set(khan["mentioned_by"]) == every - set(khan["cells"])  # named, not quoted nor reported
    assert {o["outlet"] for o in data["voices"]["outlets"]} == {o["outlet"] for o in cov["outlets"]}
    relations = {(m["outlet"], m["relation"]) for g in data["groups"] for m in g["members"]}
    assert ("Radio Free Europe/Radio Liberty", "trimmed") in relations
    excitement = next(g for g in data["groups"] if any("excitement" in m["text"] for m in g["members"]))
    rfe = next(m for m in excitement["members"] if m["relation"] == "trimmed")
    assert [d["op"] for d in rfe["diff"]] == ["cut", "same"]
    assert rfe["quote_index"] >= 0 and rfe["named_as"] == "Imran Khan"
    assert data["kwic"]["entity"] == "Putin" and len(data["kwic"]["lines"]) >= 20


def test_text_output_names_the_outlets_and_the_relations(seed_index):
    out = run_compare(seed_index)
    assert out.returncode == 0, out.stderr
    assert "5 articles from 5 outlets" in out.stdout
    assert "Voices" in out.stdout and "Shared words: " in out.stdout
    assert "trimmed" in out.stdout and "So much excitement" in out.stdout


def test_a_query_narrows_the_selection_and_no_match_is_an_error(seed_index):
    out = run_compare(seed_index, "--json", "outlet:dw OR outlet:rfe")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert {a["outlet"] for a in data["articles"]} == {"Deutsche Welle", "Radio Free Europe/Radio Liberty"}
    assert data["query"] == "outlet:dw OR outlet:rfe"
    missing = run_compare(seed_index, "zzzxqnotaword")
    assert missing.returncode == 2 and "no article matches" in missing.stderr
