"""Running work after the window has painted what the user is waiting for.

At start-up the list should appear first and the slower parts follow (opening
the index, the first article, the side panels). Queueing them with
``QTimer.singleShot(0, …)`` is not enough: Qt posts repaint requests at low
priority, so such a call runs *before* a pending repaint, and a window that
the platform has not exposed yet is not painted at all until it is. So
``after_paint`` holds the calls until the next paint of any window (a whole
window is painted in one go, and the calls are then posted behind it). With no
window on screen, or no paint within ``GATE_TIMEOUT_MS``, they run anyway.
"""
from __future__ import annotations

from typing import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

GATE_TIMEOUT_MS = 500  # a hidden or minimised window may never paint

_CALL = QEvent.Type(QEvent.registerEventType())


class _Call(QObject):
    """One deferred call; a child of its context, so it is dropped with it."""

    def __init__(self, fn: Callable[[], None], context: QObject) -> None:
        super().__init__(context)
        self._fn = fn

    def post(self) -> None:
        QCoreApplication.postEvent(self, QEvent(_CALL), Qt.EventPriority.LowEventPriority.value)

    def event(self, event: QEvent) -> bool:
        if event.type() == _CALL:
            self.deleteLater()
            self._fn()
            return True
        return super().event(event)


class _PaintGate(QObject):
    """Holds calls until the next paint event anywhere in the application."""

    def __init__(self) -> None:
        super().__init__()
        self._held: list[_Call] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.release)

    def hold(self, call: _Call) -> None:
        if not self._held:
            QCoreApplication.instance().installEventFilter(self)  # only while calls wait
            self._timer.start(GATE_TIMEOUT_MS)
        self._held.append(call)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.release()  # the calls are posted now and run when this paint is done
        return False

    def release(self) -> None:
        QCoreApplication.instance().removeEventFilter(self)
        self._timer.stop()
        held, self._held = self._held, []
        for call in held:
            if shiboken6.isValid(call):  # its context may be gone (and the call with it)
                call.post()


_gate: _PaintGate | None = None


def after_paint(context: QObject, fn: Callable[[], None]) -> None:
    """Call ``fn`` on the GUI thread once the window has been painted (dropped with ``context``)."""
    global _gate
    call = _Call(fn, context)
    if not any(w.isVisible() for w in QApplication.topLevelWidgets()):
        call.post()  # nothing to wait for: behind the repaints already requested
        return
    if _gate is None:
        _gate = _PaintGate()
    _gate.hold(call)
