"""``parallax --screenshot`` renders the window to a valid PNG and exits."""
from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

from ui_helpers import DW_FILE
from ui_helpers import ui_index  # noqa: F401 - fixture

ROOT = Path(__file__).resolve().parents[1]


def test_screenshot_cli_writes_png(ui_index, tmp_path):
    out = tmp_path / "shot.png"
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TMPDIR=str(scratch))
    proc = subprocess.run([sys.executable, "-m", "reader", "--screenshot", str(out), "--index",
                           str(ui_index), "--query", "pipeline", "--entity", "Imran Khan",
                           "--open", DW_FILE], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1400, 900)
    assert len(data) > 20_000  # a real picture, not an empty window
    assert not list(scratch.glob("parallax-shot-*"))  # its throw-away settings are gone
