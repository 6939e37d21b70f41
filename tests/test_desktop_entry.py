"""The freedesktop menu entry: valid, correctly quoted, installed and removed cleanly."""
from __future__ import annotations

import argparse
import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader import desktop_entry as de
from reader.cli import cmd_install_desktop, cmd_uninstall_desktop
from reader.paths import resource_path

ROOT = Path(__file__).resolve().parents[1]
SPACEY = "/opt/My Apps/Parallax (test)/bin/parallax-gui"


def _validate(text: str, tmp_path: Path) -> None:
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        pytest.skip("desktop-file-validate is not installed (Debian/Ubuntu: apt-get install desktop-file-utils)")
    path = tmp_path / "parallax.desktop"
    path.write_text(text, encoding="utf-8")
    out = subprocess.run([tool, str(path)], capture_output=True, text=True)
    assert out.returncode == 0 and not out.stdout.strip(), out.stdout + out.stderr


def parse_exec(value: str) -> list[str]:
    """Undo the Exec escaping exactly as the Desktop Entry spec describes it."""
    # 1. string escapes (\\ \s \n \t \r)
    unescaped, i = [], 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value):
            unescaped.append({"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}.get(value[i + 1], "\\" + value[i + 1]))
            i += 2
        else:
            unescaped.append(value[i])
            i += 1
    s = "".join(unescaped)
    # 2. quoting: whole arguments in "...", with \" \` \$ \\ inside
    args: list[str] = []
    cur: list[str] | None = None
    i = 0
    while i < len(s):
        ch = s[i]
        if ch == " ":
            if cur is not None:
                args.append("".join(cur))
                cur = None
            i += 1
        elif ch == '"':
            assert cur is None, "a quote must start an argument"
            cur, i = [], i + 1
            while s[i] != '"':
                if s[i] == "\\":
                    assert s[i + 1] in '"`$\\', f"bad escape in {s!r}"
                    i += 1
                cur.append(s[i])
                i += 1
            i += 1
            assert i == len(s) or s[i] == " ", "a quoted argument must be quoted in whole"
        else:
            assert ch not in "\t\n\"'\\><~|&;$*?#()`", f"unquoted reserved character {ch!r} in {s!r}"
            cur = (cur or []) + [ch]
            i += 1
    if cur is not None:
        args.append("".join(cur))
    # 3. field codes: only %% may appear, meaning a literal %
    for a in args:
        assert "%" not in a.replace("%%", ""), f"stray field code in {a!r}"
    return [a.replace("%%", "%") for a in args]


def _keys(text: str) -> dict[str, str]:
    return dict(line.split("=", 1) for line in text.splitlines() if "=" in line and not line.startswith("#"))


# -- the entry text -------------------------------------------------------------------------

def test_entry_has_the_expected_keys():
    keys = _keys(de.desktop_entry_text(["/usr/bin/parallax-gui"]))
    assert keys["Type"] == "Application" and keys["Name"] == "Parallax"
    assert keys["Icon"] == "parallax" and keys["Terminal"] == "false"
    assert keys["Categories"] == "Office;Viewer;"
    assert keys["Exec"] == "/usr/bin/parallax-gui" and keys["TryExec"] == "/usr/bin/parallax-gui"
    assert keys["StartupWMClass"] == "Parallax"
    assert keys["GenericName"] and keys["Comment"] and keys["Keywords"].endswith(";")


@pytest.mark.parametrize("cmd", [
    ["/usr/bin/parallax-gui"],
    [SPACEY],
    ["/home/me/.venv/bin/python", "-m", "reader"],
    ["/tmp/we$ird \\ \"dir\" 100%/python", "-m", "reader"],
])
def test_entry_passes_desktop_file_validate(cmd, tmp_path):
    _validate(de.desktop_entry_text(cmd, working_dir=Path("/home/me/src/parallax")), tmp_path)


def test_default_entry_passes_desktop_file_validate(tmp_path):
    cmd, cwd = de.default_exec_command()
    _validate(de.desktop_entry_text(cmd, cwd), tmp_path)


@pytest.mark.parametrize("cmd", [
    [SPACEY],
    ["/usr/bin/python3", "-m", "reader"],
    ["/a b/c\"d/e`f/$g/h\\i/50%/py", "it's", "", "x;y", "~user", "a&b", "(x)"],
])
def test_exec_quoting_round_trips(cmd):
    value = _keys(de.desktop_entry_text(cmd))["Exec"]
    assert parse_exec(value) == cmd


def test_exec_quoting_of_paths_with_spaces():
    assert de.quote_exec_arg("/usr/bin/parallax-gui") == "/usr/bin/parallax-gui"
    assert de.quote_exec_arg("/opt/My Apps/py") == '"/opt/My Apps/py"'
    assert de.exec_value(["/opt/My Apps/py", "-m", "reader"]) == '"/opt/My Apps/py" -m reader'
    # $ is escaped for the quoting rule, and that backslash again for the string rule
    assert de.exec_value(["/a b/$x"]) == '"/a b/\\\\$x"'


def test_control_characters_are_refused():
    with pytest.raises(ValueError):
        de.desktop_entry_text(["/tmp/new\nline/python"])


@pytest.mark.skipif(sys.platform == "win32", reason="freedesktop launchers are a Linux/BSD thing")
def test_glib_launches_a_path_with_spaces(tmp_path):
    """The real consumer: GLib (GNOME, Xfce...) runs the quoted command with the right argv."""
    gio = shutil.which("gio")
    if gio is None:
        pytest.skip("gio (libglib2.0-bin) is not installed")
    folder = tmp_path / 'My Apps/we$ird \\ "dir"'
    folder.mkdir(parents=True)
    out = tmp_path / "argv.txt"
    script = folder / "show args"
    script.write_text(f'#!/bin/sh\nfor a in "$0" "$@"; do printf "%s\\n" "$a"; done > "{out}.tmp"\n'
                      f'mv "{out}.tmp" "{out}"\n')
    script.chmod(0o755)
    cmd = [str(script), "two words", 'q"uote', "$HOME", "50%"]
    entry = tmp_path / "launch-test.desktop"
    entry.write_text(de.desktop_entry_text(cmd), encoding="utf-8")
    done = subprocess.run([gio, "launch", str(entry)], capture_output=True, text=True, timeout=30)
    if done.returncode != 0 and "Unable to load" not in done.stderr:
        pytest.skip(f"gio launch does not work here: {done.stderr.strip()}")
    assert done.returncode == 0, done.stderr
    deadline = time.monotonic() + 10
    while not out.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert out.read_text().splitlines() == cmd


# -- which command the entry runs -----------------------------------------------------------

def test_exec_prefers_the_gui_script_beside_the_interpreter(tmp_path, monkeypatch):
    bin_dir = tmp_path / "my venv" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "python").write_text("")
    gui = bin_dir / ("parallax-gui.exe" if sys.platform == "win32" else "parallax-gui")
    gui.write_text("#!/bin/sh\n")
    gui.chmod(0o755)
    monkeypatch.setattr(sys, "executable", str(bin_dir / "python"))
    assert de.default_exec_command() == ([str(gui)], None)
    _keys_exec = _keys(de.desktop_entry_text([str(gui)]))["Exec"]
    assert _keys_exec == f'"{gui}"' and parse_exec(_keys_exec) == [str(gui)]


def test_exec_falls_back_to_python_m_reader(tmp_path, monkeypatch):
    python = tmp_path / "no script here" / "python"
    python.parent.mkdir()
    monkeypatch.setattr(sys, "executable", str(python))
    monkeypatch.setattr(de.shutil, "which", lambda name: None)
    cmd, cwd = de.default_exec_command()
    assert cmd == [str(python), "-m", "reader"]
    assert cwd == ROOT  # a checkout: run from it so `reader` imports without pip install
    assert _keys(de.desktop_entry_text(cmd, cwd))["Exec"] == f'"{python}" -m reader'


def test_exec_uses_the_bundle_executable_when_frozen(tmp_path, monkeypatch):
    suffix = ".exe" if sys.platform == "win32" else ""
    folder = tmp_path / "my apps" / "Parallax"
    folder.mkdir(parents=True)
    gui, cli = folder / f"Parallax{suffix}", folder / f"parallax-cli{suffix}"
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(cli))
    assert de.default_exec_command() == ([str(cli)], None)  # no windowed twin: itself
    gui.write_text("")
    assert de.default_exec_command() == ([str(gui)], None)  # run via parallax-cli: the windowed app
    monkeypatch.setattr(sys, "executable", str(gui))
    assert de.default_exec_command() == ([str(gui)], None)


# -- install and uninstall ------------------------------------------------------------------

def _run(module, argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    module.add_arguments(parser)
    return module.run(parser.parse_args(argv))


def _expected_files(prefix: Path) -> list[Path]:
    hicolor = prefix / "icons" / "hicolor"
    return ([prefix / "applications" / "parallax.desktop"]
            + [hicolor / f"{s}x{s}" / "apps" / "parallax.png" for s in de.ICON_SIZES]
            + [hicolor / "scalable" / "apps" / "parallax.svg"])


def test_install_then_uninstall(tmp_path, capsys):
    prefix = tmp_path / "data home"
    # Someone else's files in the same folders must survive both steps.
    neighbours = [prefix / "applications" / "other.desktop", prefix / "icons/hicolor/48x48/apps/other.png"]
    for path in neighbours:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("not ours")

    assert _run(cmd_install_desktop, ["--prefix", str(prefix)]) == 0
    printed = capsys.readouterr().out
    for path in _expected_files(prefix):
        assert path.is_file(), path
        assert f"wrote {path}" in printed
        if sys.platform != "win32":
            assert stat.S_IMODE(path.stat().st_mode) == 0o644
    entry = (prefix / "applications" / "parallax.desktop").read_text(encoding="utf-8")
    keys = _keys(entry)
    cmd, cwd = de.default_exec_command()
    assert parse_exec(keys["Exec"]) == cmd and keys["Icon"] == "parallax"
    assert entry == de.desktop_entry_text(cmd, cwd)
    for size in de.ICON_SIZES:
        installed = prefix / f"icons/hicolor/{size}x{size}/apps/parallax.png"
        assert installed.read_bytes() == resource_path("icons", f"parallax-{size}.png").read_bytes()
    assert (prefix / "icons/hicolor/scalable/apps/parallax.svg").read_bytes() == \
        resource_path("icons", "parallax.svg").read_bytes()
    if shutil.which("desktop-file-validate"):
        _validate(entry, tmp_path)

    # Installing again simply refreshes our own files.
    assert _run(cmd_install_desktop, ["--prefix", str(prefix)]) == 0
    capsys.readouterr()

    assert _run(cmd_uninstall_desktop, ["--prefix", str(prefix)]) == 0
    printed = capsys.readouterr().out
    for path in _expected_files(prefix):
        assert not path.exists(), path
        assert f"removed {path}" in printed
    for path in neighbours:
        assert path.read_text() == "not ours"
    leftovers = [p for p in prefix.rglob("*") if p.is_file() and p not in neighbours]
    assert all(p.name == "mimeinfo.cache" for p in leftovers), leftovers  # update-desktop-database's cache

    assert _run(cmd_uninstall_desktop, ["--prefix", str(prefix)]) == 0
    assert "nothing to remove" in capsys.readouterr().out


def test_someone_elses_entry_is_left_alone(tmp_path, capsys):
    foreign = tmp_path / "applications" / "parallax.desktop"
    foreign.parent.mkdir(parents=True)
    foreign.write_text("[Desktop Entry]\nType=Application\nName=Other Parallax\nExec=other\n")
    assert _run(cmd_install_desktop, ["--prefix", str(tmp_path)]) == 2
    assert _run(cmd_uninstall_desktop, ["--prefix", str(tmp_path)]) == 2
    assert "not written by Parallax" in capsys.readouterr().err
    assert foreign.read_text().startswith("[Desktop Entry]\nType=Application\nName=Other")
    assert not (tmp_path / "icons").exists()
    assert _run(cmd_install_desktop, ["--prefix", str(tmp_path), "--force"]) == 0
    assert foreign.read_text().startswith(de.MARKER)


def test_print_writes_nothing(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert _run(cmd_install_desktop, ["--print"]) == 0
    assert capsys.readouterr().out.startswith(de.MARKER + "\n[Desktop Entry]\n")
    assert not any(tmp_path.iterdir())


def test_xdg_data_home_is_the_default(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert de.default_data_home() == tmp_path / "xdg"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/ignored")
    assert de.default_data_home() == Path.home() / ".local" / "share"


def test_cli_registration():
    """Through ``parallax install-desktop`` once the commands are registered."""
    from reader.cli import COMMANDS, main

    if "install-desktop" not in COMMANDS:
        pytest.skip("install-desktop is not registered in reader.cli.COMMANDS yet")
    assert "uninstall-desktop" in COMMANDS
    assert main(["install-desktop", "--print"]) == 0


# -- the icon files -------------------------------------------------------------------------

def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_icon_files_exist_at_every_size():
    assert resource_path("icons", "parallax.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    for size in de.ICON_SIZES:
        assert _png_size(resource_path("icons", f"parallax-{size}.png")) == (size, size)


def test_app_icon_has_every_size(qapp):
    from PySide6.QtCore import QSize

    from reader.ui.icons import app_icon

    icon = app_icon()
    assert not icon.isNull()
    assert {s.width() for s in icon.availableSizes()} >= set(de.ICON_SIZES)
    assert icon.pixmap(QSize(24, 24)).width() == 24


def test_render_icons_script_works(tmp_path):
    """tools/render_icons.py renders every size from the SVG, headless."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "render_icons.py"), "--out", str(tmp_path)],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    for size in de.ICON_SIZES:
        assert _png_size(tmp_path / f"parallax-{size}.png") == (size, size)
