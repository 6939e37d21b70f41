"""tools/polnear_agreement.py: the second annotator scored against the first with the shared scorer."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import SHARED

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from polnear import relations  # noqa: E402
from polnear_agreement import agreement, scorer  # noqa: E402

TEXT = 'The mayor said the bridge would close in May. "It is unsafe," she added.\n'
FIRST = ("T1\tContent 15 44\nT2\tCue 10 14\nE1\tAttribution:T2 Content:T1 Cue:T2\n"
         "T3\tContent 47 59\nT4\tCue 66 71\nE2\tAttribution:T4 Content:T3 Cue:T4\n")


def _brat(tmp_path: Path, second: str) -> Path:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "a_ann1.ann").write_text(FIRST, encoding="utf-8")
    (tmp_path / "attributions" / "a_ann2.ann").write_text(second, encoding="utf-8")
    (tmp_path / "text" / "b.txt").write_text(TEXT, encoding="utf-8")  # annotated once: not counted
    (tmp_path / "attributions" / "b_ann1.ann").write_text(FIRST, encoding="utf-8")
    return tmp_path


@pytest.fixture
def sc():
    if not (SHARED / "eval" / "score_quotes.py").exists():
        pytest.skip("../shared/eval/score_quotes.py is not here")
    return scorer(SHARED)


def test_two_annotators_who_agree_score_one(sc, tmp_path):
    got = agreement(sc, _brat(tmp_path, FIRST))
    assert got["articles"] == 1 and got["first"] == got["second"] == 2
    assert got["strict_f1"] == got["lenient_f1"] == 1.0


def test_a_content_cut_short_is_lenient_but_not_strict(sc, tmp_path):
    # the second annotator ends the indirect content at "close": 22 of its 29 characters
    second = FIRST.replace("Content 15 44", "Content 15 37")
    got = agreement(sc, _brat(tmp_path, second))
    assert got["strict"] == 1 and got["lenient"] == 2
    assert got["strict_f1"] == 0.5 and got["lenient_f1"] == 1.0
    assert got["indirect_strict_f1"] == 0.0  # the quotation still agrees; the indirect content does not


def test_an_attribution_above_its_spans_is_read(tmp_path):
    # a few PolNeAR files list an attribution before the lines of the spans it names
    ann = tmp_path / "a_ann1.ann"
    ann.write_text("E1\tAttribution:T2 Content:T1 Cue:T2\nT1\tContent 15 44\nT2\tCue 10 14\n", encoding="utf-8")
    (rel,) = relations(ann)
    assert rel.content == [(15, 44)] and rel.cue == [(10, 14)] and rel.source == []
