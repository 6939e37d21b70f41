"""Real articles from ``../shared/data`` written out as a user would have them.

Used by the library-data tests and by ``tools/metadata_report.py``. The BBC
files are copied byte for byte (the outlet is in no file); the
Article-Bias-Prediction rows become ``.md`` and ``.txt`` files with a YAML
front-matter block giving outlet, title and date, the date written in one of
three common ways.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path

# ``../shared`` beside the checkout (as tests/conftest.py has it); PARALLAX_SHARED
# points elsewhere (a worktree whose parent has no shared folder)
SHARED = Path(os.environ.get("PARALLAX_SHARED") or Path(__file__).resolve().parents[1].parent / "shared")
DATA = SHARED / "data"
BBC = DATA / "bbc-news-fulltext"
ABP = DATA / "article-bias-prediction-sample" / "abp_sample.jsonl"
BBC_CATEGORIES = ("business", "entertainment", "politics", "sport", "tech")


def metadata_analyzer(items):
    """The real analysis without the spaCy parse (boilerplate, metadata, quote spans): for
    tests of metadata and import plumbing, where a parse of hundreds of articles would only
    cost minutes. An ``update_index`` analyzer."""
    from reader.analysis.pipeline import analyze_doc

    for file, text, hints in items:
        yield analyze_doc(text, None, file, hints)


def bbc_sample(dest: Path, count: int = 200) -> list[Path]:
    """``count`` distinct BBC articles, the same share of each category, copied unchanged."""
    per = count // len(BBC_CATEGORIES)
    out, seen = [], set()
    for category in BBC_CATEGORIES:
        folder = dest / category
        folder.mkdir(parents=True, exist_ok=True)
        taken = 0
        for src in sorted((BBC / category).glob("*.txt")):
            data = src.read_bytes()
            if data in seen:  # the dataset repeats some articles; the library would skip them
                continue
            seen.add(data)
            shutil.copyfile(src, folder / src.name)
            out.append(folder / src.name)
            taken += 1
            if taken == per:
                break
    return out


def abp_rows(count: int = 300) -> list[dict]:
    """``count`` dated rows spread over the whole sample (it is sorted by outlet)."""
    rows = [json.loads(line) for line in ABP.read_text(encoding="utf-8").split("\n") if line.strip()]
    dated = [r for r in rows if len(r.get("date") or "") == 10 and r.get("title") and r.get("source")]
    step = max(1, len(dated) // count)
    return dated[::step][:count]


def _date_as_written(iso: str, style: int) -> str:
    """The three ways front matter gives a date: YAML date, "Feb 24, 2022", a timestamp."""
    day = dt.date.fromisoformat(iso)
    if style == 0:
        return iso  # unquoted: YAML reads it as a date
    if style == 1:
        return json.dumps(f"{day:%b} {day.day}, {day.year}")
    return json.dumps(f"{iso}T09:30:00+02:00")


def front_matter(row: dict, style: int) -> str:
    return ("---\n"
            f"outlet: {json.dumps(row['source'], ensure_ascii=False)}\n"
            f"title: {json.dumps(row['title'], ensure_ascii=False)}\n"
            f"date: {_date_as_written(row['date'], style)}\n"
            "---\n")


def abp_files(dest: Path, count: int = 300) -> dict[Path, dict]:
    """Every row written twice, as ``md/<id>.md`` and ``txt/<id>.txt`` (each with another of the
    date styles, so no two files are the same bytes): path -> expected metadata."""
    expected: dict[Path, dict] = {}
    for folder in ("md", "txt"):
        (dest / folder).mkdir(parents=True, exist_ok=True)
    for i, row in enumerate(abp_rows(count)):
        body = row["content_original"].strip() + "\n"
        for style, suffix in enumerate((".md", ".txt")):
            path = dest / suffix[1:] / f"{i:03}_{row['ID']}{suffix}"
            head = front_matter(row, (i + style) % 3)
            path.write_text(head + "\n" + body, encoding="utf-8")
            expected[path] = {"outlet": " ".join(row["source"].split()), "title": " ".join(row["title"].split()),
                              "published": row["date"], "lines": head.splitlines(), "text": body}
    return expected
