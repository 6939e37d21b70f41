"""The main window: builds the panes and docks and wires their signals together.

No logic of its own beyond wiring: searching, filtering and loading go through
``LibraryController``; rendering through ``ReadingView``.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtCore import QThreadPool
from PySide6.QtCore import Slot
from PySide6.QtGui import QAction
from PySide6.QtGui import QCloseEvent
from PySide6.QtGui import QDragEnterEvent
from PySide6.QtGui import QDropEvent
from PySide6.QtGui import QKeySequence
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
from reader.ui.dialogs import problem_box
from reader.ui.dialogs import problem_text
from reader.ui.dialogs import show_about
from reader.ui.dialogs import show_search_help
from reader.ui.entities.actions import NameEditing
from reader.ui.export.actions import ExportActions
from reader.ui.library.import_actions import LibraryEditing
from reader.ui.library.import_actions import drop_accepts
from reader.ui.library.import_actions import dropped_paths
from reader.ui.instance_lock import LibraryLock
from reader.ui.library.label_actions import LabelEditing
from reader.ui.library.pane import LibraryPane
from reader.ui.reading.view import ReadingView
from reader.ui.settings import Settings
from reader.ui.window.docks import Docks
from reader.ui.window.features import install_features
from reader.ui.window.results import ShownResults
from reader.ui.status import StatusPanel

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
        self.docks = Docks(self)  # entities, quotes, stories
        self.shown = ShownResults(self)  # the list answering the controller
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

    def _wire(self) -> None:
        c = self.controller
        c.results_changed.connect(self.shown.show)
        c.rows_ranked.connect(lambda: self.library_model.extend_rank(c.result.docnums))
        c.panels_changed.connect(self.docks.show_panels)
        c.filters_changed.connect(self.docks.show_filters)
        c.opened.connect(self._on_opened)
        c.state_changed.connect(self.status.set_state)
        c.state_changed.connect(self._on_state)
        c.task_started.connect(self.status.track)
        c.problem.connect(self._on_problem)
        self.reading_view.failed.connect(lambda exc: c.problem.emit(exc) if isinstance(exc, IndexProblem) else None)
        c.library_followed.connect(self.shown.followed)
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
        self.library_view.selectionModel().currentRowChanged.connect(self.shown.current_changed)
        self.docks.wire()
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
        a.focus_entities.triggered.connect(self.docks.focus_entities)
        a.focus_quotes.triggered.connect(self.docks.focus_quotes)
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

    @Slot(int)
    def _on_opened(self, _count: int) -> None:
        self.title.update()

    @Slot(str)
    def _on_state(self, state: str) -> None:
        if not self.controller.ready and state != "ready":
            self.reading_view.show_placeholder(
                self.tr("Preparing the library: %s") % state
                + "\n" + self.tr("The first start analyses the bundled articles; this takes a moment."))

    def open_article(self, path: str, quote_index: int | None = None) -> bool:
        """Show an article (optionally scrolled to one of its quotes)."""
        if self.controller.is_long(path):  # read and shown without making the window wait
            self.reading_view.show_later(self.controller.reader_of(path), query_terms(self.controller.query),
                                         quote_index)
            self.shown.select_path(path)
            return True
        art = self.controller.article(path)
        if art is None:
            return False
        self.reading_view.show_article(art, query_terms(self.controller.query), quote_index)
        self.shown.select_path(path)
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
