"""Tools ▸ Show File in Folder: the selected article's file in the system's file manager.

The command comes from ``reader.reveal`` (the file selected where the file
manager can do that); without one, or when it fails, the folder is opened.
A file that is gone is said in the status bar: its copy stays in the library.
"""
from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMainWindow

from reader.reveal import reveal_command
from reader.safe_text import isolate
from reader.ui.library.model import LibraryModel


def _launch(command: list[str] | None, folder: Path) -> bool:
    if command:
        try:
            subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
            return True
        except OSError:
            pass
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class FileActions(QObject):
    """``show_in_folder`` for a main window; ``launch(command, folder)`` runs it (tests replace it)."""

    def __init__(self, window: QMainWindow,
                 launch: Callable[[list[str] | None, Path], bool] = _launch) -> None:
        super().__init__(window)
        self.window = window
        self.launch = launch
        window.actions.show_in_folder.triggered.connect(self.show_selected)

    def current_path(self) -> str | None:
        index = self.window.library_view.currentIndex()
        path = index.data(LibraryModel.PathRole) if index.isValid() else None
        if path is None and self.window.reading_view.article is not None:
            path = self.window.reading_view.article.path
        return path

    def show_selected(self) -> bool:
        path = self.current_path()
        bar = self.window.statusBar()
        if not path:
            bar.showMessage(self.tr("Select an article first."), 4000)
            return False
        file = Path(path)
        if not file.is_file():
            bar.showMessage(self.tr("The file “%s” is no longer there; its copy stays in the library.")
                            % isolate(file.name), 8000)
            return False
        if not self.launch(reveal_command(file), file.parent):
            bar.showMessage(self.tr("No file manager could be opened."), 6000)
            return False
        return True
