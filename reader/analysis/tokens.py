"""Guarding spaCy's tokenizer against pathological input.

spaCy's tokenizer splits prefixes and suffixes off a whitespace-free run one
character at a time, which is quadratic: 6,000 quotation marks in a row take
seconds, a megabyte of them takes hours. Runs that long are never words, so
they are cut into fixed pieces before spaCy sees them.

Spaces other than U+0020 (no-break, thin, figure spaces) are read as ordinary
spaces: spaCy keeps each as a token of its own ("Clinton\u00a0was" is three
tokens), which breaks the parse of the clause around it. One character stands for
one, so the Doc's text has the input's length and every offset still holds.
"""
from __future__ import annotations

import re
from typing import Any

LONG_RUN = re.compile(r"\S{80,}")
PIECE = 40
ODD_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")


def doc_input(nlp: Any, text: str) -> Any:
    """``text`` (its odd spaces made plain), or a pre-tokenised Doc of it when it has long runs."""
    if ODD_SPACES.search(text):
        text = ODD_SPACES.sub(" ", text)
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
