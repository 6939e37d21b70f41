"""Small informational dialogs: the search syntax and About."""
from __future__ import annotations

import html

from PySide6.QtCore import Qt
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

FIELD_HELP = {
    F.TITLE: "words in the headline", F.OUTLET: "the outlet’s name", F.AUTHOR: "the byline",
    F.KIND: "news, analysis or opinion", F.SPEAKER: "someone quoted in the article",
    F.ENTITY: "a person, organisation or place mentioned (any of its spellings)",
    F.BIAS: "the outlet’s lean: left, lean-left (or \"lean left\"), center, lean-right, right, mixed, "
            "unrated, unknown",
    F.OWNERSHIP: "who owns the outlet: public, state-funded, private, non-profit, other, unknown",
    F.QUOTE: "words inside a direct quote",
    F.PUBLISHED: "the date: a year, a month or a day (2022, 2022-02, 2022-02-24), or a range",
}
EXAMPLES = (("pipeline", "articles mentioning pipeline(s), best match first"),
            ('"gas pipeline"', "the exact phrase"),
            ("khan AND putin NOT kind:opinion", "both names, leaving out opinion pieces"),
            ("speaker:kugelman", "articles quoting Kugelman"),
            ("quote:sanctions", "“sanctions” said by someone, not by the writer"),
            ("pipe*", "words starting with pipe"),
            ("published:2022", "published in 2022 (published:2022-02 for February)"),
            ("published:[2022-01 TO 2022-03]", "published from January to March 2022, both included"),
            ("published:>=2022-02-24", "published on or after 24 February 2022"),
            ("putin published:2022..2023", "a range written without brackets"))
DATE_NOTE = ("Articles that state no date are in no date range. The Published fields above the list "
             "filter by date the same way.")


def search_help_html() -> str:
    """The query language in one page: examples first, then the fields."""
    rows = "".join(f"<tr><td><code>{html.escape(q)}</code></td><td>{html.escape(w)}</td></tr>"
                   for q, w in EXAMPLES)
    fields = "".join(f"<tr><td><code>{name}:</code></td><td>{html.escape(FIELD_HELP.get(name, ''))}</td></tr>"
                     for name in F.QUERY_FIELDS)
    return (f"<h3>Searching</h3><p>Type words to search headlines and text; results update as "
            f"you type. Ctrl+K or Ctrl+F jumps to the search field, Esc clears it, F3 and "
            f"Shift+F3 step through the matches in the open article.</p>"
            f"<table cellspacing='6'>{rows}</table><h4>Fields</h4><table cellspacing='6'>{fields}</table>"
            f"<p>{html.escape(DATE_NOTE)}</p>"
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


def show_search_help(parent: QWidget) -> None:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Information, parent.tr("Search Syntax"), search_help_html(),
                      QMessageBox.StandardButton.Close, parent)
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setStyleSheet("QLabel { min-width: 30em; }")
    box.exec()


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
