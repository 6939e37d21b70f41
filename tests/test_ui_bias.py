"""Bias labels in the UI: tooltips, "About this label", the coverage bar and the outlet dialog."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from ui_helpers import DW_FILE
from ui_helpers import gold_analyzer
from ui_helpers import main_window  # noqa: F401 - fixture
from ui_helpers import no_dangling_workers  # noqa: F401 - autouse fixture
from ui_helpers import simple_resolver
from ui_helpers import ui_index  # noqa: F401 - fixture
from ui_helpers import wait_open

from reader.outlet_overrides import default_registry
from reader.outlets import Outlet
from reader.outlets import Rating
from reader.ui.app import create_window
from reader.ui.library.coverage_bar import active_bias_tokens
from reader.ui.library.coverage_bar import toggle_bias_term
from reader.ui.library.model import LibraryModel
from reader.ui.library.outlet_dialog import OutletDialog
from reader.ui.library.outlet_dialog import save_label
from reader.outlet_info import LabelForm
from reader.outlet_info import chip_label
from reader.outlet_info import coverage_counts
from reader.outlet_info import label_details
from reader.outlet_info import label_tooltip
from reader.outlet_info import segment_token

RATED = Outlet(name="Daily Example", country="US", ownership="Example Media Group",
               ratings=(Rating("AllSides", "AllSides 5-point", "lean right", "2021-02-20",
                               "https://www.allsides.com/news-source/example", current=True),))
UNRATED_OUTLET = Outlet(name="Quiet Times", unrated_reason="no open rating covers it")


@pytest.fixture(autouse=True)
def fresh_registry():
    """Each test's PARALLAX_HOME gets its own outlet registry (it is cached per process)."""
    default_registry.cache_clear()
    yield
    default_registry.cache_clear()


def test_label_details_give_provenance_or_the_reason():
    rows = dict(label_details(RATED))
    assert rows["Label"] == "Lean Right" and rows["Source"] == "AllSides"
    assert rows["Scale"] == "AllSides 5-point" and rows["Rated"] == "2021-02-20"
    assert rows["URL"].startswith("https://") and rows["Ownership"] == "Example Media Group"
    assert rows["Country"] == "US"
    assert dict(label_details(UNRATED_OUTLET))["Why"] == "no open rating covers it"
    assert "not in the outlet registry" in label_tooltip(None, "Nobody News")


def test_coverage_counts_split_leans_and_follow_the_index_when_stale():
    known = {"Daily Example": RATED, "Quiet Times": UNRATED_OUTLET}
    counts = coverage_counts([("Daily Example", "right"), ("Quiet Times", "unrated"), ("", "unknown"),
                              ("Daily Example", "center"), ("Nobody", "unknown")],
                             lambda name: known[name].lean if name in known else None)
    assert counts["lean right"] == 1 and counts["unrated"] == 1 and counts["unknown"] == 2
    assert counts["center"] == 1  # the index says center: that is what bias:center will show
    assert sum(counts.values()) == 5


def test_chip_label_refines_the_indexed_token():
    assert chip_label(RATED.lean, "right") == "Lean right"
    assert chip_label(RATED.lean, "center") == "Center"  # stale index: say what the filter will find
    assert chip_label(UNRATED_OUTLET.lean, "unrated") == "Unrated"
    assert chip_label("mixed", "unrated") == "Mixed"
    assert chip_label(None, "unknown") == "Unknown"


def test_bias_terms_toggle_in_the_query():
    assert toggle_bias_term("pipeline", "left") == "pipeline bias:left"
    assert toggle_bias_term("pipeline bias:left", "left") == "pipeline"
    assert active_bias_tokens("x bias:unrated BIAS:Right") == {"unrated", "right"}


def test_label_form_validation():
    assert LabelForm("DW", "center").problems() == []
    assert LabelForm(" ", "center").problems() == ["Name the outlet."]
    assert "Choose a label" in LabelForm("DW", "far left").problems()[0]
    assert "http" in LabelForm("DW", "mixed", url="javascript:x").problems()[0]


def test_chip_tooltip_and_about_this_label(qtbot, main_window):
    index = main_window.library_proxy.index(0, LibraryModel.COL_OUTLET)
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "bias:" in tip and ("Why:" in tip or "Source:" in tip or "Label:" in tip)
    assert main_window.open_article(main_window.controller.find_path(DW_FILE))
    text = main_window.reading_view.browser.toPlainText()
    assert "About this label" in text and ("Why:" in text or "Source:" in text)


def test_coverage_bar_counts_and_filters(qtbot, main_window):
    bar = main_window.coverage_bar
    assert bar.isVisible() and sum(bar.counts.values()) == 5
    seg, button = next((s, b) for s, b in bar.buttons.items() if b.isVisible())
    assert str(bar.counts[seg]) in button.text() and button.accessibleName()
    wanted = sum(n for s, n in bar.counts.items() if segment_token(s) == segment_token(seg))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not main_window.controller.search_pending(), timeout=10000)
    token = next(iter(active_bias_tokens(main_window.search_edit.text())))
    rows = main_window.library_proxy.rowCount()
    assert rows == wanted  # bias:left shows left and lean left together
    assert all(main_window.library_proxy.index(r, 0).data(LibraryModel.BiasRole) == token
               for r in range(rows))
    assert bar.buttons[seg].isChecked()
    qtbot.mouseClick(bar.buttons[seg], Qt.MouseButton.LeftButton)  # again: the filter goes
    qtbot.waitUntil(lambda: not main_window.controller.search_pending(), timeout=10000)
    assert "bias:" not in main_window.search_edit.text() and main_window.library_proxy.rowCount() == 5


def test_dialog_validates_and_saves_through_the_registry(qtbot):
    registry = default_registry()
    dlg = OutletDialog(registry, "Bol News")
    qtbot.addWidget(dlg)
    dlg.value_box.setCurrentIndex(dlg.value_box.findData("lean right"))
    dlg.url_edit.setText("file:///etc/passwd")
    dlg.accept()
    assert dlg.result() != OutletDialog.DialogCode.Accepted and "http" in dlg.error.text()
    dlg.url_edit.setText("https://example.org/why")
    dlg.note_edit.setPlainText("my reading")
    dlg.accept()
    assert dlg.result() == OutletDialog.DialogCode.Accepted
    outlet = registry.resolve(name="Bol News")
    assert outlet.lean == "lean right" and outlet.current_rating.note == "my reading"


def test_a_label_survives_a_restart(qtbot, ui_index, tmp_path):
    location = tmp_path / "index"
    shutil.copytree(ui_index, location)
    options = {"analyzer": gold_analyzer, "resolver": simple_resolver}
    first = create_window(index_dir=location, index_options=options)
    qtbot.addWidget(first)
    first.show()
    wait_open(qtbot, first)
    path = first.controller.find_path(DW_FILE)
    sha = first.controller.article_sha(path)
    assert sha
    save_label(default_registry(), LabelForm("My Weekly", "lean left", note="assigned by me"),
               article_id=sha)
    with qtbot.waitSignal(first.controller.job_done, timeout=60000) as done:
        first.labels.saved()
    assert done.args[0] == "Updating labels" and done.args[1] >= 1
    first.close()
    default_registry.cache_clear()  # a new process would read the overrides file again
    second = create_window(index_dir=location, index_options=options)
    qtbot.addWidget(second)
    second.show()
    wait_open(qtbot, second)
    assert not second.controller.read_only
    assert default_registry().article_outlet(sha).name == "My Weekly"
    hit = second.controller.hit(path)
    assert hit.outlet == "My Weekly" and hit.bias == "left"
    assert second.open_article(path)
    text = second.reading_view.browser.toPlainText()
    assert "Lean Left" in text and "assigned by me" in text
    assert second.coverage_bar.counts["lean left"] >= 1
    row = second.library_model.row_of(path)
    tip = second.library_model.index(row, LibraryModel.COL_OUTLET).data(Qt.ItemDataRole.ToolTipRole)
    assert "your own label" in tip
    second.close()


def test_set_outlet_dialog_for_the_open_article(qtbot, main_window):
    assert main_window.open_article(main_window.controller.find_path(DW_FILE))
    dlg = main_window.labels.dialog(assign=True)
    qtbot.addWidget(dlg)
    assert dlg.keep_box.isChecked() and not dlg.value_box.isEnabled()
    assert dlg.property("articleId") and dlg.name_box.currentText() == main_window.reading_view.article.outlet
    assert Path(main_window.reading_view.article.path).name == DW_FILE
