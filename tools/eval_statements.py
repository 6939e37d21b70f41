#!/usr/bin/env python3
"""Score statements on PolNeAR dev and the seed gold with the shared scorer.

Run from the project root::

    python tools/eval_statements.py [--shared ../shared] [--out DIR]

It runs ``parallax analyze --json`` (the real front door) on PolNeAR dev's texts and
on ``seeds/``, then ``../shared/eval/score_quotes.py``:

- PolNeAR dev, every attribution (direct, mixed, indirect contents);
- PolNeAR dev, ``--direct-only`` (quoted words standing alone);
- the seed gold, which marks every quotation-marked span and no reported clause, on
  the records' quoted words (``statements.quoted_words``: direct and scare quotes and
  the quoted words inside mixed statements), and on the raw records for reference.

PolNeAR test is not used (it is not in ``../shared``).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from polnear import ROOT, shared_dir  # noqa: E402

from reader.analysis.record import ArticleRecord  # noqa: E402
from reader.analysis.statements import quoted_words  # noqa: E402


def analyze(files: list[Path], out: Path) -> None:
    with open(out, "w", encoding="utf-8") as fh:
        subprocess.run([sys.executable, "-m", "reader", "analyze", "--json", "-j", "2", *map(str, files)],
                       cwd=ROOT, stdout=fh, stderr=subprocess.DEVNULL, check=True)


def score(shared: Path, system: Path, *gold: str) -> dict:
    done = subprocess.run([sys.executable, str(shared / "eval" / "score_quotes.py"), "--system", str(system), *gold],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def quoted_view(system: Path, out: Path) -> None:
    with open(out, "w", encoding="utf-8") as fh:
        for line in system.read_text(encoding="utf-8").splitlines():
            data = json.loads(line)
            rec = ArticleRecord.from_json(data)
            text = Path(data["file"]).read_text(encoding="utf-8")
            rec.quotes = quoted_words(rec.quotes, text)
            fh.write(json.dumps(rec.to_json(), ensure_ascii=False) + "\n")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=None, help="the folder holding data/ and eval/")
    ap.add_argument("--out", type=Path, default=None, help="keep the JSON Lines here")
    args = ap.parse_args()
    shared = args.shared or shared_dir()
    out = args.out or Path(tempfile.mkdtemp(prefix="parallax-eval-"))
    out.mkdir(parents=True, exist_ok=True)
    dev = shared / "data" / "polnear" / "dev"
    analyze(sorted((dev / "text").glob("*.txt")), out / "dev.jsonl")
    analyze(sorted((ROOT / "seeds").glob("*.txt")), out / "seeds.jsonl")
    quoted_view(out / "seeds.jsonl", out / "seeds-quoted.jsonl")
    seeds = ["--gold-seeds", str(shared / "gold" / "seeds.json"), "--seeds-dir", str(ROOT / "seeds")]
    rows = {
        "PolNeAR dev, all attributions": score(shared, out / "dev.jsonl", "--gold-brat", str(dev)),
        "PolNeAR dev, direct only": score(shared, out / "dev.jsonl", "--gold-brat", str(dev), "--direct-only"),
        "seeds gold, quoted words": score(shared, out / "seeds-quoted.jsonl", *seeds),
        "seeds gold, every record": score(shared, out / "seeds.jsonl", *seeds),
    }
    width = max(map(len, rows))
    print(f"{'set':<{width}}  lenient F1  strict F1  speaker")
    for name, r in rows.items():
        print(f"{name:<{width}}  {r['lenient_f1']:>10.3f}  {r['f1']:>9.3f}  {r['speaker_acc']:>7.3f}")
    print(json.dumps(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
