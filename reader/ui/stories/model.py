"""The stories table: one row per story of the library, sortable and filterable.

Rows are ``reader.stories.summary.StorySummary`` objects computed on a worker;
cells are read from them only when painted, so a library of 100k stories
scrolls as lightly as a small one. Sorting and the filter box run in one
Python pass (``ListTableModel``), not through per-cell ``data()`` calls.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from reader.safe_text import one_line
from reader.ui.library.coverage_bar import coverage_text
from reader.ui.plain_text import tooltip
from reader.ui.table_model import ListTableModel
from reader.ui.table_model import SourceSortProxy

if TYPE_CHECKING:
    from reader.stories.summary import StorySummary

Index = QModelIndex | QPersistentModelIndex
SIDE_NAMES = {"left": "Only left", "right": "Only right"}


def date_span(story: StorySummary) -> str:
    """"2020-03-02", "2020-03-02 – 03-05", "2020-03-30 – 2020-04-02" or "" (undated)."""
    first, last = story.first_date, story.last_date
    if not first or first == last:
        return first
    return f"{first} – {last[5:] if first[:4] == last[:4] else last}"


def blindspot_tip(story: StorySummary) -> str:
    if story.blindspot is None:
        return (f"No blindspot: {story.rated} articles from rated outlets"
                + (", not all on one side." if story.rated else "."))
    other = "right" if story.blindspot == "left" else "left"
    return (f"Covered only by {story.blindspot}-leaning outlets ({story.rated} rated articles): "
            f"a blindspot for the {other}.")


class StoriesModel(ListTableModel):
    COL_STORY, COL_LABEL, COL_SIZE, COL_OUTLETS, COL_DATES, COL_COVERAGE, COL_BLINDSPOT = range(7)
    HEADERS = ("Story", "About", "Articles", "Outlets", "Dates", "Coverage", "Blindspot")

    StoryRole = Qt.ItemDataRole.UserRole + 1  # the StorySummary
    IdRole = Qt.ItemDataRole.UserRole + 2
    LeanRole = Qt.ItemDataRole.UserRole + 3  # articles per coverage segment (the delegate draws it)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._text = ""  # case-folded filter text
        self.blindspots_only = False
        self.min_size = 1

    def set_stories(self, stories: Sequence[StorySummary]) -> None:
        self.set_rows(stories)

    def set_filter(self, text: str | None = None, blindspots_only: bool | None = None,
                   min_size: int | None = None) -> None:
        """Show only stories whose headline, label, outlets or id contain ``text``."""
        self._text = self._text if text is None else text.casefold().strip()
        self.blindspots_only = self.blindspots_only if blindspots_only is None else blindspots_only
        self.min_size = self.min_size if min_size is None else max(1, min_size)
        self.refilter()

    def accepts(self, story: StorySummary) -> bool:
        if story.size < self.min_size or (self.blindspots_only and story.blindspot is None):
            return False
        if not self._text:
            return True
        haystack = " ".join([story.id, story.headline, story.label, *(o.name for o in story.outlets)])
        return self._text in haystack.casefold()

    def sort_key(self, story: StorySummary, column: int) -> Any:
        if column == self.COL_STORY:
            return story.headline.casefold()
        if column == self.COL_LABEL:
            return story.label.casefold()
        if column == self.COL_SIZE:
            return (story.size, len(story.outlets))
        if column == self.COL_OUTLETS:
            return (len(story.outlets), story.size)
        if column == self.COL_DATES:
            return (bool(story.last_date), story.last_date, story.first_date)
        if column == self.COL_COVERAGE:
            return (story.rated, story.size)
        return (story.blindspot or "", story.rated)

    def story(self, row: int) -> StorySummary | None:
        return self.row_at(row)

    def row_of(self, story_id: str) -> int:
        return next((r for r, s in enumerate(self._rows) if s.id == story_id), -1)

    def all_stories(self) -> list[StorySummary]:
        return list(self._all)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        cell = self.cell(index)
        if cell is None:
            return None
        s, col = cell
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text_of(s, col, role == Qt.ItemDataRole.AccessibleTextRole)
        if role == self.StoryRole:
            return s
        if role == self.IdRole:
            return s.id
        if role == self.LeanRole:
            return s.lean
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(self._tip(s, col))
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (self.COL_SIZE, self.COL_OUTLETS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and (col == self.COL_BLINDSPOT and s.blindspot
                                                 or col == self.COL_STORY and s.corrected):
            font = QFont()
            font.setBold(col == self.COL_BLINDSPOT)
            font.setItalic(col == self.COL_STORY)
            return font
        return None

    def _text_of(self, s: StorySummary, col: int, spoken: bool) -> str:
        if col == self.COL_STORY:
            return one_line(s.headline or s.label or s.id)
        if col == self.COL_LABEL:
            return one_line(s.label)
        if col == self.COL_SIZE:
            return str(s.size)
        if col == self.COL_OUTLETS:
            return str(len(s.outlets))
        if col == self.COL_DATES:
            return date_span(s) or ("undated" if spoken else "—")
        if col == self.COL_COVERAGE:  # the delegate draws the bar; the text is for screen readers
            return one_line(coverage_text(s.lean)) if spoken else ""
        return SIDE_NAMES.get(s.blindspot or "", "no blindspot" if spoken else "")

    def _tip(self, s: StorySummary, col: int) -> str:
        if col == self.COL_COVERAGE:
            owners = " · ".join(f"{k} {v}" for k, v in sorted(s.ownership.items(), key=lambda kv: -kv[1]))
            return f"By lean: {coverage_text(s.lean)}\nBy ownership: {owners}"
        if col == self.COL_BLINDSPOT:
            return blindspot_tip(s)
        if col == self.COL_OUTLETS:
            return "\n".join(f"{o.name}: {o.articles} ({o.lean})" for o in s.outlets)
        lines = [s.headline, f"About: {s.label}",
                 f"{s.size} articles from {len(s.outlets)} outlets" + (f", {date_span(s)}" if s.first_date else ""),
                 f"Story id: {s.id} (search story:{s.id})"]
        if s.corrected:
            lines.append("Holds your own edits (moved, merged or split articles).")
        return "\n".join(lines)


class StoriesProxy(SourceSortProxy):
    """The view's side of the model's own sorting and filter."""

    def setFilterFixedString(self, text: str) -> None:  # noqa: N802 - Qt's name
        self.sourceModel().set_filter(text=text)
