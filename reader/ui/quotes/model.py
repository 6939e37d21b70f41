"""The statements of the current result set (quoted words and reported speech) as a
lazy, sortable, filterable table that can show one kind alone.

The model shows a ``QuoteSource`` (every match's statements in the list's
order, read row by row as the view paints them) or, once the user sorts or
filters, an ``ArrangedQuotes`` computed from it. Arranging reads every row, so
for a big result set it runs on a worker; the request's number keeps a late
answer from replacing a newer one.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtGui import QFont

from reader.search.articles import QuoteRow
from reader.search.quotes import FILTER_FIELDS
from reader.search.quotes import ArrangedQuotes
from reader.search.quotes import QuoteSource
from reader.search.quotes import arrange
from reader.search.quotes import sort_key
from reader.ui.table_model import HeaderedTableModel
from reader.ui.table_model import SourceSortProxy
from reader.safe_text import one_line
from reader.ui.plain_text import tooltip
from reader.ui.tasks import Task

Index = QModelIndex | QPersistentModelIndex
SYNC_ROWS = 4000  # arranging this many rows or fewer is quick enough for the GUI thread

KIND_LABELS = {"direct": "Direct", "mixed": "Mixed", "indirect": "Indirect"}
KIND_HELP = {"direct": "quoted words", "mixed": "reported, with quoted words", "indirect": "reported, no quotation marks"}
# The panel's kind filter: "direct" keeps the statements that carry the speaker's own
# words (a quotation, or a reported clause holding quoted words), as Compare counts them.
KIND_FILTERS = {"": None, "direct": ("direct", "mixed"), "indirect": ("indirect",)}


class QuotesModel(HeaderedTableModel):
    COL_SPEAKER = 0
    COL_KIND = 1
    COL_QUOTE = 2
    COL_OUTLET = 3
    COL_ARTICLE = 4
    HEADERS = ("Speaker", "Kind", "Statement", "Outlet", "Article")  # the order of quotes.SORT_COLUMNS

    PathRole = Qt.ItemDataRole.UserRole + 1
    QuoteIndexRole = Qt.ItemDataRole.UserRole + 2
    SortRole = Qt.ItemDataRole.UserRole + 3
    SpeakerRole = Qt.ItemDataRole.UserRole + 4
    SpeakerIdRole = Qt.ItemDataRole.UserRole + 5
    KindRole = Qt.ItemDataRole.UserRole + 6

    arranging = Signal(bool)  # True while a sort or filter runs on a worker

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._base: QuoteSource | ArrangedQuotes | None = None  # what the result set has
        self._shown: QuoteSource | ArrangedQuotes | None = None  # what the view shows
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)
        self._filter = ("", "all")  # (text, field)
        self._kinds: tuple[str, ...] | None = None  # None: every kind
        self._request = 0
        self.busy = False

    # -- feeding ---------------------------------------------------------------------
    def set_source(self, source: QuoteSource | ArrangedQuotes | None) -> None:
        """A new result set's statements; the current sort and filter apply to them."""
        self._base = source
        self._arrange()

    def set_rows(self, rows: list[QuoteRow]) -> None:
        """A plain list of rows (tests, screenshots)."""
        self.set_source(ArrangedQuotes(list(rows)))

    def set_filter(self, text: str, field: str = "all") -> None:
        """Show only rows whose ``field`` (speaker, outlet, text or any) contains ``text``."""
        field = field if field in FILTER_FIELDS else "all"
        if (text.strip(), field) != self._filter:
            self._filter = (text.strip(), field)
            self._arrange()

    def set_kind_filter(self, choice: str) -> None:
        """Show all statements (``""``), those with quoted words (``"direct"``) or reported
        speech without quotation marks (``"indirect"``)."""
        kinds = KIND_FILTERS[choice]
        if kinds != self._kinds:
            self._kinds = kinds
            self._arrange()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if (column, order) != self._sort:
            self._sort = (column, order)
            self._arrange()

    def _arrange(self) -> None:
        self._request += 1
        request, base = self._request, self._base
        column, order = self._sort
        text, field = self._filter
        kinds = self._kinds
        if base is None or (column < 0 and not text and kinds is None):
            self._show(base)
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if len(base) <= SYNC_ROWS:
            self._show(arrange(base, column, descending, text, field, kinds=kinds))
            return

        def work(ctx) -> tuple[int, ArrangedQuotes | None]:
            try:
                return request, arrange(base, column, descending, text, field, ctx.cancelled, kinds)
            except Exception:  # noqa: BLE001 - the unsorted rows stay; nothing to report
                return request, None

        self.busy = True
        self.arranging.emit(True)
        task = Task("Arranging quotes", work, nice=0)
        task.finished.connect(self._arranged)  # a bound slot: delivered on the GUI thread
        task.start()

    @Slot(object)
    def _arranged(self, answer: tuple[int, ArrangedQuotes | None]) -> None:
        request, shown = answer
        if request != self._request:
            return  # a newer sort or filter is on its way
        if shown is not None:
            self._show(shown)
        else:
            self.busy = False
            self.arranging.emit(False)

    def _show(self, shown: QuoteSource | ArrangedQuotes | None) -> None:
        if self.busy:  # an answer computed here supersedes the one still on a worker
            self.busy = False
            self.arranging.emit(False)
        self.beginResetModel()
        self._shown = shown
        self.endResetModel()

    # -- reading -----------------------------------------------------------------------
    def row(self, row: int) -> QuoteRow | None:
        return self._shown.row(row) if self._shown is not None else None

    def rows(self) -> list[QuoteRow]:
        """Every shown row (reads them all)."""
        return self._shown.rows() if self._shown is not None else []

    def all_rows(self) -> list[QuoteRow]:
        """Every row of the result set, whatever the panel's filters (reads them all)."""
        return self._base.rows() if self._base is not None else []

    def articles(self) -> int:
        return self._shown.articles() if self._shown is not None else 0

    def kind_counts(self) -> tuple[int, int] | None:
        """(with quoted words, reported) of the result set, when its panels counted them."""
        return getattr(self._base, "kinds", None)

    def total(self) -> int:
        """Rows of the result set before the panel's own filter."""
        return len(self._base) if self._base is not None else 0

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() or self._shown is None else len(self._shown)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid() or not 0 <= index.column() < len(self.HEADERS):
            return None
        r = self.row(index.row())
        if r is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return one_line(self._cells(r)[col])
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._cells(r)[col]
        if role == self.SortRole:
            return sort_key(r, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            cue = f"cue “{r.cue}”, " if r.cue else ""
            written = f" (written “{r.written}”)" if r.written and r.written != r.speaker else ""
            kind = KIND_HELP.get(r.kind, r.kind)
            return tooltip(f"{r.speaker}{written} ({kind}): {self._shown_text(r)}\n{cue}confidence "
                           f"{r.confidence:.0%}\n{r.outlet} — {r.title}")
        if role == Qt.ItemDataRole.FontRole and col == self.COL_QUOTE and r.kind == "indirect":
            font = QFont()
            font.setItalic(True)  # the writer's words: set apart from quotations
            return font
        if role == self.PathRole:
            return r.path
        if role == self.QuoteIndexRole:
            return r.quote_index
        if role == self.SpeakerRole:
            return r.speaker
        if role == self.SpeakerIdRole:
            return r.speaker_id
        if role == self.KindRole:
            return r.kind
        return None

    @staticmethod
    def _shown_text(r: QuoteRow) -> str:
        return f"“{r.text}”" if r.kind == "direct" else r.text  # a clause carries its own marks, if any

    @staticmethod
    def _cells(r: QuoteRow) -> tuple[str, ...]:
        return (r.speaker, KIND_LABELS.get(r.kind, r.kind.title()), QuotesModel._shown_text(r), r.outlet, r.title)


class QuotesProxy(SourceSortProxy):
    """Sorting is done by the quotes model itself."""
