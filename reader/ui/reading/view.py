"""The reading view: one article as safe HTML, with quote and search-hit navigation.

The browser never loads anything: every resource request returns nothing and
nothing is navigated to. The only links are http(s) ones (the header's "Open
original"); an explicit click opens them in the system browser (``links``). Hits are found in the rendered text
with the same pattern ``article_html`` highlights, so F3 / Shift+F3 step
through exactly what is highlighted.
"""
from __future__ import annotations

import html
from typing import Any
from typing import Callable
from typing import Sequence

from PySide6.QtCore import QEvent
from PySide6.QtCore import QRegularExpression
from PySide6.QtCore import QUrl
from PySide6.QtCore import Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QTextBrowser
from PySide6.QtWidgets import QToolButton
from PySide6.QtWidgets import QToolTip
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reader.search.articles import StoredArticle
from reader.render.article_html import article_parts
from reader.render.article_html import term_pattern
from reader.render.legend import SOURCES_LINK
from reader.ui.links import open_external
from reader.ui.palette import html_theme
from reader.ui.plain_text import tooltip
from reader.ui.reading.progressive import ProgressiveRender
from reader.ui.reading.progressive import is_large
from reader.ui.plain_text import plain_label


def anchor_position(doc: QTextDocument, name: str) -> int:
    """Document position of the named anchor (``<a name=…>``), or -1."""
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            if frag.isValid() and name in frag.charFormat().anchorNames():
                return frag.position()
            it += 1
        block = block.next()
    return -1


class ArticleBrowser(QTextBrowser):
    """A QTextBrowser that loads no resources and navigates nowhere.

    A clicked link is handed to ``open_external``, which opens http(s) URLs in
    the system browser and ignores everything else.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setReadOnly(True)
        self.setAccessibleName("Article text")
        self.anchorClicked.connect(lambda url: open_external(url.toString()))

    def loadResource(self, type: int, name: QUrl) -> Any:  # noqa: A002 - Qt's signature
        """Never fetch images, style sheets or files named by the article."""
        return None

    def setSource(self, name: QUrl, type: QTextDocument.ResourceType = QTextDocument.ResourceType.UnknownResource) -> None:
        """Navigation is disabled: the view only ever shows what we set."""
        return None

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip:
            cursor = self.cursorForPosition(self.viewport().mapFromGlobal(e.globalPos()))
            tip = cursor.charFormat().toolTip()  # our own text, but about the article's words
            if tip:
                QToolTip.showText(e.globalPos(), tooltip(tip), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(e)


class ReadingView(QWidget):
    """Find bar (match count, previous/next) above the article browser."""

    hit_changed = Signal(int, int)  # current (1-based, 0 for none), total
    rendered = Signal()  # the article is complete on screen (at once, or after a progressive render)
    failed = Signal(object)  # reading or rendering an article failed (an IndexProblem, say)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # (article, muted colour) -> (about-this-label HTML, chip tooltip, chip text); set by the window
        self.describe_outlet: Callable[[StoredArticle, str], tuple[str, str, str]] | None = None
        self.browser = ArticleBrowser()
        self.article: StoredArticle | None = None
        self.terms: list[str] = []
        self.selected_quote: int | None = None
        self._hits: list[QTextCursor] = []
        self._current = -1
        self._render: ProgressiveRender | None = None
        self.all_speakers_path: str | None = None  # the article whose "Quoted:" line is listed in full
        self.browser.anchorClicked.connect(self._on_anchor)
        self.hit_label = plain_label()
        self.hit_label.setAccessibleName("Matches in article")
        self.prev_button = QToolButton()
        self.prev_button.setText("▲")
        self.prev_button.setToolTip(self.tr("Previous match (Shift+F3)"))
        self.prev_button.setAccessibleName("Previous match")
        self.prev_button.clicked.connect(self.previous_hit)
        self.next_button = QToolButton()
        self.next_button.setText("▼")
        self.next_button.setToolTip(self.tr("Next match (F3)"))
        self.next_button.setAccessibleName("Next match")
        self.next_button.clicked.connect(self.next_hit)
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 2, 6, 2)
        bar.addWidget(self.hit_label, 1)
        bar.addWidget(self.prev_button)
        bar.addWidget(self.next_button)
        self.find_bar = QWidget()
        self.find_bar.setLayout(bar)
        self.find_bar.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.browser, 1)
        self.setFocusProxy(self.browser)
        self.show_placeholder()

    def show_placeholder(self, text: str = "") -> None:
        self._stop_render()
        self.article = None
        self.browser.setHtml(
            '<div style="margin-top:80px" align="center"><p style="font-size:large">'
            + html.escape(text or self.tr("Select an article to read it.")).replace("\n", "<br>")
            + "</p><p>"
            + self.tr("Quotes are highlighted in each speaker’s colour; entities on the left filter the library.")
            + "</p></div>")
        self._set_hits([])

    def show_article(self, article: StoredArticle, terms: Sequence[str] = (),
                     selected_quote: int | None = None) -> None:
        """Render ``article``; scroll to ``selected_quote`` (record index) if given.

        A normal article is shown at once. A long or quote-dense one is rendered
        on a worker and appended a few paragraphs per turn of the event loop
        (``ProgressiveRender``), so the window never waits on it; ``rendered``
        is emitted when it is complete.
        """
        self._stop_render()
        self.article = article
        self.terms = list(terms)
        self.selected_quote = selected_quote
        theme = html_theme(self.palette())
        if not is_large(article):
            self.browser.setHtml(article_parts(*self._parts_args(article, theme, self.terms, selected_quote)).html())
            self._shown()
            return
        terms = list(self.terms)
        self._progressive(lambda: self._parts_args(article, theme, terms, selected_quote))

    def show_later(self, load: Callable[[], StoredArticle | None], terms: Sequence[str] = (),
                   selected_quote: int | None = None) -> None:
        """Read an article with ``load`` on a worker (a long one: unpacking it takes a while),
        then show it as ``show_article`` does; ``failed`` if reading it fails."""
        self._stop_render()
        self.article = None
        self.terms = list(terms)
        self.selected_quote = selected_quote
        theme, terms = html_theme(self.palette()), list(self.terms)

        def prepare() -> tuple | None:  # on the worker: everything it reads was fixed here
            article = load()
            return self._parts_args(article, theme, terms, selected_quote) if article is not None else None

        self._progressive(prepare)

    def _parts_args(self, article: StoredArticle, theme, terms: list[str], selected: int | None) -> tuple:
        """``article_parts``' arguments (describing the outlet is safe on a worker: the registry locks)."""
        about, tip, chip = self.describe_outlet(article, theme.muted) if self.describe_outlet else ("", "", "")
        return (article, theme, terms, selected, about, tip, chip, self.all_speakers_path == article.path)

    def _on_anchor(self, url: QUrl) -> None:
        """The "+N unnamed sources" chip (and "fewer"): the header again, every speaker or the first."""
        if url.toString() != SOURCES_LINK or self.article is None:
            return
        article = self.article
        self.all_speakers_path = None if self.all_speakers_path == article.path else article.path
        position = self.browser.verticalScrollBar().value()
        self.show_article(article, self.terms, self.selected_quote)
        self.browser.verticalScrollBar().setValue(position)

    def _progressive(self, prepare: Callable[[], tuple | None]) -> None:
        self._set_hits([])
        render = ProgressiveRender(self.browser, prepare, self)
        render.loaded.connect(lambda art: self._loaded(render, art))
        render.finished.connect(self._shown)
        render.failed.connect(self._render_failed)
        self._render = render
        render.start()

    def _loaded(self, render: ProgressiveRender, article: StoredArticle | None) -> None:
        if render is not self._render:
            return
        if article is None:
            self.show_placeholder(self.tr("This article is no longer in the library."))
            return
        self.article = article

    def _render_failed(self, exc: BaseException) -> None:
        self._render = None
        self.failed.emit(exc)

    def _stop_render(self) -> None:
        if self._render is not None:
            self._render.stop()
            self._render = None

    def rendering(self) -> bool:
        """Whether a long article is still being read or appended."""
        return self._render is not None

    def _shown(self) -> None:
        self._render = None
        self._find_hits()
        quotes = self.article.record.quotes if self.article is not None else []
        if self.selected_quote is not None and 0 <= self.selected_quote < len(quotes):
            self.scroll_to_quote(self.selected_quote)
        else:
            self.browser.verticalScrollBar().setValue(0)
        self.rendered.emit()

    def html(self) -> str:
        return self.browser.toHtml()

    def scroll_to_quote(self, n: int) -> None:
        """Scroll to anchor q{n} and select the quote's text."""
        self.browser.scrollToAnchor(f"q{n}")
        quote = self.article.record.quotes[n] if self.article else None
        if quote is None:
            return
        pos = anchor_position(self.browser.document(), f"q{n}")
        if pos < 0:
            return
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(pos)
        top = self.browser.cursorRect(cursor).top()
        bar = self.browser.verticalScrollBar()
        bar.setValue(bar.value() + top - self.browser.viewport().height() // 4)  # not at the edge
        cursor.setPosition(pos + len(quote.text), QTextCursor.MoveMode.KeepAnchor)
        self.browser.setTextCursor(cursor)

    # -- search hits -------------------------------------------------------------
    def _find_hits(self) -> None:
        hits: list[QTextCursor] = []
        pattern = term_pattern(self.terms)
        if pattern:
            rx = QRegularExpression(pattern, QRegularExpression.PatternOption.CaseInsensitiveOption
                                    | QRegularExpression.PatternOption.UseUnicodePropertiesOption)
            doc = self.browser.document()
            cursor = doc.find(rx, 0)
            while not cursor.isNull() and len(hits) < 10000:
                hits.append(cursor)
                cursor = doc.find(rx, cursor)
        self._set_hits(hits)

    def _set_hits(self, hits: list[QTextCursor]) -> None:
        self._hits = hits
        self._current = -1
        self.find_bar.setVisible(bool(self.terms) and self.article is not None)
        self._update_label()

    def _update_label(self) -> None:
        total = len(self._hits)
        if not total:
            self.hit_label.setText(self.tr("No matches in this article"))
        elif self._current < 0:
            noun = "match" if total == 1 else "matches"
            self.hit_label.setText(self.tr("%1 %2 in this article — F3 for the next")
                                   .replace("%1", str(total)).replace("%2", noun))
        else:
            self.hit_label.setText(self.tr("Match %1 of %2").replace("%1", str(self._current + 1))
                                   .replace("%2", str(total)))
        self.prev_button.setEnabled(total > 0)
        self.next_button.setEnabled(total > 0)
        self.hit_changed.emit(self._current + 1, total)

    def hit_count(self) -> int:
        return len(self._hits)

    def current_hit(self) -> int:
        return self._current

    def next_hit(self) -> None:
        self._go(1)

    def previous_hit(self) -> None:
        self._go(-1)

    def _go(self, step: int) -> None:
        if not self._hits:
            return
        if self._current < 0:
            self._current = 0 if step > 0 else len(self._hits) - 1
        else:
            self._current = (self._current + step) % len(self._hits)
        self.browser.setTextCursor(self._hits[self._current])
        self.browser.ensureCursorVisible()
        self._update_label()
