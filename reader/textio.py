"""Reading article files as text, with the problems said in words.

Offsets everywhere refer to the string returned here, so decoding must be
deterministic: UTF-8 (a BOM is dropped), else cp1252 with a warning, else
Latin-1 (which always decodes) with a warning.
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

MAX_BYTES = 5 * 1024 * 1024  # larger files are refused: no one reads a 5 MB article


class UnreadableFile(Exception):
    """A file that cannot become an article; the message is for the user."""


@dataclass
class DecodedText:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KiB mean binary."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    if not head:
        return False
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(head) > 0.10


def decode_bytes(data: bytes) -> DecodedText:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        where = f"byte {exc.start}"
    try:
        return DecodedText(data.decode("cp1252"), "cp1252",
                           [f"not valid UTF-8 ({where}); read as Windows-1252"])
    except UnicodeDecodeError:
        return DecodedText(data.decode("latin-1"), "latin-1",
                           [f"not valid UTF-8 ({where}); read as Latin-1"])


def file_kind(mode: int) -> str:
    """What a non-regular file is, in words ("a FIFO", "a device"...)."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


# O_NONBLOCK: opening a FIFO swapped in for the file returns at once instead of
# waiting for a writer; the descriptor is then checked and refused.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)


def read_bytes(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file, at most ``max_bytes`` of them.

    The file is opened first and what was opened is checked (not the name, which
    may have been replaced since it was listed): a FIFO, device or socket is
    refused, and no more than ``max_bytes + 1`` bytes are ever read, so a file
    swapped for a link to ``/dev/zero`` or growing while it is read cannot hang
    the import or fill the memory.
    """
    path = Path(path)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        raise UnreadableFile("file not found (it may have been moved or deleted)") from None
    except PermissionError:
        raise UnreadableFile("permission denied") from None
    except IsADirectoryError:
        raise UnreadableFile("is a folder, not a file") from None
    except OSError as exc:
        raise UnreadableFile(f"cannot be opened ({exc.strerror or exc})") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            kind = file_kind(st.st_mode)
            raise UnreadableFile("is a folder, not a file" if kind == "a folder"
                                 else f"no longer a regular file (it is {kind}); skipped")
        if st.st_size > max_bytes:
            raise UnreadableFile(f"too large ({st.st_size / 1048576:.1f} MB; "
                                 f"the limit is {max_bytes / 1048576:.0f} MB)")
        chunks, total = [], 0
        while total <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except UnreadableFile:
        raise
    except PermissionError:
        raise UnreadableFile("permission denied") from None
    except OSError as exc:
        raise UnreadableFile(f"cannot be read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)
    if total > max_bytes:
        raise UnreadableFile(f"too large (over {max_bytes / 1048576:.0f} MB; it grew while being read)")
    return b"".join(chunks)


def read_text(path: Path, max_bytes: int = MAX_BYTES) -> DecodedText:
    """Decoded text of a file; raises UnreadableFile for empty or binary files."""
    data = read_bytes(path, max_bytes)
    if not data.strip():
        raise UnreadableFile("empty file")
    if looks_binary(data):
        raise UnreadableFile("binary file, not text")
    return decode_bytes(data)
