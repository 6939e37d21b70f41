"""The main window: builds the panes and docks and wires their signals together.

No logic of its own beyond wiring: searching, filtering and loading go through
``LibraryController``; rendering through ``ReadingView``.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtCore import QModelIndex
from PySide6.QtCore import Qt
from PySide6.QtCore import QThreadPool
from PySide6.QtCore import Slot
from PySide6.QtGui import QAction
from PySide6.QtGui import QCloseEvent
from PySide6.QtGui import QDragEnterEvent
from PySide6.QtGui import QDropEvent
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDockWidget
from PySide6.QtWidgets import QMainWindow
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QSplitter
from PySide6.QtWidgets import QTabWidget
from PySide6.QtWidgets import QWidget

from reader.search.problems import IndexProblem
from reader.ui.actions import Actions
from reader.render.article_html import query_terms
from reader.ui.compare.host import CompareHost
from reader.ui.controller import LibraryController
from reader.ui.deferred import after_paint
from reader.ui.dialogs import problem_box
from reader.ui.dialogs import problem_text
from reader.ui.dialogs import show_about
from reader.ui.dialogs import show_search_help
from reader.ui.entities.actions import NameEditing
from reader.ui.entities.panel import EntitiesPanel
from reader.ui.export.actions import ExportActions
from reader.ui.library.import_actions import LibraryEditing
from reader.ui.library.import_actions import drop_accepts
from reader.ui.library.import_actions import dropped_paths
from reader.ui.instance_lock import LibraryLock
from reader.ui.library.label_actions import LabelEditing
from reader.ui.library.pane import LibraryPane
from reader.ui.library.model import LibraryModel
from reader.ui.quotes.model import QuotesModel
from reader.ui.quotes.panel import QuotesPanel
from reader.ui.reading.view import ReadingView
from reader.ui.settings import Settings
from reader.ui.views import set_library_row_lines
from reader.ui.window.features import install_features
from reader.ui.status import StatusPanel
from reader.ui.stories.dock import tabify_stories

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox


class MainWindow(QMainWindow):
    """Library and reading view side by side; entities and quotes as docks."""

    def __init__(self, controller: LibraryController, settings: Settings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.settings = settings
        self.dialogs_enabled = True  # off in screenshot mode: problems go to the status bar
        self.setObjectName("MainWindow")
        self.setAccessibleName("Parallax")
        self.setAcceptDrops(True)  # files and folders dropped on the window are added
        self.actions = Actions(self)
        self._build_library_pane()
        self.reading_view = ReadingView()
        self.reading_view.setAccessibleName("Reading view")
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.library_pane)
        self.splitter.addWidget(self.reading_view)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 6)
        self.splitter.setChildrenCollapsible(False)
        self.reader_page = self.splitter
        self.tabs = QTabWidget()  # reading, and Compare (built when first shown)
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.splitter, self.tr("Read"))
        self.library_view.setSelectionMode(self.library_view.SelectionMode.ExtendedSelection)
        self.compare_tab = CompareHost(self)
        self.tabs.addTab(self.compare_tab, self.tr("Compare"))
        self.setCentralWidget(self.tabs)
        self._build_docks()
        self.status = StatusPanel(self.statusBar())
        self.actions.build_menus(self, [self.entities_dock, self.quotes_dock, self.stories_dock])
        self._wire()
        self.exports = ExportActions(self)  # File ▸ Export…, Copy / Copy with citation / Export selected
        self.exports.install_on_quotes(self.quotes_view)
        self.exports.install_on_library(self.library_view)
        self.editing = LibraryEditing(self)
        self.labels = LabelEditing(self)
        self.names = NameEditing(self)
        install_features(self)  # title, undo, theme, row mode, sort order, show in folder
        self.lock = LibraryLock(controller.location)
        self.set_read_only(not self.lock.acquired)
        if settings.warning:
            self.statusBar().showMessage(settings.warning, 15000)
        self._set_tab_order()
        self._default_state = self.saveState()
        self._restore_layout()
        self.sort_order.restored()  # a sort not pinned does not survive a restart

    # -- construction --------------------------------------------------------------
    def _build_library_pane(self) -> None:
        pane = LibraryPane(self.settings.search_delay_ms, self)
        self.library_pane = pane
        for name in ("search_edit", "date_filter", "query_message", "chips", "coverage_bar",
                     "read_only_banner", "result_label", "library_model", "library_proxy", "library_view",
                     "_search_timer"):
            setattr(self, name, getattr(pane, name))  # the window wires these directly

    def _build_docks(self) -> None:
        self.entities_panel = EntitiesPanel()
        self.entities_dock = QDockWidget(self.tr("Entities"), self)
        self.entities_dock.setObjectName("entitiesDock")
        self.entities_dock.setAccessibleName("Entities panel")
        self.entities_dock.setWidget(self.entities_panel)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.entities_dock)
        self.quotes_panel = QuotesPanel()
        self.quotes_model = self.quotes_panel.model
        self.quotes_proxy = self.quotes_panel.proxy
        self.quotes_view = self.quotes_panel.view
        self.quotes_dock = QDockWidget(self.tr("Quotes"), self)
        self.quotes_dock.setObjectName("quotesDock")
        self.quotes_dock.setAccessibleName("Quotes panel")
        self.quotes_dock.setWidget(self.quotes_panel)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.quotes_dock)
        self.resizeDocks([self.entities_dock], [265], Qt.Orientation.Horizontal)
        self.resizeDocks([self.quotes_dock], [230], Qt.Orientation.Vertical)
        self.stories_dock = tabify_stories(self)  # beside the quotes; scopes the library to a story

    def _wire(self) -> None:
        c = self.controller
        c.results_changed.connect(self._on_results)
        c.rows_ranked.connect(lambda: self.library_model.extend_rank(c.result.docnums))
        c.panels_changed.connect(self._on_panels)
        c.filters_changed.connect(self._on_filters)
        c.opened.connect(self._on_opened)
        c.state_changed.connect(self.status.set_state)
        c.state_changed.connect(self._on_state)
        c.task_started.connect(self.status.track)
        c.problem.connect(self._on_problem)
        self.reading_view.failed.connect(lambda exc: c.problem.emit(exc) if isinstance(exc, IndexProblem) else None)
        c.library_followed.connect(self._on_followed)
        c.cancelled.connect(lambda: self.statusBar().showMessage(
            self.tr("Cancelled: the index is unchanged."), 8000))
        self.status.cancel_requested.connect(self._cancel_task)
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        self.search_edit.returnPressed.connect(self.run_search_now)
        clear = QAction(self.search_edit)
        clear.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        clear.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        clear.triggered.connect(self.search_edit.clear)  # Esc empties the search
        self.search_edit.addAction(clear)
        self._search_timer.timeout.connect(self.run_search_now)
        self.library_view.selectionModel().currentRowChanged.connect(self._on_library_current)
        self.quotes_view.clicked.connect(self._on_quote_clicked)
        self.quotes_view.activated.connect(self._on_quote_clicked)
        self.quotes_panel.title_changed.connect(self.quotes_dock.setWindowTitle)
        self.library_model.layoutChanged.connect(self._follow_library_order)
        self.entities_panel.chosen.connect(c.add_filter)
        self.date_filter.range_changed.connect(c.set_date_range)
        self.chips.removed.connect(c.remove_filter)
        self.chips.cleared.connect(c.clear_filters)
        a = self.actions
        a.rebuild.triggered.connect(self.rebuild_index)
        a.quit.triggered.connect(self.close)
        a.find.triggered.connect(self.focus_search)
        a.next_hit.triggered.connect(self.reading_view.next_hit)
        a.prev_hit.triggered.connect(self.reading_view.previous_hit)
        a.clear_filters.triggered.connect(c.clear_filters)
        a.focus_library.triggered.connect(self.library_view.setFocus)
        a.focus_reader.triggered.connect(self.reading_view.browser.setFocus)
        a.focus_entities.triggered.connect(self._focus_entities)
        a.focus_quotes.triggered.connect(self._focus_quotes)
        a.focus_stories.triggered.connect(self.stories_dock.focus)
        a.compare.triggered.connect(self.compare_tab.toggle)
        a.reset_layout.triggered.connect(lambda: self.restoreState(self._default_state))
        a.search_help.triggered.connect(lambda: show_search_help(self))
        a.about.triggered.connect(lambda: show_about(self))

    def _set_tab_order(self) -> None:
        order = [self.search_edit, self.date_filter.start_edit, self.date_filter.end_edit,
                 self.chips.clear_button, self.library_view, self.reading_view.browser,
                 self.entities_panel.filter_edit, self.entities_panel.type_box,
                 self.entities_panel.view, self.quotes_panel.kind_box, self.quotes_view]
        for first, second in zip(order, order[1:]):
            self.setTabOrder(first, second)

    def _restore_layout(self) -> None:
        if (g := self.settings.window_geometry) is not None:
            self.restoreGeometry(g)
        else:
            self.resize(1400, 900)
        if (s := self.settings.window_state) is not None:
            self.restoreState(s)
        if (hs := self.settings.library_header) is not None:
            self.library_view.horizontalHeader().restoreState(hs)
        if (sp := self.settings.splitter_state) is not None:
            self.splitter.restoreState(sp)
        else:
            self.splitter.setSizes([680, 480])

    # -- slots -------------------------------------------------------------------------
    @Slot()
    def run_search_now(self) -> None:
        self._search_timer.stop()
        self.controller.set_query(self.stories_dock.scope.scoped(self.search_edit.text()))

    def set_query(self, text: str) -> None:
        """Type ``text`` into the search field and search at once (CLI, tests)."""
        self.search_edit.setText(text)
        self.run_search_now()

    @Slot()
    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def _focus_entities(self) -> None:
        self.entities_dock.show()
        self.entities_panel.filter_edit.setFocus()

    def _focus_quotes(self) -> None:
        self.quotes_dock.show()
        self.quotes_view.setFocus()

    @Slot(int)
    def _on_opened(self, _count: int) -> None:
        self.title.update()

    @Slot()
    def _on_results(self) -> None:
        c = self.controller
        current = self.reading_view.article.path if self.reading_view.article else None
        selected = self.editing.selected_paths() if hasattr(self, "editing") else []
        result = c.result
        if result is not None:
            self.library_model.set_rows(result.docnums, result.hit, c.docnum, result.value,
                                        total=result.total, members=result.members, more=c.rank_more)
        self.query_message.setText(c.message)
        self.query_message.setVisible(bool(c.message))
        self.query_message.setStyleSheet("color: palette(link);" if not c.message else
                                         "QLabel { color: #b3261e; }" if self.palette().base().color().lightness() > 127
                                         else "QLabel { color: #ffb4ab; }")
        n = self.library_model.total()
        total = c.article_count()
        self.result_label.setText(self.tr("%1 of %2 articles").replace("%1", str(n)).replace("%2", str(total))
                                  if (c.query.strip() or c.filters or any(c.asked.date_range)) else
                                  self.tr("All %1 articles").replace("%1", str(total)))
        set_library_row_lines(self.library_view, bool(c.query.strip()) and n > 0)
        if current is not None and self.library_model.row_of(current) >= 0:
            self._select_path(current)  # keep reading; update the highlighted terms
            self._reselect(selected, current)
            art = None if c.is_long(current) else c.article(current)  # a long one is read on a worker
            changed = art is not None and art != self.reading_view.article  # by another process
            if query_terms(c.query) != self.reading_view.terms or changed:
                self.open_article(current, self.reading_view.selected_quote)
        elif n and c.view is None:  # listed from the snapshot: the article follows the painted list
            after_paint(self, self._select_first)
        elif n:
            self.library_view.selectRow(0)  # the best match replaces an article filtered out
        else:
            self.reading_view.show_placeholder(self.tr("No article matches the search and filters."))

    def _reselect(self, paths: list[str], current: str) -> None:
        """Select again the rows that were selected before the list was reloaded."""
        others = [p for p in paths if p != current and self.library_model.row_of(p) >= 0]
        if not others:
            return
        sm = self.library_view.selectionModel()
        sm.blockSignals(True)
        for path in others:
            idx = self.library_proxy.mapFromSource(self.library_model.index(self.library_model.row_of(path), 0))
            sm.select(idx, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
        sm.blockSignals(False)
        self.library_view.viewport().update()

    def _on_followed(self, before: int, after: int) -> None:
        """Another process (``parallax add``, a second window) changed the library."""
        change = after - before
        noun = self.tr("article") if abs(change) == 1 else self.tr("articles")
        what = (self.tr("%1 %2 added").replace("%1", str(change)).replace("%2", noun) if change > 0 else
                self.tr("%1 %2 removed").replace("%1", str(-change)).replace("%2", noun) if change < 0
                else self.tr("articles updated"))
        self.statusBar().showMessage(self.tr("The library changed outside this window: %1.").replace("%1", what),
                                     8000)

    def _select_first(self) -> None:
        if not self.library_view.currentIndex().isValid() and self.library_model.rowCount():
            self.library_view.selectRow(0)

    @Slot()
    def _on_panels(self) -> None:
        """Entities and quotes of the result set, which follow the list."""
        c = self.controller
        panels = c.panels()
        entities = list(panels.entities)
        self.entities_panel.set_entities(entities)
        self.entities_dock.setWindowTitle(self.tr("Entities (%1)").replace("%1", str(len(entities))))
        quotes = panels.quotes  # every match's statements, read as they are shown
        if quotes is not None and self.library_model.rowCount() == len(quotes.docnums):
            quotes = quotes.reordered(self.library_model.docnums())  # in the list's order
        self.quotes_model.set_source(quotes)

    @Slot()
    def _follow_library_order(self) -> None:
        """The quotes follow the library list when it is sorted by another column."""
        quotes = self.controller.panels().quotes
        if quotes is not None and self.library_model.rowCount() == len(quotes.docnums):
            self.quotes_model.set_source(quotes.reordered(self.library_model.docnums()))

    @Slot()
    def _on_filters(self) -> None:
        self.chips.set_filters([(f.key, f.name) for f in self.controller.filters])
        self.entities_panel.model.set_active([f.key for f in self.controller.filters])

    @Slot(str)
    def _on_state(self, state: str) -> None:
        if not self.controller.ready and state != "ready":
            self.reading_view.show_placeholder(
                self.tr("Preparing the library: %s") % state
                + "\n" + self.tr("The first start analyses the bundled articles; this takes a moment."))

    def _select_path(self, path: str) -> None:
        row = self.library_model.row_of(path)
        if row < 0:
            self.library_view.clearSelection()
            return
        idx = self.library_proxy.mapFromSource(self.library_model.index(row, 0))
        sm = self.library_view.selectionModel()
        sm.blockSignals(True)
        sm.setCurrentIndex(idx, QItemSelectionModel.SelectionFlag.ClearAndSelect
                           | QItemSelectionModel.SelectionFlag.Rows)
        sm.blockSignals(False)
        self.library_view.viewport().update()
        self.library_view.scrollTo(idx)

    @Slot(QModelIndex, QModelIndex)
    def _on_library_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.open_article(current.data(LibraryModel.PathRole))

    @Slot(QModelIndex)
    def _on_quote_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_article(index.data(QuotesModel.PathRole), index.data(QuotesModel.QuoteIndexRole))

    def open_article(self, path: str, quote_index: int | None = None) -> bool:
        """Show an article (optionally scrolled to one of its quotes)."""
        if self.controller.is_long(path):  # read and shown without making the window wait
            self.reading_view.show_later(self.controller.reader_of(path), query_terms(self.controller.query),
                                         quote_index)
            self._select_path(path)
            return True
        art = self.controller.article(path)
        if art is None:
            return False
        self.reading_view.show_article(art, query_terms(self.controller.query), quote_index)
        self._select_path(path)
        return True

    # -- read-only mode and drops ---------------------------------------------------------
    def set_read_only(self, read_only: bool) -> None:
        """A second window on the same library reads but never writes."""
        self.controller.read_only = read_only
        self.controller.read_only_reason = self.lock.problem if read_only else ""
        for action in self.actions.writing():
            action.setEnabled(not read_only)
        self.setAcceptDrops(not read_only)
        text = self.lock.read_only_message()  # another window, or a lock that cannot be written
        self.read_only_banner.setText(text)
        self.read_only_banner.setVisible(read_only)
        self.status.set_read_only(read_only, text)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if drop_accepts(event.mimeData(), not self.controller.read_only):
            event.acceptProposedAction()
            self.statusBar().showMessage(self.tr("Drop to add to the library (files are only read)"))
        else:
            event.ignore()

    def dragLeaveEvent(self, event) -> None:
        self.statusBar().clearMessage()

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_paths(event.mimeData())
        if paths and self.editing.add(paths):
            event.acceptProposedAction()
        else:
            event.ignore()

    def rebuild_index(self) -> None:
        if self.controller.jobs.rebuild() is None:
            self.statusBar().showMessage(self.tr("The index is already being rebuilt."), 4000)

    def _cancel_task(self) -> None:
        task = self.status.task
        if task is not None:
            task.cancel()

    problem_text = staticmethod(problem_text)

    def problem_box(self, exc: BaseException) -> tuple[QMessageBox, QPushButton | None]:
        """The dialog for a problem, with a Rebuild button when rebuilding can help."""
        return problem_box(exc, self)

    @Slot(object)
    def _on_problem(self, exc: BaseException) -> None:
        logging.getLogger("reader.ui").warning("library problem: %r", exc)
        self.statusBar().showMessage(self.problem_text(exc), 15000)
        if not self.dialogs_enabled or getattr(self, "_problem_open", False):
            return  # one dialog at a time; the status bar says the rest
        self._problem_open = True
        box, rebuild = self.problem_box(exc)
        box.exec()
        self._problem_open = False
        if rebuild is not None and box.clickedButton() is rebuild:
            self.rebuild_index()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.window_geometry = self.saveGeometry()
        self.settings.window_state = self.saveState()
        self.settings.splitter_state = self.splitter.saveState()
        self.settings.library_header = self.library_view.horizontalHeader().saveState()
        self.settings.last_query = self.search_edit.text()
        self.settings.sync()
        task = self.status.task
        if task is not None and not task.done:
            task.cancel()  # the index keeps its old state: rebuilds swap in only when complete
        QThreadPool.globalInstance().waitForDone(5000)  # searches and jobs end before we do
        self.controller.close()  # every index view lets go of its files
        self.lock.release()  # the next window on this library may write
        super().closeEvent(event)
