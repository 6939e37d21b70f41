"""How to show a file in the system's file manager, with the file selected where it can be.

Qt-free: ``reveal_command`` only says which program to run; the window runs
it (``reader.ui.library.file_actions``) and falls back to opening the folder.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path


def reveal_command(path: Path, platform: str = sys.platform) -> list[str] | None:
    """The command that opens ``path``'s folder with the file selected; None: open the folder."""
    path = Path(path)
    if platform == "darwin":
        return ["open", "-R", str(path)]
    if platform.startswith("win"):
        return ["explorer", f"/select,{path}"]
    gdbus = shutil.which("gdbus")
    if gdbus:  # the freedesktop file manager interface (Nautilus, Dolphin, Nemo, Thunar…)
        return [gdbus, "call", "--session", "--dest", "org.freedesktop.FileManager1",
                "--object-path", "/org/freedesktop/FileManager1",
                "--method", "org.freedesktop.FileManager1.ShowItems", f"['{path.as_uri()}']", ""]
    return None
