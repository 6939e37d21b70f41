"""Contents the clause walk of ``reported`` does not offer, built from the same parse.

PolNeAR cuts some contents where no single child of the cue ends or starts:

- the subject of a passive cue is what is reported ("The new project will be dubbed ...",
  "Trump has been criticized by his rivals"): the content is the subject, the source is the
  agent (or none), never the subject itself;
- a light verb's object belongs to the cue and the content is what the object is of or about
  ("provide evidence of | why ...", "made no mention of | Clinton");
- a conjunct the parse hangs on the cue continues a content that starts at an earlier sibling
  ("talking to voters about health care and getting big money out of politics").

Each is one more candidate with a relation of its own, so the ranker's learned weights (PolNeAR
train) decide when it wins; nothing here knows a particular article's words.
"""
from __future__ import annotations

from typing import Any, Callable

from reader.analysis.reported import Candidate, _Doc, _subtree, add_versions

# a cue's children before a conjunct whose span, run on through the conjunct, can be the content
_LEFT_SIBLINGS = frozenset({"dobj", "prep", "xcomp", "ccomp", "attr", "oprd", "acomp", "dative"})
_MAX_SIBLINGS = 2


def _agent(cue: Any) -> Any | None:
    for child in cue.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def subject_contents(out: list[Candidate], d: _Doc, cue: Any, form: str, cue_feats: list[str]) -> None:
    """The passive subject as the content, the agent as its source."""
    for child in cue.children:
        if child.dep_ == "nsubjpass" and not child.is_punct:
            add_versions(out, d, cue, "subject:nsubjpass", child, _subtree(child, d=d), _agent(cue), form, None,
                         cue_feats)


def inner_objects(add: Callable[..., None], cue: Any) -> None:
    """What a light verb's object is of or about: the object's preposition's object (the cue
    runs through the preposition, PolNeAR style: "raised questions about")."""
    for child in cue.children:
        if child.dep_ != "dobj" or child.i < cue.i:
            continue
        for prep in child.rights:
            if prep.dep_ != "prep":
                continue
            obj = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp") and g.i > prep.i), None)
            if obj is not None:
                add(f"inner:{prep.lower_}", obj, _subtree(obj), prep)


def conjunct_runs(add: Callable[..., None], cue: Any) -> None:
    """A conjunct hanging on the cue, run back to the start of a sibling content before it."""
    for conj in cue.rights:
        if conj.dep_ != "conj" or any(g.dep_ in ("nsubj", "nsubjpass") for g in conj.children):
            continue
        sibs = [c for c in cue.rights if cue.i < c.i < conj.i and c.dep_ in _LEFT_SIBLINGS]
        for sib in sibs[-_MAX_SIBLINGS:]:
            toks = [t for t in cue.doc[sib.left_edge.i:conj.right_edge.i + 1]]
            add(f"run:{sib.dep_}", sib, toks)
