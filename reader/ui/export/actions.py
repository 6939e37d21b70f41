"""Copy, Copy with citation and Export selected on quotes and articles, and File ▸ Export….

``ExportActions`` owns these actions for a main window: the quotes table gets its
context menu (and Ctrl+C) from ``install_on_quotes``, the library's context menu
adds ``article_actions``, and ``open_dialog`` shows the Export dialog over the
current results or the selection. The text put on the clipboard comes from
``reader.export.citation``; the rows exported from ``reader.export``. Both load
on first use, not at start-up.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtGui import QGuiApplication
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QMainWindow
from PySide6.QtWidgets import QMenu
from PySide6.QtWidgets import QTableView

from reader.ui.library.model import LibraryModel
from reader.ui.quotes.model import QuotesModel

if TYPE_CHECKING:  # the dialog's classes and the export core load when first used
    from reader.export.spec import What
    from reader.ui.export.dialog import ExportDialog
    from reader.ui.export.dialog import ScopeChoice


COPY_TIPS = {"quotes": "Copy the selected quotes with their speakers",
             "articles": "Copy the selected articles' titles and outlets"}
CITE_TIPS = {"quotes": "Copy the selected quotes with speaker, outlet, title, date and URL",
             "articles": "Copy the selected articles as citations: author, title, outlet, date, URL"}


class ExportActions(QObject):
    """The copy and export actions of one main window (which provides ``controller``,
    ``library_view``, ``quotes_view``, ``actions.export`` and ``statusBar()``)."""

    copy_quotes: QAction
    cite_quotes: QAction
    export_quotes: QAction
    copy_articles: QAction
    cite_articles: QAction
    export_articles: QAction

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: ExportDialog | None = None
        self.folder = Path.home()  # where the last export went (this session)
        for noun in ("quotes", "articles"):
            self._add(f"copy_{noun}", "&Copy", COPY_TIPS[noun], QKeySequence.StandardKey.Copy,
                      lambda _=False, n=noun: self.copy_selected(n, cited=False))
            self._add(f"cite_{noun}", "Copy with C&itation", CITE_TIPS[noun], "Ctrl+Alt+C",
                      lambda _=False, n=noun: self.copy_selected(n, cited=True))
            self._add(f"export_{noun}", "&Export Selected…",
                      f"Export the selected {noun} (CSV, JSON Lines, REFI-QDA)", None,
                      lambda _=False, n=noun: self.open_dialog(n, n))
        window.actions.export.triggered.connect(lambda: self.open_dialog())

    def _add(self, name: str, text: str, tip: str, shortcut, slot) -> None:
        action = QAction(self.tr(text), self)
        action.setObjectName(f"action_{name}")
        action.setStatusTip(self.tr(tip))
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        setattr(self, name, action)  # self.copy_quotes, self.cite_articles, ...

    def article_actions(self) -> list[QAction]:
        """Copy, Copy with citation, Export selected: for the library's context menu."""
        return [self.copy_articles, self.cite_articles, self.export_articles]

    def quote_actions(self) -> list[QAction]:
        return [self.copy_quotes, self.cite_quotes, self.export_quotes]

    # -- the tables ---------------------------------------------------------------------------
    @staticmethod
    def _install(view: QTableView, actions: list[QAction]) -> None:
        """Several rows may be selected; the actions' shortcuts act while the table has the focus."""
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        for action in actions:
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            view.addAction(action)

    def install_on_library(self, view: QTableView) -> None:
        """Shortcuts and multiple selection on the library table (its context menu, built by
        ``LibraryEditing.library_menu``, lists ``article_actions``)."""
        self._install(view, self.article_actions())

    def install_on_quotes(self, view: QTableView) -> None:
        """The quotes table's context menu, shortcuts and multiple selection."""
        self._install(view, self.quote_actions())
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(
            lambda pos: view.indexAt(pos).isValid() and self.quote_menu().exec(view.viewport().mapToGlobal(pos)))

    def quote_menu(self) -> QMenu:
        menu = QMenu(self.window.quotes_view)
        menu.setObjectName("quoteMenu")
        menu.addActions(self.quote_actions())
        return menu

    # -- what is selected ---------------------------------------------------------------------
    def selected_quote_refs(self) -> list[tuple[str, int]]:
        """(article path, quote index) of the selected quote rows, top to bottom."""
        view = self.window.quotes_view
        rows = sorted(view.selectionModel().selectedRows(), key=lambda i: i.row()) if view.selectionModel() else []
        return [(i.data(QuotesModel.PathRole), int(i.data(QuotesModel.QuoteIndexRole))) for i in rows
                if i.data(QuotesModel.PathRole)]

    def selected_paths(self) -> list[str]:
        view = self.window.library_view
        rows = sorted(view.selectionModel().selectedRows(), key=lambda i: i.row()) if view.selectionModel() else []
        return [p for p in (i.data(LibraryModel.PathRole) for i in rows) if p]

    # -- copying --------------------------------------------------------------------------------
    def copy_selected(self, noun: str, cited: bool) -> str:
        """Put the selected quotes or articles on the clipboard, one a line; returns the text."""
        from reader.export import citation
        from reader.export.naming import canonical_names

        controller, lines = self.window.controller, []
        if noun == "quotes":
            names = canonical_names(controller.view) if controller.view is not None else None
            for path, index in self.selected_quote_refs():
                article = controller.article(path)
                quotes = article.record.quotes if article is not None else []
                if 0 <= index < len(quotes):
                    q = quotes[index]
                    lines.append(citation.quote_citation(article, q, names) if cited
                                 else citation.quote_text(q, names, article))
        else:
            for path in self.selected_paths():
                article = controller.article(path)
                if article is not None:
                    lines.append(citation.article_citation(article) if cited else citation.article_text(article))
        return self._copy(lines, noun[:-1])

    def _copy(self, lines: list[str], noun: str) -> str:
        text = "\n".join(lines)
        if text:
            QGuiApplication.clipboard().setText(text)
            n = len(lines)
            self.window.statusBar().showMessage(
                self.tr("Copied %d %s") % (n, noun if n == 1 else noun + "s"), 4000)
        return text

    # -- exporting --------------------------------------------------------------------------------
    def open_dialog(self, what: What | str = "quotes", scope: str = "results") -> ExportDialog:
        """The Export dialog over the current results and what is selected now; ``what`` and
        ``scope`` say which choices it starts with."""
        from reader.export.spec import What
        from reader.ui.export.dialog import ExportDialog, Scope

        if self.dialog is not None and self.dialog.task is not None:
            self.dialog.raise_()  # one export at a time: show the one running
            return self.dialog
        c = self.window.controller
        view = c.result.view if c.result is not None else None
        self.dialog = ExportDialog(view, self._scopes(view), self.folder, What(what), Scope(scope), self.window)
        self.dialog.exported.connect(self._exported)
        self.dialog.show()
        return self.dialog

    def _scopes(self, view) -> list[ScopeChoice]:
        from reader.export.selection import Selection, paths_selection, quotes_selection
        from reader.ui.export.dialog import Scope, ScopeChoice

        c = self.window.controller
        total = c.result.total if c.result is not None else 0
        filtered = bool(c.query.strip() or c.asked.filters())  # entities or a date range
        what = self.tr("The current results (%d articles)") if filtered else self.tr("Every article (%d)")
        results: Selection | None = None
        if view is not None:
            results = Selection(tuple(c.result.list_order()), description=self._describe())  # every match
        paths, refs = self.selected_paths(), self.selected_quote_refs()
        articles = paths_selection(view, paths) if view is not None and paths else None
        quotes = quotes_selection(view, refs) if view is not None and refs else None
        return [ScopeChoice(Scope.RESULTS, what % total, results),
                ScopeChoice(Scope.ARTICLES, self.tr("The selected articles (%d)") % len(paths), articles),
                ScopeChoice(Scope.QUOTES, self.tr("The selected quotes (%d)") % len(refs), quotes)]

    def _describe(self) -> str:
        from reader.export.selection import describe

        c = self.window.controller
        start, end = c.asked.date_range
        dates = f", published {start or '…'} to {end or '…'}" if start or end else ""
        return describe(c.query, [f.key for f in c.filters]) + dates

    def _exported(self, report) -> None:
        self.folder = report.path.parent
        self.window.statusBar().showMessage(report.summary() + ".", 10000)

