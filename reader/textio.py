"""Reading article files as text, with the problems said in words.

Offsets everywhere refer to the string returned here, so decoding must be
deterministic: UTF-8 (a BOM is dropped), else cp1252 with a warning, else
Latin-1 (which always decodes) with a warning.
"""
from __future__ import annotations

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


def read_bytes(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """Read a file, refusing what cannot be an article with a clear message."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise UnreadableFile("file not found (it may have been moved or deleted)") from None
    except PermissionError:
        raise UnreadableFile("permission denied") from None
    if path.is_dir():
        raise UnreadableFile("is a folder, not a file")
    if size > max_bytes:
        raise UnreadableFile(f"too large ({size / 1048576:.1f} MB; the limit is {max_bytes / 1048576:.0f} MB)")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UnreadableFile("file vanished while being read") from None
    except PermissionError:
        raise UnreadableFile("permission denied") from None
    except OSError as exc:
        raise UnreadableFile(f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise UnreadableFile(f"too large (over {max_bytes / 1048576:.0f} MB)")
    return data


def read_text(path: Path, max_bytes: int = MAX_BYTES) -> DecodedText:
    """Decoded text of a file; raises UnreadableFile for empty or binary files."""
    data = read_bytes(path, max_bytes)
    if not data.strip():
        raise UnreadableFile("empty file")
    if looks_binary(data):
        raise UnreadableFile("binary file, not text")
    return decode_bytes(data)
