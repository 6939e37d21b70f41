"""Bringing articles in and out: Add Files/Folder, drops, Remove, Rescan, and the summary.

``LibraryEditing`` connects the window's actions to the controller's write jobs
(each runs in a spawned process with progress and Cancel in the status bar) and
shows what a job did. The user's files are only ever read.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData
from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton
from PySide6.QtWidgets import QMainWindow
from PySide6.QtWidgets import QMenu

from reader.ui.library.model import LibraryModel
from reader.safe_text import isolate
from reader.safe_text import one_line
from reader.ui.plain_text import message_box

if TYPE_CHECKING:  # the indexer (and Whoosh) load only when a job has reported; the
    # dialogs' classes when one is shown (QDialog's and QMessageBox's types cost ~4 ms a start)
    from PySide6.QtWidgets import QMessageBox

    from reader.search.indexer import UpdateReport
    from reader.ui.library.add_dialog import AddDialog
    from reader.ui.report_dialog import ReportDialog

FILE_FILTER = "Articles (*.txt *.md *.markdown *.html *.htm);;All files (*)"
SUMMARY_JOBS = ("Adding articles", "Rescanning files", "Rebuilding index")


def dropped_paths(mime: QMimeData | None) -> list[Path]:
    """Local files and folders from a drop (``text/uri-list``); remote URLs are ignored."""
    if mime is None or not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile() and url.toLocalFile()]


class LibraryEditing(QObject):
    """Add/remove/rescan for a main window (which provides ``controller``,
    ``dialogs_enabled``, ``actions``, ``library_view`` and ``statusBar()``)."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.last_report: UpdateReport | None = None
        self.last_dialog: ReportDialog | None = None
        self.last_add_dialog: AddDialog | None = None
        a, c = window.actions, window.controller
        a.add_files.triggered.connect(self.choose_files)
        a.add_folder.triggered.connect(self.choose_folder)
        a.rescan.triggered.connect(self.rescan)
        a.remove_article.triggered.connect(self.remove_selected)
        # Delete acts on the library table only (not while typing in the search field)
        window.removeAction(a.remove_article)
        a.remove_article.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        window.library_view.addAction(a.remove_article)
        window.library_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        window.library_view.customContextMenuRequested.connect(self._library_menu)
        c.job_done.connect(self._on_job_done)

    def library_menu(self) -> QMenu:
        """The library table's context menu: copy and export, outlet, label, remove."""
        a = self.window.actions
        menu = QMenu(self.window.library_view)
        menu.addActions(self.window.exports.article_actions())
        menu.addSeparator()
        menu.addAction(a.set_outlet)
        menu.addAction(a.edit_label)
        menu.addAction(a.show_in_folder)
        menu.addSeparator()
        menu.addAction(a.remove_article)
        return menu

    def _library_menu(self, pos) -> None:
        view = self.window.library_view
        if view.indexAt(pos).isValid():
            self.library_menu().exec(view.viewport().mapToGlobal(pos))

    # -- starting jobs ---------------------------------------------------------------
    def choose_files(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        files, _ = QFileDialog.getOpenFileNames(self.window, self.tr("Add Articles"), "", FILE_FILTER)
        if files:
            self.ask_and_add([Path(f) for f in files])

    def choose_folder(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        folder = QFileDialog.getExistingDirectory(self.window, self.tr("Add a Folder of Articles"))
        if folder:
            self.ask_and_add([Path(folder)])

    def add_dialog(self, paths: list[Path]) -> AddDialog:
        """The outlet-and-kind question asked before an import (Add Files/Add Folder)."""
        from reader.outlet_overrides import default_registry
        from reader.ui.library.add_dialog import AddDialog

        return AddDialog(default_registry(), paths, self.window)

    def ask_and_add(self, paths: list[Path]) -> bool:
        """Ask for the batch's outlet and kind, then add; without dialogs, add as they are."""
        if not self.window.dialogs_enabled:
            return self.add(paths)
        dlg = self.add_dialog(paths)
        self.last_add_dialog = dlg
        if dlg.exec() != dlg.DialogCode.Accepted:
            return False
        return self.add(paths, dlg.outlet(), dlg.kind())

    def add(self, paths: list[Path], outlet: str | None = None, kind: str | None = None) -> bool:
        """Index ``paths`` (files or folders) in the background, with the user's outlet and kind
        for all of them (None: each file's own); False if that cannot start now."""
        if not paths:
            return False
        return self._started(self.window.controller.jobs.add_paths(paths, outlet, kind))

    def rescan(self) -> bool:
        return self._started(self.window.controller.jobs.rescan())

    def selected_paths(self) -> list[str]:
        view = self.window.library_view
        rows = view.selectionModel().selectedRows() if view.selectionModel() else []
        return [r.data(LibraryModel.PathRole) for r in rows if r.data(LibraryModel.PathRole)]

    def title_of(self, path: str) -> str:
        """The article's title as listed (its file name when it is not listed)."""
        model = self.window.library_model
        hit = model.hit(model.row_of(path))
        return one_line(hit.title) if hit is not None and hit.title else Path(path).name

    def remove_box(self, paths: list[str]) -> tuple[QMessageBox, QAbstractButton]:
        """The confirmation, which names the article and says the file on disk is kept; and
        its Remove button."""
        if len(paths) == 1:
            what = self.tr("Remove “%s” from the library?") % isolate(self.title_of(paths[0]))
        else:
            what = self.tr("Remove %d articles from the library?") % len(paths)
        from PySide6.QtWidgets import QMessageBox

        box = message_box(QMessageBox.Icon.Question, self.tr("Remove from Library"), what, self.window,
                          informative=self.tr("The file on disk is kept; Edit ▸ Undo (Ctrl+Z) puts "
                                              "it back."))
        box.addButton(QMessageBox.StandardButton.Cancel)
        remove = box.addButton(self.tr("Remove"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box, remove

    def confirm_remove(self, paths: list[str]) -> bool:
        box, remove = self.remove_box(paths)
        box.exec()
        return box.clickedButton() is remove

    def remove_selected(self) -> bool:
        paths = self.selected_paths()
        if not paths or not self.confirm_remove(paths):
            return False
        return self._started(self.window.controller.jobs.remove_paths(paths))

    def _started(self, task) -> bool:
        if task is None:
            c = self.window.controller
            why = self.window.lock.read_only_message() if c.read_only else self.tr("Please wait: the library is busy.")
            self.window.statusBar().showMessage(why, 6000)
            return False
        return True

    # -- results ---------------------------------------------------------------------
    def _on_job_done(self, name: str, result: object) -> None:
        bar = self.window.statusBar()
        if name == "Removing articles":
            n = int(result or 0)
            bar.showMessage(self.tr("Removed %d from the library; the files on disk are kept "
                                    "(Ctrl+Z undoes it).") % n, 10000)
            return
        from reader.search.indexer import UpdateReport

        if name not in SUMMARY_JOBS or not isinstance(result, UpdateReport):
            return
        self.last_report = result
        bar.showMessage(result.summary(), 10000)
        if self.window.dialogs_enabled:
            title = {"Adding articles": self.tr("Articles Added"), "Rescanning files": self.tr("Rescan Finished"),
                     "Rebuilding index": self.tr("Library Rebuilt")}[name]
            from reader.ui.report_dialog import ReportDialog

            self.last_dialog = ReportDialog(title, result, self.window)
            self.last_dialog.show()


def drop_accepts(mime: QMimeData | None, enabled: bool) -> bool:
    """Whether a drag may drop here: local files or folders, into a writable library."""
    return enabled and bool(dropped_paths(mime))

