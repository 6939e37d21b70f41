"""Queries that go through the name table, and bias and ownership values in any spelling.

The query layer (``reader.search.query``) calls two things here:

- ``rewrite(query, view)`` after parsing: ``bias:"lean left"`` becomes the keyword
  ``lean-left`` (a phrase on a keyword field would raise), ``ownership:"state
  funded"`` likewise; ``entity:X`` and ``speaker:X`` where X is the name or an alias
  of an entity become that entity's filter, so typing a name finds what clicking it
  finds; anything else is left as written (a word search).
- ``entity_filter(view, keys)`` for the filter chips: each key (an entity id or any
  per-article key) is the OR of the keys its entity unites.

Both return Whoosh queries over the per-article keys the index holds, so a new
article or a user's merge changes the table, never the index.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Sequence

from whoosh import query as wq

from reader.names.normalise import fold
from reader.names.table import EntityFilter, NameTable
from reader.outlet_tokens import bias_value, ownership_value
from reader.search import fields as F

if TYPE_CHECKING:
    from reader.search.view import IndexView


def _text_of(node: Any) -> str | None:
    if isinstance(node, wq.Term):
        return node.text if isinstance(node.text, str) else node.text.decode("utf-8", "replace")
    if isinstance(node, wq.Phrase):
        return " ".join(node.words)
    return None


@dataclass
class Rewritten:
    query: wq.Query
    notes: list[str] = field(default_factory=list)  # one line each, for the search message


def rewrite(q: wq.Query, view: IndexView) -> Rewritten:
    """The parsed query with bias/ownership values normalised and names resolved."""
    out = Rewritten(q)
    names = None

    schema = view.searcher().schema

    def fix(node: wq.Query) -> wq.Query:
        nonlocal names
        text = _text_of(node)
        if text is None:
            return node
        if node.fieldname not in (F.BIAS, F.OWNERSHIP, F.ENTITY, F.SPEAKER):
            if isinstance(node, wq.Phrase) and node.fieldname in schema and \
                    not schema[node.fieldname].format.supports("positions"):
                return wq.Term(node.fieldname, text)  # kind:"news analysis": one keyword, never a raise
            return node
        if node.fieldname in (F.BIAS, F.OWNERSHIP):
            value = (bias_value if node.fieldname == F.BIAS else ownership_value)(text)
            if value is None:
                out.notes.append(f"“{text}” is not a {node.fieldname} class; see the coverage bar's legend.")
                return wq.Term(node.fieldname, "-".join(text.lower().split()))  # matches nothing, never raises
            return wq.Term(node.fieldname, value)
        names = names or view.names()
        ids = resolve_name(names, text)
        if not ids:
            return node  # no entity has this name: a word search over names and aliases
        field_name = F.ENTITY_KEY if node.fieldname == F.ENTITY else F.SPEAKER_KEY
        return wq.Or([filter_query(names.table.filter(i), field_name) for i in ids])

    out.query = q.accept(fix)
    return out


def resolve_name(names: "LibraryNames", text: str) -> list[str]:
    """Entity ids whose name or alias is ``text``: the table's entries first, then the
    library's own keys of that name (an entity no rule joined)."""
    folded = fold(text)
    if not folded:
        return []
    ids = {names.table.home(i) for i in names.table.named(folded)}
    for key in names.keys_named(folded):
        ids.add(names.table.home(key))
    return sorted(ids)


def filter_query(flt: EntityFilter, field_name: str = F.ENTITY_KEY) -> wq.Query:
    """Articles with any of the filter's keys (within the outlets it names)."""
    excluded: dict[str, list[str]] = {}
    for key, outlet in flt.exclude:
        excluded.setdefault(key, []).append(outlet)
    parts: list[wq.Query] = []
    for key in flt.keys:
        term = wq.Term(field_name, key)
        if key in excluded:
            term = wq.AndNot(term, wq.Or([wq.Term(F.OUTLET_NAME, o) for o in excluded[key]]))
        parts.append(term)
    parts += [wq.And([wq.Term(field_name, key), wq.Term(F.OUTLET_NAME, outlet)]) for key, outlet in flt.include]
    return parts[0] if len(parts) == 1 else wq.Or(parts)


def entity_filter(view: IndexView, keys: Sequence[str]) -> wq.Query | None:
    """All of the given entities (AND), each as the OR of its keys; None for no filter."""
    if not keys:
        return None
    table = view.names().table
    return wq.And([filter_query(table.filter(k.lower())) for k in keys])


def _speaker_values(node: wq.Query, positive: bool = True) -> list[str]:
    """The values of ``speaker:`` terms the query asks for (not those it excludes)."""
    if isinstance(node, wq.Not):
        return _speaker_values(node.query, not positive)
    if isinstance(node, (wq.AndNot, wq.AndMaybe)):
        return _speaker_values(node.a, positive) + _speaker_values(node.b, positive and isinstance(node, wq.AndMaybe))
    text = _text_of(node)
    if text is not None:
        return [text] if positive and node.fieldname == F.SPEAKER else []
    out: list[str] = []
    for child in node.children() if hasattr(node, "children") else ():
        out += _speaker_values(child, positive)
    return out


def speaker_match(view: IndexView, text: str):
    """The speakers a query's ``speaker:`` terms name (None: the query names none), for
    the quotes panel: an entity's every spelling, or the words of a description."""
    from reader.search.quotes import SpeakerMatch

    if "speaker:" not in text.lower():
        return None
    try:
        parsed = view.parser().parse(text)
    except Exception:  # noqa: BLE001 - an unreadable query restricts nothing
        return None
    values = _speaker_values(parsed)
    if not values:
        return None
    names = view.names()
    ids: set[str] = set()
    words: list[str] = []
    for value in values:
        found = resolve_name(names, value)
        if found:
            ids.update(found)
        else:
            words.append(fold(value))
    return SpeakerMatch(frozenset(ids), tuple(w for w in words if w))


class LibraryNames:
    """One index generation's name table, with the index lookups queries need."""

    def __init__(self, table: NameTable, ix: Any = None) -> None:
        self.table = table
        self._ix = ix
        self._folds: dict[str, list[str]] | None = None
        self._shown: dict[str, str] = {}  # names of keys no rule joined, as the library writes them

    def keys_named(self, folded: str) -> list[str]:
        """Per-article keys whose name folds to ``folded``."""
        if self._ix is not None:
            from reader.names.store import keys_named

            found = keys_named(self._ix, folded)
            if found is not None:
                return found
        return self._lexicon_folds().get(folded, [])

    def _lexicon_folds(self) -> dict[str, list[str]]:
        """Fold -> keys, from the index's entity keys (when the table file cannot say)."""
        if self._folds is None:
            from reader.names.resolve import folded_name

            folds: dict[str, list[str]] = {}
            if self._ix is not None:
                with self._ix.searcher() as searcher:
                    for term in searcher.reader().lexicon(F.ENTITY_KEY):
                        key = term.decode("utf-8", "replace") if isinstance(term, bytes) else str(term)
                        folds.setdefault(folded_name(key), []).append(key)
            self._folds = folds
        return self._folds

    def display(self, entity_id: str) -> str:
        """An entity's name: the table's, or how the library writes a key no rule joined."""
        return self.displays([entity_id])[entity_id]

    def displays(self, entity_ids, written: dict[str, str] | None = None) -> dict[str, str]:
        """``display`` for several ids at once (a quote list's speakers: one file read);
        ``written`` names a key when the table file cannot (else its lowercase key)."""
        out, missing = {}, []
        for entity_id in entity_ids:
            ent = self.table.entity(entity_id)
            if ent is not None:
                out[entity_id] = ent.name
            elif entity_id in self._shown:
                out[entity_id] = self._shown[entity_id]
            else:
                missing.append(entity_id)
        if missing:
            found = {}
            if self._ix is not None:
                from reader.names.store import display_names

                found = display_names(self._ix, missing)
            for entity_id in missing:
                out[entity_id] = self._shown[entity_id] = (found.get(entity_id) or (written or {}).get(entity_id)
                                                           or entity_id.partition(":")[2])
        return out

