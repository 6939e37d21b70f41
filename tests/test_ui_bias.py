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
from reader.ui.library.coverage_bar import active_tokens
from reader.ui.library.coverage_bar import toggle_bias_term
from reader.ui.library.coverage_bar import toggle_term
from reader.ui.library.model import LibraryModel
from reader.ui.library.outlet_dialog import OutletDialog
from reader.ui.library.outlet_dialog import save_label
from reader.ui.plain_text import tooltip
from reader.outlet_info import LEAN_LEGEND
from reader.outlet_info import SEGMENTS
from reader.outlet_info import LabelForm
from reader.outlet_info import bias_label
from reader.outlet_info import coverage_counts
from reader.outlet_info import label_details
from reader.outlet_info import label_tooltip

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


def test_coverage_counts_are_the_indexed_tokens():
    counts = coverage_counts(["lean-right", "unrated", "unknown", "center", None, "lean-right", "bogus"])
    assert counts["lean-right"] == 2 and counts["unrated"] == 1 and counts["center"] == 1
    assert counts["unknown"] == 3  # nothing, and a token the bar does not know, are unknown
    assert sum(counts.values()) == 7 and list(counts) == list(SEGMENTS)


def test_chip_labels_are_five_point():
    assert [bias_label(t) for t in SEGMENTS] == ["Left", "Lean left", "Center", "Lean right", "Right",
                                                  "Mixed", "Unrated", "Unknown"]
    assert bias_label(None) == "Unknown"


def test_bias_terms_toggle_in_the_query():
    assert toggle_bias_term("pipeline", "left") == "pipeline bias:left"
    assert toggle_bias_term("pipeline bias:left", "left") == "pipeline"
    assert toggle_bias_term('pipeline bias:"lean left"', "lean-left") == "pipeline"  # in any spelling
    assert toggle_bias_term("pipeline bias:lean-left", "left") == "pipeline bias:lean-left bias:left"
    assert active_bias_tokens("x bias:unrated BIAS:Right") == {"unrated", "right"}
    assert active_bias_tokens('x bias:"lean left" bias:nonsense') == {"lean-left"}
    assert toggle_term("", "ownership", "state-funded") == "ownership:state-funded"
    assert active_tokens('ownership:"state funded"', "ownership") == {"state-funded"}


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


def _click_shows_its_count(qtbot, window, mode: str) -> list[str]:
    """Click every visible segment of ``mode``: the list shows exactly its count, each row
    of that class; clicking again removes the filter. Returns the classes clicked."""
    bar = window.coverage_bar
    bar.set_mode(mode)
    shown = {seg: n for (m, seg), b in bar.buttons.items() if m == mode and b.isVisibleTo(bar)
             for n in [bar.coverage[mode][seg]]}
    role = LibraryModel.BiasRole if mode == "bias" else LibraryModel.OwnershipRole
    total = window.library_proxy.rowCount()
    assert shown and sum(shown.values()) == total
    for seg, n in shown.items():
        button = bar.button(seg, mode)
        assert button.text().endswith(f" {n}") and button.accessibleName().startswith(f"{bar_label(mode, seg)}: {n} ")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not window.controller.search_pending(), timeout=10000)
        assert active_tokens(window.search_edit.text(), mode) == {seg}
        rows = window.library_proxy.rowCount()
        assert rows == n, (mode, seg)
        assert all(window.library_proxy.index(r, 0).data(role) == seg for r in range(rows))
        assert bar.button(seg, mode).isChecked()
        qtbot.mouseClick(bar.button(seg, mode), Qt.MouseButton.LeftButton)  # again: the filter goes
        qtbot.waitUntil(lambda: not window.controller.search_pending(), timeout=10000)
        assert f"{mode}:" not in window.search_edit.text() and window.library_proxy.rowCount() == total
    return list(shown)


def bar_label(mode: str, seg: str) -> str:
    from reader.outlet_info import OWNERSHIP_LABELS, SEGMENT_LABELS

    return (SEGMENT_LABELS if mode == "bias" else OWNERSHIP_LABELS)[seg]


def test_coverage_segments_show_exactly_what_they_count(qtbot, main_window):
    bar = main_window.coverage_bar
    assert not bar.short  # two classes fit in full
    assert bar.isVisible() and sum(bar.counts.values()) == 5
    assert _click_shows_its_count(qtbot, main_window, "bias")
    assert _click_shows_its_count(qtbot, main_window, "ownership")
    assert "Unrated" in bar.legend.toolTip() or "Public" in bar.legend.toolTip()
    bar.set_mode("bias")
    assert bar.legend.toolTip() == tooltip(LEAN_LEGEND) and "AllSides" in LEAN_LEGEND
    bar.set_counts({"bias": dict.fromkeys(SEGMENTS, 100), "ownership": {}}, {})
    bar.resize(400, bar.height())  # eight classes in 400 pixels: short labels, full names kept
    assert bar.short and bar.button("lean-left").text() == "LL 100"
    assert bar.button("lean-left").accessibleName().startswith("Lean left: 100")


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
    assert hit.outlet == "My Weekly" and hit.bias == "lean-left"
    assert second.open_article(path)
    text = second.reading_view.browser.toPlainText()
    assert "Lean Left" in text and "assigned by me" in text
    assert second.coverage_bar.counts["lean-left"] >= 1
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
