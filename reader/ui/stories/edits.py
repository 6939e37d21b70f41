"""The user's story edits from the panel: merge, split off, move; and which buttons apply.

What is selected decides what is done: stories selected in the panel (Merge;
Move Here's target) and articles selected in the library (Split Off, Move
Here). The edits themselves are ``reader.stories.library``'s, run on the
dock's worker and stored as the user's overrides, so they survive regrouping
and rebuilds.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

if TYPE_CHECKING:
    from reader.ui.stories.dock import Operation, StoriesDock

READ_ONLY = "This window is read-only: another Parallax window has the library open."


class StoryEdits(QObject):
    """The panel's edit buttons, for one ``StoriesDock``."""

    def __init__(self, dock: StoriesDock) -> None:
        super().__init__(dock)
        self.dock = dock

    def update_buttons(self, menu: dict[str, QAction]) -> None:
        """Each button (and its context-menu action) enabled when what is selected allows it."""
        d = self.dock
        editable = not d.window_.controller.read_only and d.task is None
        picked = d.panel.selected_ids()
        editing = getattr(d.window_, "editing", None)  # built after the docks
        articles = editing.selected_paths() if editing is not None else []
        b = d.panel.buttons
        b["compare"].setEnabled(bool(picked) or d.scope.story_id is not None)
        b["merge"].setEnabled(editable and len(picked) >= 2)
        b["split"].setEnabled(editable and bool(articles))
        b["move"].setEnabled(editable and len(picked) == 1 and bool(articles))
        b["regroup"].setEnabled(editable)
        for name, action in menu.items():
            action.setEnabled(b[name].isEnabled())

    def merge_selected(self) -> None:
        d = self.dock
        ids = d.panel.selected_ids()
        if len(ids) < 2:
            d.say("Select two or more stories to merge (Ctrl+click).")
            return
        keep = max(ids, key=lambda i: (d.story(i).size if d.story(i) else 0, -ids.index(i)))
        others = [i for i in ids if i != keep]
        from reader.stories.library import merge_stories

        def merge(location, view):
            table = None
            for other in others:
                table = merge_stories(location, keep, other, view)
            return table

        self._edit(merge, f"Merged {len(ids)} stories into one.", keep)

    def split_library_selection(self) -> None:
        d = self.dock
        paths = d.window_.editing.selected_paths()
        stories = {d.story_of(p) for p in paths}
        if not paths or None in stories or len(stories) != 1:
            d.say("Select articles of one story in the library to split them off.")
            return
        story = stories.pop()
        from reader.stories.library import split_story

        n = len(paths)
        self._edit(lambda location, view: split_story(location, story, paths, view),
                   f"{n} {'article' if n == 1 else 'articles'} split off into a new story.", story)

    def move_library_selection(self) -> None:
        d = self.dock
        ids = d.panel.selected_ids()
        paths = [p for p in d.window_.editing.selected_paths() if d.story_of(p) not in ids]
        if len(ids) != 1 or not paths:
            d.say("Select one story here and, in the library, the articles to move into it.")
            return
        target = ids[0]
        from reader.stories.library import move_article

        def move(location, view):
            table = None
            for path in paths:
                table = move_article(location, path, target, view)
            return table

        n = len(paths)
        self._edit(move, f"{n} {'article' if n == 1 else 'articles'} moved.", target)

    def _edit(self, operation: Operation, done: str, select: str) -> None:
        d = self.dock
        if d.window_.controller.read_only:
            d.say(READ_ONLY)
            return

        def after() -> None:  # the list, and a library scoped to a story, show the new membership
            d.panel.select(select)
            scoped = d.scope.story_id
            if scoped is not None and d.story(scoped) is None and d.story(select) is not None:
                d.scope.set(select, d.story(select).headline)  # merged away: show the merged one
            else:
                d.window_.run_search_now()

        d.run("Saving your edit…", operation, done, after)
