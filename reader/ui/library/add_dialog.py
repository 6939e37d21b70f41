"""Before an import: who published these articles, and what kind they are (both optional).

The same two fields as ``parallax add --outlet NAME --kind KIND``: an outlet
named here is the user's word for every file of the batch (it resolves
through the outlet registry, so a known name brings its bias label), and it
beats whatever the files say. Left empty, each file's own metadata is used.
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reader.analysis.record import ARTICLE_KINDS
from reader.outlets import chip_text
from reader.outlet_overrides import OutletRegistry
from reader.render.article_html import KIND_LABELS
from reader.ui.library.outlet_dialog import outlet_box
from reader.ui.plain_text import plain_label
from reader.ui.plain_text import set_plain


def batch_description(paths: Sequence[Path]) -> str:
    """"Add 12 files" or "Add the folder “bbc” and everything in it"."""
    folders = [p for p in paths if p.is_dir()]
    if len(paths) == 1 and folders:
        return f"Add the folder “{folders[0].name}” and everything in it"
    if not folders:
        return f"Add {len(paths)} file{'s' if len(paths) != 1 else ''}"
    return f"Add {len(paths)} files and folders"


class AddDialog(QDialog):
    """Outlet (the registry's names to complete, empty: from each file) and kind."""

    def __init__(self, registry: OutletRegistry, paths: Sequence[Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("addDialog")
        self.setWindowTitle(self.tr("Add to Library"))
        self.registry = registry
        self.paths = list(paths)
        what = plain_label(batch_description(self.paths))  # a folder's name is data
        self.outlet_box = outlet_box(registry)
        self.outlet_box.lineEdit().setPlaceholderText(self.tr("From each file (front matter, page metadata)"))
        self.kind_box = QComboBox()
        self.kind_box.setAccessibleName("Kind")
        self.kind_box.addItem(self.tr("From each file"), None)
        for kind in ARTICLE_KINDS:
            self.kind_box.addItem(KIND_LABELS.get(kind, kind.title()), kind)
        self.label = plain_label()
        self.label.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&Outlet:"), self.outlet_box)
        form.addRow(self.tr("&Kind:"), self.kind_box)
        form.addRow("", self.label)
        note = plain_label(self.tr("The files are only read. An outlet or kind chosen here beats what the files "
                              "say, for every article of this batch."))
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.addButton(self.tr("Add"), QDialogButtonBox.ButtonRole.AcceptRole).setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.outlet_box.currentTextChanged.connect(self._show_label)
        self._show_label("")
        self.resize(520, self.sizeHint().height())

    def _show_label(self, name: str) -> None:
        if not name.strip():
            set_plain(self.label, self.tr("No outlet chosen: each article keeps the one its file names, if any."))
            return
        outlet = self.registry.resolve(name=name)
        if outlet is None:
            set_plain(self.label, self.tr("“%1” is not in the outlet registry: its articles show as Unrated "
                                          "until you give it a label.").replace("%1", name.strip()))
        else:
            set_plain(self.label, f"{outlet.name}: {chip_text(outlet)}")

    def outlet(self) -> str | None:
        return self.outlet_box.currentText().strip() or None

    def kind(self) -> str | None:
        return self.kind_box.currentData()
