"""Article text in Qt widgets: always shown as the text it is, never read as markup.

Qt guesses: a tooltip, a label or a message box whose text looks like HTML
(``Budget <img src="/dev/zero"> vote``) is rendered as rich text, and an
``<img>`` in it is loaded from disk. Every string that comes from an article,
a file name, the settings or an exception goes through one of these:

* ``tooltip(text)`` for ``setToolTip`` and a model's ``ToolTipRole``: Qt offers
  no plain-text switch for tooltips, so the text is escaped into rich text of
  our own (and shortened: a tooltip is not a reader);
* ``plain_label(...)`` / ``set_plain(label, text)`` for labels, which are made
  ``Qt.PlainText`` once;
* ``message_box(...)`` for dialogs, whose labels are all made plain text;
* ``button_text(text)`` for buttons and actions, where ``&`` marks a shortcut.

Bidi controls are neutralised on the way (``reader.safe_text``), so a
right-to-left override in a title reorders nothing around it.
``tests/test_plain_text.py`` fails when a widget or model bypasses these.
"""
from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QWidget

from reader.safe_text import neutral_bidi
from reader.safe_text import one_line

if TYPE_CHECKING:  # dialogs load their classes when shown
    from PySide6.QtWidgets import QMessageBox

TOOLTIP_LIMIT = 2000  # characters; a longer text is cut with an ellipsis
SHORT_TOOLTIP = 70  # characters shown on one line; longer tooltips wrap at TOOLTIP_WIDTH
TOOLTIP_WIDTH = 420  # pixels
RICH_PROPERTY = "parallaxRichText"  # set on a label whose markup is ours alone (tests check the rest)


def tooltip(text: str | None) -> str:
    """``text`` as a tooltip that shows exactly these characters ("" for no tooltip)."""
    if not text:
        return ""
    text = str(text)
    if len(text) > TOOLTIP_LIMIT:
        text = text[:TOOLTIP_LIMIT] + "…"
    body = html.escape(neutral_bidi(text), quote=False)
    if len(text) <= SHORT_TOOLTIP and "\n" not in text:
        return f"<p style='white-space:pre'>{body}</p>"  # one line, as a plain tooltip would be
    # Qt wraps a rich tooltip at about 230 px; a table gives long ones room
    return f"<table width={TOOLTIP_WIDTH}><tr><td>{body.replace(chr(10), '<br>')}</td></tr></table>"


def set_plain(label: QLabel, text: str | None) -> None:
    """Show ``text`` in ``label`` as plain text."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(neutral_bidi(str(text or "")))


def plain_label(text: str | None = "", parent: QWidget | None = None) -> QLabel:
    """A label that never reads its text as markup."""
    label = QLabel(parent)
    set_plain(label, text)
    return label


def rich_label(label: QLabel) -> QLabel:
    """Mark a label whose rich text is built from escaped parts only (the About box, the help)."""
    label.setProperty(RICH_PROPERTY, True)
    return label


def button_text(text: str | None) -> str:
    """A button's or action's text: one line, ``&`` shown rather than taken as a shortcut."""
    return one_line(str(text or "")).replace("&", "&&")


def message_box(icon: QMessageBox.Icon, title: str, text: str, parent: QWidget | None = None,
                informative: str = "", details: str = "") -> QMessageBox:
    """A message box whose every text is plain (window title, text, informative text, details)."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(icon, one_line(title), neutral_bidi(text), QMessageBox.StandardButton.NoButton, parent)
    if informative:
        box.setInformativeText(neutral_bidi(informative))
    if details:
        box.setDetailedText(details)
    make_plain(box)
    return box


def make_plain(box: QWidget) -> None:
    """Every label inside ``box`` (a message box built elsewhere) shows plain text."""
    if hasattr(box, "setTextFormat"):
        box.setTextFormat(Qt.TextFormat.PlainText)
    for label in box.findChildren(QLabel):
        if not label.property(RICH_PROPERTY):
            label.setTextFormat(Qt.TextFormat.PlainText)
