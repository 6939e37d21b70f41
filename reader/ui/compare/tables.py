"""The other Compare tables: shared-words members, KWIC lines, outlets' coverage, the article picker."""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtGui import QFont

from reader.ui.compare.table_base import CompareTableModel
from reader.ui.plain_text import tooltip

Index = QModelIndex | QPersistentModelIndex
R = Qt.ItemDataRole
RELATION_LABELS = {"longest": "Longest version", "verbatim": "Verbatim", "trimmed": "Trimmed",
                   "altered": "Altered", "paraphrased": "Paraphrased"}
RELATION_TIPS = {
    "longest": "The longest version: the others are compared with it. Highlighted: words another outlet also carries.",
    "verbatim": "The same words as the longest version (marks, case and punctuation aside).",
    "trimmed": "One part of the longest version; the faded words are what this outlet left out.",
    "altered": "Words were removed (struck through) or added (highlighted) inside the quote.",
    "paraphrased": "Reported speech whose content overlaps the quote of the same speaker; "
                   "highlighted: the words they share.",
}


class SharedModel(CompareTableModel):
    """Every member of every shared-words group, group by group, the longest version first."""

    COL_GROUP = 0
    COL_OUTLET = 1
    COL_SPEAKER = 2
    COL_RELATION = 3
    COL_WORDS = 4
    HEADERS = ("Group", "Outlet", "Speaker as named", "Relation", "Words as this outlet has them")
    MemberRole = Qt.ItemDataRole.UserRole + 1
    GroupRole = Qt.ItemDataRole.UserRole + 2
    FirstRole = Qt.ItemDataRole.UserRole + 3  # the first row of its group
    ROLES = frozenset(int(r) for r in (MemberRole, GroupRole, FirstRole, R.BackgroundRole, R.DisplayRole,
                                       R.AccessibleTextRole, R.ToolTipRole))  # data() answers only these

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.render: Callable[[Any, bool], str] = lambda member, _ref: member.statement.text
        self.shade = None  # a QColor for every other group (set by the page from its palette)

    def set_groups(self, groups) -> None:
        self.set_rows([(g, n, m) for g in groups for n, m in enumerate(g.members)])

    def sort_key(self, item, column: int) -> Any:
        group, n, member = item
        if column == self.COL_GROUP:
            return (group.id, n)
        if column == self.COL_OUTLET:
            return (len(group.outlets) * -1, group.id, n)
        return (group.id, n)  # members stay in their groups

    def value(self, item, col: int, role: int, index: Index) -> Any:
        group, n, member = item
        st = member.statement
        if role == self.MemberRole:
            return member
        if role == self.GroupRole:
            return group
        if role == self.FirstRole:
            return n == 0
        if role == Qt.ItemDataRole.BackgroundRole and group.id % 2 == 0:
            return self.shade  # every other group on a tint: where one ends shows
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if col == self.COL_GROUP:
                if n:
                    return ""
                return f"{group.id}. {' / '.join(group.speakers)} — {len(group.outlets)} outlets"
            if col == self.COL_OUTLET:
                return st.outlet
            if col == self.COL_SPEAKER:
                return st.named_as + (" (named differently)" if member.speaker_differs else "")
            if col == self.COL_RELATION:
                return RELATION_LABELS.get(member.relation, member.relation)
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return st.text
            return self.render(member, n == 0)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.COL_RELATION:
                return tooltip(RELATION_TIPS.get(member.relation, ""))
            return tooltip(f"{st.outlet} — {st.named_as}: “{st.text}”\nDouble-click to read it in the article.")
        return None


class KwicModel(CompareTableModel):
    """One line per mention: outlet, left context, the mention, right context."""

    COL_OUTLET = 0
    COL_LEFT = 1
    COL_MENTION = 2
    COL_RIGHT = 3
    HEADERS = ("Outlet", "Left context", "Mention", "Right context")
    LineRole = Qt.ItemDataRole.UserRole + 1
    _bold: QFont | None = None
    ROLES = frozenset(int(r) for r in (LineRole, R.DisplayRole, R.AccessibleTextRole, R.ToolTipRole,
                                       R.TextAlignmentRole, R.FontRole))  # data() answers only these

    def sort_key(self, line, column: int) -> Any:
        if column == self.COL_LEFT:
            return (line.outlet.casefold(), line.left_key(), line.path, line.start)
        if column == self.COL_RIGHT:
            return (line.outlet.casefold(), line.right_key(), line.path, line.start)
        if column == self.COL_MENTION:
            return (line.outlet.casefold(), line.mention.casefold(), line.path, line.start)
        return (line.outlet.casefold(), line.path, line.start)

    def value(self, line, col: int, role: int, index: Index) -> Any:
        if role == self.LineRole:
            return line
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if col == self.COL_OUTLET:
                previous = self.row_at(index.row() - 1)
                return "" if previous is not None and previous.outlet == line.outlet else line.outlet
            return (line.outlet, line.left, line.mention, line.right)[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(f"{line.outlet} — {line.title}\n…{line.left}{line.mention}{line.right}…\nClick to read it there.")
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.COL_MENTION:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole and col in (self.COL_MENTION, self.COL_OUTLET):
            if self._bold is None:
                self._bold = QFont()
                self._bold.setBold(True)
            return self._bold
        return None


class CoverageModel(CompareTableModel):
    """One row per outlet: its label and owner, its articles by kind, its dates and voices."""

    COL_LABEL = 1
    HEADERS = ("Outlet", "Label", "Ownership", "Articles", "News", "Analysis", "Opinion", "Dates",
               "Statements", "Voices (named)", "Unnamed or vague", "Flags")
    OutletRole = Qt.ItemDataRole.UserRole + 1
    ROLES = frozenset(int(r) for r in (OutletRole, R.DisplayRole, R.AccessibleTextRole, R.ToolTipRole,
                                       R.BackgroundRole, R.ForegroundRole,
                                       R.TextAlignmentRole))  # data() answers only these

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._voices: dict = {}
        self._cache: dict[str, tuple] = {}  # outlet -> its row's values
        self.chip_colours = None  # bias token -> (background, text) QColors for the Label cells (the page's)

    def set_coverage(self, coverage, voices) -> None:
        self._voices = dict(voices.by_outlet) if voices is not None else {}
        self._cache = {}
        self.set_rows(coverage.outlets if coverage is not None else [])

    def _values(self, oc) -> tuple:
        values = self._cache.get(oc.outlet)
        if values is None:
            values = self._cache[oc.outlet] = self._compute(oc)
        return values

    def _compute(self, oc) -> tuple:
        v = self._voices.get(oc.outlet)
        dates = (oc.first_date if oc.first_date == oc.last_date else f"{oc.first_date} – {oc.last_date}") \
            if oc.first_date else "not stated"
        return (oc.outlet, oc.chip, oc.ownership or "not known", oc.articles, oc.kinds.get("news", 0),
                oc.kinds.get("analysis", 0), oc.kinds.get("opinion", 0), dates,
                v.statements if v else 0, f"{v.voices} ({v.named_voices})" if v else "0",
                v.vague if v else 0, "; ".join(v.flags) if v else "")

    def sort_key(self, oc, column: int) -> Any:
        value = self._values(oc)[column]
        return value.casefold() if isinstance(value, str) else value

    def value(self, oc, col: int, role: int, index: Index) -> Any:
        if role == self.OutletRole:
            return oc
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return str(self._values(oc)[col])
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(oc.tooltip)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            if col != self.COL_LABEL or self.chip_colours is None:
                return None
            bg, fg = self.chip_colours(oc.token)
            return bg if role == Qt.ItemDataRole.BackgroundRole else fg
        if role == Qt.ItemDataRole.TextAlignmentRole and (3 <= col <= 6 or col in (8, 10)):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class PickModel(CompareTableModel):
    """The compared articles with a check box each: the ones shown side by side (two to four)."""

    HEADERS = ("Article",)
    PathRole = Qt.ItemDataRole.UserRole + 1
    ROLES = frozenset(int(r) for r in (PathRole, R.DisplayRole, R.AccessibleTextRole, R.ToolTipRole,
                                       R.CheckStateRole))  # data() answers only these
    picked_changed = Signal()
    LIMIT = 4

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.picked: list[str] = []

    def set_articles(self, articles, picked: list[str]) -> None:
        self.picked = list(picked)
        self.set_rows(articles)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsUserCheckable if index.isValid() else base

    def value(self, art, col: int, role: int, index: Index) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{art.outlet} — {art.title}"
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if art.path in self.picked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(f"{art.title}\n{art.outlet} · {art.words} words · {len(art.statements)} statements")
        if role == self.PathRole:
            return art.path
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        found = self.cell(index)
        if found is None or role != Qt.ItemDataRole.CheckStateRole:
            return False
        art = found[0]
        on = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        if on and art.path not in self.picked:
            if len(self.picked) >= self.LIMIT:
                return False
            self.picked.append(art.path)
        elif not on and art.path in self.picked:
            self.picked.remove(art.path)
        else:
            return False
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.picked_changed.emit()
        return True
