"""Guarding spaCy's tokenizer against pathological input.

spaCy's tokenizer splits prefixes and suffixes off a whitespace-free run one
character at a time, which is quadratic: 6,000 quotation marks in a row take
seconds, a megabyte of them takes hours. Runs that long are never words, so
they are cut into fixed pieces before spaCy sees them; the Doc's text stays
identical to the input, so every offset still holds.
"""
from __future__ import annotations

import re
from typing import Any

LONG_RUN = re.compile(r"\S{80,}")
PIECE = 40


def doc_input(nlp: Any, text: str) -> Any:
    """``text`` itself, or a pre-tokenised Doc with the same text when it has long runs."""
    if not LONG_RUN.search(text):
        return text
    from spacy.tokens import Doc

    words: list[str] = []
    spaces: list[bool] = []

    def tokenise(stretch: str) -> None:
        for tok in nlp.make_doc(stretch):
            words.append(tok.text)
            spaces.append(bool(tok.whitespace_))

    pos = 0
    for match in LONG_RUN.finditer(text):
        if match.start() > pos:
            tokenise(text[pos:match.start()])
        run = match.group()
        for i in range(0, len(run), PIECE):
            words.append(run[i:i + PIECE])
            spaces.append(False)
        pos = match.end()
    if pos < len(text):
        tokenise(text[pos:])
    return Doc(nlp.vocab, words=words, spaces=spaces)
