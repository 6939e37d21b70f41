#!/usr/bin/env python3
"""What the statements still get wrong on PolNeAR dev, grouped into error types.

Run from the project root after ``tools/eval_statements.py --out DIR``::

    python tools/statement_errors.py --system DIR/dev.jsonl [--examples 1] [--direct-only]

Matching follows the shared scorer (``../shared/eval/score_quotes.py``: trimmed spans,
strict = 80% of the longer span, lenient = 30% of the gold span, one-to-one). Each
unmatched gold attribution, each unmatched system statement and each wrong speaker
gets one type; the types are counted and shown with an example. ``--direct-only`` scores
as the scorer's ``--direct-only`` does (gold contents with a quotation mark at their
start, system records of kind ``direct``) and sorts the errors into the types that
matter for quoted words. PolNeAR test is not used.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from polnear import articles, shared_dir  # noqa: E402

from reader.analysis.cues import is_speech_verb  # noqa: E402

PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them"}


def _scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("score_quotes", shared / "eval" / "score_quotes.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _speech_cue(cue: str) -> bool:
    """A reporting verb (said, added, told ...) or 'according to' heads the cue."""
    return any(is_speech_verb(w) or w == "according" for w in re.findall(r"[\w’']+", cue.lower()))


def _miss_type(text: str, g: dict, sys_quotes: list[dict], sc) -> str:
    ga, gb = sc.trimmed(text, g["start"], g["end"])
    over = [s for s in sys_quotes if sc.overlap((ga, gb), sc.trimmed(text, s["start"], s["end"]))]
    span = text[ga:gb]
    if not over:
        cue = g["cue"].lower()
        if g["source"] == "":
            return "missed: no source in the text (an implicit or earlier speaker)"
        if not _speech_cue(cue):
            return f"missed: cue outside the reporting verbs ({'noun cue' if not cue.endswith(('ed', 's')) else 'other verb'})"
        if any(m in span for m in "“”\""):
            return "missed: a quotation the engine did not attribute"
        return "missed: a clause of a reporting verb or 'according to'"
    s = max(over, key=lambda s: sc.overlap((ga, gb), sc.trimmed(text, s["start"], s["end"])))
    sa, sb = sc.trimmed(text, s["start"], s["end"])
    if sa <= ga and sb >= gb:
        return "span too long: the system's clause runs past the gold content"
    if sa >= ga and sb <= gb:
        return "span too short: the system kept part of the gold content"
    return "span shifted: starts or ends elsewhere"


def _false_type(text: str, s: dict) -> str:
    words = s["text"].split()
    if len(words) <= 2:
        return "false alarm: a one- or two-word 'content' (object of a cue)"
    cue = (s.get("cue") or "").lower()
    if s["kind"] == "direct":
        return "false alarm: quoted words PolNeAR does not attribute"
    if cue and not _speech_cue(cue):
        return "false alarm: a clause of another verb (think, want, show, decided ...)"
    return "false alarm: a clause of a reporting verb PolNeAR does not annotate"


def _direct_miss_type(text: str, g: dict, sys_quotes: list[dict], sc) -> str:
    ga, gb = sc.trimmed(text, g["start"], g["end"])
    def best(kinds):
        over = [(sc.overlap((ga, gb), sc.trimmed(text, s["start"], s["end"])), s) for s in sys_quotes if s["kind"] in kinds]
        over = [(o, s) for o, s in over if o]
        return max(over, key=lambda p: p[0]) if over else (0, None)
    if g["pieces"] > 1 and best(("direct",))[1] is not None:
        return "missed (direct): the gold splits one quotation into pieces (at sentence ends)"
    inside = text[ga:gb].rstrip("\"'”’“‘ ")
    if any(m in inside[1:] for m in "”\"’") and not inside.endswith(tuple("”\"’")):
        return "missed (direct): the gold content runs on past the quotation (a mixed content opening with a mark)"
    o, s = best(("mixed",))
    if s is not None and o >= 0.8 * (gb - ga):
        return "missed (direct): the quoted words were emitted as a mixed statement"
    if best(("scare",))[1] is not None and best(("direct",))[1] is None:
        return "missed (direct): read as a scare quote or a term (no speaker)"
    if best(("direct",))[1] is not None:
        return "missed (direct): a direct quote with other boundaries"
    return "missed (direct): the quotation is not a direct record"


def _direct_false_type(text: str, s: dict, gold_all: list[dict], sc) -> str:
    sa, sb = sc.trimmed(text, s["start"], s["end"])
    if s.get("cue") == ":":
        return "false alarm (direct): a transcript turn (its label's colon is the cue; no mark at the content)"
    over = [g for g in gold_all if sc.overlap((sa, sb), sc.trimmed(text, g["start"], g["end"]))]
    if any(g["pieces"] > 1 for g in over):
        return "false alarm (direct): one quotation that the gold splits into pieces (at sentence ends)"
    if any(sc.overlap((sa, sb), sc.trimmed(text, g["start"], g["end"])) >= 0.8 * (sb - sa) for g in over):
        return "false alarm (direct): a quotation inside a gold content that starts before its mark ('that, “…”')"
    return "false alarm (direct): quoted words PolNeAR does not attribute"


def _speaker_type(g: dict, s: dict) -> str:
    got = (s.get("speaker") or "").strip()
    if not got:
        return "speaker: none found"
    if got.lower() in PRONOUNS:
        return "speaker: a pronoun left unresolved"
    if got[:1].islower() or got.lower().startswith(("the ", "a ", "an ")):
        return "speaker: a description kept where gold names the person"
    return "speaker: another named speaker"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--system", type=Path, required=True, help="parallax analyze --json output on PolNeAR dev")
    ap.add_argument("--shared", type=Path, default=None)
    ap.add_argument("--examples", type=int, default=1)
    ap.add_argument("--top", type=int, default=10)
    ap.add_argument("--direct-only", action="store_true", help="quoted words alone, as the scorer's --direct-only")
    args = ap.parse_args()
    shared = args.shared or shared_dir()
    sc = _scorer(shared)
    system = {}
    for line in args.system.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        system[Path(rec["file"]).name] = rec["quotes"]
    counts: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)

    def note(kind: str, example: str) -> None:
        counts[kind] += 1
        if len(examples[kind]) < args.examples:
            examples[kind].append(example)

    for art in articles(shared / "data" / "polnear" / "dev"):
        text = art.text
        every = system.get(f"{art.name}.txt", [])
        squotes = [q for q in every if q["kind"] == "direct"] if args.direct_only else every
        gold = []
        for rel in art.relations:
            src = " ".join(text[a:b] for a, b in rel.source)
            cue = " ".join(text[a:b] for a, b in rel.cue)
            for a, b in rel.content:
                named = bool(src) and src.strip().lower() not in sc.PRONOUNS and any(c.isupper() for c in src)
                direct = text[a:b].strip()[:1] in sc.MARKS or text[max(0, a - 1):a] in sc.MARKS
                gold.append({"start": a, "end": b, "speaker": src if named else None, "source": src, "cue": cue,
                             "direct": direct, "pieces": len(rel.content)})
        gold_all = gold
        if args.direct_only:
            gold = [g for g in gold if g["direct"]]
        strict = sc.match(gold, squotes, text, 0.8, lenient=False)
        lenient = sc.match(gold, squotes, text, 0.3, lenient=True)
        for gi, g in enumerate(gold):
            if gi not in strict:
                note(_direct_miss_type(text, g, every, sc) if args.direct_only else _miss_type(text, g, squotes, sc), f"{art.name}: {text[g['start']:g['end']][:110]!r} (cue {g['cue']!r})")
            if gi in lenient and g["speaker"]:
                s = squotes[lenient[gi]]
                if not sc.same_speaker(s.get("speaker"), g["speaker"]):
                    last = sc.norm_name(s.get("speaker")).split()[-1:]
                    if not (last and last[0] in sc.norm_name(g["speaker"]).split()):
                        note(_speaker_type(g, s), f"{art.name}: gold {g['speaker']!r}, system {s.get('speaker')!r}"
                             f" :: {text[g['start']:g['end']][:70]!r}")
        matched = set(strict.values()) | set(lenient.values())
        for si, s in enumerate(squotes):
            if si not in matched and s.get("speaker") and s["kind"] != "scare":
                note(_direct_false_type(text, s, gold_all, sc) if args.direct_only else _false_type(text, s), f"{art.name}: {s['text'][:110]!r} (cue {s.get('cue')!r}, "
                     f"speaker {s.get('speaker')!r})")
    for kind, n in counts.most_common(args.top):
        print(f"{n:5d}  {kind}")
        for ex in examples[kind]:
            print(f"       e.g. {ex}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
