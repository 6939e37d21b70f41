"""Test set-up: headless Qt, and user data kept out of the real home."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# session-scoped fixtures (the seed index) are built before any test's own home is set:
# they get an empty home of the session's, never the real user's outlet labels and settings
os.environ["PARALLAX_HOME"] = tempfile.mkdtemp(prefix="parallax-test-home-")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
# the shared data beside a checkout; PARALLAX_SHARED names it elsewhere (a worktree), as for the bench
SHARED = Path(os.environ.get("PARALLAX_SHARED") or ROOT.parent / "shared")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """Settings, overrides and data go to a temporary PARALLAX_HOME per test."""
    home = tmp_path_factory.mktemp("parallax-home")
    monkeypatch.setenv("PARALLAX_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory) -> Path:
    """A real index of the seed corpus, built once per session with real analysis."""
    from reader.search.indexer import update_index

    location = tmp_path_factory.mktemp("seed-index")
    report = update_index(location, [SEEDS])
    assert len(report.added) == 5, report.skipped
    return location
