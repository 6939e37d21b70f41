"""One sentence for each way the machine can refuse: a full disk, a read-only
folder, a missing permission, too little memory, a folder nested too deep.

The command line and the window say these instead of a traceback (the log
keeps the traceback). Qt-free.
"""
from __future__ import annotations

import errno

from reader.safe_text import one_line

_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_DENIED = {errno.EACCES, errno.EPERM}


def _where(exc: OSError) -> str:
    name = exc.filename if exc.filename is not None else exc.filename2
    return one_line(str(name)) if name is not None else ""


def describe(exc: BaseException, doing: str = "") -> str:
    """A sentence for the user about ``exc``; ``doing`` names the action ("adding articles")."""
    action = f" while {doing}" if doing else ""
    if isinstance(exc, MemoryError):
        return f"Parallax ran out of memory{action}; nothing was changed."
    if isinstance(exc, RecursionError):
        return f"A folder or file is nested too deeply to be read{action}; nothing was changed."
    if not isinstance(exc, OSError):
        return one_line(str(exc)) or type(exc).__name__
    where = _where(exc)
    if exc.errno in _FULL:
        return (f"The disk is full{action}: Parallax could not write {where or 'its files'}. "
                "Free some space and try again; the library is as it was.")
    if exc.errno == errno.EROFS:
        return f"{where or 'The folder'} is on a read-only disk, so Parallax cannot change it."
    if exc.errno in _DENIED:
        return f"Parallax is not allowed to use {where or 'a file it needs'} (permission denied)."
    if exc.errno == errno.ENAMETOOLONG:
        return f"A file name is too long for this system: {where[:120]}…" if where else \
            "A file name is too long for this system."
    if exc.errno == errno.EMFILE:
        return "Too many files are open; close some programs and try again."
    if exc.errno == errno.EIO:
        return f"The disk reported an error reading or writing {where or 'a file'}."
    reason = one_line(exc.strerror or str(exc)) or type(exc).__name__
    return f"{reason}: {where}." if where else f"{reason}."
