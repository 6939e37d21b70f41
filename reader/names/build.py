"""From the blocks' groups to the table: union them, apply the user's corrections, name
the results.

Only keys that something joined (a rule or the user) become table entries; every
other key is an entity of its own, named as its article names it, and costs the
table nothing. That keeps the table small (a few thousand entries for 10k
articles) and cheap to rebuild after each update.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterable, Mapping

from reader.names.aliases import CuratedAliases
from reader.names.contribution import ArticleNames
from reader.names.corrections import Corrections
from reader.names.normalise import fold
from reader.names.resolve import TYPE_ORDER, Group, decide_all, parts_of
from reader.names.stats import NameStats, Surface
from reader.names.table import CanonicalEntity, NameTable

MAX_ALIASES = 12


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.reasons: dict[str, set[str]] = defaultdict(set)

    def find(self, key: str) -> str:
        parent = self.parent.setdefault(key, key)
        if parent == key:
            return key
        root = self.find(parent)
        self.parent[key] = root
        return root

    def union(self, keys: list[str], reason: str) -> None:
        roots = sorted({self.find(k) for k in keys})
        if not roots:
            return
        head = roots[0]
        for other in roots[1:]:
            self.parent[other] = head
            self.reasons[head] |= self.reasons.pop(other, set())
        self.reasons[head].add(reason)


def correction_keys(corrections: Corrections) -> set[str]:
    """Every key the user's corrections name (their surfaces are needed to build the table)."""
    keys = {k for group in corrections.merges for k in group}
    keys |= {k for ks, _ in corrections.names for k in ks} | {k for ks, _ in corrections.types for k in ks}
    return keys


def build_table(groups: Iterable[Group], context: Iterable[tuple[str, str, str]],
                surfaces: Mapping[str, Surface], corrections: Corrections | None = None,
                stamp: str = "") -> NameTable:
    """The table of these groups; ``surfaces`` must hold every key they (and the
    corrections) name that is still in the library."""
    corrections = corrections or Corrections()
    split = set(corrections.splits)
    uf = _Union()
    curated: dict[str, tuple[str, str]] = {}  # a key of a curated group -> (name, type)
    typed: list[tuple[str, str, int]] = []  # (a key, the type its group voted, the group's articles)
    for group in groups:
        keys = [k for k in group.keys if k in surfaces and k not in split]
        if len(keys) > 1:
            uf.union(keys, group.reason)
        elif keys and group.type and group.type != surfaces[keys[0]].type:
            uf.union(keys, group.reason)  # one key whose type the library voted otherwise
        if group.name and keys:
            curated.setdefault(keys[0], (group.name, group.type))
        elif group.type and keys:
            typed.append((keys[0], group.type, sum(surfaces[k].docs for k in keys)))
    for group in corrections.merges:
        keys = [k for k in group if k in surfaces]
        if len(keys) > 1:
            uf.union(keys, "user")
    members: dict[str, list[str]] = defaultdict(list)
    for key in list(uf.parent):
        members[uf.find(key)].append(key)
    named = {uf.find(k): v for k, v in curated.items()}
    voted: dict[str, Counter] = defaultdict(Counter)
    for key, etype, weight in typed:
        voted[uf.find(key)][etype] += max(1, weight)
    renames = _per_root(corrections.names, uf, surfaces)
    retypes = _per_root(corrections.types, uf, surfaces)
    context = [(k, o, t) for k, o, t in context if k not in split and k in surfaces and t in surfaces]
    targets = {uf.find(t) for _k, _o, t in context}  # named in some outlet's articles: an entry
    entities = []
    id_of: dict[str, str] = {}
    for root in sorted(set(members) | set(renames) | set(retypes) | targets):
        keys = sorted(members.get(root) or [root])
        retype = retypes.get(root) or (named[root][1] if root in named else None) or (
            voted[root].most_common(1)[0][0] if voted.get(root) else None)
        if len(keys) < 2 and root not in renames and root not in targets \
                and retype in (None, surfaces[keys[0]].type):
            continue  # an entity of its own, as its articles name it: no entry needed
        ent = _entity(keys, [surfaces[k] for k in keys], named.get(root), renames.get(root),
                      retype, sorted(uf.reasons.get(root, ())))
        entities.append(ent)
        id_of[root] = ent.id
    resolved_context = {}
    for key, outlet, target in context:
        target_id = id_of.get(uf.find(target), target)
        home_id = id_of.get(uf.find(key), key) if key in uf.parent else key
        if target_id != home_id:
            resolved_context[(key, outlet)] = target_id
    return NameTable(entities, resolved_context, stamp)


def table_from_articles(articles: Iterable[ArticleNames], curated: CuratedAliases,
                        corrections: Corrections | None = None) -> NameTable:
    """The table of these articles' contributions, built in memory from scratch (what the
    stored table is after the same articles were added in any order)."""
    stats = NameStats()
    for names in articles:
        stats.add(names)
    decisions = decide_all(stats.surfaces, curated)
    groups = [g for d in decisions.values() for g in d.groups]
    context = [c for d in decisions.values() for c in d.context]
    return build_table(groups, context, stats.surfaces, corrections)


def _per_root(items: list[tuple[list[str], str]], uf: _Union, surfaces: Mapping[str, Surface]) -> dict[str, str]:
    out: dict[str, str] = {}
    for keys, value in items:  # later corrections win
        present = [k for k in keys if k in surfaces]
        if present:
            out[uf.find(present[0])] = value
    return out


def _entity(keys: list[str], surfaces: list[Surface], curated: tuple[str, str] | None,
            rename: str | None, retype: str | None, reasons: list[str]) -> CanonicalEntity:
    votes: Counter = Counter()
    forms: Counter = Counter()
    for s in surfaces:
        votes[s.type] += max(1, s.mentions)
        forms.update(s.forms)
    etype = retype or (curated[1] if curated else None) or max(
        votes, key=lambda t: (votes[t], TYPE_ORDER.index(t) if t in TYPE_ORDER else -1))
    name = rename or (curated[0] if curated else None) or display_name(surfaces, etype)
    wanted = fold(name)
    rep = max(surfaces, key=lambda s: (fold(s.name) == wanted, s.docs, s.key))
    aliases = [name] + [f for f, _n in sorted(forms.items(), key=lambda kv: (-kv[1], kv[0]))
                        if f != name][:MAX_ALIASES - 1]
    return CanonicalEntity(id=rep.key, name=name, type=etype, aliases=aliases, keys=keys,
                           docs=sum(s.docs for s in surfaces),
                           speaker=any(s.speaker_docs > 0 for s in surfaces), merged_by=reasons,
                           labels=[own_form(s) for s in surfaces])


def own_form(s: Surface) -> str:
    """The surface's most used spelling of its own name ("U.S.", not the alias "America")."""
    return own_spelling(s.name, s.forms)


def own_spelling(name: str, forms: Mapping[str, int]) -> str:
    """``own_form`` of a key's name and its spellings (articles per spelling): the most
    used spelling that folds like the name, else the most used one, else the name."""
    if len(forms) == 1:  # most keys: that spelling either way, without folding it
        return next(iter(forms))
    own = fold(name)
    pool = [f for f in forms if fold(f) == own] or list(forms)
    return max(pool, key=lambda f: (forms[f], f)) if pool else name


def display_name(surfaces: list[Surface], etype: str) -> str:
    """A person by their most used full name; anything else by its most used spelling."""
    pool = surfaces
    if etype == "person":
        full = [s for s in surfaces if (p := parts_of(s.key)) is not None and not p.single]
        pool = full or surfaces
    best = max(pool, key=lambda s: (s.docs, -len(s.key), s.key))
    return own_form(best)
