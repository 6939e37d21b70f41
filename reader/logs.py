"""Logging to a file in the user data folder, rotated when a session starts.

Called once from an entry point (never at import). The log path is shown in
the error dialog, so a user can attach it to a bug report. The file is
rotated at start-up (``parallax.log`` → ``.1`` … ``.3``) rather than by
``logging.handlers.RotatingFileHandler``: that module imports sockets,
pickle and queues, about 20 ms of every start for a file that grows slowly.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

from reader.paths import user_data_dir

LOG_NAME = "parallax.log"
MAX_BYTES = 1_000_000  # rotate at start-up once the log is this big
BACKUPS = 3
_configured: Path | None = None


def log_path() -> Path:
    return user_data_dir() / "logs" / LOG_NAME


def setup_logging(level: int = logging.INFO) -> Path:
    """Send the ``reader`` loggers to a rotating file; returns its path."""
    global _configured
    path = log_path()
    if _configured == path:
        return path
    logger = logging.getLogger("reader")
    logger.setLevel(level)
    logging.raiseExceptions = False  # a log write failing on a full disk prints no traceback
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        rotate(path)
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8", delay=True)
    except OSError:
        handler = logging.StreamHandler()  # a read-only home must not stop the app
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for old in [h for h in logger.handlers if getattr(h, "_parallax", False)]:
        logger.removeHandler(old)
        old.close()
    handler._parallax = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    _configured = path
    return path


def rotate(path: Path, max_bytes: int = MAX_BYTES, backups: int = BACKUPS) -> bool:
    """Shift ``path`` to ``path.1`` (and older copies along) once it is ``max_bytes``; True if so."""
    try:
        if path.stat().st_size < max_bytes:
            return False
    except FileNotFoundError:
        return False
    for n in range(backups - 1, 0, -1):
        older = path.with_name(f"{path.name}.{n}")
        if older.exists():
            os.replace(older, path.with_name(f"{path.name}.{n + 1}"))
    os.replace(path, path.with_name(f"{path.name}.1"))
    return True
