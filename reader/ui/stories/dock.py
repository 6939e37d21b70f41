"""The Stories dock: loads the library's stories on a worker, scopes the window to one,
and runs the user's story edits (move, merge, split) and the full regroup.

Grouping is ``reader.stories`` (Qt-free); this module only decides when to
ask for it and shows the answer. The stories are read when the dock is first
shown, and again whenever the window opens a new generation of the index
(an import, a removal, another window's commit), so the panel follows the
library. One stories task runs at a time; a request made meanwhile runs
after it. Edits are stored by ``reader.stories`` as the user's overrides, so
they survive regrouping and rebuilds.
"""
from __future__ import annotations

import importlib
import sys
import weakref
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QTimer
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget

from reader.ui.deferred import after_paint
from reader.ui.plain_text import set_plain
from reader.ui.stories.edits import READ_ONLY
from reader.ui.stories.edits import StoryEdits
from reader.ui.stories.panel import StoriesPanel
from reader.ui.stories.scope import StoryScope
from reader.ui.tasks import Task

if TYPE_CHECKING:
    from pathlib import Path

    from reader.search.view import IndexView
    from reader.stories.summary import StorySummary
    from reader.ui.main_window import MainWindow

# reader.stories and numpy, imported a module per turn of the event loop when first needed (at
# once they hold the GUI thread ~0.1-0.2 s; imports are kept off worker threads under PySide)
STAGES = ("numpy", "reader.stories.similarity", "reader.stories.grouping", "reader.stories.summary",
          "reader.stories.library")
# what a stories task does with the library before summarising it: (location, view) -> table
Operation = Callable[["Path", "IndexView"], object]


class StoriesDock(QDockWidget):
    """The dock: loading the stories, scoping the window to one, Compare on it."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window.tr("Stories"), window)
        self.window_ = window
        self.setObjectName("storiesDock")
        self.setAccessibleName("Stories panel")
        self.panel = StoriesPanel(self)
        self.setWidget(self.panel)
        pane = window.library_pane.layout()
        self.scope = StoryScope(pane, pane.indexOf(window.chips) + 1, self)
        self.scope.changed.connect(window.run_search_now)
        self.edits = StoryEdits(self)  # move, merge, split: what is selected decides
        self.scope.changed.connect(lambda: self._update_buttons())
        self.task: Task | None = None
        self._queue: list[tuple] = []  # requests made while a task ran, in order
        self._view_seen: weakref.ref | None = None  # the index generation the list was read from
        self.stories: list[StorySummary] = []
        self._story_of: dict[str, str] = {}  # article path -> story id
        self.error = ""
        b = self.panel.buttons
        b["compare"].clicked.connect(self.compare_selected)
        b["merge"].clicked.connect(self.edits.merge_selected)
        b["split"].clicked.connect(self.edits.split_library_selection)
        b["move"].clicked.connect(self.edits.move_library_selection)
        b["regroup"].clicked.connect(self.regroup)
        self._menu: dict[str, QAction] = {}
        for name in ("compare", "merge", "move"):  # the table's context menu
            action = QAction(b[name].text(), self.panel.view)
            action.triggered.connect(b[name].click)
            self.panel.view.addAction(action)
            self._menu[name] = action
        self.panel.story_clicked.connect(self.scope_to)
        self.panel.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        window.library_view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        c = window.controller
        c.opened.connect(lambda _n: self._library_changed())
        c.panels_changed.connect(self._library_changed)
        self._shown = False  # a dock behind another's tab still says isVisible(); this signal does not
        self.visibilityChanged.connect(self._visibility)
        self._update_buttons()

    # -- loading -----------------------------------------------------------------------------
    def _visibility(self, visible: bool) -> None:
        self._shown = visible
        if visible:
            self._update_buttons()  # a window may have turned read-only since
            self._library_changed()

    def _library_changed(self) -> None:
        after_paint(self, self._load_if_shown)  # once shown: a tabbed dock is visible for a moment

    def _load_if_shown(self) -> None:
        """Read the stories again when the dock shows a generation of the index it has not read."""
        view = self.window_.controller.view
        seen = self._view_seen() if self._view_seen is not None else None
        shown = self._shown and self.isVisible() and not self.visibleRegion().isEmpty()  # its tab in front
        if not shown or view is None or seen is view:
            return
        self.load()

    def load(self) -> None:
        """Bring the stories up to date with the library (grouped on first use) and list them."""
        def start() -> None:
            from reader.stories.library import open_stories

            self.run("Reading the stories…", open_stories, "")

        self.say("Reading the stories…")
        self._imported(start)

    def regroup(self) -> None:
        """Group the whole library again (the user's edits still hold)."""
        if self.window_.controller.read_only:
            self.say(READ_ONLY)
            return

        def start() -> None:
            from reader.stories.library import regroup

            self.run("Grouping the library into stories…", regroup, "The library was grouped again.")

        self._imported(start)

    def _imported(self, then: Callable[[], None], stage: int = 0) -> None:
        """``then()`` once ``STAGES`` are imported, one per turn of the event loop."""
        while stage < len(STAGES) and STAGES[stage] in sys.modules:
            stage += 1
        if stage == len(STAGES):
            then()
            return
        importlib.import_module(STAGES[stage])
        QTimer.singleShot(0, self, lambda: self._imported(then, stage + 1))

    def run(self, doing: str, operation: Operation, done: str,
             after: Callable[[], None] | None = None) -> None:
        """Run ``operation`` then summarise on a worker; ``after()`` once the list is shown."""
        if self.task is not None:
            if after is not None or not self._queue:  # a waiting request reads the stories anyway
                self._queue.append((doing, operation, done, after))
            return
        view = self.window_.controller.view
        if view is None:
            return
        from reader.stories.corrections import user_corrections
        from reader.stories.summary import summarize

        location = self.window_.controller.location

        def work(_ctx) -> list[StorySummary]:
            table = operation(location, view)
            return summarize(table, view, pins=user_corrections().pins())

        self._view_seen = weakref.ref(view)
        self.say(doing)
        task = Task("Stories", work)
        task.finished.connect(lambda stories: self._loaded(stories, done, after))
        task.failed.connect(self._failed)
        self.task = task
        self._update_buttons()
        task.start()

    def _loaded(self, stories: list[StorySummary], done: str, after: Callable[[], None] | None) -> None:
        self.task = None
        self.stories = stories
        self._story_of = {p: s.id for s in stories for p in s.paths}
        selected = self.panel.selected_ids()
        self.panel.model.set_stories(stories)
        for story_id in selected[:1] or ([self.scope.story_id] if self.scope.story_id else []):
            self.panel.select(story_id)
        if self.scope.story_id is not None:
            scoped = self.story(self.scope.story_id)
            if scoped is not None:
                self.scope.rename(scoped.headline)
        self.error = ""
        self.say(done or self._count_text())
        if after is not None:
            after()
        self._next()

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        self._view_seen = None  # try again with the next generation or click
        self.error = str(exc) or type(exc).__name__
        self.say(f"The stories could not be read: {self.error}")
        self._next()

    def _next(self) -> None:
        self._update_buttons()
        if self._queue:
            self.run(*self._queue.pop(0))

    def _count_text(self) -> str:
        n = len(self.stories)
        blind = sum(1 for s in self.stories if s.blindspot)
        return (f"{n} {'story' if n == 1 else 'stories'}"
                + (f", {blind} {'blindspot' if blind == 1 else 'blindspots'}" if blind else ""))

    def say(self, text: str) -> None:
        set_plain(self.panel.status_label, text)

    def focus(self) -> None:
        """Ctrl+5: show the panel and move the focus to its table."""
        self.show()
        self.raise_()
        self.panel.view.setFocus()

    def _update_buttons(self) -> None:
        self.edits.update_buttons(self._menu)

    def busy(self) -> bool:
        """Whether a stories task is running or waiting (tests, screenshots)."""
        return self.task is not None or bool(self._queue)

    def story_of(self, path: str) -> str | None:
        """The id of the story an article is in, as last listed."""
        return self._story_of.get(path)

    def story(self, story_id: str) -> StorySummary | None:
        return next((s for s in self.stories if s.id == story_id), None)

    # -- scoping and Compare --------------------------------------------------------------------
    def scope_to(self, story_id: str) -> None:
        """Show only this story's articles (and their entities, quotes, coverage)."""
        story = self.story(story_id)
        self.scope.set(story_id, story.headline if story is not None else story_id)

    def compare_selected(self) -> None:
        """Scope to the selected story and open Compare on it."""
        ids = self.panel.selected_ids()
        if ids:
            self.scope_to(ids[0])
        if self.scope.story_id is None:
            self.say("Select a story to compare its outlets.")
            return
        host = self.window_.compare_tab
        host.ensure().set_scope("results")
        self.window_.tabs.setCurrentWidget(host)


def tabify_stories(window: MainWindow) -> StoriesDock:
    """Build the dock and put it beside the quotes (the window's bottom area, full width)."""
    dock = StoriesDock(window)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    window.tabifyDockWidget(window.quotes_dock, dock)
    window.quotes_dock.raise_()
    return dock
