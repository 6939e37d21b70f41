"""The story the library is scoped to: a ``story:ID`` term and a removable chip.

The term is added to whatever is typed in the search field when the window
searches, so the one search path (``reader.stories.search_filter``) does the
scoping, and the list, entities, quotes, coverage bar, Compare and Export all
follow it; the chip above the list says which story it is and removes it.
"""
from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QBoxLayout
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QToolButton
from PySide6.QtWidgets import QWidget

from reader.safe_text import one_line
from reader.ui.library.filter_chips import filter_chip
from reader.ui.plain_text import plain_label

CHIP_CHARS = 60  # a long headline is shortened on the chip (the tooltip has it whole)


def story_term(story_id: str) -> str:
    return f"story:{story_id}"


class StoryScope(QObject):
    """``changed()`` after the story was set or removed (the window searches again)."""

    changed = Signal()

    def __init__(self, pane_layout: QBoxLayout, position: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.story_id: str | None = None
        self.name = ""
        self.row = QWidget()
        self.row.setObjectName("storyScope")
        self.row.setAccessibleName("Story filter")
        layout = QHBoxLayout(self.row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(plain_label("Story:"))
        self.chip: QToolButton | None = None
        self._layout = layout
        layout.addStretch(1)
        self.row.setVisible(False)
        pane_layout.insertWidget(position, self.row)

    def scoped(self, text: str) -> str:
        """The query the window searches for ``text`` typed in the search field."""
        if self.story_id is None:
            return text
        return f"{text.strip()} {story_term(self.story_id)}".strip()

    def set(self, story_id: str, name: str) -> None:
        if story_id == self.story_id and name == self.name:
            return
        self.story_id, self.name = story_id, name
        self._show()
        self.changed.emit()

    def rename(self, name: str) -> None:
        """The scoped story's headline after the stories were loaded again (no new search)."""
        if self.story_id is not None and name != self.name:
            self.name = name
            self._show()

    def clear(self) -> None:
        if self.story_id is not None:
            self.story_id, self.name = None, ""
            self._show()
            self.changed.emit()

    def _show(self) -> None:
        if self.chip is not None:
            self._layout.removeWidget(self.chip)
            self.chip.deleteLater()
            self.chip = None
        if self.story_id is not None:
            text = one_line(self.name) or self.story_id
            short = text if len(text) <= CHIP_CHARS else text[:CHIP_CHARS - 1].rstrip() + "…"
            self.chip = filter_chip(short, self.row)
            self.chip.setObjectName("storyChip")
            self.chip.clicked.connect(self.clear)
            self._layout.insertWidget(1, self.chip)
        self.row.setVisible(self.story_id is not None)
