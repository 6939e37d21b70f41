"""View ▸ Theme: System, Light or Dark, remembered between runs.

Light and Dark are explicit Fusion palettes, so they look the same on every
desktop (and in headless screenshots); System gives back the style and palette
the application started with. The colour scheme hint is set too, for styles
that follow it. Everything derived from the palette (the article's HTML, the
coverage bar) is rebuilt by the window when the theme changes.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtGui import QActionGroup
from PySide6.QtGui import QColor
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QMenu
from PySide6.QtWidgets import QStyleFactory

from reader.cli.gui_options import THEMES

THEME_TEXT = {"system": "&System", "light": "&Light", "dark": "&Dark"}
_started_with: dict[str, object] = {}  # the style name and palette before any theme was applied


def dark_palette() -> QPalette:
    """A dark Fusion palette with readable disabled text and links."""
    p = QPalette()
    roles = QPalette.ColorRole
    colours = {roles.Window: "#2b2b2e", roles.WindowText: "#e6e6e6", roles.Base: "#1e1e20",
               roles.AlternateBase: "#262629", roles.ToolTipBase: "#3a3a3e", roles.ToolTipText: "#f0f0f0",
               roles.PlaceholderText: "#9a9aa0", roles.Text: "#e6e6e6", roles.Button: "#333337",
               roles.ButtonText: "#e6e6e6", roles.BrightText: "#ff6b6b", roles.Link: "#8ab4f8",
               roles.LinkVisited: "#c58af9", roles.Highlight: "#3d6fb4", roles.HighlightedText: "#ffffff",
               roles.Light: "#4a4a4f", roles.Midlight: "#3c3c40", roles.Mid: "#2f2f33",
               roles.Dark: "#18181a", roles.Shadow: "#000000"}
    for role, colour in colours.items():
        p.setColor(role, QColor(colour))
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a80"))
    return p


def light_palette() -> QPalette:
    fusion = QStyleFactory.create("Fusion")
    return fusion.standardPalette() if fusion is not None else QPalette()


def apply_theme(app: QApplication, name: str) -> str:
    """Switch the application to ``name`` (system, light or dark); returns the name applied."""
    name = name if name in THEMES else "system"
    if not _started_with:
        _started_with.update(style=app.style().name(), palette=QPalette(app.palette()))
    hints = app.styleHints()
    if name == "system":
        if hasattr(hints, "unsetColorScheme"):
            hints.unsetColorScheme()
        app.setStyle(str(_started_with["style"]))
        app.setPalette(_started_with["palette"])
        return name
    if hasattr(hints, "setColorScheme"):
        hints.setColorScheme(Qt.ColorScheme.Dark if name == "dark" else Qt.ColorScheme.Light)
    app.setStyle("Fusion")
    app.setPalette(dark_palette() if name == "dark" else light_palette())
    return name


class ThemeMenu(QObject):
    """The View ▸ Theme submenu; ``changed(name)`` is called after a switch (the window re-renders)."""

    def __init__(self, menu: QMenu, current: str, save: Callable[[str], None],
                 changed: Callable[[str], None]) -> None:
        super().__init__(menu)
        self.menu = menu.addMenu(self.tr("&Theme"))
        self.menu.setObjectName("themeMenu")
        self._save, self._changed = save, changed
        self.group = QActionGroup(self)
        self.group.setExclusive(True)
        self.actions: dict[str, QAction] = {}
        for name in THEMES:
            action = self.menu.addAction(self.tr(THEME_TEXT[name]))
            action.setObjectName(f"action_theme_{name}")
            action.setCheckable(True)
            action.setChecked(name == current)
            action.triggered.connect(lambda _on=False, n=name: self.choose(n))
            self.group.addAction(action)
            self.actions[name] = action

    def choose(self, name: str) -> None:
        """Apply and remember ``name``."""
        name = apply_theme(QApplication.instance(), name)
        self.actions[name].setChecked(True)
        self._save(name)
        self._changed(name)
