"""Entry point of the PyInstaller bundle: the same ``parallax`` command line.

Without arguments (a double-click) it opens the desktop app; with arguments it
runs the subcommand, so ``Parallax search pipeline`` works from a terminal too.
A windowed build (Windows, macOS) has no stdout/stderr at all, and a stray
print would crash it, so those are pointed at the null device.
"""
from __future__ import annotations

import multiprocessing
import os
import sys


def _ensure_streams() -> None:
    """Give windowed builds harmless stdout/stderr instead of None."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 (lives as long as the app)


if __name__ == "__main__":
    multiprocessing.freeze_support()  # spaCy/thinc may start worker processes
    _ensure_streams()
    from reader.cli import main

    sys.exit(main())
