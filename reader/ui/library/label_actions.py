"""Bias labels in the window: chip tooltips, "About this label", the coverage bar, the
outlet dialog, and re-labelling the library in the background after a change."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMainWindow

from reader.outlet_overrides import default_registry
from reader.outlets import UNKNOWN
from reader.outlets import Outlet
from reader.search.articles import StoredArticle
from reader.ui.library.coverage_bar import active_bias_tokens
from reader.ui.library.coverage_bar import toggle_bias_term
from reader.outlet_info import about_label_html
from reader.outlet_info import chip_label
from reader.outlet_info import coverage_counts
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
        window.reading_view.describe_outlet = self.describe
        window.library_model.outlet_tooltip = self.tooltip
        window.library_model.chip_label = self.chip
        window.coverage_bar.toggled.connect(self.toggle_bias)
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

    def chip(self, outlet_name: str, token: str) -> str:
        """A library row's chip. An article indexed as "unknown" is Unknown whatever the
        registry says, so painting it needs no lookup; the others ask ``lean_of``,
        which the first paint answers from the last run's memo, without the registry."""
        known = bool(outlet_name) and (token or UNKNOWN).lower() != UNKNOWN
        return chip_label(default_registry().lean_of(outlet_name) if known else None, token)

    def tooltip(self, outlet_name: str) -> str:
        return label_tooltip(self.outlet(outlet_name), one_line(outlet_name) or "This outlet")

    def describe(self, article: StoredArticle, muted: str) -> tuple[str, str, str]:
        """(About-this-label HTML, chip tooltip, chip text) for the reading view's header."""
        outlet = self.outlet(article.outlet)
        name = one_line(article.outlet) or "This outlet"  # inside sentences: no bidi control leaks
        return (about_label_html(outlet, muted, name), label_tooltip(outlet, name),
                chip_label(outlet.lean if outlet else None, article.bias))

    def update_coverage(self) -> None:
        c = self.window.controller
        registry = default_registry()
        counts = coverage_counts(c.panels().outlets, registry.lean_of)
        self.window.coverage_bar.set_counts(counts, active_bias_tokens(c.query))
        registry.save_lean_memo()  # the library's outlets, for the next start's chips

    def toggle_bias(self, token: str) -> None:
        self.window.set_query(toggle_bias_term(self.window.search_edit.text(), token))

    def dialog(self, assign: bool) -> OutletDialog | None:
        """The dialog for the open article (or the outlet alone when none is open)."""
        article = self.window.reading_view.article
        if assign and article is None:
            return None
        from reader.ui.library.outlet_dialog import OutletDialog

        dlg = OutletDialog(default_registry(), article.outlet if article else "",
                           article.title if article and assign else "", assign, self.window)
        if assign and article is not None:
            dlg.setProperty("articleId", self.window.controller.article_sha(article.path) or "")
        return dlg

    def edit(self, assign: bool) -> None:
        dlg = self.dialog(assign)
        if dlg is None:
            self.window.statusBar().showMessage(self.tr("Open an article first."), 4000)
            return
        self.last_dialog = dlg
        if dlg.exec() == dlg.DialogCode.Accepted:
            self.saved()

    def saved(self) -> None:
        """After a label or assignment changed: re-label the index, then refresh."""
        if self.window.controller.jobs.relabel() is None:
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
