"""Where data lives: a checkout uses index/, an installed copy the user's data folder."""
from __future__ import annotations

from pathlib import Path

from conftest import ROOT
from reader import paths


def test_checkout_uses_project_index_unless_home_is_set(monkeypatch):
    monkeypatch.delenv("PARALLAX_HOME", raising=False)
    assert paths.project_root() == ROOT
    assert paths.default_index_dir() == ROOT / "index"
    assert paths.seeds_dir() == ROOT / "seeds"
    assert paths.resource_path("outlets.toml") == ROOT / "resources" / "outlets.toml"


def test_installed_copy_keeps_data_in_the_platform_folder(monkeypatch, tmp_path):
    monkeypatch.setattr(paths, "project_root", lambda: None)
    monkeypatch.delenv("PARALLAX_HOME", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(paths.sys, "platform", "linux")
    assert paths.default_index_dir() == tmp_path / "xdg" / "parallax" / "index"
    package = Path(paths.__file__).resolve().parent
    assert paths.seeds_dir() == package / "_seeds"
    assert paths.resource_path("icons", "parallax.svg") == package / "_resources" / "icons" / "parallax.svg"


def test_frozen_bundle_reads_resources_from_the_bundle(monkeypatch, tmp_path):
    monkeypatch.setattr(paths.sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.seeds_dir() == tmp_path / "seeds"
    assert paths.resource_path("outlets.toml") == tmp_path / "resources" / "outlets.toml"
    assert paths.default_index_dir() == paths.user_data_dir() / "index"
