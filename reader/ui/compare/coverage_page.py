"""Coverage of the selection: one row per outlet with its label, owner, kinds, dates and voices."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reader.ui.compare.tables import CoverageModel
from reader.ui.compare.widgets import table
from reader.ui.palette import bias_colours
from reader.ui.table_model import SourceSortProxy
from reader.ui.plain_text import rich_label


class CoveragePage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CoverageModel(self)
        self.model.chip_colours = lambda token: bias_colours(token, self.palette())
        self.proxy = SourceSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = table(self.proxy, "coverageView", "Coverage by outlet")
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        self.note = rich_label(QLabel())  # our own words only
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.note)

    def _size_columns(self) -> None:
        """Widths from the header texts and the first rows, once (measuring every row of
        500 outlets at each layout, as ResizeToContents does, took half a second)."""
        fm = self.fontMetrics()
        model = self.model
        sample = range(min(model.rowCount(), 40))
        for col, head in enumerate(CoverageModel.HEADERS):
            texts = [head] + [str(model.index(r, col).data() or "") for r in sample]
            width = max(fm.horizontalAdvance(t) for t in texts) + 18
            self.view.horizontalHeader().resizeSection(col, min(width, fm.horizontalAdvance("m") * 28))

    def set_comparison(self, comparison) -> None:
        self.model.set_coverage(comparison.coverage, comparison.voices)
        self._size_columns()
        self.note.setText(self.tr(
            "Labels and owners come from the outlet registry (hover an outlet for who rated it and when; "
            "Tools ▸ Edit Outlet Label changes one). <i>Unnamed or vague</i>: statements by a source "
            "nobody is named for (“officials said”). <i>Officials only</i>: every statement the outlet "
            "carries is by an official; <i>of one side</i>: and all of them speak for the same country "
            "or body."))
