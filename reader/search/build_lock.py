"""A rebuild's folder is held by its builder, so nobody else clears it mid-build.

A full rebuild writes ``whoosh.tmp-*`` beside the live index; opening the
library clears such folders, since a crash leaves them behind. But another
process may open the library *while* a rebuild runs (the window following a
``parallax index --rebuild``, a ``parallax search`` meanwhile), and clearing
then destroyed the rebuild an hour in. The builder therefore keeps an
exclusive lock on a sibling ``whoosh.tmp-*.lock`` file for as long as the
folder is its own; the operating system drops the lock when the builder
dies, however it dies, so a folder whose lock can be taken is abandoned.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import IO

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None
    import msvcrt

_HELD: dict[str, IO[bytes]] = {}  # this process's build folders and their open lock files


def _lock_file(folder: Path) -> Path:
    return folder.with_name(folder.name + ".lock")


def _try_lock(handle: IO[bytes]) -> bool:
    try:
        if fcntl is not None:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:
            handle.seek(0)  # msvcrt locks bytes from the position: every opener must lock the same one
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
    except OSError:
        return False
    return True


def hold(folder: Path) -> None:
    """Mark ``folder`` as this process's build until ``release``."""
    handle = open(_lock_file(folder), "a+b")
    if not _try_lock(handle):  # a fresh folder from mkdtemp: nobody else can hold it
        handle.close()
        raise OSError(f"{folder} is being built by another process")
    handle.write(str(os.getpid()).encode())
    handle.flush()
    _HELD[str(folder)] = handle


def release(folder: Path) -> None:
    """Let go of a build folder (swapped in, or given up)."""
    handle = _HELD.pop(str(folder), None)
    if handle is not None:
        handle.close()
        _lock_file(folder).unlink(missing_ok=True)


def give_up(folder: Path) -> None:
    """Remove an unfinished build of this process."""
    shutil.rmtree(folder, ignore_errors=True)
    release(folder)


def abandoned(folder: Path) -> bool:
    """True when no living process holds ``folder``: a crash left it behind."""
    if str(folder) in _HELD:
        return False
    lock = _lock_file(folder)
    try:
        handle = open(lock, "r+b")
    except FileNotFoundError:
        return True  # never locked: left by an older Parallax
    except OSError:
        return False  # cannot tell: leave it
    with handle:
        return _try_lock(handle)  # closing the handle lets go again


def clear_abandoned(location: Path, pattern: str) -> None:
    """Remove the abandoned build folders (and stray lock files) in ``location``."""
    for folder in Path(location).glob(pattern):
        if folder.suffix == ".lock":
            if not folder.with_suffix("").exists() and abandoned(folder.with_suffix("")):
                folder.unlink(missing_ok=True)
        elif folder.is_dir() and abandoned(folder):
            shutil.rmtree(folder, ignore_errors=True)
            _lock_file(folder).unlink(missing_ok=True)
