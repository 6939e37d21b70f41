"""The coverage bar: how the current result set splits by outlet lean or ownership, clickable.

One segment per class that has articles (left … right, mixed, unrated, unknown;
or public, state-funded, private, non-profit, other, unknown), each with its
name and count as text as well as a colour; its width follows its share. The
counts are the indexed tokens of the result set, so clicking a segment (which
asks for ``bias:<token>`` or ``ownership:<token>``) shows exactly the number it
displays; clicking an active one removes the filter. The "?" legend says what
the grey classes mean and where the ratings come from.
"""
from __future__ import annotations

import re
from typing import Mapping

from PySide6.QtCore import QRect
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox
from PySide6.QtGui import QColor
from PySide6.QtGui import QPainter
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QSizePolicy
from PySide6.QtWidgets import QToolButton
from PySide6.QtWidgets import QWidget

from reader.outlet_info import LEAN_LEGEND
from reader.outlet_info import OWNERSHIP_LABELS
from reader.outlet_info import OWNERSHIP_LEGEND
from reader.outlet_info import OWNERSHIP_SEGMENTS
from reader.outlet_info import SEGMENT_LABELS
from reader.outlet_info import SEGMENTS
from reader.outlet_tokens import bias_value
from reader.outlet_tokens import ownership_value
from reader.ui.palette import bias_colours
from reader.ui.palette import is_dark
from reader.ui.palette import ownership_colours
from reader.ui.plain_text import tooltip

BIAS, OWNERSHIP = "bias", "ownership"  # the bar's two modes: the index field each filters
# what a segment says when the bar is too narrow for the full label (the tooltip and the
# accessible name keep the full one)
SHORT = {"left": "L", "lean-left": "LL", "center": "C", "lean-right": "LR", "right": "R", "mixed": "Mix",
         "unrated": "Unr", "unknown": "Unk", "public": "Pub", "state-funded": "State", "private": "Priv",
         "non-profit": "NP", "other": "Oth"}
_MODES = {BIAS: (SEGMENTS, SEGMENT_LABELS, LEAN_LEGEND, "lean"),
          OWNERSHIP: (OWNERSHIP_SEGMENTS, OWNERSHIP_LABELS, OWNERSHIP_LEGEND, "ownership")}


class CoverageBar(QWidget):
    """Segments of the result set's leans or ownership; ``toggled(field, token)`` on a click."""

    toggled = Signal(str, str)  # ("bias" or "ownership", token)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("coverageBar")
        self.setAccessibleName("Coverage by outlet lean")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.mode_box = QComboBox(self)
        self.mode_box.setAccessibleName("Coverage by")
        self.mode_box.addItem(self.tr("Lean"), BIAS)
        self.mode_box.addItem(self.tr("Ownership"), OWNERSHIP)
        self.mode_box.setToolTip(self.tr("Split the result set by the lean of each article's outlet, "
                                         "or by who owns or funds it"))
        self.mode_box.currentIndexChanged.connect(lambda _i: self._show())
        layout.addWidget(self.mode_box)
        self.legend = QLabel("?", self)  # a plain character: every font has it
        self.legend.setAccessibleName("Coverage legend")
        self.legend.setCursor(Qt.CursorShape.WhatsThisCursor)
        self.legend.setStyleSheet("QLabel { border: 1px solid palette(mid); border-radius: 7px;"
                                  " padding: 0px 4px; color: palette(text); }")
        layout.addWidget(self.legend)
        self.buttons: dict[tuple[str, str], QToolButton] = {}
        for mode, (segments, _labels, _legend, _noun) in _MODES.items():
            for seg in segments:
                button = QToolButton(self)
                button.setCheckable(True)
                button.setCursor(Qt.CursorShape.PointingHandCursor)
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
                # ignored: the bar never widens the library pane; labels shorten instead (resizeEvent)
                button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
                button.clicked.connect(lambda _=False, m=mode, s=seg: self.toggled.emit(m, s))
                button.setVisible(False)
                layout.addWidget(button, 0)
                self.buttons[(mode, seg)] = button
        self.coverage: dict[str, dict[str, int]] = {m: dict.fromkeys(v[0], 0) for m, v in _MODES.items()}
        self._active: dict[str, set[str]] = {BIAS: set(), OWNERSHIP: set()}
        self.short = False  # the segments show short labels ("LL 110") for want of room
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    @property
    def mode(self) -> str:
        return self.mode_box.currentData() or BIAS

    def set_mode(self, mode: str) -> None:
        self.mode_box.setCurrentIndex(max(0, self.mode_box.findData(mode)))

    @property
    def counts(self) -> dict[str, int]:
        """The shown mode's articles per segment."""
        return dict(self.coverage[self.mode])

    def set_counts(self, coverage: Mapping[str, Mapping[str, int]], active: Mapping[str, set[str]]) -> None:
        """Show ``coverage`` ({"bias": {token: n}, "ownership": {...}}); segments whose token
        is filtered on (``active``, per field) look pressed."""
        for mode, (segments, *_rest) in _MODES.items():
            given = coverage.get(mode, {})
            self.coverage[mode] = {seg: int(given.get(seg, 0)) for seg in segments}
            self._active[mode] = set(active.get(mode, ()))
        self._show()

    def _show(self) -> None:
        mode = self.mode
        segments, labels, legend, noun = _MODES[mode]
        counts = self.coverage[mode]
        total = sum(counts.values())
        layout = self.layout()
        dark = is_dark(self.palette())
        self.legend.setToolTip(tooltip(legend))
        self.setAccessibleName(f"Coverage by outlet {noun}")
        for (m, seg), button in self.buttons.items():
            if m != mode:
                button.setVisible(False)
                continue
            n = counts[seg]
            on = seg in self._active[mode]
            button.setVisible(n > 0 or on)
            button.setText(f"{SHORT.get(seg, labels[seg]) if self.short else labels[seg]} {n}")
            button.setMinimumWidth(self.fontMetrics().horizontalAdvance(button.text()) + 14)  # never a sliver
            button.setChecked(on)
            action = "Remove the filter" if on else "Show only these"
            button.setToolTip(tooltip(f"{n} of {total} articles: outlets with {noun} “{labels[seg].lower()}”.\n"
                                      f"{action} ({mode}:{seg}).\n\n{legend}"))
            button.setAccessibleName(f"{labels[seg]}: {n} articles" + (", filter on" if on else ""))
            layout.setStretch(layout.indexOf(button), max(n, 1))
            button.setStyleSheet(self._style(mode, seg, on, dark))
        self.setVisible(total > 0 or any(self._active.values()))
        self._fit()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """Full labels when they fit, short ones when they do not."""
        mode = self.mode
        _segments, labels, _legend, _noun = _MODES[mode]
        fm = self.fontMetrics()
        shown = [seg for (m, seg), b in self.buttons.items() if m == mode and not b.isHidden()]
        room = self.width() - self.mode_box.sizeHint().width() - self.legend.sizeHint().width() - 12
        need = sum(fm.horizontalAdvance(f"{labels[s]} {self.coverage[mode][s]}") + 16 for s in shown)
        short = need > room
        if short != self.short:
            self.short = short
            self._show()

    def _style(self, mode: str, seg: str, on: bool, dark: bool) -> str:
        bg, fg = (bias_colours if mode == BIAS else ownership_colours)(seg, self.palette())
        border = "palette(highlight)" if on else bg.darker(115).name()
        weight = "700" if on else "500"
        return (f"QToolButton {{ background: {bg.name()}; color: {fg.name()}; border: "
                f"{2 if on else 1}px solid {border}; border-radius: 3px; padding: 1px 6px;"
                f" font-weight: {weight}; }}"
                f" QToolButton:hover, QToolButton:focus {{ border: 2px solid palette(highlight); }}")

    def button(self, segment: str, mode: str | None = None) -> QToolButton:
        return self.buttons[(mode or self.mode, segment)]

    def text(self) -> str:
        """What the bar says, e.g. "Center 2 · Unrated 3" (tests, a11y)."""
        return " · ".join(b.text() for (m, _s), b in self.buttons.items() if m == self.mode and b.isVisibleTo(self))


_TERM = re.compile(r'(?i)(?<![\w:])(bias|ownership):("[^"]*"|\S+)')


def _normalised(field: str, value: str) -> str | None:
    value = value.strip('"')
    return bias_value(value) if field == BIAS else ownership_value(value)


def active_tokens(query: str, field: str = BIAS) -> set[str]:
    """The classes of ``field`` the query filters on, in any spelling (bias:"lean left")."""
    out = set()
    for m in _TERM.finditer(query):
        if m.group(1).lower() == field:
            token = _normalised(field, m.group(2))
            if token:
                out.add(token)
    return out


def toggle_term(query: str, field: str, token: str) -> str:
    """``query`` with ``field:<token>`` added, or removed (in any spelling) if it is there."""
    found = [m for m in _TERM.finditer(query)
             if m.group(1).lower() == field and _normalised(field, m.group(2)) == token]
    if found:
        for m in reversed(found):
            query = query[:m.start()] + query[m.end():]
        return " ".join(query.split())
    return f"{query.strip()} {field}:{token}".strip()


def segment_colours(seg: str, palette: QPalette, mode: str = BIAS) -> tuple[QColor, QColor]:
    """(background, text) of a segment, in the bar and wherever it is drawn (a story's row)."""
    return (bias_colours if mode == BIAS else ownership_colours)(seg, palette)


def paint_coverage(painter: QPainter, rect: QRect, counts: Mapping[str, int], palette: QPalette,
                   mode: str = BIAS) -> None:
    """The bar drawn into ``rect`` (a table cell): the same segments, order and colours as
    ``CoverageBar``, each as wide as its share, its count written where it fits."""
    segments = _MODES[mode][0]
    shown = [(seg, int(counts.get(seg, 0))) for seg in segments if counts.get(seg, 0)]
    total = sum(n for _seg, n in shown)
    if not total or rect.width() < 4:
        return
    painter.save()
    fm = painter.fontMetrics()
    x, right = rect.left(), rect.right() + 1
    for i, (seg, n) in enumerate(shown):
        end = right if i == len(shown) - 1 else x + max(2, round(rect.width() * n / total))
        cell = QRect(x, rect.top(), max(1, min(end, right) - x - 1), rect.height())
        bg, fg = segment_colours(seg, palette, mode)
        painter.fillRect(cell, bg)
        if fm.horizontalAdvance(str(n)) + 4 <= cell.width():
            painter.setPen(fg)
            painter.drawText(cell, int(Qt.AlignmentFlag.AlignCenter), str(n))
        x = end
        if x >= right:
            break
    painter.restore()


def coverage_text(counts: Mapping[str, int], mode: str = BIAS) -> str:
    """What the bar says in words, e.g. "Center 2 · Right 1" (tooltips, accessible text)."""
    segments, labels = _MODES[mode][0], _MODES[mode][1]
    return " · ".join(f"{labels[seg]} {counts[seg]}" for seg in segments if counts.get(seg))


def active_bias_tokens(query: str) -> set[str]:
    return active_tokens(query, BIAS)


def toggle_bias_term(query: str, token: str) -> str:
    return toggle_term(query, BIAS, token)
