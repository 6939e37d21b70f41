"""The settings wrapper keeps its INI file under PARALLAX_HOME and round-trips values."""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray

from reader.ui.settings import Settings


def test_settings_live_under_parallax_home_and_round_trip(qapp):
    s = Settings()
    assert s.path.is_relative_to(Path(os.environ["PARALLAX_HOME"]))
    assert s.window_state is None and s.last_query == "" and s.search_delay_ms == 250
    s.window_state = QByteArray(b"state")
    s.last_query = "pipeline"
    s.sync()
    again = Settings()
    assert bytes(again.window_state) == b"state" and again.last_query == "pipeline"
