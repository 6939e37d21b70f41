"""Screenshots of the main window for the layout work of issue 21 (``docs/screenshots/ux/``).

``tools/ux_screenshots.py [--library DIR] [--out DIR] [--tag TAG]`` renders the
window through ``parallax --screenshot`` (the one front door) on the bundled
seeds and on a 2,000-article library, at 1280×800 and 1920×1080, light and
dark. The large library is built once into ``--library`` (default: a folder
under the system's temporary directory) from the shared research corpora:
1,000 BBC News articles and 1,000 Article-Bias-Prediction articles (many
outlets with long registry names), with records from ``reader.bench.quick_records``
(no spaCy: the layout, not the analysis, is what is looked at). Research data
is never copied into the project; only the PNGs are written.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SIZES = ((1280, 800), (1920, 1080))
THEMES = ("light", "dark")
LARGE = 2000
# (name, extra arguments): what each screenshot shows
SEED_STATES = (("seeds-wapo", ["--open", "003_e9b7486474eea1a3.txt"]),
               ("seeds-bol", ["--open", "002_2458af4d1454103a.txt"]),
               ("seeds-search", ["--query", "pipeline"]),
               ("seeds-pipelne", ["--query", "pipelne"]),  # "Did you mean pipeline?"
               ("seeds-quote", ["--query", "quote:sanctions"]))
LARGE_STATES = (("large", []), ("large-search", ["--query", "trump"]))


def large_sources(dest: Path, size: int = LARGE) -> list[Path]:
    """Half BBC News, half Article-Bias-Prediction, interleaved (files written to ``dest``)."""
    from reader.bench.corpus import real_articles

    bbc, abp, seen = [], [], set()
    for name, text in real_articles():  # the BBC set repeats some articles word for word
        if hash(text) in seen:
            continue
        seen.add(hash(text))
        (bbc if name.startswith("bbc-") else abp if name.startswith("abp-") else []).append((name, text))
    chosen = [item for pair in zip(bbc[: size // 2], abp[: size - size // 2]) for item in pair]
    dest.mkdir(parents=True, exist_ok=True)
    out = []
    for name, text in chosen:
        path = dest / name
        if not path.exists():
            path.write_text(text, encoding="utf-8")
        out.append(path)
    return out


def build_large(library: Path) -> Path:
    """The 2,000-article index in ``library/index`` (built once; quick records, real registry)."""
    index = library / "index"
    if (index / "MAIN_WRITELOCK").exists() or not any(index.glob("*.toc")):
        from reader.bench.quick_records import quick_analyzer
        from reader.search.indexer import update_index

        files = large_sources(library / "articles")
        if not files:
            raise SystemExit("the shared corpora (../shared/data) are not here")
        report = update_index(index, files, analyzer=quick_analyzer)
        print(f"built {index}: {report.summary()}", file=sys.stderr)
    return index


def build_seeds(folder: Path) -> Path:
    from reader.paths import seeds_dir
    from reader.search.indexer import update_index

    index = folder / "index"
    if not any(index.glob("*.toc")):
        update_index(index, [seeds_dir()])
    return index


def shoot(index: Path, out: Path, name: str, extra: list[str], tag: str) -> list[Path]:
    """One ``parallax --screenshot`` run per size and theme."""
    written = []
    for width, height in SIZES:
        for theme in THEMES:
            path = out / f"{name}-{width}x{height}-{theme}{tag}.png"
            cmd = [sys.executable, "-m", "reader", "--screenshot", str(path), "--size", f"{width}x{height}",
                   "--theme", theme, "--index", str(index), *extra]
            proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
            if proc.returncode not in (0, 2):
                print(proc.stderr, file=sys.stderr)
                raise SystemExit(f"screenshot failed: {' '.join(cmd)}")
            written.append(path)
            print(path)
    return written


def shoot_help(out: Path, tag: str) -> list[Path]:
    """The F1 help dialog on a screen of each size (Qt's offscreen screen set to that size)."""
    written = []
    for width, height in SIZES:
        path = out / f"help-{width}x{height}{tag}.png"
        with tempfile.TemporaryDirectory() as scratch:
            config = Path(scratch) / "screen.json"
            config.write_text('{"screens": [{"name": "screen", "x": 0, "y": 0, "width": %d, "height": %d, '
                              '"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}' % (width, height))
            env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
            subprocess.run([sys.executable, __file__, "--help-child", str(path)], cwd=ROOT, env=env, check=True)
        written.append(path)
        print(path)
    return written


def _help_child(path: Path) -> int:
    from PySide6.QtWidgets import QApplication, QWidget

    from reader.ui.dialogs import search_help_dialog

    app = QApplication([])
    parent = QWidget()
    parent.resize(app.primaryScreen().availableGeometry().size())
    dialog = search_help_dialog(parent)
    dialog.show()
    for _ in range(20):
        app.processEvents()
    return 0 if dialog.grab().save(str(path), "PNG") else 1


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--library", default=str(Path(tempfile.gettempdir()) / "parallax-ux-library"),
                   help="where the 2,000-article library is built (kept for the next run)")
    p.add_argument("--out", default=str(ROOT / "docs" / "screenshots" / "ux"))
    p.add_argument("--tag", default="", help="appended to every file name (e.g. -before)")
    p.add_argument("--only", choices=("seeds", "large", "help"), help="one library only, or the help")
    p.add_argument("--help-child", metavar="PNG", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.help_child:
        return _help_child(Path(args.help_child))
    os.environ.setdefault("PARALLAX_HOME", tempfile.mkdtemp(prefix="parallax-ux-home-"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    library, out = Path(args.library), Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.only in (None, "help"):
        shoot_help(out, args.tag)
    if args.only == "help":
        return 0
    if args.only != "large":
        seeds = build_seeds(library / "seeds")
        for name, extra in SEED_STATES:
            shoot(seeds, out, name, extra, args.tag)
    if args.only != "seeds":
        large = build_large(library)
        for name, extra in LARGE_STATES:
            shoot(large, out, name, extra, args.tag)
    return 0


if __name__ == "__main__":
    sys.exit(main())
