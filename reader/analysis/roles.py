"""Who "the mayor", "the Yellowhead MP" and "the company" are: roles the article gave its names.

News names a person once with a role and then uses the role alone: "Maria Lopez,
the mayor of Springfield, ..." (apposition), "Yellowhead MP Jim Eglinski" (title
before the name), "the minister, Ann Lee," (name in apposition to the role). Each of
these is a fact (position, role noun, the role's other words, canonical name). A later
definite description ("the mayor", "the Yellowhead MP") is the most recent person the
article gave that role, when its other words do not contradict it. "The company",
"the ministry" are the most recent organisation named with that word, or for a
generic business noun the most recent organisation at all.
"""
from __future__ import annotations

from bisect import bisect_left, insort
from dataclasses import dataclass, field
from typing import Any, Callable

from reader.analysis.cues import PERSON_NOUNS, TITLES

WINDOW = 6000  # characters back a description may reach
_BUSINESS = frozenset({"company", "firm", "corporation", "business", "group", "carrier", "airline", "retailer",
                       "bank", "insurer", "startup", "manufacturer", "automaker", "chain", "network"})
_ROLE_WORDS = (PERSON_NOUNS | TITLES | {"mp", "mpp", "mla", "mep", "ceo", "cfo", "premier", "councillor",
                                        "councilor", "alderman", "trustee", "coach", "captain", "chief"})
_SKIP_MODIFIERS = frozenset({"the", "a", "an", "former", "then", "current", "new", "longtime", "veteran", "top",
                             "senior", "deputy", "acting", "local", "city", "state", "federal", "own"})


def _role_noun(tok: Any) -> bool:
    low = tok.lower_.rstrip(".")
    return tok.pos_ in ("NOUN", "PROPN") and (low in _ROLE_WORDS or low.endswith(("man", "woman", "person")))


def _modifiers(head: Any) -> frozenset[str]:
    """The role's other content words: "Yellowhead" in "the Yellowhead MP", "Springfield" in "mayor of Springfield"."""
    words = set()
    for t in head.subtree:
        if t.i == head.i or t.is_punct or t.is_stop or t.pos_ in ("DET", "ADP", "PRON"):
            continue
        if t.dep_ in ("relcl", "acl") or t.i - head.i > 6:
            break
        low = t.lower_.rstrip(".").removesuffix("’s").removesuffix("'s")
        if low and low not in _SKIP_MODIFIERS:
            words.add(low)
    return frozenset(words)


def _proper_modifiers(head: Any) -> frozenset[str]:
    """The capitalised words before a role noun ("Democratic", "Yellowhead"): a contradiction when the
    person the article gave that role was described otherwise."""
    return frozenset(t.lower_.rstrip(".") for t in head.doc[head.left_edge.i:head.i]
                     if t.pos_ in ("ADJ", "PROPN") and t.text[:1].isupper()
                     and not t.is_sent_start and t.lower_ not in _SKIP_MODIFIERS)


@dataclass
class RoleBook:
    """Role facts of one article, by position."""

    people: list[tuple[int, str, frozenset[str], str]] = field(default_factory=list)  # (pos, role, words, name)
    orgs: list[tuple[int, str]] = field(default_factory=list)  # (pos, organisation name)

    def add_person(self, pos: int, role: str, words: frozenset[str], name: str) -> None:
        insort(self.people, (pos, role, words, name))

    def resolve(self, head: Any, pos: int, more_orgs: list[tuple[int, str, str]] = ()) -> tuple[str, str] | None:
        """(name, type) for a definite description headed by ``head`` at ``pos``, or None.

        ``more_orgs`` are (position, name, type) of organisations found otherwise (a cue's subject)."""
        low = head.lower_.rstrip(".")
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children) and \
                not any(c.dep_ == "poss" for c in head.children):
            return None
        lo = bisect_left(self.people, (pos - WINDOW,))
        hi = bisect_left(self.people, (pos,))
        if _role_noun(head):
            words, proper = _modifiers(head), _proper_modifiers(head)
            for _, role, known, name in reversed(self.people[lo:hi]):
                if role != low or known and proper and not proper <= known:
                    continue  # "the Democratic nominee" is not the one the article called "Republican nominee"
                if not words or not known or words & known or words <= known:
                    return name, "person"
            return None
        pos = min(pos, head.left_edge.idx)  # before the description itself
        named = self.orgs[bisect_left(self.orgs, (pos - WINDOW,)):bisect_left(self.orgs, (pos,))]
        found = more_orgs[bisect_left(more_orgs, (pos - WINDOW,)):bisect_left(more_orgs, (pos,))]
        recent = sorted(named + [(p, n) for p, n, t in found if t == "organisation" and n[:1].isupper()])
        for _, name in reversed(recent):
            if low in name.lower().split():
                return name, "organisation"
        if low in _BUSINESS and recent:
            return recent[-1][1], "organisation"
        return None


def build_roles(doc: Any, canonical: Callable[[str, int], str], clean: Callable[[str], str],
                after: int = 0) -> RoleBook:
    """Role facts from the parse: appositions and titles next to people's names, and organisations.

    Nothing before ``after`` counts: a headline's title case fools the entity recogniser."""
    book = RoleBook()
    for ent in doc.ents:
        if ent.start_char < after:
            continue
        if ent.label_ == "ORG":
            name = clean(ent.text)
            if name and name[0].isupper():
                insort(book.orgs, (ent.start_char, name))
            continue
        if ent.label_ != "PERSON":
            continue
        name = clean(ent.text)
        if not name or not name[0].isupper() or len(name.split()) < 2 and not ent.root.dep_ == "appos":
            continue
        canon = canonical(name, ent.start_char)
        root = ent.root
        # "Maria Lopez, the mayor of Springfield": a role in apposition to the name
        for child in root.children:
            if child.dep_ == "appos" and _role_noun(child):
                book.add_person(ent.start_char, child.lower_.rstrip("."), _modifiers(child), canon)
        # "the mayor, Maria Lopez,": the name in apposition to the role
        if root.dep_ == "appos" and _role_noun(root.head):
            book.add_person(ent.start_char, root.head.lower_.rstrip("."), _modifiers(root.head), canon)
        # "Yellowhead MP Jim Eglinski", "Health Minister Patty Hajdu": titles before the name
        i = ent.start - 1
        titles = [t for t in ent[:-1] if _role_noun(t) or t.dep_ in ("compound", "amod") and t.pos_ != "PROPN"]
        # words written right before the name on its line (the parse of a title run is often wrong)
        while i >= 0 and ent.start - i <= 4 and doc[i].pos_ in ("PROPN", "NOUN", "ADJ") and "\n" not in doc[i].whitespace_:
            titles.append(doc[i])
            i -= 1
        role = next((t for t in titles if _role_noun(t)), None)
        if role is not None:
            words = frozenset(t.lower_.rstrip(".") for t in titles if t.i != role.i
                              and t.lower_ not in _SKIP_MODIFIERS and not t.is_stop)
            book.add_person(ent.start_char, role.lower_.rstrip("."), words, canon)
    return book
