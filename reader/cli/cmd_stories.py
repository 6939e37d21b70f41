"""``parallax stories``: the events a library reports, with their coverage and blindspots.

Groups the library on first use and keeps the table beside the index; later
runs only place articles added since. ``--regroup`` groups everything again.
The edits (``--move``, ``--merge``, ``--split``) are the user's corrections,
kept across re-analysis, rebuilds and regroups.
"""
from __future__ import annotations

import argparse
import sys

from reader.cli.common import add_index_option, error, index_problem
from reader.safe_text import for_terminal as t
from reader.safe_text import json_for_terminal

JSON_SCHEMA = "parallax.stories"
JSON_VERSION = 2  # 2: lean keys are the index's five-point tokens ("lean-left", "mixed")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_index_option(parser)
    parser.add_argument("--json", action="store_true", help="print one JSON object (documented in the README)")
    parser.add_argument("--regroup", action="store_true",
                        help="group the whole library again (your edits still hold)")
    parser.add_argument("--min-size", type=int, default=1, metavar="N",
                        help="only stories of at least N articles (default 1: all)")
    edits = parser.add_mutually_exclusive_group()
    edits.add_argument("--move", nargs=2, metavar=("PATH", "STORY"), help="move an article into a story")
    edits.add_argument("--merge", nargs=2, metavar=("STORY", "OTHER"), help="merge OTHER into STORY")
    edits.add_argument("--split", nargs="+", metavar=("STORY", "PATH"),
                       help="move the given articles out of STORY into a new story")


def _edit(args: argparse.Namespace, location) -> None:
    from pathlib import Path

    from reader.stories.library import merge_stories, move_article, split_story

    def article(path: str) -> str:
        return str(Path(path).expanduser().resolve())

    if args.move:
        move_article(location, article(args.move[0]), args.move[1])
    elif args.merge:
        merge_stories(location, args.merge[0], args.merge[1])
    elif args.split:
        if len(args.split) < 2:
            raise ValueError("--split needs a story and at least one of its articles")
        split_story(location, args.split[0], [article(p) for p in args.split[1:]])


def story_to_json(story) -> dict:
    return {"id": story.id, "label": story.label, "headline": story.headline, "size": story.size,
            "first_date": story.first_date or None, "last_date": story.last_date or None,
            "outlets": [{"name": o.name, "articles": o.articles, "lean": o.lean} for o in story.outlets],
            "coverage": {"lean": story.lean, "ownership": story.ownership, "rated": story.rated},
            "blindspot": story.blindspot, "corrected": story.corrected, "paths": story.paths}


def _coverage_text(story) -> str:
    short = {"left": "L", "lean-left": "LL", "center": "C", "lean-right": "LR", "right": "R",
             "mixed": "mixed", "unrated": "unrated", "unknown": "unknown"}
    return " ".join(f"{short[s]} {n}" for s, n in story.lean.items() if n)


def _print_text(stories, total_articles: int) -> None:
    shown = sum(s.size for s in stories)
    print(f"{len(stories)} stor{'y' if len(stories) == 1 else 'ies'} "
          f"({shown} of {total_articles} articles)")
    for story in stories:
        dates = story.first_date if story.first_date == story.last_date else \
            f"{story.first_date}…{story.last_date}"
        flags = []
        if story.blindspot:
            other = "right" if story.blindspot == "left" else "left"
            flags.append(f"blindspot: only the {story.blindspot} covered it (the {other}'s blindspot)")
        if story.corrected:
            flags.append("edited by you")
        print(f"\n{story.id}  {story.size} article{'s' if story.size != 1 else ''}"
              f"  {dates or 'undated'}  [{_coverage_text(story)}]  {t(story.label)}")
        print(f"   {t(story.headline)}")
        if flags:
            print("   " + "; ".join(flags))
        outlets = ", ".join(f"{o.name} ({o.lean})" + (f" ×{o.articles}" if o.articles > 1 else "")
                            for o in story.outlets)
        print(f"   outlets: {t(outlets)}")
        for path in story.paths:
            print(f"   - {t(path)}")


def run(args: argparse.Namespace) -> int:
    from reader.library import index_location, open_library
    from reader.search.store import IndexProblem
    from reader.stories.corrections import user_corrections
    from reader.stories.library import StoryError, open_stories
    from reader.stories.summary import summarize
    from reader.search.view import IndexView

    if args.min_size < 1:
        return error("--min-size must be at least 1")
    location = index_location(args.index)
    try:
        ix, built = open_library(location)
    except IndexProblem as exc:
        return index_problem(exc)
    if built is not None:
        print(f"parallax: built the index from the seed corpus ({t(built.summary())})", file=sys.stderr)
    view = IndexView(ix) if ix.doc_count() else None  # an empty index has no columns to view
    try:
        try:
            if args.move or args.merge or args.split:
                _edit(args, location)
            table = open_stories(location, view, regroup=args.regroup)
        except (StoryError, ValueError) as exc:
            return error(str(exc))
        corrections = user_corrections()
        if corrections.warning:
            print(f"warning: {t(corrections.warning)}", file=sys.stderr)
        summaries = summarize(table, view, pins=corrections.pins()) if view is not None else []
        stories = [s for s in summaries if s.size >= args.min_size]
    finally:
        if view is not None:
            view.close()
    if args.json:
        print(json_for_terminal({"schema": JSON_SCHEMA, "version": JSON_VERSION, "index": str(location),
                          "articles": len(table.paths), "stories_total": len(set(table.stories)),
                          "method": table.info.get("method"), "grouped_at": table.info.get("grouped_at"),
                          "stories": [story_to_json(s) for s in stories]}, indent=1))
        return 0
    _print_text(stories, len(table.paths))
    return 0
