"""A leading ``---`` YAML block in a text or Markdown file: its metadata, bounded and checked.

The Jekyll/Hugo convention (``title:``, ``date:``, ``outlet:`` ... between two
``---`` lines) is honoured in ``.md``, ``.markdown`` and ``.txt`` files alike.
The block never reaches analysis: the body after it is what quotes, snippets
and offsets refer to. A block is read with every safeguard a downloaded file
needs: a size limit, aliases (``*name``, the "billion laughs") refused,
nesting depth and node count bounded before the tree is built, every scalar
kept as text (no 5,000-digit integers, no dates PyYAML cannot represent), and
each field checked on its own: a bad value drops that field with a warning,
never the file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.analysis.record import ARTICLE_KINDS
from reader.dates import BadDate, iso_date

MAX_BLOCK_CHARS = 64 * 1024  # a front-matter block larger than this is not metadata
MAX_DEPTH = 12  # nested lists/maps; real front matter uses two or three
MAX_NODES = 4000
MAX_CHARS = {"title": 500, "outlet": 150, "author": 400, "url": 2048, "kind": 40, "published": 80}

_OPEN = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.M)
_KEY_LINE = re.compile(r"[ \t]*[A-Za-z_][\w -]{0,40}:(?:[ \t]|\r?$)")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
KEYS = {"title": "title", "headline": "title",
        "outlet": "outlet", "source": "outlet", "publisher": "outlet", "publication": "outlet",
        "site_name": "outlet", "sitename": "outlet",
        "author": "author", "authors": "author", "byline": "author",
        "date": "published", "published": "published", "pubdate": "published",
        "date_published": "published", "published_at": "published",
        "url": "url", "link": "url", "canonical_url": "url", "kind": "kind"}


@dataclass
class FrontMatter:
    fields: dict[str, str] = field(default_factory=dict)  # checked values by record field
    body_start: int = 0  # where the article text starts (0: there was no block)
    warnings: list[str] = field(default_factory=list)


class _Rejected(Exception):
    """The block cannot be read safely; the message says why, for the user."""


def _show(value: object, limit: int = 40) -> str:
    text = " ".join(_CONTROLS.sub(" ", str(value)).split())
    return text if len(text) <= limit else text[:limit] + "…"


def split_front_matter(text: str, strict: bool = True) -> FrontMatter:
    """The metadata of a leading ``---`` block and where the body starts.

    ``strict`` (Markdown) takes any leading ``---`` line as the start of a block;
    otherwise (plain text) only one followed by a ``key:`` line is, since a text
    may open with a rule. A block that is not closed is left as text, with a
    warning; a closed block that cannot be read is still cut from the body.
    """
    opening = _OPEN.match(text)
    if not opening:
        return FrontMatter()
    if not strict and not _KEY_LINE.match(text, opening.end()):
        return FrontMatter()
    close = _CLOSE.search(text, opening.end())
    if close is None:
        return FrontMatter(warnings=["front matter is not closed by a '---' line; imported as text"])
    if close.start() - opening.end() > MAX_BLOCK_CHARS:
        return FrontMatter(warnings=[f"front matter is larger than {MAX_BLOCK_CHARS // 1024} KB; "
                                     "imported as text without reading it"])
    block = text[opening.end():close.start()]
    result = FrontMatter(body_start=close.end())
    try:
        data = _load(block)
    except _Rejected as exc:
        result.warnings.append(f"front matter ignored: {exc}")
        return result
    if data is None:
        return result
    if not isinstance(data, dict):
        result.warnings.append("front matter is not a list of 'key: value' lines; its metadata was ignored")
        return result
    values: dict[str, object] = {}
    for key, value in data.items():
        name = KEYS.get(str(key).strip().lower()) if isinstance(key, str) else None
        if name is not None:
            values.setdefault(name, value)  # the first of "date:" and "published:" counts
    result.fields, problems = check_fields(values, "front matter")
    result.warnings.extend(problems)
    return result


def _load(block: str):
    """The YAML block as plain Python data (strings, lists, dicts), within the limits."""
    import yaml

    loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)  # every scalar stays a string
    try:
        depth = nodes = 0
        for event in yaml.parse(block, Loader=loader):  # streamed: limits hold before anything is built
            if isinstance(event, yaml.AliasEvent):
                raise _Rejected("it uses YAML aliases (*name), which Parallax does not expand")
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _Rejected(f"it is nested more than {MAX_DEPTH} levels deep")
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            if isinstance(event, yaml.NodeEvent):
                nodes += 1
                if nodes > MAX_NODES:
                    raise _Rejected(f"it has more than {MAX_NODES:,} values")
        return yaml.load(block, Loader=loader)  # noqa: S506 - BaseLoader builds no objects
    except _Rejected:
        raise
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise _Rejected(f"it is not valid YAML{where}") from None
    except Exception as exc:  # noqa: BLE001 - a parser bug on one file must not stop the batch
        raise _Rejected(f"it could not be read ({type(exc).__name__})") from None


def check_fields(values: dict[str, object], where: str) -> tuple[dict[str, str], list[str]]:
    """``check_field`` for each of ``values``: (the usable ones, a warning per value left out)."""
    fields, warnings = {}, []
    for key, value in values.items():
        try:
            checked = check_field(key, value)
        except ValueError as exc:
            warnings.append(f"{where} '{_show(key)}' ignored: {exc}")
            continue
        if checked:
            fields[key] = checked
    return fields, warnings


def _scalar(name: str, value: object) -> str:
    if isinstance(value, (dict, list)):
        raise ValueError(f"{name} must be text, not a {'map' if isinstance(value, dict) else 'list'}")
    return " ".join(_CONTROLS.sub(" ", "" if value is None else str(value)).split())


def check_field(name: str, value: object) -> str:
    """The value of metadata field ``name`` as stored, or "" (absent); raises ValueError with why."""
    if name == "author" and isinstance(value, list):
        text = ", ".join(_scalar(name, v) for v in value if v not in (None, ""))
    else:
        text = _scalar(name, value)
    if not text or text.lower() in ("null", "~", "none"):
        return ""
    limit = MAX_CHARS.get(name)
    if limit and len(text) > limit:
        raise ValueError(f"{name} is {len(text):,} characters long (the limit is {limit})")
    if name == "published":
        try:
            return iso_date(text)
        except BadDate as exc:
            raise ValueError(f"{exc}; the article is stored without a date") from None
    if name == "kind":
        if text.lower() not in ARTICLE_KINDS:
            raise ValueError(f"kind “{_show(text)}” is not one of {', '.join(ARTICLE_KINDS)}")
        return text.lower()
    if name == "url" and not re.match(r"(?i)https?://[^\s/]+", text):
        raise ValueError(f"“{_show(text)}” is not a web address")
    return text
