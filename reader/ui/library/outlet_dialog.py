"""The outlet dialog: assign an article to an outlet, and override or add an outlet's label.

The form's checks live in ``outlet_info.LabelForm`` (Qt-free); saving goes
through ``save_label`` so tests can drive the same logic without the dialog.
After a save the window re-labels the library in the background.
"""
from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QCompleter
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reader.outlet_overrides import OutletRegistry
from reader.outlets import Outlet
from reader.outlet_info import LABEL_VALUES
from reader.outlet_info import LabelForm
from reader.outlet_info import label_tooltip
from reader.failures import describe
from reader.safe_text import one_line
from reader.ui.plain_text import plain_label

VALUE_TEXT = {"left": "Left", "lean left": "Lean left", "center": "Center", "lean right": "Lean right",
              "right": "Right", "mixed": "Mixed", "unrated": "Unrated (no label)"}


def save_label(registry: OutletRegistry, form: LabelForm, article_id: str | None = None,
               keep_label: bool = False, article_ids: Sequence[str] = ()) -> Outlet | None:
    """Write the form through the registry: the articles' outlet (one write for all of
    them), then the label.

    ``keep_label`` only assigns the articles (the outlet's existing label stays).
    Raises ValueError with the form's problems.
    """
    problems = form.problems()
    if problems:
        raise ValueError(" ".join(problems))
    name = form.outlet.strip()
    ids = [i for i in (article_id, *article_ids) if i]
    if ids:
        registry.assign_articles(dict.fromkeys(ids, name))
    if keep_label:
        return registry.resolve(name=name)
    return registry.set_label(name, form.value, note=form.note.strip(), url=form.url.strip())


def outlet_box(registry: OutletRegistry, current: str = "") -> QComboBox:
    """An editable outlet name completed from the registry's names (any part of a name)."""
    box = QComboBox()
    box.setEditable(True)
    box.setAccessibleName("Outlet")
    names = [o.name for o in registry.all_outlets()]
    box.addItems(names)
    box.setCurrentText(current)
    completer = QCompleter(names, box)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    box.setCompleter(completer)
    return box


class OutletDialog(QDialog):
    """Outlet name (with the registry's names to complete), label value, note, source URL."""

    def __init__(self, registry: OutletRegistry, outlet_name: str = "", article_title: str = "",
                 assign: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outletDialog")
        self.setWindowTitle(self.tr("Set Outlet") if assign else self.tr("Edit Outlet Label"))
        self.registry = registry
        self.assign = assign
        self.name_box = outlet_box(registry, outlet_name)
        self.value_box = QComboBox()
        self.value_box.setAccessibleName("Label")
        for value in LABEL_VALUES:
            self.value_box.addItem(VALUE_TEXT[value], value)
        self.keep_box = QCheckBox(self.tr("Keep the outlet's current label"))
        self.keep_box.setVisible(assign)
        self.keep_box.setChecked(assign)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setAccessibleName("Note")
        self.note_edit.setPlaceholderText(self.tr("Why this label (optional)"))
        self.note_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        self.url_edit = QLineEdit()
        self.url_edit.setAccessibleName("Source URL")
        self.url_edit.setPlaceholderText("https://…")
        self.current = plain_label()
        self.current.setWordWrap(True)
        self.current.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = plain_label()
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("QLabel { color: #b3261e; }")
        form = QFormLayout()
        if article_title:
            form.addRow(self.tr("Article:"), plain_label(one_line(article_title)))
        form.addRow(self.tr("&Outlet:"), self.name_box)
        form.addRow("", self.keep_box)
        form.addRow(self.tr("&Label:"), self.value_box)
        form.addRow(self.tr("&Note:"), self.note_edit)
        form.addRow(self.tr("Source &URL:"), self.url_edit)
        form.addRow(self.tr("Now:"), self.current)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.name_box.currentTextChanged.connect(self._show_current)
        self.keep_box.toggled.connect(self._update_enabled)
        self._show_current(outlet_name)
        self._update_enabled()
        self.resize(520, self.sizeHint().height())
        self.saved: Outlet | None = None
        self.article_ids: list[str] = []  # the selected articles a Set Outlet… applies to

    def form(self) -> LabelForm:
        return LabelForm(self.name_box.currentText(), self.value_box.currentData(),
                         self.note_edit.toPlainText(), self.url_edit.text())

    def _show_current(self, name: str) -> None:
        outlet = self.registry.resolve(name=name) if name.strip() else None
        self.current.setText(label_tooltip(outlet, name) if name.strip() else "")
        if outlet is not None:  # start from the outlet's current label
            i = self.value_box.findData(outlet.lean)
            if i >= 0:
                self.value_box.setCurrentIndex(i)

    def _update_enabled(self) -> None:
        editing = not self.keep_box.isChecked()
        for w in (self.value_box, self.note_edit, self.url_edit):
            w.setEnabled(editing)

    def accept(self) -> None:
        """Validate, save through the registry, then close; problems stay in the dialog."""
        try:
            self.saved = save_label(self.registry, self.form(),
                                    self.property("articleId") if self.assign else None,
                                    keep_label=self.assign and self.keep_box.isChecked(),
                                    article_ids=self.article_ids if self.assign else ())
        except (ValueError, OSError) as exc:  # a full disk, a read-only folder: one sentence
            self.error.setText(describe(exc) if isinstance(exc, OSError) else str(exc))
            return
        super().accept()
