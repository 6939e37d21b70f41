"""Exports of the seed index and of hostile text: every format read back and checked
against the stored analysis (CSV with the csv module, JSON Lines, qdpx unzipped and
validated against the REFI-QDA schema)."""
from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from conftest import ROOT, SHARED
from reader.analysis.record import ArticleRecord, Entity, Quote
from reader.export import rows as R
from reader.export.job import ExportCancelled, ExportRequest, run_export
from reader.export.qdpx import plain_text
from reader.export.selection import paths_selection, quotes_selection, search_selection
from reader.export.spec import Format, What
from reader.export.naming import canonical_names
from reader.names.contribution import entity_key
from reader.search.articles import entity_counts, iter_articles
from reader.search.quotes import read_quotes
from reader.search.store import open_index
from reader.search.view import IndexView

XSD = SHARED / "refi-qda" / "Project.xsd"
NS = {"q": "urn:QDA-XML:project:1.0"}


@pytest.fixture(scope="module")
def view(seed_index):
    v = IndexView(open_index(seed_index))
    yield v
    v.close()


def everything(view):
    return search_selection(view, "")[0]


def export(view, selection, what, fmt, path, **kw):
    return run_export(view, selection, ExportRequest(What(what), Format(fmt), path, **kw))


def stored(view):
    return list(iter_articles(view, everything(view).docnums))


def panel_speakers(view) -> dict[tuple[str, int], str]:
    """(path, quote index) -> the speaker as the quotes panel names it (the library's name table)."""
    return {(q.path, q.quote_index): q.speaker for n in everything(view).docnums for q in read_quotes(view, n)}


def statements_of(article):
    return [(i, q) for i, q in enumerate(article.record.quotes) if R.statement_kind(q)]


# -- CSV -------------------------------------------------------------------------------

def test_quotes_csv_round_trips_every_statement_of_the_seeds(view, tmp_path):
    target = tmp_path / "quotes.csv"
    report = export(view, everything(view), "quotes", "csv", target)
    with open(target, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    articles = stored(view)
    expected = [(a.path, i, q) for a in articles for i, q in statements_of(a)]
    assert report.rows == len(rows) == len(expected) > 30 and report.articles == 5
    assert tuple(rows[0]) == R.QUOTE_COLUMNS
    bodies = {a.path: a.body for a in articles}
    panel = panel_speakers(view)
    for row, (path, index, quote) in zip(rows, expected):
        assert (row["path"], int(row["quote_index"]), row["text"]) == (path, index, quote.text)
        assert bodies[path][int(row["start"]):int(row["end"])] == row["text"]
        assert row["kind"] in ("direct", "mixed", "indirect")
        assert row["speaker"] == (panel[(path, index)] if quote.speaker else "")  # one name per speaker
        assert float(row["confidence"]) == pytest.approx(quote.confidence, abs=1e-3)
    assert {r["outlet"] for r in rows} >= {"Deutsche Welle", "Bol News"}
    assert all(r["lean"] for r in rows) and any(r["ownership"] for r in rows)


def test_csv_is_rfc4180_with_crlf_and_an_optional_bom(view, tmp_path):
    plain, bom = tmp_path / "a.csv", tmp_path / "b.csv"
    export(view, everything(view), "articles", "csv", plain)
    export(view, everything(view), "articles", "csv", bom, bom=True)
    data = plain.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf") and bom.read_bytes() == b"\xef\xbb\xbf" + data
    assert data.count(b"\r\n") == 6 and data.endswith(b"\r\n")  # header + 5 articles
    rows = list(csv.DictReader(io.StringIO(bom.read_text(encoding="utf-8-sig"), newline="")))
    assert tuple(rows[0]) == R.ARTICLE_COLUMNS and len(rows) == 5


def test_articles_rows_count_what_the_records_hold(view, tmp_path):
    target = tmp_path / "articles.jsonl"
    export(view, everything(view), "articles", "jsonl", target)
    rows = {r["path"]: r for r in map(json.loads, target.read_text(encoding="utf-8").splitlines())}
    panel = panel_speakers(view)
    for article in stored(view):
        row = rows[article.path]
        said = statements_of(article)
        assert row["schema"] == "parallax.articles/1"
        assert row["quotes"] == len(said) and row["entities"] == len(article.record.entities)
        assert row["speakers"] == len({panel[(article.path, i)] for i, q in said if q.speaker})
        assert (row["title"], row["outlet"], row["kind"]) == (article.title, article.outlet, article.kind)
        assert row["article_id"] == article.sha[:16] and len(row["article_id"]) == 16


def test_entities_count_articles_per_outlet(view, tmp_path):
    target = tmp_path / "entities.csv"
    export(view, everything(view), "entities", "csv", target)
    with open(target, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    per_outlet = [c for c in rows[0] if c.startswith(R.OUTLET_COLUMN_PREFIX)]
    assert len(per_outlet) == 5  # five seed outlets, one article each
    khan = next(r for r in rows if r["name"] == "Imran Khan")
    assert khan["type"] == "person" and khan["articles"] == "5" and "Khan" in khan["aliases"].split("; ")
    for row in rows:
        assert int(row["articles"]) == sum(int(row[c]) for c in per_outlet)
        assert int(row["outlets"]) == sum(int(row[c]) > 0 for c in per_outlet)
        assert row["name"] not in row["aliases"].split("; ")
    # the entities panel's canonical rows, less the speakers the analysis did not tag as entities
    table = view.names().table
    tagged = {table.canonical(entity_key(e.type, e.name), a.outlet) for a in stored(view) for e in a.record.entities}
    panel = {(e.type, e.name): e.count for e in entity_counts(view) if e.key in tagged}
    assert {(r["type"], r["name"]): int(r["articles"]) for r in rows} == panel


# -- JSON Lines ---------------------------------------------------------------------------

def test_quotes_jsonl_has_a_schema_on_every_line_and_the_csv_values(view, tmp_path):
    as_csv, as_jsonl = tmp_path / "q.csv", tmp_path / "q.jsonl"
    export(view, everything(view), "quotes", "csv", as_csv)
    export(view, everything(view), "quotes", "jsonl", as_jsonl)
    lines = as_jsonl.read_text(encoding="utf-8").split("\n")
    assert lines[-1] == ""
    objects = [json.loads(line) for line in lines[:-1]]
    with open(as_csv, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(objects) == len(rows)
    for obj, row in zip(objects, rows):
        assert obj["schema"] == "parallax.quotes/1" and list(obj)[1:] == list(R.QUOTE_COLUMNS)
        assert isinstance(obj["start"], int) and isinstance(obj["confidence"], float)
        assert {k: "" if v is None else str(v) for k, v in obj.items() if k != "schema"} == row


# -- REFI-QDA -----------------------------------------------------------------------------

def read_qdpx(path: Path):
    from lxml import etree

    archive = zipfile.ZipFile(path)
    root = etree.fromstring(archive.read("project.qde"))
    if XSD.is_file():
        etree.XMLSchema(etree.parse(str(XSD))).assertValid(root)
    texts = {}
    for src in root.iterfind(".//q:TextSource", NS):
        name = src.get("plainTextPath").removeprefix("internal://")
        raw = archive.read(f"Sources/{name}")
        assert not raw.startswith(b"\xef\xbb\xbf")
        texts[src.get("guid")] = raw.decode("utf-8")
    return root, texts


def selections(root, texts):
    """(source guid, selected text, code names) of every selection."""
    codes = {c.get("guid"): c for c in root.iterfind(".//q:CodeBook//q:Code", NS)}
    out = []
    for src in root.iterfind(".//q:TextSource", NS):
        text = texts[src.get("guid")]
        for sel in src.iterfind("q:PlainTextSelection", NS):
            start, end = int(sel.get("startPosition")), int(sel.get("endPosition"))
            coded = [codes[c.get("targetGUID")] for c in sel.iterfind("q:Coding/q:CodeRef", NS)]
            out.append((src.get("guid"), text[start:end], coded))
    return out


@pytest.mark.skipif(not XSD.is_file(), reason="../shared/refi-qda/Project.xsd is not here")
def test_seed_quotes_qdpx_validates_and_every_selection_is_its_quote(view, tmp_path):
    target = tmp_path / "seeds.qdpx"
    report = export(view, everything(view), "quotes", "qdpx", target)
    root, texts = read_qdpx(target)
    articles = stored(view)
    assert sorted(texts.values()) == sorted(a.body for a in articles)  # "\n" line ends already
    found = selections(root, texts)
    expected = Counter(q.text for a in articles for _, q in statements_of(a))
    assert Counter(text for _, text, _ in found) == expected and report.rows == sum(expected.values())
    for _, _, coded in found:
        speaker, kind = coded
        assert kind.get("name") in ("direct", "mixed", "indirect") and kind.get("isCodable") == "true"
        group = speaker.getparent()
        assert group.get("name") in ("People", "Organisations", "Documents", "Unknown speaker type")
        assert group.getparent().get("name") == "Speakers" and group.get("isCodable") == "false"
    # metadata as variables on each source, and each outlet a case holding its article
    outlet_var = next(v for v in root.iterfind(".//q:Variables/q:Variable", NS) if v.get("name") == "Outlet")
    values = [vv.findtext("q:TextValue", namespaces=NS) for vv in root.iterfind(".//q:TextSource/q:VariableValue", NS)
              if vv.find("q:VariableRef", NS).get("targetGUID") == outlet_var.get("guid")]
    assert sorted(values) == sorted(a.outlet for a in articles)
    cases = {c.get("name"): len(c.findall("q:SourceRef", NS)) for c in root.iterfind(".//q:Case", NS)}
    assert cases == {a.outlet: 1 for a in articles}


@pytest.mark.skipif(not XSD.is_file(), reason="../shared/refi-qda/Project.xsd is not here")
@pytest.mark.parametrize("what", ["articles", "entities"])
def test_articles_and_entities_qdpx_validate(view, tmp_path, what):
    target = tmp_path / f"{what}.qdpx"
    export(view, everything(view), what, "qdpx", target)
    root, texts = read_qdpx(target)
    assert len(texts) == 5
    found = selections(root, texts)
    if what == "articles":
        assert found == [] and root.find("q:CodeBook", NS) is None
        return
    names = canonical_names(view)
    entities: dict[str, set[str]] = {}
    for a in stored(view):
        for e in a.record.entities:
            entities.setdefault(names.entity(e, a), set()).update(a.body[s:t] for s, t in e.mentions)
    assert found and all(text in entities[code.get("name")] for _, text, (code,) in found)


def test_exporting_twice_gives_the_same_project(view, tmp_path):
    first, second = tmp_path / "1.qdpx", tmp_path / "2.qdpx"
    export(view, everything(view), "quotes", "qdpx", first)
    export(view, everything(view), "quotes", "qdpx", second)
    a, b = zipfile.ZipFile(first), zipfile.ZipFile(second)
    assert sorted(a.namelist()) == sorted(b.namelist())

    def stable(data: bytes) -> bytes:
        return re.sub(rb'creationDateTime="[^"]*"', b"", data)

    assert stable(a.read("project.qde")) == stable(b.read("project.qde"))


# -- selections -----------------------------------------------------------------------------

def test_export_covers_the_same_result_set_as_search(view, tmp_path):
    from reader.search.query import search

    selection, message = search_selection(view, "pipeline", ())
    hits = search(view, "pipeline", limit=None)
    assert message == "" and [view.path(n) for n in selection.docnums] == [h.path for h in hits.hits]
    target = tmp_path / "pipeline.jsonl"
    export(view, selection, "articles", "jsonl", target)
    assert [json.loads(x)["path"] for x in target.read_text(encoding="utf-8").splitlines()] == \
        [h.path for h in hits.hits]
    only_price, _ = search_selection(view, "", ["person:ned price"])
    assert [Path(view.path(n)).name[:3] for n in only_price.docnums] == ["000"]


def test_a_story_term_exports_just_that_storys_articles(seed_index, tmp_path):
    import shutil

    from reader.stories.library import open_stories

    location = tmp_path / "library"
    shutil.copytree(seed_index, location)  # the stories table is written beside the index
    table = open_stories(location)
    story = max(set(table.stories), key=lambda s: len(table.members(s)))
    v = IndexView(open_index(location))
    try:
        selection, message = search_selection(v, f"story:{story}")
        target = tmp_path / "story.jsonl"
        export(v, selection, "articles", "jsonl", target)
    finally:
        v.close()
    rows = [json.loads(x) for x in target.read_text(encoding="utf-8").splitlines()]
    assert message == "" and sorted(r["path"] for r in rows) == sorted(table.members(story))


def test_chosen_statements_and_articles_are_exported_alone(view, tmp_path):
    dw = next(a for a in stored(view) if a.outlet == "Deutsche Welle")
    (i, q), (j, r) = statements_of(dw)[:2]
    target = tmp_path / "two.jsonl"
    export(view, quotes_selection(view, [(dw.path, j), (dw.path, i)]), "quotes", "jsonl", target)
    rows = [json.loads(x) for x in target.read_text(encoding="utf-8").splitlines()]
    assert [(x["quote_index"], x["text"]) for x in rows] == [(i, q.text), (j, r.text)]
    both = paths_selection(view, [dw.path, "/no/such/article.txt"])
    assert len(both) == 1


# -- hostile text -----------------------------------------------------------------------------

HOSTILE = ("Title: Ein Bericht, 报道 und “Zitate”\r\n\r\n"
           "Die Sprecherin sagte: \"Wir, die Leute, sagen \"\"nein\"\"\r\nund gehen.\"\r\n"
           "Li Wei 说：“我们不会让步，𠀋𠀌 😀 سنواصل العمل”\r\n"
           "Ahmed said: “Comma, \"double\" and 'single' — नमस्ते 🇵🇰”\n"
           "Eve wrote: “a terminal \x1b]0;owned\x07 escape and a \u202eoverride”\n")
SPOKEN = [('Wir, die Leute, sagen ""nein""\r\nund gehen.', "Die Sprecherin"),
          ("我们不会让步，𠀋𠀌 😀 سنواصل العمل", "Li Wei"),
          ("Comma, \"double\" and 'single' — नमस्ते 🇵🇰", "Ahmed"),
          ("a terminal \x1b]0;owned\x07 escape and a \u202eoverride", "Eve")]


def hostile_analyzer(items):
    for key, text, _hints in items:
        record = ArticleRecord(file=key, title="Ein Bericht, 报道 und “Zitate”", outlet="Bol News",
                               published="2022-02-24", url="https://example.org/a,b?q=\"x\"")
        for words, speaker in SPOKEN:
            start = text.index(words)
            said = text.index(speaker)
            record.quotes.append(Quote(start=start, end=start + len(words), text=words, kind="direct",
                                       speaker=speaker, speaker_type="person", cue="said", confidence=0.9,
                                       source_start=said, source_end=said + len(speaker)))
        at = text.index("Li Wei")
        record.entities.append(Entity("Li Wei", "person", ["Li Wei", "李伟"], [(at, at + len("Li Wei"))]))
        yield record


@pytest.fixture(scope="module")
def hostile_location(tmp_path_factory):
    from reader.search.indexer import update_index
    from ui_helpers import simple_resolver

    folder = tmp_path_factory.mktemp("hostile")
    (folder / "hostile.txt").write_bytes(HOSTILE.encode("utf-8"))
    location = folder / "index"
    update_index(location, [folder / "hostile.txt"], analyzer=hostile_analyzer, resolver=simple_resolver)
    return location


@pytest.fixture(scope="module")
def hostile_view(hostile_location):
    v = IndexView(open_index(hostile_location))
    yield v
    v.close()


def test_commas_newlines_quotation_marks_and_other_scripts_survive_csv(hostile_view, tmp_path):
    target = tmp_path / "hostile.csv"
    export(hostile_view, everything(hostile_view), "quotes", "csv", target, bom=True)
    with open(target, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["text"], r["speaker"], r["speaker_as_written"]) for r in rows] == \
        [(w, s, s) for w, s in SPOKEN]
    assert {r["title"] for r in rows} == {"Ein Bericht, 报道 und “Zitate”"}
    assert {r["url"] for r in rows} == {"https://example.org/a,b?q=\"x\""}
    body = next(iter_articles(hostile_view, everything(hostile_view).docnums)).body
    assert all(body[int(r["start"]):int(r["end"])] == r["text"] for r in rows)


def test_hostile_text_survives_jsonl_one_object_a_line(hostile_view, tmp_path):
    target = tmp_path / "hostile.jsonl"
    export(hostile_view, everything(hostile_view), "quotes", "jsonl", target)
    lines = target.read_text(encoding="utf-8").splitlines()  # splitlines breaks at \u2028 too
    assert [json.loads(x)["text"] for x in lines] == [w for w, _ in SPOKEN]


@pytest.mark.skipif(not XSD.is_file(), reason="../shared/refi-qda/Project.xsd is not here")
def test_qdpx_offsets_count_code_points_and_survive_crlf(hostile_view, tmp_path):
    target = tmp_path / "hostile.qdpx"
    export(hostile_view, everything(hostile_view), "quotes", "qdpx", target)
    root, texts = read_qdpx(target)
    (text,) = texts.values()
    assert "\r" not in text and text == HOSTILE.replace("\r\n", "\n")
    assert [t for _, t, _ in selections(root, texts)] == [w.replace("\r\n", "\n") for w, _ in SPOKEN]
    # an astral-plane character is one position: the selection after 𠀋𠀌 😀 starts where
    # Python (and QualCoder) count, not where UTF-16 would (two units each)
    starts = [int(s.get("startPosition")) for s in root.iterfind(".//q:PlainTextSelection", NS)]
    at = text.index("Comma,")
    assert starts[2] == at and len(text[:at].encode("utf-16-le")) // 2 == at + 3  # 𠀋 𠀌 😀


def test_a_terminal_gets_escapes_and_a_pipe_the_exact_text(hostile_location, tmp_path):
    import pty

    args = [sys.executable, "-m", "reader", "export", "--index", str(hostile_location), "--format", "jsonl"]
    env = {**os.environ, "PARALLAX_HOME": str(tmp_path)}
    piped = subprocess.run(args, cwd=ROOT, capture_output=True, timeout=300, env=env)
    assert piped.returncode == 0 and [json.loads(x)["text"] for x in piped.stdout.decode().splitlines()] \
        == [w for w, _ in SPOKEN]  # the data exactly (JSON spells ESC and U+202E as escapes)
    leader, follower = pty.openpty()
    shown = subprocess.run(args[:-2] + ["--format", "csv"], cwd=ROOT, stdout=follower, stderr=subprocess.PIPE,
                           timeout=300, env=env)
    os.close(follower)
    out = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    os.close(leader)
    assert shown.returncode == 0, shown.stderr
    assert b"\x1b" not in out and b"\\x1b]0;owned\\x07" in out and "\u202e".encode() not in out


def test_plain_text_moves_offsets_past_each_dropped_carriage_return():
    body = "a\r\nb\rc\r\n\r\nd"
    text, moved = plain_text(body)
    assert text == "a\nb\nc\n\nd"
    for i, ch in enumerate(body):
        if ch != "\r" or body[i + 1:i + 2] != "\n":
            assert text[moved(i)] == ("\n" if ch == "\r" else ch)
    assert moved(len(body)) == len(text)


# -- atomic output ---------------------------------------------------------------------------

def test_a_cancelled_export_leaves_nothing_behind(view, tmp_path):
    target = tmp_path / "out" / "quotes.qdpx"
    seen = []
    with pytest.raises(ExportCancelled):
        run_export(view, everything(view), ExportRequest(What.QUOTES, Format.QDPX, target),
                   progress=lambda done, total, _t: seen.append(done), cancelled=lambda: len(seen) >= 2)
    assert seen == [1, 2] and list(target.parent.iterdir()) == []


def test_a_cancelled_or_failed_export_keeps_the_earlier_file(view, tmp_path, monkeypatch):
    target = tmp_path / "quotes.csv"
    target.write_text("my earlier export\n", encoding="utf-8")
    with pytest.raises(ExportCancelled):
        run_export(view, everything(view), ExportRequest(What.QUOTES, Format.CSV, target),
                   cancelled=lambda: True)

    def broken(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(R, "quote_rows", broken)
    with pytest.raises(OSError):
        export(view, everything(view), "quotes", "csv", target)
    assert target.read_text(encoding="utf-8") == "my earlier export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["quotes.csv"]


def test_new_exports_get_the_usual_permissions(view, tmp_path):
    target = tmp_path / "a.jsonl"
    export(view, everything(view), "articles", "jsonl", target)
    mask = os.umask(0o022)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask


# -- command line -----------------------------------------------------------------------------

def parallax(*args, home):
    return subprocess.run([sys.executable, "-m", "reader", *args], cwd=ROOT, capture_output=True,
                          timeout=300, env={**os.environ, "PARALLAX_HOME": str(home)})


def test_cli_exports_the_seed_quotes_to_a_qdpx_and_jsonl_to_stdout(seed_index, tmp_path):
    target = tmp_path / "seeds.qdpx"
    out = parallax("export", "--index", str(seed_index), "--what", "quotes", "--format", "qdpx",
                   "-o", str(target), home=tmp_path)
    assert out.returncode == 0, out.stderr
    assert b"Exported" in out.stderr and zipfile.is_zipfile(target)
    out = parallax("export", "--index", str(seed_index), "--what", "articles", "--format", "jsonl",
                   "kind:opinion", home=tmp_path)
    assert out.returncode == 0, out.stderr
    rows = [json.loads(x) for x in out.stdout.decode("utf-8").splitlines()]
    assert sorted(Path(r["path"]).name[:3] for r in rows) == ["003", "004"]


def test_cli_csv_to_stdout_keeps_crlf_and_the_format_follows_the_suffix(seed_index, tmp_path):
    out = parallax("export", "--index", str(seed_index), "--what", "entities", "--bom", home=tmp_path)
    assert out.returncode == 0 and out.stdout.startswith(b"\xef\xbb\xbfname,type,aliases,")
    assert out.stdout.count(b"\r\n") == out.stdout.count(b"\n")
    target = tmp_path / "a.jsonl"
    out = parallax("export", "--index", str(seed_index), "-o", str(target), home=tmp_path)
    assert out.returncode == 0 and json.loads(target.read_text(encoding="utf-8").splitlines()[0])["schema"]


@pytest.mark.parametrize("args, says", [
    (["--format", "qdpx"], "-o FILE.qdpx"),
    (["--format", "jsonl", "--bom"], "CSV files only"),
    (["NOT"], "needs a term on both sides"),
])
def test_cli_says_what_is_wrong(seed_index, tmp_path, args, says):
    out = parallax("export", "--index", str(seed_index), *args, home=tmp_path)
    assert out.returncode == 2 and says in out.stderr.decode("utf-8"), out.stderr


@pytest.mark.parametrize("what", ["quotes", "articles", "entities"])
def test_an_empty_result_set_gives_a_header_or_an_empty_valid_project(view, tmp_path, what):
    nothing, _ = search_selection(view, "zzzqqqxyz")
    assert len(nothing) == 0
    export(view, nothing, what, "csv", tmp_path / "empty.csv")
    with open(tmp_path / "empty.csv", encoding="utf-8", newline="") as fh:
        assert len(list(csv.reader(fh))) == 1  # the header alone
    export(view, nothing, what, "jsonl", tmp_path / "empty.jsonl")
    assert (tmp_path / "empty.jsonl").read_bytes() == b""
    if XSD.is_file():
        root, texts = read_qdpx(export(view, nothing, what, "qdpx", tmp_path / "empty.qdpx").path)
        assert texts == {} and root.find("q:Sources", NS) is None
