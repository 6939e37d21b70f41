"""The bundled corpus: byte-identical seeds and a complete catalogue."""
from __future__ import annotations

import hashlib
import json
import tomllib

import pytest

from conftest import ROOT, SEEDS, SHARED

FIXTURE = ROOT / "tests" / "fixtures" / "seeds_gold.json"


def test_seeds_match_shared_originals():
    shared = SHARED / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds is not here")
    names = sorted(p.name for p in shared.glob("*.txt"))
    assert names == sorted(p.name for p in SEEDS.glob("*.txt"))
    for name in names:
        assert hashlib.sha256((SEEDS / name).read_bytes()).digest() == \
            hashlib.sha256((shared / name).read_bytes()).digest(), name


def test_catalog_covers_every_seed_and_agrees_with_gold():
    catalog = tomllib.loads((SEEDS / "catalog.toml").read_text(encoding="utf-8"))["article"]
    gold = {a["file"]: a for a in json.loads(FIXTURE.read_text(encoding="utf-8"))["articles"]}
    assert sorted(e["file"] for e in catalog) == sorted(gold)
    for entry in catalog:
        g = gold[entry["file"]]
        assert entry["title"] == g["title"]
        assert entry["kind"] in ({g["kind"]} | set(g.get("kind_acceptable", [])))
        assert (entry["author"] or None) == g["author"]
        assert entry["published"] == ""  # no seed states its date
        outlets = {g.get("outlet"), g.get("outlet_full"), *g.get("outlet_aliases", [])} - {None}
        if outlets:
            assert entry["outlet"] in outlets
        else:
            assert entry["outlet"] == "The Washington Post" and "catalogue" in entry["note"]
