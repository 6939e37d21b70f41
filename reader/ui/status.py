"""The status bar: corpus size, index state, and progress/cancel for background work."""
from __future__ import annotations

import os

from PySide6.QtCore import QObject
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QProgressBar
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QStatusBar

from reader.ui.tasks import Task
from reader.safe_text import one_line
from reader.ui.plain_text import plain_label
from reader.ui.plain_text import tooltip


class StatusPanel(QObject):
    """Permanent widgets in the status bar; tracks one Task at a time."""

    cancel_requested = Signal()

    def __init__(self, bar: QStatusBar) -> None:
        super().__init__(bar)
        self.bar = bar
        self.task: Task | None = None
        self._progress_text = ""
        self.corpus_label = plain_label()
        self.corpus_label.setAccessibleName("Corpus")
        self.state_label = plain_label()
        self.state_label.setAccessibleName("Index state")
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Indexing progress")
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setAccessibleName("Cancel indexing")
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self._cancel)
        self.read_only_label = plain_label(self.tr("Read-only"))
        self.read_only_label.setAccessibleName("Read-only library")
        self.read_only_label.setVisible(False)
        bar.addPermanentWidget(self.read_only_label)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)
        bar.addPermanentWidget(self.state_label)
        bar.addPermanentWidget(self.corpus_label)

    def set_corpus(self, name: str, count: int) -> None:
        noun = "article" if count == 1 else "articles"
        self.corpus_label.setText(f"·  {count} {noun} in “{one_line(name)}”")

    def set_read_only(self, read_only: bool, why: str) -> None:
        self.read_only_label.setVisible(read_only)
        self.read_only_label.setToolTip(tooltip(why))
        if read_only:
            self.bar.showMessage(why)

    @Slot(str)
    def set_state(self, state: str) -> None:
        self.state_label.setText(self.tr("Index %s") % state)

    @Slot(object)
    def track(self, task: Task) -> None:
        """Show progress and a Cancel button until ``task`` ends."""
        self.task = task
        self.progress.setRange(0, 0)
        self.progress.setFormat(task.name + "…")
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.cancel_button.setEnabled(True)
        task.progress.connect(self._on_progress)
        task.finished.connect(self._on_done)
        task.failed.connect(self._on_done)

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, name: str) -> None:
        name = os.path.basename(name)
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            self.progress.setFormat("%v/%m")
        if name:
            self._progress_text = self.tr("Analysing %s") % one_line(name)
            self.bar.showMessage(self._progress_text)

    @Slot(object)
    def _on_done(self, result: object) -> None:
        if self.sender() is not None and self.sender() is not self.task:
            return  # a task replaced by a newer one
        self.task = None
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        summary = getattr(result, "summary", None)
        if callable(summary):
            self.bar.showMessage(self.tr("Index updated: %s") % summary(), 8000)
        elif self.bar.currentMessage() == self._progress_text:
            self.bar.clearMessage()  # not a message the job's listeners have just shown

    def _cancel(self) -> None:
        self.cancel_button.setEnabled(False)
        self.bar.showMessage(self.tr("Cancelling after the current article…"))
        if self.task is not None:
            self.task.cancel()
        self.cancel_requested.emit()
