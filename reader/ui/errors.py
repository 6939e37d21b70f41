"""Unexpected exceptions: logged, shown in a dialog with the log path, app kept running.

``install_excepthook`` replaces ``sys.excepthook`` (Vorta's ExceptionDialog idea).
The dialog is non-modal (``show``, not ``exec``), so an error inside a slot
never nests event loops; "Show Details…" expands the traceback. A problem
with the library (``IndexProblem``: damaged, unwritable) that surfaces in a
slot or a paint is not unexpected: it goes to ``set_problem_sink``'s
receiver, the window's one-sentence dialog with its Rebuild offer.
"""
from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING
from typing import Callable

from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:  # loaded with the first dialog: creating its type costs ~4 ms of every start
    from PySide6.QtWidgets import QMessageBox

from reader import APP_NAME
from reader.logs import log_path
from reader.safe_text import one_line
from reader.search.problems import IndexProblem
from reader.ui.plain_text import message_box

log = logging.getLogger("reader.ui")
_open_boxes: list[QMessageBox] = []  # keeps non-modal dialogs alive until closed
_problem_sink: list[Callable[[BaseException], None]] = []  # where library problems go (the window)


_forwarded: dict[str, float] = {}  # problem sentence -> when it was last forwarded
REPEAT_AFTER_S = 10.0  # every painted cell of a damaged index fails alike: say it once


def set_problem_sink(sink: Callable[[BaseException], None] | None) -> None:
    """Send ``IndexProblem``s that reach the excepthook to ``sink`` (None: to the error dialog)."""
    _problem_sink[:] = [sink] if sink is not None else []
    _forwarded.clear()


def _forward_problem(exc: BaseException) -> None:
    """Hand ``exc`` to the sink after the current event (it may be a paint), once per sentence."""
    import time

    from PySide6.QtCore import QTimer

    now, text = time.monotonic(), str(exc)
    if now - _forwarded.get(text, -REPEAT_AFTER_S) < REPEAT_AFTER_S:
        return
    _forwarded[text] = now
    sink = _problem_sink[0]
    QTimer.singleShot(0, lambda: sink(exc))


def error_box(exc: BaseException, details: str, log_file: Path,
              parent: QWidget | None = None) -> QMessageBox:
    """The dialog: one sentence, where the log is, and the traceback behind "Show Details…"."""
    from PySide6.QtWidgets import QMessageBox

    box = message_box(QMessageBox.Icon.Critical, APP_NAME,
                      QMessageBox.tr("Something went wrong: %s") % (one_line(str(exc)) or exc.__class__.__name__),
                      parent, informative=QMessageBox.tr("Parallax keeps running. The details are in the log: %s")
                      % str(log_file), details=details)
    box.addButton(QMessageBox.StandardButton.Close)
    box.setObjectName("errorDialog")
    box.setModal(False)
    return box


def handle_exception(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None,
                     dialogs: Callable[[], bool] = lambda: True) -> QMessageBox | None:
    """Log an unexpected exception and show it; returns the (shown) dialog, if any."""
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    if issubclass(exc_type, IndexProblem) and _problem_sink:
        log.warning("library problem in a slot: %s\n%s", getattr(exc, "detail", ""), details)
        _forward_problem(exc)
        return None
    log.error("unhandled exception\n%s", details)
    if issubclass(exc_type, KeyboardInterrupt):
        return None
    if QApplication.instance() is None or not dialogs():
        print(details, file=sys.stderr)
        return None
    box = error_box(exc, details, log_path())
    _open_boxes.append(box)
    box.finished.connect(lambda _r, b=box: _open_boxes.remove(b) if b in _open_boxes else None)
    box.show()
    return box


def install_excepthook(dialogs: Callable[[], bool] = lambda: True) -> None:
    """Route uncaught exceptions (including those raised in Qt slots) to ``handle_exception``."""
    sys.excepthook = lambda t, e, tb: handle_exception(t, e, tb, dialogs)
