"""The library table: one row per article of the current result set.

The model holds only article ids (paths) in rank order and asks a fetch
callable for a row when a view needs it, caching what it got (Anki's browser
table does the same), so a 10k-article corpus scrolls without building every row.
"""
from __future__ import annotations

from collections import OrderedDict
from typing import Any
from typing import Callable
from typing import Sequence

from PySide6.QtCore import QAbstractTableModel
from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtCore import QSortFilterProxyModel
from PySide6.QtCore import Qt

from reader.search.query import MARK_END
from reader.search.query import MARK_START
from reader.search.query import Hit
from reader.ui.article_html import KIND_LABELS
from reader.ui.article_html import bias_label

Index = QModelIndex | QPersistentModelIndex
RowFetcher = Callable[[str], Hit | None]


class LibraryModel(QAbstractTableModel):
    """Articles by path; rows come lazily from ``fetch(path)``."""

    COL_TITLE = 0
    COL_OUTLET = 1
    COL_AUTHOR = 2
    COL_DATE = 3
    COL_KIND = 4
    COL_QUOTES = 5
    HEADERS = ("Title", "Outlet", "Author", "Date", "Kind", "Quotes")
    HEADER_TIPS = ("Headline, with the matching passage when searching",
                   "Outlet and its bias label", "Byline", "Publication date, when the article states it",
                   "News, analysis or opinion", "Stand-alone direct quotations found in the article")

    PathRole = Qt.ItemDataRole.UserRole + 1
    SortRole = Qt.ItemDataRole.UserRole + 2
    SnippetRole = Qt.ItemDataRole.UserRole + 3  # plain text with MARK_START/MARK_END
    BiasRole = Qt.ItemDataRole.UserRole + 4  # left / center / right / unrated / unknown
    BiasLabelRole = Qt.ItemDataRole.UserRole + 5
    RankRole = Qt.ItemDataRole.UserRole + 6

    CACHE_SIZE = 2000

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._paths: list[str] = []
        self._fetch: RowFetcher = lambda _path: None
        self._cache: OrderedDict[str, Hit | None] = OrderedDict()
        # outlet name -> where its bias label comes from (set by the window)
        self.outlet_tooltip: Callable[[str], str] | None = None
        # (outlet name, indexed bias token) -> chip text such as "Lean left" (set by the window)
        self.chip_label: Callable[[str, str], str] | None = None

    # -- feeding ---------------------------------------------------------------
    def set_rows(self, paths: Sequence[str], fetch: RowFetcher) -> None:
        """Replace the result set: ids in rank order and how to get a row."""
        self.beginResetModel()
        self._paths = list(paths)
        self._fetch = fetch
        self._cache.clear()
        self.endResetModel()

    def paths(self) -> list[str]:
        return list(self._paths)

    def row_of(self, path: str) -> int:
        try:
            return self._paths.index(path)
        except ValueError:
            return -1

    def hit(self, row: int) -> Hit | None:
        """The row's data, fetched on first use and kept in a bounded cache."""
        if not 0 <= row < len(self._paths):
            return None
        path = self._paths[row]
        if path in self._cache:
            self._cache.move_to_end(path)
            return self._cache[path]
        value = self._fetch(path)
        self._cache[path] = value
        if len(self._cache) > self.CACHE_SIZE:
            self._cache.popitem(last=False)
        return value

    # -- Qt model API ----------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._paths)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.HEADERS[section]
            if role == Qt.ItemDataRole.TextAlignmentRole and section == self.COL_QUOTES:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.HEADER_TIPS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        row, col = index.row(), index.column()
        if not 0 <= row < len(self._paths) or not 0 <= col < len(self.HEADERS):
            return None
        if role == self.PathRole:
            return self._paths[row]
        if role == self.RankRole:
            return row
        hit = self.hit(row)
        if hit is None:
            return "…" if role == Qt.ItemDataRole.DisplayRole and col == self.COL_TITLE else None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(hit, col)
        if role == self.SortRole:
            return self._sort_key(hit, col, row)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.COL_OUTLET:
                head = f"{hit.outlet or 'Unknown outlet'} — bias: {self._chip(hit)}"
                return f"{head}\n\n{self.outlet_tooltip(hit.outlet)}" if self.outlet_tooltip else head
            if col == self.COL_TITLE:
                snippet = snippet_plain(hit.snippet)
                return f"{hit.title}\n\n{snippet}" if snippet else hit.title
            return self._display(hit, col)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = self._display(hit, col)
            return f"{text}, {self._chip(hit)}" if col == self.COL_OUTLET else text
        if role == self.SnippetRole:
            return hit.snippet
        if role == self.BiasRole:
            return (hit.bias or "unknown").lower()
        if role == self.BiasLabelRole:
            return self._chip(hit)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.COL_QUOTES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _chip(self, hit: Hit) -> str:
        return self.chip_label(hit.outlet, hit.bias) if self.chip_label else bias_label(hit.bias)

    def _display(self, hit: Hit, col: int) -> str:
        if col == self.COL_TITLE:
            return hit.title
        if col == self.COL_OUTLET:
            return hit.outlet or "Unknown outlet"
        if col == self.COL_AUTHOR:
            return hit.author or "—"
        if col == self.COL_DATE:
            return hit.published or "—"
        if col == self.COL_KIND:
            return KIND_LABELS.get(hit.kind, hit.kind.title())
        return str(hit.quote_count)

    def _sort_key(self, hit: Hit, col: int, row: int) -> Any:
        if col == self.COL_QUOTES:
            return hit.quote_count
        if col == self.COL_DATE:
            return hit.published or "0000"  # undated sort first ascending
        return self._display(hit, col).casefold()

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class LibraryProxy(QSortFilterProxyModel):
    """Sorting by the clicked column; unsorted means rank order."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(LibraryModel.SortRole)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def lessThan(self, left: Index, right: Index) -> bool:
        a, b = left.data(LibraryModel.SortRole), right.data(LibraryModel.SortRole)
        if a == b or a is None or b is None:
            return (left.data(LibraryModel.RankRole) or 0) < (right.data(LibraryModel.RankRole) or 0)
        return a < b


def snippet_plain(snippet: str) -> str:
    """The snippet without match markers (for accessibility and tooltips)."""
    return snippet.replace(MARK_START, "").replace(MARK_END, "")
