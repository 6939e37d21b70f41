"""From files on disk to source documents: text plus the metadata we were given.

A source document is what analysis starts from. The user's files are only
ever read. Metadata given with a file (a ``catalog.toml`` sidecar in its
folder, or Markdown front matter) arrives as *hints* that override what
analysis would detect from the text.
"""
from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from reader.textio import UnreadableFile, read_bytes, decode_bytes, looks_binary

TEXT_SUFFIXES = (".txt", ".text")
MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + MARKDOWN_SUFFIXES + HTML_SUFFIXES
CATALOG_NAME = "catalog.toml"
HINT_KEYS = ("title", "outlet", "author", "published", "kind", "url")


@dataclass
class SourceDocument:
    path: Path
    text: str  # the text analysis sees; offsets refer to it
    sha: str  # sha256 of the file's bytes: identity for duplicates and rescans
    format: str  # "text", "markdown" or "html"
    hints: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


@dataclass
class Skipped:
    path: Path
    reason: str


def discover(paths: Iterable[Path]) -> Iterator[Path | Skipped]:
    """Supported files under the given files and folders (recursively), sorted."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix.lower() in SUPPORTED_SUFFIXES and not child.name.startswith("."):
                    yield child
        elif path.is_file():
            if path.suffix.lower() in SUPPORTED_SUFFIXES:
                yield path
            else:
                yield Skipped(path, f"unsupported file type {path.suffix or '(none)'}; "
                                    "Parallax reads .txt, .md and .html")
        elif path.exists():
            yield Skipped(path, "not a regular file")
        else:
            yield Skipped(path, "no such file or folder")


@lru_cache(maxsize=64)
def _catalog(folder: Path, mtime: float) -> dict[str, dict[str, str]]:
    with open(folder / CATALOG_NAME, "rb") as fh:
        data = tomllib.load(fh)
    out: dict[str, dict[str, str]] = {}
    for entry in data.get("article", []):
        name = entry.get("file")
        if name:
            out[name] = {k: str(entry[k]) for k in HINT_KEYS if entry.get(k)}
    return out


def catalog_hints(path: Path) -> dict[str, str]:
    """Metadata for ``path`` from a ``catalog.toml`` beside it, if any."""
    cat = path.parent / CATALOG_NAME
    try:
        return dict(_catalog(path.parent.resolve(), cat.stat().st_mtime).get(path.name, {}))
    except (OSError, tomllib.TOMLDecodeError):
        return {}


def load_source(path: Path) -> SourceDocument:
    """Read one supported file; raises UnreadableFile with the user's reason."""
    path = Path(path)
    data = read_bytes(path)
    if not data.strip():
        raise UnreadableFile("empty file")
    if looks_binary(data):
        raise UnreadableFile("binary file, not text")
    sha = hashlib.sha256(data).hexdigest()
    decoded = decode_bytes(data)
    suffix = path.suffix.lower()
    hints = catalog_hints(path)
    if suffix in MARKDOWN_SUFFIXES:
        from reader.formats import markdown_source

        return markdown_source(path, decoded, sha, hints)
    if suffix in HTML_SUFFIXES:
        from reader.formats import html_source

        return html_source(path, decoded, sha, hints)
    return SourceDocument(path, decoded.text, sha, "text", hints, list(decoded.warnings))
