"""Where things live: bundled resources, the seed corpus, user data and config.

Qt-free on purpose (the core must not import PySide6), so the platform
directories follow the same conventions QStandardPaths uses: XDG on Linux,
~/Library/Application Support on macOS, %APPDATA% / %LOCALAPPDATA% on Windows.
Setting ``PARALLAX_HOME`` puts data and config under one folder (tests, --dev).
"""
from __future__ import annotations

import os
import sys
from functools import lru_cache
from pathlib import Path

APP_DIR_NAME = "parallax"


def _bundle_root() -> Path | None:
    """The unpacked PyInstaller bundle, when running frozen."""
    meipass = getattr(sys, "_MEIPASS", None)
    return Path(meipass) if meipass else None


def project_root() -> Path | None:
    """The checkout this package runs from, or None for an installed copy.

    A checkout is recognised by ``pyproject.toml`` and ``seeds/`` beside the
    ``reader`` package, so an installed wheel never writes into site-packages.
    """
    root = Path(__file__).resolve().parent.parent
    if (root / "pyproject.toml").is_file() and (root / "seeds").is_dir() and (root / "reader").is_dir():
        return root
    return None


def resource_path(*parts: str) -> Path:
    """A file under ``resources/``: from a bundle, a checkout or an install."""
    bundle = _bundle_root()
    if bundle is not None:
        return bundle.joinpath("resources", *parts)
    root = project_root()
    if root is not None:
        return root.joinpath("resources", *parts)
    return Path(__file__).resolve().parent.joinpath("_resources", *parts)


@lru_cache(maxsize=64)
def cached_resource_path(*parts: str) -> Path:
    """``resource_path`` looked up once per process, for what is asked for once per article
    (the analysis models): the lookup stats the checkout each time."""
    return resource_path(*parts)


def seeds_dir() -> Path:
    """The bundled seed corpus."""
    bundle = _bundle_root()
    if bundle is not None:
        return bundle / "seeds"
    root = project_root()
    if root is not None:
        return root / "seeds"
    return Path(__file__).resolve().parent / "_seeds"


def _home_override() -> Path | None:
    value = os.environ.get("PARALLAX_HOME")
    return Path(value).expanduser() if value else None


def user_data_dir() -> Path:
    """Per-user data (index, logs): never inside the installed package."""
    home = _home_override()
    if home is not None:
        return home / "data"
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_DIR_NAME


def user_config_dir() -> Path:
    """Per-user configuration (outlet overrides, settings)."""
    home = _home_override()
    if home is not None:
        return home / "config"
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Preferences"
    else:
        base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / APP_DIR_NAME


def default_index_dir() -> Path:
    """``index/`` in a checkout, else the platform data directory."""
    root = project_root()
    if root is not None and _home_override() is None and _bundle_root() is None:
        return root / "index"
    return user_data_dir() / "index"
