"""The application icon, built from the PNGs in ``resources/icons``.

Every rendered size is added so Qt picks a crisp pixmap for the title bar,
task bar and Alt-Tab switcher instead of scaling one image; the SVG is added
last for sizes in between (HiDPI). Wire it with
``app.setWindowIcon(app_icon())``.
"""
from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from reader.paths import resource_path

ICON_NAME = "parallax"
ICON_SIZES: tuple[int, ...] = (16, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    """Parallax's window/application icon (empty QIcon if resources are missing)."""
    icon = QIcon()
    for size in ICON_SIZES:
        png = resource_path("icons", f"{ICON_NAME}-{size}.png")
        if png.is_file():
            icon.addFile(str(png), QSize(size, size))
    svg = resource_path("icons", f"{ICON_NAME}.svg")
    if svg.is_file():
        icon.addFile(str(svg))
    return icon
