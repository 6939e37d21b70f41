"""Colours derived from the application palette, so light and dark themes read well.

Speakers get a fixed set of hues; only the lightness follows the palette's base
colour (pale tints on light backgrounds, deep ones on dark). Bias chips always
carry their label as text as well as a colour.
"""
from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtGui import QPalette

from reader.outlet_tokens import BIAS_TOKENS
from reader.render.article_html import HtmlTheme

SPEAKER_HUES = (210, 25, 120, 280, 345, 175, 50, 245)  # degrees, well apart
BIAS_HUES = {"left": 220, "lean-left": 220, "center": 270, "lean-right": 0, "right": 0, "mixed": 45}
_PALER = {"lean-left", "lean-right"}  # the leaning half of each side, a lighter tint
OWNERSHIP_HUES = {"public": 150, "state-funded": 30, "private": 200, "non-profit": 300}


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5


def _hsl(hue: int, sat: float, light: float) -> QColor:
    return QColor.fromHslF(hue / 360.0, sat, light)


def tint(hue: int, palette: QPalette) -> QColor:
    """A background tint of ``hue`` that keeps the palette's text readable."""
    return _hsl(hue, 0.55, 0.26) if is_dark(palette) else _hsl(hue, 0.85, 0.88)


def ink(hue: int, palette: QPalette) -> QColor:
    """A foreground colour of ``hue`` readable on the base colour."""
    return _hsl(hue, 0.75, 0.78) if is_dark(palette) else _hsl(hue, 0.75, 0.30)


def bias_colours(bias: str, palette: QPalette) -> tuple[QColor, QColor]:
    """(background, text) of a bias chip; grey for unrated/unknown, a muted tint for mixed."""
    token = (bias or "").lower()
    hue = BIAS_HUES.get(token)
    if hue is None:
        return _grey(palette)
    if token == "mixed":
        return _hsl(hue, 0.35, 0.28 if is_dark(palette) else 0.84), ink(hue, palette)
    bg = tint(hue, palette)
    if token in _PALER:
        bg = bg.lighter(108) if not is_dark(palette) else bg.darker(130)
    return bg, ink(hue, palette)


def ownership_colours(token: str, palette: QPalette) -> tuple[QColor, QColor]:
    """(background, text) of an ownership chip; grey when the ownership is not known."""
    hue = OWNERSHIP_HUES.get((token or "").lower())
    if hue is None:
        return _grey(palette)
    return _hsl(hue, 0.45, 0.25 if is_dark(palette) else 0.90), ink(hue, palette)


def _grey(palette: QPalette) -> tuple[QColor, QColor]:
    return _hsl(0, 0.0, 0.32 if is_dark(palette) else 0.88), palette.color(QPalette.ColorRole.Text)


def speaker_colour(slot: int, palette: QPalette) -> tuple[QColor, QColor]:
    """(background, text) for the ``slot``-th speaker of an article."""
    hue = SPEAKER_HUES[slot % len(SPEAKER_HUES)]
    return tint(hue, palette), ink(hue, palette)


_THEMES: dict[int, HtmlTheme] = {}  # by QPalette.cacheKey(): one per palette in use


def html_theme(palette: QPalette) -> HtmlTheme:
    """The colour set the article HTML is built with (the library's rows ask on every paint)."""
    key = palette.cacheKey()
    theme = _THEMES.get(key)
    if theme is None:
        if len(_THEMES) > 32:  # palettes change with the theme: keep the cache small
            _THEMES.clear()
        theme = _THEMES[key] = _build_theme(palette)
    return theme


def _build_theme(palette: QPalette) -> HtmlTheme:
    dark = is_dark(palette)
    text = palette.color(QPalette.ColorRole.Text).name()
    muted = palette.color(QPalette.ColorRole.PlaceholderText).name()
    hit_bg = _hsl(48, 0.95, 0.38 if dark else 0.62).name()
    return HtmlTheme(
        text=text, muted=muted, hit_bg=hit_bg, hit_fg="#000000" if not dark else "#ffffff",
        scare_fg=ink(265, palette).name(),
        speaker_bg=[tint(h, palette).name() for h in SPEAKER_HUES],
        speaker_fg=[ink(h, palette).name() for h in SPEAKER_HUES],
        bias_bg={b: bias_colours(b, palette)[0].name() for b in BIAS_TOKENS},
        bias_fg={b: bias_colours(b, palette)[1].name() for b in BIAS_TOKENS},
    )
