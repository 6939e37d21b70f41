"""The Compare tab of the main window: built on first use, fed from the window's state.

The tab is an empty page until it is first shown, so starting the app loads
nothing of Compare. Then it compares the search results (query and entity
filters) or the articles selected in the library, again whenever those
change while the tab is open (or when it is next opened), and opens the
article at a statement or a mention in the reading view.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMainWindow
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from reader.ui.compare.workspace import CompareWorkspace

ROOM_DOCKS = ("quotes_dock", "stories_dock")  # hidden while Compare is shown
REFRESH_DELAY_MS = 250  # a burst of changes (typing, several filters) is compared once
# Compare's modules, imported one per turn of the event loop when the tab is first shown
# (all at once they take the GUI thread ~60 ms on a quiet machine, more on a busy one)
STAGES = ("reader.compare.text", "reader.compare.inputs", "reader.compare.voices", "reader.compare.shared",
          "reader.compare.report", "reader.compare.html", "reader.ui.compare.voices_page",
          "reader.ui.compare.shared_page", "reader.ui.compare.side_page", "reader.ui.compare.kwic_page",
          "reader.ui.compare.workspace")


class CompareHost(QWidget):
    """The tab's page. ``window`` has ``controller``, ``library_view``, ``tabs``, ``reader_page``,
    ``open_article`` and ``reading_view``."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("compareTab")
        self.window_ = window
        self.workspace: CompareWorkspace | None = None
        self.stale = True
        self._hid: list = []  # the docks that made room for Compare
        self._current = None  # the one of them whose tab was shown
        self._held = None  # the index view the last comparison reads (held open through controller.views)
        window.installEventFilter(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        window.controller.panels_changed.connect(lambda: self._changed("results"))  # follows every new result
        selection = window.library_view.selectionModel()
        selection.selectionChanged.connect(lambda *_: self._changed("selected"))

    # -- showing -----------------------------------------------------------------------
    def toggle(self) -> None:
        """Ctrl+Shift+C: to Compare, or back to the article."""
        tabs = self.window_.tabs
        tabs.setCurrentWidget(self.window_.reader_page if tabs.currentWidget() is self else self)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._make_room(True)
        if self.workspace is None:
            self._load(0)
        elif self.stale:
            self._timer.start(0)

    def _load(self, stage: int) -> None:
        """Import the next of Compare's modules, then build it and compare (see ``STAGES``)."""
        if self.workspace is not None:
            return
        if stage < len(STAGES):
            import importlib

            importlib.import_module(STAGES[stage])
            QTimer.singleShot(0, self, lambda: self._load(stage + 1))
            return
        self.ensure()
        if self.isVisible():
            self._timer.start(0)

    def hideEvent(self, event) -> None:
        self._make_room(False)
        super().hideEvent(event)

    def _make_room(self, comparing: bool) -> None:
        """The docks under the page (quotes, and the stories tabbed with them) make way for
        Compare, which lists statements itself, and come back after, the same tab in front."""
        docks = [d for d in (getattr(self.window_, n, None) for n in ROOM_DOCKS) if d is not None]
        if comparing and not self._hid:
            self._current = next((d for d in docks if d.isVisible() and not d.visibleRegion().isEmpty()), None)
            self._hid = [d for d in docks if d.isVisible()]
            for dock in self._hid:
                dock.hide()
        elif not comparing and self._hid:
            hidden, self._hid = self._hid, []
            for dock in hidden:
                dock.show()
            if self._current is not None:
                self._current.raise_()

    def eventFilter(self, watched, event) -> bool:
        if watched is self.window_ and event.type() == QEvent.Type.Close:
            self._make_room(False)  # the layout saved at closing is the reading one
        return False

    def ensure(self) -> CompareWorkspace:
        if self.workspace is None:
            from reader.ui.compare.workspace import CompareWorkspace

            ws = CompareWorkspace(self)
            ws.statement_activated.connect(self._open_statement)
            ws.mention_activated.connect(self._open_mention)
            ws.scope_changed.connect(lambda _scope: self.refresh())
            ws.filter_toggled.connect(self._toggle_filter)
            self._layout.addWidget(ws)
            self.workspace = ws
            if len(self._selected_paths()) >= 2:
                ws.set_scope("selected")  # several articles picked in the library: compare those
        return self.workspace

    def _changed(self, scope: str) -> None:
        if self.workspace is None or self.workspace.scope() != scope:
            if self.workspace is None:
                self.stale = True
            return
        self.stale = True
        if self.isVisible():
            self._timer.start()

    # -- requests ----------------------------------------------------------------------
    def _selected_paths(self) -> list[str]:
        from reader.ui.library.model import LibraryModel

        rows = self.window_.library_view.selectionModel().selectedRows()
        return [r.data(LibraryModel.PathRole) for r in rows if r.data(LibraryModel.PathRole)]

    def refresh(self) -> None:
        """Compare what the scope names now."""
        ws = self.ensure()
        c = self.window_.controller
        view = c.view if c.ready else None
        if view is None or c.result is None or c.result.view is not view:
            ws.heading.setText(self.tr("Opening the library…"))
            self.stale = True  # the panels that follow the opening ask again
            return
        from reader.ui.compare.workspace import CompareRequest

        self.stale = False
        if ws.scope() == "selected":
            paths = self._selected_paths()
            what = self.tr("the %1 articles selected in the library").replace("%1", str(len(paths)))
            if len(paths) < 2:
                ws.heading.setText(self.tr("Select two or more articles in the library (Ctrl+click), "
                                           "or compare the search results."))
                return
        else:
            paths = c.result_paths()
            stories = getattr(self.window_, "stories_dock", None)  # the story the library is scoped to
            what = describe_results(c, stories.scope.name if stories is not None and stories.scope.story_id else "")
        c.views.hold(view)  # its pages read the view later (columns, mentions): keep it open until the next
        c.views.release(self._held)
        self._held = view
        ws.compare(CompareRequest(view, tuple(paths), ws.scope(), what))

    # -- opening articles ---------------------------------------------------------------
    def _read(self, path: str, quote_index: int | None = None) -> bool:
        w = self.window_
        w.tabs.setCurrentWidget(w.reader_page)
        return w.open_article(path, quote_index)

    def _open_statement(self, st) -> None:
        self._read(st.path, st.quote_index)

    def _open_mention(self, line) -> None:
        from reader.compare.locate import occurrence
        from reader.ui.compare.locate_view import body_start, find_occurrence, select

        if not self._read(line.path):
            return
        art = self.workspace.comparison.article(line.path) if self.workspace.comparison else None
        if art is None:
            return
        browser = self.window_.reading_view.browser
        doc = browser.document()
        cursor = find_occurrence(doc, occurrence(art, line.start, line.end), body_start(doc))
        if cursor is not None:
            select(browser, cursor)

    def _toggle_filter(self, field: str, token: str) -> None:
        labels = getattr(self.window_, "labels", None)
        if labels is not None:
            labels.toggle_filter(field, token)


def describe_results(controller, story: str = "") -> str:
    """"the whole library", "the search “khan”", "the search “khan” filtered by Imran Khan",
    "the story “Khan visits Moscow”" (``story``: the headline of the story the window is scoped to)."""
    query = controller.query.strip()
    if story:
        from reader.stories.search_filter import split_story_terms

        query = split_story_terms(query)[0].strip()
    names = [f.name for f in controller.filters]
    if not query and not names:
        return f"the story “{story}”" if story else "the whole library"
    text = f"the search “{query}”" if query else "the articles"
    if names:
        text += " mentioning " + " and ".join(names)
    return text + (f" in the story “{story}”" if story else "")
