"""The window features of issue 21, installed on a built main window in one call.

``main_window.py`` only calls ``install_features``; each feature lives in its
own module and is reached as an attribute of the window (``window.undo``,
``window.title``…).
"""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMainWindow

from reader.outlet_names import short_name
from reader.outlet_overrides import default_registry
from reader.ui.library.file_actions import FileActions
from reader.ui.library.column_fit import ColumnFit
from reader.ui.library.row_mode import RowMode
from reader.ui.library.snippet_loader import SnippetLoader
from reader.ui.library.sort_order import SortOrder
from reader.ui.library.suggestion import SuggestionLink
from reader.ui.library.undo import UndoHistory
from reader.ui.views import set_library_row_lines
from reader.ui.window.accessible import name_unnamed
from reader.ui.window.layout import fit_docks
from reader.ui.window.theme import ThemeMenu
from reader.ui.window.title import WindowTitle


def install_features(window: QMainWindow) -> None:
    window.theme_override = ""  # --theme: this run only
    window.title = WindowTitle(window)
    window.undo = UndoHistory(window)
    window.files = FileActions(window)
    window.rows = RowMode(window)
    window.sort_order = SortOrder(window)
    window.columns = ColumnFit(window)
    window.theme_menu = ThemeMenu(window.actions.view_menu, window.settings.theme,
                                  _save_theme(window),
                                  lambda _name: QTimer.singleShot(0, lambda: rerender(window)))
    window.library_model.short_outlet = _short_outlets()
    c = window.controller
    window.snippets = SnippetLoader(window.library_view, window.library_model, lambda: c.result, c.views, window)
    window.suggestion = SuggestionLink(window)
    c.results_changed.connect(lambda: _snippet_lines(window))  # after the window's own handler
    fit_docks(window)
    name_unnamed(window)
    window.tabs.currentChanged.connect(lambda _i: QTimer.singleShot(0, lambda: name_unnamed(window)))


def _snippet_lines(window: QMainWindow) -> None:
    """Rows reserve a snippet line only when the result's hits have snippets (not for
    ``outlet:dw`` or a date range alone)."""
    result = window.controller.result
    with_snippets = result is not None and result.matches.has_snippets and window.library_model.rowCount() > 0
    set_library_row_lines(window.library_view, with_snippets)
    window.snippets.fit_rows()  # the best hits' snippets came with the list


def _save_theme(window: QMainWindow):
    def save(name: str) -> None:
        window.settings.theme = name
        window.theme_override = ""
    return save


def _short_outlets():
    """outlet name -> short name, asked while painting: until the registry has been read
    (after the first paint, for the coverage bar) the full name is elided instead."""
    known: dict[str, str] = {}

    def short(name: str) -> str:
        if name in known:
            return known[name]
        registry = default_registry()
        if not name or not registry.is_loaded():
            return ""
        if len(known) > 4096:
            known.clear()
        known[name] = short_name(registry.resolve(name=name)) or ""
        return known[name]
    return short


def rerender(window: QMainWindow) -> None:
    """After a theme change (once the widgets have the new palette): what was built from
    the old palette is built again."""
    view = window.reading_view
    if view.article is not None:
        window.open_article(view.article.path, view.selected_quote)
    window.labels.update_coverage()
    window.library_view.viewport().update()
