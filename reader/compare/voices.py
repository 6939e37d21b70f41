"""Voices: who each outlet lets speak, how often and in how many of their own words.

One row per speaker (speakers compared by ``names.speaker_key``), one cell
per outlet with its quoted statements (direct and mixed), its reported ones
(indirect) and the words inside quotation marks, kept apart.

Voice blindspots, as flagged here:

* ``only_outlet``: a speaker quoted by one outlet while the selection has
  articles from two or more; ``mentioned_by`` lists the outlets that name the
  speaker (an entity of their article) without quoting them, the sharper
  case: they knew of the voice and left it out.
* per outlet, ``officials only`` / ``officials of one side (X)``: every
  statement the outlet carries (at least two) is by an official, and for the
  second flag every official's side is known and the same; the rule for
  *official* and *side* is in ``reader.compare.roles``.
* per outlet, the anonymous and vague sources (``names.is_vague``) are
  counted, and ``mostly unnamed`` is flagged when they make up half or more
  of two or more statements.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Sequence

from reader.compare.inputs import CompareArticle, Statement
from reader.compare.roles import ArticleFacts, context, is_official, side_of


@dataclass
class Cell:
    """One speaker in one outlet."""

    direct: int = 0
    mixed: int = 0
    indirect: int = 0
    words: int = 0  # words inside quotation marks
    statements: list[int] = field(default_factory=list)  # Statement ids

    @property
    def quoted(self) -> int:
        return self.direct + self.mixed

    @property
    def total(self) -> int:
        return self.quoted + self.indirect

    def add(self, st: Statement) -> None:
        if st.kind == "indirect":
            self.indirect += 1
        elif st.kind == "mixed":
            self.mixed += 1
        else:
            self.direct += 1
        self.words += st.quoted_words
        self.statements.append(st.id)


@dataclass
class VoiceRow:
    key: str
    name: str  # the most used canonical form
    speaker_type: str
    vague: bool
    official: bool
    cells: dict[str, Cell] = field(default_factory=dict)  # outlet -> cell
    named_as: dict[str, list[str]] = field(default_factory=dict)  # outlet -> how it names them
    mentioned_by: list[str] = field(default_factory=list)  # outlets naming them without quoting
    only_outlet: str | None = None

    @property
    def total(self) -> int:
        return sum(c.total for c in self.cells.values())

    @property
    def words(self) -> int:
        return sum(c.words for c in self.cells.values())

    @property
    def outlets(self) -> list[str]:
        return [o for o, c in self.cells.items() if c.total]


@dataclass
class OutletVoices:
    outlet: str
    articles: int = 0
    statements: int = 0
    quoted: int = 0
    indirect: int = 0
    words: int = 0
    voices: int = 0  # distinct speakers
    named_voices: int = 0
    vague: int = 0  # statements by anonymous or vague sources
    official: int = 0  # statements by officials
    sides: list[str] = field(default_factory=list)  # the officials' sides, "" when unknown
    flags: list[str] = field(default_factory=list)


@dataclass
class Voices:
    outlets: list[str]  # column order
    rows: list[VoiceRow]  # most statements first
    by_outlet: dict[str, OutletVoices]

    def row(self, key: str) -> VoiceRow | None:
        return next((r for r in self.rows if r.key == key), None)


def _flags(summary: OutletVoices) -> list[str]:
    flags = []
    n = summary.statements
    if n >= 2 and summary.official == n:
        sides = set(summary.sides)
        if len(sides) == 1 and "" not in sides:
            flags.append(f"officials of one side ({next(iter(sides))})")
        else:
            flags.append("officials only")
    if n >= 2 and summary.vague * 2 >= n:
        flags.append("mostly unnamed sources")
    return flags


def voices(articles: Sequence[CompareArticle], outlet_order: Sequence[str] | None = None) -> Voices:
    """The voices table of a selection (``outlet_order``: the columns, else by name)."""
    order = list(outlet_order) if outlet_order else sorted({a.outlet for a in articles}, key=str.casefold)
    by_outlet = {o: OutletVoices(o) for o in order}
    rows: dict[str, VoiceRow] = {}
    spellings: dict[str, Counter[str]] = {}
    mentions: dict[str, set[str]] = {}
    speakers: dict[str, set[str]] = {o: set() for o in order}
    for art in articles:
        summary = by_outlet.setdefault(art.outlet, OutletVoices(art.outlet))
        summary.articles += 1
        facts = ArticleFacts(art)
        mentions.setdefault(art.outlet, set()).update(facts.keys)
        for st in art.statements:
            row = rows.get(st.key)
            if row is None:
                row = rows[st.key] = VoiceRow(st.key, st.speaker, st.speaker_type, st.vague, False)
            spellings.setdefault(st.key, Counter())[st.speaker] += 1
            row.cells.setdefault(art.outlet, Cell()).add(st)
            names = row.named_as.setdefault(art.outlet, [])
            if st.named_as not in names:
                names.append(st.named_as)
            words = context(facts, st)
            official = is_official(facts, st, words)
            row.official = row.official or official
            summary.statements += 1
            summary.quoted += st.quoted
            summary.indirect += not st.quoted
            summary.words += st.quoted_words
            summary.vague += st.vague
            speakers.setdefault(art.outlet, set()).add(st.key)
            if official:
                summary.official += 1
                summary.sides.append(side_of(facts, st, words) or "")
    covering = [o for o in by_outlet if by_outlet[o].articles]
    for key, row in rows.items():
        row.name = max(spellings[key].items(), key=lambda kv: (kv[1], len(kv[0])))[0]
        quoting = row.outlets
        if len(quoting) == 1 and len(covering) >= 2:
            row.only_outlet = quoting[0]
    for outlet in covering:  # named in an outlet's articles, not quoted there
        for key in mentions.get(outlet, set()) & rows.keys():
            if outlet not in rows[key].cells:
                rows[key].mentioned_by.append(outlet)
    for outlet, summary in by_outlet.items():
        keys = speakers.get(outlet, set())
        summary.voices = len(keys)
        summary.named_voices = sum(1 for k in keys if not rows[k].vague)
        summary.flags = _flags(summary)
    ordered = sorted(rows.values(), key=lambda r: (-r.total, -len(r.outlets), -r.words, r.name.casefold()))
    columns = order + [o for o in by_outlet if o not in order]
    return Voices(outlets=columns, rows=ordered, by_outlet={o: by_outlet[o] for o in columns})
