"""A learned second opinion on who made each statement: rank the candidate speakers.

The rules (``speakers``, ``speaker_rules``, ``statement_speaker``) pick one source per
statement: usually the cue's subject. Where the parse misleads them ("the country
suggested", "The Syrian conflict may once have seemed", a place name before the cue),
a person or organisation written next to the cue is often the real source. For each
statement this module lists candidates (the rules' choice, every person, organisation
or people-noun phrase of the cue's sentence, the previous statement's speaker) with
string features, scores them with logistic-regression weights trained by
``tools/train_speakers.py`` on PolNeAR train (``resources/speakers.json``), and keeps
the rules' choice unless another candidate beats it by the model's margin.

Scoring is a sum and a sigmoid; neither scikit-learn nor the network is needed.
"""
from __future__ import annotations

import json
import math
import threading
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Any

from reader.analysis.cues import PERSON_NOUNS, SUBJECT_PRONOUNS
from reader.analysis.doc_arrays import token_pos, token_starts
from reader.analysis.entities import NameResolver
from reader.analysis.record import Quote
from reader.analysis.speaker_phrases import _clean_name, _clean_np, _np_span
from reader.paths import cached_resource_path

MODEL_FILE = "speakers.json"
FORMAT = "parallax.speakers/1"
_lock = threading.Lock()
_cache: dict[Path, "SpeakerModel | None"] = {}
_HEADING_REACH = 1000  # characters
_LABELS = {"PERSON": "person", "ORG": "organisation", "NORP": "organisation", "GPE": "organisation"}


@dataclass
class Candidate:
    """One possible speaker of a statement."""

    speaker: str
    stype: str
    span: tuple[int, int] | None  # where it is written (None: the previous speaker, by context)
    origin: str  # rule | mention | previous
    features: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SpeakerModel:
    weights: dict[str, float]
    intercept: float
    margin: float  # how much better than the rules' choice another candidate must score

    def probability(self, features: list[str]) -> float:
        z = self.intercept + sum(map(self.weights.get, features, repeat(0.0)))  # the same sum, without a generator
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def load_speaker_model(path: Path | None = None) -> SpeakerModel | None:
    """The shipped ranker, read once; None when the file is missing or damaged (the rules decide alone)."""
    path = path or cached_resource_path(MODEL_FILE)
    with _lock:
        if path in _cache:
            return _cache[path]
        model = None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(data, dict) and data.get("format") == FORMAT:
                model = SpeakerModel({str(k): float(v) for k, v in data["weights"].items()},
                                     float(data["intercept"]), float(data["margin"]))
        except (OSError, ValueError, KeyError, TypeError):
            model = None
        _cache[path] = model
        return model


class _Doc:
    """Token starts and sentences of a parse, for quick lookups."""

    def __init__(self, doc: Any, text: str) -> None:
        self.doc = doc
        self.text = text
        self.starts = token_starts(doc)
        self.pos = token_pos(doc)
        self.ents = sorted((e.start_char, e.end_char, e.label_, e.root.i) for e in doc.ents if e.label_ in _LABELS)
        self.ent_starts = [e[0] for e in self.ents]

    def token_at(self, pos: int) -> Any:
        return self.doc[max(0, bisect_right(self.starts, pos) - 1)]


def _distance(n: int) -> str:
    return "0" if n <= 0 else "1" if n == 1 else "2-3" if n <= 3 else "4-7" if n <= 7 else "8+"


def _kind_of(tok: Any, stype: str) -> str:
    """A coarse animacy of the candidate's head word."""
    if tok.ent_type_ in _LABELS:
        return "ent_" + tok.ent_type_
    low = tok.lower_
    if low in SUBJECT_PRONOUNS:
        return "pronoun"
    if low in PERSON_NOUNS or tok.lemma_.lower() in PERSON_NOUNS:
        return "person_noun"
    if tok.pos_ == "PROPN":
        return "propn"
    return f"{tok.pos_.lower()}_{stype}"


def _heading_line(text: str, pos: int) -> bool:
    """The line holding ``pos`` ends without a full stop; a line running on past ``_HEADING_REACH``
    characters is no heading (and a single huge line is not searched again for every candidate)."""
    end = text.find("\n", pos, pos + _HEADING_REACH)
    if end == -1:
        if pos + _HEADING_REACH < len(text):
            return False
        end = len(text)
    line = text[pos:end].rstrip(" \"”’'")
    return bool(line) and line[-1] not in ".!?:;,…"


def _features(d: _Doc, cand: Candidate, head: Any | None, cue: Any | None, quote: Quote, rule: Candidate | None,
              rule_kind: str) -> list[str]:
    f = [f"origin={cand.origin}", f"type={cand.stype}"]
    if head is not None:
        kind = _kind_of(head, cand.stype)
        f += [f"kind={kind}", f"dep={head.dep_}", f"kind={kind}|origin={cand.origin}"]
        if cue is not None:
            side = "before" if head.i < cue.i else "after"
            gap = _distance(abs(cue.i - head.i))
            f += [f"side={side}", f"gap={gap}", f"side={side}|gap={gap}"]
            if head.head.i == cue.i:
                f += [f"child_of_cue={head.dep_}"]
            elif any(a.i == cue.i for a in head.ancestors):
                f.append("below_cue")
            elif any(a.i == head.i for a in cue.ancestors):
                f.append("above_cue")
            if rule is None and _subject_of_governing_verb(head, cue):
                f.append("subject_of_governing_verb")  # only where the rules found no speaker
            f.append(f"cue={cue.lower_}|kind={kind}")  # the form: the lemmatizer is off
        if _heading_line(d.text, head.idx):
            f.append("heading_line")  # a headline or caption: title case fools the recogniser
    else:
        f.append("no_head")
    f.append(f"rule={rule_kind}|origin={cand.origin}")
    if head is not None and cand.origin != "rule":
        f.append(f"rule={rule_kind}|kind={_kind_of(head, cand.stype)}")
    f.append(f"statement={quote.kind}|origin={cand.origin}")
    if rule is not None and cand is not rule and cand.speaker == rule.speaker:
        f.append("same_as_rule")
    return f


_GOVERNING = frozenset({"xcomp", "advcl", "advmod", "pcomp", "conj", "prep", "pobj", "dobj", "acomp", "ccomp"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def _subject_of_governing_verb(head: Any, cue: Any) -> bool:
    """``head`` is the subject of a verb the cue hangs under ("Trump stopped short of calling …",
    "she pledged to ban …", "his support of …"): a cue with no subject of its own borrows that one.
    At most four steps up, through complements, prepositions and conjuncts, never across a clause
    of its own subject."""
    tok = cue
    for _ in range(4):
        if tok.dep_ not in _GOVERNING or tok.head.i == tok.i:
            return False
        if any(c.dep_ in _SUBJECTS for c in tok.children):
            return False
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX") and any(c.dep_ in _SUBJECTS for c in tok.children):
            return head.head.i == tok.i and head.dep_ in _SUBJECTS
    return False


def _modifier(tok: Any, cue: Any | None) -> bool:
    """A word inside another noun phrase ("Pakistani" in "Pakistani Prime Minister Imran Khan", "Obama" in
    "Obama's former strategist") is not a speaker, except the possessor of a noun cue ("Trump's claim")."""
    if tok.dep_ in ("amod", "compound", "nmod", "nummod"):
        return True
    return tok.dep_ == "poss" and (cue is None or tok.head.i != cue.i)


def _cue_token(d: _Doc, quote: Quote) -> Any | None:
    """The cue's word: its verb ("remind" of "to remind", "endorsed" of "has been endorsed by"), else its
    noun, else its first token."""
    if quote.cue_start is None:
        return None
    first = d.token_at(quote.cue_start)
    words = [t for t in d.doc[first.i:bisect_left(d.starts, quote.cue_end or quote.cue_start + 1)] if not t.is_space]
    for pos in ("VERB", "NOUN"):
        tok = next((t for t in words if t.pos_ == pos), None)
        if tok is not None:
            return tok
    return first


def _unrecognised_name(tok: Any, resolver: NameResolver) -> bool:
    """A proper noun the recogniser missed that ends a full name of the article ("gives Lopez ...")."""
    return (tok.pos_ == "PROPN" and not tok.ent_type_ and tok.dep_ not in ("compound", "flat")
            and tok.text[:1].isupper() and resolver.knows(tok.text))


def candidates(d: _Doc, text: str, quote: Quote, previous: Quote | None, resolver: NameResolver) -> list[Candidate]:
    """The rules' choice first, then the named mentions and people-noun phrases of the cue's sentence."""
    cue = _cue_token(d, quote)
    anchor = cue if cue is not None else d.token_at(quote.start)
    sent = anchor.sent
    out: list[Candidate] = []
    heads: list[Any | None] = []
    rule = None
    if quote.speaker:
        span = (quote.source_start, quote.source_end) if quote.source_start is not None else None
        rule = Candidate(quote.speaker, quote.speaker_type or "unknown", span, "rule")
        head = None
        if span is not None:
            tok = d.token_at(span[1] - 1)
            head = tok if tok.idx < span[1] else None
        out.append(rule)
        heads.append(head)
        rule_kind = _kind_of(head, rule.stype) if head is not None else "context"
    else:
        rule_kind = "none"
    taken = {c.span for c in out if c.span}
    lo, hi = bisect_left(d.ent_starts, sent.start_char), bisect_left(d.ent_starts, sent.end_char)
    for a, b, label, root in d.ents[lo:hi]:
        if quote.start <= a < quote.end:
            continue  # a statement's own words never speak
        if any(s[0] <= a < s[1] or a <= s[0] < b for s in taken):
            continue
        if _modifier(d.doc[root], cue):
            continue
        raw = text[a:b]
        if label == "PERSON":
            name = _clean_name(raw)
            if not name or not name[:1].isupper():
                continue
            name = resolver.canonical(name, a)
        else:
            name = _clean_np(raw)
            if not name or not name[:1].isupper():
                continue
        out.append(Candidate(name, _LABELS[label], (a, b), "mention"))
        heads.append(d.doc[root])
        taken.add((a, b))
    for i in range(sent.start, sent.end):
        if d.pos[i] not in ("NOUN", "PROPN"):
            continue  # neither a name the recogniser missed nor a people noun: no Token made for it
        tok = d.doc[i]
        if quote.start <= tok.idx < quote.end or _modifier(tok, cue):
            continue
        if _unrecognised_name(tok, resolver):
            if not any(s[0] <= tok.idx < s[1] for s in taken):
                span = (tok.idx, tok.idx + len(tok.text))
                out.append(Candidate(resolver.canonical(tok.text, tok.idx), "person", span, "mention"))
                heads.append(tok)
                taken.add(span)
            continue
        if tok.pos_ != "NOUN" or not (tok.lower_ in PERSON_NOUNS or tok.lemma_.lower() in PERSON_NOUNS):
            continue
        if tok.dep_ == "appos" and tok.head.ent_type_ == "PERSON":
            continue  # "Marvin Weinbaum, the … director, says": the description is the named person
        a, b = _np_span(tok, text)
        if any(s[0] <= tok.idx < s[1] for s in taken):
            continue
        phrase = _clean_np(text[a:b])
        if phrase:
            out.append(Candidate(phrase, "person", (a, b), "mention"))
            heads.append(tok)
            taken.add((a, b))
    if previous is not None and previous.speaker and (rule is None or previous.speaker != rule.speaker):
        out.append(Candidate(previous.speaker, previous.speaker_type or "unknown", None, "previous"))
        heads.append(None)
    for cand, head in zip(out, heads):
        cand.features = _features(d, cand, head, cue, quote, rule, rule_kind)
        if previous is not None and previous.speaker == cand.speaker:
            cand.features.append("was_previous")
        if head is not None and cand.origin == "mention" and not head.ent_type_ and head.pos_ == "PROPN":
            cand.features.append("unrecognised_name")
    return out


def rerank(text: str, doc: Any, quotes: list[Quote], resolver: NameResolver,
           model: SpeakerModel | None = None) -> list[Quote]:
    """The statements with each speaker the ranker prefers over the rules' choice (in place)."""
    model = model or load_speaker_model()
    if model is None or doc is None:
        return quotes
    d = _Doc(doc, text)
    previous: Quote | None = None
    for q in sorted(quotes, key=lambda q: q.start):
        if q.kind == "scare" or q.speaker_type == "document":
            continue  # "the statement issued by X", "an article saying": the rules read documents on purpose
        cands = candidates(d, text, q, previous, resolver)
        if cands:
            scored = [(model.probability(c.features), i, c) for i, c in enumerate(cands)]
            best = max(scored, key=lambda s: (s[0], -s[1]))
            rule = next((s for s in scored if s[2].origin == "rule"), None)
            base = rule[0] if rule is not None else 0.5
            if best[2].origin != "rule" and best[0] > base + model.margin:
                c = best[2]
                span = c.span or next((o.span for o in cands if o.span and o.speaker == c.speaker), None)
                q.speaker, q.speaker_type = c.speaker, c.stype
                q.source_start, q.source_end = span if span else (None, None)  # where it is written, if it is
        if q.speaker:
            previous = q
    return quotes


__all__ = ["Candidate", "SpeakerModel", "candidates", "load_speaker_model", "rerank"]
