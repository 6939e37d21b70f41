"""Benchmark corpora of any size from real articles.

Real text comes from the research corpora beside the project
(``../shared/data``: BBC News and the Article-Bias-Prediction sample) when
they are there; otherwise from the bundled seeds. Beyond the real articles,
unique texts are made by mixing paragraphs of two real ones, deterministically.
"""
from __future__ import annotations

import json
import os
import random
from pathlib import Path
from typing import Iterator

from reader.paths import project_root, seeds_dir


def shared_data_dir() -> Path | None:
    """``../shared/data`` beside a checkout, or ``$PARALLAX_SHARED/data``."""
    env = os.environ.get("PARALLAX_SHARED")
    candidates = [Path(env) / "data"] if env else []
    root = project_root()
    if root is not None:
        candidates.append(root.parent / "shared" / "data")
    return next((c for c in candidates if c.is_dir()), None)


def _front_matter(meta: dict[str, str]) -> str:
    lines = [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items() if v]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def real_articles() -> Iterator[tuple[str, str]]:
    """(file name, file content) of every real article available."""
    data = shared_data_dir()
    if data is not None:
        bbc = data / "bbc-news-fulltext"
        for path in sorted(bbc.glob("*/*.txt")):
            raw = path.read_bytes()
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                text = raw.decode("latin-1")
            yield f"bbc-{path.parent.name}-{path.stem}.txt", text
        abp = data / "article-bias-prediction-sample" / "abp_sample.jsonl"
        if abp.is_file():
            with open(abp, encoding="utf-8") as fh:
                for line in fh:
                    rec = json.loads(line)
                    body = rec.get("content_original") or ""
                    if not body.strip():
                        continue
                    meta = {"title": rec.get("title", ""), "outlet": rec.get("source", ""),
                            "author": rec.get("authors", ""), "date": rec.get("date", ""),
                            "url": rec.get("url", "")}
                    text = _front_matter(meta) + body.replace("\n", "\n\n") + "\n"
                    yield f"abp-{rec['ID']}.md", text
    for path in sorted(seeds_dir().glob("*.txt")):
        yield f"seed-{path.name}", path.read_text(encoding="utf-8")


def _split_front_matter(text: str) -> tuple[str, str]:
    """(front matter block or "", the rest) of an article file."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end > 0:
            return text[:end + 5], text[end + 5:]
    return "", text


def _mix(a: str, b: str, rng: random.Random) -> str:
    """``a``'s metadata (outlet, author, date; not its address) and title, then half
    of ``a``'s paragraphs and half of ``b``'s, shuffled: another retelling by a's outlet."""
    meta, a_body = _split_front_matter(a)
    meta = "\n".join(line for line in meta.splitlines() if not line.startswith("url:"))
    pa = [p for p in a_body.split("\n\n") if p.strip()]
    pb = [p for p in _split_front_matter(b)[1].split("\n\n") if p.strip()]
    if not pa or not pb:
        return a + "\n\n" + b
    body = pa[1:1 + len(pa) // 2] + pb[len(pb) // 2:]
    rng.shuffle(body)
    head = meta + "\n\n" if meta else pa[0].strip() + "\n\n"
    return head + "\n\n".join(body) + "\n"


def build_corpus(size: int, dest: Path, seed: int = 42) -> list[Path]:
    """Write ``size`` distinct article files into ``dest``; returns their paths."""
    dest.mkdir(parents=True, exist_ok=True)
    seen: set[int] = set()
    real = []
    for name, text in real_articles():  # the BBC set repeats some articles word for word
        if hash(text) not in seen:
            seen.add(hash(text))
            real.append((name, text))
    out: list[Path] = []
    for name, text in real[:size]:
        path = dest / name
        path.write_text(text, encoding="utf-8")
        out.append(path)
    rng = random.Random(seed)
    n = 0
    while len(out) < size:
        (_, a), (_, b) = rng.choice(real), rng.choice(real)
        path = dest / f"mix-{n:06d}.txt"
        path.write_text(_mix(a, b, rng) + f"\n(Compiled edition {n}.)\n", encoding="utf-8")
        out.append(path)
        n += 1
    return out
