"""Cue words outside the learned lexicons, and the evidence that one of them reports speech.

The lexicons (``statement_model``) hold the verbs and nouns that head gold cues of
PolNeAR train often enough; English has many more ("X charged that ...", "officials
voiced concern that ...", "the rebuttal about ..."). A word outside them is a candidate
only with the shape of a report: a verb whose subject is someone (a person, an
organisation, a pronoun, "officials") or which governs a "that"/"whether" clause; a noun
that governs such a clause or is about something ("questions about", "dispute over").
Whether it is one is then the cue scorer's to say, from the features below, which name
the construction, never the word, so that they hold for words the training never saw.
"""
from __future__ import annotations

from typing import Any

from reader.analysis.cues import SUBJECT_PRONOUNS
from reader.analysis.reported import SUBJ_DEPS, _bucket, _source_kind

COMPLEMENT_MARKS = frozenset({"that", "whether", "if"})
_CLAUSE_DEPS = ("ccomp", "acl", "advcl")
NOUN_TOPIC_PREPS = frozenset({"about", "over", "regarding"})
# who can say something: the source kinds ``reported._source_kind`` gives a person or a group
_AGENT_KINDS = frozenset({"ent:PERSON", "ent:ORG", "ent:NORP", "ent:GPE", "person_noun", "pron:3sg",
                          "pron:they", "pron:i", "pron:we", "pron:you"})
UNKNOWN = "unknown_cue"


def complement_clause(tok: Any) -> str | None:
    """The mark of a clause the word governs on its right ("charged that ...", "concern whether ...")."""
    for child in tok.rights:
        if child.dep_ in _CLAUSE_DEPS:
            for g in child.children:
                if g.dep_ == "mark" and g.lower_ in COMPLEMENT_MARKS:
                    return g.lower_
    return None


def _own_clause(tok: Any) -> bool:
    """A ccomp with a subject of its own: "argued the plan would fail"."""
    return any(c.dep_ == "ccomp" and c.i > tok.i and any(g.dep_ in SUBJ_DEPS for g in c.children)
               for c in tok.children)


def agent_kind(source: Any | None) -> str:
    """Whether the would-be source is someone: ``agent``, ``none`` or ``other`` (a thing, an event)."""
    kind = _source_kind(source)
    return "agent" if kind in _AGENT_KINDS else "none" if kind == "none" else "other"


_OBJECT_DEPS = frozenset({"dobj", "prep", "ccomp", "xcomp", "dative", "oprd", "attr"})


def is_open_verb(tok: Any, source: Any | None) -> bool:
    """A verb outside the lexicon with a report's shape: a that-clause, or someone as its subject
    and something it is about (an object, a clause, a preposition) on its right."""
    if complement_clause(tok) is not None:
        return True
    return agent_kind(source) == "agent" and any(c.dep_ in _OBJECT_DEPS and c.i > tok.i for c in tok.children)


def is_open_noun(tok: Any) -> bool:
    """A noun outside the lexicon that governs a that-clause, says what it is about, or is
    someone's ("Trump's critique of ...", "her plan to ...")."""
    if complement_clause(tok) is not None:
        return True
    poss = False
    for c in tok.children:
        if c.dep_ == "poss":
            poss = True
        elif c.i > tok.i and c.dep_ == "prep" and (c.lower_ in NOUN_TOPIC_PREPS or (poss and c.lower_ in ("of", "on"))):
            return True
        elif c.i > tok.i and c.dep_ == "acl" and poss and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
            return True
    return False


class Voices:
    """Who speaks in the document: the sources of its plain reporting verbs ("X said") and how
    often each word recurs. A would-be source the article quotes elsewhere, or keeps returning
    to, is more likely the source of an attitude or an act the annotators mark."""

    def __init__(self, doc: Any, speakers: set[str]) -> None:
        from spacy.attrs import LOWER

        self.counts = doc.count_by(LOWER)
        self.vocab = doc.vocab
        self.speakers = speakers

    def features(self, source: Any | None) -> list[str]:
        if source is None:
            return ["v:speaks=none"]
        low = source.lower_
        if low in SUBJECT_PRONOUNS or source.pos_ == "PRON":
            return ["v:speaks=pron"]
        return [f"v:speaks={int(low in self.speakers)}", f"v:names={_bucket(self.counts.get(source.lower, 0))}"]


def evidence(tok: Any, source: Any | None, kind: str, known: bool, voices: Voices) -> list[str]:
    """The cue scorer's features for a cue word: who its source is and what kind of complement it
    takes, paired; for a word outside the lexicon (not ``known``) also what heads it, each crossed
    so that each pairing gets its own weight."""
    agent = agent_kind(source)
    mark = complement_clause(tok)
    deps = {c.dep_ for c in tok.children}
    if mark:
        comp = "mark:" + mark
    elif _own_clause(tok):
        comp = "clause"
    elif "dobj" in deps:
        comp = "dobj"
    elif any(c.dep_ == "prep" and c.lower_ in NOUN_TOPIC_PREPS for c in tok.children):
        comp = "topic"
    elif "prep" in deps:
        comp = "prep"
    elif "xcomp" in deps:
        comp = "xcomp"
    else:
        comp = "none"
    heard = voices.features(source)
    if known:
        return [f"k:src|comp={agent}|{comp}", f"k:{kind}|comp={comp}"] + heard
    passive = int("auxpass" in deps or "nsubjpass" in deps)
    return heard + ["u:" + f for f in heard] + [UNKNOWN, f"u:{kind}", f"u:src={agent}", f"u:comp={comp}", f"u:src|comp={agent}|{comp}",
            f"u:{kind}|src|comp={agent}|{comp}", f"u:tag={tok.tag_}", f"u:dep={tok.dep_}",
            f"u:tag|comp={tok.tag_}|{comp}", f"u:passive={passive}", f"u:dep|src={tok.dep_}|{agent}"]


# the content features that say, for a word outside the lexicon, whether its content is a report
_CROSSED = ("rel=", "len=", "verbs=", "first=", "quoted=", "sent_end=", "hpos=", "cut=")


def crossed_content(cue_features: list[str], content_features: list[str]) -> list[str]:
    """For an unknown cue, its chosen content's shape again under its own prefix: a clause with
    a verb of its own is evidence of a report; a bare noun phrase is not."""
    if UNKNOWN not in cue_features:
        return []
    return ["u:c:" + f for f in content_features if f.startswith(_CROSSED)]
