"""How common each word is in news at large: the background that grouping's word weights add
to the library's own counts (trained by ``tools/train_story_idf.py``, shipped in ``resources/``).

Without it, a library about one event would find that event's words in every
article, weigh them at nothing, and split the story it is about.
"""
from __future__ import annotations

import json
import logging
from functools import lru_cache

import numpy as np

log = logging.getLogger(__name__)
MODEL_NAME = "story_idf.json"


@lru_cache(maxsize=1)
def _model() -> tuple[int, dict[str, int]]:
    from reader.paths import resource_path

    path = resource_path(MODEL_NAME)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return int(data["documents"]), {str(k): int(v) for k, v in data["df"].items()}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("no background word statistics (%s: %s); weighing words by the library alone",
                    path, exc)
        return 0, {}


def background_counts(vocab: list[str]) -> tuple[np.ndarray, int]:
    """(background document frequency of each vocabulary term, background size)."""
    documents, df = _model()
    return np.fromiter((df.get(term, 0) for term in vocab), dtype=np.int32, count=len(vocab)), documents
