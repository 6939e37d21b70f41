"""The window title, "Parallax — LIBRARY NAME", and File ▸ Rename Library….

The name is the user's (``reader.library_names``: "My library" until renamed),
never the folder the index happens to live in. The application's display name
is not set (``reader.ui.app``), so the platform does not append "— Parallax"
a second time.
"""
from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow

from reader import APP_NAME
from reader.failures import describe
from reader.library_names import library_name
from reader.library_names import set_library_name
from reader.safe_text import one_line


class WindowTitle(QObject):
    """Keeps the title and the status bar's library name current; renames the library."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.name = library_name(window.controller.location)
        window.actions.rename_library.triggered.connect(self.ask)
        self.update()

    def text(self) -> str:
        return f"{APP_NAME} — {one_line(self.name)}"

    def update(self) -> None:
        c = self.window.controller
        self.window.setWindowTitle(self.text() if c.ready else APP_NAME)
        if c.ready:
            self.window.status.set_corpus(self.name, c.article_count())

    def rename(self, name: str) -> bool:
        """Give the library ``name`` (empty: the default again); False if it could not be saved."""
        try:
            self.name = set_library_name(self.window.controller.location, name)
        except OSError as exc:  # a full disk, a read-only config folder
            self.window.statusBar().showMessage(
                self.tr("The name could not be saved: %s") % describe(exc), 10000)
            return False
        self.update()
        return True

    def ask(self) -> None:
        from PySide6.QtWidgets import QInputDialog
        from PySide6.QtWidgets import QLineEdit

        name, ok = QInputDialog.getText(self.window, self.tr("Rename Library"),
                                        self.tr("Name of this library:"), QLineEdit.EchoMode.Normal,
                                        self.name)
        if ok:
            self.rename(name)
