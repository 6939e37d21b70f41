"""The learned scorer for reported-speech candidates: plain logistic-regression weights.

``resources/statements.json`` is written by ``tools/train_statements.py`` from
PolNeAR train. It holds the cue lexicon, one weight per string feature and
the intercept; scoring is a sum and a sigmoid, so the app needs neither
scikit-learn nor the network. Loaded once per process.
"""
from __future__ import annotations

import json
import math
import threading
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path

from reader.analysis.open_cues import crossed_content
from reader.paths import cached_resource_path

MODEL_FILE = "statements.json"
FORMAT = "parallax.statements/3"
_lock = threading.Lock()
_cache: dict[Path, "StatementModel"] = {}


class ModelFileError(RuntimeError):
    """The statements model is missing or not in the expected format."""


@dataclass(frozen=True)
class _Linear:
    weights: dict[str, float]
    intercept: float

    def probability(self, features: list[str]) -> float:
        z = self.intercept + sum(map(self.weights.get, features, repeat(0.0)))  # the same sum, without a generator
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True)
class StatementModel:
    """Two scorers: which of a cue word's candidate contents it reports (a ranker), and
    whether the word, with that content, is a statement PolNeAR would mark (``cue``)."""

    lexicon: frozenset[str]
    cue: _Linear
    content: _Linear
    threshold: float  # on the cue's probability
    any_verb: bool = False  # every verb is a candidate cue, not only the lexicon's
    nouns: frozenset[str] = frozenset()  # noun cues: "claims that ...", "questions about ..."
    colons: bool = False  # a line's short label and colon is a candidate cue ("Poll: ...")
    open_cues: bool = False  # words outside the lexicons that govern a report's complement (``open_cues``)

    def accept_probability(self, cue_features: list[str], content_features: list[str]) -> float:
        """The cue scorer reads the cue word's features and its chosen content's, prefixed."""
        return self.cue.probability(accept_features(cue_features, content_features))


def accept_features(cue_features: list[str], content_features: list[str]) -> list[str]:
    """What the acceptance scorer reads: the cue's features and the chosen content's (as ``c:``);
    for a cue outside the lexicons, the content's shape once more under its own prefix."""
    return cue_features + ["c:" + f for f in content_features] + crossed_content(cue_features, content_features)


def _linear(part: dict) -> _Linear:
    return _Linear({str(k): float(v) for k, v in part["weights"].items()}, float(part["intercept"]))


def load_model(path: Path | None = None) -> StatementModel:
    """The shipped model (or the one at ``path``), read once."""
    path = path or cached_resource_path(MODEL_FILE)
    with _lock:
        model = _cache.get(path)
        if model is not None:
            return model
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ModelFileError(f"cannot read the statements model {path}: {exc}") from exc
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ModelFileError(f"{path} is not a {FORMAT} file")
        try:
            model = StatementModel(frozenset(data["lexicon"]), _linear(data["cue"]), _linear(data["content"]),
                                   float(data["threshold"]), bool(data.get("any_verb", False)),
                                   frozenset(data.get("nouns", ())), bool(data.get("colons", False)),
                                   bool(data.get("open_cues", False)))
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelFileError(f"{path} is damaged: {exc}") from exc
        _cache[path] = model
        return model
