"""How a speaker's phrase becomes a name, a body or a description.

"Prime Minister Imran Khan" -> "Imran Khan", "the Kremlin" -> an organisation, "the
handout issued by X" -> a document, "Many of his supporters" -> a quantity of people as
written; a possessor or modifier ("Obama's former strategist", "the Trump campaign") is
never taken for the speaker. Used by the attribution rules in ``speaker_syntax``.
"""
from __future__ import annotations

import re
from typing import Any

from reader.analysis.cues import AGENT_SUFFIXES, DOCUMENT_NOUNS, PERSON_NOUNS
from reader.analysis.entities import strip_titles, without_headline_verb

_NP_DEPS = {"det", "amod", "compound", "nummod", "poss", "nmod", "case", "quantmod", "advmod"}


_ORG_LABELS = {"ORG", "GPE", "NORP", "FAC", "LOC"}


def _np_span(tok: Any, text: str) -> tuple[int, int]:
    """Character span of a noun phrase headed by tok (its left modifiers and compounds).

    ``text`` is the Doc's text: ``Doc.text`` joins every token again on each call."""
    left = tok
    for child in tok.lefts:
        if child.dep_ in _NP_DEPS:
            left = min(left, child.left_edge, key=lambda t: t.i)
            break
    right = tok
    for child in tok.rights:
        if child.dep_ == "compound" or (child.dep_ == "flat"):
            right = max(right, child, key=lambda t: t.i)
    doc = tok.doc
    while right.i + 2 < len(doc) and not right.whitespace_ and doc[right.i + 1].text == "-" \
            and not doc[right.i + 1].whitespace_ and doc[right.i + 2].is_alpha:
        right = doc[right.i + 2]  # "his ex-wife" split into three words: the phrase runs over the hyphen
    a, b = left.idx, right.idx + len(right)
    nl = text.rfind("\n", a, tok.idx)
    return (nl + 1 if nl != -1 else a), b


def _ent_of(tok: Any) -> Any | None:
    if not tok.ent_type_:
        return None
    doc = tok.doc
    a = tok.i
    while a > 0 and doc[a].ent_iob_ == "I":
        a -= 1
    b = tok.i + 1
    while b < len(doc) and doc[b].ent_iob_ == "I":
        b += 1
    return doc[a:b]


def _describe(ctx: Any, tok: Any) -> tuple[str, str, tuple[int, int]] | None:
    """(name or description, speaker type, surface span) for the speaker headed by tok."""
    text = ctx.text
    low = tok.lower_
    if low in DOCUMENT_NOUNS:
        for child in tok.children:  # "statement by X", "statement issued by X"
            cands = [child] if child.dep_ == "prep" and child.lower_ in ("by", "from") else []
            if child.dep_ == "acl":
                cands += [g for g in child.children if g.dep_ in ("agent", "prep") and g.lower_ in ("by", "from")]
            for prep in cands:
                obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
                if obj is not None:
                    a, b = _np_span(obj, text)
                    return _clean_np(text[a:b]), "document", (a, b)
        a, b = _np_span(tok, text)
        return _clean_np(text[a:b]), "document", (a, b)
    if tok.pos_ == "NOUN":  # "the minister, Ann Lee, said": the name in apposition
        appos = next((c for c in tok.children if c.dep_ == "appos" and (c.ent_type_ == "PERSON" or c.pos_ == "PROPN")), None)
        if appos is not None:
            tok = appos
            low = tok.lower_
    ent = _ent_of(tok)
    if ent is not None and ent.label_ == "PERSON":
        name = _clean_name(text[ent.start_char:ent.end_char])
        if name:
            return ctx.resolver.canonical(name, tok.idx), "person", (ent.start_char, ent.end_char)
    if ent is not None and ent.label_ in _ORG_LABELS and tok.pos_ == "PROPN":
        a, b = ent.start_char, ent.end_char
        return _clean_np(text[a:b]), "organisation", (a, b)
    if low in QUANTIFIER_SOURCES | _QUANTITY_WORDS and tok.pos_ in ("PRON", "DET", "NUM", "ADJ", "NOUN"):
        return _quantified(ctx, tok)
    a, b = _np_span(tok, text)
    phrase = _clean_np(text[a:b])
    # "Sen. Ann Lee" as a compound of a common-noun head names her; "Obama's former strategist"
    # and "the Trump campaign" do not: the possessor or modifier is not the speaker
    inner = [t for t in tok.doc[tok.left_edge.i:tok.i + 1] if t.ent_type_ == "PERSON" and t.idx >= a
             and not _modifies(t, tok)]
    if inner and tok.pos_ in ("NOUN", "PROPN"):
        ent = _ent_of(inner[-1])
        name = _clean_name(text[ent.start_char:ent.end_char])
        if name:
            return ctx.resolver.canonical(name, tok.idx), "person", (ent.start_char, ent.end_char)
    if tok.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"):
        return None
    if tok.pos_ == "PROPN" and tok.text[:1].isupper():
        if low in _ORG_NOUNS or low.rstrip(".") in _ORG_SUFFIXES or any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            return phrase, "organisation", (a, b)  # "the Kremlin", "the Pentagon": not a person's name
        return ctx.resolver.canonical(phrase, tok.idx), "person", (a, b)
    if tok.pos_ in ("NOUN", "PROPN"):
        if low in _ORG_NOUNS:
            return phrase, "organisation", (a, b)
        if low in PERSON_NOUNS or (low.endswith(AGENT_SUFFIXES) and len(low) > 4) or \
                (low.endswith(("man", "woman", "men", "women", "person", "people")) and len(low) > 5):
            return phrase, "person", (a, b)
    return None


# subjects that are a quantity of people: "Many of his supporters believe", "Some say", "Everyone I
# interviewed criticized", "Those close to him say"
QUANTIFIER_SOURCES = frozenset({"many", "some", "most", "few", "several", "others", "those", "everyone", "everybody",
                                "someone", "somebody", "nobody"})
_QUANTITY_WORDS = frozenset({"one", "all", "both", "each", "none"})  # people only with "of" people: "one of the lawyers"


def _people_noun(tok: Any) -> bool:
    low, lemma = tok.lower_, tok.lemma_.lower()
    return tok.ent_type_ in ("PERSON", "ORG", "NORP") or low in PERSON_NOUNS or lemma in PERSON_NOUNS or \
        lemma in _ORG_NOUNS or \
        (tok.pos_ == "NOUN" and low.endswith(AGENT_SUFFIXES + ("men", "people")) and len(low) > 4) or \
        low in ("them", "us", "you")


def _modifies(t: Any, head: Any) -> bool:
    """t sits in a possessor or compound modifier of head ("Obama's aides", "Trump adviser")."""
    node = t
    while node.i != head.i and node.head.i != node.i:
        if node.dep_ in ("poss", "compound") and node.head.i == head.i:
            return True
        node = node.head
    return False


def _quantified(ctx: Any, tok: Any) -> tuple[str, str, tuple[int, int]] | None:
    """'Many of his supporters', 'one of the family's attorneys, Justin Bamberg': the written phrase,
    or the name in apposition to it. Never an entity: a quantity of people is not a name."""
    if tok.dep_ in ("dobj", "pobj", "attr", "npadvmod"):
        return None
    of = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if obj is not None and (obj.lower_ in ("whom", "which", "this", "that", "these", "it") or not _people_noun(obj)):
        return None  # "all of this", "many of the deaths", "most of whom"
    if obj is None and tok.lower_ in _QUANTITY_WORDS:
        return None
    for node in (tok, obj) if obj is not None else (tok,):
        for child in node.rights:
            ent = _ent_of(child) if child.dep_ == "appos" else None
            if ent is not None and ent.label_ == "PERSON":
                name = _clean_name(ctx.text[ent.start_char:ent.end_char])
                if name:
                    return ctx.resolver.canonical(name, child.idx), "person", (ent.start_char, ent.end_char)
    end = tok
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ == "of" or child.dep_ in ("relcl", "amod", "advmod") and \
                child.right_edge.i - tok.i <= 5:
            end = max(end, child.right_edge, key=lambda t: t.i)
    left = min((c for c in tok.lefts if c.dep_ in ("neg", "det", "predet") and tok.i - c.i <= 2), key=lambda t: t.i,
               default=tok)
    toks = tok.doc[left.i:end.i + 1]
    if end.i - tok.i > 8 or any(t.is_punct or t.is_space for t in toks):
        toks = tok.doc[left.i:tok.i + 1]
    a, b = toks[0].idx, toks[-1].idx + len(toks[-1])
    phrase = ctx.text[a:b].strip()
    return (phrase, "unknown", (a, b)) if phrase else None


_ORG_NOUNS = frozenset("""government ministry office kremlin administration police army military
company firm party department agency council committee court parliament embassy commission
union bank campaign media newspaper website network group organisation organization board bureau
institute foundation association federation authority regulator service panel cabinet senate house
congress assembly secretariat directorate university school hospital team club league""".split())


_ORG_SUFFIXES = frozenset("corp inc ltd co llc plc ag gmbh sa group holdings partners associates".split())


# compiled once: the cleaners run for every speaker candidate
_NAME_CUT, _NP_CUT = re.compile(r"[“”\"‘«»\n]"), re.compile(r"[“”\"«»\n]")
_POSSESSOR, _TRAILING_POSSESSIVE = re.compile(r"[’']s\s+(?=[A-Z])"), re.compile(r"[’']s?$")
_ARTICLE = re.compile(r"^(the|a|an)\s+", re.I)


def _clean_name(s: str) -> str:
    """A person's name without titles, possessive, possessor ("Vancouver's Bo Horvat") or glued-on quote text."""
    s = _NAME_CUT.split(s)[-1]
    s = _POSSESSOR.split(s)[-1]
    s = _TRAILING_POSSESSIVE.sub("", s.strip()).strip(" ,.;:—–-")
    return without_headline_verb(strip_titles(s))


def _clean_np(s: str) -> str:
    s = _NP_CUT.split(s)[-1]
    s = _ARTICLE.sub("", s.strip())
    return s.strip(" ,;:")
