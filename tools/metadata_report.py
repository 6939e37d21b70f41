"""Where a library's titles, outlets and dates come from, on real articles.

Builds two libraries the way ``parallax add`` does (same loader, same
metadata rules, same outlet resolution; the spaCy parse is skipped because no
metadata field depends on it) and counts, per field, how many articles got a
value from which source, and how many values are wrong:

* 200 BBC News ``.txt`` files (no outlet in any of them): every outlet found is invented;
* 300 Article-Bias-Prediction articles written as ``.md`` and as ``.txt`` with
  front matter (outlet, title, date in three formats): each field should come
  from the front matter, dates as ISO ``YYYY-MM-DD``.

Usage: ``python tools/metadata_report.py [--json]`` (needs ``../shared/data``).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from real_corpora import DATA, abp_files, bbc_sample, metadata_analyzer  # noqa: E402

FIELDS = ("outlet", "title", "published")
ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def library(location: Path, paths: list[Path]) -> list[dict]:
    from reader.search import fields as F
    from reader.search.indexer import update_index
    from reader.search.store import open_index

    update_index(location, paths, analyzer=metadata_analyzer)
    with open_index(location).searcher() as s:
        rows = []
        for stored in s.all_stored_fields():
            record = json.loads(stored[F.RECORD])
            rows.append({"path": stored[F.PATH], "outlet": record.get("outlet") or None,
                         "listed_outlet": stored.get(F.OUTLET_NAME) or None,
                         "bias": stored.get(F.BIAS), "title": stored.get(F.TITLE),
                         "published": stored.get(F.PUBLISHED) or None,
                         "sources": record.get("meta_sources") or {}})
        return rows


def tally(rows: list[dict], expected: dict[str, dict] | None) -> dict:
    out: dict = {}
    for field in FIELDS:
        sources: Counter = Counter()
        wrong = 0
        for row in rows:
            value = row[field]
            if not value:
                sources["(none)"] += 1
            else:
                sources[row["sources"].get(field, "(not recorded)")] += 1
            want = (expected or {}).get(row["path"], {}).get(field) if expected is not None else None
            if expected is None and field == "outlet":
                wrong += value is not None  # BBC: no file names its outlet
            elif expected is not None and value != want:
                wrong += 1
            if field == "published" and value and not ISO.fullmatch(value):
                sources["(not ISO)"] += 1
        out[field] = {"sources": dict(sources.most_common()), "wrong": wrong}
    out["outlets"] = dict(Counter(r["listed_outlet"] or "(none)" for r in rows).most_common(8))
    out["bias"] = dict(Counter(r["bias"] for r in rows).most_common())
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"needs {DATA}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        import os

        os.environ["PARALLAX_HOME"] = str(tmp / "home")
        bbc = bbc_sample(tmp / "bbc")
        abp = abp_files(tmp / "abp")
        results = {
            "bbc": tally(library(tmp / "ix-bbc", [tmp / "bbc"]), None),
            "abp": tally(library(tmp / "ix-abp", [tmp / "abp"]),
                         {str(p.resolve()): e for p, e in abp.items()}),
            "files": {"bbc": len(bbc), "abp": len(abp)},
        }
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    for batch in ("bbc", "abp"):
        print(f"== {batch} ({results['files'][batch]} files)")
        for field in FIELDS:
            r = results[batch][field]
            print(f"  {field:9} wrong {r['wrong']:4}  from: {r['sources']}")
        print(f"  outlets: {results[batch]['outlets']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
