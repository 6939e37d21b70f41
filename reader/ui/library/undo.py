"""Edit ▸ Undo (Ctrl+Z): the last removal from the library and the last label edit.

A removal is undone by putting the removed articles back into the index (the
job's ``RemovedArticles`` carries their stored text and record, so nothing is
re-analysed and the files are not read); a label edit by writing the outlet
overrides back as they were before it and re-labelling the library. Only the
newest of the two is offered; undoing it offers the other, if any.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow

from reader.outlet_overrides import default_registry
from reader.safe_text import one_line
from reader.ui.plain_text import button_text

REMOVE_JOB, RESTORE_JOB, LABEL_JOB = "Removing articles", "Restoring articles", "Updating labels"
TITLE_LIMIT = 60  # characters of a title in the Undo action's text


@dataclass
class Step:
    """One undoable change: ``kind`` is "remove" or "label"; ``data`` what undoes it."""

    kind: str
    text: str  # what the Edit menu says after "Undo "
    data: Any


def short_title(title: str) -> str:
    title = one_line(title)
    return title if len(title) <= TITLE_LIMIT else title[: TITLE_LIMIT - 1].rstrip() + "…"


class UndoHistory(QObject):
    """The window's Undo action and the two steps it can take back."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.steps: list[Step] = []  # oldest first; at most one of each kind
        self.action = window.actions.undo
        self.action.triggered.connect(self.undo)
        window.controller.job_done.connect(self._on_job_done)
        self._update()

    # -- recording -----------------------------------------------------------------
    def _push(self, step: Step) -> None:
        self.steps = [s for s in self.steps if s.kind != step.kind] + [step]
        self._update()

    def before_label_edit(self) -> dict:
        """The overrides as they are before a label dialog saves (kept if it does save)."""
        return default_registry().snapshot()

    def label_edited(self, before: dict, outlet: str) -> None:
        self._push(Step("label", self.tr("Label Edit of “%s”") % short_title(outlet or "the outlet"), before))

    def _on_job_done(self, name: str, result: object) -> None:
        if name == REMOVE_JOB and int(result or 0) and hasattr(result, "documents"):
            titles = result.titles()
            text = (self.tr("Remove “%s”") % short_title(titles[0]) if len(titles) == 1
                    else self.tr("Remove %d Articles") % len(titles))
            self._push(Step("remove", text, result))
        elif name == RESTORE_JOB:
            n = len(getattr(result, "added", []))
            self.window.statusBar().showMessage(
                self.tr("Restored %d to the library.") % n if n != 1 else self.tr("Restored 1 article to the library."),
                8000)

    # -- undoing -------------------------------------------------------------------
    def undo(self) -> bool:
        """Take back the newest step; False (and a status message) when it cannot start now."""
        if not self.steps:
            return False
        step = self.steps[-1]
        if step.kind == "remove":
            if self.window.controller.jobs.restore(step.data) is None:
                self.window.statusBar().showMessage(self.tr("Please wait: the library is busy."), 6000)
                return False
        else:
            try:
                default_registry().restore_snapshot(step.data)
            except OSError as exc:
                from reader.failures import describe

                self.window.statusBar().showMessage(describe(exc), 10000)
                return False
            self.window.labels.saved()  # re-label the library with the labels as they were
        self.steps.pop()
        self._update()
        return True

    def _update(self) -> None:
        step = self.steps[-1] if self.steps else None
        self.action.setEnabled(step is not None and not self.window.controller.read_only)
        self.action.setText(button_text(self.tr("Undo %s") % step.text) if step else self.tr("&Undo"))
