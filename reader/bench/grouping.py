"""Story grouping at bench sizes: a full regroup, and placing one new article."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Any


def measure_grouping(files: list[Path], location: Path) -> dict[str, Any]:
    """Regroup the whole index, then import one new article and time placing it.

    The new article retells an existing one (its title and first paragraphs
    under another name), as a second outlet's take on a story would.
    """
    from reader.search.indexer import remove_articles, update_index
    from reader.stories.library import after_update, regroup

    started = time.perf_counter()
    table = regroup(location)
    group_s = time.perf_counter() - started
    source = files[len(files) // 3]
    paragraphs = [p for p in source.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    extra = source.with_name("story-bench-" + source.stem + ".txt")
    extra.write_text("\n\n".join(paragraphs[:4]) + "\n\nThis report was filed for the benchmark.\n",
                     encoding="utf-8")
    report = update_index(location, [extra])
    started = time.perf_counter()
    after = after_update(location, report)
    attach_s = time.perf_counter() - started
    assert after is not None and after.story_of(str(extra.resolve())) is not None
    remove_articles(location, [str(extra.resolve())])  # the window is measured on the corpus as built
    extra.unlink()
    return {"stories": len(set(table.stories)), "group_s": round(group_s, 2),
            "story_attach_s": round(attach_s, 3)}
