"""Screenshots of each Compare page at 1280×800 and 1920×1080 (``docs/screenshots/compare-*.png``).

``tools/compare_screenshots.py [--index DIR] [--out DIR]`` opens the window on
the index (default: a fresh index of the bundled seeds in a temporary folder),
opens Compare on the whole library and grabs each page: voices (with Imran
Khan's DW cell clicked), shared words, side by side (three articles, Imran
Khan highlighted), mentions of Putin, coverage.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from shots import ROOT, SIZES, arguments, seed_window, take, wait  # noqa: E402


def main() -> int:
    args = arguments(__doc__.splitlines()[0], ROOT / "docs" / "screenshots")
    window = seed_window(args.index)

    from reader.compare.side import Target

    def settle(ms=400) -> None:
        wait(lambda: False, ms)

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for width, height in SIZES:
        window.resize(width, height)
        window.show()
        wait(lambda: window.controller.ready and not window.controller.search_pending())
        window.actions.compare.trigger()
        host = window.compare_tab
        wait(lambda: host.workspace is not None and host.workspace.comparison is not None
             and not host.workspace.pending())
        ws = host.workspace
        ws.show_page(ws.voices)
        settle()
        cell = ws.voices.cell_index("Imran Khan", "Deutsche Welle")
        ws.voices.view.setCurrentIndex(cell)
        ws.voices._on_clicked(cell)
        shots = [("voices", lambda: None), ("shared-words", lambda: ws.show_page(ws.shared))]

        def side() -> None:
            ws.show_page(ws.side)
            wait(lambda: ws.side.columns_ready() and len(ws.side.visible_columns()) >= 3)
            settle()
            ws.side.set_target(Target("speaker", "imran khan", "Imran Khan"))

        def mentions() -> None:
            ws.show_mentions("Putin")
            ws.kwic.sort_box.setCurrentIndex(0)

        shots += [("side-by-side", side), ("kwic", mentions), ("coverage", lambda: ws.show_page(ws.coverage))]
        take(window, shots, out, "compare", settle)
        window.tabs.setCurrentWidget(window.reader_page)
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
