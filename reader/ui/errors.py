"""Unexpected exceptions: logged, shown in a dialog with the log path, app kept running.

``install_excepthook`` replaces ``sys.excepthook`` (Vorta's ExceptionDialog idea).
The dialog is non-modal (``show``, not ``exec``), so an error inside a slot
never nests event loops; "Show Details…" expands the traceback.
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

log = logging.getLogger("reader.ui")
_open_boxes: list[QMessageBox] = []  # keeps non-modal dialogs alive until closed


def error_box(exc: BaseException, details: str, log_file: Path,
              parent: QWidget | None = None) -> QMessageBox:
    """The dialog: one sentence, where the log is, and the traceback behind "Show Details…"."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME,
                      QMessageBox.tr("Something went wrong: %s") % (str(exc) or exc.__class__.__name__),
                      QMessageBox.StandardButton.Close, parent)
    box.setObjectName("errorDialog")
    box.setInformativeText(QMessageBox.tr("Parallax keeps running. The details are in the log: %s")
                           % str(log_file))
    box.setDetailedText(details)
    box.setModal(False)
    return box


def handle_exception(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None,
                     dialogs: Callable[[], bool] = lambda: True) -> QMessageBox | None:
    """Log an unexpected exception and show it; returns the (shown) dialog, if any."""
    details = "".join(traceback.format_exception(exc_type, exc, tb))
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
