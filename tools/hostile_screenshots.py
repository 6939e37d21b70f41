"""Screenshots of issue 24's hostile cases, to look at: an article whose title is markup
and whose text holds bidi overrides, and the damaged-index dialog over the window.

    QT_QPA_PLATFORM=offscreen python tools/hostile_screenshots.py OUT_DIR

Writes ``hostile-article-WxH.png``, ``hostile-tooltip.png`` and
``damaged-index-WxH.png`` for 1280×800 and 1920×1080, in a throw-away library
and home folder.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
SIZES = ((1280, 800), (1920, 1080))


def main(out: Path) -> int:
    scratch = Path(tempfile.mkdtemp(prefix="parallax-hostile-shots-"))
    os.environ["PARALLAX_HOME"] = str(scratch / "home")
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtGui import QColor, QPainter
    from PySide6.QtWidgets import QToolTip

    from hostile_inputs import RLE, RLO, damage
    from reader.analysis.record import ArticleRecord, Entity, Quote
    from reader.search.indexer import update_index
    from reader.ui.app import _wait_until, create_window, make_application

    app = make_application()
    title = f'Budget <img src="/dev/zero"> vote: minister calls report {RLO}live\u202c'
    body = (f"{title}\n\nThe council met on Monday. \u201cWe will vote <b>today</b>,\u201d said "
            f"Jane <i>Roe</i>, the council's {RLO}riahc\u202c.\n\nOthers disagreed. \u201cThis is not "
            f"the way,\u201d said {RLE}Omar Said, whose byline has an embedding that never ends.\n")
    corpus = scratch / "corpus <b>x"
    corpus.mkdir(parents=True)
    (corpus / "hostile.txt").write_text(body, encoding="utf-8")

    def analyzer(items):
        for key, text, _hints in items:
            quotes = []
            for words, who in (("We will vote <b>today</b>,", "Jane <i>Roe</i>"),
                               ("This is not the way,", f"{RLE}Omar Said")):
                start = text.index(words)
                quotes.append(Quote(start=start, end=start + len(words) - 1, text=words[:-1], kind="direct",
                                    speaker=who, speaker_type="person", cue="said", confidence=0.9))
            yield ArticleRecord(file=key, title=title, outlet=f"<i>Daily</i> {RLO}sweN",
                                author=f"{RLE}Staff writer", published="2022-02-24", quotes=quotes,
                                entities=[Entity(name="Jane <i>Roe</i>", type="person", mentions=[(0, 4)])])

    options = {"analyzer": analyzer, "resolver": lambda record, source: (record.outlet, "unknown", [])}
    location = scratch / "index"
    update_index(location, [corpus], **options)
    out.mkdir(parents=True, exist_ok=True)
    for width, height in SIZES:
        window = create_window(index_dir=location, index_options=options)
        window.dialogs_enabled = False
        window.resize(width, height)
        window.show()
        _wait_until(lambda: window.controller.ready and not window.controller.search_pending(), 30000)
        window.library_view.selectRow(0)
        _wait_until(lambda: False, 500)
        window.grab().save(str(out / f"hostile-article-{width}x{height}.png"))
        index = window.library_proxy.index(0, 0)
        tip = index.data(Qt.ItemDataRole.ToolTipRole)
        QToolTip.showText(window.library_view.mapToGlobal(QPoint(40, 40)), tip, window.library_view)
        _wait_until(lambda: False, 300)
        label = next((w for w in app.allWidgets() if w.metaObject().className() == "QTipLabel"), None)
        if label is not None and width == SIZES[0][0]:  # a tooltip is the same at every window size
            label.grab().save(str(out / "hostile-tooltip.png"))
        QToolTip.hideText()
        window.close()
    damaged = scratch / "damaged"
    import shutil

    shutil.copytree(location, damaged)
    damage(damaged, "title.col", "flip")
    for width, height in SIZES:
        window = create_window(index_dir=damaged, index_options=options)
        window.dialogs_enabled = False
        problems = []
        window.controller.problem.connect(problems.append)
        window.resize(width, height)
        window.show()
        _wait_until(lambda: bool(problems), 30000)
        _wait_until(lambda: False, 300)
        box, _rebuild = window.problem_box(problems[0])
        box.show()
        _wait_until(lambda: False, 300)
        picture = window.grab()
        dialog = box.grab()
        painter = QPainter(picture)
        painter.fillRect(picture.rect(), QColor(0, 0, 0, 70))  # the window behind a modal dialog
        painter.drawPixmap((picture.width() - dialog.width()) // 2, (picture.height() - dialog.height()) // 3,
                           dialog)
        painter.end()
        picture.save(str(out / f"damaged-index-{width}x{height}.png"))
        box.close()
        window.close()
    for path in sorted(out.glob("*.png")):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/hardening")))
