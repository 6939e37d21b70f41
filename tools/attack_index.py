"""Re-run issue 24's attack on damaged indexes and count what the user sees.

Each variant is a copy of one real index with one file damaged (bytes flipped
at three places, cut in half, or deleted; flipped with the file's time put back, or in an
index without a manifest: the stored fields, the title and
path columns, field lengths, terms, postings, the table of contents, the
stamp). On every variant the command line searches three queries and adds
one file; ``--window`` also opens the window on it and reads every article.
Each run is counted as one of:

* ``sentence``: refused with one line that says the index is damaged;
* ``same``: worked and gave the undamaged index's answer (the damage was
  in a part the run did not need);
* ``wrong``: worked, silently, with another count than the undamaged index;
* ``added``: ``add`` reported success on a damaged index;
* ``traceback`` / ``hang``.

Usage (``--src`` picks the code to attack, e.g. an export of main)::

    python tools/attack_index.py --work /tmp/attack --corpus DIR [--src DIR] [--window]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from hostile_inputs import SEGMENT_TARGETS, damage, segment_files  # noqa: E402

QUERIES = ("said", "government", "minister")
HOWS = ("flip", "truncate", "delete", "flip-keep-time", "flip-no-manifest")
EXTRA = (("_articles_1.toc", "flip"), ("parallax-index.json", "flip"), ("parallax-index.json", "delete"))
TIMEOUT = 120


def run(src: Path, args: list[str], home: Path, timeout: int = TIMEOUT) -> tuple[int | None, str, str]:
    env = dict(os.environ, PARALLAX_HOME=str(home), PYTHONPATH=str(src), QT_QPA_PLATFORM="offscreen")
    try:
        done = subprocess.run([sys.executable, "-m", "reader", *args], cwd=src, env=env,
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, "", ""
    return done.returncode, done.stdout, done.stderr


def classify_search(result, expected: int) -> str:
    code, out, err = result
    if code is None:
        return "hang"
    if "Traceback" in err:
        return "traceback"
    if code != 0:
        return "sentence" if "damaged" in err and len(err.strip().splitlines()) == 1 else "other"
    total = json.loads(out)["total"]
    return "same" if total == expected else "wrong"


def classify_add(result) -> str:
    code, _out, err = result
    if code is None:
        return "hang"
    if "Traceback" in err:
        return "traceback"
    if code == 0:
        return "added"
    return "sentence" if "damaged" in err else "other"


WINDOW_PROBE = r"""
import sys, traceback
from pathlib import Path
from PySide6.QtWidgets import QApplication
from reader.ui.app import create_window, make_application
app = make_application()
failures = []
sys.excepthook = lambda t, e, tb: failures.append("".join(traceback.format_exception(t, e, tb)))
window = create_window(index_dir=Path(sys.argv[1]))
window.dialogs_enabled = False
problems = []
window.controller.problem.connect(lambda exc: problems.append(str(exc)))
window.show()
from reader.ui.app import _wait_until
_wait_until(lambda: window.controller.ready or not window.controller.busy_or_pending(), 60000)
_wait_until(lambda: not window.controller.search_pending(), 30000)
opened = unopened = 0
for row in range(window.library_model.rowCount()):
    path = window.library_model.index(row, 0).data(window.library_model.PathRole)
    try:
        ok = window.open_article(path)
    except Exception:
        failures.append(traceback.format_exc()); ok = False
    opened += bool(ok); unopened += not ok
_wait_until(lambda: False, 200)
print("RESULT", opened, unopened, len(failures), len(problems), repr(problems[:1]))
"""


def classify_window(src: Path, location: Path, home: Path) -> str:
    env = dict(os.environ, PARALLAX_HOME=str(home), PYTHONPATH=str(src), QT_QPA_PLATFORM="offscreen",
               PARALLAX_NO_DIALOGS="1")
    try:
        done = subprocess.run([sys.executable, "-c", WINDOW_PROBE, str(location)], cwd=src, env=env,
                              capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return "hang"
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith("RESULT")), None)
    if line is None or "Traceback" in done.stderr and line is None:
        return "traceback"
    _, opened, unopened, failures, problems, first = line.split(" ", 5)
    if int(failures):
        return "traceback"
    if int(problems) and "damaged" in first:
        return "sentence"
    return "same" if int(unopened) == 0 else "unopenable"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--work", type=Path, required=True)
    p.add_argument("--corpus", type=Path, required=True, help="articles to build the base index from")
    p.add_argument("--src", type=Path, default=ROOT, help="the checkout whose code is attacked")
    p.add_argument("--base", type=Path, help="an index to attack (default: built from --corpus)")
    p.add_argument("--window", action="store_true", help="also open each variant in the window")
    p.add_argument("--only", help="only targets whose name contains this")
    args = p.parse_args()
    work = args.work
    work.mkdir(parents=True, exist_ok=True)
    home = work / "home"
    base = args.base or work / "base"
    if not (base / "whoosh").is_dir():
        code, out, err = run(args.src, ["index", "--index", str(base), str(ROOT / "seeds"), str(args.corpus)],
                             home, timeout=3600)
        print(out, err, file=sys.stderr)
    expected = {q: json.loads(run(args.src, ["search", "--index", str(base), "--json", "--limit", "1", q],
                                  home)[1])["total"] for q in QUERIES}
    print("undamaged:", expected)
    extra_file = work / "extra.txt"
    extra_file.write_text("A new article\n\n\u201cWe will go on,\u201d said Jane Roe.\n", encoding="utf-8")
    variants = [(s, h) for s in SEGMENT_TARGETS for h in HOWS] + list(EXTRA)
    counts: dict[str, Counter] = {"search": Counter(), "add": Counter(), "window": Counter()}
    for n, (target, how) in enumerate(variants):
        if args.only and args.only not in target:
            continue
        location = work / f"v{n:02d}"
        shutil.rmtree(location, ignore_errors=True)
        shutil.copytree(base, location)
        try:
            if target.startswith("_articles_") or target.startswith("parallax"):
                path = location / "whoosh" / target
                if how == "delete":
                    path.unlink()
                else:
                    data = bytearray(path.read_bytes())
                    for off in (len(data) // 3, len(data) // 2, len(data) - 1):
                        data[off] ^= 0xFF
                    path.write_bytes(bytes(data))
            elif how == "flip-keep-time":  # the manifest's quick check trusts the file's time
                path = segment_files(location, target)[0]
                st = path.stat()
                damage(location, target, "flip")
                os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
            elif how == "flip-no-manifest":  # an index from before manifests, damaged since
                (location / "whoosh" / "parallax-manifest.json").unlink(missing_ok=True)
                damage(location, target, "flip")
            else:
                damage(location, target, how)
        except (IndexError, OSError) as exc:
            print(f"skip {target} {how}: {exc}")
            continue
        row = [classify_search(run(args.src, ["search", "--index", str(location), "--json", q], home),
                               expected[q]) for q in QUERIES]
        counts["search"].update(row)
        added = classify_add(run(args.src, ["add", "--index", str(location), str(extra_file)], home))
        counts["add"][added] += 1
        shown = classify_window(args.src, location, home) if args.window else "-"
        if args.window:
            counts["window"][shown] += 1
        print(f"{target:>22} {how:<9} search {' '.join(row):<32} add {added:<10} window {shown}", flush=True)
        shutil.rmtree(location, ignore_errors=True)
    for kind, c in counts.items():
        if c:
            print(f"{kind}: {dict(c)} of {sum(c.values())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
