"""The summary of what an import or rescan did: its HTML, and the dialog that shows it.

Loaded when a job reports, not at start-up: creating the ``QDialog`` types costs
a few milliseconds that the first paint does not need.
"""
from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QTextBrowser
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reader.safe_text import isolate

if TYPE_CHECKING:
    from reader.search.indexer import UpdateReport

LIST_LIMIT = 200  # longer lists are cut, with a count of the rest


def _items(paths: Sequence, limit: int = LIST_LIMIT) -> str:
    rows = []
    for item in list(paths)[:limit]:
        if isinstance(item, tuple):
            path, reason = item
            rows.append(f"<li><b>{_text(Path(path).name)}</b> — {_text(str(reason))}"
                        f"<br><small>{_text(str(path))}</small></li>")
        else:
            rows.append(f"<li>{_text(Path(item).name)} <small>{_text(str(Path(item).parent))}"
                        f"</small></li>")
    more = len(paths) - limit
    tail = f"<li><i>… and {more} more</i></li>" if more > 0 else ""
    return "<ul>" + "".join(rows) + tail + "</ul>"


def _text(value: str) -> str:
    """A file name or reason inside the report: escaped, its bidi scopes sealed off."""
    return html.escape(isolate(value))


def report_html(report: UpdateReport) -> str:
    """What a job did, section by section: added, updated, skipped (with why), warnings."""
    parts = [f"<p><b>{html.escape(report.summary())}</b></p>"]
    if report.cancelled:
        parts.append("<p>Cancelled: the articles listed as added are in the library; "
                     "the rest were not read.</p>")
    sections = (("Added", report.added), ("Updated", report.updated),
                ("Not added", report.skipped), ("Dropped from the library", report.dropped),
                ("Kept as stored", report.kept), ("Warnings", report.warnings))
    for title, items in sections:
        if items:
            parts.append(f"<h4>{title} ({len(items)})</h4>" + _items(items))
    if report.unchanged:
        parts.append(f"<p>{len(report.unchanged)} unchanged (already in the library).</p>")
    return "".join(parts)


class ReportDialog(QDialog):
    """Non-modal summary of an import or rescan."""

    def __init__(self, title: str, report: UpdateReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importSummary")
        self.setWindowTitle(title)
        self.setModal(False)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setAccessibleName("Import summary")
        self.browser.setHtml(report_html(report))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(560, 420)
