"""Cue words outside the learned lexicons, and the evidence that one of them reports speech.

The lexicons (``statement_model``) hold the verbs and nouns that head gold cues of
PolNeAR train often enough; English has many more ("X rebutted that ...", "misgivings
about ...", "is critical of ..."). A word outside them becomes a candidate only when it
governs the complement a report has:

- a verb with a that/whether/if clause ("fretted that ...");
- a noun with a that/whether clause or "about/over/regarding" ("doubts about ...");
- an adjective after a copula with a clause, a that-clause or "about/over/of"
  ("was confident that ...", "is critical of ...", an attitude PolNeAR marks).

The gate is narrow on purpose: on PolNeAR train these shapes are gold cues for 15-29% of
the words they admit, while "someone as subject with an object" is one for 4% and would
add a quarter more candidates (and analysis time). Only the gating complement is a
content (with its cuts), not every child of the word. Whether the word is a cue is then
the cue scorer's to say, from features that name the construction, never the word.
"""
from __future__ import annotations

from typing import Any, Callable

from reader.analysis.cues import SUBJECT_PRONOUNS
from reader.analysis.reported import (Candidate, _bucket, _Doc, _source_kind, _subtree, add_versions, cue_features,
                                      is_cue_shape, subject_of)

COMPLEMENT_MARKS = frozenset({"that", "whether", "if"})
NOUN_TOPIC_PREPS = frozenset({"about", "over", "regarding"})
ADJ_TOPIC_PREPS = frozenset({"about", "over", "of"})
# who can say something: the source kinds ``reported._source_kind`` gives a person or a group
_AGENT_KINDS = frozenset({"ent:PERSON", "ent:ORG", "ent:NORP", "ent:GPE", "person_noun", "pron:3sg",
                          "pron:they", "pron:i", "pron:we", "pron:you"})
UNKNOWN = "unknown_cue"


def _mark(clause: Any) -> str | None:
    return next((g.lower_ for g in clause.children if g.dep_ == "mark" and g.lower_ in COMPLEMENT_MARKS), None)


def complement_heads(doc: Any) -> set[int]:
    """The tokens that head a clause or a preposition ``gate`` looks at, found in the parse's
    arrays at once, so that the walk over the document asks ``gate`` about few words."""
    import numpy

    from spacy.attrs import DEP, HEAD, LOWER

    if not len(doc):
        return set()
    strings = doc.vocab.strings
    arr = doc.to_array([DEP, HEAD, LOWER])
    dep, lower = arr[:, 0], arr[:, 2]
    heads = numpy.arange(len(doc)) + arr[:, 1].astype("int64")  # HEAD is the offset to the head
    clause = numpy.isin(dep, [strings["ccomp"], strings["acl"]])
    topic = (dep == strings["prep"]) & numpy.isin(lower, [strings[w] for w in NOUN_TOPIC_PREPS | ADJ_TOPIC_PREPS])
    keep = (clause | topic) & (heads < numpy.arange(len(doc)))
    return set(heads[keep].tolist())


def gate(tok: Any) -> tuple[str, str, Any] | None:
    """(word kind, complement kind, the complement's head) when a word has a report's shape."""
    pos = tok.pos_
    if pos == "VERB":
        if not is_cue_shape(tok):
            return None
        for child in tok.rights:
            if child.dep_ == "ccomp":
                mark = _mark(child)
                if mark is not None:
                    return "verb", "mark:" + mark, child
        return None
    if pos == "NOUN":
        for child in tok.rights:
            dep = child.dep_
            if dep in ("acl", "ccomp"):
                mark = _mark(child)
                if mark is not None and mark != "if":
                    return "noun", "mark:" + mark, child
            elif dep == "prep" and child.lower_ in NOUN_TOPIC_PREPS:
                return "noun", "topic", child
        return None
    if pos == "ADJ" and tok.dep_ == "acomp":
        for child in tok.rights:
            dep = child.dep_
            if dep == "ccomp":
                mark = _mark(child)
                return "adj", "mark:" + mark if mark else "clause", child
            if dep == "prep" and child.lower_ in ADJ_TOPIC_PREPS:
                return "adj", "topic" if child.lower_ != "of" else "of", child
    return None


def open_candidates(d: _Doc, tok: Any, kind: str, comp: Any,
                    noun_source: Callable[[Any], Any | None]) -> tuple[list[Candidate], Any | None]:
    """The gating complement's contents (as the parse gives it, its cuts, its run to the
    sentence's end) and the word's source: a verb's subject, a noun's owner, an
    adjective's copula's subject ("the mayor was wary of ...")."""
    low = tok.lower_
    if kind == "verb":
        source = subject_of(tok)
    elif kind == "noun":
        source = noun_source(tok)
    else:
        source = subject_of(tok.head) if tok.head.i != tok.i else None
    out: list[Candidate] = []
    feats = cue_features(d, tok, source, low)
    if comp.dep_ == "prep":
        obj = next((g for g in comp.children if g.dep_ in ("pobj", "pcomp")), None)
        if obj is not None and obj.i > comp.i:
            add_versions(out, d, tok, f"noun:prep:{comp.lower_}", obj, _subtree(obj), source,
                         f"{low} {comp.lower_}", comp, feats)
    elif kind == "verb":
        add_versions(out, d, tok, "ccomp", comp, _subtree(comp), source, low, None, feats)
    else:
        add_versions(out, d, tok, f"noun:{comp.dep_}", comp, _subtree(comp), source, low, None, feats)
    return out, source


def agent_kind(source: Any | None) -> str:
    """Whether the would-be source is someone: ``agent``, ``none`` or ``other`` (a thing, an event)."""
    kind = _source_kind(source)
    return "agent" if kind in _AGENT_KINDS else "none" if kind == "none" else "other"


class Voices:
    """Who speaks in the document: the sources of its plain reporting verbs ("X said") and how
    often each word recurs. A would-be source the article quotes elsewhere, or keeps returning
    to, is more likely the source of an attitude or an act the annotators mark."""

    def __init__(self, doc: Any, speakers: set[str]) -> None:
        from spacy.attrs import LOWER

        self.lower = doc.to_array(LOWER)
        self.speakers = speakers

    def features(self, source: Any | None) -> list[str]:
        if source is None:
            return ["v:speaks=none"]
        low = source.lower_
        if low in SUBJECT_PRONOUNS or source.pos_ == "PRON":
            return ["v:speaks=pron"]
        return [f"v:speaks={int(low in self.speakers)}", f"v:names={_bucket(int((self.lower == source.lower).sum()))}"]


def evidence(tok: Any, source: Any | None, kind: str, comp: str, voices: Voices) -> list[str]:
    """The cue scorer's features for a word outside the lexicons: who its source is, what
    complement let it in, what heads it, each crossed so that each pairing gets its own weight."""
    agent = agent_kind(source)
    heard = voices.features(source)
    passive = int(any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children))
    return heard + ["u:" + f for f in heard] + [
        UNKNOWN, f"u:{kind}", f"u:src={agent}", f"u:comp={comp}", f"u:src|comp={agent}|{comp}",
        f"u:{kind}|src|comp={agent}|{comp}", f"u:tag={tok.tag_}", f"u:dep={tok.dep_}",
        f"u:tag|comp={tok.tag_}|{comp}", f"u:passive={passive}", f"u:dep|src={tok.dep_}|{agent}"]


def add_evidence(doc: Any, pending: list[tuple[list[Candidate], Any, Any, str, str]], speakers: set[str]) -> None:
    """Each open cue's evidence, once the article's voices are known (the sources of its
    plain reporting verbs, read from all candidates, so no extra pass over the parse)."""
    voices = Voices(doc, speakers)
    for found, tok, source, kind, comp in pending:
        feats = found[0].cue_features + evidence(tok, source, kind, comp, voices)
        for cand in found:  # a cue word's candidates share one feature list
            cand.cue_features = feats


# the content features that say, for a word outside the lexicon, whether its content is a report
_CROSSED = ("rel=", "len=", "verbs=", "first=", "quoted=", "sent_end=", "hpos=", "cut=")


def crossed_content(cue_features: list[str], content_features: list[str]) -> list[str]:
    """For an unknown cue, its chosen content's shape again under its own prefix: a clause with
    a verb of its own is evidence of a report; a bare noun phrase is not."""
    if UNKNOWN not in cue_features:
        return []
    return ["u:c:" + f for f in content_features if f.startswith(_CROSSED)]
