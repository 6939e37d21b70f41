"""The library table: one row per article of the current result set.

The model holds only document numbers in rank order and asks a fetch
callable for a row when a view needs it, caching what it got (Anki's browser
table does the same), so a 10k-article corpus is listed at once and scrolls
without building every row. A search ranks only its first page: the model
lists what is ranked and, when the view scrolls to the end
(``canFetchMore``/``fetchMore``), asks for more, which arrives later through
``extend_rank``. Sorting by a column orders every match by that column's
values (``members``), ranked or not.
"""
from __future__ import annotations

from collections import OrderedDict
from typing import Any
from typing import Callable
from typing import Sequence

from PySide6.QtCore import QAbstractTableModel
from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtCore import Qt

from reader.search import fields as F
from reader.search.hits import MARK_END
from reader.search.hits import MARK_START
from reader.search.hits import Hit
from reader.render.article_html import KIND_LABELS
from reader.outlet_info import bias_label
from reader.outlet_info import ownership_label
from reader.ui.table_model import SourceSortProxy
from reader.ui.table_model import move_persistent_rows
from reader.safe_text import one_line
from reader.ui.plain_text import tooltip

Index = QModelIndex | QPersistentModelIndex
# asked for every cell of every paint: Qt's flags are Python enums, and combining them costs
# more than the rest of the call, so they are combined once
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
RowFetcher = Callable[[int], Hit | None]
Members = Callable[[], Sequence[int]]  # every match, ranked or not (index order)
MoreRequester = Callable[[int], bool]  # rank down to N rows, later; False when nothing will come
Locator = Callable[[str], int | None]  # path -> document number
ValueReader = Callable[[str, int], Any]  # (index field, document number) -> column value


class LibraryModel(QAbstractTableModel):
    """Articles by document number; rows come lazily from ``fetch(docnum)``."""

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
    BiasRole = Qt.ItemDataRole.UserRole + 4  # a bias token (reader.outlet_tokens.BIAS_TOKENS)
    BiasLabelRole = Qt.ItemDataRole.UserRole + 5
    RankRole = Qt.ItemDataRole.UserRole + 6
    OwnershipRole = Qt.ItemDataRole.UserRole + 7  # an ownership token
    OwnershipLabelRole = Qt.ItemDataRole.UserRole + 8
    ShortOutletRole = Qt.ItemDataRole.UserRole + 9  # the registry's short name ("" when none)
    # everything the outlet cell paints, in one call: (outlet, short name, bias token,
    # bias label, ownership token, ownership label)
    OutletCellRole = Qt.ItemDataRole.UserRole + 10

    # what each column shows: the index column it sorts by, and the Hit attribute holding it
    COLUMN_FIELDS = (F.TITLE, F.OUTLET_NAME, F.AUTHOR, F.PUBLISHED, F.KIND, F.QUOTE_COUNT)
    HIT_ATTRS = ("title", "outlet", "author", "published", "kind", "quote_count")

    CACHE_SIZE = 2000
    SCANS_BEFORE_MAP = 4  # row lookups by scanning before the docnum -> row map is built
    MORE_ROWS = 200  # rows asked for each time the list is scrolled to its end

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._ids: list[int] = []
        self._rank: list[int] = []  # ranked so far, best first
        self._total = 0  # every match
        self._members: Members = lambda: self._rank
        self._more: MoreRequester | None = None
        self._asked_more = False  # a request for more rows is on its way
        self._every_row = False  # the unranked matches are listed too (after a column sort)
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)
        self._rows: dict[int, int] = {}  # docnum -> row, built after a few row_of()
        self._scans = 0  # row lookups answered by scanning since the rows last changed
        self._fetch: RowFetcher = lambda _docnum: None
        self._locate: Locator = lambda _path: None
        self._read: ValueReader = self._read_from_row
        self._cache: OrderedDict[int, Hit | None] = OrderedDict()
        # outlet name -> where its bias label comes from (set by the window)
        self.outlet_tooltip: Callable[[str], str] | None = None
        # outlet name -> a short name for a narrow column ("" when none; set by the window)
        self.short_outlet: Callable[[str], str] | None = None

    # -- feeding ---------------------------------------------------------------
    def set_rows(self, ids: Sequence[int], fetch: RowFetcher, locate: Locator,
                 read: ValueReader | None = None, *, total: int | None = None,
                 members: Members | None = None, more: MoreRequester | None = None) -> None:
        """Replace the result set: document numbers in rank order, how to read a
        row, how to find an article's number by path, and how to read one column
        value (sorting 10k rows reads one column, not 10k whole rows). When only
        the best ``ids`` of ``total`` matches are ranked, ``members`` lists every
        match and ``more(n)`` asks for the best ``n`` (answered by ``extend_rank``)."""
        self.beginResetModel()
        self._rank = list(ids)  # the order to return to when unsorted
        self._total = max(len(self._rank), total if total is not None else len(self._rank))
        self._members = members or (lambda: self._rank)
        self._more, self._asked_more = more, False
        self._every_row = len(self._rank) >= self._total
        self._rows, self._scans = {}, 0
        self._fetch, self._locate = fetch, locate
        self._read = read or self._read_from_row
        self._cache.clear()
        self._ids = self._sorted_ids()
        self.endResetModel()

    def docnums(self) -> list[int]:
        """The listed articles' document numbers in the order shown."""
        return list(self._ids)

    def total(self) -> int:
        """Every match of the result set, listed yet or not."""
        return self._total

    def docnum_at(self, row: int) -> int | None:
        """The document number shown in ``row`` (None outside the list)."""
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def snippets_changed(self, docnums: Sequence[int]) -> None:
        """The snippets of these articles were made: their rows are read and painted again."""
        rows = []
        for docnum in docnums:
            self._cache.pop(docnum, None)
            row = self._row_of_docnum(docnum)
            if row >= 0:
                rows.append(row)
        if rows:
            self.dataChanged.emit(self.index(min(rows), self.COL_TITLE), self.index(max(rows), self.COL_TITLE))

    # -- ranking more as the list scrolls -----------------------------------------
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return (not parent.isValid() and not self._every_row and self._more is not None
                and not self._asked_more and len(self._rank) < self._total)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if self.canFetchMore(parent):
            self._asked_more = bool(self._more(len(self._rank) + self.MORE_ROWS))

    def extend_rank(self, ids: Sequence[int]) -> None:
        """More of the ranking, the rows already listed first and in place."""
        self._asked_more = False
        ids = list(ids)
        if len(ids) <= len(self._rank) or ids[:len(self._rank)] != self._rank:
            return
        if self._every_row or self._sort[0] >= 0:  # every match is listed: only the order changes
            self._rank = ids
            self.sort(*self._sort)
            return
        first = len(self._ids)
        self.beginInsertRows(QModelIndex(), first, len(ids) - 1)
        self._rank = ids
        self._ids = list(ids)
        self._rows, self._scans = {}, 0
        self.endInsertRows()

    def _read_from_row(self, field: str, docnum: int) -> Any:
        hit = self._fetch(docnum)
        return getattr(hit, self.HIT_ATTRS[self.COLUMN_FIELDS.index(field)]) if hit is not None else None

    def row_of(self, path: str) -> int:
        docnum = self._locate(path)
        return -1 if docnum is None else self._row_of_docnum(docnum)

    def _row_of_docnum(self, docnum: int) -> int:
        """A row by document number. The first few after a change scan the list (at C speed:
        a new list keeps the article being read, then selects it); only many lookups (the
        snippets of a screenful) build the map, ~10 ms for 100k rows on the GUI thread."""
        if not self._rows and self._ids:
            if self._scans < self.SCANS_BEFORE_MAP:
                self._scans += 1
                try:
                    return self._ids.index(docnum)
                except ValueError:
                    return -1
            self._rows = {n: row for row, n in enumerate(self._ids)}
        return self._rows.get(docnum, -1)

    def hit(self, row: int) -> Hit | None:
        """The row's data, fetched on first use and kept in a bounded cache."""
        if not 0 <= row < len(self._ids):
            return None
        return self._cached(self._ids[row])

    def _cached(self, docnum: int) -> Hit | None:
        if docnum in self._cache:
            self._cache.move_to_end(docnum)
            return self._cache[docnum]
        value = self._fetch(docnum)
        self._cache[docnum] = value
        if len(self._cache) > self.CACHE_SIZE:
            self._cache.popitem(last=False)
        return value

    # -- Qt model API ----------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.HEADERS[section]
            if role == Qt.ItemDataRole.TextAlignmentRole and section == self.COL_QUOTES:
                return _RIGHT
            if role == Qt.ItemDataRole.ToolTipRole:
                return tooltip(self.HEADER_TIPS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        row, col = index.row(), index.column()
        if not 0 <= row < len(self._ids) or not 0 <= col < len(self.HEADERS):
            return None
        if role == self.RankRole:
            return row
        hit = self.hit(row)
        if role == self.PathRole:
            return hit.path if hit is not None else None
        if hit is None:
            return "…" if role == Qt.ItemDataRole.DisplayRole and col == self.COL_TITLE else None
        if role == Qt.ItemDataRole.DisplayRole:
            return one_line(self._display(hit, col))
        if role == self.SortRole:
            return self._sort_key(col, getattr(hit, self.HIT_ATTRS[col]))
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.COL_OUTLET:
                head = f"{hit.outlet or 'Outlet unknown'} — bias: {self._chip(hit)}"
                if hit.ownership != "unknown":
                    head += f", ownership: {ownership_label(hit.ownership)}"
                return tooltip(f"{head}\n\n{self.outlet_tooltip(hit.outlet)}" if self.outlet_tooltip else head)
            if col == self.COL_TITLE:
                snippet = snippet_plain(hit.snippet)
                return tooltip(f"{hit.title}\n\n{snippet}" if snippet else hit.title)
            return tooltip(self._display(hit, col))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = self._display(hit, col)
            return f"{text}, {self._chip(hit)}" if col == self.COL_OUTLET else text
        if role == self.SnippetRole:
            return hit.snippet
        if role == self.BiasRole:
            return (hit.bias or "unknown").lower()
        if role == self.BiasLabelRole:
            return self._chip(hit)
        if role == self.OwnershipRole:
            return hit.ownership
        if role == self.OwnershipLabelRole:
            return ownership_label(hit.ownership) if hit.ownership != "unknown" else ""
        if role == self.ShortOutletRole:
            return self._short(hit)
        if role == self.OutletCellRole:
            return (one_line(self._display(hit, self.COL_OUTLET)), self._short(hit), (hit.bias or "unknown").lower(),
                    self._chip(hit), hit.ownership,
                    ownership_label(hit.ownership) if hit.ownership != "unknown" else "")
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.COL_QUOTES:
            return _RIGHT
        return None

    def _short(self, hit: Hit) -> str:
        return one_line(self.short_outlet(hit.outlet or "")) if self.short_outlet and hit.outlet else ""

    @staticmethod
    def _chip(hit: Hit) -> str:
        """The indexed lean, which is what ``bias:`` finds: no registry needed to paint it."""
        return bias_label(hit.bias)

    def _display(self, hit: Hit, col: int) -> str:
        if col == self.COL_TITLE:
            return hit.title
        if col == self.COL_OUTLET:
            return hit.outlet or "Outlet unknown"
        if col == self.COL_AUTHOR:
            return hit.author or "—"
        if col == self.COL_DATE:
            return hit.published or "—"
        if col == self.COL_KIND:
            return KIND_LABELS.get(hit.kind, hit.kind.title())
        return str(hit.quote_count)

    def _sort_key(self, col: int, value: Any) -> Any:
        """What a column sorts by, from its raw value (a Hit attribute or an index column)."""
        if col == self.COL_QUOTES:
            return int(value or 0)
        if col == self.COL_DATE:
            return value or "0000"  # undated sort first ascending
        if col == self.COL_KIND:
            value = (value or "").lower()
            value = KIND_LABELS.get(value, value.title())
        elif col == self.COL_OUTLET:
            value = value or "Outlet unknown"
        elif col == self.COL_AUTHOR:
            value = value or "—"
        return (value or "").casefold()

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _ROW_FLAGS

    def _listed(self) -> list[int]:
        """The rows in rank order: the ranked ones, then (once every row is listed) the rest."""
        if not self._every_row or len(self._rank) >= self._total:
            return list(self._rank)
        ranked = set(self._rank)
        return self._rank + [d for d in self._members() if d not in ranked]

    def _sorted_ids(self) -> list[int]:
        """The rank order sorted by the current column; unreadable rows last."""
        column, order = self._sort
        if not 0 <= column < len(self.HEADERS):
            return self._listed()
        field = self.COLUMN_FIELDS[column]  # one column read per row, not a whole Hit
        keyed = [(self._sort_key(column, self._read(field, docnum)), docnum) for docnum in self._listed()]
        keyed.sort(key=lambda item: item[0], reverse=order == Qt.SortOrder.DescendingOrder)
        return [docnum for _key, docnum in keyed]  # the sort is stable: ties keep rank order

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order rows by a column (ties and column -1 keep rank order); a column sort lists
        every match, the ones not ranked yet included."""
        if 0 <= column < len(self.HEADERS) and not self._every_row:
            self._list_every_row()
        self.layoutAboutToBeChanged.emit()
        before = self._ids
        self._sort = (column, order)
        self._ids = self._sorted_ids()
        self._rows, self._scans = {}, 0
        move_persistent_rows(self, before, self._ids)
        self.layoutChanged.emit()


    def _list_every_row(self) -> None:
        """Append the matches not ranked yet (in index order) as rows."""
        ranked = set(self._rank)
        rest = [d for d in self._members() if d not in ranked]
        self._every_row = True
        if rest:
            first = len(self._ids)
            self.beginInsertRows(QModelIndex(), first, first + len(rest) - 1)
            self._ids = self._ids + rest
            self._rows, self._scans = {}, 0
            self.endInsertRows()


class LibraryProxy(SourceSortProxy):
    """Sorting is done by the library model, which reads each row's key once."""


def snippet_plain(snippet: str) -> str:
    """The snippet without match markers (for accessibility and tooltips)."""
    return snippet.replace(MARK_START, "").replace(MARK_END, "")
