"""Logging to a rotating file in the user data folder.

Called once from an entry point (never at import). The log path is shown in
the error dialog, so a user can attach it to a bug report.
"""
from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from reader.paths import user_data_dir

LOG_NAME = "parallax.log"
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
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
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
