"""Small real libraries for the story tests: AllSides dev stories written as articles
(title, outlet and the story's date as front matter) and imported through the real path.

The AllSides and BBC data are research data beside the project (``../shared/data``);
tests that need them skip cleanly when they are absent.
"""
from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import story_eval  # noqa: E402

STORIES = 16  # the first stories of dev.jsonl: 48 excerpts over six days, several on COVID
DISTRACTORS = 12  # BBC articles mixed in
HELD_OUT_STORY = 2  # this story's last excerpt is imported later, to test attaching one article


def shared_data() -> Path | None:
    data = story_eval.shared_data()
    return data if data is not None and (data / "allsides-stories" / "dev.jsonl").is_file() else None


def one_process(items):
    from reader.search.indexer import default_analyzer

    return default_analyzer(items, n_process=1)  # a pool would cost more than these few texts


def build(location: Path, paths: list[Path]):
    from reader.search.indexer import update_index

    return update_index(location, paths, analyzer=one_process)


@dataclass
class Library:
    location: Path
    corpus: Path
    gold: dict[str, str]  # path -> story id ("bbc:..." for distractors)
    held_out: Path  # an AllSides article not imported yet

    def copy(self, dest: Path) -> Path:
        """A private copy of the index (the articles stay where they are)."""
        shutil.copytree(self.location, dest)
        return dest


@pytest.fixture(scope="session")
def allsides_library(tmp_path_factory) -> Library:
    data = shared_data()
    if data is None:
        pytest.skip("../shared/data/allsides-stories is not here")
    root = tmp_path_factory.mktemp("allsides-library")
    stories = story_eval.load_stories(data / "allsides-stories" / "dev.jsonl", STORIES)
    gold = story_eval.write_allsides(stories, root / "allsides")
    gold.update(story_eval.write_bbc(data / "bbc-news-fulltext", root / "bbc", DISTRACTORS))
    last = len(stories[HELD_OUT_STORY]["articles"]) - 1
    held = root / "allsides" / f"story-{stories[HELD_OUT_STORY]['story']}-{last}.md"
    pending = root / "pending"
    pending.mkdir()
    held_out = pending / held.name
    held.rename(held_out)
    gold[str(held_out.resolve())] = gold.pop(str(held.resolve()))
    location = root / "index"
    report = build(location, [root / "allsides", root / "bbc"])
    assert len(report.added) == len(gold) - 1, report.skipped
    return Library(location, root, gold, held_out)
