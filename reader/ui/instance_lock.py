"""One writing window per library: a QLockFile keyed by the index path.

The lock lives in the user data folder (the index folder may be read-only),
named after a hash of the index's absolute path. A second window on the same
library gets ``acquired == False`` and opens read-only. A lock left behind by a
crashed process is stale (its process is gone) and is taken over.

A lock that cannot be written at all (a full disk, a read-only or forbidden
data folder) also leaves the window read-only, but says so: ``problem`` holds
the sentence, and ``read_only_message`` never blames another window for it.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from PySide6.QtCore import QCryptographicHash
from PySide6.QtCore import QLockFile

from reader.failures import describe
from reader.paths import user_data_dir

STALE_AFTER_MS = 0  # never by age: a live process holds its lock however long it runs
HELD = "Another Parallax window is using this library; this one is read-only."


def _writable(location: Path) -> bool:
    """Whether the index (or, before the first build, the nearest folder that exists) may be written."""
    for folder in (location / "whoosh", location, *location.parents):
        if folder.exists():
            return os.access(folder, os.W_OK | os.X_OK)
    return True


def lock_path(index_location: Path) -> Path:
    # Qt's SHA-1 (the same digest as hashlib's) spares loading OpenSSL at start-up
    data = str(Path(index_location).resolve()).encode("utf-8")
    key = bytes(QCryptographicHash.hash(data, QCryptographicHash.Algorithm.Sha1).toHex()).decode()[:16]
    return user_data_dir() / "locks" / f"library-{key}.lock"


class LibraryLock:
    """Try to own the library; ``acquired`` says whether this window may write."""

    def __init__(self, index_location: Path) -> None:
        self.path = lock_path(index_location)
        self.acquired = False
        self.problem = ""  # why the lock could not be written, when nobody else holds it
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self._lock = None
            self.problem = describe(exc)
            return
        self._lock = QLockFile(str(self.path))
        self._lock.setStaleLockTime(STALE_AFTER_MS)  # stale = its process is gone
        self.acquired = self._lock.tryLock(0)
        if not self.acquired and self._lock.error() == QLockFile.LockError.LockFailedError:
            # A lock whose owner died is detected as stale by tryLock itself; this
            # covers a lock file from another host name or an unreadable one.
            if self._lock.removeStaleLockFile():
                self.acquired = self._lock.tryLock(0)
        if not self.acquired and self._lock.error() != QLockFile.LockError.LockFailedError:
            self.problem = self._write_problem()
        elif self.acquired and not _writable(Path(index_location)):
            self._lock.unlock()  # the library itself cannot be changed: say so up front
            self.acquired = False
            self.problem = f"The library folder {Path(index_location)} cannot be written (read-only or no permission)."

    def _write_problem(self) -> str:
        """The sentence for a lock file that could not be created (Qt gives no errno)."""
        folder = self.path.parent
        try:
            full = shutil.disk_usage(folder).free == 0
        except OSError:
            full = False
        if full:
            return f"The disk is full, so Parallax cannot write its lock file in {folder}."
        if self._lock.error() == QLockFile.LockError.PermissionError:
            return f"Parallax is not allowed to write its lock file in {folder} (permission denied)."
        return f"Parallax cannot write its lock file in {folder}."

    def read_only_message(self) -> str:
        """Why this window is read-only, in one sentence or two."""
        if self.problem:
            return f"{self.problem} This window is read-only."
        holder = self.holder()
        return HELD + (f" ({holder})" if holder else "")

    def holder(self) -> str:
        """Who holds the lock, for the read-only message ("pid 1234 on host")."""
        if self._lock is None or self.problem:
            return ""
        info = self._lock.getLockInfo()  # PySide6: (pid, host, app), or with a leading ok
        info = info[1:] if len(info) == 4 else info
        pid, host = info[0], info[1]
        return f"pid {pid} on {host}" if pid else ""

    def release(self) -> None:
        if self._lock is not None and self.acquired:
            self._lock.unlock()
            self.acquired = False
