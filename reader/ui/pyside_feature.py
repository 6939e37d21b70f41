"""Sparing PySide6 the inspection of every module imported after it.

PySide6 replaces ``__import__`` to support ``from __feature__ import
snake_case``. After each import statement it asks whether the module uses
PySide6, by reading the module's source with ``inspect.getsource``, which also
searches all loaded modules for the one owning the file: about 0.1 ms a
module, 8-10 ms for the ~80 modules a window start imports (or imports again).

Parallax never selects a feature, so the answer only files a module as
"ignored" (-1) or "uses PySide6, no features" (0), and we know it without
reading anything: modules loaded before PySide6 do not use it
(``before_qt.py`` loads the Qt-free ones first, and a test keeps it so) and
the ``reader.ui`` modules still to come do. ``spare_feature_checks`` writes
those answers into PySide6's table ahead of time. The table is private to
PySide6 (``shibokensupport.feature``); when it is missing or changed, nothing
is written and PySide6 checks as before.
"""
from __future__ import annotations

import os
import pkgutil
import sys

PACKAGE = "reader.ui"


def _feature_table() -> dict | None:
    module = sys.modules.get("shibokensupport.feature")  # loaded with PySide6.QtCore
    table = getattr(module, "pyside_feature_dict", None)
    return table if isinstance(table, dict) else None


def _package_modules(path: list[str], prefix: str) -> list[str]:
    """Every module of the package and its subpackages, found on disk without importing them."""
    names = []
    for info in pkgutil.iter_modules(path):
        name = f"{prefix}.{info.name}"
        names.append(name)
        if info.ispkg:
            names.extend(_package_modules([os.path.join(p, info.name) for p in path], name))
    return names


def spare_feature_checks(package_path: list[str]) -> int:
    """Pre-answer PySide6's check for loaded modules and this package's; how many."""
    table = _feature_table()
    if table is None:
        return 0
    answers = {name: (0 if name == PACKAGE or name.startswith(PACKAGE + ".") else -1)
               for name in list(sys.modules)}
    answers.update((name, 0) for name in _package_modules(package_path, PACKAGE))
    new = {name: flag for name, flag in answers.items() if name not in table}
    table.update(new)
    return len(new)
