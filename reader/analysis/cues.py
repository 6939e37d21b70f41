"""Word lists for attribution: speech verbs, naming verbs, titles, pronouns.

These are general English reporting conventions, not tuned to any article.
Verbs are listed by lemma and expanded to their inflected forms so the
lemmatizer can stay disabled (it is the slowest part we would not otherwise need).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

# verbs that introduce someone's words
_SPEECH_LEMMAS = """
say tell add remark state note explain declare insist claim argue warn write ask
reply respond answer announce acknowledge admit agree assert comment complain
concede confirm contend describe disclose emphasize emphasise estimate
exclaim observe point predict promise recall recount reiterate report reveal
stress suggest testify tweet post urge vow underline underscore maintain
mention chant shout scream yell whisper murmur mutter joke quip boast lament
caution counter conclude proclaim pledge concur opine muse wonder recollect
threaten demand allege accuse envisage envision retort snap scoff sneer gush rail rant
thunder chime interject plead reason marvel remind reckon assure chide mock fume cry sigh
hint posit confide blast slam tease taunt cheer challenge question inquire inform advise
preach propose query text email quote cite recite read sing shout summarize summarise
press interrupt shoot quip continue begin
""".split()

_IRREGULAR = {
    "say": ["said", "says", "saying"],
    "tell": ["told", "tells", "telling"],
    "write": ["wrote", "writes", "writing", "written"],
    "hear": ["heard", "hears", "hearing"],
    "read": ["reads", "reading"],
    "sing": ["sang", "sings", "singing", "sung"],
    "cry": ["cried", "cries", "crying"],
    "shoot": ["shot"],
    "begin": ["began", "begins"],
    "text": ["texted", "texts", "texting"],
}


def _inflect(lemma: str) -> list[str]:
    if lemma in _IRREGULAR:
        return [lemma] + _IRREGULAR[lemma]
    forms = [lemma]
    if lemma.endswith("e"):
        forms += [lemma + "d", lemma + "s", lemma[:-1] + "ing"]
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms += [lemma[:-1] + "ied", lemma[:-1] + "ies", lemma + "ing"]
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms += [lemma + "ed", lemma + "es", lemma + "ing"]
    else:
        forms += [lemma + "ed", lemma + "s", lemma + "ing"]
        if lemma in ("admit", "quip", "commit", "regret", "chat", "snap", "text"):
            forms += [lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"]
    return forms


SPEECH_VERBS: frozenset[str] = frozenset(f for lemma in _SPEECH_LEMMAS for f in _inflect(lemma))

# verbs whose quoted object is a name or label, not someone's words
NAMING_VERBS: frozenset[str] = frozenset(
    f for lemma in "call dub label nickname brand term name title style know".split() for f in _inflect(lemma)
) | {"known", "called", "dubbed", "labelled", "labeled", "branded", "termed", "so-called"}

# nouns for written statements: "the statement said", "the handout issued by X"
DOCUMENT_NOUNS: frozenset[str] = frozenset("""
statement handout communique communiqué release report letter memo memorandum note
document declaration readout transcript filing complaint indictment ruling order
lawsuit affidavit email e-mail tweet post message notice bulletin paper study survey
article editorial column op-ed ad advertisement website headline caption sign banner
""".split())

# titles and honorifics dropped from canonical person names
TITLES: frozenset[str] = frozenset("""
mr mrs ms miss dr prof professor sir dame lord lady madam president vice prime minister
premier chancellor secretary senator sen rep representative congressman congresswoman
governor gov mayor judge justice general gen colonel col major maj captain capt
lieutenant lt sergeant sgt admiral adm commander chief king queen prince princess
pope cardinal bishop rev reverend father sheikh ambassador spokesman spokeswoman
spokesperson former late foreign interior defence defense finance energy state
deputy acting pm chairman chairwoman chair ceo director minister's mp mep dr.
mr. mrs. ms. gov. sen. rep. gen. col. lt. sgt. capt. adm. prof. rev. st. leader
""".split())

MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "we", "us", "our"})
NEUTER_PRONOUNS = frozenset({"it", "its"})
FIRST_PERSON = frozenset({"i", "me", "we", "us"})
SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "it", "i", "we", "you"})

MALE_HONORIFICS = frozenset({"mr", "mr.", "sir", "lord", "king", "prince", "father", "sheikh"})
FEMALE_HONORIFICS = frozenset({"mrs", "mrs.", "ms", "ms.", "miss", "dame", "lady", "queen", "princess", "madam"})

# words that, in front of a quoted term, mark it as a term rather than speech
TERM_PREPOSITIONS = frozenset({"about", "of", "for", "on", "over", "regarding", "than", "like", "as", "into"})


def is_speech_verb(word: str) -> bool:
    """True for an inflected form of a reporting verb (said, tells, added...)."""
    return word.lower() in SPEECH_VERBS


@lru_cache(maxsize=1)
def _speech_keys() -> frozenset[int]:
    from spacy.strings import get_string_id

    return frozenset(get_string_id(w) for w in SPEECH_VERBS)


def speech_verb_tokens(doc: Any) -> list[Any]:
    """The tokens whose lower case is a reporting verb's form, in order: the parse's LOWER column
    holds each word's string-store key (the hash of its lower case), so the other words never
    become Token objects."""
    if not len(doc):
        return []
    from spacy.attrs import LOWER

    keys = _speech_keys()
    return [doc[i] for i, key in enumerate(doc.to_array(LOWER).tolist()) if key in keys]


def is_cue_token(tok: Any) -> bool:
    """A reporting verb used as one: 'he continued' yes, 'they continue to fight' no."""
    if tok.lower_ not in SPEECH_VERBS or not (tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB")):
        return False
    return not any(c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
                   for c in tok.children)


# common nouns that can head an unnamed human source ("one official", "analysts")
PERSON_NOUNS: frozenset[str] = frozenset("""
official spokesman spokeswoman spokesperson source expert analyst aide adviser advisor observer
diplomat lawmaker legislator senator minister president leader candidate voter supporter critic
resident witness member people person man woman men women protester activist author writer
reporter journalist economist scientist researcher professor historian strategist pollster
consultant director chairman chairwoman chair secretary governor mayor judge lawyer attorney
prosecutor officer agent manager executive founder owner friend father mother son daughter wife
husband brother sister family neighbor neighbour student teacher doctor worker employee host anchor
moderator commentator columnist editor pastor priest fan user veteran soldier commander general
colonel ambassador envoy negotiator representative delegate chief head nominee incumbent
challenger rival opponent ally insider staffer organizer organiser surrogate donor volunteer
official's someone anyone everyone nobody somebody participant attendee speaker caller viewer
reader listener parent child kid boy girl farmer player coach partner colleague aide
pope pontiff king queen prince princess emperor chancellor premier monarch cleric imam rabbi
archbishop bishop cardinal sheriff detective inspector commissioner superintendent principal dean
captain lieutenant sergeant admiral marshal trooper deputy clerk nurse physician surgeon
""".split()) | frozenset(w + "s" for w in "official source expert analyst aide adviser advisor observer "
                         "diplomat lawmaker senator minister leader candidate voter supporter critic resident "
                         "witness member protester activist reporter economist scientist researcher "
                         "strategist officer agent manager executive friend student worker employee fan "
                         "veteran soldier delegate ally insider staffer organizer donor volunteer parent "
                         "participant attendee caller viewer reader farmer player colleague".split())
AGENT_SUFFIXES = ("er", "ers", "ist", "ists", "ian", "ians", "ant", "ants", "or", "ors")
