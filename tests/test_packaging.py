"""The wheel carries every subpackage, the resources and the seed corpus."""
from __future__ import annotations

import tomllib

from conftest import ROOT


def config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_subpackage_and_resource_folder_is_listed():
    listed = set(config()["tool"]["setuptools"]["packages"])
    code = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "reader").rglob("*.py")
            if "__pycache__" not in p.parts}
    assert code <= listed, f"add to [tool.setuptools] packages: {sorted(code - listed)}"
    folders = {"reader._resources." + ".".join(p.relative_to(ROOT / "resources").parts)
               for p in (ROOT / "resources").rglob("*") if p.is_dir()}
    assert folders <= listed, f"add to [tool.setuptools] packages: {sorted(folders - listed)}"


def test_resources_and_seeds_are_mapped_into_the_package():
    cfg = config()
    assert cfg["tool"]["setuptools"]["package-dir"] == {"reader._resources": "resources",
                                                        "reader._seeds": "seeds"}
    assert (ROOT / "resources" / "outlets.toml").is_file()
    assert (ROOT / "seeds" / "catalog.toml").is_file()


def test_entry_points():
    project = config()["project"]
    assert project["scripts"] == {"parallax": "reader.cli:main"}
    assert project["gui-scripts"] == {"parallax-gui": "reader.cli:gui_main"}
    assert project["name"] == "parallax-reader"
