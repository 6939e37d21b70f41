"""Screenshots of the Stories panel at 1280×800 and 1920×1080 (``docs/screenshots/stories/``).

``tools/stories_screenshots.py [--index DIR] [--allsides N] [--out DIR]`` opens
the window on the index (default: a fresh index of the bundled seeds in a
temporary folder), shows the Stories panel and grabs it twice per size: the
library's stories, then the library scoped to the largest story (its chip
above the list). ``--allsides N`` indexes the first N AllSides dev stories
with 2N BBC distractors instead (research data: look at those shots, do not
commit them).
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

SIZES = ((1280, 800), (1920, 1080))


def build(index: Path, allsides: int) -> None:
    from reader.paths import seeds_dir
    from reader.search.indexer import update_index

    if not allsides:
        update_index(index, [seeds_dir()])
        return
    import story_eval

    data = story_eval.shared_data()
    if data is None:
        sys.exit("the shared data is not here (set PARALLAX_SHARED)")
    corpus = index.parent / "corpus"
    stories = story_eval.load_stories(data / "allsides-stories" / "dev.jsonl", allsides)
    story_eval.write_allsides(stories, corpus / "allsides")
    story_eval.write_bbc(data / "bbc-news-fulltext", corpus / "bbc", 2 * allsides)
    update_index(index, [corpus / "allsides", corpus / "bbc"])


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--index", help="an index folder (default: the seeds, indexed now)")
    p.add_argument("--allsides", type=int, default=0, metavar="N", help="index N AllSides stories instead")
    p.add_argument("--out", default=str(ROOT / "docs" / "screenshots" / "stories"))
    args = p.parse_args()
    os.environ.setdefault("PARALLAX_HOME", tempfile.mkdtemp(prefix="parallax-shots-home-"))
    index = Path(args.index) if args.index else Path(tempfile.mkdtemp(prefix="parallax-shots-")) / "index"
    if not args.index:
        build(index, args.allsides)
    from PySide6.QtCore import Qt

    from shots import wait

    from reader.ui.app import create_window, make_application
    from reader.ui.settings import Settings

    make_application()
    window = create_window(index, Settings(Path(tempfile.mkdtemp()) / "shots.ini"))
    window.dialogs_enabled = False

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for width, height in SIZES:
        window.resize(width, height)
        window.show()
        wait(lambda: window.controller.ready and not window.controller.search_pending())
        dock = window.stories_dock
        dock.raise_()
        window.resizeDocks([dock], [int(height * 0.36)], Qt.Orientation.Vertical)
        wait(lambda: bool(dock.stories) and not dock.busy())
        dock.scope.clear()
        wait(lambda: not window.controller.search_pending())
        wait(lambda: False, 400)
        shots = [("list", None), ("scoped", max(dock.stories, key=lambda s: (len(s.outlets), s.size)))]
        for name, story in shots:
            if story is not None:
                dock.panel.select(story.id)
                dock.scope_to(story.id)
                wait(lambda: not window.controller.search_pending())
                wait(lambda: False, 400)
            path = out / f"stories-{name}-{width}x{height}.png"
            window.grab().save(str(path), "PNG")
            print(path)
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
