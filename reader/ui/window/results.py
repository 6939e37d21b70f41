"""The library list answering the controller: rows, the count line, the selection kept.

When a new result set arrives the list shows it, the count line and the query's
message follow, and the article being read stays selected (its terms highlighted
again) or the best match replaces an article filtered out.
"""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QObject
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QMainWindow

from reader.render.article_html import query_terms
from reader.ui.deferred import after_paint
from reader.ui.library.model import LibraryModel
from reader.ui.views import set_library_row_lines


class ShownResults(QObject):
    """The window's answer to ``results_changed`` and to the list's current row."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._selecting_best = False  # the list's first row is being made current (not a click)
        # the panels and the article of a new list wait for this window's paint of it
        window.controller.requests.paint_context = self

    @Slot()
    def show(self) -> None:
        w = self.window
        c = w.controller
        current = w.reading_view.article.path if w.reading_view.article else None
        selected = w.editing.selected_paths() if hasattr(w, "editing") else []
        result = c.result
        if result is not None:
            w.library_model.set_rows(result.docnums, result.hit, c.docnum, result.value,
                                     total=result.total, members=result.members, more=c.rank_more)
        self._show_message(c.message)
        n = w.library_model.total()
        total = c.article_count()
        w.result_label.setText(w.tr("%1 of %2 articles").replace("%1", str(n)).replace("%2", str(total))
                               if (c.query.strip() or c.filters or any(c.asked.date_range)) else
                               w.tr("All %1 articles").replace("%1", str(total)))
        set_library_row_lines(w.library_view, bool(c.query.strip()) and n > 0)
        if current is not None and w.library_model.row_of(current) >= 0:
            self.select_path(current)  # keep reading; update the highlighted terms
            self._reselect(selected, current)
            art = None if c.is_long(current) else c.article(current)  # a long one is read on a worker
            changed = art is not None and art != w.reading_view.article  # by another process
            if query_terms(c.query) != w.reading_view.terms or changed:
                quote = w.reading_view.selected_quote
                c.after_listed(self, lambda: self._open_if_current(current, quote))
        elif n and c.view is None:  # listed from the snapshot: the article follows the painted list
            after_paint(self, self._select_first)
        elif n:
            self._selecting_best = True  # the best match replaces an article filtered out...
            try:
                w.library_view.selectRow(0)
            finally:
                self._selecting_best = False
        else:
            w.reading_view.show_placeholder(w.tr("No article matches the search and filters."))

    def _show_message(self, message: str) -> None:
        """The query's message (a problem in red). The style sheet is set only when it changes:
        setting one, even the same, re-polishes the label and repaints the whole window."""
        label = self.window.query_message
        label.setText(message)
        label.setVisible(bool(message))
        sheet = ("color: palette(link);" if not message else
                 "QLabel { color: #b3261e; }" if self.window.palette().base().color().lightness() > 127
                 else "QLabel { color: #ffb4ab; }")
        if label.styleSheet() != sheet:
            label.setStyleSheet(sheet)

    def _reselect(self, paths: list[str], current: str) -> None:
        """Select again the rows that were selected before the list was reloaded."""
        w = self.window
        others = [p for p in paths if p != current and w.library_model.row_of(p) >= 0]
        if not others:
            return
        sm = w.library_view.selectionModel()
        sm.blockSignals(True)
        for path in others:
            idx = w.library_proxy.mapFromSource(w.library_model.index(w.library_model.row_of(path), 0))
            sm.select(idx, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
        sm.blockSignals(False)
        w.library_view.viewport().update()

    def _select_first(self) -> None:
        w = self.window
        if not w.library_view.currentIndex().isValid() and w.library_model.rowCount():
            w.library_view.selectRow(0)

    def select_path(self, path: str) -> None:
        """Make ``path``'s row the current one without opening it again."""
        w = self.window
        row = w.library_model.row_of(path)
        if row < 0:
            w.library_view.clearSelection()
            return
        idx = w.library_proxy.mapFromSource(w.library_model.index(row, 0))
        sm = w.library_view.selectionModel()
        sm.blockSignals(True)
        sm.setCurrentIndex(idx, QItemSelectionModel.SelectionFlag.ClearAndSelect
                           | QItemSelectionModel.SelectionFlag.Rows)
        sm.blockSignals(False)
        w.library_view.viewport().update()
        w.library_view.scrollTo(idx)

    @Slot(QModelIndex, QModelIndex)
    def current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        path = current.data(LibraryModel.PathRole)
        if self._selecting_best:  # ...and is rendered once the list it heads has been painted
            self.window.controller.after_listed(self, lambda: self._open_if_current(path))
        else:  # the user's choice: at once
            self.window.open_article(path)

    def _open_if_current(self, path: str, quote: int | None = None) -> None:
        """Render ``path`` if its row is still the current one (the user may have moved on)
        and it is not already shown as it would be now."""
        w = self.window
        index = w.library_view.currentIndex()
        if not index.isValid() or index.data(LibraryModel.PathRole) != path:
            return
        view, c = w.reading_view, w.controller
        if (view.article is not None and view.article.path == path and view.selected_quote == quote
                and view.terms == query_terms(c.query) and (c.is_long(path) or view.article == c.article(path))):
            return  # the very article, terms and quote on screen already
        w.open_article(path, quote)

    def followed(self, before: int, after: int) -> None:
        """Another process (``parallax add``, a second window) changed the library."""
        w = self.window
        change = after - before
        noun = w.tr("article") if abs(change) == 1 else w.tr("articles")
        what = (w.tr("%1 %2 added").replace("%1", str(change)).replace("%2", noun) if change > 0 else
                w.tr("%1 %2 removed").replace("%1", str(-change)).replace("%2", noun) if change < 0
                else w.tr("articles updated"))
        w.statusBar().showMessage(w.tr("The library changed outside this window: %1.").replace("%1", what), 8000)
