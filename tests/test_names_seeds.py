"""The seed library through the name table: Bol News's one source is one speaker, and every
gold speaker is still right when the quotes are named by the table (scored by the shared
scorer when it is here). Nothing here is tuned to the seeds: the assertions read the gold."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.analysis.statements import quoted_words
from ui_helpers import load_gold

from reader.bench.corpus import shared_data_dir
from reader.search import fields as F
from reader.search.articles import load_article
from reader.search.quotes import read_quotes
from reader.search.store import open_index
from reader.search.view import IndexView

ROOT = Path(__file__).resolve().parents[1]


def _view(seed_index: Path) -> IndexView:
    return IndexView(open_index(seed_index))


def _by_start(view: IndexView, name: str) -> dict[int, tuple[str, str]]:
    """Quote start -> (the table's speaker id, the speaker as the panel shows it) of one seed."""
    docnum = next(n for n in view.all_docnums() if Path(view.path(n)).name == name)
    record = load_article(view, view.path(docnum)).record
    rows = read_quotes(view, docnum)
    return {record.quotes[r.quote_index].start: (r.speaker_id, r.speaker) for r in rows}


def test_the_handout_and_the_office_that_issued_it_are_one_source(seed_index):
    gold = load_gold()
    view = _view(seed_index)
    for name, article in gold.items():
        issuers: dict[str, set] = {}
        for q in article["quotes"]:
            if q.get("speaker_kind") == "document" and q.get("speaker"):
                issuers.setdefault(q["speaker"], set()).add(q["start"])
        shown = _by_start(view, name)
        for speaker, starts in issuers.items():
            found = {shown[s] for s in starts if s in shown}
            if len(starts) > 2:  # Bol News quotes the Prime Minister's Office five times
                assert len(found) == 1, (name, speaker, found)
                (speaker_id, label), = found
                assert speaker_id and label[0].isupper() and "handout" not in label.lower(), found


def _canonical_jsonl(view: IndexView, out: Path) -> Path:
    """``parallax analyze --json`` lines, speakers named as the quotes panel names them."""
    lines = []
    for docnum in view.all_docnums():
        path = view.path(docnum)
        record = load_article(view, path).record
        named = {r.quote_index: r.speaker for r in read_quotes(view, docnum)}
        for i, q in enumerate(record.quotes):
            if i in named and q.speaker:
                q.speaker = named[i]
        # the seed gold marks quotation-marked spans: scored on the records' quoted words
        record.quotes = quoted_words(record.quotes, view.stored(docnum).get(F.BODY) or "")
        data = record.to_json()
        data["file"] = Path(path).name
        lines.append(json.dumps(data, ensure_ascii=False))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def test_every_gold_speaker_is_still_right_under_the_table(seed_index, tmp_path):
    data = shared_data_dir()
    scorer = data.parent / "eval" / "score_quotes.py" if data is not None else None
    gold = data.parent / "gold" / "seeds.json" if data is not None else None
    if scorer is None or not scorer.is_file() or not gold.is_file():
        pytest.skip("../shared/eval/score_quotes.py is not here")
    system = _canonical_jsonl(_view(seed_index), tmp_path / "canonical.jsonl")
    out = subprocess.run([sys.executable, str(scorer), "--system", str(system), "--gold-seeds", str(gold),
                          "--seeds-dir", str(ROOT / "seeds")], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    summary = json.loads(out.stdout.strip().splitlines()[-1])
    assert summary["speaker_acc"] == 1.0 and summary["missing_articles"] == 0, out.stdout[-800:]
    assert summary["f1"] >= 0.98, summary


def test_seed_speakers_and_entities_agree(seed_index):
    """A named speaker's id is an entity of the panel: clicking it finds the article."""
    from reader.search.articles import entity_counts
    from reader.search.query import find

    view = _view(seed_index)
    ids = {e.key for e in entity_counts(view)}
    for docnum in view.all_docnums():
        for row in read_quotes(view, docnum):
            if row.speaker_id:
                assert row.speaker_id in ids, row
                assert docnum in find(view, "", [row.speaker_id]).docnums
    assert view.value(F.OWNERSHIP, view.all_docnums()[0]) != ""
