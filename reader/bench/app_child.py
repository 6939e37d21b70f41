"""The benchmark's app child: ``python -m reader.bench.app_child INDEX_DIR EXPECTED_ROWS [WAIT_ROUNDS]``.

It starts the window through ``reader.cli.gui_main``, exactly as ``parallax``
does, and hands it to ``reader.ui.bench_child.watch_window`` before it is
shown. Nothing here imports Qt: the start-up path is the real one.
"""
from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    index_dir, expected = argv[0], int(argv[1])
    waits = int(argv[2]) if len(argv) > 2 else 0
    from reader.cli import gui_main

    def watch(window) -> None:
        from reader.ui.bench_child import watch_window

        watch_window(window, expected, waits)

    return gui_main(["--index", index_dir], on_window=watch)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
