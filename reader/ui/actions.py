"""Every action of the main window in one place: text, shortcuts, icons, menus.

``main_window.py`` only connects these to slots (Picard's ``actions.py`` idea).
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction
from PySide6.QtGui import QIcon
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMainWindow

from reader.ui.plain_text import tooltip


@dataclass(frozen=True)
class ActionSpec:
    name: str
    text: str
    shortcuts: tuple[str | QKeySequence.StandardKey, ...] = ()
    icon: str = ""  # freedesktop icon name
    tip: str = ""


SPECS: tuple[ActionSpec, ...] = (
    ActionSpec("add_files", "&Add Files…", (QKeySequence.StandardKey.Open,), "document-open",
               "Add .txt, .md or .html articles to the library (the files are only read)"),
    ActionSpec("add_folder", "Add &Folder…", ("Ctrl+Shift+O",), "folder-open",
               "Add every article in a folder and its subfolders"),
    ActionSpec("rescan", "Re&scan Changed Files", (QKeySequence.StandardKey.Refresh,), "view-refresh",
               "Re-read articles whose files changed since they were added"),
    ActionSpec("export", "&Export…", ("Ctrl+E",), "document-save-as",
               "Export the quotes, articles or entities of the results or the selection "
               "(CSV, JSON Lines, REFI-QDA)"),
    ActionSpec("remove_article", "&Remove from Library…", (QKeySequence.StandardKey.Delete,), "edit-delete",
               "Remove the selected article from the library; its file stays on disk"),
    ActionSpec("undo", "&Undo", (QKeySequence.StandardKey.Undo,), "edit-undo",
               "Take back the last removal from the library or the last label edit"),
    ActionSpec("show_in_folder", "Show File in &Folder", ("Ctrl+Alt+R",), "folder",
               "Open the folder that holds the selected article's file"),
    ActionSpec("rename_library", "Re&name Library…", (), "",
               "Give this library the name the window title shows"),
    ActionSpec("compact_rows", "&Compact Rows", ("Ctrl+Alt+L",), "",
               "One line per article (the match shows in the tooltip) instead of two"),
    ActionSpec("sort_relevance", "Sort by &Relevance", ("Ctrl+Alt+0",), "view-sort",
               "Back to best-match order (the order of the search results)"),
    ActionSpec("pin_sort", "&Keep This Sort Order", (), "",
               "Remember the library's sort order for the next start (otherwise each start is by relevance)"),
    ActionSpec("set_outlet", "Set &Outlet…", (), "",
               "Say which outlet published the selected articles"),
    ActionSpec("edit_label", "Edit Outlet &Label…", ("Ctrl+L",), "",
               "Override or add the bias label of the open article's outlet"),
    ActionSpec("rebuild", "&Rebuild Index", ("Ctrl+Shift+R",), "view-refresh",
               "Re-analyse every article and rebuild the search index"),
    ActionSpec("quit", "&Quit", (QKeySequence.StandardKey.Quit, "Ctrl+Q"), "application-exit"),
    ActionSpec("find", "&Search Library", (QKeySequence.StandardKey.Find, "Ctrl+K"), "edit-find",
               "Move the focus to the search field"),
    ActionSpec("next_hit", "Next &Match", (QKeySequence.StandardKey.FindNext, "F3"), "go-down",
               "Next search match in the article"),
    ActionSpec("prev_hit", "&Previous Match", (QKeySequence.StandardKey.FindPrevious, "Shift+F3"), "go-up",
               "Previous search match in the article"),
    ActionSpec("clear_filters", "&Clear Filters", ("Ctrl+Shift+Backspace",), "edit-clear",
               "Remove every entity filter"),
    ActionSpec("focus_library", "Go to &Library", ("Ctrl+1",), "", "Move the focus to the article list"),
    ActionSpec("focus_reader", "Go to &Article", ("Ctrl+2",), "", "Move the focus to the article text"),
    ActionSpec("focus_entities", "Go to &Entities", ("Ctrl+3",), "", "Move the focus to the entities"),
    ActionSpec("focus_quotes", "Go to &Quotes", ("Ctrl+4",), "", "Move the focus to the quotes"),
    ActionSpec("focus_stories", "Go to S&tories", ("Ctrl+5",), "", "Move the focus to the stories"),
    ActionSpec("compare", "&Compare Outlets", ("Ctrl+Shift+C",), "",
               "Compare the outlets of the search results or of the selected articles: who they quote, "
               "the words they share, side by side"),
    ActionSpec("reset_layout", "&Reset Layout", (), "", "Put the panels back where they started"),
    ActionSpec("search_help", "&Search Syntax", (QKeySequence.StandardKey.HelpContents, "F1"), "help-contents",
               "How to write queries: phrases, AND/OR/NOT, fields"),
    ActionSpec("about", "&About Parallax", (), "help-about"),
)


class Actions:
    """The window's QActions by name: ``actions.rebuild``, ``actions.find``…"""

    def __init__(self, window: QMainWindow) -> None:
        self._by_name: dict[str, QAction] = {}
        for spec in SPECS:
            action = QAction(window.tr(spec.text), window)
            action.setObjectName(f"action_{spec.name}")
            if spec.shortcuts:
                keys: list[QKeySequence] = []
                for sc in spec.shortcuts:
                    keys.extend(QKeySequence.keyBindings(sc) if isinstance(sc, QKeySequence.StandardKey)
                                else [QKeySequence(sc)])
                unique = list(dict.fromkeys(k.toString() for k in keys if not k.isEmpty()))
                action.setShortcuts([QKeySequence(k) for k in unique])
            if spec.icon:
                action.setIcon(QIcon.fromTheme(spec.icon))
            if spec.tip:
                action.setStatusTip(window.tr(spec.tip))
                action.setToolTip(tooltip(window.tr(spec.tip)))
            action.setCheckable(spec.name in self.CHECKABLE)
            window.addAction(action)  # shortcuts work even when the menu is hidden
            self._by_name[spec.name] = action

    # Actions that change the library or the labels: disabled in a read-only window.
    WRITING = ("add_files", "add_folder", "rescan", "remove_article", "set_outlet", "edit_label",
               "rebuild")  # Undo follows its steps (reader.ui.library.undo)
    CHECKABLE = ("compact_rows", "pin_sort")

    def writing(self) -> list[QAction]:
        return [self._by_name[n] for n in self.WRITING]

    def __getattr__(self, name: str) -> QAction:
        try:
            return self._by_name[name]
        except KeyError:
            raise AttributeError(name) from None

    def build_menus(self, window: QMainWindow, docks: list) -> None:
        """File, Edit, View menus; docks contribute their toggle actions."""
        bar = window.menuBar()
        file_menu = bar.addMenu(window.tr("&File"))
        for name in ("add_files", "add_folder", "rescan"):
            file_menu.addAction(self._by_name[name])
        file_menu.addSeparator()
        file_menu.addAction(self.rename_library)
        file_menu.addSeparator()
        file_menu.addAction(self.export)
        file_menu.addSeparator()
        file_menu.addAction(self.rebuild)
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        edit_menu = bar.addMenu(window.tr("&Edit"))
        edit_menu.addAction(self.undo)
        edit_menu.addSeparator()
        for name in ("find", "next_hit", "prev_hit", "clear_filters"):
            edit_menu.addAction(self._by_name[name])
        view_menu = bar.addMenu(window.tr("&View"))
        for name in ("focus_library", "focus_reader", "focus_entities", "focus_quotes", "focus_stories", "compare"):
            view_menu.addAction(self._by_name[name])
        view_menu.addSeparator()
        for dock in docks:
            view_menu.addAction(dock.toggleViewAction())
        view_menu.addAction(self.reset_layout)
        view_menu.addSeparator()
        for name in ("compact_rows", "sort_relevance", "pin_sort"):
            view_menu.addAction(self._by_name[name])
        view_menu.addSeparator()
        self.view_menu = view_menu  # the theme submenu goes here (reader.ui.window.theme)
        tools_menu = bar.addMenu(window.tr("&Tools"))
        for name in ("edit_label", "set_outlet", "show_in_folder", "remove_article"):
            tools_menu.addAction(self._by_name[name])
        help_menu = bar.addMenu(window.tr("&Help"))
        help_menu.addAction(self.search_help)
        help_menu.addAction(self.about)
