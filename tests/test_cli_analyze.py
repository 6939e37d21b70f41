"""``parallax analyze``: the --json shape with the statement kinds and offsets, and --kinds."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

ARTICLE = ("Council Weighs The Road Plan\n\n"
           "“We will build the road before winter,” Maria Lopez said on Monday.\n\n"
           "Lopez said the plan was “a matter of safety” for the valley.\n\n"
           "According to officials, the council will vote on the plan next week.\n")


def analyze(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    path = tmp_path / "road.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "reader", "analyze", "-j", "1", *args, str(path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_json_has_the_schema_every_kind_and_the_offsets(tmp_path):
    out = analyze(tmp_path, "--json")
    assert out.returncode == 0, out.stderr
    rec = json.loads(out.stdout)
    assert rec["schema"] == "parallax.analyze/2"
    for q in rec["quotes"]:
        assert ARTICLE[q["start"]:q["end"]] == q["text"]

    def by_cue(kind: str, cue: str) -> dict:
        return next(q for q in rec["quotes"] if q["kind"] == kind and q["cue_start"] is not None
                    and ARTICLE[q["cue_start"]:q["cue_end"]] == cue)

    direct, mixed, indirect = by_cue("direct", "said"), by_cue("mixed", "said"), by_cue("indirect", "According to")
    assert direct["text"] == "We will build the road before winter," and direct["speaker"] == "Maria Lopez"
    assert ARTICLE[direct["cue_start"]:direct["cue_end"]] == "said"
    assert ARTICLE[direct["source_start"]:direct["source_end"]] == "Maria Lopez"
    assert mixed["text"] == "the plan was “a matter of safety” for the valley" and mixed["speaker"] == "Maria Lopez"
    assert indirect["text"] == "the council will vote on the plan next week"
    assert ARTICLE[indirect["cue_start"]:indirect["cue_end"]] == "According to"
    assert ARTICLE[indirect["source_start"]:indirect["source_end"]] == "officials"


def test_kinds_filters_the_statements(tmp_path):
    out = analyze(tmp_path, "--json", "--kinds", "indirect,mixed")
    assert out.returncode == 0, out.stderr
    kinds = {q["kind"] for q in json.loads(out.stdout)["quotes"]}
    assert kinds and kinds <= {"indirect", "mixed"}
    out = analyze(tmp_path, "--kinds", "direct")
    assert out.returncode == 0 and "statements (1 direct, 0 mixed, 0 indirect, 0 scare)" in out.stdout
    assert "Maria Lopez: “We will build the road before winter,”" in out.stdout


def test_an_unknown_kind_is_one_clear_error(tmp_path):
    out = analyze(tmp_path, "--kinds", "direct,partial")
    assert out.returncode == 2
    assert "unknown kind partial; choose from direct, mixed, indirect, scare" in out.stderr
    assert "Traceback" not in out.stderr
