"""Atomic file writes: a crash leaves either the old file or the new one.

``atomic_output`` is the one place that does it: a temporary file beside the
target, fsync, then rename over it. Large outputs (exports) stream into it; a
write that raises, or is cancelled, removes the temporary file and leaves no
file (or the old one) at the target.
"""
from __future__ import annotations

import os
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator


@contextmanager
def atomic_output(path: Path, mode: str = "wb", encoding: str | None = None) -> Iterator[IO]:
    """Yield a file to write ``path``'s new contents to; it replaces ``path`` only when
    the ``with`` block ends without an exception.

    ``mode`` is "wb" (bytes) or "w" (text, with ``encoding`` and newlines written as given).
    """
    if mode not in ("wb", "w"):
        raise ValueError(f"atomic_output writes with mode 'wb' or 'w', not {mode!r}")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, _mode_for(path))  # mkstemp makes it private (0600); the file is the user's
        text = mode == "w"
        with os.fdopen(fd, mode, encoding=(encoding or "utf-8") if text else None,
                       newline="" if text else None) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _mode_for(path: Path) -> int:
    """The permissions the file would get from ``open()``: those of the file it replaces,
    else 0666 less the umask."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    try:  # Linux says it without changing it (os.umask would, for every thread, for a moment)
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_output(path, "wb") as fh:
        fh.write(data)


def write_text_atomic(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` atomically (newlines are written as given)."""
    with atomic_output(path, "w", encoding) as fh:
        fh.write(text)
