"""Screenshots of reported speech in the window at 1280×800 and 1920×1080
(``docs/screenshots/speech/*.png``).

``tools/speech_screenshots.py [--index DIR] [--out DIR]`` opens the window on the
index (default: a fresh index of the bundled seeds in a temporary folder) and grabs:
the first article with both quoted and reported statements, every statement listed
(``all``); the quotes panel on indirect statements alone with the first one opened
and selected (``indirect``).
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from shots import ROOT, SIZES, arguments, seed_window, take  # noqa: E402


def main() -> int:
    args = arguments(__doc__.splitlines()[0], ROOT / "docs" / "screenshots" / "speech")
    window = seed_window(args.index)
    from PySide6.QtCore import Qt

    from reader.ui.app import _wait_until
    from reader.ui.quotes.model import QuotesModel

    def wait(predicate, ms=60000) -> bool:
        return _wait_until(predicate, ms)

    def settle(ms=400) -> None:
        _wait_until(lambda: False, ms)

    def shown() -> bool:
        return window.reading_view.article is not None and not window.reading_view.rendering()

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    panel = window.quotes_panel
    for width, height in SIZES:
        window.resize(width, height)
        window.show()
        wait(lambda: window.controller.ready and not window.controller.search_pending())
        window.resizeDocks([window.quotes_dock], [height // 3], Qt.Orientation.Vertical)
        panel.set_kind("")
        for row in range(window.library_proxy.rowCount()):
            window.library_view.selectRow(row)
            wait(shown)
            kinds = {q.kind for q in window.reading_view.article.record.quotes}
            if {"direct", "indirect"} <= kinds:
                break
        window.open_article(window.reading_view.article.path)  # from the top, nothing selected
        wait(shown)
        settle()
        shots = [("all", lambda: None)]

        def indirect() -> None:
            panel.set_kind("indirect")
            index = panel.proxy.index(0, QuotesModel.COL_QUOTE)
            panel.view.setCurrentIndex(index)
            window.open_article(index.data(QuotesModel.PathRole), index.data(QuotesModel.QuoteIndexRole))
            wait(shown)

        shots.append(("indirect", indirect))
        take(window, shots, out, "speech", settle)
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
