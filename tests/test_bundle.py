"""The PyInstaller bundle builds and really works: GUI screenshot, spaCy analysis, search.

Slow (a build takes minutes and writes ~500 MB), so it runs only with
``PARALLAX_SLOW=1`` (e.g. ``PARALLAX_SLOW=1 make test-all``). It builds into a
temporary folder, leaving ``dist/`` and ``build/`` alone.
"""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.environ.get("PARALLAX_SLOW") != "1",
                       reason="builds the PyInstaller bundle (minutes); set PARALLAX_SLOW=1 to run"),
]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    """Build parallax.spec once; the one-folder app directory."""
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller is not installed (python -m pip install pyinstaller)")
    work = tmp_path_factory.mktemp("pyinstaller")
    done = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--distpath", str(work / "dist"),
         "--workpath", str(work / "build"), str(ROOT / "parallax.spec")],
        cwd=ROOT, capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, done.stderr[-5000:]
    app = work / "dist" / "Parallax"
    assert (app / f"Parallax{EXE_SUFFIX}").is_file() and (app / f"parallax-cli{EXE_SUFFIX}").is_file()
    return app


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PARALLAX_HOME=str(home), PARALLAX_NO_DIALOGS="1")
    env.pop("PYTHONPATH", None)  # the bundle must not lean on the checkout
    return env


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


@pytest.fixture(scope="module")
def first_run(bundle, tmp_path_factory):
    """The double-click executable on a fresh home: indexes the seeds, then screenshots."""
    home = tmp_path_factory.mktemp("bundle-home")
    shot = tmp_path_factory.mktemp("shot") / "out.png"
    done = subprocess.run([str(bundle / f"Parallax{EXE_SUFFIX}"), "--screenshot", str(shot)],
                          cwd=home, env=_env(home), capture_output=True, text=True, timeout=900)
    return home, shot, done


def test_screenshot_from_the_bundle(bundle, first_run):
    home, shot, done = first_run
    assert shot.is_file(), f"no screenshot (exit {done.returncode}): {done.stderr[-3000:]}"
    data = shot.read_bytes()
    width, height = _png_size(data)
    assert len(data) > 20_000, f"suspiciously small screenshot: {len(data)} bytes"
    assert width >= 800 and height >= 500
    # First run: the index goes to the user data folder, never into the bundle.
    assert (home / "data" / "index").is_dir()
    assert not any(p.name == "index" and p.is_dir() for p in bundle.iterdir())


def test_bundle_exits_cleanly(first_run):
    _, _, done = first_run
    assert done.returncode == 0, f"exit code {done.returncode}: {done.stderr[-3000:]}"


def test_spacy_model_works_in_the_bundle(bundle, tmp_path):
    seed = sorted((ROOT / "seeds").glob("*.txt"))[0]
    done = subprocess.run([str(bundle / f"parallax-cli{EXE_SUFFIX}"), "analyze", str(seed)],
                          env=_env(tmp_path), capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "analysis failed" not in done.stdout + done.stderr
    assert "statements (0 direct" not in done.stdout and "statements (" in done.stdout


def test_cli_search_in_the_bundle(bundle, tmp_path):
    done = subprocess.run([str(bundle / f"parallax-cli{EXE_SUFFIX}"), "search", "pipeline"],
                          env=_env(tmp_path), capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "match" in done.stdout and "1." in done.stdout
    assert (tmp_path / "data" / "index").is_dir()
