"""Bias labels in the window: chip tooltips, "About this label", the coverage bar, the
outlet dialog, and re-labelling the library in the background after a change."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMainWindow

from reader.outlet_overrides import default_registry
from reader.outlets import Outlet
from reader.search.articles import StoredArticle
from reader.ui.library.coverage_bar import BIAS
from reader.ui.library.coverage_bar import OWNERSHIP
from reader.ui.library.coverage_bar import active_tokens
from reader.ui.library.coverage_bar import toggle_term
from reader.outlet_info import about_label_html
from reader.outlet_info import bias_label
from reader.outlet_info import label_tooltip
from reader.safe_text import one_line

if TYPE_CHECKING:  # the dialog's form classes load when it is opened (~4 ms of a start)
    from reader.ui.library.outlet_dialog import OutletDialog


class LabelEditing(QObject):
    """Label display and editing for a main window (``controller``, ``coverage_bar``,
    ``library_model``, ``reading_view``, ``actions``, ``search_edit``, ``set_query``)."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.last_dialog: OutletDialog | None = None
        self.targets: list[str] = []  # the articles the last Set Outlet… dialog was for
        window.reading_view.describe_outlet = self.describe
        window.library_model.outlet_tooltip = self.tooltip
        window.coverage_bar.toggled.connect(self.toggle_filter)
        window.controller.panels_changed.connect(self.update_coverage)
        window.actions.edit_label.triggered.connect(lambda: self.edit(assign=False))
        window.actions.set_outlet.triggered.connect(lambda: self.edit(assign=True))
        window.controller.job_done.connect(self._on_job_done)
        QTimer.singleShot(0, self._report_registry_problem)

    def _report_registry_problem(self) -> None:
        """A corrupt outlets.json was moved aside by the registry: say so."""
        if default_registry().overrides_warning():
            self.window.statusBar().showMessage(
                self.tr("Your outlet labels file was damaged and has been reset (a backup was kept)."),
                15000)

    @staticmethod
    def outlet(name: str | None) -> Outlet | None:
        return default_registry().resolve(name=name) if name else None

    def tooltip(self, outlet_name: str) -> str:
        return label_tooltip(self.outlet(outlet_name), one_line(outlet_name or ""))

    def describe(self, article: StoredArticle, muted: str) -> tuple[str, str, str]:
        """(About-this-label HTML, chip tooltip, chip text) for the reading view's header."""
        outlet = self.outlet(article.outlet)
        name = one_line(article.outlet or "")  # inside sentences: no bidi control leaks; "" = none
        return (about_label_html(outlet, muted, name), label_tooltip(outlet, name), bias_label(article.bias))

    def update_coverage(self) -> None:
        """The bar shows the result set's indexed tokens: what its segments filter by."""
        c = self.window.controller
        self.window.coverage_bar.set_counts(c.panels().coverage,
                                            {f: active_tokens(c.query, f) for f in (BIAS, OWNERSHIP)})

    def toggle_filter(self, field: str, token: str) -> None:
        self.window.set_query(toggle_term(self.window.search_edit.text(), field, token))

    def dialog(self, assign: bool) -> OutletDialog | None:
        """The dialog for the selected articles (Set Outlet…: all selected rows, else the open
        article), or for the open article's outlet alone (Edit Outlet Label…)."""
        article = self.window.reading_view.article
        targets = self.window.editing.selected_paths() if assign else []
        if assign and not targets and article is not None:
            targets = [article.path]
        if assign and not targets:
            return None
        from reader.ui.library.outlet_dialog import OutletDialog

        single = assign and len(targets) == 1
        if single and (article is None or article.path != targets[0]):
            article = self.window.controller.article(targets[0]) or article
        title = (article.title if single and article else
                 self.tr("%1 selected articles").replace("%1", str(len(targets))) if assign else "")
        dlg = OutletDialog(default_registry(), article.outlet if article else "", title, assign, self.window)
        if assign:
            ids = [sha for sha in map(self.window.controller.article_sha, targets) if sha]
            dlg.article_ids = ids
            dlg.setProperty("articleId", ids[0] if len(ids) == 1 else "")
            self.targets = list(targets)
        return dlg

    def edit(self, assign: bool) -> None:
        dlg = self.dialog(assign)
        if dlg is None:
            self.window.statusBar().showMessage(self.tr("Select or open an article first."), 4000)
            return
        self.last_dialog = dlg
        undo = getattr(self.window, "undo", None)
        before = undo.before_label_edit() if undo is not None else None
        if dlg.exec() == dlg.DialogCode.Accepted:  # a new label changes every article of the outlet
            if undo is not None:
                undo.label_edited(before, dlg.form().outlet)
            self.saved(self.targets if assign and dlg.keep_box.isChecked() else None)

    def saved(self, paths: list[str] | None = None) -> None:
        """After a label or assignment changed: re-label the index (the given articles, or
        all of them after a label change), then refresh."""
        if self.window.controller.jobs.relabel(paths) is None:
            self.window.statusBar().showMessage(
                self.tr("Saved. The library will show the new label after its current job."), 8000)
        else:
            self.window.statusBar().showMessage(self.tr("Saved; updating the library's labels…"), 4000)

    def _on_job_done(self, name: str, result: object) -> None:
        if name == "Updating labels":
            self.window.statusBar().showMessage(
                self.tr("Labels updated (%d articles changed).") % int(result or 0), 8000)
            if self.window.reading_view.article is not None:  # redraw the header's label
                self.window.open_article(self.window.reading_view.article.path)
