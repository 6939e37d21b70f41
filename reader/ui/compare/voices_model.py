"""The voices table (speaker × outlet) and the statements of a chosen cell, as Qt models."""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtCore import Qt

from reader.ui.compare.table_base import CompareTableModel
from reader.ui.table_model import SourceSortProxy
from reader.ui.plain_text import tooltip

Index = QModelIndex | QPersistentModelIndex
R = Qt.ItemDataRole
KIND_LABELS = {"direct": "quoted", "mixed": "partly quoted", "indirect": "reported"}


class VoicesModel(CompareTableModel):
    """One row per speaker; column 0 the speaker, 1 the total, then one per outlet."""

    COL_SPEAKER = 0
    COL_TOTAL = 1
    FIRST_OUTLET = 2
    RowRole = Qt.ItemDataRole.UserRole + 1  # the VoiceRow
    CellRole = Qt.ItemDataRole.UserRole + 2  # the Cell, or None
    OutletRole = Qt.ItemDataRole.UserRole + 3  # the column's outlet name ("" for the first two)
    MentionedRole = Qt.ItemDataRole.UserRole + 4  # the outlet names the speaker without quoting them
    LeanRole = Qt.ItemDataRole.UserRole + 5  # the outlet's bias token (header colour)
    ROLES = frozenset(int(r) for r in (RowRole, CellRole, OutletRole, MentionedRole, R.DisplayRole,
                                       R.AccessibleTextRole, R.ToolTipRole,
                                       R.TextAlignmentRole))  # data() answers only these

    MAX_OUTLETS = 24  # more outlets than this: the ones with most statements, then one "other" column
    OTHERS = "\0other outlets"  # the column key of the rest

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.HEADERS = ("Speaker", "Total")
        self.outlets: list[str] = []  # the columns' outlets (OTHERS last when some are folded)
        self.others: list[str] = []  # the outlets folded into the last column
        self._heads: dict[str, tuple[str, str, str]] = {}  # outlet -> (chip, token, tooltip)
        self._merged: dict[str, object] = {}  # speaker key -> their cell of the other outlets

    def set_voices(self, voices, heads: dict[str, tuple[str, str, str]]) -> None:
        """``voices`` (reader.compare.voices.Voices); ``heads``: chip text, bias token and tooltip per outlet."""
        self.beginResetModel()
        outlets = list(voices.outlets) if voices is not None else []
        if len(outlets) > self.MAX_OUTLETS:
            ranked = sorted(outlets, key=lambda o: (-voices.by_outlet[o].statements, -voices.by_outlet[o].articles))
            kept = set(ranked[:self.MAX_OUTLETS])
            self.others = [o for o in outlets if o not in kept]
            outlets = [o for o in outlets if o in kept] + [self.OTHERS]
        else:
            self.others = []
        self.outlets = outlets
        self.HEADERS = ("Speaker", "Total", *(self.label(o) for o in outlets))
        self._heads = dict(heads)
        self._merged = {}
        self._all = list(voices.rows) if voices is not None else []
        self._rows = self._arranged()
        self.endResetModel()

    def label(self, outlet: str) -> str:
        return self.tr("Other outlets") if outlet == self.OTHERS else outlet

    def outlet_of(self, column: int) -> str:
        return self.outlets[column - self.FIRST_OUTLET] if column >= self.FIRST_OUTLET else ""

    def cell_of(self, row, outlet: str):
        """A speaker's cell in an outlet's column (the other outlets' merged), or None."""
        if outlet != self.OTHERS:
            return row.cells.get(outlet)
        if row.key not in self._merged:
            from reader.compare.voices import Cell

            parts = [row.cells[o] for o in self.others if o in row.cells]
            merged = Cell() if parts else None
            for part in parts:
                merged.direct += part.direct
                merged.mixed += part.mixed
                merged.indirect += part.indirect
                merged.words += part.words
                merged.statements.extend(part.statements)
            self._merged[row.key] = merged
        return self._merged[row.key]

    def mentioned(self, row, outlet: str) -> bool:
        if outlet == self.OTHERS:
            return any(o in row.mentioned_by for o in self.others)
        return bool(outlet) and outlet in row.mentioned_by

    def sort_key(self, row, column: int) -> Any:
        if column == self.COL_SPEAKER:
            return row.name.casefold()
        if column == self.COL_TOTAL:
            return (row.total, row.words)
        cell = self.cell_of(row, self.outlet_of(column))
        return (cell.total, cell.words) if cell is not None else (0, 0)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.HEADERS):
            return None
        outlet = self.outlet_of(section)
        chip, token, tip = self._heads.get(outlet, ("", "unknown", "")) if outlet else ("", "", "")
        if outlet == self.OTHERS:
            chip = self.tr("%1 outlets").replace("%1", str(len(self.others)))
            tip = self.tr("The outlets with fewer statements: %1").replace("%1", ", ".join(self.others[:40])) \
                + (" …" if len(self.others) > 40 else "")
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{self.label(outlet)}\n{chip}" if outlet else self.HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            if not outlet:
                return ("Who is quoted, sorted by how often" if section == self.COL_SPEAKER
                        else "Statements in all outlets")
            return tooltip(tip)
        if role == self.LeanRole:
            return token
        if role == self.OutletRole:
            return outlet
        return None

    def value(self, row, col: int, role: int, index: Index) -> Any:
        outlet = self.outlet_of(col)
        cell = self.cell_of(row, outlet) if outlet else None
        if role == self.RowRole:
            return row
        if role == self.CellRole:
            return cell
        if role == self.OutletRole:
            return outlet
        if role == self.MentionedRole:
            return self.mentioned(row, outlet)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if col == self.COL_SPEAKER:
                return row.name
            if col == self.COL_TOTAL:
                return str(row.total)
            return cell_text(cell, self.mentioned(row, outlet))
        if role == Qt.ItemDataRole.ToolTipRole:
            if col <= self.COL_TOTAL:
                return tooltip(speaker_tip(row))
            return tooltip(cell_tip(row, self.label(outlet), cell, self.mentioned(row, outlet)))
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.COL_TOTAL:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def cell_text(cell, mentioned: bool) -> str:
    """"2 quoted + 1 reported · 45 words", "named, not quoted" or ""."""
    if cell is None or not cell.total:
        return "named, not quoted" if mentioned else ""
    parts = []
    if cell.quoted:
        parts.append(f"{cell.quoted} quoted")
    if cell.indirect:
        parts.append(f"{cell.indirect} reported")
    return " + ".join(parts) + f" · {cell.words} word{'s' if cell.words != 1 else ''}"


def speaker_tip(row) -> str:
    lines = [row.name]
    if row.vague:
        lines.append("An anonymous or vague source: nobody is named.")
    if row.official:
        lines.append("Speaks for an institution (an official).")
    if row.only_outlet:
        lines.append(f"Quoted by {row.only_outlet} only.")
    if row.mentioned_by:
        lines.append("Named but not quoted by: " + ", ".join(row.mentioned_by) + ".")
    return "\n".join(lines)


def cell_tip(row, outlet: str, cell, mentioned: bool) -> str:
    if cell is None or not cell.total:
        return (f"{outlet} names {row.name} but does not quote them." if mentioned
                else f"{outlet} does not quote {row.name}.")
    names = ", ".join(row.named_as.get(outlet, [])) or row.name
    return (f"{outlet} quotes {row.name} ({names}):\n{cell.direct} direct, {cell.mixed} partly quoted, "
            f"{cell.indirect} reported; {cell.words} words in quotation marks.\nClick to list them, "
            "double-click to read the first.")


class VoicesProxy(SourceSortProxy):
    """Sorting is done by the voices model itself."""


class StatementsModel(CompareTableModel):
    """The statements of a voices cell (or row): outlet, speaker as named, kind, words, article."""

    COL_OUTLET = 0
    COL_SPEAKER = 1
    COL_KIND = 2
    COL_TEXT = 3
    COL_ARTICLE = 4
    HEADERS = ("Outlet", "Speaker as named", "Kind", "Statement", "Article")
    StatementRole = Qt.ItemDataRole.UserRole + 1
    ROLES = frozenset(int(r) for r in (StatementRole, R.DisplayRole, R.AccessibleTextRole,
                                       R.ToolTipRole))  # data() answers only these

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.title_of: Callable[[str], str] = lambda _path: ""

    def sort_key(self, st, column: int) -> Any:
        return (st.outlet, st.named_as, st.kind, st.text, self.title_of(st.path))[column].casefold()

    def value(self, st, col: int, role: int, index: Index) -> Any:
        if role == self.StatementRole:
            return st
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            text = st.text if st.kind == "mixed" else f"“{st.text}”" if st.quoted else st.text
            return (st.outlet, st.named_as, KIND_LABELS.get(st.kind, st.kind), text,
                    self.title_of(st.path))[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(f"{st.named_as} ({KIND_LABELS.get(st.kind, st.kind)}): {st.text}\nDouble-click to read it in the article.")
        return None
