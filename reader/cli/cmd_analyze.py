"""``parallax analyze [--json] [--kinds K,...] FILE...``: statements, speakers, entities and metadata."""
from __future__ import annotations

import argparse
import sys
from typing import TextIO

from reader.analysis.record import QUOTE_KINDS
from reader.safe_text import for_terminal as t
from reader.safe_text import json_for_terminal

HELP = "find statements (quoted and reported speech), speakers, entities and metadata in text files"
SCHEMA = "parallax.analyze/2"  # the shape of one --json line; README "parallax analyze --json"


def kinds_arg(value: str) -> frozenset[str]:
    """``direct,indirect`` -> the set of kinds, or a clear argparse error."""
    kinds = frozenset(k.strip().lower() for k in value.split(",") if k.strip())
    unknown = sorted(kinds - set(QUOTE_KINDS))
    if not kinds or unknown:
        raise argparse.ArgumentTypeError(
            f"unknown kind {', '.join(unknown) or '(none given)'}; choose from {', '.join(QUOTE_KINDS)}")
    return kinds


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the analyze command."""
    parser.add_argument("files", nargs="+", metavar="FILE", help="article text files")
    parser.add_argument("--json", action="store_true", help="print one JSON object per file per line")
    parser.add_argument("--kinds", type=kinds_arg, default=frozenset(QUOTE_KINDS), metavar="K,...",
                        help=f"statement kinds to show, comma-separated: {', '.join(QUOTE_KINDS)} (default: all)")
    parser.add_argument("-j", "--jobs", type=int, default=2, help="processes to use (default 2)")
    parser.add_argument("--out", metavar="FILE",
                        help="write a records file (one JSON line per article, with its text) that "
                             "'parallax add --records' imports; FILEs may be folders; - for stdout")
    parser.add_argument("--dask", metavar="SCHEDULER",
                        help="analyse on a Dask cluster: a scheduler address (tcp://host:8786), or "
                             "local:N to start N local workers; needs --out and "
                             'pip install "parallax-reader[cluster]"')


def _summary(rec, out: TextIO) -> None:
    out.write(f"== {t(rec.file)}\n")
    for w in rec.warnings:
        out.write(f"  warning: {t(w)}\n")
    out.write(f"  title:  {t(rec.title or '-')}\n  outlet: {t(rec.outlet or '-')}\n"
              f"  author: {t(rec.author or '-')}\n  kind:   {t(rec.kind)}\n")
    if rec.published:
        out.write(f"  published: {t(rec.published)}\n")
    counts = ", ".join(f"{sum(q.kind == k for q in rec.quotes)} {k}" for k in QUOTE_KINDS)
    out.write(f"  statements ({counts}):\n")
    for q in rec.quotes:
        if q.kind == "scare":
            out.write(f"    (term) “{t(q.text)}”\n")
        else:
            mark = "“{}”".format(t(q.text)) if q.kind == "direct" else f"[{q.kind}] {t(q.text)}"
            out.write(f"    {t(q.speaker or '(unknown)')}: {mark}\n")
    for etype in ("person", "organisation", "place"):
        names = [e.name for e in rec.entities if e.type == etype]
        if names:
            out.write(f"  {etype}s: {t(', '.join(names))}\n")


def run(args: argparse.Namespace) -> int:
    """Analyse the files; exit 0, or 2 when no file could be read."""
    if args.out or args.dask:
        if not args.out:
            from reader.cli.common import error

            return error("--dask writes a records file: give --out FILE (or --out - for stdout)")
        from reader.cli.analyze_records import run as run_records

        return run_records(args)
    from reader.analysis.nlp import ModelMissingError
    from reader.analysis.pipeline import analyze_paths

    readable = 0
    try:
        for rec in analyze_paths(args.files, n_process=max(1, args.jobs)):
            unreadable = not rec.title and not rec.quotes and not rec.entities and rec.warnings
            readable += not unreadable
            rec.quotes = [q for q in rec.quotes if q.kind in args.kinds]
            if args.json:
                sys.stdout.write(json_for_terminal({"schema": SCHEMA, **rec.to_json()}) + "\n")
            else:
                _summary(rec, sys.stdout)
            for w in rec.warnings:
                print(f"warning: {t(w)}", file=sys.stderr)
    except ModelMissingError as exc:
        print(f"error: {t(exc)}", file=sys.stderr)
        return 2
    return 0 if readable else 2
