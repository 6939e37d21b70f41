"""Every candidate statement of a parse: reporting verbs, "according to", noun cues
("claims that ...", "questions about ...", "Trump's criticism of ...") and the
label colon of a headline or transcript line ("Poll: Wealthy voters abandon ...").

``reported`` holds how one verb's contents are read from the parse; this module
walks the document and adds the two cue shapes that are not verbs. Which of them
are statements is for ``statement_model``'s weights to say, learned on PolNeAR train.
"""
from __future__ import annotations

from bisect import bisect_left
from typing import Any

from reader.analysis.content_variants import conjunct_runs, inner_objects, subject_contents
from reader.analysis.cues import DOCUMENT_NOUNS, NAMING_VERBS, PERSON_NOUNS, SPEECH_VERBS
from reader.analysis.speaker_phrases import _ORG_NOUNS
from reader.analysis.reported import (Candidate, _bucket, _Doc, _subtree, _word_class, add_versions,
                                      candidates_for, cue_features, is_cue_shape, subject_of)
from reader.analysis.open_cues import add_evidence, complement_heads, gate, open_candidates

# auxiliaries and copulas: a cue they seem to head ("is expected", "has said") has its real head beside them
NEVER_CUES = frozenset({"is", "was", "are", "were", "be", "been", "being", "am", "'s", "’s", "'re", "’re", "'m",
                         "’m", "do", "does", "did", "have", "has", "had", "will", "would", "can", "could", "may",
                         "might", "must", "shall", "should"})
_SOURCE_PREPS = ("by", "from")
_MAX_LABEL = 6  # tokens before a label colon
# characters searched back from a colon for its line's start: a label of six tokens fits in far
# fewer, and a bounded search keeps a hostile single line with thousands of colons linear
_LABEL_REACH = 300


def noun_source(noun: Any) -> Any | None:
    """Who made the claim: "Trump's claim", "criticism by X", "X raised questions about"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in _SOURCE_PREPS:
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    if noun.dep_ in ("dobj", "attr") and noun.head.i != noun.i:
        return subject_of(noun.head)
    return None


def noun_candidates(d: _Doc, noun: Any) -> list[Candidate]:
    """A noun cue's contents: its "that" clause, or what its preposition is about."""
    out: list[Candidate] = []
    source = noun_source(noun)
    low = noun.lower_
    feats = cue_features(d, noun, source, low) + ["noun_cue"]
    for child in noun.children:
        if child.i < noun.i:
            continue
        if child.dep_ in ("acl", "ccomp"):
            add_versions(out, d, noun, f"noun:{child.dep_}", child, _subtree(child), source, low, None, feats)
        elif child.dep_ == "prep" and (child.lower_ not in _SOURCE_PREPS or source is None):
            obj = next((g for g in child.children if g.dep_ in ("pobj", "pcomp")), None)
            if obj is not None and obj.i > child.i:
                add_versions(out, d, noun, f"noun:prep:{child.lower_}", obj, _subtree(obj), source,
                             f"{low} {child.lower_}", child, feats)
    return out


def verb_candidates(d: _Doc, cue: Any) -> list[Candidate]:
    """A verb cue's contents: the clause walk's (``reported``) and the variants it misses
    (``content_variants``: a passive's subject, a light verb's inner object, a conjunct's run)."""
    out = candidates_for(d, cue)
    source = subject_of(cue)
    low = cue.lower_
    feats = out[0].cue_features if out else cue_features(d, cue, source, low)

    def add(rel: str, head: Any, toks: list[Any], extra: Any | None = None) -> None:
        add_versions(out, d, cue, rel, head, toks, source, low, extra, feats)

    subject_contents(out, d, cue, low, feats)
    inner_objects(add, cue)
    conjunct_runs(add, cue)
    return out


def colon_candidates(d: _Doc, colon: Any) -> list[Candidate]:
    """A short label at a line's start, then a colon: the label speaks the rest of the line."""
    text, doc = d.text, d.doc
    floor = max(0, colon.idx - _LABEL_REACH)
    line = text.rfind("\n", floor, colon.idx) + 1
    if not line and floor:
        return []  # the line starts further back than any short label reaches
    left = [t for t in doc[bisect_left(d.idx, line):colon.i] if not t.is_space]
    if not 1 <= len(left) <= _MAX_LABEL or any(t.pos_ in ("VERB", "AUX") or t.is_punct for t in left):
        return []
    stop = text.find("\n", colon.idx)
    stop = len(text) if stop == -1 else stop
    right = [t for t in doc[colon.i + 1:bisect_left(d.idx, stop)] if not t.is_space]
    if not right:
        return []
    source = next((t for t in reversed(left) if t.pos_ in ("PROPN", "NOUN", "PRON")), left[-1])
    if _topic_label(source, left):
        source = None  # "Ukraine crisis: Why …": a rubric names the topic, not who speaks
    end_mark = text[line:stop].rstrip().rstrip("\"”’'")[-1:]
    feats = cue_features(d, colon, source, ":") + [
        "colon", f"colon_left={_bucket(len(left))}", f"colon_caps={int(all(t.is_upper for t in left))}",
        f"colon_first={_word_class(right[0])}", f"colon_line_end={end_mark if end_mark in '.!?' else 'other'}"]
    out: list[Candidate] = []
    add_versions(out, d, colon, "colon", right[0], right, source, ":", None, feats)
    return out


def _topic_label(source: Any, left: list[Any]) -> bool:
    """A label headed by a common noun in lower case that names no speaker (no person, organisation or
    document): "Ukraine crisis". A capitalised head ("Sanders:", "Historians:") may be a name the
    parser took for a noun, so it stays a source."""
    if source.pos_ != "NOUN" or not source.text[:1].islower() or any(t.ent_type_ in ("PERSON", "ORG", "NORP") for t in left):
        return False
    low = source.lower_
    return not (low in PERSON_NOUNS or low in DOCUMENT_NOUNS or low in _ORG_NOUNS or low in _FINDINGS
                or low.endswith(("man", "woman")))


_FINDINGS = frozenset({"poll", "polls", "survey", "surveys", "study", "studies", "census", "audit", "ruling", "verdict"})


def names_its_noun(tok: Any) -> bool:
    """A naming participle right after its noun ("a show called “Brokers”", "a firm known as X")
    gives the noun's name; it reports nobody's words. With a comma between ("the chief, Ana Ruiz,
    called it …") the parse's acl is usually a misread main verb, so that stays a cue."""
    return tok.lower_ in NAMING_VERBS and tok.dep_ == "acl" and tok.head.i == tok.i - 1 and tok.head.pos_ in ("NOUN", "PROPN")


def find_candidates(doc: Any, text: str, quoted: list[tuple[int, int]], lexicon: frozenset[str],
                    any_verb: bool = False, nouns: frozenset[str] = frozenset(),
                    colons: bool = False, open_cues: bool = False) -> list[Candidate]:
    """Candidates for every cue word in the parse: the lexicon's verbs (cue forms, lower case),
    or every verb when ``any_verb`` (the model then weighs whether the verb is one it knows);
    the noun lexicon's nouns; label colons when ``colons``; with ``open_cues``, other verbs,
    nouns and adjectives that govern a report's complement (``open_cues``), with its evidence."""
    d = _Doc(doc, text, quoted)
    out: list[Candidate] = []
    pending: list = []  # open cues: their evidence waits for the article's voices
    heads = complement_heads(doc) if open_cues else set()
    for tok in doc:
        low = tok.lower_
        if names_its_noun(tok):
            continue
        if low == "according":
            out.extend(candidates_for(d, tok))
        elif (low in lexicon or (any_verb and low not in NEVER_CUES and tok.pos_ == "VERB")) and is_cue_shape(tok):
            found = verb_candidates(d, tok)
            if low not in lexicon:
                for cand in found:
                    cand.cue_features = cand.cue_features + ["unknown_cue"]
            out.extend(found)
        elif low in nouns and tok.pos_ == "NOUN":
            out.extend(noun_candidates(d, tok))
        elif colons and tok.text == ":":
            out.extend(colon_candidates(d, tok))
        elif tok.i in heads and low not in NEVER_CUES and (shape := gate(tok)) is not None:
            found, source = open_candidates(d, tok, shape[0], shape[2], noun_source)
            if found:
                pending.append((found, tok, source, shape[0], shape[1]))
                out.extend(found)
    if pending:
        add_evidence(doc, pending, {doc[c.source].lower_ for c in out
                                    if c.source is not None and doc[c.cue].lower_ in SPEECH_VERBS})
    return out
