"""The quotes dock's contents: a direct / indirect / all choice above the statements table.

The panel only shows and filters; what a click opens is wired by the window.
"""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reader.ui.plain_text import plain_label, set_plain, tooltip
from reader.ui.quotes.model import QuotesModel
from reader.ui.quotes.model import QuotesProxy
from reader.ui.views import quotes_view

KIND_CHOICES = (("All statements", ""), ("Direct (quoted words)", "direct"),
                ("Indirect (reported speech)", "indirect"))


class QuotesPanel(QWidget):
    """Kind choice, a count of what it shows, and the sortable statements table."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = QuotesModel(self)
        self.proxy = QuotesProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = quotes_view(self.proxy)
        self.kind_box = QComboBox()
        self.kind_box.setObjectName("quoteKindBox")
        self.kind_box.setAccessibleName("Statement kind")
        self.kind_box.setToolTip(tooltip(
            "Direct: quotations, and reported clauses that hold quoted words. "
            "Indirect: reported speech without quotation marks."))
        for label, value in KIND_CHOICES:
            self.kind_box.addItem(self.tr(label), value)
        self.kind_box.currentIndexChanged.connect(lambda _i: self._on_kind())
        self.count_label = plain_label()
        self.count_label.setObjectName("quoteCountLabel")
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.kind_box)
        top.addWidget(self.count_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self.model.modelReset.connect(self._update_count)

    def set_kind(self, choice: str) -> None:
        """Show ``""`` (all), ``"direct"`` or ``"indirect"`` statements."""
        self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(choice)))

    def kind(self) -> str:
        return self.kind_box.currentData() or ""

    def _on_kind(self) -> None:
        self.model.set_kind_filter(self.kind())

    def _update_count(self) -> None:
        rows = self.model.all_rows()
        direct = sum(r.kind in ("direct", "mixed") for r in rows)
        set_plain(self.count_label, self.tr("%1 direct, %2 indirect").replace("%1", str(direct))
                  .replace("%2", str(len(rows) - direct)))
