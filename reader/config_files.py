"""The user's small configuration files (settings, outlet labels): read within
bounds, and set aside when damaged, never deleted.

A settings file can be anything by the time it is read: a link to
``/dev/zero`` (reading it filled memory: 5.4 GB, then MemoryError), a FIFO
(reading it never ends), 100 MB of garbage, JSON nested far deeper than
Python recurses. ``read_config`` reads regular files only, without waiting on
a FIFO swapped in, and at most ``MAX_CONFIG_BYTES``; anything else is
``ConfigDamaged``. ``quarantine`` moves a damaged file aside as
``<name>.corrupt-<time>`` (a link is moved, not what it points to), so the
defaults can be used and nothing of the user's is lost. Qt-free.
"""
from __future__ import annotations

import datetime as _dt
import logging
import os
import stat
from pathlib import Path

MAX_CONFIG_BYTES = 4 * 1024 * 1024  # far more than any settings or labels file Parallax writes

log = logging.getLogger(__name__)


class ConfigDamaged(Exception):
    """The file cannot be a configuration file; ``str()`` says why, in a few words."""


def read_config(path: Path, limit: int = MAX_CONFIG_BYTES) -> bytes | None:
    """The bytes of the file at ``path``; None when there is none."""
    try:
        st = os.stat(path)  # follows a link: a link to /dev/zero is a device
    except FileNotFoundError:
        return None  # a dangling link too: there is nothing to read
    except OSError as exc:
        raise ConfigDamaged(exc.strerror or str(exc)) from None
    if not stat.S_ISREG(st.st_mode):
        raise ConfigDamaged("not a regular file")
    if st.st_size > limit:
        raise ConfigDamaged(f"{st.st_size:,} bytes, too big for this file")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a FIFO swapped in does not block
    except OSError as exc:
        raise ConfigDamaged(exc.strerror or str(exc)) from None
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise ConfigDamaged("not a regular file")
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise ConfigDamaged(f"more than {limit:,} bytes, too big for this file")
    return data


def quarantine(path: Path, reason: str) -> Path | None:
    """Move a damaged file aside (never over an earlier backup); the backup's path, or None."""
    path = Path(path)
    stamp = _dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    backup = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while backup.exists() or backup.is_symlink():
        n += 1
        backup = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    try:
        path.replace(backup)
    except OSError as exc:
        log.warning("%s is damaged (%s) and could not be moved aside: %s", path, reason, exc)
        return None
    log.warning("%s was damaged (%s); moved to %s", path, reason, backup.name)
    return backup
