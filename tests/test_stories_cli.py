"""``parallax stories`` on the bundled seeds (no research data needed): the JSON shape the
README documents, the text listing, the user's edits, and imports keeping stories current."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reader.cli import main


@pytest.fixture
def library(seed_index, tmp_path) -> Path:
    location = tmp_path / "index"
    shutil.copytree(seed_index, location)
    return location


def stories_json(capsys, location: Path, *extra: str) -> dict:
    capsys.readouterr()
    assert main(["stories", "--index", str(location), "--json", *extra]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_lists_every_article_once_with_label_dates_and_coverage(library, capsys):
    data = stories_json(capsys, library)
    assert data["schema"] == "parallax.stories" and data["version"] == 2
    assert data["articles"] == 5 and data["stories_total"] == len(data["stories"])
    paths = [p for s in data["stories"] for p in s["paths"]]
    assert sorted(paths) == sorted(str(p) for p in (Path(__file__).parents[1] / "seeds").glob("*.txt"))
    for story in data["stories"]:
        assert set(story) == {"id", "label", "headline", "size", "first_date", "last_date", "outlets",
                              "coverage", "blindspot", "corrected", "paths"}
        assert story["size"] == len(story["paths"]) == sum(o["articles"] for o in story["outlets"])
        assert sum(story["coverage"]["lean"].values()) == story["size"] and story["label"]
        assert story["first_date"] is None  # the seed files state no date
    # five outlets telling one event: most of them are grouped as one story
    assert max(s["size"] for s in data["stories"]) >= 3


def test_text_listing_and_min_size(library, capsys):
    capsys.readouterr()
    assert main(["stories", "--index", str(library)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].endswith("(5 of 5 articles)") and "outlets:" in out
    big = stories_json(capsys, library, "--min-size", "2")
    assert all(s["size"] >= 2 for s in big["stories"])
    assert main(["stories", "--index", str(library), "--min-size", "0"]) == 2


def test_edits_from_the_command_line_are_kept_and_marked(library, capsys):
    data = stories_json(capsys, library)
    big = max(data["stories"], key=lambda s: s["size"])
    out = big["paths"][-1]
    data = stories_json(capsys, library, "--split", big["id"], out)
    alone = next(s for s in data["stories"] if out in s["paths"])
    assert alone["paths"] == [out] and alone["corrected"]
    data = stories_json(capsys, library, "--regroup")
    assert next(s for s in data["stories"] if out in s["paths"])["paths"] == [out]
    data = stories_json(capsys, library, "--move", out, big["id"])
    assert out in next(s for s in data["stories"] if s["id"] == big["id"])["paths"]
    assert main(["stories", "--index", str(library), "--merge", big["id"], "ffffffffff"]) == 2
    assert "no story" in capsys.readouterr().err


def test_an_import_places_new_articles_in_an_existing_table(library, capsys, tmp_path):
    from reader.stories.table import read_table

    stories_json(capsys, library)  # the table now exists
    new = tmp_path / "new.txt"
    new.write_text("Imran Khan meets Vladimir Putin in Moscow\n\nPakistan's prime minister Imran Khan "
                   "met Russian President Vladimir Putin in Moscow on the day Russia invaded Ukraine, "
                   "a visit that officials in Islamabad defended as long planned.\n", encoding="utf-8")
    assert main(["add", "--index", str(library), str(new)]) == 0
    table = read_table(library)
    assert table.story_of(str(new.resolve())) is not None and table.info["attached_since"] == 1


def test_story_terms_work_in_parallax_search(library, capsys):
    data = stories_json(capsys, library)
    story = max(data["stories"], key=lambda s: s["size"])
    assert main(["search", "--index", str(library), "--json", "--limit", "50", f"story:{story['id']}"]) == 0
    hits = json.loads(capsys.readouterr().out)["hits"]
    assert sorted(h["path"] for h in hits) == sorted(story["paths"])


def test_an_empty_library_has_no_stories(tmp_path, capsys):
    from reader.search.store import open_or_create

    open_or_create(tmp_path / "empty")
    data = stories_json(capsys, tmp_path / "empty")
    assert data["articles"] == 0 and data["stories"] == []


def test_the_windows_import_job_keeps_stories_current(library, capsys, tmp_path):
    from reader.index_jobs import add_job
    from reader.stories.table import read_table

    stories_json(capsys, library)
    new = tmp_path / "late.md"
    new.write_text("---\ntitle: Khan's Moscow trip questioned at home\noutlet: Dawn\n---\n\n"
                   "Opposition leaders questioned Prime Minister Imran Khan's visit to Moscow, "
                   "which began the day Russian troops crossed into Ukraine.\n", encoding="utf-8")
    report = add_job(library, [new], {})
    assert len(report.added) == 1
    assert read_table(library).story_of(str(new.resolve())) is not None
