"""Article text is never read as markup by Qt, and bidi controls reorder nothing (issue 24, item 1).

A ``.txt`` whose first line was ``Budget <img src="/dev/zero"> vote`` aborted
the app when its title was hovered: Qt guessed the tooltip was HTML and
loaded the "image". Three kinds of checks: the helpers themselves; a scan of
``reader/ui`` that fails when a new tooltip, label or dialog bypasses them;
and the real window on a library whose every field is markup, swept widget by
widget and model cell by model cell.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextCursor
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QWidget

from hostile_inputs import MARKUP_TITLE, RLE, RLO, UNTERMINATED_RLE_AUTHOR
from ui_helpers import no_dangling_workers  # noqa: F401 - autouse fixture
from ui_helpers import wait_open

from reader.analysis.record import ArticleRecord, Entity, Quote
from reader.safe_text import BIDI_CONTROLS
from reader.search.indexer import update_index
from reader.ui.plain_text import RICH_PROPERTY, message_box, tooltip

ROOT = Path(__file__).resolve().parents[1]
UI = ROOT / "reader" / "ui"
# markup that is harmless if Qt does read it (no file is loaded), so a failing test fails cleanly
TITLE = 'Budget <img src="missing-image.png"> <b>vote</b>'
OUTLET = "<i>Daily</i> <u>News</u>"
SPEAKER = "<b>Jane</b> Roe"
ENTITY = "<s>Acme</s> & Co"
CUE = "<sup>said</sup>"
MARKERS = ("<b>vote</b>", "<i>Daily</i>", "<b>Jane</b>", "<s>Acme</s>", "<sup>said</sup>")


def shown(text: str, fmt: Qt.TextFormat = Qt.TextFormat.AutoText) -> str:
    """What Qt displays for a tooltip, or a label text in format ``fmt``."""
    if fmt == Qt.TextFormat.PlainText or fmt == Qt.TextFormat.AutoText and not GuiQt.mightBeRichText(text):
        return text
    doc = QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText()


def assert_literal(text: str, where: str, fmt: Qt.TextFormat = Qt.TextFormat.AutoText) -> None:
    """Any hostile field in ``text`` is displayed as written, tags and all."""
    display = shown(text, fmt)
    for marker in MARKERS:
        plain = QTextDocument()
        plain.setHtml(marker)
        if plain.toPlainText() in display:  # the field is there: it must be there literally
            assert marker in display, f"{where} shows {marker!r} as markup: {text!r}"


# -- the helpers --------------------------------------------------------------------------

def test_tooltip_shows_the_attack_title_as_text(qapp):
    tip = tooltip(MARKUP_TITLE)
    assert "<img" not in tip and GuiQt.mightBeRichText(tip)
    assert shown(tip).strip() == MARKUP_TITLE
    assert shown(tooltip("a & b\n<c>")).strip() == "a & b\n<c>"
    assert len(shown(tooltip("x" * 100_000)).strip()) <= 2001
    assert tooltip("") == "" and tooltip(None) == ""


def test_message_boxes_have_only_plain_labels(qapp):
    box = message_box(QMessageBox.Icon.Warning, TITLE, f"Something about {TITLE}", informative=OUTLET,
                      details="<b>details</b>")
    labels = [lb for lb in box.findChildren(QLabel) if lb.text()]
    assert len(labels) >= 2
    assert all(lb.textFormat() == Qt.TextFormat.PlainText for lb in labels)
    assert any(TITLE in lb.text() for lb in labels) and any(OUTLET in lb.text() for lb in labels)


def test_the_error_dialog_and_the_problem_dialog_are_plain(qapp, tmp_path):
    from reader.search.problems import IndexUnwritable
    from reader.ui.dialogs import problem_box
    from reader.ui.errors import error_box

    parent = QWidget()
    for box in (error_box(RuntimeError(TITLE), "trace", tmp_path / "log"),
                problem_box(IndexUnwritable(f"cannot write {TITLE}"), parent)[0],
                problem_box(ValueError(TITLE), parent)[0]):
        for label in box.findChildren(QLabel):
            if label.text():
                assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
                assert_literal(label.text(), "dialog", label.textFormat())


# -- the scan: new code cannot bypass the helpers ------------------------------------------

def _ui_modules():
    for path in sorted(UI.rglob("*.py")):
        if path.name != "plain_text.py":
            yield path, ast.parse(path.read_text(encoding="utf-8"))


def _is_safe_text(node: ast.AST) -> bool:
    """A string the code wrote itself, or text that went through the helpers."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Call):
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if name in ("tooltip", "button_text"):
            return True
        if name == "tr":  # a translation of a literal
            return all(isinstance(a, ast.Constant) for a in node.args)
    return False


def test_every_tooltip_goes_through_the_helper():
    bad = []
    for path, tree in _ui_modules():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            if node.func.attr == "setToolTip" and node.args and not _is_safe_text(node.args[0]):
                bad.append(f"{path.name}:{node.lineno} setToolTip")
            if node.func.attr == "showText" and len(node.args) > 1 and not _is_safe_text(node.args[1]):
                bad.append(f"{path.name}:{node.lineno} showText")
    assert not bad, "tooltips that bypass reader.ui.plain_text.tooltip: " + ", ".join(bad)


def test_every_tooltip_role_returns_through_the_helper():
    bad = []
    for path, tree in _ui_modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and "ToolTipRole" in ast.unparse(node.test):
                for ret in (n for stmt in node.body for n in ast.walk(stmt) if isinstance(n, ast.Return)):
                    value = ret.value
                    if value is None or _is_safe_text(value) or (
                            isinstance(value, ast.IfExp) and _is_safe_text(value.body) and _is_safe_text(value.orelse)):
                        continue
                    bad.append(f"{path.name}:{ret.lineno}")
    assert not bad, "ToolTipRole values that bypass tooltip(): " + ", ".join(bad)


def test_labels_and_message_boxes_are_built_plain():
    """A QLabel is created with a literal, by plain_label, or marked rich_label (our own markup,
    its fields escaped); a QMessageBox only by message_box, except the two dialogs whose rich
    text is ours."""
    ours = {"show_search_help", "show_about"}  # static help text, no article data
    bad = []
    for path, tree in _ui_modules():
        marked_rich = {id(arg) for n in ast.walk(tree) if isinstance(n, ast.Call)
                       and getattr(n.func, "id", "") == "rich_label" for arg in n.args}
        for func in (n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))):
            for node in ast.walk(func):
                if not isinstance(node, ast.Call) or id(node) in marked_rich:
                    continue  # rich_label(QLabel()): our own markup, every field escaped
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                if name == "QLabel" and node.args and not _is_safe_text(node.args[0]):
                    bad.append(f"{path.name}:{node.lineno} QLabel(data)")
                if name == "QLabel" and not node.args:
                    bad.append(f"{path.name}:{node.lineno} QLabel() (use plain_label)")
                if name == "QMessageBox" and func.name not in ours:
                    bad.append(f"{path.name}:{node.lineno} QMessageBox (use message_box)")
                if (isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name)
                        and node.func.value.id == "QMessageBox" and name in ("about", "information", "warning",
                                                                               "critical", "question")
                        and func.name not in ours):
                    bad.append(f"{path.name}:{node.lineno} QMessageBox.{name}")
    assert not bad, ", ".join(bad)


# -- the real window on a hostile library ----------------------------------------------------

def _hostile_analyzer(items):
    for key, text, _hints in items:
        start = text.index("We will vote")
        yield ArticleRecord(
            file=key, title=TITLE, outlet=OUTLET, author=UNTERMINATED_RLE_AUTHOR + " <i>x</i>",
            quotes=[Quote(start=start, end=start + len("We will vote"), text="We will vote", kind="direct",
                          speaker=SPEAKER, speaker_type="person", cue=CUE, confidence=0.9)],
            entities=[Entity(name=ENTITY, type="organisation", mentions=[(0, 6)]),
                      Entity(name=SPEAKER, type="person", mentions=[(start, start + 3)])])


def _resolver(record, source):
    return record.outlet, "unknown", []


@pytest.fixture()
def hostile_window(qtbot, tmp_path):
    from reader.ui.app import create_window

    folder = tmp_path / "lib <u>folder"  # no "/" in a name: an opening tag alone
    folder.mkdir()
    (folder / "markup.txt").write_text(f"{TITLE}\n\nThe council met. \u201cWe will vote,\u201d said Jane Roe "
                                       f"{RLO}live{chr(0x202c)} today.\n", encoding="utf-8")
    options = {"analyzer": _hostile_analyzer, "resolver": _resolver}
    location = tmp_path / "index"
    report = update_index(location, [folder], **options)
    assert len(report.added) == 1, report.skipped
    window = create_window(index_dir=location, index_options=options)
    window.dialogs_enabled = False
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    wait_open(qtbot, window)
    return window


def _cells(model):
    for row in range(model.rowCount()):
        for col in range(model.columnCount()):
            yield model.index(row, col)


def test_no_widget_or_model_reads_article_text_as_markup(qtbot, hostile_window):
    w = hostile_window
    entity = next(e for e in w.controller.panels().entities if e.name == ENTITY)
    w.controller.add_filter(entity.key, entity.name)  # a chip with the entity's name
    qtbot.waitUntil(lambda: not w.controller.search_pending(), timeout=10000)
    stories = w.stories_dock  # the Stories panel, scoped to the markup story (its chip shows the headline)
    stories.raise_()
    qtbot.waitUntil(lambda: bool(stories.stories) and not stories.busy(), timeout=60000)
    w.library_view.selectRow(0)
    qtbot.waitUntil(lambda: w.reading_view.article is not None, timeout=10000)
    # every label: plain text wherever it holds markup-like text
    for label in w.findChildren(QLabel):
        if "<" in label.text() and not label.property(RICH_PROPERTY):
            assert label.textFormat() == Qt.TextFormat.PlainText, (label.objectName(), label.text())
        assert_literal(label.text(), f"label {label.objectName()}", label.textFormat())
    # every widget's tooltip and the chips' texts
    for widget in w.findChildren(QWidget):
        if widget.toolTip():
            assert_literal(widget.toolTip(), f"tooltip of {type(widget).__name__}")
    chip = w.chips.chips()[0]
    assert chip.text().replace("&&", "&").startswith(ENTITY)
    # every model cell's tooltip; no bidi control in what a cell shows
    for model in (w.library_model, w.entities_panel.model, w.quotes_model, stories.panel.model):
        assert model.rowCount() > 0
        for index in _cells(model):
            tip = index.data(Qt.ItemDataRole.ToolTipRole)
            if tip:
                assert_literal(tip, f"{type(model).__name__} tooltip")
            display = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
            assert not set(display) & set(BIDI_CONTROLS), display
    # the reading view: the quote's tooltip, as the browser hands it to QToolTip
    text = w.reading_view.browser.toPlainText()
    assert TITLE in text and SPEAKER in text and RLO not in text and RLE not in text
    doc = w.reading_view.browser.document()
    pos = doc.toPlainText().index("We will vote") + 2
    cursor = QTextCursor(doc)
    cursor.setPosition(pos)
    tip = cursor.charFormat().toolTip()  # what ArticleBrowser hands, through tooltip(), to QToolTip
    assert CUE in tip and SPEAKER in tip
    assert_literal(tooltip(tip), "quote tooltip")
    w.title.rename(f"<u>folder{RLO} name")  # the library's name is the user's: shown as typed
    assert not set(w.windowTitle()) & set(BIDI_CONTROLS) and "<u>folder" in w.windowTitle()
    assert "<u>folder" in w.status.corpus_label.text()
    stories.scope_to(stories.stories[0].id)  # the library scoped to the markup story: its chip
    qtbot.waitUntil(lambda: not w.controller.search_pending(), timeout=10000)
    chip = stories.scope.chip
    assert chip.text().replace("&&", "&").startswith(TITLE[:20])
    assert_literal(chip.toolTip(), "story chip tooltip")
    for label in stories.scope.row.findChildren(QLabel) + [stories.panel.status_label]:
        assert label.textFormat() == Qt.TextFormat.PlainText


def test_the_outlet_dialog_shows_a_markup_title_as_text(qtbot, hostile_window):
    dlg = hostile_window.labels.dialog(assign=True)
    qtbot.addWidget(dlg)
    texts = [lb.text() for lb in dlg.findChildren(QLabel)]
    assert TITLE in texts
    for label in dlg.findChildren(QLabel):
        if "<" in label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText, label.text()


# -- bidi ---------------------------------------------------------------------------------

def _bidi_article():
    from reader.search.articles import StoredArticle

    body = f"Minister calls report {RLO}live\u202c and false\n\nShe said {RLO}eurt\u202c: \u201cWe stand.\u201d\n"
    start = body.index("We stand.")
    rec = ArticleRecord(file="/x/b.md", title=body.splitlines()[0],
                        quotes=[Quote(start=start, end=start + 9, text="We stand.", speaker=f"{RLE}Ann Lee",
                                      kind="direct", confidence=0.8)])
    return StoredArticle(path="/x/b.md", title=rec.title, outlet=f"{RLO}swen", author=UNTERMINATED_RLE_AUTHOR,
                         published="2022-02-24", kind="news", url="", format="text", bias="left", body=body,
                         record=rec)


def test_bidi_controls_are_neutralised_and_each_header_field_isolated():
    from reader.render.article_html import article_html
    from reader.safe_text import FSI, PDI, WORD_JOINER

    out = article_html(_bidi_article())
    assert RLO not in out and RLE not in out and "\u202c" not in out  # no override or embedding survives
    assert f"{FSI}Staff writer{PDI}" in out  # the byline is sealed: its embedding is gone, nothing leaks
    assert f"{FSI}swen{PDI}" in out and f"{FSI}Ann Lee{PDI}" in out
    assert f"report {WORD_JOINER}live{WORD_JOINER} and" in out  # one for one: offsets into the body hold


def test_a_quote_after_bidi_controls_is_still_selected_exactly(qtbot):
    from reader.ui.reading.view import ReadingView

    view = ReadingView()
    qtbot.addWidget(view)
    view.show_article(_bidi_article(), selected_quote=0)
    assert view.browser.textCursor().selectedText() == "We stand."
