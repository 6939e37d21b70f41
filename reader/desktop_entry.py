"""A freedesktop menu entry and icon, so Parallax starts from the app menu.

Linux desktops (GNOME, KDE, Xfce...) list an application when a ``.desktop``
file sits in ``$XDG_DATA_HOME/applications`` and find its icon in the
``hicolor`` theme; this module writes (and removes) exactly those files for
the current user. Qt-free on purpose: it is plain text and file copies.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from reader import APP_ID
from reader import APP_NAME
from reader.paths import project_root, resource_path

DESKTOP_FILE = f"{APP_ID}.desktop"
ICON_NAME = APP_ID
ICON_SIZES: tuple[int, ...] = (16, 32, 48, 64, 128, 256, 512)
# Qt's X11 WM_CLASS class is the application name; keep these two in step.
WM_CLASS = APP_NAME
GUI_SCRIPT = "parallax-gui"
BUNDLE_EXE = APP_NAME  # the windowed executable in the PyInstaller folder (parallax.spec)
# First line of every entry we write: uninstall only deletes files it recognises.
MARKER = "# Written by `parallax install-desktop`; remove with `parallax uninstall-desktop`."

# Characters that force quoting of an Exec argument (Desktop Entry spec, "The Exec key").
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")
# Inside double quotes these must be backslash-escaped.
_ESCAPE_IN_QUOTES = set('"`$\\')


def default_data_home() -> Path:
    """``$XDG_DATA_HOME`` if set to an absolute path (the spec says to ignore others)."""
    value = os.environ.get("XDG_DATA_HOME", "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path.home() / ".local" / "share"


def _escape_string(value: str) -> str:
    """Escape a value of type *string* (``\\`` -> ``\\\\``); reject control characters."""
    if any(ch in value for ch in "\n\r\t\0"):
        raise ValueError(f"cannot put a control character into a desktop entry: {value!r}")
    return value.replace("\\", "\\\\")


def quote_exec_arg(arg: str) -> str:
    """Quote one Exec argument as the spec requires (before string escaping)."""
    if arg == "" or any(ch in _RESERVED for ch in arg):
        arg = '"' + "".join("\\" + ch if ch in _ESCAPE_IN_QUOTES else ch for ch in arg) + '"'
    return arg.replace("%", "%%")  # a literal % would otherwise start a field code


def exec_value(exec_cmd: Sequence[str]) -> str:
    """The full ``Exec=`` value: each argument quoted, then string-escaped."""
    if not exec_cmd:
        raise ValueError("the Exec command is empty")
    return _escape_string(" ".join(quote_exec_arg(a) for a in exec_cmd))


def desktop_entry_text(exec_cmd: list[str], working_dir: Path | None = None) -> str:
    """The ``parallax.desktop`` file for launching ``exec_cmd`` (pure: no I/O)."""
    program = exec_cmd[0] if exec_cmd else ""
    lines = [
        MARKER,
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.4",  # 1.5 adds nothing used here and older validators reject it
        f"Name={APP_NAME}",
        "GenericName=News Comparison Reader",
        "Comment=Compare how different news outlets cover the same story",
        f"Icon={ICON_NAME}",
        f"Exec={exec_value(exec_cmd)}",
    ]
    if os.path.isabs(program):
        # TryExec hides the entry if the program is uninstalled behind our back.
        lines.append(f"TryExec={_escape_string(program)}")
    if working_dir is not None:
        lines.append(f"Path={_escape_string(str(working_dir))}")
    lines += [
        "Terminal=false",
        "Categories=Office;Viewer;",
        "Keywords=news;media;bias;outlets;compare;articles;quotes;reader;",
        "StartupNotify=true",
        f"StartupWMClass={WM_CLASS}",
    ]
    return "\n".join(lines) + "\n"


def default_exec_command() -> tuple[list[str], Path | None]:
    """What the menu entry should run, and the working directory it needs (if any).

    Frozen bundle: its windowed executable. Installed package: the ``parallax-gui``
    script beside the interpreter (a venv or pipx bin dir) or on PATH. Otherwise
    ``python -m reader``, run from the checkout when there is one so the
    package is importable even if it was never pip-installed.
    """
    suffix = ".exe" if sys.platform == "win32" else ""
    if getattr(sys, "frozen", False):
        # Run from the bundle's console twin (parallax-cli), still point at the windowed app.
        exe = Path(os.path.abspath(sys.executable))
        gui = exe.with_name(BUNDLE_EXE + suffix)
        return [str(gui if gui.is_file() else exe)], None
    # No resolve(): a venv's python is a symlink and must stay the venv's path.
    bin_dir = Path(os.path.abspath(sys.executable)).parent
    candidate = bin_dir / (GUI_SCRIPT + suffix)
    if candidate.is_file() and os.access(candidate, os.X_OK):
        return [str(candidate)], None
    found = shutil.which(GUI_SCRIPT)
    if found:
        return [os.path.abspath(found)], None
    return [os.path.abspath(sys.executable), "-m", "reader"], project_root()


@dataclass
class Layout:
    """Where the entry and the icons go under one data directory."""

    data_home: Path

    @property
    def desktop_file(self) -> Path:
        return self.data_home / "applications" / DESKTOP_FILE

    def icon_files(self) -> list[tuple[Path, Path]]:
        """(source in resources/icons, destination in the hicolor theme) pairs."""
        hicolor = self.data_home / "icons" / "hicolor"
        pairs = [(resource_path("icons", f"{ICON_NAME}-{s}.png"),
                  hicolor / f"{s}x{s}" / "apps" / f"{ICON_NAME}.png") for s in ICON_SIZES]
        pairs.append((resource_path("icons", f"{ICON_NAME}.svg"),
                      hicolor / "scalable" / "apps" / f"{ICON_NAME}.svg"))
        return pairs

    def all_files(self) -> list[Path]:
        return [self.desktop_file] + [dest for _, dest in self.icon_files()]


@dataclass
class Result:
    """What install/uninstall did, for the CLI to print."""

    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


class DesktopEntryError(Exception):
    """A problem the user can fix (missing icons, someone else's entry)."""


def _is_ours(path: Path) -> bool:
    try:
        return path.read_text(encoding="utf-8").startswith(MARKER)
    except (OSError, UnicodeDecodeError):
        return False


def _write(path: Path, data: bytes) -> None:
    """Write via a temporary file and rename, world-readable like any menu file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def install(data_home: Path, exec_cmd: list[str] | None = None,
            working_dir: Path | None = None, force: bool = False) -> Result:
    """Write the desktop entry and every icon size under ``data_home``."""
    layout = Layout(Path(data_home))
    if exec_cmd is None:
        exec_cmd, working_dir = default_exec_command()
    if layout.desktop_file.exists() and not force and not _is_ours(layout.desktop_file):
        raise DesktopEntryError(f"{layout.desktop_file} exists and was not written by Parallax "
                                "(use --force to replace it)")
    missing = [str(src) for src, _ in layout.icon_files() if not src.is_file()]
    if missing:
        raise DesktopEntryError("icon files are missing from this installation: " + ", ".join(missing))
    text = desktop_entry_text(exec_cmd, working_dir)  # before writing anything: it may raise
    result = Result()
    for src, dest in layout.icon_files():
        _write(dest, src.read_bytes())
        result.written.append(dest)
    # The entry goes last, so a menu never shows it with its icon still missing.
    _write(layout.desktop_file, text.encode("utf-8"))
    result.written.append(layout.desktop_file)
    return result


def uninstall(data_home: Path, force: bool = False) -> Result:
    """Remove the files ``install`` writes under ``data_home``, and nothing else."""
    layout = Layout(Path(data_home))
    result = Result()
    entry = layout.desktop_file
    if entry.exists() and not force and not _is_ours(entry):
        raise DesktopEntryError(f"{entry} was not written by Parallax; leaving it and the icons alone "
                                "(use --force to remove them anyway)")
    for path in layout.all_files():
        if path.is_file() or path.is_symlink():
            path.unlink()
            result.removed.append(path)
        else:
            result.skipped.append(f"{path} (not there)")
    return result


def refresh_menu_cache(data_home: Path) -> bool:
    """Run ``update-desktop-database`` if it is installed; failure is harmless."""
    tool = shutil.which("update-desktop-database")
    apps = Path(data_home) / "applications"
    if tool is None or not apps.is_dir():
        return False
    try:
        done = subprocess.run([tool, "-q", str(apps)], capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0
