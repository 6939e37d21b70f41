"""Small informational dialogs: the search syntax and About."""
from __future__ import annotations

import html

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from reader import __version__
from reader.failures import describe
from reader.safe_text import one_line
from reader.search import fields as F
from reader.search.bounds import EXPANSION_LIMIT, QUERY_CHAR_LIMIT, TERM_LIMIT, TIME_BUDGET_S
from reader.search.problems import IndexProblem
from reader.ui.plain_text import message_box

if TYPE_CHECKING:  # dialogs load their classes when shown: QMessageBox's type costs ~4 ms
    from PySide6.QtWidgets import QMessageBox
    from PySide6.QtWidgets import QPushButton

# every field a query may name: what it holds, and an example that finds articles in the seeds
FIELD_HELP = {
    F.TITLE: ("words in the headline", "title:putin"),
    F.OUTLET: ("the outlet’s name or one of its short names", "outlet:dw"),
    F.AUTHOR: ("the byline", "author:mir"),
    F.KIND: ("news, analysis or opinion", "kind:opinion"),
    F.SPEAKER: ("someone quoted or reported as speaking", "speaker:kugelman"),
    F.ENTITY: ("a person, organisation or place mentioned (any of its spellings)", "entity:moscow"),
    F.BIAS: ("the outlet’s lean: left, lean-left (or \"lean left\"), center, lean-right, right, mixed, "
             "unrated, unknown", "bias:lean-left"),
    F.OWNERSHIP: ("who owns the outlet: public, state-funded, private, non-profit, other, unknown",
                  "ownership:state-funded"),
    F.QUOTE: ("words someone is quoted or reported as saying", "quote:sanctions"),
    F.PUBLISHED: ("the date the article states (see Dates below)", "published:2022"),
}
EXAMPLES = (("pipeline", "articles mentioning pipeline(s), best match first"),
            ('"gas pipeline"', "the exact phrase"),
            ("khan AND putin NOT kind:opinion", "both names, leaving out opinion pieces"),
            ("pipe*", "words starting with pipe"),
            ("sanctions OR pipeline", "either word"))
DATE_FORMS = (("published:2022", "published in 2022"),
              ("published:2022-02", "in February 2022"),
              ("published:2022-02-24", "on 24 February 2022"),
              ("published:[2022-01 TO 2022-03]", "from January to March 2022, both included"),
              ("published:>=2022-02-24", "on or after 24 February 2022 (also >, <, <=)"),
              ("putin published:2022..2023", "a range written without brackets"))
DATE_NOTE = ("Articles that state no date are in no date range (the five bundled articles state "
             "none, so date searches find nothing in them). The Published fields above the list "
             "filter by date the same way.")


def _table(rows) -> str:
    return "<table cellspacing='2' cellpadding='2'>" + "".join(
        "<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows) + "</table>"


def _code(text: str) -> str:
    return f"<code>{html.escape(text)}</code>"


def search_help_html() -> str:
    """The query language in one page: examples, every field with an example, dates."""
    examples = _table((_code(q), html.escape(w)) for q, w in EXAMPLES)
    fields = _table((_code(f"{name}:"), html.escape(FIELD_HELP[name][0]), _code(FIELD_HELP[name][1]))
                    for name in F.QUERY_FIELDS)
    dates = _table((_code(q), html.escape(w)) for q, w in DATE_FORMS)
    return (f"<h3>Searching</h3><p>Type words to search headlines and text; results update as "
            f"you type. Ctrl+K or Ctrl+F jumps to the search field, Esc clears it, F3 and "
            f"Shift+F3 step through the matches in the open article. When a word is not in the "
            f"library, the status line offers a close word it has (“Did you mean pipeline?”).</p>"
            f"{examples}<h4>Fields</h4>{fields}<h4>Dates</h4>{dates}<p>{html.escape(DATE_NOTE)}</p>"
            f"<h4>Pasted text</h4><p>Paste a paragraph or a quote (a dozen words or more) to find the "
            f"articles that contain it word for word; when none does, those sharing most of its "
            f"distinctive words are listed, best first.</p>"
            f"<h4>Limits</h4><p>So that no search can freeze the window: a query is read up to "
            f"{QUERY_CHAR_LIMIT:,} characters and {TERM_LIMIT} words (a pasted passage: all its "
            f"characters up to that), a word up to 64 characters; a wildcard, prefix or range term "
            f"stands for at most {EXPANSION_LIMIT} words; a search stops after {TIME_BUDGET_S:g} s and "
            f"shows what it found. A line above the list says when any of these applied.</p>"
            f"<p>Click an entity on the left to show only articles that mention it; several "
            f"filters combine.</p>")


def search_help_dialog(parent: QWidget):
    """The help as a dialog as tall as its text (up to most of the screen), scrolling beyond."""
    from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

    dialog = QDialog(parent)
    dialog.setObjectName("searchHelp")
    dialog.setWindowTitle(parent.tr("Search Syntax"))
    dialog.setAccessibleName("Search syntax help")
    text = QTextBrowser(dialog)
    text.setAccessibleName("Search syntax")
    text.setOpenLinks(False)
    text.setFrameShape(QTextBrowser.Shape.NoFrame)
    text.setHtml(search_help_html())
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(text)
    layout.addWidget(buttons)
    screen = parent.screen() if parent is not None else None
    room = screen.availableGeometry() if screen is not None else None
    em = text.fontMetrics().horizontalAdvance("m")
    width = int(min(72 * em, room.width() * 0.6 if room is not None else 72 * em))
    dialog.ensurePolished()
    text.ensurePolished()  # the widget's own font, which the shown document is laid out in
    doc = text.document().clone(text)  # measured apart: the browser lays its own out as it resizes
    doc.setDefaultFont(text.font())
    doc.setTextWidth(width - 2 * text.frameWidth())
    most = int(room.height() * 0.9) - buttons.sizeHint().height() - 40 if room is not None else 800
    text.setFixedSize(width, int(min(doc.size().height() + 2 * text.frameWidth() + 2, most)))
    dialog.adjustSize()
    return dialog


def show_search_help(parent: QWidget) -> None:
    search_help_dialog(parent).exec()


def show_about(parent: QWidget) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.about(parent, parent.tr("About Parallax"),
                      f"<h3>Parallax {html.escape(__version__)}</h3><p>Read how different outlets "
                      f"cover the same story: who they quote, whom they mention, and how.</p>")


def problem_text(exc: BaseException) -> str:
    """One sentence for the user; never a traceback."""
    from PySide6.QtWidgets import QMessageBox

    if isinstance(exc, IndexProblem):
        return one_line(str(exc) or exc.__class__.__name__)  # written for the user already
    if isinstance(exc, (OSError, MemoryError, RecursionError)):
        return describe(exc)
    return QMessageBox.tr("Something went wrong while working on the index: %s") % (
        one_line(str(exc)) or exc.__class__.__name__)


def problem_box(exc: BaseException, parent: QWidget) -> tuple[QMessageBox, QPushButton | None]:
    """The dialog for a problem, with a Rebuild button when rebuilding can help."""
    from PySide6.QtWidgets import QMessageBox

    rebuildable = getattr(exc, "rebuildable", True)
    informative = parent.tr("Rebuilding reads the library's articles again from their files and "
                            "analyses them; your files and your outlet labels are not changed.") \
        if rebuildable else ""
    box = message_box(QMessageBox.Icon.Warning, parent.tr("Parallax"), problem_text(exc), parent,
                      informative=informative)
    box.setObjectName("problemDialog")
    rebuild = box.addButton(parent.tr("Rebuild Index"), QMessageBox.ButtonRole.AcceptRole) \
        if rebuildable else None
    box.addButton(QMessageBox.StandardButton.Close)
    return box, rebuild
