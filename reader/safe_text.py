"""Text from articles, file names and settings, made harmless where it is shown.

Qt-free: the command line uses it directly, the window through
``reader.ui.plain_text``. Two dangers, one function each:

* a terminal obeys control characters: ``ESC ] 0 ;`` retitles the window,
  ``ESC [ 2 J`` clears it. ``for_terminal`` prints every control character,
  and every invisible character that reorders a line, as an escape
  (``\\x1b``, ``\\u202e``) instead;
* Unicode's bidi controls reorder what follows them: an override (U+202E)
  shows "evil" as "live", an embedding never closed (U+202B) drags the rest
  of a line along. ``neutral_bidi`` replaces them, one for one, with a word
  joiner (no direction, no width, so offsets into the text stay right);
  ``isolate`` makes one field a sealed unit inside a line of other text
  (FSI … PDI), so its own direction (an Arabic title) cannot reorder its
  neighbours either.
"""
from __future__ import annotations

import json
import re
from typing import Any

FSI, PDI = "\u2068", "\u2069"  # first-strong isolate, pop directional isolate
WORD_JOINER = "\u2060"
# embeddings, overrides and isolates: each opens or closes a directional scope
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# marks change the direction of their neighbours without a scope (shown, escaped, in a terminal)
BIDI_MARKS = "\u200e\u200f\u061c"
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"

_BIDI = re.compile(f"[{BIDI_CONTROLS}]")  # a regex: str.translate is slow on long texts
_ONE_LINE = re.compile(f"[{re.escape(LINE_BREAKS)}\t]+")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
# what a terminal must never receive raw: C0 and C1 controls, DEL, line separators, bidi controls
_TERMINAL = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}{BIDI_MARKS}]")
_TERMINAL_MULTILINE = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}{BIDI_MARKS}]")
_JSON_UNSAFE = re.compile(f"[\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}{BIDI_MARKS}]")


def neutral_bidi(text: str) -> str:
    """``text`` with every bidi embedding, override and isolate replaced by a word joiner."""
    return _BIDI.sub(WORD_JOINER, text)


def strip_bidi(text: str) -> str:
    """``text`` without bidi embeddings, overrides and isolates."""
    return _BIDI.sub("", text)


def one_line(text: str) -> str:
    """A single-line field: no bidi scopes, line breaks and tabs as one space, controls dropped."""
    return _CONTROLS.sub("", _ONE_LINE.sub(" ", strip_bidi(text or "")))


def isolate(text: str) -> str:
    """One field inside a line of other text: its bidi scopes removed and the whole sealed (FSI…PDI)."""
    return f"{FSI}{strip_bidi(text or '')}{PDI}" if text else ""


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def for_terminal(text: Any, multiline: bool = False, keep: str = "") -> str:
    """``text`` (anything ``str()`` can print) with control and bidi characters shown as escapes.

    ``multiline`` keeps line feeds (a report of several lines); otherwise they are
    escaped too, so one value is always one line. ``keep`` names characters to
    leave as they are (a snippet's match marks, replaced by the caller).
    """
    escape = _escape if not keep else (lambda m: m.group() if m.group() in keep else _escape(m))
    return (_TERMINAL_MULTILINE if multiline else _TERMINAL).sub(escape, str(text))


def _json_escape(match: re.Match) -> str:
    return f"\\u{ord(match.group()):04x}"


def json_for_terminal(value: Any, **dumps_options: Any) -> str:
    """``json.dumps`` whose output never holds a raw control or bidi character.

    JSON escapes C0 controls itself; DEL, C1 controls, line separators and bidi
    controls can only occur inside strings, where ``\\uXXXX`` means the same.
    """
    dumps_options.setdefault("ensure_ascii", False)
    return _JSON_UNSAFE.sub(_json_escape, json.dumps(value, **dumps_options))
