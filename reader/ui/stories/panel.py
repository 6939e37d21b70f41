"""The Stories panel's widgets: filter row, the sortable stories table, the edit buttons.

Construction and signals only; ``reader.ui.stories.dock`` loads the stories,
scopes the library and runs the edits.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reader.ui.plain_text import plain_label
from reader.ui.plain_text import tooltip
from reader.ui.stories.delegates import CoverageDelegate
from reader.ui.stories.model import StoriesModel
from reader.ui.stories.model import StoriesProxy
from reader.ui.views import configured_table

BUTTONS = (  # name, text, tooltip
    ("compare", "Compare", "Open Compare on the selected story: who each outlet let speak, shared words, "
                           "the articles side by side"),
    ("merge", "Merge", "Make the selected stories one story (Ctrl+click to select several)"),
    ("split", "Split Off", "Take the articles selected in the library out of their story into a new one"),
    ("move", "Move Here", "Move the articles selected in the library into the selected story"),
    ("regroup", "Regroup", "Group the whole library into stories again (your own edits are kept)"),
)


class StoriesPanel(QWidget):
    """``story_clicked(id)`` when a story is clicked or Enter is pressed on it."""

    story_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("storiesPanel")
        self.model = StoriesModel(self)
        self.proxy = StoriesProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter stories by headline, words or outlet"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Filter stories")
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.blindspots_box = QCheckBox(self.tr("Blindspots only"))
        self.blindspots_box.setToolTip(self.tr("Only stories whose rated coverage comes from one side"))
        self.blindspots_box.toggled.connect(lambda on: self.model.set_filter(blindspots_only=on))
        self.singles_box = QCheckBox(self.tr("Hide single articles"))
        self.singles_box.setToolTip(self.tr("Hide stories that only one article tells"))
        self.singles_box.toggled.connect(lambda on: self.model.set_filter(min_size=2 if on else 1))
        self.status_label = plain_label()
        self.status_label.setObjectName("storiesStatus")
        self.status_label.setAccessibleName("Stories status")
        self.buttons: dict[str, QPushButton] = {}
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.filter_edit, 2)
        top.addWidget(self.blindspots_box)
        top.addWidget(self.singles_box)
        top.addWidget(self.status_label, 1)
        for name, text, tip in BUTTONS:
            button = QPushButton(self.tr(text))
            button.setObjectName(f"stories_{name}")
            button.setToolTip(tooltip(tip))
            button.setAccessibleName(f"{text} stories" if name in ("merge", "regroup") else text)
            top.addWidget(button)
            self.buttons[name] = button
        self.view = configured_table(self.proxy, "storiesView", "Stories")
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.setItemDelegateForColumn(StoriesModel.COL_COVERAGE, CoverageDelegate(self.view))
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(StoriesModel.COL_STORY, QHeaderView.ResizeMode.Stretch)
        fm = self.fontMetrics()
        for col, sample in ((StoriesModel.COL_LABEL, "Imran Khan · Vladimir Putin · visit"),
                            (StoriesModel.COL_SIZE, "Articles"), (StoriesModel.COL_OUTLETS, "Outlets"),
                            (StoriesModel.COL_DATES, "2022-02-23 – 02-25"),
                            (StoriesModel.COL_COVERAGE, "Coverage bar wide"),
                            (StoriesModel.COL_BLINDSPOT, "Only right")):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, fm.horizontalAdvance(sample) + 20)
        self.view.clicked.connect(self._clicked)
        self.view.activated.connect(self._clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)

    def _clicked(self, index) -> None:
        extending = QApplication.keyboardModifiers() & (Qt.KeyboardModifier.ControlModifier
                                                         | Qt.KeyboardModifier.ShiftModifier)
        if index.isValid() and not extending:  # Ctrl/Shift+click picks several (to merge)
            self.story_clicked.emit(index.data(StoriesModel.IdRole))

    def selected_ids(self) -> list[str]:
        """The selected stories, top to bottom."""
        rows = sorted(self.view.selectionModel().selectedRows(), key=lambda i: i.row())
        return [i.data(StoriesModel.IdRole) for i in rows]

    def select(self, story_id: str) -> None:
        """Make ``story_id`` the current, only selected row (when it is listed)."""
        row = self.model.row_of(story_id)
        if row >= 0:
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            self.view.selectRow(index.row())
            self.view.scrollTo(index)

    def index_of(self, story_id: str, column: int = 0):
        """The view index of a story (tests, screenshots)."""
        row = self.model.row_of(story_id)
        return self.proxy.mapFromSource(self.model.index(row, column)) if row >= 0 else None
