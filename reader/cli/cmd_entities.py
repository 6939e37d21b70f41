"""``parallax entities``: the library's people, organisations and places, and corrections to them.

    parallax entities [--index DIR] [--json] [--type TYPE] [--limit N] [QUERY]
    parallax entities merge NAME NAME...        # these are one entity
    parallax entities split NAME [ALIAS...]     # split the aliases off (none: every spelling apart)
    parallax entities rename NAME NEW_NAME
    parallax entities retype NAME TYPE          # person, organisation or place
    parallax entities forget NAME               # drop your corrections of NAME

A NAME is an entity's name, one of its aliases or its id (``person:donald trump``).
Corrections go to the user's config (``entities.json``) and survive rebuilds.
"""
from __future__ import annotations

import argparse
import sys

from reader.cli.common import add_index_option, error, open_library_or_error
from reader.safe_text import for_terminal as t
from reader.safe_text import json_for_terminal

SCHEMA = "parallax.entities/1"
ACTIONS = ("merge", "split", "rename", "retype", "forget")
TYPES = ("person", "organisation", "place")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = __doc__.split("\n\n", 1)[1]
    add_index_option(parser)
    parser.add_argument("--json", action="store_true", help="print one JSON object (see the README)")
    parser.add_argument("--type", choices=TYPES, help="only people, organisations or places")
    parser.add_argument("--limit", type=int, default=50, metavar="N",
                        help="at most N entities in the table (default 50; 0: all)")
    parser.add_argument("words", nargs="*", metavar="QUERY | ACTION ARG",
                        help="part of a name or alias to list, or one of: " + ", ".join(ACTIONS))


def run(args: argparse.Namespace) -> int:
    from reader.search.view import IndexView

    if args.limit < 0:
        return error("--limit must be 0 or more")
    ix = open_library_or_error(args.index)
    if isinstance(ix, int):
        return ix
    view = IndexView(ix)
    if args.words and args.words[0] in ACTIONS:
        return _correct(view, args.words[0], args.words[1:])
    return _list(view, " ".join(args.words), args)


def matches(query: str, name: str, aliases) -> bool:
    """Whether a name or alias has a word starting with ``query`` (folded): "us" finds U.S."""
    from reader.names.normalise import fold

    needle = fold(query)
    if not needle:
        return True
    for form in (name, *aliases):
        folded = fold(form)
        if folded.startswith(needle) or any(w.startswith(needle) for w in folded.split()):
            return True
    return False


def _list(view, query: str, args: argparse.Namespace) -> int:
    from reader.search.articles import entity_counts

    table = view.names().table
    rows = [e for e in entity_counts(view) if (not args.type or e.type == args.type)
            and matches(query, e.name, e.aliases)]
    shown = rows if args.limit == 0 else rows[:args.limit]
    if args.json:
        out = []
        for e in shown:
            ent = table.entity(e.key)
            out.append({"id": e.key, "name": e.name, "type": e.type, "articles": e.count,
                        "aliases": list(e.aliases), "keys": list(ent.keys) if ent else [e.key],
                        "merged_by": list(ent.merged_by) if ent else [],
                        "speaker": bool(ent.speaker) if ent else False})
        print(json_for_terminal({"schema": SCHEMA, "query": query, "type": args.type, "total": len(rows),
                                 "entities": out}, indent=1))
        return 0
    if not rows:
        print(f"no entity matches “{t(query)}”" if query else "the library has no entities yet", file=sys.stderr)
        return 1
    table_rows = [("ENTITY", "TYPE", "ARTICLES", "ALSO WRITTEN")]
    for e in shown:
        others = [a for a in e.aliases if a != e.name]
        table_rows.append((t(e.name), e.type, str(e.count), t(", ".join(others[:6]) + (" …" if len(others) > 6 else ""))))
    widths = [min(max(len(r[i]) for r in table_rows), cap) for i, cap in enumerate((36, 12, 8, 70))]
    for r in table_rows:
        cells = [c if len(c) <= w else c[:w - 1] + "…" for c, w in zip(r, widths)]
        print("  ".join(c.rjust(w) if i == 2 else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths))).rstrip())
    more = f" (showing {len(shown)}; --limit 0 for all)" if len(shown) < len(rows) else ""
    print(f"\n{len(rows)} entities{more}.")
    return 0


def _correct(view, action: str, params: list[str]) -> int:
    from reader.names import edit
    from reader.names.corrections import default_corrections
    from reader.names.edit import Correction, CorrectionKind

    names = view.names()
    need = {"merge": 2, "split": 1, "rename": 2, "retype": 2, "forget": 1}[action]
    if len(params) < need:
        return error(f"`parallax entities {action}` needs {'two names' if action == 'merge' else 'a name'}"
                     + (" and a new name" if action == "rename" else "")
                     + (" and a type (person, organisation or place)" if action == "retype" else ""))
    try:
        if action == "merge":
            correction = Correction(CorrectionKind.MERGE, tuple(edit.choose_entity(names, p) for p in params))
        else:
            entity = edit.choose_entity(names, params[0])
            if action == "split" and len(params) > 1:
                keys = tuple(k for alias in params[1:] for k in edit.keys_written(names, entity, alias))
                if not keys:
                    return error(f"“{entity.name}” is not written {', '.join(repr(a) for a in params[1:])}; "
                                 f"`parallax entities {params[0]!r}` shows how it is written")
                correction = Correction(CorrectionKind.SPLIT, (entity,), keys)
            elif action == "split":
                correction = Correction(CorrectionKind.SPLIT_APART, (entity,))
            elif action == "retype" and params[1] not in TYPES:
                return error(f"the type must be one of {', '.join(TYPES)}")
            else:
                kind = {"rename": CorrectionKind.RENAME, "retype": CorrectionKind.RETYPE,
                        "forget": CorrectionKind.FORGET}[action]
                correction = Correction(kind, (entity,), value=" ".join(params[1:]))
        done = correction.apply()
    except (edit.NotFound, ValueError) as exc:
        return error(str(exc))
    except OSError as exc:
        return error(f"could not save the correction to {default_corrections().path}: {exc}")
    view.forget_names()
    view.names()  # resolved now, so the next reader finds the table current
    print(t(f"{done} (saved in {default_corrections().path})"))
    return 0
