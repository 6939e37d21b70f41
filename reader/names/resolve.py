"""The merge rules: from the library's surface counts to groups of keys that are one entity.

Every rule decides inside one *block* of surfaces that share something, so a new
article re-decides only the blocks of the keys it touches (a handful of small
blocks, whatever the library's size). The blocks and their rules:

1. ``f:``/``c:`` **same name**: keys whose names fold alike ("U.S." / "US",
   "Prime Minister's Office" / "Prime Minister Office"), or that the curated list
   calls one thing ("UK" / "Britain"). The type is voted over all their mentions in
   the library (a curated entry fixes it); a key of another type joins when the vote
   is at least two to one, except a lone word that is mostly a full name's first name
   ("Paris" in an article about Paris Hilton never becomes the city).
2. ``s:`` **one surname** (people):
   a. a middle initial ("Donald J. Trump" / "Donald Trump") when the form without
      one has one candidate, or a dominant one;
   b. a given name with two letters swapped or one doubled ("Micheal" / "Michael",
      "Mohamed" / "Mohammed"); never another letter: John and Joan stay two;
   c. surname and title forms ("Trump", "President Trump") join the one full name
      with that surname in the library, or a dominant one (80% of the surname's
      articles and three times the next; a longer form ending in the name counts for
      it, a "Jr." beside his father does not count); when the library has no such
      person, the one of the article's outlet. Two Smiths with no dominant one leave
      "Smith" alone. A lone word tagged as a place or organisation joins the person
      whose surname it is when that person has four times its articles ("Pelosi"
      tagged as a place), and a lone word that is mostly something else ("Fox" the
      network) is nobody's surname.
3. ``g:`` **one given name** (people): surnames one edit apart, six letters or more,
   same first letter ("Kugelman" / "Kugleman").
4. ``a:`` **acronyms** ("NATO", "CDC") of an organisation or place join the full name
   they stood beside in some article ("the North Atlantic Treaty Organization
   (NATO)") when all such full names are one name; beside two ("DNC": the Committee,
   the Convention), none. Three to six letters: two name too many things.

The user's corrections are applied when the groups are turned into a table
(``reader.names.build``). Decisions depend on the counts alone, never on the order
in which articles arrived.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from reader.names.aliases import CuratedAliases
from reader.names.normalise import (PersonName, damerau, fold, initials, is_acronym,
                                    is_transposition_or_doubling, person_name)
from reader.names.stats import Surface

DOMINANCE_SHARE = 0.8  # the chosen person has this share of the surname's articles...
DOMINANCE_RATIO = 3.0  # ...and this many times the next one's
TYPE_MAJORITY = 2.0  # a key of another type joins a name voted this many times more
SURNAME_OVER_THING = 4.0  # a lone word tagged as a place or organisation is a person's surname
                          # when that person has this many times its articles ("Pelosi" as a place)
TYPE_ORDER = ("person", "organisation", "place")  # ties: the later (less error-prone) tag wins


@dataclass
class Group:
    """Keys one rule says are one entity (a curated group brings its name and type)."""

    keys: list[str]
    reason: str
    name: str = ""
    type: str = ""


@dataclass
class Decision:
    """What one block decides: its groups, and (key, outlet, target key) exceptions."""

    groups: list[Group] = field(default_factory=list)
    context: list[tuple[str, str, str]] = field(default_factory=list)


def parts_of(surface_key: str) -> PersonName | None:
    etype, _, name = surface_key.partition(":")
    return person_name(name) if etype == "person" else None


def folded_name(surface_key: str) -> str:
    """The form rule 1 compares: a person's name without titles, anything else folded."""
    parts = parts_of(surface_key)
    if parts is not None:
        return " ".join(w for w in (parts.first, *parts.middles, parts.last, parts.suffix) if w)
    return fold(surface_key.partition(":")[2])


def same_name_block(surface_key: str, curated: CuratedAliases) -> str:
    folded = folded_name(surface_key)
    if not folded:
        return ""
    entry = curated.get(folded) if not surface_key.startswith("person:") or " " not in folded else None
    return f"c:{entry.name}" if entry else f"f:{folded}"


def blocks_of(surface_key: str, curated: CuratedAliases) -> list[str]:
    """Every block a key belongs to (from the key alone, so computed once)."""
    out = []
    same = same_name_block(surface_key, curated)
    if same:
        out.append(same)
    etype = surface_key.partition(":")[0]
    parts = parts_of(surface_key)
    if parts is not None:
        out.append(f"s:{parts.last}")
        if not parts.single and len(parts.first) >= 2:
            out.append(f"g:{parts.first}|{parts.suffix}")
    elif etype in ("organisation", "place"):
        folded = fold(surface_key.partition(":")[2])
        if folded and " " not in folded:
            out.append(f"s:{folded}")  # a surname rule must see that "Fox" is also a network
        letters = acronym_letters(surface_key)
        if letters:
            out.append(f"a:{letters}")
    return out


ACRONYM_LETTERS = (3, 6)  # two letters name too many things ("AG", "AP", "GM")


def acronym_letters(surface_key: str) -> str:
    """The letters an organisation or place is known by: a multi-word name's initials,
    or the name itself when it is a lone word of three to six letters ("nato")."""
    folded = fold(surface_key.partition(":")[2])
    low, high = ACRONYM_LETTERS
    if " " in folded:
        letters = "" if any(c.isdigit() for c in folded) else initials(folded)
        return letters if low <= len(letters) <= high else ""
    return folded if low <= len(folded) <= high and folded.isalpha() else ""


def choose(weights: Mapping[str, int]) -> str | None:
    """The one candidate, or the dominant one (see the module docstring); else None."""
    if not weights:
        return None
    ranked = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))
    if len(ranked) == 1:
        return ranked[0][0]
    (top, n), (_, second) = ranked[0], ranked[1]
    if n >= DOMINANCE_SHARE * sum(weights.values()) and n >= DOMINANCE_RATIO * second:
        return top
    return None


def hint_votes(votes: Counter, hint: str | None) -> Counter:
    """The votes with a list's hint added: as much as half of all the mentions, three at least."""
    if hint:
        votes = Counter(votes)
        votes[hint] += max(3, sum(votes.values()) // 2)
    return votes


def _vote(votes: Counter) -> str:
    return max(votes, key=lambda t: (votes[t], TYPE_ORDER.index(t) if t in TYPE_ORDER else -1))


def _first_name_use(surfaces: Iterable[Surface]) -> bool:
    docs = first = 0
    for s in surfaces:
        docs += s.docs
        first += s.first_name_docs
    return first * 2 >= max(1, docs)


class _Local:
    """Union-find over one block's keys."""

    def __init__(self, keys: Iterable[str]) -> None:
        self.parent = {k: k for k in keys}

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> list[list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for key in sorted(self.parent):
            out[self.find(key)].append(key)
        return [g for g in out.values() if len(g) > 1]


def typed_alone(block: str, curated: CuratedAliases) -> bool:
    """A one-key block that still decides something: a curated name, or a place or outlet
    name, may change the key's type ("Kyiv" tagged as a person)."""
    return block.startswith("c:") or (block.startswith("f:") and curated.hint(block[2:]) is not None)


def decide_blocks(members: Mapping[str, list[str]], surfaces: Mapping[str, Surface],
                  curated: CuratedAliases) -> dict[str, Decision]:
    """The decisions of the blocks that have something to decide (``members``: block -> keys)."""
    out = {}
    for block in sorted(members):
        keys = [k for k in members[block] if k in surfaces]
        if len(keys) > 1 or (keys and typed_alone(block, curated)):
            out[block] = decide(block, {k: surfaces[k] for k in keys}, curated)
    return out


def decide_all(surfaces: Mapping[str, Surface], curated: CuratedAliases) -> dict[str, Decision]:
    """Every block's decision for a whole library's surfaces (a table built from scratch)."""
    members: dict[str, list[str]] = defaultdict(list)
    for key in surfaces:
        for block in blocks_of(key, curated):
            members[block].append(key)
    return decide_blocks(members, surfaces, curated)


def decide(block: str, surfaces: Mapping[str, Surface], curated: CuratedAliases) -> Decision:
    """The groups of one block, from the surfaces that belong to it."""
    kind = block[:2]
    if kind in ("f:", "c:"):
        return _same_name(block, surfaces, curated)
    if kind == "s:":
        return _surname(surfaces)
    if kind == "g:":
        return _given_name(surfaces)
    if kind == "a:":
        return _acronym(block[2:], surfaces, curated)
    return Decision()


# -- rule 1 ----------------------------------------------------------------------
def _same_name(block: str, surfaces: Mapping[str, Surface], curated: CuratedAliases) -> Decision:
    entry = curated.get(fold(block[2:])) if block.startswith("c:") else None
    by_type: dict[str, list[Surface]] = defaultdict(list)
    votes: Counter = Counter()
    for key in sorted(surfaces):
        s = surfaces[key]
        by_type[s.type].append(s)
        votes[s.type] += max(1, s.mentions)
    if not votes:
        return Decision()
    winner = entry.type if entry else _vote(hint_votes(votes, curated.hint(block[2:])))
    votes = hint_votes(votes, None if entry else curated.hint(block[2:]))
    joined = [s.key for s in by_type.get(winner, [])]
    out = Decision()
    for etype in sorted(by_type):
        members = by_type[etype]
        if etype == winner:
            continue
        if entry or (votes[winner] >= TYPE_MAJORITY * votes[etype] and not _first_name_use(members)):
            joined += [s.key for s in members]
        elif len(members) > 1:
            out.groups.append(Group([s.key for s in members], "same name", type=etype))
    retyped = any(surfaces[k].type != winner for k in joined)
    if entry is not None and joined:
        out.groups.append(Group(sorted(joined), "curated alias", entry.name, entry.type))
    elif len(joined) > 1 or retyped:
        out.groups.append(Group(sorted(joined), "same name" if len(joined) > 1 else "type vote", type=winner))
    return out


# -- rule 2 ----------------------------------------------------------------------
def _surname(surfaces: Mapping[str, Surface]) -> Decision:
    people = {k: parts_of(k) for k in surfaces}
    full = {k: p for k, p in people.items() if p is not None and not p.single}
    local = _Local(full)
    reasons: dict[str, str] = {}
    by_name: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for key in sorted(full):
        p = full[key]
        by_name[(p.first, p.suffix)]["".join(m[0] for m in p.middles)].append(key)
    for patterns in by_name.values():  # 2a: middle initials
        for keys in patterns.values():
            for key in keys[1:]:
                local.union(keys[0], key)
                reasons[key] = "middle name"
        bare = patterns.get("")
        others = {pattern: sum(surfaces[k].docs for k in keys) for pattern, keys in patterns.items() if pattern}
        target = choose(others) if bare and others else None
        if target is not None:
            local.union(bare[0], patterns[target][0])
            reasons[bare[0]] = "middle name"
    firsts: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for key in sorted(full):
        firsts[full[key].suffix][full[key].first].append(key)
    for names in firsts.values():  # 2b: given-name spellings
        ordered = sorted(n for n in names if len(n) >= 4)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1:]:
                if is_transposition_or_doubling(a, b):
                    local.union(names[a][0], names[b][0])
                    reasons[names[b][0]] = "given-name spelling"
    out = Decision()
    for keys in local.groups():
        reason = ", ".join(sorted({reasons.get(k, "middle name") for k in keys[1:]}))
        out.groups.append(Group(keys, reason, type="person"))
    candidates: dict[str, list[str]] = defaultdict(list)  # a local person -> its full-name keys
    for key in sorted(full):
        candidates[local.find(key)].append(key)
    weights = _candidate_weights(candidates, full, surfaces)
    home = choose(weights)
    lone = [k for k, p in sorted(people.items()) if p is not None and p.single and not p.suffix
            and surfaces[k].type == "person" and not _first_name_use([surfaces[k]])]
    others = [k for k in sorted(surfaces) if people[k] is None]  # "Pelosi" tagged as a place
    other_docs = sum(surfaces[k].docs for k in others)
    if home is not None and weights[home] >= SURNAME_OVER_THING * max(1, other_docs):
        if lone or others:  # the word is this person's surname more than anything else
            out.groups.append(Group([*lone, *others, *candidates[home]], "surname", type="person"))
        return out
    word = next((people[k].last for k in lone), "")
    if not lone or _mostly_not_a_person(word, surfaces):
        return out
    if home is not None:
        out.groups.append(Group([*lone, *candidates[home]], "surname", type="person"))
        return out
    for key in lone:  # no one the library over: perhaps one person in the article's outlet
        for outlet in sorted(surfaces[key].outlets):
            here = {root: sum(surfaces[k].outlets.get(outlet, 0) for k in keys)
                    for root, keys in candidates.items()}
            choice = choose({r: n for r, n in here.items() if n > 0})
            if choice is not None:
                out.context.append((key, outlet, candidates[choice][0]))
    return out


def _candidate_weights(candidates: Mapping[str, list[str]], full: Mapping[str, PersonName],
                       surfaces: Mapping[str, Surface]) -> dict[str, int]:
    """Articles per person a lone surname may mean. A longer form that ends with another
    candidate's name counts for it ("Add Donald Trump", a button's text, is Donald Trump
    here), and "Donald Trump Jr." is not what a lone "Trump" means beside "Donald Trump"."""
    weights = {root: sum(max(1, surfaces[k].docs) for k in keys) for root, keys in candidates.items()}
    names = {root: {(full[k].first, full[k].suffix) for k in keys} for root, keys in candidates.items()}
    plain = {first for root in names for first, suffix in names[root] if not suffix}
    for root, keys in candidates.items():
        if all(full[k].suffix and full[k].first in plain for k in keys):
            weights.pop(root, None)  # a Jr. beside his father
            continue
        tails = {(full[k].middles[-1], full[k].suffix) for k in keys if full[k].middles}
        host = next((other for other in sorted(candidates) if other != root and tails & names[other]), None)
        if host is not None and root in weights:
            weights[host] = weights.get(host, 0) + weights.pop(root)
    return weights


def _mostly_not_a_person(word: str, surfaces: Mapping[str, Surface]) -> bool:
    """Whether the lone word is mostly something else ("Fox" the network, "Ferguson" the town)."""
    votes: Counter = Counter()
    for s in surfaces.values():
        if fold(s.name if s.type != "person" else folded_name(s.key)) == word:
            votes["person" if s.type == "person" else "other"] += max(1, s.mentions)
    return votes["other"] >= TYPE_MAJORITY * max(1, votes["person"])


# -- rule 3 ----------------------------------------------------------------------
def _given_name(surfaces: Mapping[str, Surface]) -> Decision:
    by_last: dict[str, list[str]] = defaultdict(list)
    for key in sorted(surfaces):
        p = parts_of(key)
        if p is not None and not p.single and len(p.last) >= 6:
            by_last[p.last].append(key)
    neighbours: dict[str, set[str]] = defaultdict(set)
    for last in by_last:
        for variant in {last, *(last[:i] + last[i + 1:] for i in range(len(last)))}:
            neighbours[variant].add(last)
    local = _Local(k for keys in by_last.values() for k in keys)
    for near in neighbours.values():
        ordered = sorted(near)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1:]:
                if a[0] == b[0] and damerau(a, b, 2) == 1:
                    local.union(_plain(by_last[a]), _plain(by_last[b]))
    return Decision([Group(keys, "surname spelling") for keys in local.groups()
                     if len({parts_of(k).last for k in keys}) > 1])


def _plain(keys: list[str]) -> str:
    """The form without middle names, if there is one (it joins its own middle forms)."""
    return min(keys, key=lambda k: (len(parts_of(k).middles), k))


# -- rule 4 ----------------------------------------------------------------------
def _acronym(letters: str, surfaces: Mapping[str, Surface], curated: CuratedAliases) -> Decision:
    """An acronym joins a full name it stood beside in some article ("the North Atlantic
    Treaty Organization (NATO)"), when all such full names are one name."""
    shorts, partners = [], defaultdict(set)
    for key in sorted(surfaces):
        s = surfaces[key]
        if s.type not in ("organisation", "place") or fold(s.name) != letters or not s.expands:
            continue
        if same_name_block(key, curated).startswith("c:"):
            continue  # the curated list says what it is
        shorts.append(key)
        for full in s.expands:
            if full in surfaces:
                partners[same_name_block(full, curated)].add(full)
    if shorts and len(partners) == 1:  # "DNC" beside two different full names joins neither
        return Decision([Group(sorted({*shorts, *next(iter(partners.values()))}), "acronym")])
    return Decision()
