"""The files that hold a user's corrections: JSON in the config folder, never lost.

Outlet labels (``outlet_overrides``) and story edits (``stories.corrections``)
are the user's own work, so both are read and written the same way: written
atomically, and a file that cannot be read or has an unexpected shape is moved
aside (never overwritten, never deleted) and reset with a warning, instead of
stopping the app or being silently replaced. Reading is bounded
(``reader.config_files``): a link to /dev/zero, a FIFO or JSON nested deeper
than Python recurses is damage like any other.
"""
from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any, Callable

from reader.atomic import write_text_atomic
from reader.config_files import MAX_CONFIG_BYTES, ConfigDamaged, quarantine, read_config

log = logging.getLogger(__name__)


def read_user_json(path: Path, valid: Callable[[Any], bool], what: str,
                   limit: int = MAX_CONFIG_BYTES) -> tuple[dict[str, Any] | None, str | None]:
    """(data, warning): ``data`` is None when there is no file or it had to be reset.

    ``what`` names the file for the warning ("outlet overrides").
    """
    path = Path(path)
    try:  # bounded, regular files only: a link to /dev/zero or a FIFO is damage, not a wait
        raw = read_config(path, limit)
        if raw is None:
            return None, None
        data = json.loads(raw.decode("utf-8"))
        if not valid(data):
            raise ValueError("unexpected structure")
    except (ConfigDamaged, UnicodeDecodeError, ValueError, RecursionError, MemoryError) as exc:
        # RecursionError: JSON nested deeper than Python recurses (it was raised at every
        # lookup and the file never reset); the file is set aside, never deleted
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)[:200]
        backup = quarantine(path, reason)
        warning = (f"{what} {path} were unreadable ({reason}); moved to {backup.name} and reset" if backup
                   else f"{what} {path} were unreadable ({reason}) and could not be moved; ignoring them")
        log.warning(warning)
        return None, warning
    return data, None


def write_user_json(path: Path, data: dict[str, Any]) -> None:
    """Write the user's corrections atomically, sorted and indented for people to read."""
    write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
