"""The quotes dock: a filter (speaker, outlet, words) and a direct / indirect / all choice
over the lazy, sortable statements table."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QWidget

from reader.ui.plain_text import plain_label
from reader.ui.plain_text import set_plain
from reader.ui.plain_text import tooltip
from reader.ui.quotes.model import SYNC_ROWS
from reader.ui.quotes.model import QuotesModel
from reader.ui.quotes.model import QuotesProxy
from reader.ui.views import filtered_table_layout
from reader.ui.views import quotes_view

FIELDS = (("Anywhere", "all"), ("Speaker", "speaker"), ("Outlet", "outlet"), ("Quote text", "text"))
KIND_CHOICES = (("All statements", ""), ("Direct (quoted words)", "direct"),
                ("Indirect (reported speech)", "indirect"))


class QuotesPanel(QWidget):
    """Filter box, the field it looks in, and the table; the model arranges rows itself.
    ``title_changed`` says what the dock's title should be ("Quotes — 49 from 5 articles")."""

    title_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = QuotesModel(self)
        self.proxy = QuotesProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter quotes by speaker, outlet or words"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Filter quotes")
        self.field_box = QComboBox()
        self.field_box.setAccessibleName("Filter quotes by")
        for label, value in FIELDS:
            self.field_box.addItem(self.tr(label), value)
        self.kind_box = QComboBox()
        self.kind_box.setObjectName("quoteKindBox")
        self.kind_box.setAccessibleName("Statement kind")
        self.kind_box.setToolTip(tooltip(
            "Direct: quotations, and reported clauses that hold quoted words. "
            "Indirect: reported speech without quotation marks."))
        for label, value in KIND_CHOICES:
            self.kind_box.addItem(self.tr(label), value)
        self.kind_box.currentIndexChanged.connect(lambda _i: self.model.set_kind_filter(self.kind()))
        self.count_label = plain_label()
        self.count_label.setObjectName("quoteCountLabel")
        self.count_label.setAccessibleName("Statements by kind")
        self.status = plain_label()
        self.status.setAccessibleName("Quotes status")
        self.view = quotes_view(self.proxy)
        self.filter_edit.textChanged.connect(lambda _t: self._apply_filter())
        self.field_box.currentIndexChanged.connect(lambda _i: self._apply_filter())
        self.model.arranging.connect(self._busy)
        self.model.modelReset.connect(self._retitle)
        filtered_table_layout(self, self.view, self.filter_edit, self.field_box, self.kind_box,
                              self.count_label, self.status)

    def _apply_filter(self) -> None:
        self.model.set_filter(self.filter_edit.text(), self.field_box.currentData() or "all")

    def show_speaker(self, name: str) -> None:
        """Only this speaker's quotes (the entities panel's "Show quotes by …")."""
        self.field_box.setCurrentIndex(self.field_box.findData("speaker"))
        self.filter_edit.setText(name)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_kind(self, choice: str) -> None:
        """Show ``""`` (all), ``"direct"`` or ``"indirect"`` statements."""
        self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(choice)))

    def kind(self) -> str:
        return self.kind_box.currentData() or ""

    def _count_kinds(self) -> None:
        """How many statements have quoted words and how many are reported: said for a
        result set small enough to read at once (a big one is read lazily, as shown)."""
        counted = self.model.kind_counts()  # by the panels' worker
        if counted is None and self.model.total() > SYNC_ROWS:
            set_plain(self.count_label, "")
            return
        if counted is None:
            rows = self.model.all_rows()
            direct = sum(r.kind in ("direct", "mixed") for r in rows)
            counted = (direct, len(rows) - direct)
        set_plain(self.count_label, self.tr("%1 direct, %2 indirect").replace("%1", str(counted[0]))
                  .replace("%2", str(counted[1])))

    def _retitle(self) -> None:
        self._count_kinds()
        n, sources = self.model.rowCount(), self.model.articles()
        self.title_changed.emit(self.tr("Quotes — %1 from %2 %3").replace("%1", f"{n:,}").replace(
            "%2", f"{sources:,}").replace("%3", self.tr("article") if sources == 1 else self.tr("articles")))

    def _busy(self, on: bool) -> None:
        self.status.setText(self.tr("sorting…") if on else "")
