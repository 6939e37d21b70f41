"""From files on disk to source documents: text plus the metadata we were given.

A source document is what analysis starts from, and every path that reads an
article (``parallax add``, ``parallax analyze``, the window, rebuilds) reads
it here. The user's files are only ever read. Metadata given with a file
arrives as *hints* that beat what analysis would detect from the text, each
with where it came from (``hint_sources``): a YAML front-matter block
(``front-matter``), a ``catalog.toml`` sidecar in its folder (``catalog``), or
a web page's metadata (``html-meta``).
"""
from __future__ import annotations

import hashlib
import os
import stat
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from reader.textio import UnreadableFile, decode_bytes, file_kind, looks_binary, read_bytes

TEXT_SUFFIXES = (".txt", ".text")
MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + MARKDOWN_SUFFIXES + HTML_SUFFIXES
CATALOG_NAME = "catalog.toml"
CATALOG_MAX_BYTES = 4 * 1024 * 1024
HINT_KEYS = ("title", "outlet", "author", "published", "kind", "url")
MAX_FOLDER_DEPTH = 48  # deeper folders are reported, not read (and never recursed into)
SUPPORTED_TEXT = "Parallax reads .txt, .md and .html"


@dataclass
class SourceDocument:
    path: Path
    text: str  # the text analysis sees (front matter removed); offsets refer to it
    sha: str  # sha256 of the file's bytes: identity for duplicates and rescans
    format: str  # "text", "markdown" or "html"
    hints: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    hint_sources: dict[str, str] = field(default_factory=dict)  # hint field -> one of META_SOURCES


@dataclass
class Skipped:
    path: Path
    reason: str
    unsupported: bool = False  # a file type Parallax does not read (said once, not at every rescan)


def _unsupported(path: Path) -> Skipped:
    return Skipped(path, f"unsupported file type {path.suffix or '(none)'}; {SUPPORTED_TEXT}", True)


def discover(paths: Iterable[Path]) -> Iterator[Path | Skipped]:
    """Supported files under the given files and folders (recursively), in path order.

    Whatever is not read is said: unsupported files, FIFOs, devices and sockets,
    unreadable or too deeply nested folders, links that loop or lead nowhere.
    Hidden entries (``.git``, ``.DS_Store``) and catalog sidecars are passed over.
    The walk is iterative, so no folder depth raises RecursionError.
    """
    for raw in paths:
        path = Path(raw)
        st = _stat(path, path.stat, "no such file or folder")
        if isinstance(st, Skipped):
            yield st
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk(path, st)
        else:
            yield _file(path, st)


def _file(path: Path, st: os.stat_result) -> Path | Skipped:
    """A listed non-folder: an article file, or why it is not read."""
    if not stat.S_ISREG(st.st_mode):
        return Skipped(path, f"not a regular file (it is {file_kind(st.st_mode)})")
    if path.suffix.lower() in SUPPORTED_SUFFIXES:
        return path
    return _unsupported(path)


def _stat(path: Path, stat_fn, missing: str) -> os.stat_result | Skipped:
    try:
        return stat_fn()
    except FileNotFoundError:
        return Skipped(path, missing)
    except PermissionError:
        return Skipped(path, "permission denied")
    except OSError as exc:
        return Skipped(path, f"cannot be read ({exc.strerror or exc})")


def _listing(folder: Path) -> list[os.DirEntry] | Skipped:
    try:
        with os.scandir(folder) as it:
            return sorted(it, key=lambda e: e.name)
    except PermissionError:
        return Skipped(folder, "folder cannot be read (permission denied); nothing in it was added")
    except OSError as exc:
        return Skipped(folder, f"folder cannot be read ({exc.strerror or exc}); nothing in it was added")


def _walk(root: Path, root_stat: os.stat_result) -> Iterator[Path | Skipped]:
    """Depth first in name order (the order of sorted paths), with a stack instead of recursion."""
    seen = {(root_stat.st_dev, root_stat.st_ino)}  # links back up the tree are not followed twice
    first = _listing(root)
    if isinstance(first, Skipped):
        yield first
        return
    stack: list[tuple[Iterator[os.DirEntry], int]] = [(iter(first), 0)]
    while stack:
        entries, depth = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith(".") or entry.name == CATALOG_NAME:
            continue
        path = Path(entry.path)
        st = _stat(path, entry.stat, "a link to a file or folder that does not exist")  # links are followed
        if isinstance(st, Skipped):
            yield st
            continue
        if stat.S_ISDIR(st.st_mode):
            if (st.st_dev, st.st_ino) in seen:
                yield Skipped(path, "a link to a folder that is already being read; not read twice")
            elif depth + 1 > MAX_FOLDER_DEPTH:
                yield Skipped(path, f"folders nested more than {MAX_FOLDER_DEPTH} deep are not read")
            else:
                seen.add((st.st_dev, st.st_ino))
                listing = _listing(path)
                if isinstance(listing, Skipped):
                    yield listing
                else:
                    stack.append((iter(listing), depth + 1))
        else:
            yield _file(path, st)


def _catalog_bytes(folder: Path) -> bytes | None:
    try:
        return read_bytes(folder / CATALOG_NAME, CATALOG_MAX_BYTES)
    except UnreadableFile:
        return None


@lru_cache(maxsize=64)
def _catalog(folder: Path, stamp: tuple) -> dict[str, dict[str, str]]:
    data = _catalog_bytes(folder)
    if data is None:
        return {}
    try:
        parsed = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return {}
    out: dict[str, dict[str, str]] = {}
    entries = parsed.get("article", [])
    for entry in entries if isinstance(entries, list) else []:
        name = entry.get("file") if isinstance(entry, dict) else None
        if isinstance(name, str) and name:
            out[name] = {k: entry[k] for k in HINT_KEYS if entry.get(k)}
    return out


def catalog_hints(path: Path) -> tuple[dict[str, str], list[str]]:
    """Checked metadata for ``path`` from a ``catalog.toml`` beside it, and problems with it."""
    from reader.front_matter import check_fields

    cat = path.parent / CATALOG_NAME
    try:
        st = cat.stat()
    except OSError:
        return {}, []
    if not stat.S_ISREG(st.st_mode):
        return {}, []
    raw = _catalog(path.parent.resolve(), (st.st_mtime_ns, st.st_size)).get(path.name, {})
    return check_fields(raw, CATALOG_NAME)


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
    hints, problems = catalog_hints(path)
    if suffix in HTML_SUFFIXES:
        from reader.formats import html_source

        doc = html_source(path, decoded, sha)
    else:
        from reader.formats import text_source

        doc = text_source(path, decoded, sha, markdown=suffix in MARKDOWN_SUFFIXES)
    for key, value in hints.items():  # the catalog beats what a page says, not the file's own block
        if doc.hint_sources.get(key) != "front-matter":
            doc.hints[key], doc.hint_sources[key] = value, "catalog"
    doc.warnings.extend(problems)
    return doc
