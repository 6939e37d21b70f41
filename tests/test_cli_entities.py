"""``parallax entities``: the listing, its JSON shape, and corrections from the command line."""
from __future__ import annotations

import json
import shutil

import pytest
from ui_helpers import ui_index  # noqa: F401 - fixture

from reader.cli import main
from reader.names.corrections import default_corrections


@pytest.fixture()
def library(ui_index, tmp_path):
    location = tmp_path / "library"
    shutil.copytree(ui_index, location)
    return str(location)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["entities", *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_the_json_shape(capsys, library):
    code, out, _ = run(capsys, "--index", library, "--json", "--limit", "0")
    data = json.loads(out)
    assert code == 0 and data["schema"] == "parallax.entities/1" and data["query"] == "" and data["type"] is None
    assert data["total"] == len(data["entities"]) > 10
    first = data["entities"][0]
    assert set(first) == {"id", "name", "type", "articles", "aliases", "keys", "merged_by", "speaker"}
    assert first["articles"] == max(e["articles"] for e in data["entities"])
    us = next(e for e in data["entities"] if e["name"] == "United States")
    assert {"US", "U.S."} <= set(us["aliases"]) and "curated alias" in us["merged_by"] and len(us["keys"]) > 1


def test_a_query_matches_a_word_of_any_spelling_and_a_type(capsys, library):
    code, out, _ = run(capsys, "--index", library, "us")
    assert code == 0 and "United States" in out and "Russia" not in out
    code, out, _ = run(capsys, "--index", library, "--json", "--type", "person")
    assert {e["type"] for e in json.loads(out)["entities"]} == {"person"}
    code, _, err = run(capsys, "--index", library, "no such name at all")
    assert code == 1 and err.count("\n") == 1


def test_corrections_round_trip(capsys, library):
    code, out, _ = run(capsys, "--index", library, "merge", "Moscow", "Russia")
    assert code == 0 and out.startswith("Merged “Moscow” and “Russia”")
    code, out, _ = run(capsys, "--index", library, "--json", "russia")
    entity = json.loads(out)["entities"][0]
    assert set(entity["aliases"]) >= {"Moscow", "Russia"} and "user" in entity["merged_by"]
    assert run(capsys, "--index", library, "split", entity["name"], "Moscow")[0] == 0
    assert run(capsys, "--index", library, "rename", "Russia", "Russian Federation")[0] == 0
    assert run(capsys, "--index", library, "retype", "Moscow", "organisation")[0] == 0
    data = json.loads(run(capsys, "--index", library, "--json", "--limit", "0")[1])["entities"]
    assert any(e["name"] == "Russian Federation" for e in data)
    assert next(e for e in data if e["name"] == "Moscow")["type"] == "organisation"
    fixes = default_corrections().reload()
    assert fixes.splits == ["place:moscow"] and fixes.names[-1][1] == "Russian Federation"
    for name in ("Russian Federation", "Moscow"):
        assert run(capsys, "--index", library, "forget", name)[0] == 0
    assert default_corrections().reload().empty()


@pytest.mark.parametrize("argv, words", [
    (["merge", "Moscow"], "needs two names"),
    (["merge", "Moscow", "no such place"], "no entity is called"),
    (["retype", "Moscow", "planet"], "type must be"),
    (["rename", "Moscow"], "a new name"),
])
def test_a_wrong_correction_is_one_line(capsys, library, argv, words):
    code, _, err = run(capsys, "--index", library, *argv)
    assert code == 2 and words in err and err.count("\n") == 1
    assert default_corrections().reload().empty()
