"""Configured table views for the library and quotes panes (construction only)."""
from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QMenu
from PySide6.QtWidgets import QTableView
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reader.ui.library.delegates import BiasChipDelegate
from reader.ui.library.delegates import TitleDelegate
from reader.ui.library.model import LibraryModel
from reader.ui.quotes.model import QuotesModel


def configured_table(model: QAbstractItemModel, name: str, accessible: str,
           parent: QWidget | None = None) -> QTableView:
    """A row-selecting, sortable, initially unsorted (rank order) table."""
    view = QTableView(parent)
    view.setObjectName(name)
    view.setAccessibleName(accessible)
    view.setModel(model)
    view.setSortingEnabled(True)
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setShowGrid(False)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    return view


def library_view(model: QAbstractItemModel, parent: QWidget | None = None) -> QTableView:
    """The article table: title+snippet and outlet+bias chip drawn by delegates."""
    view = configured_table(model, "libraryView", "Library", parent)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.setItemDelegateForColumn(LibraryModel.COL_TITLE, TitleDelegate(view))
    view.setItemDelegateForColumn(LibraryModel.COL_OUTLET, BiasChipDelegate(view))
    header = view.horizontalHeader()
    header.setSectionResizeMode(LibraryModel.COL_TITLE, QHeaderView.ResizeMode.Stretch)
    fm = view.fontMetrics()
    widths = {LibraryModel.COL_OUTLET: fm.horizontalAdvance("Deutsche Welle  Lean right") + 30,
              LibraryModel.COL_AUTHOR: fm.horizontalAdvance("Abubakar Sid") + 12,
              LibraryModel.COL_DATE: fm.horizontalAdvance("2022-02-24") + 14,
              LibraryModel.COL_KIND: fm.horizontalAdvance("Analysis") + 16,
              LibraryModel.COL_QUOTES: fm.horizontalAdvance("Quotes") + 14}
    for col, width in widths.items():
        header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(col, width)
    header.setMinimumSectionSize(fm.horizontalAdvance("Date") + 12)
    add_column_menu(view)
    return view


def add_column_menu(view: QTableView) -> None:
    """Right-click on the header shows or hides columns (the first one always stays)."""
    header = view.horizontalHeader()
    header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def show_menu(pos) -> None:
        menu = QMenu(header)
        model = view.model()
        for col in range(1, model.columnCount()):
            action = menu.addAction(str(model.headerData(col, Qt.Orientation.Horizontal)))
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(col))
            action.toggled.connect(lambda on, c=col: header.setSectionHidden(c, not on))
        menu.exec(header.mapToGlobal(pos))

    header.customContextMenuRequested.connect(show_menu)


def set_library_row_lines(view: QTableView, with_snippets: bool | None = None) -> None:
    """Row height: two title lines, plus two snippet lines while searching; one line
    in compact mode (``with_snippets`` None: as last set)."""
    if with_snippets is None:
        with_snippets = bool(view.property("withSnippets"))
    view.setProperty("withSnippets", with_snippets)
    view.verticalHeader().setDefaultSectionSize(library_row_height(view, with_snippets))


def library_row_height(view: QTableView, with_snippets: bool) -> int:
    """A library row's height: one line (compact), the title's lines, or those and the snippet's."""
    delegate = view.itemDelegateForColumn(LibraryModel.COL_TITLE)
    if isinstance(delegate, TitleDelegate) and delegate.compact:
        return view.fontMetrics().lineSpacing() + 10
    lines = TitleDelegate.TITLE_LINES + (TitleDelegate.SNIPPET_LINES if with_snippets else 0)
    return view.fontMetrics().lineSpacing() * lines + 12


def set_compact_rows(view: QTableView, compact: bool) -> None:
    """One line per row (title only; the snippet is in the tooltip) or the two-line rows."""
    delegate = view.itemDelegateForColumn(LibraryModel.COL_TITLE)
    if isinstance(delegate, TitleDelegate):
        delegate.compact = compact
    set_library_row_lines(view)
    view.viewport().update()


def quotes_view(model: QAbstractItemModel, parent: QWidget | None = None) -> QTableView:
    """The quotes table: the quote text stretches, the rest keeps a readable width."""
    view = configured_table(model, "quotesView", "Quotes", parent)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QuotesModel.COL_QUOTE, QHeaderView.ResizeMode.Stretch)
    fm = view.fontMetrics()
    header.resizeSection(QuotesModel.COL_SPEAKER, fm.horizontalAdvance("Khalid Hameed Farooqi") + 16)
    header.resizeSection(QuotesModel.COL_OUTLET, fm.horizontalAdvance("Deutsche Welle") + 16)
    header.resizeSection(QuotesModel.COL_ARTICLE, fm.horizontalAdvance("m") * 24)
    return view


def filtered_table_layout(panel: QWidget, view: QTableView, filter_edit: QWidget, *beside: QWidget) -> None:
    """A side panel's layout: the filter box (and its companions) above the table, tabbing in that order."""
    top = QHBoxLayout()
    top.setContentsMargins(0, 0, 0, 0)
    top.addWidget(filter_edit, 1)
    for widget in beside:
        top.addWidget(widget)
    layout = QVBoxLayout(panel)
    layout.setContentsMargins(4, 4, 4, 4)
    layout.addLayout(top)
    layout.addWidget(view, 1)
    order = [filter_edit, *(w for w in beside if w.focusPolicy() != Qt.FocusPolicy.NoFocus), view]
    for first, second in zip(order, order[1:]):
        panel.setTabOrder(first, second)
