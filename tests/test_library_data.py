"""Trustworthy library data on real articles: metadata only from evidence.

200 BBC News files name no outlet anywhere, so none may get one, until the
user says ``--outlet "BBC News"``. 300 Article-Bias-Prediction articles
written as ``.md`` and ``.txt`` with front matter must get outlet, title and
ISO date from it, and none of its lines may become a quote. Metadata goes
through the real loader, detection, registry and index; the spaCy parse is
replaced by ``metadata_analyzer`` where no field depends on it, and used for
real where a claim does (quotes, ``parallax analyze``).
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from real_corpora import ABP, BBC, abp_files, bbc_sample, metadata_analyzer

from conftest import ROOT
from reader.analysis.pipeline import analyze_doc, analyze_paths
from reader.outlet_overrides import default_registry
from reader.search import fields as F
from reader.search.articles import load_article
from reader.search.indexer import update_index
from reader.search.maintenance import rebuild
from reader.search.store import open_index

pytestmark = pytest.mark.skipif(not (BBC.is_dir() and ABP.is_file()), reason="../shared/data is not here")


@pytest.fixture(autouse=True)
def _fresh_registry():
    default_registry.cache_clear()
    yield
    default_registry.cache_clear()


@pytest.fixture(scope="module")
def bbc(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bbc")
    assert len(bbc_sample(folder, 200)) == 200
    return folder


@pytest.fixture(scope="module")
def abp(tmp_path_factory) -> tuple[Path, dict[str, dict]]:
    folder = tmp_path_factory.mktemp("abp")
    expected = abp_files(folder, 300)
    assert len(expected) == 600
    return folder, {str(p.resolve()): e for p, e in expected.items()}


def stored_rows(location: Path) -> list[dict]:
    with open_index(location).searcher() as s:
        return [dict(stored, record=json.loads(stored[F.RECORD])) for stored in s.all_stored_fields()]


def no_analysis(items):
    for _item in items:
        raise AssertionError("setting an outlet must not re-run analysis")
    yield from ()


def test_bbc_articles_get_no_outlet_until_the_user_names_it(bbc, tmp_path):
    location = tmp_path / "library"
    report = update_index(location, [bbc], analyzer=metadata_analyzer)
    assert len(report.added) == 200 and not report.skipped
    rows = stored_rows(location)
    for row in rows:
        assert row[F.OUTLET_NAME] == "" and row[F.BIAS] == "unknown", (row[F.PATH], row[F.OUTLET_NAME])
        assert row["record"]["outlet"] is None and "outlet" not in row["record"]["meta_sources"]
        first_line = Path(row[F.PATH]).read_text(encoding="utf-8", errors="replace").split("\n")[0].strip()
        assert row[F.TITLE] == first_line and row["record"]["meta_sources"]["title"] == "text-pattern"
        assert row[F.PUBLISHED] == ""  # no file states its date
    again = update_index(location, [bbc], outlet="BBC News", analyzer=no_analysis)
    assert len(again.updated) == 200 and not again.added
    for row in stored_rows(location):
        assert (row[F.OUTLET_NAME], row[F.BIAS]) == ("BBC News", "center"), row[F.PATH]
        assert row["record"]["meta_sources"]["outlet"] == "user"
    rebuild(location, analyzer=metadata_analyzer)  # the user's word survives re-analysis
    assert {(r[F.OUTLET_NAME], r[F.BIAS]) for r in stored_rows(location)} == {("BBC News", "center")}


def test_a_bbc_batch_added_with_its_outlet_is_bbc_news_center_throughout(bbc, tmp_path):
    location = tmp_path / "library"
    report = update_index(location, [bbc], outlet="BBC News", analyzer=metadata_analyzer)
    assert len(report.added) == 200
    assert {(r[F.OUTLET_NAME], r[F.BIAS]) for r in stored_rows(location)} == {("BBC News", "center")}


def test_the_cli_outlet_and_kind_options_with_the_real_analysis(bbc, tmp_path):
    few = tmp_path / "few"
    few.mkdir()
    for src in sorted((bbc / "politics").glob("*.txt"))[:4]:
        (few / src.name).write_bytes(src.read_bytes())
    location = tmp_path / "library"
    out = subprocess.run([sys.executable, "-m", "reader", "add", "--index", str(location),
                          "--outlet", "BBC News", "--kind", "news", str(few)],
                         cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[-1] == "added 4, updated 0, skipped 0"
    search = subprocess.run([sys.executable, "-m", "reader", "search", "--index", str(location), "--json",
                             "--limit", "10", "bias:center"], cwd=ROOT, capture_output=True, text=True,
                            timeout=300)
    hits = json.loads(search.stdout)["hits"]
    assert len(hits) == 4 and {h["outlet"] for h in hits} == {"BBC News"}


def test_abp_front_matter_gives_outlet_title_and_iso_date_for_every_article(abp, tmp_path):
    folder, expected = abp
    location = tmp_path / "library"
    report = update_index(location, [folder], analyzer=metadata_analyzer)
    assert len(report.added) == 600 and not report.skipped
    for row in stored_rows(location):
        want, record = expected[row[F.PATH]], row["record"]
        assert record["outlet"] == want["outlet"], row[F.PATH]
        assert row[F.TITLE] == want["title"] and row[F.PUBLISHED] == want["published"], row[F.PATH]
        sources = record["meta_sources"]
        assert sources["title"] == sources["published"] == "front-matter"
        assert sources["outlet"] in ("front-matter", "user")
        body = row[F.BODY]
        assert not body.startswith("---")
        for line in want["lines"]:
            assert line not in body, (row[F.PATH], line)
        # the front matter adds no quote: the same ones as the article text alone has
        alone = analyze_doc(want["text"], None, "alone.txt")
        assert [q["text"] for q in record["quotes"]] == [q.text for q in alone.quotes], row[F.PATH]


def test_the_real_analysis_sees_no_front_matter_and_analyze_reads_as_add_does(abp, tmp_path):
    folder, expected = abp
    files = sorted((folder / "md").glob("*.md"))[:3] + sorted((folder / "txt").glob("*.txt"))[3:6]
    location = tmp_path / "library"
    update_index(location, files)  # the real analysis, as `parallax add` runs it
    ix = open_index(location)
    records = {rec.file: rec for rec in analyze_paths([str(p.resolve()) for p in files], n_process=1)}
    for path in files:
        key = str(path.resolve())
        want, art = expected[key], load_article(ix, key)
        rec = records[key]
        assert (rec.title, rec.outlet, rec.published) == (want["title"], want["outlet"], want["published"])
        assert (art.title, art.record.outlet, art.published) == (rec.title, rec.outlet, rec.published)
        assert art.record.meta_sources == rec.meta_sources
        assert [(q.start, q.end) for q in art.record.quotes] == [(q.start, q.end) for q in rec.quotes]
        for line in want["lines"]:  # no quote reaches into the front matter's text
            assert not any(line in q.text for q in rec.quotes), line
    cli = subprocess.run([sys.executable, "-m", "reader", "analyze", "--json", "-j", "1", str(files[-1])],
                         cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert cli.returncode == 0, cli.stderr
    data = json.loads(cli.stdout.splitlines()[0])
    want = expected[str(files[-1].resolve())]
    assert (data["title"], data["outlet"], data["published"]) == (want["title"], want["outlet"], want["published"])
    assert data["meta_sources"]["title"] == "front-matter"
