"""The entities panel's context menu: filter, quotes by, merge, split, rename, change type.

Two clicks fix a wrong merge: right-click the entity, then one of its spellings
under "Split off". Corrections are saved by the core (``reader.names.edit``,
atomically, in the user's config) and the library is shown through the
corrected table at once; nothing is re-analysed.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtCore import QPoint
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QInputDialog
from PySide6.QtWidgets import QMenu

from reader.names.corrections import default_corrections
from reader.names.edit import Chosen
from reader.names.edit import Correction
from reader.names.edit import CorrectionKind
from reader.names.normalise import fold
from reader.search.articles import EntityCount
from reader.ui.deferred import after_paint
from reader.ui.tasks import Task

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

TYPES = (("Person", "person"), ("Organisation", "organisation"), ("Place", "place"))


class NameEditing(QObject):
    """Builds the entities panel's menu and applies what the user picks."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.last_menu: QMenu | None = None  # tests and screenshots look at it
        self.pending = 0  # corrections whose table is being resolved
        window.entities_panel.menu_requested.connect(self.show_menu)
        after_paint(self, self._report_damaged_file)

    def _report_damaged_file(self) -> None:
        """A corrupt entities.json was moved aside: say so (once, after the first paint)."""
        corrections = default_corrections()
        corrections.read()
        if corrections.warning:
            self.window.statusBar().showMessage(
                self.tr("Your entity corrections file was damaged and has been reset (a backup was kept)."), 15000)

    # -- what the table says about an entity (the controller's open view) ---------------
    def _entry(self, entity_id: str):
        c = self.window.controller
        return c.view.names().table.entity(entity_id) if c.view is not None else None

    def keys(self, entity_id: str) -> list[str]:
        """The per-article keys an entity unites (itself, for one no rule joined)."""
        ent = self._entry(entity_id)
        return list(ent.keys) if ent is not None else [entity_id]

    def spellings(self, entity_id: str) -> list[tuple[str, list[str]]]:
        """(how it is written, the keys written so) for each spelling of an entity."""
        ent = self._entry(entity_id)
        if ent is None:
            return []
        found: dict[str, tuple[str, list[str]]] = {}
        for key in ent.keys:
            label = ent.label_of(key)
            found.setdefault(fold(label), (label, []))[1].append(key)
        return list(found.values())

    def chosen(self, entity: EntityCount) -> Chosen:
        return Chosen(entity.key, entity.name, tuple(self.keys(entity.key)))

    def menu(self, entities: list[EntityCount]) -> QMenu:
        """The menu for the selected entities (the first is the one right-clicked or topmost)."""
        panel, c = self.window.entities_panel, self.window.controller
        menu = QMenu(panel)
        first = entities[0]
        menu.addAction(self.tr("Show only articles mentioning “%1”").replace("%1", first.name),
                       lambda: c.add_filter(first.key, first.name))
        menu.addAction(self.tr("Show the quotes of “%1”").replace("%1", first.name),
                       lambda: self._quotes_of(first))
        menu.addSeparator()
        writable = not c.read_only
        if len(entities) > 1:
            merge = menu.addAction(self.tr("Merge these %1 entities").replace("%1", str(len(entities))),
                                   lambda: self.apply(Correction(CorrectionKind.MERGE,
                                                                 tuple(self.chosen(e) for e in entities))))
            merge.setEnabled(writable)
        into = menu.addAction(self.tr("Merge “%1” into…").replace("%1", first.name), lambda: self._merge_into(first))
        into.setEnabled(writable)
        me = self.chosen(first)
        spellings = self.spellings(first.key)
        split = menu.addMenu(self.tr("Split off"))
        split.setEnabled(writable and len(spellings) > 1)
        for label, keys in spellings:
            split.addAction(self.tr("“%1”").replace("%1", label),
                            lambda k=tuple(keys): self.apply(Correction(CorrectionKind.SPLIT, (me,), k)))
        if len(spellings) > 2:
            split.addSeparator()
            split.addAction(self.tr("Every spelling apart (%1)").replace("%1", str(len(me.keys))),
                            lambda: self.apply(Correction(CorrectionKind.SPLIT_APART, (me,))))
        rename = menu.addAction(self.tr("Rename “%1”…").replace("%1", first.name), lambda: self._rename(me))
        rename.setEnabled(writable)
        types = menu.addMenu(self.tr("Change type"))
        types.setEnabled(writable)
        for label, etype in TYPES:
            action = types.addAction(self.tr(label),
                                     lambda t=etype: self.apply(Correction(CorrectionKind.RETYPE, (me,), value=t)))
            action.setCheckable(True)
            action.setChecked(etype == first.type)
        if default_corrections().names_any(me.keys):
            menu.addSeparator()
            menu.addAction(self.tr("Undo my corrections of “%1”").replace("%1", first.name),
                           lambda: self.apply(Correction(CorrectionKind.FORGET, (me,))))
        self.last_menu = menu
        return menu

    def show_menu(self, entities: list[EntityCount], where: QPoint) -> None:
        if entities:
            self.menu(entities).popup(where)

    def apply(self, correction: Correction) -> None:
        """Save the correction (atomically) and show the library through the corrected table."""
        c = self.window.controller
        try:
            done = correction.apply()
        except (ValueError, OSError) as exc:
            self.window.statusBar().showMessage(self.tr("Not saved: %1").replace("%1", str(exc)), 10000)
            return
        view = c.view
        if view is not None:  # the corrected table is resolved on a worker, then the panels follow
            task = Task("Applying the correction", lambda _ctx: view.reload_names(), nice=0)
            task.finished.connect(self._reloaded)
            task.failed.connect(self._reloaded)
            self.pending += 1
            task.start()
        self.window.statusBar().showMessage(done + self.tr(" Right-click the entity to undo it."), 10000)

    @Slot(object)
    def _reloaded(self, _result: object) -> None:
        self.pending -= 1
        self.window.controller.request_refresh()

    def _quotes_of(self, entity: EntityCount) -> None:
        self.window.quotes_dock.show()
        self.window.quotes_panel.show_speaker(entity.name)

    def _merge_into(self, entity: EntityCount) -> None:
        others = [e for e in self.window.entities_panel.model.rows() if e.key != entity.key]
        others.sort(key=lambda e: (e.type != entity.type, -e.count, e.name.casefold()))
        labels = [f"{e.name} ({e.type}, {e.count})" for e in others]
        label, ok = QInputDialog.getItem(self.window, self.tr("Merge"),
                                         self.tr("Merge “%1” into:").replace("%1", entity.name), labels, 0, True)
        if ok and label in labels:
            target = others[labels.index(label)]
            self.apply(Correction(CorrectionKind.MERGE, (self.chosen(target), self.chosen(entity))))

    def _rename(self, entity: Chosen) -> None:
        name, ok = QInputDialog.getText(self.window, self.tr("Rename"),
                                        self.tr("New name for “%1”:").replace("%1", entity.name), text=entity.name)
        if ok and name.strip() and name.strip() != entity.name:
            self.apply(Correction(CorrectionKind.RENAME, (entity,), value=name.strip()))
