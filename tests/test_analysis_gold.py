"""Quote extraction scored against gold: the seeds (always) and PolNeAR dev (when present).

The scoring is written here, independently of the shared scorer: spans are
trimmed of whitespace, quotation marks and end punctuation, matched one to one
(best overlap first) when they overlap by at least 80% of the longer span.
"""
from __future__ import annotations

import json
import os
import re
import sys
import unicodedata
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
from polnear import relations  # noqa: E402 - the one brat reader of tools and tests

from reader.analysis.pipeline import analyze_many, analyze_text
from reader.analysis.statements import quoted_words

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PARALLAX_SHARED") or Path(__file__).resolve().parents[1].parent / "shared")
GOLD = ROOT / "tests" / "fixtures" / "seeds_gold.json"
MARKS = "\"'“”‘’«»„‟‹›`"
TRIM = MARKS + " \t\r\n\u00a0.,;:!?…"
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "his", "their"}

SEED_F1, SEED_SPEAKER = 0.97, 0.95
DEV_F1, DEV_SPEAKER = 0.92, 0.92


def trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in TRIM:
        a += 1
    while b > a and text[b - 1] in TRIM:
        b -= 1
    return a, b


def match(text: str, gold: list[tuple[int, int]], system: list[tuple[int, int]], need: float = 0.8) -> dict[int, int]:
    """{gold index: system index}, one to one, best overlap first."""
    pairs = []
    for gi, g in enumerate(gold):
        ga, gb = trim(text, *g)
        for si, s in enumerate(system):
            sa, sb = trim(text, *s)
            ov = min(gb, sb) - max(ga, sa)
            longer = max(gb - ga, sb - sa, 1)
            if ov > 0 and ov / longer >= need:
                pairs.append((ov / longer, gi, si))
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, si in sorted(pairs, reverse=True):
        if gi not in out and si not in used:
            out[gi] = si
            used.add(si)
    return out


def norm(name: str | None) -> str:
    name = unicodedata.normalize("NFKC", name or "").replace("’", "'").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", name).strip().lower()


def prf(tp: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def test_scoring_code_itself():
    text = "He said “one two three four five.” Then “six seven”."
    assert match(text, [(9, 33)], [(9, 34)]) == {0: 0}
    assert match(text, [(9, 33)], [(9, 20)]) == {}
    assert prf(1, 2, 1) == (0.5, 1.0, 2 / 3)


@pytest.fixture(scope="module")
def seed_results():
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["articles"]
    out = []
    for art in gold:
        text = (ROOT / "seeds" / art["file"]).read_text(encoding="utf-8")
        out.append((art, text, analyze_text(text, art["file"])))
    return out


def test_seed_quotes_and_speakers_meet_the_bar(seed_results):
    """The seed gold marks every quotation-marked span (and no reported clause), so the
    record is scored on its quoted words: direct and scare quotes, and the quoted words
    inside mixed statements."""
    tp = n_sys = n_gold = spk_n = spk_ok = kind_n = kind_ok = 0
    misses = []
    for art, text, rec in seed_results:
        for q in rec.quotes:
            assert text[q.start:q.end] == q.text and 0 <= q.start <= q.end <= len(text)
        optional = [(g["start"], g["end"]) for g in art["quotes"] if g.get("in_boilerplate")]
        gold = [g for g in art["quotes"] if not g.get("in_boilerplate")]
        system = [q for q in quoted_words(rec.quotes, text)
                  if not any(min(q.end, b) > max(q.start, a) for a, b in optional)]
        m = match(text, [(g["start"], g["end"]) for g in gold], [(q.start, q.end) for q in system])
        tp, n_sys, n_gold = tp + len(m), n_sys + len(system), n_gold + len(gold)
        speakers = art["speakers"]
        surnames = {}
        for people in art["entities"]["person"]:
            surnames.setdefault(people["name"].split()[-1].lower(), []).append(people["name"])
        for gi, g in enumerate(gold):
            if gi not in m:
                misses.append(g["text"])
                continue
            s = system[m[gi]]
            if not g.get("borderline"):
                kind_n += 1
                kind_ok += (g["attribution"] == "none") == (s.kind == "scare")
            if g["attribution"] == "none" or g.get("borderline") or g.get("speaker_named") is False:
                continue
            spk_n += 1
            names = {norm(g["speaker"])} | {norm(a) for a in speakers.get(g["speaker"], {}).get("aliases", [])}
            got = norm(s.speaker)
            ok = got in names or (bool(got) and len(surnames.get(got, [])) == 1 and
                                  norm(g["speaker"]).split()[-1] == got)
            spk_ok += int(ok)
    p, r, f1 = prf(tp, n_sys, n_gold)
    speaker = spk_ok / spk_n
    print(f"seeds: P {p:.3f} R {r:.3f} F1 {f1:.3f} speaker {speaker:.3f} ({spk_ok}/{spk_n}) "
          f"speech/scare {kind_ok}/{kind_n}")
    assert f1 >= SEED_F1, misses
    assert speaker >= SEED_SPEAKER
    assert kind_ok / kind_n >= 0.9


def test_seed_metadata(seed_results):
    for art, text, rec in seed_results:
        assert " ".join(rec.title.split()) == " ".join(art["title"].split()), art["file"]
        outlets = {norm(art["outlet"])} | {norm(a) for a in art.get("outlet_aliases") or []} - {""}
        # from the text alone an outlet is found only in a masthead/dateline (DND's), never
        # invented from "told DW"; the library gets the others from the seeds' catalog
        assert rec.outlet is None or norm(rec.outlet) in outlets, (art["file"], rec.outlet)
        assert rec.author == art["author"], art["file"]
        assert rec.published is None
        assert rec.kind in ([art["kind"]] + (art.get("kind_acceptable") or [])), art["file"]
        hidden = {text[a:b].strip() for a, b in rec.boilerplate}
        wanted = {line.strip() for line in art["boilerplate"]}
        assert wanted <= hidden, (art["file"], wanted - hidden)
        body = {q["text"] for q in art["quotes"] if not q.get("in_boilerplate")}
        assert not any(any(t in text[a:b] for t in body) for a, b in rec.boilerplate)


def test_seed_entities_are_clean_and_typed(seed_results):
    for art, text, rec in seed_results:
        gold = {t: {norm(e["name"]) for e in art["entities"][t]} |
                {norm(s) for e in art["entities"][t] for s in e.get("surface_forms", [])}
                for t in ("person", "organisation", "place")}
        everything = set().union(*gold.values())
        for ent in rec.entities:
            assert not re.search(r"[’']s$|^[’']|[“”‘]|\n", ent.name), ent.name
            if ent.type in ("person", "place"):
                assert not re.search(r"[’']s\b", ent.name), ent.name
            assert "leave a reply" not in ent.name.lower()
            for a, b in ent.mentions:
                assert 0 <= a < b <= len(text)
        people = {norm(e.name) for e in rec.entities if e.type == "person"}
        assert "imran khan" in people and "khan" not in people
        found = {norm(e.name) for e in rec.entities} & everything
        assert len(found) >= 0.5 * len({norm(e["name"]) for t in gold for e in art["entities"][t]}), art["file"]


def _brat_gold(folder: Path, stem: str, text: str) -> list[dict]:
    """The first annotator's direct contents with their named source, read by ``tools/polnear.py``."""
    anns = sorted((folder / "attributions").glob(f"{stem}_*.ann"))
    out = []
    for rel in relations(anns[0]):
        src = " ".join(text[a:b] for a, b in rel.source)
        named = bool(src) and src.strip().lower() not in PRONOUNS and any(c.isupper() for c in src)
        for a, b in rel.content:
            if text[a:b].strip()[:1] in MARKS or text[max(0, a - 1):a] in MARKS:
                out.append({"span": (a, b), "speaker": src if named else None})
    return out


def _same_speaker(system: str | None, gold: str) -> bool:
    s, g = norm(system), norm(gold)
    s, g = re.sub(r"'s$", "", s), re.sub(r"'s$", "", g)
    s, g = re.sub(r"[^\w' -]", "", s).split(), re.sub(r"[^\w' -]", "", g).split()
    return bool(s and g) and (s == g or s[-1] == g[-1] or s[-1] in g)


@pytest.mark.skipif(not (SHARED / "data" / "polnear" / "dev").is_dir(), reason="PolNeAR data is not here")
def test_polnear_dev_direct_quotes_meet_the_bar():
    folder = SHARED / "data" / "polnear" / "dev"
    texts = {p.stem: p.read_bytes().decode("utf-8", errors="replace") for p in sorted((folder / "text").glob("*.txt"))}
    stems = sorted({p.name.rsplit("_", 1)[0] for p in (folder / "attributions").glob("*.ann")} & set(texts))
    records = analyze_many([(s, texts[s], None) for s in stems], n_process=min(2, os.cpu_count() or 1))
    tp = n_sys = n_gold = spk_n = spk_ok = 0
    for stem, rec in zip(stems, records):
        text = texts[stem]
        gold = _brat_gold(folder, stem, text)
        system = [q for q in rec.quotes if q.kind == "direct"]
        m = match(text, [g["span"] for g in gold], [(q.start, q.end) for q in system])
        loose = match(text, [g["span"] for g in gold], [(q.start, q.end) for q in system], need=0.3)
        matched = set(m.values()) | set(loose.values())
        n_sys += sum(1 for i, q in enumerate(system) if q.speaker or i in matched)
        tp, n_gold = tp + len(m), n_gold + len(gold)
        for gi, g in enumerate(gold):
            if g["speaker"] and gi in loose:
                spk_n += 1
                spk_ok += _same_speaker(system[loose[gi]].speaker, g["speaker"])
    p, r, f1 = prf(tp, n_sys, n_gold)
    print(f"PolNeAR dev: P {p:.3f} R {r:.3f} F1 {f1:.3f} speaker {spk_ok / spk_n:.3f}")
    assert f1 >= DEV_F1
    assert spk_ok / spk_n >= DEV_SPEAKER
