"""Voices: the speaker × outlet table, the outlets' flags, and the statements of a clicked cell."""
from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QSplitter
from PySide6.QtWidgets import QStyledItemDelegate
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reader.ui.compare.delegates import SpeakerDelegate
from reader.ui.compare.delegates import VoiceCellDelegate
from reader.ui.compare.voices_model import StatementsModel
from reader.ui.compare.voices_model import VoicesModel
from reader.ui.compare.voices_model import VoicesProxy
from reader.ui.compare.widgets import OutletHeader
from reader.ui.compare.widgets import table
from reader.ui.plain_text import rich_label


class VoicesPage(QWidget):
    """``statement_activated(Statement)`` on a double-click; ``speaker_chosen(key, name)`` when a
    row is picked; ``mentions_requested(name)`` for the speaker's concordance."""

    statement_activated = Signal(object)
    speaker_chosen = Signal(str, str)
    mentions_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.comparison = None
        self.model = VoicesModel(self)
        self.proxy = VoicesProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = table(self.proxy, "voicesView", "Voices: speakers by outlet")
        self.view.setSortingEnabled(False)
        self.view.setHorizontalHeader(OutletHeader(self.view))
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.DescendingOrder)
        self.view.setSortingEnabled(True)  # in the model's order (most statements first) until a click
        self.view.horizontalHeader().setSortIndicatorShown(True)
        self.view.horizontalHeader().setSectionsClickable(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setAlternatingRowColors(False)
        self.view.setShowGrid(True)
        self.cells = VoiceCellDelegate(self.view)
        self.view.setItemDelegate(self.cells)
        self.view.setItemDelegateForColumn(VoicesModel.COL_SPEAKER, SpeakerDelegate(self.view))
        self.view.setItemDelegateForColumn(VoicesModel.COL_TOTAL, QStyledItemDelegate(self.view))
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() * 2 + 10)
        self.view.clicked.connect(self._on_clicked)
        self.view.doubleClicked.connect(self._on_double_clicked)
        self.summary = rich_label(QLabel())  # _summary_html escapes every name
        self.summary.setObjectName("voicesSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.statements = StatementsModel(self)
        self.statements_view = table(self.statements, "statementsView", "Statements of the chosen voice")
        header = self.statements_view.horizontalHeader()
        header.setSectionResizeMode(StatementsModel.COL_TEXT, QHeaderView.ResizeMode.Stretch)
        fm = self.fontMetrics()
        for col, sample in ((StatementsModel.COL_OUTLET, "Radio Free Europe"), (StatementsModel.COL_SPEAKER, "Khalid Hameed Farooqi"),
                            (StatementsModel.COL_KIND, "partly quoted"), (StatementsModel.COL_ARTICLE, "m" * 18)):
            header.resizeSection(col, fm.horizontalAdvance(sample) + 16)
        self.statements_view.doubleClicked.connect(self._on_statement)
        self.statements_view.activated.connect(self._on_statement)
        self.statements_title = QLabel(self.tr("Click a cell to list what that outlet quotes of that speaker."))
        self.statements_title.setObjectName("statementsTitle")
        self.mentions_button = QPushButton(self.tr("Mentions by outlet…"))
        self.mentions_button.setToolTip(self.tr("Every mention of this speaker, outlet by outlet (KWIC)"))
        self.mentions_button.setEnabled(False)
        self.mentions_button.clicked.connect(self._on_mentions)
        self._chosen_name = ""
        self._sized = False
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 4, 0, 0)
        bar = QHBoxLayout()
        bar.addWidget(self.statements_title, 1)
        bar.addWidget(self.mentions_button)
        lower_layout.addLayout(bar)
        lower_layout.addWidget(self.statements_view, 1)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.view, 1)
        upper_layout.addWidget(self.summary)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(upper)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    def set_comparison(self, comparison) -> None:
        self.comparison = comparison
        cov = {o.outlet: o for o in comparison.coverage.outlets}
        heads = {o: (cov[o].chip, cov[o].token, self._head_tip(cov[o], comparison.voices.by_outlet.get(o)))
                 for o in comparison.voices.outlets if o in cov}
        self.cells.most_words = max((c.words for r in comparison.voices.rows for c in r.cells.values()), default=1)
        self.model.set_voices(comparison.voices, heads)
        self.statements.title_of = lambda path: (comparison.article(path).title if comparison.article(path) else "")
        self.statements.set_rows([])
        self.statements_title.setText(self.tr("Click a cell to list what that outlet quotes of that speaker."))
        self.mentions_button.setEnabled(False)
        self._size_columns()
        self.summary.setText(self._summary_html(comparison))

    STRETCH_OUTLETS = 8  # up to this many outlet columns share the width; more scroll

    def _size_columns(self) -> None:
        header = self.view.horizontalHeader()
        fm = self.fontMetrics()
        outlets = range(VoicesModel.FIRST_OUTLET, self.model.columnCount())
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        if len(outlets) <= self.STRETCH_OUTLETS:  # a few outlets share the width
            for col in outlets:
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        else:  # hundreds: one default width, not one call per column
            header.setDefaultSectionSize(fm.horizontalAdvance("Radio Free Europe/") + 12)
        header.resizeSection(VoicesModel.COL_SPEAKER, fm.horizontalAdvance("Khalid Hameed Farooqi") + 40)
        header.resizeSection(VoicesModel.COL_TOTAL, fm.horizontalAdvance("Total") + 24)
        if not self._sized:
            self._sized = True
            self.splitter.setSizes([3 * max(1, self.height()) // 4, max(1, self.height()) // 4])

    @staticmethod
    def _head_tip(oc, v) -> str:
        lines = [oc.tooltip]
        if v is not None:
            lines.append(f"{v.articles} article(s): {v.statements} statements by {v.voices} voices "
                         f"({v.named_voices} named), {v.vague} by unnamed or vague sources.")
            lines += [f"⚑ {flag}" for flag in v.flags]
        return "\n".join(lines)

    def _summary_html(self, comparison) -> str:
        parts = []
        for outlet, v in comparison.voices.by_outlet.items():
            if not v.articles:
                continue
            text = (f"<b>{html.escape(outlet)}</b>: {v.statements} statements, {v.named_voices} named "
                    f"voice{'s' if v.named_voices != 1 else ''}")
            if v.vague:
                text += f", {v.vague} unnamed or vague"
            if v.flags:
                text += " — <span style='color:#b3261e'>⚑ " + html.escape("; ".join(v.flags)) + "</span>"
            parts.append(text)
        legend = (self.tr("■ quoted statement · □ reported statement · the deeper the blue, the more words "
                          "quoted · <i>named, not quoted</i>: the outlet mentions the speaker but lets them "
                          "say nothing"))
        return " &nbsp;·&nbsp; ".join(parts[:12]) + (" …" if len(parts) > 12 else "") + "<br>" + legend

    # -- interaction -----------------------------------------------------------------
    def _source(self, index: QModelIndex) -> QModelIndex:
        return self.proxy.mapToSource(index) if index.model() is self.proxy else index

    def _on_clicked(self, index: QModelIndex) -> None:
        src = self._source(index)
        row = src.data(VoicesModel.RowRole)
        if row is None or self.comparison is None:
            return
        outlet = self.model.outlet_of(src.column())
        if outlet:
            cell = self.model.cell_of(row, outlet)
            ids = cell.statements if cell is not None else []
            where = self.model.label(outlet)
            title = self.tr("%1 in %2: %3 statement(s)").replace("%1", row.name).replace("%2", where) \
                .replace("%3", str(len(ids)))
            if not ids:
                title = (self.tr("%1 names %2 but does not quote them.") if self.model.mentioned(row, outlet)
                         else self.tr("%1 does not quote %2.")).replace("%1", where).replace("%2", row.name)
        else:
            ids = [i for c in row.cells.values() for i in c.statements]
            title = self.tr("%1 in every outlet: %2 statement(s)").replace("%1", row.name).replace("%2", str(len(ids)))
        self.statements.set_rows(self.comparison.statement_list(ids))
        self.statements_title.setText(title)
        self._chosen_name = row.name
        self.mentions_button.setEnabled(not row.vague)
        self.speaker_chosen.emit(row.key, row.name)

    def _on_double_clicked(self, index: QModelIndex) -> None:
        self._on_clicked(index)
        if self.statements.rowCount():
            self.statement_activated.emit(self.statements.row_at(0))

    def _on_statement(self, index: QModelIndex) -> None:
        st = index.data(StatementsModel.StatementRole)
        if st is not None:
            self.statement_activated.emit(st)

    def _on_mentions(self) -> None:
        if self._chosen_name:
            self.mentions_requested.emit(self._chosen_name)

    def cell_index(self, speaker: str, outlet: str) -> QModelIndex:
        """The view index of a speaker's cell in an outlet's column (tests, keyboard users)."""
        col = VoicesModel.FIRST_OUTLET + self.model.outlets.index(outlet) if outlet else VoicesModel.COL_SPEAKER
        for r in range(self.model.rowCount()):
            if self.model.row_at(r).name == speaker:
                return self.proxy.mapFromSource(self.model.index(r, col))
        return QModelIndex()

