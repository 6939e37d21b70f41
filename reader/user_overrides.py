"""The files that hold a user's corrections: JSON in the config folder, never lost.

Outlet labels (``outlet_overrides``) and story edits (``stories.corrections``)
are the user's own work, so both are read and written the same way: written
atomically, and a file that cannot be read or has an unexpected shape is moved
aside (never overwritten, never deleted) and reset with a warning, instead of
stopping the app or being silently replaced.
"""
from __future__ import annotations

import datetime as _dt
import json
import logging
from pathlib import Path
from typing import Any, Callable

from reader.atomic import write_text_atomic

log = logging.getLogger(__name__)


def read_user_json(path: Path, valid: Callable[[Any], bool],
                   what: str) -> tuple[dict[str, Any] | None, str | None]:
    """(data, warning): ``data`` is None when there is no file or it had to be reset.

    ``what`` names the file for the warning ("outlet overrides").
    """
    path = Path(path)
    if not path.exists():
        return None, None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not valid(data):
            raise ValueError("unexpected structure")
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        stamp = _dt.datetime.now().strftime("%Y%m%dT%H%M%S")
        backup = path.with_name(f"{path.name}.corrupt-{stamp}")
        n = 1
        while backup.exists():  # never overwrite an earlier backup
            n += 1
            backup = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
        try:
            path.replace(backup)
            warning = f"{what} {path} were unreadable ({exc}); moved to {backup.name} and reset"
        except OSError as move_exc:
            warning = f"{what} {path} were unreadable ({exc}) and could not be moved ({move_exc}); ignoring them"
        log.warning(warning)
        return None, warning
    return data, None


def write_user_json(path: Path, data: dict[str, Any]) -> None:
    """Write the user's corrections atomically, sorted and indented for people to read."""
    write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
