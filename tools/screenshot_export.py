"""Screenshots of the Export dialog and the quotes' and library's context menus.

    QT_QPA_PLATFORM=offscreen PARALLAX_HOME=$(mktemp -d) \\
        .venv/bin/python tools/screenshot_export.py --index /tmp/idx docs/export

writes ``export-dialog-WxH.png``, ``quote-menu-WxH.png``, ``library-menu-WxH.png`` and
``export-running-WxH.png`` (the dialog while a REFI-QDA export of every article runs:
use a large index to catch it) at 1280×800 and 1920×1080: the window with the dialog
or the open menu drawn where it sits (offscreen, pop-ups are windows of their own,
so they are painted in).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

SIZES = ((1280, 800), (1920, 1080))


def _wait(app, predicate, ms: int) -> None:
    from PySide6.QtCore import QDeadlineTimer

    deadline = QDeadlineTimer(ms)
    while not predicate() and not deadline.hasExpired():
        app.processEvents()


def _composite(window, popup):
    """The window's picture with ``popup`` (a dialog or menu) painted where it is on screen."""
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtGui import QColor, QPainter

    picture = window.grab()
    painter = QPainter(picture)
    at = popup.mapToGlobal(QPoint(0, 0)) - window.mapToGlobal(QPoint(0, 0))
    painter.drawPixmap(at, popup.grab())
    painter.setPen(QColor("#707070"))  # the frame a window manager would draw
    painter.drawRect(QRect(at, popup.size()).adjusted(-1, -1, 0, 0))
    painter.end()
    return picture


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", required=True, help="an index folder (built from the seeds if empty)")
    parser.add_argument("out", type=Path, help="folder for the PNG files")
    args = parser.parse_args(argv)

    import tempfile

    from PySide6.QtCore import QItemSelectionModel, QPoint

    from reader.export.spec import Format
    from reader.ui.app import create_window, make_application

    scratch = tempfile.TemporaryDirectory(prefix="parallax-shots-")

    app = make_application()
    window = create_window(index_dir=args.index)
    window.dialogs_enabled = False
    window.show()
    _wait(app, lambda: window.controller.ready and not window.controller.search_pending(), 600_000)
    window.set_query("Khan")
    _wait(app, lambda: not window.controller.search_pending(), 60_000)
    args.out.mkdir(parents=True, exist_ok=True)
    for width, height in SIZES:
        window.resize(width, height)
        _wait(app, lambda: False, 300)
        quotes, library = window.quotes_view, window.library_view
        for view, rows in ((quotes, (0, 1, 2)), (library, (1,))):
            sm = view.selectionModel()
            sm.clearSelection()
            for row in rows:
                sm.select(view.model().index(row, 0),
                          QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
        dialog = window.exports.open_dialog()
        dialog.adjustSize()
        dialog.move(window.mapToGlobal(QPoint((width - dialog.width()) // 2, (height - dialog.height()) // 3)))
        _wait(app, lambda: False, 300)
        _composite(window, dialog).save(str(args.out / f"export-dialog-{width}x{height}.png"))
        dialog.set_format(Format.QDPX)
        dialog.path_edit.setText(str(Path(scratch.name) / f"all-{width}.qdpx"))
        dialog.start()
        _wait(app, lambda: dialog.progress.value() > 0 or dialog.task is None, 30_000)
        _composite(window, dialog).save(str(args.out / f"export-running-{width}x{height}.png"))
        dialog.reject()  # cancels it
        _wait(app, lambda: dialog.task is None, 30_000)
        dialog.reject()
        for name, view, menu in (("quote-menu", quotes, window.exports.quote_menu()),
                                 ("library-menu", library, window.editing.library_menu())):
            rect = view.visualRect(view.model().index(rows[0] if view is library else 1, 1))
            where = view.viewport().mapToGlobal(rect.center())
            menu.popup(where)
            menu.move(where)  # the offscreen screen is smaller than the window: not clamped to it
            _wait(app, lambda: False, 300)
            _composite(window, menu).save(str(args.out / f"{name}-{width}x{height}.png"))
            menu.close()
    for path in sorted(args.out.glob("*.png")):
        print(path)
    window.close()
    scratch.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
