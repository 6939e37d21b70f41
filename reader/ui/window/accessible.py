"""Every widget a user can focus has an accessible name (what a screen reader says).

Most widgets are named where they are built; this fills in the rest from what
they show: a button's text, a tab widget's or tab bar's tabs, a combo box's
choices list after its box. It runs on the window when it is built and again
when a lazily built page (Compare) first appears. ``tests`` walk the window.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QTabBar
from PySide6.QtWidgets import QTabWidget
from PySide6.QtWidgets import QWidget

from reader.safe_text import one_line


def focusable(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget) if w.focusPolicy() != Qt.FocusPolicy.NoFocus]


def _derived(widget: QWidget) -> str:
    if isinstance(widget, QAbstractButton) and widget.text():
        return one_line(widget.text().replace("&&", "\0").replace("&", "").replace("\0", "&"))
    if isinstance(widget, QTabWidget):
        tabs = ", ".join(widget.tabText(i).replace("&", "") for i in range(widget.count()))
        return f"Pages: {tabs}" if tabs else "Pages"
    if isinstance(widget, QTabBar):
        owner = widget.parentWidget()
        owner_name = owner.accessibleName() if owner is not None else ""
        return f"{owner_name} tabs" if owner_name else "Tabs"
    combo = widget.parentWidget()
    while combo is not None and not isinstance(combo, QComboBox):
        combo = combo.parentWidget()
    if isinstance(combo, QComboBox):
        return f"{combo.accessibleName() or 'Choices'} list"
    if widget.toolTip():
        return one_line(widget.toolTip())[:80]
    return widget.objectName() or type(widget).__name__


def name_unnamed(root: QWidget) -> int:
    """Give each focusable widget under ``root`` without an accessible name one; how many."""
    named = 0
    for widget in sorted(focusable(root), key=lambda w: isinstance(w, QTabBar)):  # tab widgets first
        if not widget.accessibleName():
            widget.setAccessibleName(_derived(widget))
            named += 1
    return named
