"""``parallax analyze [--json] FILE...``: quotes, speakers, entities and metadata."""
from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

HELP = "find quotes, speakers, entities and metadata in text files"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the analyze command."""
    parser.add_argument("files", nargs="+", metavar="FILE", help="article text files")
    parser.add_argument("--json", action="store_true", help="print one JSON object per file per line")
    parser.add_argument("-j", "--jobs", type=int, default=2, help="processes to use (default 2)")


def _summary(rec, out: TextIO) -> None:
    out.write(f"== {rec.file}\n")
    for w in rec.warnings:
        out.write(f"  warning: {w}\n")
    out.write(f"  title:  {rec.title or '-'}\n  outlet: {rec.outlet or '-'}\n"
              f"  author: {rec.author or '-'}\n  kind:   {rec.kind}\n")
    if rec.published:
        out.write(f"  published: {rec.published}\n")
    spoken = [q for q in rec.quotes if q.kind != "scare"]
    scare = [q for q in rec.quotes if q.kind == "scare"]
    partial = sum(q.kind == "partial" for q in spoken)
    out.write(f"  quotes ({len(spoken) - partial} direct, {partial} partial, {len(scare)} scare):\n")
    for q in spoken:
        out.write(f"    {q.speaker or '(unknown)'}: “{q.text}”{' (partial)' if q.kind == 'partial' else ''}\n")
    for q in scare:
        out.write(f"    (term) “{q.text}”\n")
    for etype in ("person", "organisation", "place"):
        names = [e.name for e in rec.entities if e.type == etype]
        if names:
            out.write(f"  {etype}s: {', '.join(names)}\n")


def run(args: argparse.Namespace) -> int:
    """Analyse the files; exit 0, or 2 when no file could be read."""
    from reader.analysis.nlp import ModelMissingError
    from reader.analysis.pipeline import analyze_paths

    readable = 0
    try:
        for rec in analyze_paths(args.files, n_process=max(1, args.jobs)):
            unreadable = not rec.title and not rec.quotes and not rec.entities and rec.warnings
            readable += not unreadable
            if args.json:
                sys.stdout.write(json.dumps(rec.to_json(), ensure_ascii=False) + "\n")
            else:
                _summary(rec, sys.stdout)
            for w in rec.warnings:
                print(f"warning: {w}", file=sys.stderr)
    except ModelMissingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0 if readable else 2
