#!/usr/bin/env python3
"""Build ``resources/outlets.toml`` from the AllSides snapshots and the hand-written seeds.

Run from the project root::

    python tools/build_outlets.py [--shared ../shared] [--out resources/outlets.toml]

It reads ``../shared/data/allsides-ratings/`` (three snapshots, see
``../shared/data/PROVENANCE.md`` section 6) and ``tools/outlets_manual.toml`` at
build time only; the app reads just the generated TOML. Every snapshot that rates
an outlet becomes its own rating entry with its date; the newest is marked current.
Output is deterministic (sorted), so a rebuild without input changes is a no-op diff.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
SCALE = "AllSides Media Bias Rating (Left, Lean Left, Center, Lean Right, Right; Mixed)"
SOURCE = "AllSides"
# 2019 CSV rating words and 2020 taxonomy IDs -> the registry's lean vocabulary
CSV2019 = {"left": "left", "left-center": "lean left", "center": "center",
           "right-center": "lean right", "right": "right", "allsides": "mixed"}
TAXONOMY = {"71": "left", "72": "lean left", "73": "center", "74": "lean right",
            "75": "right", "2707": "mixed", "2690": None}
CSV2021 = {"Left": "left", "Lean Left": "lean left", "Center": "center", "Lean Right": "lean right",
           "Right": "right", "Mixed": "mixed", "Not Rated": None}
SNAPSHOTS = {
    "2019": ("2019-10-18", "favstats/AllSideR@48ccaf4 data/allsides_data.csv"),
    "2020": ("2020-10", "abhaybd/angles@66f58e8 allsides_data.json (AllSides JSON export)"),
    "2021": ("2021-02-20", "mikeizbicki/allsides@a695735 (scrape of allsides.com)"),
}
# hosts that are redirectors or aggregators, never an outlet's own domain
BAD_HOSTS = {"mondotimes.com", "facebook.com", "twitter.com", "youtube.com", "medium.com",
             "wordpress.com", "blogspot.com", "substack.com", "google.com",
             "wikipedia.org", "en.wikipedia.org"}


@dataclass
class Entry:
    id: str
    names: list[str] = field(default_factory=list)
    type: str = ""
    urls: list[str] = field(default_factory=list)  # outlet homepages as given by AllSides
    allsides_url: str = ""
    ratings: list[dict] = field(default_factory=list)
    listed_unrated: list[str] = field(default_factory=list)  # snapshot dates saying "not rated"

    def add_name(self, name: str) -> None:
        name = " ".join(name.split())
        if name and name not in self.names:
            self.names.append(name)


def name_key(name: str) -> str:
    """Loose key for joining snapshots by name (same idea as reader.outlets)."""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    s = s.replace("&", " and ")
    s = re.sub(r"[^a-z0-9]+", "", re.sub(r"^\s*the\s+", "", s))
    return s


def host_of(url: str) -> str:
    url = url.strip()
    if not url:
        return ""
    if "://" not in url:
        url = "http://" + url
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    return re.sub(r"^(www\d*|m)\.", "", host)


def slug_of(allsides_url: str) -> str:
    return allsides_url.rstrip("/").rsplit("/", 1)[-1]


def _rating(value: str, snap: str, url: str, note: str) -> dict:
    date, origin = SNAPSHOTS[snap]
    return {"source": SOURCE, "scale": SCALE, "value": value, "date": date, "url": url,
            "note": f"{note}; via {origin}".lstrip("; ")}


def load_allsides(shared: Path) -> dict[str, Entry]:
    """Join the three snapshots on the AllSides page slug (2019, 2020) or name/domain (2021)."""
    d = shared / "data" / "allsides-ratings"
    entries: dict[str, Entry] = {}
    with open(d / "allsider_allsides_data_2019-10-18.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            e = entries.setdefault(slug_of(row["url"]), Entry(slug_of(row["url"])))
            e.add_name(row["news_source"])
            e.type = row["type"]
            e.allsides_url = row["url"]
            bits = [f"name in snapshot: {row['news_source']}"]
            if row["confidence_level"] not in ("", "NA"):
                bits.append(f"confidence: {row['confidence_level']}")
            bits.append(f"community agree/disagree {row['agree']}/{row['disagree']}")
            e.ratings.append(_rating(CSV2019[row["rating"]], "2019", row["url"], "; ".join(bits)))
    for row in json.loads((d / "allsides_data_export_2020-10.json").read_text(encoding="utf-8")):
        slug = slug_of(row["allsides_url"])
        e = entries.setdefault(slug, Entry(slug))
        e.add_name(row["news_source"])
        e.allsides_url = e.allsides_url or row["allsides_url"]
        if row["url"]:
            e.urls.append(row["url"])
        value = TAXONOMY[row["bias_rating"]]
        if value is None:
            e.listed_unrated.append(SNAPSHOTS["2020"][0])
        elif not any(r["date"] == SNAPSHOTS["2020"][0] for r in e.ratings):
            e.ratings.append(_rating(value, "2020", row["allsides_url"],
                                     f"name in snapshot: {row['news_source'].strip()}"))
    merge_same_names(entries)
    by_name = {name_key(n): e for e in entries.values() for n in e.names}
    by_host: dict[str, Entry] = {}
    for e in entries.values():
        for u in e.urls:
            by_host.setdefault(host_of(u), e)
    with open(d / "izbicki_allsides_2021-02-20.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            e = by_name.get(name_key(row["name"])) or (by_host.get(host_of(row["url"])) if row["url"] else None)
            if e is None:
                slug = re.sub(r"[^a-z0-9]+", "-", row["name"].lower()).strip("-")
                e = entries.setdefault(slug, Entry(slug))
            e.add_name(row["name"])
            e.type = e.type or row["type"]
            if row["url"]:
                e.urls.append(row["url"])
            value = CSV2021[row["bias"]]
            if value is None:
                e.listed_unrated.append(SNAPSHOTS["2021"][0])
            else:
                e.ratings.append(_rating(value, "2021", e.allsides_url,
                                         f"name in snapshot: {row['name']}"))
    return entries


def merge_same_names(entries: dict[str, Entry]) -> None:
    """AllSides sometimes moved a source to a new page slug; join entries with one name.

    The entry still listed in the 2020 export keeps its id; the other's ratings keep
    their own AllSides page URL, so provenance is not lost.
    """
    groups: dict[str, list[Entry]] = {}
    for e in entries.values():
        groups.setdefault(name_key(e.names[-1]), []).append(e)
    for group in groups.values():
        if len(group) < 2:
            continue
        group.sort(key=lambda e: (not e.urls, not e.ratings, e.id))
        keep = group[0]
        for other in group[1:]:
            for n in other.names:
                keep.add_name(n)
            keep.urls.extend(other.urls)
            keep.type = keep.type or other.type
            have = {r["date"] for r in keep.ratings}
            keep.ratings.extend(r for r in other.ratings if r["date"] not in have)
            keep.listed_unrated.extend(other.listed_unrated)
            del entries[other.id]


def assign_domains(entries: dict[str, Entry]) -> dict[str, list[str]]:
    """Give each homepage host to one outlet: a homepage beats a section page, news beats others."""
    claims: dict[str, list[tuple[tuple, str]]] = {}
    for e in entries.values():
        for u in e.urls:
            host = host_of(u)
            if not host or "." not in host or any(host == b or host.endswith("." + b) for b in BAD_HOSTS):
                continue
            path = urlsplit(u if "://" in u else "http://" + u).path.strip("/")
            root = path in ("", "index.html", "index.htm", "index.php", "us", "news")
            if not root and (e.type == "Author" or path.count("/") > 0):
                continue  # a columnist's or topic page on someone else's site is not a homepage
            label = name_key(host.rsplit(".", 2)[-2] if host.count(".") >= 1 else host)
            named = any(label and (label in name_key(n) or name_key(n) in label) for n in e.names)
            opinion = any(re.search(r"opinion|editorial", n, re.I) for n in e.names)
            prio = (not root, opinion, not named, e.type not in ("News Media", ""), not e.ratings, e.id)
            claims.setdefault(host, []).append((prio, e.id))
    out: dict[str, list[str]] = {}
    for host, cl in claims.items():
        winner = min(cl)[1]
        out.setdefault(winner, [])
        if host not in out[winner]:
            out[winner].append(host)
    return out


def toml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def toml_list(xs: list[str]) -> str:
    return "[" + ", ".join(toml_str(x) for x in xs) + "]"


def merge_manual(outlets: dict[str, dict], manual: list[dict]) -> None:
    """Hand-written facts win; a manual entry merges into an AllSides one via ``match``."""
    by_name = {name_key(n): o for o in outlets.values() for n in [o["name"], *o["aliases"]]}
    owner: dict[str, str] = {}  # domain -> outlet id that the manual file gives it to
    for m in manual:
        target = outlets.get(m.get("match", "")) or by_name.get(name_key(m.get("match", m.get("name", ""))))
        if target is None and "match" in m:
            raise SystemExit(f"outlets_manual.toml: no outlet matches {m['match']!r}")
        if target is None:
            target = {"id": m.get("id") or re.sub(r"[^a-z0-9]+", "-", m["name"].lower()).strip("-"),
                      "name": m["name"], "type": "News Media", "aliases": [], "domains": [],
                      "country": "", "ownership": "", "ownership_note": "", "unrated_reason": "",
                      "ratings": []}
            outlets[target["id"]] = target
        if m.get("name") and m["name"] != target["name"]:
            target["aliases"].insert(0, target["name"])
            target["name"] = m["name"]
        for key in ("aliases", "domains"):
            for x in m.get(key, []):
                if x not in target[key] and x != target["name"]:
                    target[key].append(x)
        owner.update({d: target["id"] for d in m.get("domains", [])})
        for key in ("type", "country", "ownership", "ownership_note", "unrated_reason"):
            if m.get(key):
                target[key] = m[key]
    # a domain belongs to one outlet only: a manual claim removes the AllSides one
    for o in outlets.values():
        o["domains"] = sorted(d for d in o["domains"] if owner.get(d, o["id"]) == o["id"])


def build(shared: Path, manual_path: Path) -> dict[str, dict]:
    entries = load_allsides(shared)
    domains = assign_domains(entries)
    outlets: dict[str, dict] = {}
    for e in entries.values():
        ratings = sorted(e.ratings, key=lambda r: r["date"])
        if ratings:
            ratings[-1]["current"] = True
        reason = ""
        if not ratings:
            reason = ("AllSides lists this source but has not rated it (snapshot "
                      + ", ".join(sorted(set(e.listed_unrated))) + ")")
        outlets[e.id] = {"id": e.id, "name": e.names[-1].strip(), "type": e.type,
                         "aliases": [n for n in e.names if n != e.names[-1]],
                         "domains": sorted(domains.get(e.id, [])), "country": "", "ownership": "",
                         "ownership_note": "", "unrated_reason": reason, "ratings": ratings}
    manual = tomllib.loads(manual_path.read_text(encoding="utf-8")).get("outlet", [])
    merge_manual(outlets, manual)
    return outlets


HEADER = """\
# Parallax outlet registry: names, domains, ownership and bias ratings with provenance.
# GENERATED by tools/build_outlets.py from ../shared/data/allsides-ratings/ and
# tools/outlets_manual.toml. Do not edit by hand: edit the manual file and rebuild.
#
# Ratings: AllSides Media Bias Ratings™ by AllSides.com, CC BY-NC 4.0, i.e. licensed under
# Creative Commons Attribution-NonCommercial 4.0 International (CC BY-NC 4.0),
# https://creativecommons.org/licenses/by-nc/4.0/ - research / non-commercial use with attribution.
# Changes made: three snapshots (2019-10-18, 2020-10, 2021-02-20) joined per outlet;
# rating words and taxonomy IDs mapped to lower-case lean values; homepage URLs
# reduced to domains; hand-written aliases, country and ownership facts added.
# Ratings are old snapshots and drift: always show the date. See outlets.LICENSE.md.
# No Media Bias/Fact Check or Ad Fontes Media data is included.
"""


def render(outlets: dict[str, dict]) -> str:
    lines = [HEADER, "[meta]", 'format = 1',
             f"outlets = {len(outlets)}",
             f"rated = {sum(1 for o in outlets.values() if o['ratings'])}",
             'attribution = "AllSides Media Bias Ratings™ by AllSides.com, CC BY-NC 4.0"',
             'licence_url = "https://creativecommons.org/licenses/by-nc/4.0/"', ""]
    for o in sorted(outlets.values(), key=lambda o: (name_key(o["name"]), o["id"])):
        lines.append("[[outlet]]")
        for key in ("id", "name"):
            lines.append(f"{key} = {toml_str(o[key])}")
        # the 2020 export has no type column: say so instead of guessing
        lines.append(f"type = {toml_str(o['type'] or 'unknown')}")
        lines.append(f"aliases = {toml_list(o['aliases'])}")
        lines.append(f"domains = {toml_list(o['domains'])}")
        for key in ("country", "ownership", "ownership_note", "unrated_reason"):
            if o[key]:
                lines.append(f"{key} = {toml_str(o[key])}")
        for r in o["ratings"]:
            lines.append("[[outlet.rating]]")
            for key in ("source", "scale", "value", "date", "url", "note"):
                lines.append(f"{key} = {toml_str(r[key])}")
            if r.get("current"):
                lines.append("current = true")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--manual", type=Path, default=ROOT / "tools" / "outlets_manual.toml")
    ap.add_argument("--out", type=Path, default=ROOT / "resources" / "outlets.toml")
    args = ap.parse_args(argv)
    outlets = build(args.shared, args.manual)
    text = render(outlets)
    tomllib.loads(text)  # refuse to write something the app cannot read
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    rated = sum(1 for o in outlets.values() if o["ratings"])
    print(f"wrote {args.out}: {len(outlets)} outlets, {rated} rated", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
