"""Lines a reader should not see: page chrome, ads, legal notices, repeats.

Crawled articles carry navigation ("Accessibility links"), ad slots ("Google
Ads | Google Ads"), comment prompts ("Leave a Reply"), layout markers ("XS SM
MD LG"), disclaimers and a second copy of a caption. Each is returned as a
[start, end) span of a whole line; the text itself is never changed.
"""
from __future__ import annotations

import re

_CHROME = re.compile(r"""^(?:
    accessibility\ links | skip\ to\ (?:main\ )?content | breaking\ news | leave\ a\ (?:reply|comment)
  | (?:\d+\ )?comments? | advertisement | sponsored(?:\ content)? | share(?:\ this(?:\ article)?)?
  | print | e-?mail | read\ more | related(?:\ (?:articles?|stories|posts|news))? | must\ read
  | express\ your\ opinion | more\ on\ this\ story | follow\ us.* | sign\ up.* | subscribe.*
  | to\ find\ out\ more,?\ click\ here\.? | click\ here.* | (?:xs|sm|md|lg|xl)
  | \d+x\d+\ image | image\ source.* | getty\ images | top\ stories | most\ read | you\ may\ also\ like
  | all\ rights\ reserved.* | ©.* | copyright\ ©?.* | cookies?.* | menu | search | home | loading\.*
  | previous\ (?:article|post) | next\ (?:article|post) | tags?:.* | filed\ under.*
)$""", re.I | re.X)
_REPEATED_ITEM = re.compile(r"^\s*([^|]{2,40}?)\s*(?:\|\s*\1\s*){2,}\|?\s*$")  # "Google Ads | Google Ads | ..."
_DATE_ONLY = re.compile(r"""^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s*)?
    (?:\d{1,2}[-/ .](?:[a-z]{3,9}|\d{1,2})[-/ .,]+\d{2,4} | [a-z]{3,9}\.?\s+\d{1,2},?\s+\d{4} | \d{4}-\d{2}-\d{2})
    (?:\s*\d{1,2}:\d{2}.*)?$""", re.I | re.X)
_LEGAL = re.compile(
    r"views (?:and opinions )?expressed (?:in this|here)|do not necessarily reflect|"
    r"declared an? [\"“]?undesirable|you could face fines|all rights reserved|"
    r"may not be (?:re)?published|without (?:prior )?written permission|terms of (?:use|service)|privacy policy",
    re.I)
_AUTHOR_NOTE = re.compile(r"^(?:note|about the author|the writer|the author)\s*[:\-–]", re.I)


def line_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) of every line, without its newline."""
    out, pos = [], 0
    for m in re.finditer(r"\n", text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return out


def title_index(text: str, lines: list[tuple[int, int]]) -> int | None:
    """Index of the headline: the first real line of three or more words."""
    for i, (a, b) in enumerate(lines[:40]):
        line = text[a:b].strip()
        if not line or _is_chrome(line) or _DATE_ONLY.match(line):
            continue
        if len(line.split()) >= 3 and len(line) < 300:
            return i
    return None


def _is_chrome(line: str) -> bool:
    line = line.lstrip("•*·▪►-–— \t\u00a0")
    return bool(_CHROME.match(line) or _REPEATED_ITEM.match(line))


def find_boilerplate(text: str) -> list[tuple[int, int]]:
    """[start, end) spans of whole lines to hide, in order."""
    lines = line_spans(text)
    if len(lines) > 20000:  # a machine dump, not an article: judge only the edges
        lines = lines[:200] + lines[-200:]
    ti = title_index(text, lines)
    title = text[lines[ti][0]:lines[ti][1]].strip() if ti is not None else ""
    hide: list[tuple[int, int]] = []
    seen_at: dict[str, int] = {}
    long_seen = False
    nonempty = [i for i, (a, b) in enumerate(lines) if text[a:b].strip()]
    last_long = max((i for i in nonempty if len(text[lines[i][0]:lines[i][1]].split()) >= 15), default=-1)
    for i in nonempty:
        a, b = lines[i]
        raw = text[a:b]
        line = raw.strip()
        words = line.split()
        hidden = _is_chrome(line) or bool(_LEGAL.search(line))
        if ti is not None and i < ti and (len(words) < 4 or _DATE_ONLY.match(line)):
            hidden = True
        if ti is not None and i > ti and title and len(title) > 15 and line != title and line.endswith(title):
            hidden = True  # a section label glued to a repeat of the headline
        if _AUTHOR_NOTE.match(line) and long_seen:
            hidden = True
        if i > last_long >= 0 and len(words) <= 6 and not line.lower().startswith("by "):
            hidden = True  # short lines after the last paragraph: desk names, prompts
        prev = seen_at.get(line)
        if prev is not None and prev == i - 1 - sum(1 for k in range(prev + 1, i) if not text[lines[k][0]:lines[k][1]].strip()) \
                and len(words) >= 6:
            hidden = True  # a caption printed twice in a row
        seen_at[line] = i
        if len(words) >= 15:
            long_seen = True
        if hidden:
            hide.append((a, b))
    _hide_author_box(text, lines, nonempty, hide)
    return sorted(set(hide))


def _hide_author_box(text: str, lines: list[tuple[int, int]], nonempty: list[int],
                     hide: list[tuple[int, int]]) -> None:
    """'Jane Doe' then 'Jane Doe, a journalist for X, ...' near the end is an author box."""
    tail = nonempty[len(nonempty) * 2 // 3:]
    for k, i in enumerate(tail[:-1]):
        name = text[lines[i][0]:lines[i][1]].strip()
        nxt = text[lines[tail[k + 1]][0]:lines[tail[k + 1]][1]].strip()
        if 2 <= len(name.split()) <= 4 and name.istitle() and re.match(re.escape(name) + r",? (?:is |a |an |the )", nxt):
            hide.extend([lines[i], lines[tail[k + 1]]])


def author_box_name(text: str) -> str | None:
    """The name heading an author box near the end of the text, if any."""
    lines = line_spans(text)
    nonempty = [i for i, (a, b) in enumerate(lines) if text[a:b].strip()]
    box: list[tuple[int, int]] = []
    _hide_author_box(text, lines, nonempty, box)
    return text[box[0][0]:box[0][1]].strip() if box else None
