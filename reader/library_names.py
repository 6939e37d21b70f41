"""The name a user gives a library (the window title says it): "My library" until renamed.

Names are the user's own, kept with their other corrections in the config
folder (``libraries.json``, keyed by the library's folder), written atomically
and moved aside with a warning if damaged (``reader.user_overrides``). A
rebuild replaces the index folder's contents, never this name.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from reader.paths import user_config_dir
from reader.safe_text import one_line
from reader.user_overrides import read_user_json, write_user_json

DEFAULT_NAME = "My library"
NAMES_FILE = "libraries.json"
NAME_LIMIT = 120  # characters


def _file() -> Path:
    return user_config_dir() / NAMES_FILE


def _key(location: Path) -> str:
    return str(Path(location).expanduser().resolve())


def _valid(data: Any) -> bool:
    names = data.get("names") if isinstance(data, dict) else None
    return isinstance(names, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in names.items())


def clean_name(name: str) -> str:
    """One line, no surrounding space, at most ``NAME_LIMIT`` characters ("" for none)."""
    return one_line(name or "").strip()[:NAME_LIMIT].strip()


def library_name(location: Path) -> str:
    """The user's name for the library at ``location`` (``DEFAULT_NAME`` until they give one)."""
    data, _warning = read_user_json(_file(), _valid, "library names")
    name = clean_name((data or {}).get("names", {}).get(_key(location), ""))
    return name or DEFAULT_NAME


def set_library_name(location: Path, name: str) -> str:
    """Rename the library (an empty name goes back to the default); returns the name in use."""
    data, _warning = read_user_json(_file(), _valid, "library names")
    data = data or {"version": 1, "names": {}}
    name = clean_name(name)
    if name and name != DEFAULT_NAME:
        data["names"][_key(location)] = name
    else:
        data["names"].pop(_key(location), None)
    write_user_json(_file(), data)
    return name or DEFAULT_NAME
