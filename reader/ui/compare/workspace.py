"""The Compare workspace: what is compared, its coverage, and the five pages.

A ``CompareRequest`` names the articles (and the index view they are read
from); the comparison runs on a worker (``reader.ui.tasks``) and only the
answer to the newest request is shown; an older one still running is
cancelled. Pages are filled when they are first shown, so a 2,000-article
answer costs the GUI thread one page at a time.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QTabWidget
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reader.compare.html import article_bodies
from reader.compare.kwic import kwic
from reader.compare.memory import building
from reader.compare.report import Cancelled, Comparison, compare_selection
from reader.compare.side import Target
from reader.ui.compare.coverage_page import CoveragePage
from reader.ui.compare.kwic_page import KwicPage
from reader.ui.compare.shared_page import SharedPage
from reader.ui.compare.side_page import SidePage
from reader.ui.compare.voices_page import VoicesPage
from reader.ui.library.coverage_bar import CoverageBar
from reader.ui.palette import html_theme
from reader.ui.tasks import Task
from reader.ui.tasks import run_task
from reader.ui.plain_text import plain_label
from reader.ui.plain_text import rich_label

if TYPE_CHECKING:
    from reader.search.view import IndexView

SCOPES = (("results", "the search results"), ("selected", "the articles selected in the library"))


@dataclass(frozen=True, eq=False)
class CompareRequest:
    """One request: its own identity (the object itself), the articles and where they are read."""

    view: IndexView = field(repr=False)
    paths: tuple[str, ...]
    scope: str  # one of SCOPES' keys
    description: str  # what was selected, for the heading ("the search “khan”")


class CompareWorkspace(QWidget):
    """Signals: ``statement_activated(Statement)`` and ``mention_activated(KwicLine)`` open the
    article there; ``scope_changed(str)`` asks for a new request; ``shown(Comparison)`` when an
    answer is on screen; ``filter_toggled(field, token)`` from the coverage bar (filter the search)."""

    statement_activated = Signal(object)
    mention_activated = Signal(object)
    scope_changed = Signal(str)
    shown = Signal(object)
    filter_toggled = Signal(str, str)  # ("bias" or "ownership", token)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareWorkspace")
        self.setAccessibleName("Compare outlets")
        self.comparison: Comparison | None = None
        self.request: CompareRequest | None = None  # the newest request
        self.shown_request: CompareRequest | None = None  # the one whose answer is on screen
        self._task: Task | None = None
        self._filled: set[int] = set()  # pages showing the current comparison
        self.heading = QLabel(self.tr("Compare opens on the search results."))
        self.heading.setObjectName("compareHeading")
        rich_label(self.heading).setTextFormat(Qt.TextFormat.RichText)  # its fields are escaped
        self.heading.setWordWrap(True)
        self.scope_box = QComboBox()
        self.scope_box.setAccessibleName("What to compare")
        for key, label in SCOPES:
            self.scope_box.addItem(self.tr("Compare %1").replace("%1", label), key)
        self.scope_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.scope_box.setMinimumContentsLength(22)
        self.scope_box.currentIndexChanged.connect(lambda i: self.scope_changed.emit(self.scope_box.itemData(i)))
        self.refresh_button = QPushButton(self.tr("Compare again"))
        self.refresh_button.clicked.connect(lambda: self.scope_changed.emit(self.scope()))
        self.busy = plain_label()
        self.busy.setObjectName("compareBusy")
        self.coverage_bar = CoverageBar(self)
        self.coverage_bar.toggled.connect(self.filter_toggled)
        self.coverage_text = plain_label()
        self.coverage_text.setObjectName("compareCoverage")
        self.coverage_text.setWordWrap(True)
        self.voices = VoicesPage()
        self.shared = SharedPage()
        self.side = SidePage()
        self.kwic = KwicPage()
        self.coverage = CoveragePage()
        self.pages = QTabWidget()
        self.pages.setObjectName("comparePages")
        self.pages.setDocumentMode(True)
        for page, title in ((self.voices, "Voices"), (self.shared, "Shared words"), (self.side, "Side by side"),
                            (self.kwic, "Mentions by outlet"), (self.coverage, "Coverage")):
            self.pages.addTab(page, self.tr(title))
        self.pages.currentChanged.connect(self._fill_current)
        self.voices.statement_activated.connect(self.statement_activated)
        self.voices.speaker_chosen.connect(lambda key, name: self.side.set_target(Target("speaker", key, name)))
        self.voices.mentions_requested.connect(self.show_mentions)
        self.shared.statement_activated.connect(self.statement_activated)
        self.shared.group_chosen.connect(lambda g: self.side.set_target(
            Target("group", str(g.id), self.tr("shared words %1").replace("%1", str(g.id)))))
        self.side.entity_requested.connect(self.show_mentions)
        self.side.render_requested.connect(self._render_columns)
        self.kwic.line_activated.connect(self.mention_activated)
        self.kwic.lines_requested.connect(self._find_mentions)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.busy)
        top.addWidget(self.scope_box)
        top.addWidget(self.refresh_button)
        strip = QHBoxLayout()
        strip.addWidget(self.coverage_bar, 3)
        strip.addWidget(self.coverage_text, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 0)
        layout.addLayout(top)
        layout.addLayout(strip)
        layout.addWidget(self.pages, 1)

    def scope(self) -> str:
        return self.scope_box.currentData()

    def set_scope(self, scope: str) -> None:
        self.scope_box.blockSignals(True)
        self.scope_box.setCurrentIndex(max(0, self.scope_box.findData(scope)))
        self.scope_box.blockSignals(False)

    # -- computing -------------------------------------------------------------------
    def compare(self, request: CompareRequest) -> None:
        """Compare ``request``'s articles on a worker; an older comparison still running is dropped."""
        if self._task is not None and not self._task.done:
            self._task.cancel()
        self.request = request
        self.set_scope(request.scope)
        self.busy.setText(self.tr("Comparing %1 articles…").replace("%1", str(len(request.paths))))
        view, paths = request.view, list(request.paths)

        def work(ctx) -> tuple[CompareRequest, Comparison | Exception]:
            try:
                with building():  # no collection pauses meanwhile (see reader.compare.memory)
                    return request, compare_selection(view, paths, cancelled=ctx.cancelled)
            except Exception as exc:  # noqa: BLE001 - answered with its request, shown as a sentence
                return request, exc

        self._task = run_task("Comparing", work, finished=self._on_done)

    def pending(self) -> bool:
        """Whether the newest request's answer is not on screen yet."""
        return self.request is not None and self.shown_request is not self.request

    @Slot(object)
    def _on_done(self, answer: tuple[CompareRequest, Comparison | Exception]) -> None:
        request, comparison = answer
        if request is not self.request or isinstance(comparison, Cancelled):
            return  # a newer request is on its way
        self.busy.setText("")
        if isinstance(comparison, Exception):
            self.shown_request = request
            self.heading.setText(html.escape(self.tr("The comparison failed: %1").replace("%1", str(comparison))))
            return
        self.comparison = comparison
        self._filled = set()
        self._show_heading(request, comparison)
        # the page on the next turn of the event loop: the heading is painted in between
        QTimer.singleShot(0, self, lambda: self._show_page_of(comparison))

    def _show_page_of(self, comparison: Comparison) -> None:
        if comparison is not self.comparison:
            return
        self._fill_current(self.pages.currentIndex())
        self.shown_request = self.request
        self.shown.emit(comparison)

    def _show_heading(self, request: CompareRequest, c: Comparison) -> None:
        cov = c.coverage
        n, outlets = cov.articles, len(cov.outlets)
        if not n:
            self.heading.setText(self.tr("<b>Nothing to compare</b> — no article in %1.").replace(
                "%1", html.escape(request.description)))
        else:
            self.heading.setText(self.tr("<b>Comparing %1 article%2 from %3 outlet%4</b> — %5").replace(
                "%1", str(n)).replace("%2", "" if n == 1 else "s").replace("%3", str(outlets))
                .replace("%4", "" if outlets == 1 else "s").replace("%5", html.escape(request.description)))
        self.coverage_bar.set_counts({"bias": cov.segments, "ownership": cov.ownership_segments}, {})
        kinds = " · ".join(f"{k.title()} {v}" for k, v in cov.kinds.items() if v)
        dates = (f"{cov.first_date} – {cov.last_date}" if cov.first_date and cov.first_date != cov.last_date
                 else cov.first_date or self.tr("no publication dates stated"))
        if cov.first_date and cov.undated:
            dates += self.tr(" (%1 undated)").replace("%1", str(cov.undated))
        self.coverage_text.setText(f"{kinds} · {dates}")
        self.pages.setTabText(1, self.tr("Shared words (%1)").replace("%1", str(len(c.groups))))

    def _fill_current(self, index: int) -> None:
        """Fill the page on screen with the current comparison, once."""
        c = self.comparison
        if c is None or index in self._filled or index < 0:
            return
        self._filled.add(index)
        page = self.pages.widget(index)
        page.set_comparison(c)

    def _render_columns(self, paths: list[str]) -> None:
        request, theme = self.request, html_theme(self.palette())
        if request is None:
            return
        view = request.view
        run_task("Preparing columns", lambda _ctx: (request, article_bodies(view, paths, theme)),
                 finished=self._on_columns)

    @Slot(object)
    def _on_columns(self, answer) -> None:
        request, bodies = answer
        if request is self.request:
            self.side.add_rendered(bodies)

    def _find_mentions(self, name: str) -> None:
        comparison = self.comparison
        if comparison is None:
            return
        articles = comparison.articles
        run_task("Finding mentions", lambda _ctx: (comparison, name, kwic(articles, name)),
                 finished=self._on_mentions)

    @Slot(object)
    def _on_mentions(self, answer) -> None:
        comparison, name, lines = answer
        if comparison is self.comparison:
            self.kwic.set_lines(name, lines)

    # -- navigation ----------------------------------------------------------------------
    def show_page(self, page: QWidget) -> None:
        self.pages.setCurrentWidget(page)

    def show_mentions(self, name: str) -> None:
        """Open the concordance of ``name`` (an entity clicked anywhere in Compare)."""
        self.kwic.entity = name.strip()  # the page asks for these lines when it is first filled
        if self.pages.indexOf(self.kwic) in self._filled:
            self.kwic.show_entity(name)
        self.show_page(self.kwic)
