"""Starting the desktop app, and ``--screenshot`` mode for docs and checks.

``run_app(argv)`` is what ``parallax`` (no subcommand) calls. Settings are
created here, after the organisation and application names are set, never at
import time.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Callable, Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtCore import QElapsedTimer
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reader import APP_ID
from reader import APP_NAME
from reader.logs import setup_logging
from reader import ORG_NAME
from reader import startup_gc
from reader.cli import parse_gui_args
from reader.cli.gui_options import DEFAULT_SCREENSHOT_SIZE
from reader.library import index_location
from reader.ui.icons import app_icon
from reader.ui.controller import LibraryController
from reader.ui.deferred import after_paint
from reader.ui.errors import install_excepthook
from reader.ui.errors import set_problem_sink
from reader.safe_text import for_terminal
from reader.ui.main_window import MainWindow
from reader.ui.settings import Settings
from reader.ui.window.theme import apply_theme



def create_window(index_dir: Path | None = None, settings: Settings | None = None,
                  open_now: bool = True, index_options: dict | None = None) -> MainWindow:
    """The main window on an index (opened in the background); used by tests too."""
    controller = LibraryController(index_location(index_dir), index_options=index_options, follow=True)
    window = MainWindow(controller, settings or Settings())
    controller.setParent(window)
    if open_now:
        controller.open()
    return window


def _wait_until(predicate, timeout_ms: int) -> bool:
    """Run the event loop until ``predicate()`` or the timeout."""
    timer = QElapsedTimer()
    timer.start()
    while not predicate():
        if timer.elapsed() > timeout_ms:
            return False
        QCoreApplication.processEvents()
        QCoreApplication.sendPostedEvents()
        QApplication.instance().thread().msleep(5)
    return True


def apply_state(window: MainWindow, query: str = "", entities: Sequence[str] = (),
                open_file: str | None = None) -> list[str]:
    """Put the window in the requested state; returns problems to report."""
    problems: list[str] = []
    c = window.controller
    for name in entities:
        ent = c.find_entity(name)
        if ent is None:
            problems.append(f"no entity called “{name}” in this library")
        else:
            c.add_filter(ent.key, ent.name)
    if query:
        window.search_edit.setText(query)
        window.run_search_now()
    c.refresh()  # now, so the article opened below is not replaced by the best hit
    if open_file:
        path = c.find_path(open_file)
        if path is None:
            problems.append(f"no indexed article “{open_file}”")
        else:
            window.open_article(path)
    return problems


def screenshot(window: MainWindow, path: Path, args: argparse.Namespace) -> int:
    """Wait for the library, apply --query/--entity/--open, grab the window to ``path``."""
    window.dialogs_enabled = False
    window.resize(*(args.size or DEFAULT_SCREENSHOT_SIZE))
    window.show()
    if not _wait_until(lambda: window.controller.ready or not window.controller.busy_or_pending(),
                       600_000):
        print("parallax: the library did not open in time", file=sys.stderr)
        return 1
    if not window.controller.ready:
        print("parallax: the library could not be opened", file=sys.stderr)
        return 1
    problems = apply_state(window, args.query, args.entity, args.open)
    for problem in problems:
        print(f"parallax: {for_terminal(problem)}", file=sys.stderr)
    _wait_until(lambda: not window.controller.search_pending(), 60_000)  # the panels follow the list
    _wait_until(window.snippets.settled, 30_000)  # the shown rows' snippets, made on a worker
    _wait_until(lambda: False, 300)  # let layouts, delegates and scrolling settle
    path.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(path), "PNG"):
        print(f"parallax: could not write {for_terminal(path)}", file=sys.stderr)
        return 1
    print(for_terminal(path))
    return 0 if not problems else 2


def make_application() -> QApplication:
    """The application object with Parallax's names and icon (the existing one, if any)."""
    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    app = QApplication.instance()
    if app is None:
        QApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(sys.argv[:1])
    # no application display name: the platform would append "— Parallax" to every title
    app.setDesktopFileName(APP_ID)  # matches parallax.desktop (Wayland task bars)
    app.setWindowIcon(app_icon())
    return app


def run_app(argv: argparse.Namespace | Sequence[str],
            on_window: Callable[[MainWindow], None] | None = None) -> int:
    """Entry point of the desktop app (and of ``--screenshot``).

    ``argv`` is the namespace ``reader.cli`` parsed (or the arguments, parsed
    here by that same tree). ``on_window`` sees the main window before it is
    shown (the benchmark times its first paint).
    """
    if getattr(sys, "frozen", False):
        import multiprocessing

        multiprocessing.freeze_support()  # a frozen (PyInstaller) index worker starts here
    args = argv if isinstance(argv, argparse.Namespace) else parse_gui_args(argv)
    if args.dev and not os.environ.get("PARALLAX_HOME"):
        os.environ["PARALLAX_HOME"] = str(Path.cwd() / ".parallax-dev")
    app = make_application()
    scratch = None
    if args.screenshot:  # a fixed layout, and the user's saved one left alone
        scratch = tempfile.TemporaryDirectory(prefix="parallax-shot-", ignore_cleanup_errors=True)
        settings = Settings(Path(scratch.name) / "screenshot.ini")
    else:
        settings = Settings()
    setup_logging()  # after --dev has chosen the data folder; the error dialog shows its path
    apply_theme(app, args.theme or settings.theme)  # --theme: this run only, never saved
    window = create_window(Path(args.index) if args.index else None, settings)
    if args.theme:
        window.theme_override = args.theme
        window.theme_menu.actions[args.theme].setChecked(True)
    if args.size and not args.screenshot:
        window.resize(*args.size)
    if on_window is not None:
        on_window(window)
    if args.screenshot:
        startup_gc.resume()  # a screenshot run is not timed
        code = screenshot(window, Path(args.screenshot), args)
        window.hide()
        scratch.cleanup()  # the throw-away settings folder goes with the run
        return code
    install_excepthook(lambda: window.dialogs_enabled and not os.environ.get("PARALLAX_NO_DIALOGS"))
    set_problem_sink(window.controller.problem.emit)  # a damaged index found in a paint: one sentence
    if args.query or args.entity or args.open:
        pending = [True]  # apply the command-line state once, on the first opening

        def first_open(_count: int) -> None:
            if pending:
                pending.clear()
                for problem in apply_state(window, args.query, args.entity, args.open):
                    window.statusBar().showMessage(problem, 10000)

        window.controller.opened.connect(first_open)
    window.show()
    after_paint(window, startup_gc.resume)  # paused by reader.cli.gui_main
    return app.exec()
