"""Side by side: two to four articles in columns, one speaker, entity or group highlighted in all."""
from __future__ import annotations

from urllib.parse import unquote

from PySide6.QtCore import QStringListModel
from PySide6.QtCore import QTimer
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QSplitter
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reader.compare.html import column_head_html
from reader.compare.side import MAX_COLUMNS, Target, column, default_picks, marks
from reader.ui.compare.locate_view import find_occurrence, highlight, quote_cursor, scroll_to
from reader.ui.compare.tables import PickModel
from reader.ui.compare.widgets import table
from reader.ui.palette import bias_colours
from reader.ui.palette import ink
from reader.ui.palette import tint
from reader.ui.reading.view import ArticleBrowser
from reader.ui.plain_text import tooltip
from reader.ui.plain_text import plain_label
from reader.ui.plain_text import rich_label

MARK_HUE = 48


class ArticleColumn(QWidget):
    """One article: its head (links to entities and speakers) above its text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = ""
        self.article = None
        self.head = rich_label(QLabel())  # column_head_html escapes every field
        self.head.setObjectName("columnHead")
        self.head.setWordWrap(True)
        self.head.setTextFormat(Qt.TextFormat.RichText)
        self.head.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                          | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.status = plain_label()
        self.status.setObjectName("columnStatus")
        self.browser = ArticleBrowser()
        self.browser.setAccessibleName("Article text, side by side")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 0, 2, 0)
        layout.addWidget(self.head)
        layout.addWidget(self.status)
        layout.addWidget(self.browser, 1)

    def show_article(self, art, head_html: str, body_html: str) -> None:
        self.path, self.article = art.path, art
        self.head.setText(head_html)
        self.browser.setHtml(body_html)
        self.status.setText("")


class SidePage(QWidget):
    """``entity_requested(name)`` when an entity is clicked in a column head;
    ``render_requested(paths)`` asks the workspace for the columns' HTML (made off the GUI thread)."""

    entity_requested = Signal(str)
    render_requested = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.comparison = None
        self.target: Target | None = None
        self.picks = PickModel(self)
        self.picks.picked_changed.connect(self._on_picked)
        self.picker = table(self.picks, "sidePicker", "Articles to show side by side")
        self.picker.horizontalHeader().setStretchLastSection(True)
        self.picker.setWordWrap(False)
        self.picker_title = QLabel(self.tr("Tick two to four articles:"))
        self.highlight_model = QStringListModel(self)
        self._targets: list[Target | None] = [None]
        self.highlight_box = QComboBox()
        self.highlight_box.setModel(self.highlight_model)
        self.highlight_box.setObjectName("highlightBox")
        self.highlight_box.setAccessibleName("Highlight in every column")
        self.highlight_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.highlight_box.setMinimumContentsLength(24)
        self.highlight_box.currentIndexChanged.connect(self._on_highlight_box)
        self.columns_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.columns_splitter.setChildrenCollapsible(False)
        self.columns: list[ArticleColumn] = []
        self.message = plain_label()
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Highlight:")))
        bar.addWidget(self.highlight_box)
        bar.addWidget(self.message, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.picker_title)
        left_layout.addWidget(self.picker, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(bar)
        right_layout.addWidget(self.columns_splitter, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([self.fontMetrics().horizontalAdvance("m") * 16, 1000])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.rendered: dict[str, str] = {}  # path -> body HTML, as rendered for this comparison
        self._pending: list[tuple[ArticleColumn, str]] = []  # columns still to fill

    # -- feeding ---------------------------------------------------------------------
    def set_comparison(self, comparison) -> None:
        self.comparison = comparison
        self.rendered = {}
        self.target = None
        for col in self.columns:  # refilled from this comparison
            col.path = ""
        self.picks.set_articles(comparison.articles, default_picks(comparison.articles, 3))
        self._fill_highlights()
        self._on_picked()

    def pick(self, paths: list[str]) -> None:
        """Show these articles (two to four of the compared ones)."""
        self.picks.picked = [p for p in paths if self.comparison and self.comparison.article(p)][:MAX_COLUMNS]
        self.picks.set_rows(self.comparison.articles if self.comparison else [])
        self._on_picked()

    def _on_picked(self) -> None:
        missing = [p for p in self.picks.picked if p not in self.rendered]
        if missing:
            self.message.setText(self.tr("Preparing the columns…"))
            self.render_requested.emit(missing)
        else:
            self._show_columns()

    def add_rendered(self, rendered: dict[str, str]) -> None:
        """The columns' body HTML, made on a worker."""
        self.rendered.update(rendered)
        if all(p in self.rendered for p in self.picks.picked):
            self._show_columns()

    def _show_columns(self) -> None:
        picked = [p for p in self.picks.picked if self.comparison.article(p) is not None]
        self.message.setText("" if len(picked) >= 2 else self.tr("Tick at least two articles on the left."))
        while len(self.columns) < len(picked):
            col = ArticleColumn()
            col.head.linkActivated.connect(self._on_link)
            self.columns.append(col)
            self.columns_splitter.addWidget(col)
        for n, col in enumerate(self.columns):
            col.setVisible(n < len(picked))
        self.columns_splitter.setSizes([1000] * len(picked))
        self._pending = [(col, path) for col, path in zip(self.columns, picked) if col.path != path]
        self._fill_next_column()

    def _fill_next_column(self) -> None:
        """One column per turn of the event loop (laying out an article takes a while), then the marks."""
        if not self._pending:
            self.apply_target()
            return
        col, path = self._pending.pop(0)
        art = self.comparison.article(path) if self.comparison else None
        if art is not None and path in self.rendered:
            palette = self.palette()
            head = column(art, self.comparison.coverage)
            oc = next((o for o in self.comparison.coverage.outlets if o.outlet == art.outlet), None)
            bg, fg = bias_colours(oc.token if oc else art.bias, palette)
            col.show_article(art, column_head_html(head, bg.name(), fg.name(),
                                                   palette.color(QPalette.ColorRole.PlaceholderText).name()),
                             self.rendered[path])
            col.head.setToolTip(tooltip(head.tooltip))
        QTimer.singleShot(0, self, self._fill_next_column)

    def columns_ready(self) -> bool:
        """Whether every picked article is shown (tests, screenshots)."""
        return not self._pending and len(self.visible_columns()) == len(self.picks.picked)

    def visible_columns(self) -> list[ArticleColumn]:
        return [c for c in self.columns if c.isVisibleTo(self) and c.article is not None]

    # -- highlighting ------------------------------------------------------------------
    def _fill_highlights(self) -> None:
        """The choices: shared-words groups, speakers, entities (one model reset, not an item each)."""
        c = self.comparison
        labels, targets = [self.tr("(nothing)")], [None]
        for g in c.groups[:200]:
            labels.append(self.tr("Shared words %1: %2").replace("%1", str(g.id)).replace("%2", " / ".join(g.speakers)))
            targets.append(Target("group", str(g.id), f"shared words {g.id}"))
        for row in c.voices.rows[:300]:
            labels.append(self.tr("Speaker: %1").replace("%1", row.name))
            targets.append(Target("speaker", row.key, row.name))
        for name, etype, _n in c.entities[:300]:
            labels.append(self.tr("Entity: %1").replace("%1", name))
            targets.append(Target("entity", f"{etype}:{name}", name))
        self._set_choices(labels, targets, 0)

    def _set_choices(self, labels: list[str], targets: list, current: int) -> None:
        box = self.highlight_box
        box.blockSignals(True)
        self._targets = targets
        self.highlight_model.setStringList(labels)
        box.setCurrentIndex(current)
        box.blockSignals(False)

    def set_target(self, target: Target | None) -> None:
        """Highlight ``target`` in every column and scroll each to its first occurrence."""
        self.target = target
        at = self._targets.index(target) if target in self._targets else -1
        if at < 0:  # not among the first few hundred: add it
            labels = self.highlight_model.stringList() + [target.label or target.value]
            self._set_choices(labels, self._targets + [target], len(labels) - 1)
        else:
            self._set_choices(self.highlight_model.stringList(), self._targets, at)
        self.apply_target()

    def _on_highlight_box(self, index: int) -> None:
        self.target = self._targets[index] if 0 <= index < len(self._targets) else None
        self.apply_target()

    def apply_target(self) -> None:
        palette = self.palette()
        bg, fg = tint(MARK_HUE, palette), ink(MARK_HUE, palette)
        strong_bg, strong_fg = fg, palette.color(QPalette.ColorRole.Base)
        for col in self.visible_columns():
            if self.target is None:
                highlight(col.browser, [], bg, fg)
                col.status.setText("")
                continue
            found = self._cursors(col)
            highlight(col.browser, found, strong_bg, strong_fg)
            what = self.target.label or self.target.value
            col.status.setText(self.tr("%1: %2 in this article").replace("%1", what).replace("%2", str(len(found)))
                               if found else self.tr("%1: not in this article").replace("%1", what))
            if found:
                scroll_to(col.browser, found[0])

    def _cursors(self, col: ArticleColumn) -> list:
        doc = col.browser.document()
        out = []
        for m in marks(col.article, self.target, self.comparison.groups):
            if m.quote_index is not None:
                cursor = quote_cursor(doc, m.quote_index, m.end - m.start)
            else:
                cursor = find_occurrence(doc, m.where, 0)
            if cursor is not None:
                out.append(cursor)
        return out

    def _on_link(self, link: str) -> None:
        kind, _, value = link.partition(":")
        value = unquote(value)
        if kind == "entity":
            self.entity_requested.emit(value)
        elif kind == "speaker":
            row = self.comparison.voices.row(value) if self.comparison else None
            self.set_target(Target("speaker", value, row.name if row else value))

