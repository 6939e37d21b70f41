"""“Did you mean pipeline?” in the status line: a link that runs the corrected query.

The suggestion is the search's own (``reader.search.suggest``, the same one
``parallax search --json`` reports); this only shows it and, on a click or
Enter, types the corrected words into the search field and searches.
"""
from __future__ import annotations

import html

from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QMainWindow

from reader.safe_text import one_line
from reader.search.suggest import corrected
from reader.ui.plain_text import rich_label
from reader.ui.plain_text import tooltip


class SuggestionLink(QObject):
    """The status bar's spelling suggestion for the shown result set (hidden when there is none)."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.query = ""  # the corrected text the link runs ("" when hidden)
        self.label = rich_label(QLabel())  # our markup; the query in it is escaped
        self.label.setObjectName("spellingSuggestion")
        self.label.setAccessibleName("Spelling suggestion")
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                           | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.label.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.label.linkActivated.connect(lambda _href: self.run())
        self.label.setVisible(False)
        window.statusBar().addWidget(self.label)
        window.controller.results_changed.connect(self.update)  # a new list: no suggestion yet
        window.controller.panels_changed.connect(self.update)  # which the panels' step brings

    def update(self) -> None:
        c = self.window.controller
        result = c.result
        suggestion = result.matches.suggestion if result is not None else ""
        self.query = corrected(self.window.search_edit.text(), c.query, suggestion) if suggestion else ""
        if self.query.strip() == self.window.search_edit.text().strip():
            self.query = ""
        shown = html.escape(one_line(self.query))
        self.label.setText(self.tr("Did you mean <a href=\"suggestion\">%1</a>?").replace("%1", shown)
                           if self.query else "")
        self.label.setToolTip(tooltip(self.tr("Search for “%1” instead").replace("%1", one_line(self.query))))
        self.label.setVisible(bool(self.query))

    def run(self) -> None:
        """Search for the corrected query (what a click on the link does)."""
        if self.query:
            self.window.set_query(self.query)
