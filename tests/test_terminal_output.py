"""Control and escape characters never reach a terminal (issue 24, item 1).

``parallax search`` and ``add`` printed escape sequences from titles,
snippets and file names verbatim: ``ESC ] 0 ;`` retitles the terminal,
``ESC [ 2 J`` clears it. Every command that prints article text or names
goes through ``reader.safe_text.for_terminal``.
"""
from __future__ import annotations

import json
import re

import pytest

from hostile_inputs import TERMINAL_TITLE, terminal_file
from ui_helpers import gold_analyzer, simple_resolver

from reader.cli import main
from reader.safe_text import BIDI_CONTROLS, for_terminal, json_for_terminal
from reader.search.indexer import update_index

RAW = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}]")  # all but the line feed


def test_for_terminal_escapes_every_control_and_bidi_character():
    assert for_terminal("a\x1b[2Jb\x07\u202e\x9b\n") == "a\\x1b[2Jb\\x07\\u202e\\x9b\\x0a"
    assert for_terminal("line\nnext", multiline=True) == "line\nnext"
    assert for_terminal("Zürich — “quoted” \t") == "Zürich — “quoted” \\x09"
    assert for_terminal("\x02hit\x03", keep="\x02\x03") == "\x02hit\x03"


def test_json_for_terminal_is_still_the_same_json():
    value = {"title": TERMINAL_TITLE + "\u202e\x9b\u2028", "n": 1}
    text = json_for_terminal(value)
    assert not RAW.search(text.replace("\n", "")) and json.loads(text) == value


@pytest.fixture(scope="module")
def terminal_library(tmp_path_factory):
    folder = tmp_path_factory.mktemp("terminal")
    source = terminal_file(folder)
    location = folder / "index"
    update_index(location, [source], analyzer=gold_analyzer, resolver=simple_resolver)
    return location, source


def _no_raw_controls(text: str) -> None:
    found = RAW.search(text)
    assert found is None, f"raw {found.group()!r} at {found.start()}: {text[max(0, found.start() - 30):found.start() + 30]!r}"


@pytest.mark.parametrize("extra", [[], ["--json"]], ids=["text", "json"])
def test_search_prints_titles_and_snippets_escaped(terminal_library, capsys, extra):
    location, _source = terminal_library
    assert main(["search", "--index", str(location), *extra, "budget"]) == 0
    out, err = capsys.readouterr()
    _no_raw_controls(out + err)
    if extra:
        assert json.loads(out)["hits"][0]["title"] == TERMINAL_TITLE  # the data itself is untouched
    else:
        assert "\\x1b]0;pwned\\x07" in out and "\\x1b[2J" in out


def test_add_prints_file_names_and_reasons_escaped(terminal_library, capsys, tmp_path):
    location, source = terminal_library
    twin = tmp_path / "esc\x1b]0;x\x07twin.txt"  # same bytes as an indexed file: skipped, with its name
    twin.write_bytes(source.read_bytes())
    main(["add", "--index", str(location), str(twin)])
    out, err = capsys.readouterr()
    _no_raw_controls(out + err)
    assert "\\x1b]0;x\\x07twin.txt" in out + err


def test_errors_are_escaped_too(capsys, tmp_path):
    assert main(["search", "--index", str(tmp_path / "x\x1b[2J"), "--limit", "0", "q"]) == 2
    main(["add", "--index", str(tmp_path / "idx"), str(tmp_path / "missing\x1b[31m.txt")])
    out, err = capsys.readouterr()
    _no_raw_controls(out + err)


def test_analyze_prints_what_it_found_escaped(capsys, tmp_path):
    source = terminal_file(tmp_path)
    assert main(["analyze", "--jobs", "1", str(source)]) == 0
    out, err = capsys.readouterr()
    _no_raw_controls(out + err)
    assert "\\x1b[2J" in out  # the file name and the title, shown as escapes


@pytest.mark.parametrize("extra", [[], ["--json"]], ids=["text", "json"])
def test_compare_prints_titles_escaped(terminal_library, capsys, extra):
    location, _source = terminal_library
    main(["compare", "--index", str(location), *extra])
    out, err = capsys.readouterr()
    _no_raw_controls(out + err)


@pytest.mark.parametrize("extra", [[], ["--json"]], ids=["text", "json"])
def test_stories_prints_headlines_and_paths_escaped(terminal_library, capsys, extra):
    location, _source = terminal_library
    main(["stories", "--index", str(location), *extra])
    out, err = capsys.readouterr()
    _no_raw_controls(out + err)
    if not extra:
        assert "\\x1b[2J" in out  # the headline and the file name, shown as escapes
