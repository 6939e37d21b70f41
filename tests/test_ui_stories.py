"""The Stories panel (issue 19, item 3) on real windows: the seeds, and a library of real
AllSides stories with BBC distractors (skipped when ../shared/data is absent).

The panel lists the library's stories with their counts, dates, coverage and
blindspots; clicking one scopes the library (``story:ID`` through the one
search path, shown as a removable chip) and Compare follows; the user's moves,
merges and splits are made from the panel and survive a regroup.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtCore import Qt

from story_helpers import allsides_library  # noqa: F401 - fixture
from ui_helpers import build_gold_index
from ui_helpers import gold_analyzer
from ui_helpers import main_window  # noqa: F401 - fixture
from ui_helpers import no_dangling_workers  # noqa: F401 - autouse fixture
from ui_helpers import simple_resolver
from ui_helpers import ui_index  # noqa: F401 - fixture
from ui_helpers import wait_open

from reader.ui.stories.model import StoriesModel

GOLD_OPTIONS = {"analyzer": gold_analyzer, "resolver": simple_resolver}


def open_window(qtbot, location: Path, options: dict | None = None, size=(1400, 900)):
    from reader.ui.app import create_window

    window = create_window(index_dir=location, index_options=options or {})
    window.dialogs_enabled = False
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    wait_open(qtbot, window)
    return window


def show_stories(qtbot, window):
    dock = window.stories_dock
    dock.raise_()
    qtbot.waitUntil(lambda: bool(dock.stories) and not dock.busy(), timeout=120000)
    return dock


def settle(qtbot, window, dock=None) -> None:
    qtbot.waitUntil(lambda: not window.controller.search_pending() and not (dock and dock.busy()),
                    timeout=60000)


def library_paths(window) -> set[str]:
    model = window.library_model
    return {model.index(r, 0).data(model.PathRole) for r in range(model.rowCount())}


def click_story(qtbot, dock, story_id: str, column: int = StoriesModel.COL_STORY,
                modifier=Qt.KeyboardModifier.NoModifier) -> None:
    view = dock.panel.view
    index = dock.panel.index_of(story_id, column)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, view.visualRect(index).center())


def select_library(window, paths) -> None:
    sm = window.library_view.selectionModel()
    sm.clearSelection()
    for path in paths:
        row = window.library_model.row_of(path)
        index = window.library_proxy.mapFromSource(window.library_model.index(row, 0))
        sm.select(index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)


def seed_copy(tmp_path: Path) -> Path:
    return build_gold_index(tmp_path / "index")


# -- the list --------------------------------------------------------------------------------

def test_the_panel_lists_the_librarys_stories_as_the_core_groups_them(qtbot, qtmodeltester, main_window):
    from reader.stories.library import open_stories
    from reader.stories.summary import summarize

    dock = show_stories(qtbot, main_window)
    c = main_window.controller
    expected = summarize(open_stories(c.location, c.view), c.view)
    model = dock.panel.model
    assert [model.story(r).id for r in range(model.rowCount())] == [s.id for s in expected]
    assert sum(model.story(r).size for r in range(model.rowCount())) == c.article_count()
    top = expected[0]
    row = model.row_of(top.id)
    assert model.index(row, model.COL_SIZE).data() == str(top.size)
    assert model.index(row, model.COL_OUTLETS).data() == str(len(top.outlets))
    assert model.index(row, model.COL_STORY).data() == top.headline
    tip = model.index(row, model.COL_COVERAGE).data(Qt.ItemDataRole.ToolTipRole)
    assert "By lean:" in tip and "By ownership:" in tip
    spoken = model.index(row, model.COL_COVERAGE).data(Qt.ItemDataRole.AccessibleTextRole)
    assert sum(int(part.rsplit(" ", 1)[1]) for part in spoken.split(" · ")) == top.size
    assert "stor" in dock.panel.status_label.text()
    qtmodeltester.check(model)
    qtmodeltester.check(dock.panel.proxy)


def test_clicking_a_story_scopes_list_entities_quotes_and_its_chip_removes_it(qtbot, main_window):
    dock = show_stories(qtbot, main_window)
    story = dock.stories[0]
    click_story(qtbot, dock, story.id)
    settle(qtbot, main_window)
    c = main_window.controller
    assert f"story:{story.id}" in c.query
    assert library_paths(main_window) == set(story.paths)
    assert {q.path for q in c.panels().quotes.rows()} <= set(story.paths)
    assert c.panels().entities and all(e.count <= story.size for e in c.panels().entities)
    assert sum(main_window.coverage_bar.counts.values()) == story.size
    chip = dock.scope.chip
    assert chip is not None and dock.scope.row.isVisible()
    assert main_window.search_edit.text() == ""  # the field keeps what the user typed
    main_window.set_query("Khan")  # typing searches within the story
    settle(qtbot, main_window)
    assert library_paths(main_window) <= set(story.paths) and "story:" in c.query
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    settle(qtbot, main_window)
    assert dock.scope.story_id is None and not dock.scope.row.isVisible()
    assert c.query == "Khan" and len(library_paths(main_window)) >= len(story.paths)


def test_compare_opens_on_the_selected_story(qtbot, main_window):
    dock = show_stories(qtbot, main_window)
    story = max(dock.stories, key=lambda s: s.size)
    dock.panel.select(story.id)
    qtbot.mouseClick(dock.panel.buttons["compare"], Qt.MouseButton.LeftButton)
    host = main_window.compare_tab
    assert main_window.tabs.currentWidget() is host
    qtbot.waitUntil(lambda: host.workspace is not None and host.workspace.comparison is not None
                    and not host.workspace.pending() and not main_window.controller.search_pending(),
                    timeout=60000)
    qtbot.waitUntil(lambda: f"{story.size} articles" in host.workspace.heading.text(), timeout=30000)
    assert "the story" in host.workspace.heading.text() and "story:" not in host.workspace.heading.text()
    assert set(main_window.controller.result_paths()) == set(story.paths)
    main_window.tabs.setCurrentWidget(main_window.reader_page)


# -- the user's edits --------------------------------------------------------------------------

def pins_file() -> dict:
    from reader.paths import user_config_dir

    return json.loads((user_config_dir() / "stories.json").read_text(encoding="utf-8"))["pins"]


def test_split_merge_and_move_from_the_panel_are_kept_through_a_regroup(qtbot, tmp_path):
    window = open_window(qtbot, seed_copy(tmp_path), GOLD_OPTIONS)
    dock = show_stories(qtbot, window)
    big = max(dock.stories, key=lambda s: s.size)
    assert big.size >= 2, "the seeds hold one story told by several outlets"
    before = len(dock.stories)
    click_story(qtbot, dock, big.id)  # scoped: the library lists the story's articles
    settle(qtbot, window)
    leaving = big.paths[-1]
    select_library(window, [leaving])
    assert dock.panel.buttons["split"].isEnabled()
    qtbot.mouseClick(dock.panel.buttons["split"], Qt.MouseButton.LeftButton)
    settle(qtbot, window, dock)
    assert len(dock.stories) == before + 1
    assert leaving not in dock.story(big.id).paths and leaving not in library_paths(window)
    new_id = dock.story_of(leaving)
    assert pins_file()[leaving] != pins_file()[big.paths[0]]  # kept as the user's override
    qtbot.mouseClick(dock.panel.buttons["regroup"], Qt.MouseButton.LeftButton)
    settle(qtbot, window, dock)
    assert dock.story_of(leaving) != dock.story_of(big.paths[0])  # the split holds
    # merge the two again: select both in the panel
    dock.panel.view.clearSelection()
    click_story(qtbot, dock, big.id, StoriesModel.COL_SIZE, Qt.KeyboardModifier.ControlModifier)
    click_story(qtbot, dock, new_id, StoriesModel.COL_SIZE, Qt.KeyboardModifier.ControlModifier)
    assert set(dock.panel.selected_ids()) == {big.id, new_id}
    qtbot.mouseClick(dock.panel.buttons["merge"], Qt.MouseButton.LeftButton)
    settle(qtbot, window, dock)
    assert len(dock.stories) == before and dock.story_of(leaving) == big.id
    assert set(library_paths(window)) == set(big.paths)  # the scoped list shows the merged story
    # move one article into another story: pick it in the library, the story in the panel
    other = next(s for s in dock.stories if s.id != big.id)
    moving = big.paths[0]
    select_library(window, [moving])
    dock.panel.select(other.id)
    assert dock.panel.buttons["move"].isEnabled()
    qtbot.mouseClick(dock.panel.buttons["move"], Qt.MouseButton.LeftButton)
    settle(qtbot, window, dock)
    assert dock.story_of(moving) == other.id and moving not in library_paths(window)
    window.close()
    again = open_window(qtbot, tmp_path / "index", GOLD_OPTIONS)  # a new window regroups from scratch
    dock = show_stories(qtbot, again)
    dock.regroup()
    settle(qtbot, again, dock)
    assert dock.story_of(moving) == dock.story_of(other.paths[0])
    assert dock.story_of(leaving) == dock.story_of(big.paths[1]) != dock.story_of(moving)  # the merge holds too


def test_ctrl_5_shows_the_panel_and_enter_scopes_the_current_story(qtbot, main_window):
    main_window.actions.focus_stories.trigger()
    dock = show_stories(qtbot, main_window)
    view = dock.panel.view
    assert view.hasFocus() or main_window.focusWidget() is view
    story = dock.stories[0]
    view.setCurrentIndex(dock.panel.index_of(story.id))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    settle(qtbot, main_window)
    assert dock.scope.story_id == story.id and library_paths(main_window) == set(story.paths)
    dock.scope.clear()
    settle(qtbot, main_window)


def test_a_read_only_window_offers_no_edits(qtbot, main_window):
    dock = show_stories(qtbot, main_window)
    main_window.set_read_only(True)
    click_story(qtbot, dock, dock.stories[0].id)  # a selection asks the buttons again
    assert not any(dock.panel.buttons[n].isEnabled() for n in ("merge", "split", "move", "regroup"))
    main_window.set_read_only(False)


def test_the_panel_follows_the_library_when_an_article_is_added(qtbot, tmp_path):
    window = open_window(qtbot, seed_copy(tmp_path), GOLD_OPTIONS)
    dock = show_stories(qtbot, window)
    count = sum(s.size for s in dock.stories)
    extra = tmp_path / "extra"
    extra.mkdir()
    article = extra / "harvest.md"
    article.write_text("---\ntitle: Wheat harvest in Punjab beats every forecast\noutlet: Dawn\n"
                       "published: 2021-05-02\n---\n\nFarmers in Punjab brought in a record wheat harvest "
                       "this spring, the agriculture ministry said on Sunday.\n", encoding="utf-8")
    assert window.editing.add([extra])
    qtbot.waitUntil(lambda: not window.controller.busy_or_pending(), timeout=120000)
    qtbot.waitUntil(lambda: sum(s.size for s in dock.stories) == count + 1 and not dock.busy(), timeout=60000)
    path = str(article.resolve())
    assert dock.story_of(path) is not None and dock.story(dock.story_of(path)).size == 1


# -- a real multi-story library -----------------------------------------------------------------

@pytest.fixture()
def allsides_window(qtbot, allsides_library, tmp_path):  # noqa: F811 - fixture
    location = allsides_library.copy(tmp_path / "index")
    window = open_window(qtbot, location)
    return window, allsides_library


def test_a_library_of_real_stories_is_listed_sorted_filtered_and_scoped(qtbot, qtmodeltester, allsides_window):
    window, library = allsides_window
    dock = show_stories(qtbot, window)
    model, proxy, view = dock.panel.model, dock.panel.proxy, dock.panel.view
    assert model.rowCount() >= 10
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)
    header = view.horizontalHeader()
    view.sortByColumn(StoriesModel.COL_SIZE, Qt.SortOrder.DescendingOrder)
    sizes = [int(proxy.index(r, StoriesModel.COL_SIZE).data()) for r in range(proxy.rowCount())]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] >= 2
    view.sortByColumn(StoriesModel.COL_DATES, Qt.SortOrder.AscendingOrder)
    dates = [model.row_at(r).last_date for r in range(model.rowCount()) if model.row_at(r).last_date]
    assert dates == sorted(dates)
    assert header.sortIndicatorSection() == StoriesModel.COL_DATES
    dock.panel.singles_box.setChecked(True)
    assert all(model.row_at(r).size >= 2 for r in range(model.rowCount()))
    dock.panel.singles_box.setChecked(False)
    # the filter box finds a story by a word of its headline
    story = next(s for s in dock.stories if s.size >= 3 and len(s.outlets) >= 2)
    word = max(story.headline.split(), key=len)
    dock.panel.filter_edit.setText(word)
    assert 1 <= model.rowCount() < len(dock.stories) and model.row_of(story.id) >= 0
    dock.panel.filter_edit.clear()
    # scoping: the library lists exactly the story's articles, and their quotes
    click_story(qtbot, dock, story.id)
    settle(qtbot, window)
    listed = library_paths(window)
    assert listed == set(story.paths)
    assert {q.path for q in window.controller.panels().quotes.rows()} <= listed
    assert sum(window.coverage_bar.counts.values()) == story.size
    assert all(not library.gold[p].startswith("bbc:") for p in listed)  # no distractor in an AllSides story


def test_blindspots_are_listed_and_filtered(qtbot, allsides_window):
    window, _library = allsides_window
    dock = show_stories(qtbot, window)
    model = dock.panel.model
    dock.panel.blindspots_box.setChecked(True)
    shown = [model.row_at(r) for r in range(model.rowCount())]
    assert all(s.blindspot for s in shown)
    assert len(shown) == sum(1 for s in dock.stories if s.blindspot)
    for s in shown:
        row = model.row_of(s.id)
        assert model.index(row, model.COL_BLINDSPOT).data() in ("Only left", "Only right")
        assert "blindspot for the" in model.index(row, model.COL_BLINDSPOT).data(Qt.ItemDataRole.ToolTipRole)
    dock.panel.blindspots_box.setChecked(False)
    assert model.rowCount() == len(dock.stories)


def test_the_panel_does_not_load_anything_until_it_is_shown(qtbot, tmp_path):
    window = open_window(qtbot, seed_copy(tmp_path), GOLD_OPTIONS)
    assert not window.stories_dock.isVisible() or window.stories_dock.visibleRegion().isEmpty()
    assert window.stories_dock.stories == [] and window.stories_dock.task is None
    assert not (tmp_path / "index" / "parallax-stories.npz").exists()


def test_grouping_runs_on_a_worker_thread(qtbot, tmp_path, monkeypatch):
    import threading

    import reader.stories.library as stories_library

    threads = []
    real = stories_library.open_stories

    def recording(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(stories_library, "open_stories", recording)
    window = open_window(qtbot, seed_copy(tmp_path), GOLD_OPTIONS)
    show_stories(qtbot, window)
    assert threads and all(t is not threading.main_thread() for t in threads)


def test_the_model_reads_only_the_rows_it_shows(qtbot):
    """100,000 stories: the view asks for the cells it paints, not for every row."""
    from reader.stories.summary import OutletShare, StorySummary
    from reader.ui.stories.panel import StoriesPanel

    stories = [StorySummary(id=f"s{i:06d}", label="words · more", headline=f"Headline {i}",
                            paths=[f"/a/{i}-{j}.md" for j in range(1 + i % 4)], first_date="2021-07-01",
                            last_date="2021-07-0%d" % (1 + i % 9), outlets=[OutletShare("Outlet", 1, "center")],
                            lean={"center": 1 + i % 4}, ownership={"unknown": 1}, blindspot=None, rated=1)
               for i in range(100_000)]
    panel = StoriesPanel()
    qtbot.addWidget(panel)
    panel.resize(1200, 400)
    calls = []

    class Counting(StoriesModel):
        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            calls.append(index.row())
            return super().data(index, role)

    panel.model = Counting(panel)
    panel.proxy.setSourceModel(panel.model)
    panel.model.set_stories(stories)
    panel.show()
    qtbot.waitExposed(panel)
    panel.view.sortByColumn(StoriesModel.COL_SIZE, Qt.SortOrder.DescendingOrder)
    panel.grab()  # paints the view now
    assert panel.proxy.rowCount() == 100_000
    assert calls and max(calls) < 200  # the first screenful, not 100k rows
    assert int(panel.proxy.index(0, StoriesModel.COL_SIZE).data()) == 4


def test_compare_has_the_room_and_the_stories_come_back_after(qtbot, tmp_path):
    """Opening Compare hides the docks under the page without loading the stories; they come
    back as they were."""
    window = open_window(qtbot, seed_copy(tmp_path), GOLD_OPTIONS)
    dock = window.stories_dock
    window.actions.compare.trigger()
    qtbot.waitUntil(lambda: window.compare_tab.workspace is not None, timeout=30000)
    assert dock.isHidden() and window.quotes_dock.isHidden()
    window.tabs.setCurrentWidget(window.reader_page)
    qtbot.wait(200)
    assert not dock.isHidden() and not window.quotes_dock.isHidden()
    assert dock.task is None and not dock.stories  # the quotes' tab is in front: nothing was loaded
    qtbot.waitUntil(lambda: not window.compare_tab.workspace.pending(), timeout=30000)
    dock.raise_()
    qtbot.waitUntil(lambda: bool(dock.stories) and not dock.busy(), timeout=30000)
    window.actions.compare.trigger()
    window.tabs.setCurrentWidget(window.reader_page)
    qtbot.waitUntil(lambda: not dock.visibleRegion().isEmpty(), timeout=5000)  # the stories' tab in front again
