"""File ▸ Export…: what to export, from which articles, in which format, to which file.

The export itself is ``reader.export.job.run_export`` on a worker (``run_task``):
the dialog shows its progress, Cancel stops it and nothing is written, and the
window stays responsive throughout.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QButtonGroup
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QProgressBar
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QRadioButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reader.export.job import ExportCancelled
from reader.export.job import ExportReport
from reader.export.job import ExportRequest
from reader.export.job import run_export
from reader.export.selection import Selection
from reader.export.spec import Format
from reader.export.spec import What
from reader.search.view import IndexView
from reader.search.view import StaleView
from reader.ui.plain_text import message_box
from reader.ui.plain_text import plain_label
from reader.ui.tasks import Task
from reader.ui.tasks import TaskContext
from reader.ui.tasks import run_task

WHAT_LABELS = {What.QUOTES: "Quotes — one row per statement, with speaker, kind, cue and offsets",
               What.ARTICLES: "Articles — metadata with where each field came from, lean, counts",
               What.ENTITIES: "Entities — people, organisations and places, articles per outlet"}


class Scope(Enum):
    RESULTS = "results"  # what the library lists now (query, filters)
    ARTICLES = "articles"  # the articles selected in the library
    QUOTES = "quotes"  # the quotes selected in the quotes panel


@dataclass(frozen=True)
class ScopeChoice:
    scope: Scope
    label: str
    selection: Selection | None  # None: nothing to export from here now


class ExportDialog(QDialog):
    """Pick what, where from and how; Export runs it with progress; Cancel stops it."""

    exported = Signal(object)  # the ExportReport, once the file is in place

    def __init__(self, view: IndexView | None, scopes: list[ScopeChoice], folder: Path,
                 what: What = What.QUOTES, scope: Scope = Scope.RESULTS,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export"))
        self.setAccessibleName("Export")
        self._view = view
        self._folder = Path(folder)
        self._scopes = {c.scope: c for c in scopes}
        self.task: Task | None = None
        self.report: ExportReport | None = None
        self._confirmed_path = ""  # a path the save dialog already asked about

        self.what_group = QButtonGroup(self)
        what_box = QVBoxLayout()
        for w in What:
            button = QRadioButton(self.tr(WHAT_LABELS[w]))
            button.setObjectName(f"what_{w.value}")
            self.what_group.addButton(button)
            button.setProperty("what", w.value)
            what_box.addWidget(button)
        self.scope_group = QButtonGroup(self)
        scope_box = QVBoxLayout()
        for choice in scopes:
            button = QRadioButton(choice.label)
            button.setObjectName(f"scope_{choice.scope.value}")
            button.setProperty("scope", choice.scope.value)
            button.setEnabled(choice.selection is not None and len(choice.selection) > 0)
            self.scope_group.addButton(button)
            scope_box.addWidget(button)
        self.format_box = QComboBox()
        self.format_box.setObjectName("formatBox")
        for f in Format:
            self.format_box.addItem(self.tr(f.label), f.value)
        self.bom_box = QCheckBox(self.tr("Start with a byte order mark (for Excel)"))
        self.bom_box.setObjectName("bomBox")
        self.bom_box.setToolTip(self.tr("Spreadsheet apps read a CSV file's UTF-8 text correctly "
                                        "when it starts with this mark"))
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("pathEdit")
        self.path_edit.setAccessibleName("File to write")
        browse = QPushButton(self.tr("Browse…"))
        browse.setObjectName("browseButton")
        browse.clicked.connect(self.browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(browse)
        self.progress = QProgressBar()
        self.progress.setObjectName("exportProgress")
        self.progress.setVisible(False)
        self.message = plain_label()  # file names and errors are shown as the text they are
        self.message.setObjectName("exportMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("exportButton")
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.export_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.reject)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("Export:"), what_box)
        form.addRow(self.tr("From:"), scope_box)
        form.addRow(self.tr("Format:"), self.format_box)
        form.addRow("", self.bom_box)
        form.addRow(self.tr("File:"), file_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        self._check(self.what_group, "what", what.value)
        enabled = [c.scope for c in scopes if c.selection is not None and len(c.selection) > 0]
        self._check(self.scope_group, "scope", (scope if scope in enabled else (enabled or [scope])[0]).value)
        self.what_group.buttonToggled.connect(lambda *_: self._suggest_path())
        self.scope_group.buttonToggled.connect(lambda *_: self._update())
        self.format_box.currentIndexChanged.connect(lambda *_: self._suggest_path())
        self._suggest_path()
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("m") * 56)

    # -- what the form says ------------------------------------------------------------
    @staticmethod
    def _check(group: QButtonGroup, prop: str, value: str) -> None:
        for button in group.buttons():
            if button.property(prop) == value:
                button.setChecked(True)

    def what(self) -> What:
        button = self.what_group.checkedButton()
        return What(button.property("what")) if button else What.QUOTES

    def scope(self) -> Scope:
        button = self.scope_group.checkedButton()
        return Scope(button.property("scope")) if button else Scope.RESULTS

    def format(self) -> Format:
        return Format(self.format_box.currentData())

    def set_format(self, fmt: Format) -> None:
        self.format_box.setCurrentIndex(self.format_box.findData(fmt.value))

    def path(self) -> Path:
        return Path(self.path_edit.text().strip()).expanduser()

    def selection(self) -> Selection | None:
        choice = self._scopes.get(self.scope())
        return choice.selection if choice is not None else None

    def _suggest_path(self) -> None:
        """A file name that says what is in it, in the folder last exported to."""
        current = self.path_edit.text().strip()
        folder = Path(current).expanduser().parent if current else self._folder
        stem = f"parallax-{self.what().value}"
        if current and not Path(current).name.startswith("parallax-"):
            stem = Path(current).stem  # the user's own name: only the suffix follows the format
        self.path_edit.setText(str(folder / (stem + self.format().suffix)))
        self._update()

    def _update(self) -> None:
        self.bom_box.setEnabled(self.format() == Format.CSV)
        running = self.task is not None
        self.export_button.setEnabled(not running and self._view is not None and bool(self.selection()))
        if self._view is None:
            self.message.setText(self.tr("The library is still opening; try again in a moment."))

    # -- choosing a file -------------------------------------------------------------------
    def browse(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        fmt = self.format()
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Export To"), str(self.path()),
                                                f"{fmt.label} (*{fmt.suffix});;All files (*)")
        if chosen:
            if not Path(chosen).suffix:
                chosen += fmt.suffix
            self._confirmed_path = chosen
            self.path_edit.setText(chosen)

    def _may_write(self, path: Path) -> bool:
        """Whether to write ``path``: asked when it exists and the save dialog did not ask."""
        return not path.exists() or str(path) == self._confirmed_path or self.ask_replace(path)

    def ask_replace(self, path: Path) -> bool:
        from PySide6.QtWidgets import QMessageBox

        box = message_box(QMessageBox.Icon.Question, self.tr("Replace File"),
                          self.tr("%s exists. Replace it?") % path.name, self)
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def problem_with(self, path: Path) -> str:
        if not self.path_edit.text().strip():
            return self.tr("Name the file to write.")
        if path.is_dir():
            return self.tr("%s is a folder; name the file to write in it.") % path
        if not path.parent.is_dir():
            return self.tr("The folder %s does not exist.") % path.parent
        return ""

    # -- running -----------------------------------------------------------------------------
    @Slot()
    def start(self) -> Task | None:
        """Start the export on a worker (None if the form is not complete)."""
        selection, path = self.selection(), self.path()
        problem = "" if selection else self.tr("There is nothing to export from here.")
        problem = problem or self.problem_with(path)
        if problem:
            self.message.setText(problem)
            return None
        if not self._may_write(path):
            return None
        request = ExportRequest(self.what(), self.format(), path,
                                bom=self.bom_box.isChecked() and self.format() == Format.CSV)
        view = self._view

        def work(ctx: TaskContext) -> ExportReport:
            return run_export(view, selection, request, progress=ctx.progress, cancelled=ctx.cancelled)

        self.progress.setRange(0, max(1, len(selection)))
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("%v of %m articles"))
        self.progress.setVisible(True)
        self.message.setText(self.tr("Exporting…"))
        self.task = run_task("Exporting", work, finished=self._finished, failed=self._failed,
                             progress=self._progress)
        self._update()
        return self.task

    @Slot(int, int, str)
    def _progress(self, done: int, total: int, _title: str) -> None:
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(done)

    @Slot(object)
    def _finished(self, report: ExportReport) -> None:
        self.task = None
        self.report = report
        self.message.setText(report.summary() + ".")
        self.exported.emit(report)
        self.accept()

    @Slot(object)
    def _failed(self, exc: BaseException) -> None:
        self.task = None
        self.progress.setVisible(False)
        if isinstance(exc, ExportCancelled):
            self.message.setText(self.tr("Cancelled: nothing was written."))
        elif isinstance(exc, StaleView):
            self.message.setText(self.tr("The library changed since this dialog was opened; nothing "
                                         "was written. Close it and export again."))
        else:
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self.message.setText(self.tr("The export failed: %s. Nothing was written.") % why)
        self._update()

    def reject(self) -> None:
        """Cancel (or Esc) stops a running export and stays to say so; otherwise it closes."""
        if self.task is not None:
            self.message.setText(self.tr("Cancelling…"))
            self.task.cancel()
            return
        super().reject()
