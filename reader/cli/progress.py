"""Progress of a long import on a terminal: count, rate and time left, on one line.

On a terminal the line is redrawn a few times a second (and erased at the
end); anywhere else (a pipe, a log file, a test) nothing is printed, so the
command's output is its listed skips and one summary line.
"""
from __future__ import annotations

import sys
import time
from typing import TextIO

REDRAW_S = 0.2


def _duration(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def progress_text(done: int, total: int, elapsed: float) -> str:
    """"1,234 of 50,000 files · 12.3 files/s · about 1 h 06 min left"."""
    text = f"{done:,} of {total:,} files"
    if done and elapsed > 0:
        rate = done / elapsed
        text += f" · {rate:.1f} files/s"
        if total > done:
            text += f" · about {_duration((total - done) / rate)} left"
    return text


class ProgressLine:
    """``update(done, total, name)`` as ``update_index``'s progress callback."""

    def __init__(self, stream: TextIO | None = None, enabled: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.started = time.monotonic()
        self._last = 0.0
        self._width = 0

    def update(self, done: int, total: int, _name: str = "") -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < REDRAW_S and done < total:
            return
        self._last = now
        text = progress_text(done, total, now - self.started)
        self.stream.write("\r" + text.ljust(self._width))
        self.stream.flush()
        self._width = len(text)

    def close(self) -> None:
        """Erase the line, so what follows starts on a clean one."""
        if self.enabled and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0
