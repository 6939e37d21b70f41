"""Markdown with front matter and saved web pages, turned into source documents.

Markdown: YAML front matter (the Jekyll/Hugo convention) gives metadata; the
text after it is what analysis and the reader see. Web pages: trafilatura, a
maintained extractor, finds the article body and its metadata; the extracted
text is what gets stored in the index (the page itself is never changed).
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from reader.sources import SourceDocument
from reader.textio import DecodedText, UnreadableFile

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
FRONT_MATTER_KEYS = {"title": "title", "outlet": "outlet", "source": "outlet", "publisher": "outlet",
                     "author": "author", "authors": "author", "date": "published",
                     "published": "published", "url": "url", "link": "url", "kind": "kind"}


def _as_text(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value if v is not None)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return "" if value is None else str(value).strip()


def split_front_matter(text: str) -> tuple[dict[str, str], str, list[str]]:
    """(metadata, body, problems). A malformed block is kept as text and reported."""
    import yaml

    match = _FRONT_MATTER.match(text)
    if not match:
        if text.startswith("---") and text[3:4] in ("\n", "\r"):
            return {}, text, ["front matter is not closed by a '---' line; imported as text"]
        return {}, text, []
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        return {}, text, [f"front matter is not valid YAML{where}; imported as text without it"]
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return {}, text, ["front matter is not a list of 'key: value' lines; imported as text"]
    meta: dict[str, str] = {}
    for key, value in data.items():
        field = FRONT_MATTER_KEYS.get(str(key).lower())
        if field and field not in meta and _as_text(value):
            meta[field] = _as_text(value)
    return meta, text[match.end():], []


def markdown_source(path: Path, decoded: DecodedText, sha: str, hints: dict[str, str]) -> SourceDocument:
    meta, body, problems = split_front_matter(decoded.text)
    if not body.strip():
        raise UnreadableFile("no article text after the front matter")
    return SourceDocument(path, body, sha, "markdown", {**hints, **meta},
                          list(decoded.warnings) + problems)


def html_source(path: Path, decoded: DecodedText, sha: str, hints: dict[str, str]) -> SourceDocument:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(decoded.text, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_precision=True)
    except Exception as exc:  # trafilatura wraps lxml, which raises on some broken pages
        raise UnreadableFile(f"the web page could not be parsed ({type(exc).__name__})") from None
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        raise UnreadableFile("no article text found in the web page")
    title = (getattr(doc, "title", None) or "").strip()
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    if title and paragraphs[0] != title:
        paragraphs.insert(0, title)
    meta = {"title": title, "author": getattr(doc, "author", None) or "",
            "published": getattr(doc, "date", None) or "", "url": getattr(doc, "url", None) or "",
            "outlet": getattr(doc, "sitename", None) or ""}
    meta = {k: v.strip() for k, v in meta.items() if v and v.strip()}
    return SourceDocument(path, "\n\n".join(paragraphs) + "\n", sha, "html", {**meta, **hints},
                          list(decoded.warnings))
