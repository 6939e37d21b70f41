"""Knowing that the index on disk is what Parallax wrote.

Whoosh trusts its files. A flipped byte in a column or in the stored fields
comes back as ``struct.error``, ``zlib.error``, a ``TypeError`` deep inside a
reader, or worse as a wrong value or a wrong count: a deleted
``_body_len.col`` turned 122 hits into 103 without a word. So after every
commit the writer records each file of the new generation in a manifest
(size, modification time, CRC-32), and opening the index compares the files
with it: a file that is missing or has another size is damage; one whose
time changed is read again and its checksum compared. Segment files are never
rewritten in place, so an unchanged time means unchanged bytes and opening
stays a few ``stat`` calls; ``deep`` checks every checksum (before a write,
and when a read fails).

Whoosh-free: ``reader.search.guarded`` holds the Whoosh side (the writer that
records the manifest, the searcher whose reads are checked).
"""
from __future__ import annotations

import json
import logging
import os
import zlib
from pathlib import Path
from typing import Iterable

from reader.atomic import write_text_atomic
from reader.search.layout import MANIFEST, latest_generation, toc_name

MANIFEST_FORMAT = 1
UNVERIFIED = None  # ``check``'s answer when there is nothing to compare with
# files this process has read in full and found as recorded: (path, size, time) -> checksum.
# Segment files never change once written, so a batch import checks each one once.
_verified: dict[tuple[str, int, int], int] = {}

log = logging.getLogger(__name__)


def crc_of(path: Path) -> int:
    crc = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            crc = zlib.crc32(chunk, crc)
    return crc


def segment_files(folder: Path, segment_ids: Iterable[str]) -> list[str]:
    """The names of every file of the given segments (Whoosh's ids, ``articles_<id>``)."""
    prefixes = tuple(f"{sid}." for sid in segment_ids)
    if not prefixes:
        return []
    return sorted(n for n in os.listdir(folder) if n.startswith(prefixes))


def read_manifest(folder: Path) -> dict | None:
    try:
        data = json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("manifest") != MANIFEST_FORMAT \
            or not isinstance(data.get("files"), dict) or not isinstance(data.get("generation"), int):
        return None
    return data


def write_manifest(folder: Path, generation: int, segment_ids: Iterable[str]) -> None:
    """Record the files of ``generation`` (checksums of unchanged files are taken over)."""
    folder = Path(folder)
    before = (read_manifest(folder) or {}).get("files", {})
    files = {}
    for name in [toc_name(generation), *segment_files(folder, segment_ids)]:
        st = os.stat(folder / name)
        old = before.get(name)
        if isinstance(old, list) and len(old) == 3 and old[:2] == [st.st_size, st.st_mtime_ns]:
            files[name] = old
        else:
            files[name] = [st.st_size, st.st_mtime_ns, crc_of(folder / name)]
            _verified[(str(folder / name), st.st_size, st.st_mtime_ns)] = files[name][2]  # just written
    write_text_atomic(folder / MANIFEST, json.dumps(
        {"manifest": MANIFEST_FORMAT, "generation": generation, "files": files}, indent=0))


def check(folder: Path, deep: bool = False, fresh: bool = False) -> str | None:
    """What is wrong with the index files in ``folder``: "" when nothing, ``UNVERIFIED``
    when there is no manifest of the newest generation to compare with.

    ``deep`` compares every checksum, trusting a file this process has already read
    unless ``fresh`` (a read just failed on it: read it again).
    """
    folder = Path(folder)
    manifest = read_manifest(folder)
    generation = latest_generation(folder.parent)
    if manifest is None or generation is None or manifest["generation"] != generation:
        return UNVERIFIED
    retimed = False
    for name, record in manifest["files"].items():
        try:
            size, mtime_ns, crc = record
            st = os.stat(folder / name)
        except FileNotFoundError:
            return f"{name} is missing"
        except (OSError, ValueError, TypeError) as exc:
            return f"{name} cannot be checked ({exc})"
        if st.st_size != size:
            return f"{name} has {st.st_size} bytes, not {size}"
        key = (str(folder / name), st.st_size, st.st_mtime_ns)
        if (deep or st.st_mtime_ns != mtime_ns) and (fresh or _verified.get(key) != crc):
            try:
                if crc_of(folder / name) != crc:
                    return f"{name} is not what was written (checksum)"
            except OSError as exc:
                return f"{name} cannot be read ({exc})"
            _verified[key] = crc
            if st.st_mtime_ns != mtime_ns:
                record[1] = st.st_mtime_ns
                retimed = True
    if retimed:  # copied without its times: remember the new ones, so the next open is quick
        try:
            write_text_atomic(folder / MANIFEST, json.dumps(manifest, indent=0))
        except OSError:
            pass  # a read-only index is checked in full each time; still correct
    return ""
