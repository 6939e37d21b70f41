"""``parallax add --records``: analysed records imported without spaCy, each line checked,
the library's rules and the user's corrections applied as for files; and the
``--dask`` options' messages when Dask is missing or cannot be reached."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from records_helpers import SEEDS, bbc_lines, bbc_sample, seed_lines
from reader.cli import main
from reader.search import fields as F


def stored(location: Path) -> dict[str, dict]:
    from reader.search.store import open_index

    with open_index(location).searcher() as s:
        return {d[F.PATH]: d for d in s.all_stored_fields()}


def hits(location: Path, query: str) -> list[str]:
    from reader.search.query import search
    from reader.search.store import open_index

    return [h.path for h in search(open_index(location), query, limit=50).hits]


def write_lines(path: Path, lines) -> Path:
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return path


def test_records_import_equals_adding_the_files(tmp_path, capsys):
    records = write_lines(tmp_path / "seeds.jsonl", seed_lines())
    assert main(["add", "--index", str(tmp_path / "from-records"), "--records", str(records)]) == 0
    assert "added 5, updated 0, skipped 0, refused 0 lines" in capsys.readouterr().out
    assert main(["add", "--index", str(tmp_path / "from-files"), str(SEEDS)]) == 0
    imported, analysed = stored(tmp_path / "from-records"), stored(tmp_path / "from-files")
    assert sorted(imported) == sorted(analysed) and len(imported) == 5
    for path, doc in analysed.items():
        assert {k: v for k, v in imported[path].items() if k != F.INDEXED_AT} == \
               {k: v for k, v in doc.items() if k != F.INDEXED_AT}, path
    assert sorted(hits(tmp_path / "from-records", "Moscow")) == sorted(imported)
    # the same file again: already there, nothing re-imported
    assert main(["add", "--index", str(tmp_path / "from-records"), "--records", str(records)]) == 0
    assert "unchanged 5" in capsys.readouterr().out


def test_the_users_outlet_assignment_and_label_apply_to_imported_records(tmp_path):
    from reader.outlet_overrides import default_registry

    first = json.loads(seed_lines()[0])
    registry = default_registry()
    registry.assign_article(first["sha"], "Al Jazeera")
    registry.set_label("Al Jazeera", "right", note="my own reading")
    records = write_lines(tmp_path / "seeds.jsonl", seed_lines())
    assert main(["add", "--index", str(tmp_path / "ix"), "--records", str(records)]) == 0
    doc = stored(tmp_path / "ix")[first["path"]]
    assert doc[F.OUTLET_NAME] == "Al Jazeera"
    assert doc[F.BIAS] == "right"
    assert hits(tmp_path / "ix", "bias:right") == [first["path"]]


def test_bbc_records_round_trip_into_a_searchable_library(tmp_path):
    lines = bbc_lines(40)
    records = write_lines(tmp_path / "bbc.jsonl", lines)
    assert main(["add", "--index", str(tmp_path / "ix"), "--records", str(records)]) == 0
    docs = stored(tmp_path / "ix")
    assert len(docs) == 40
    for line in lines[::8]:
        data = json.loads(line)
        title = data["record"]["title"]
        assert docs[data["path"]][F.TITLE] == title
        assert data["path"] in hits(tmp_path / "ix", f'title:"{title}"'), title


def _hostile(good: dict) -> list[tuple[str, str]]:
    """(line, the reason it must be refused for) — each a real way a records file goes wrong."""
    def changed(edit) -> str:
        data = json.loads(json.dumps(good))
        edit(data)
        return json.dumps(data)

    text_len = len(good["text"])
    q0 = good["record"]["quotes"][0]
    return [
        ("{not json", "not JSON"),
        ("[1, 2]", "not a JSON object"),
        (changed(lambda d: d.pop("schema")), "no schema field"),
        (changed(lambda d: d.update(schema="parallax.record/9")), "schema is 'parallax.record/9'"),
        (changed(lambda d: d.update(path="relative/article.txt")), "path is missing or not an absolute path"),
        (changed(lambda d: d.pop("text")), "text is missing or empty"),
        (changed(lambda d: d.update(sha="abc")), "sha is not a SHA-256 hex digest"),
        (changed(lambda d: d.update(format="pdf")), "format 'pdf' is not one of"),
        (changed(lambda d: d["record"].update(file="/elsewhere.txt")), "record.file"),
        (changed(lambda d: d["record"]["quotes"][0].update(end=text_len + 5)),
         f"quotes[0].start/end [{q0['start']}, {text_len + 5}] does not fit the text ({text_len} characters)"),
        (changed(lambda d: d["record"]["quotes"][0].update(start=-1)), "quotes[0].start/end [-1,"),
        (changed(lambda d: d["record"]["quotes"][0].update(start=True)), "quotes[0].start/end is not a [start, end] pair"),
        (changed(lambda d: d["record"]["quotes"][0].update(text="words no one wrote")),
         f"quotes[0].text is not the text at [{q0['start']}, {q0['end']}]"),
        (changed(lambda d: d["record"]["quotes"][0].update(kind="rumour")), "quotes[0].kind 'rumour' is not one of"),
        (changed(lambda d: d["record"]["quotes"][0].update(confidence="high")), "quotes[0].confidence is not a number"),
        (changed(lambda d: d["record"]["quotes"][0].update(cue_start=0, cue_end=text_len + 1)),
         "quotes[0].cue_start/cue_end"),
        (changed(lambda d: d["record"]["quotes"][0].update(secret=1)), "quotes[0] has unknown fields: secret"),
        (changed(lambda d: d["record"]["entities"][0].update(type="planet")), "entities[0].type 'planet'"),
        (changed(lambda d: d["record"]["entities"][0].update(mentions=[[0, text_len + 9]])),
         "entities[0].mentions[0]"),
        (changed(lambda d: d["record"].update(kind="gossip")), "record.kind 'gossip'"),
        (changed(lambda d: d["record"].update(boilerplate=[[5, 2]])), "record.boilerplate[0] [5, 2] does not fit"),
        (changed(lambda d: d["record"].update(quotes=[q0] * 20_001)), "record.quotes has 20,001 items"),
        (changed(lambda d: d.update(record="analysed")), "record is missing or not an object"),
    ]


def test_hostile_records_are_refused_with_line_and_reason_and_the_rest_imported(tmp_path, capsys):
    good = [json.loads(line) for line in seed_lines()]
    cases = _hostile(good[0])
    lines = [json.dumps(good[1]), *(line for line, _ in cases), json.dumps(good[2]),
             json.dumps(good[2]), "", json.dumps(good[3])[:-40]]  # a repeat, a blank line, a cut line
    records = write_lines(tmp_path / "mixed.jsonl", lines)
    assert main(["add", "--index", str(tmp_path / "ix"), "--records", str(records)]) == 1
    out = capsys.readouterr().out
    refusals = {int(line.split()[2].rstrip(":")): line for line in out.splitlines() if line.startswith("refused line")}
    for number, (_, reason) in enumerate(cases, start=2):
        assert reason in refusals.get(number, ""), (number, reason, refusals.get(number))
    repeat = len(cases) + 3
    assert f"the same path as line {repeat - 1}" in refusals[repeat]
    assert "not JSON" in refusals[repeat + 2]  # the cut last line (the blank one is passed over)
    assert len(refusals) == len(cases) + 2
    assert f"refused {len(cases) + 2} lines" in out
    assert sorted(stored(tmp_path / "ix")) == sorted([good[1]["path"], good[2]["path"]])


def test_a_records_file_with_nothing_to_import_exits_2(tmp_path, capsys):
    records = write_lines(tmp_path / "bad.jsonl", ['{"schema": "parallax.record/1"}'])
    assert main(["add", "--index", str(tmp_path / "ix"), "--records", str(records)]) == 2
    assert "refused line 1: path is missing" in capsys.readouterr().out
    assert main(["add", "--index", str(tmp_path / "ix"), "--records", str(tmp_path / "none.jsonl")]) == 2
    assert "not a file" in capsys.readouterr().err
    assert main(["add", "--index", str(tmp_path / "ix"), "--records", str(records), str(SEEDS)]) == 2
    assert "not both" in capsys.readouterr().err


def test_dask_not_installed_is_one_line_saying_how_to_install(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    code = main(["analyze", "--dask", "local:2", "--out", str(tmp_path / "r.jsonl"), str(SEEDS)])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert err == ('parallax: --dask needs dask.distributed, which is not installed; '
                   'install it with: pip install "parallax-reader[cluster]"')
    assert not (tmp_path / "r.jsonl").exists()


def test_dask_options_are_checked_before_anything_runs(tmp_path, monkeypatch, capsys):
    from reader.cluster import connect

    out = str(tmp_path / "r.jsonl")
    assert main(["analyze", "--dask", "local:2", str(SEEDS)]) == 2
    assert "give --out FILE" in capsys.readouterr().err
    assert main(["analyze", "--dask", "local:many", "--out", out, str(SEEDS)]) == 2
    assert "write local:N" in capsys.readouterr().err
    monkeypatch.setattr(connect, "CONNECT_TIMEOUT_S", 1)
    assert main(["analyze", "--dask", "tcp://127.0.0.1:9", "--out", out, str(SEEDS)]) == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in capsys.readouterr().err
    assert main(["analyze", "--out", str(tmp_path), str(SEEDS)]) == 2
    assert "is a folder" in capsys.readouterr().err
    assert main(["analyze", "--out", str(tmp_path / "no" / "r.jsonl"), str(SEEDS)]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_the_default_install_does_not_need_dask():
    import subprocess

    code = ("import sys; sys.modules['distributed'] = None; sys.modules['dask'] = None\n"
            "import reader.cli.cmd_analyze, reader.cli.cmd_add, reader.cli.add_records\n"
            "import reader.cli.analyze_records, reader.cluster.run, reader.cluster.dispatch\n"
            "print('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "ok", out.stderr


def test_a_line_stays_one_line_and_round_trips_exactly():
    from reader.analysis.record import ArticleRecord, Entity, Quote
    from reader.cluster.records import dumps, parse_line, to_line
    from reader.sources import SourceDocument

    text = "Aide said \u2028“stay\u202e calm” \x85 today.\nMore."
    start = text.index("“") + 1
    end = text.index("”")
    source = SourceDocument(Path("/corpus/a.txt"), text, "a" * 64, "text", {"outlet": "DW"}, ["read as Latin-1"])
    record = ArticleRecord(file="/corpus/a.txt", title="Aide", quotes=[
        Quote(start, end, text[start:end], "direct", "Aide", "person", "said", 0.9, 5, 9, 0, 4)],
        entities=[Entity("Aide", "person", [], [(0, 4)])], boilerplate=[(len(text) - 5, len(text))])
    line = dumps(to_line(source, record))
    assert "\n" not in line and "\u2028" not in line and "\u202e" not in line and "\x85" not in line
    assert len(line.splitlines()) == 1
    back, rec = parse_line(line)
    assert (back.path, back.text, back.sha, back.format, back.hints, back.warnings) == \
           (source.path, text, source.sha, "text", {"outlet": "DW"}, ["read as Latin-1"])
    assert rec.to_json() == record.to_json()


def test_an_interrupted_run_keeps_its_lines_in_part_and_the_earlier_file_whole(tmp_path):
    from reader.analysis.record import ArticleRecord
    from reader.cluster.run import write_records_file

    out = tmp_path / "records.jsonl"
    out.write_text("the earlier run\n", encoding="utf-8")

    def analyzer(items):
        for n, (path, text, _hints) in enumerate(items):
            if n == 3:
                raise KeyboardInterrupt
            yield ArticleRecord(file=path, title=text.splitlines()[0])

    with pytest.raises(KeyboardInterrupt):
        write_records_file([SEEDS], out, analyzer, say=lambda _: None)
    assert out.read_text(encoding="utf-8") == "the earlier run\n"
    part = [json.loads(line) for line in (tmp_path / "records.jsonl.part").read_text(encoding="utf-8").splitlines()]
    assert [p["path"] for p in part] == [str(p.resolve()) for p in sorted(SEEDS.glob("*.txt"))[:3]]
