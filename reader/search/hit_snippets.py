"""Each hit's snippet, made from what matched it.

Body words mark the passage of the body that holds them (``reader.search.snippets``);
``quote:`` words show the statement that holds them, ``speaker:`` a statement of
that speaker, ``entity:`` the sentence that names the entity. A field query never
falls back to the top of the file: a hit whose field match cannot be shown has no
snippet, and its row no snippet line. One maker serves the CLI and the window (which
asks for the rows on screen, on a worker: the maker only reads its view).
"""
from __future__ import annotations

import json
import re
from typing import Sequence

from reader.search import fields as F
from reader.search.hits import MARK_END, MARK_START
from reader.search.snippets import SNIPPET_CHARS, Snippets, lead
from reader.search.view import IndexView

# the fields whose matches a snippet is made from, besides the body
FIELD_SNIPPETS = (F.QUOTE, F.SPEAKER, F.SPEAKER_KEY, F.ENTITY, F.ENTITY_KEY)
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+|\n")


class HitSnippets:
    """``maker(docnum)`` is the hit's marked snippet ("" when it has none).

    ``field_terms`` are the query's indexed terms per field (``FIELD_SNIPPETS``),
    ``body_stems`` its body terms; ``text`` is the query as typed, which the name
    table reads to know which speakers ``speaker:`` names.
    """

    def __init__(self, view: IndexView, text: str, body_stems: Sequence[str],
                 field_terms: dict[str, Sequence[str]]) -> None:
        schema = view.searcher().schema
        self.view = view
        self._body = Snippets(schema[F.BODY].analyzer, body_stems) if body_stems else None
        quote_terms = list(field_terms.get(F.QUOTE, ()))
        self._quote = Snippets(schema[F.QUOTE].analyzer, quote_terms) if quote_terms else None
        self._speakers = None
        if field_terms.get(F.SPEAKER) or field_terms.get(F.SPEAKER_KEY):  # the name table may rewrite
            from reader.names.query import speaker_match

            self._speakers = speaker_match(view, text)
        self._entity_words = frozenset(field_terms.get(F.ENTITY, ()))
        self._entity_keys = frozenset(field_terms.get(F.ENTITY_KEY, ()))
        entity_stems = [t for w in self._entity_words for t in _analysed(schema[F.BODY].analyzer, w)]
        self._entity_text = Snippets(schema[F.BODY].analyzer, entity_stems) if entity_stems else None
        self.fields_asked = bool(self._quote or self._speakers or self._entity_words or self._entity_keys)

    @property
    def wanted(self) -> bool:
        """Whether any hit can have a snippet (a query of outlet, bias or dates alone: none)."""
        return self._body is not None or self.fields_asked

    def __call__(self, docnum: int) -> str:
        """The body's matching passage, else the field's match, else (body words that
        matched only the title) the article's opening words; "" for none of these."""
        body = self.view.stored(docnum).get(F.BODY, "") if self._body is not None else ""
        snippet = self._body.passage(body) if self._body is not None else ""
        for make in (self._from_quotes, self._from_speakers, self._from_entities):
            snippet = snippet or make(docnum)
        return snippet or (lead(body) if self._body is not None else "")

    # -- statements ------------------------------------------------------------
    def _from_quotes(self, docnum: int) -> str:
        if self._quote is None:
            return ""
        from reader.search.quotes import read_quotes

        for row in read_quotes(self.view, docnum):
            marked = self._quote.passage(row.text)
            if marked:
                return statement(row.speaker, marked, row.kind, speaker_marked=False)
        return ""

    def _from_speakers(self, docnum: int) -> str:
        if self._speakers is None:
            return ""
        from reader.search.quotes import read_quotes

        rows = [r for r in read_quotes(self.view, docnum) if self._speakers.accepts(r.speaker_id, r.written)]
        if not rows:
            return ""
        row = next((r for r in rows if r.kind == "direct"), rows[0])  # their own words first
        return statement(row.speaker, _cut(row.text), row.kind, speaker_marked=True)

    # -- entities ----------------------------------------------------------------
    def _from_entities(self, docnum: int) -> str:
        if not (self._entity_words or self._entity_keys):
            return ""
        stored = self.view.stored(docnum)
        body = stored.get(F.BODY, "") or ""
        try:
            entities = json.loads(stored.get(F.RECORD) or "{}").get("entities", [])
        except (ValueError, AttributeError):
            entities = []
        spans = sorted({(int(a), int(b)) for ent in entities if self._names(ent)
                        for a, b in (ent.get("mentions") or []) if 0 <= int(a) < int(b) <= len(body)})
        headline = _headline_end(body, stored.get(F.TITLE, ""))
        spans = [s for s in spans if s[0] >= headline] or spans  # the headline repeated says little
        if spans:
            return sentence_with(body, spans)
        return self._entity_text.passage(body) if self._entity_text is not None else ""

    def _names(self, ent: dict) -> bool:
        """Whether a record's entity is one the query's ``entity:`` asks for."""
        from reader.names.contribution import entity_key

        if self._entity_keys and entity_key(ent.get("type", ""), ent.get("name", "")) in self._entity_keys:
            return True
        if not self._entity_words:
            return False
        words = {w for name in [ent.get("name", ""), *(ent.get("aliases") or [])] for w in re.findall(r"\w+", name.lower())}
        return bool(words & self._entity_words)


def statement(speaker: str, text: str, kind: str, speaker_marked: bool) -> str:
    """A statement as a snippet: ``Speaker: “words”`` (reported speech without quotation marks)."""
    name = f"{MARK_START}{speaker}{MARK_END}" if speaker_marked else speaker
    words = f"“{text}”" if kind in ("direct", "mixed") else text
    return f"{name}: {words}" if speaker else words


def sentence_with(text: str, spans: list[tuple[int, int]], limit: int = SNIPPET_CHARS) -> str:
    """The sentence around the first span, its spans marked, cut to about ``limit`` characters."""
    first = spans[0]
    start = 0
    for m in _SENTENCE_END.finditer(text, max(0, first[0] - limit), first[0]):
        start = m.end()
    end_m = _SENTENCE_END.search(text, first[1])
    end = end_m.start() + 1 if end_m else len(text)
    cut_before = cut_after = False
    if end - start > limit:  # a long sentence: the part around the mention, on whole words
        if first[0] - start > limit // 3:
            start, cut_before = text.find(" ", first[0] - limit // 3, first[0]) + 1 or first[0], True
        if end - start > limit:
            end, cut_after = max(text.rfind(" ", first[1], start + limit), first[1]), True
    out, at = [], start
    for a, b in spans:
        if a >= at and b <= end:
            out += [text[at:a], MARK_START, text[a:b], MARK_END]
            at = b
    out.append(text[at:end])
    marked = " ".join("".join(out).split())
    return ("… " if cut_before else "") + marked + (" …" if cut_after else "")


def _headline_end(body: str, title: str) -> int:
    """Where the body's first line ends when it repeats the title, else 0."""
    first = body.lstrip()
    line = first.split("\n", 1)[0]
    return len(body) - len(first) + len(line) if title and line.strip() == title.strip() else 0


def _cut(text: str, limit: int = SNIPPET_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def _analysed(analyzer, text: str) -> list[str]:
    return [t.text for t in analyzer(text)]


def make_snippets(maker, docnums: Sequence[int], stop=lambda: False) -> dict[int, str]:
    """The snippets of ``docnums`` (the rows a list shows), on any thread; ``stop()`` ends early."""
    made: dict[int, str] = {}
    for docnum in docnums:
        if stop():
            break
        made[docnum] = maker(docnum)
    return made
