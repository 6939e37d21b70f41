"""Showing a long or quote-dense article without making the window wait for it.

Qt lays out rich text on the GUI thread, about 0.3 ms per highlighted quote:
a 100 KB file with 8,653 quotes froze the window for seconds in ``setHtml``.
A large article's HTML is built on a worker (pure Python, which lets go of
the interpreter every few milliseconds), then appended on the GUI thread a
few paragraphs at a time, ``STEP_MS`` per turn of the event loop, so input
and painting go on in between. ``article_parts`` cuts very long paragraphs
into bounded pieces, so no single insertion is slow either.
"""
from __future__ import annotations

from html import escape
from typing import Any, Callable

from PySide6.QtCore import QElapsedTimer
from PySide6.QtCore import QObject
from PySide6.QtCore import QTimer
from PySide6.QtCore import Signal
from PySide6.QtGui import QTextBlockFormat
from PySide6.QtGui import QTextCharFormat
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTextBrowser

from reader.render.highlights import HIGHLIGHT_COST
from reader.render.highlights import MAX_MARKED_QUOTES
from reader.render.article_html import article_parts
from reader.safe_text import one_line
from reader.search.articles import StoredArticle
from reader.ui.tasks import Task
from reader.ui.tasks import TaskContext

SYNC_COST = 40_000  # an article estimated below this is shown in one go (tens of milliseconds)
STEP_MS = 8  # GUI-thread time per turn while appending


def is_large(article: StoredArticle) -> bool:
    """Whether ``article`` is shown progressively (estimated from its size, without rendering)."""
    quotes = min(len(article.record.quotes), MAX_MARKED_QUOTES)
    return len(article.body) + HIGHLIGHT_COST * quotes > SYNC_COST


class ProgressiveRender(QObject):
    """One article being shown; ``stop`` when another replaces it.

    ``prepare`` runs on the worker and returns ``article_parts``' arguments (it may
    read the article from the index first: a 5 MB article takes 0.1 s to unpack),
    or None when there is no article. ``loaded(article or None)`` comes once it is
    read, ``finished`` once all of it is on screen, ``failed(exc)`` instead.
    """

    loaded = Signal(object)
    finished = Signal()
    failed = Signal(object)

    def __init__(self, browser: QTextBrowser, prepare: Callable[[], tuple[Any, ...] | None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._browser = browser
        self._prepare = prepare
        self._blocks: list[str] = []
        self._next = 0
        self._stopped = False
        self._task: Task | None = None

    def start(self) -> None:
        self._browser.setHtml('<p style="margin-top:40px" align="center"><i>Opening the article…</i></p>')
        prepare = self._prepare

        def work(ctx: TaskContext) -> tuple[Any, str, list[str]] | None:
            args = prepare()
            if args is None:
                return None
            parts = article_parts(*args)
            blocks = []
            for block in parts.blocks:
                if ctx.cancelled():
                    return None
                blocks.append(block)
            return args[0], parts.head, blocks

        self._task = Task("Showing the article", work, nice=0)
        self._task.finished.connect(self._received)
        self._task.failed.connect(self._failed)
        self._task.start()

    def stop(self) -> None:
        self._stopped = True
        if self._task is not None:
            self._task.cancel()

    def _received(self, result: tuple[Any, str, list[str]] | None) -> None:
        if self._stopped:
            return
        if result is None:
            self.loaded.emit(None)
            return
        article, head, self._blocks = result
        self.loaded.emit(article)
        self._browser.setHtml("<html><body>" + head + "</body></html>")
        QTimer.singleShot(0, self, self._step)

    def _failed(self, exc: BaseException) -> None:
        if not self._stopped:
            self._browser.setHtml(f"<p><i>This article could not be shown: {escape(one_line(str(exc)))}</i></p>")
            self.failed.emit(exc)

    def _step(self) -> None:
        if self._stopped:
            return
        clock = QElapsedTimer()
        clock.start()
        cursor = QTextCursor(self._browser.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.beginEditBlock()  # one layout pass for the whole step, not one per paragraph
        while self._next < len(self._blocks) and clock.elapsed() < STEP_MS:
            cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())  # not the rule above it
            cursor.insertHtml(self._blocks[self._next])
            self._next += 1
        cursor.endEditBlock()
        if self._next < len(self._blocks):
            QTimer.singleShot(0, self, self._step)
        else:
            self.finished.emit()
