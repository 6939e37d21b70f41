"""Shared words: each group's members, the longest version first, each drawn against it."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reader.compare.html import DiffColours
from reader.compare.html import legend_html
from reader.compare.html import pieces_html
from reader.ui.compare.delegates import HtmlDelegate
from reader.ui.compare.tables import SharedModel
from reader.ui.compare.widgets import table
from reader.ui.palette import ink
from reader.ui.palette import tint
from reader.ui.table_model import SourceSortProxy
from reader.ui.plain_text import plain_label
from reader.ui.plain_text import rich_label

ADDED_HUE, REMOVED_HUE, SHARED_HUE = 120, 0, 48


def _between(a: QColor, b: QColor, share: float) -> str:
    return QColor.fromRgbF(a.redF() + (b.redF() - a.redF()) * share, a.greenF() + (b.greenF() - a.greenF()) * share,
                           a.blueF() + (b.blueF() - a.blueF()) * share).name()


def diff_colours(palette: QPalette) -> DiffColours:
    """The diff's colours from the window's palette (light and dark themes)."""
    text, base = palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base)
    return DiffColours(text=text.name(), muted=_between(text, base, 0.58),
                       added_bg=tint(ADDED_HUE, palette).name(), added_fg=ink(ADDED_HUE, palette).name(),
                       removed_fg=ink(REMOVED_HUE, palette).name(), shared_bg=tint(SHARED_HUE, palette).name())


class SharedPage(QWidget):
    """``statement_activated(Statement)`` on a double-click; ``group_chosen(group)`` on a click."""

    statement_activated = Signal(object)
    group_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = SharedModel(self)
        self.model.render = self._render
        self.proxy = SourceSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = table(self.proxy, "sharedView", "Shared words: the same statements in several outlets")
        self.view.setItemDelegateForColumn(SharedModel.COL_WORDS, HtmlDelegate(self.view))
        self.view.setAlternatingRowColors(False)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().lineSpacing() * 3 + 10)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(SharedModel.COL_WORDS, QHeaderView.ResizeMode.Stretch)
        fm = self.fontMetrics()
        header.resizeSection(SharedModel.COL_GROUP, fm.horizontalAdvance("2. Prime Minister Office / Kh") + 12)
        header.resizeSection(SharedModel.COL_OUTLET, fm.horizontalAdvance("Radio Free Europe/Rad") + 12)
        header.resizeSection(SharedModel.COL_SPEAKER, fm.horizontalAdvance("Prime Minister’s Office") + 12)
        header.resizeSection(SharedModel.COL_RELATION, fm.horizontalAdvance("Longest version") + 16)
        self.view.setWordWrap(True)
        self.view.clicked.connect(self._on_clicked)
        self.view.doubleClicked.connect(self._on_double_clicked)
        self.title = plain_label()
        self.title.setObjectName("sharedTitle")
        self.title.setWordWrap(True)
        self.legend = rich_label(QLabel())  # our own words only
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.legend)
        layout.addWidget(self.view, 1)
        self._colours = diff_colours(self.palette())

    def _render(self, member, is_reference: bool) -> str:
        return pieces_html(member.pieces, self._colours, reference=is_reference)

    def set_comparison(self, comparison) -> None:
        self._colours = diff_colours(self.palette())
        self.legend.setText(legend_html(self._colours))
        palette = self.palette()
        self.model.shade = QColor(_between(palette.color(QPalette.ColorRole.Base),
                                           palette.color(QPalette.ColorRole.AlternateBase), 1.0))
        groups = comparison.groups
        self.model.set_groups(groups)
        outlets = {o for g in groups for o in g.outlets}
        if groups:
            self.title.setText(self.tr("%1 statements carried by more than one article, from %2 outlets. "
                                       "Each row shows its words against the group's longest version.")
                               .replace("%1", str(len(groups))).replace("%2", str(len(outlets))))
        else:
            self.title.setText(self.tr("No two articles carry the same words: every outlet quotes its own."))

    def _member(self, index: QModelIndex):
        src = self.proxy.mapToSource(index) if index.model() is self.proxy else index
        return src.data(SharedModel.MemberRole), src.data(SharedModel.GroupRole)

    def _on_clicked(self, index: QModelIndex) -> None:
        _member, group = self._member(index)
        if group is not None:
            self.group_chosen.emit(group)

    def _on_double_clicked(self, index: QModelIndex) -> None:
        member, _group = self._member(index)
        if member is not None:
            self.statement_activated.emit(member.statement)
