"""The stories of a library: the table brought up to date with the index, and the user's edits.

The one place that reads the index for grouping and writes the table. Open
the stories with ``open_stories``; after an import call ``after_update`` (cheap
when the library has no stories table yet: it is grouped on first use); edit
them with ``move_article``, ``merge_stories`` and ``split_story``.
"""
from __future__ import annotations

import logging
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from reader.stories.corrections import StoryCorrections, user_corrections
from reader.stories.features import read_articles
from reader.stories.grouping import attach, group_all
from reader.stories.method import METHOD_VERSION
from reader.stories.table import StoryTable, read_table, save_table, table_path, unused_id

if TYPE_CHECKING:
    from reader.search.indexer import UpdateReport
    from reader.search.view import IndexView

log = logging.getLogger(__name__)

REGROUP_SHARE = 0.5  # attaching more new articles than this share of the table regroups instead


class StoryError(ValueError):
    """A story edit that cannot be done, with a sentence for the user."""


def index_state(location: Path) -> list | None:
    """The index's latest commit as a stamp (Whoosh's table of contents), without opening it."""
    from reader.search.layout import latest_generation, toc_stamp

    generation = latest_generation(location)
    return None if generation is None else toc_stamp(location, generation)


@contextmanager
def _viewing(location: Path, view: IndexView | None) -> Iterator[IndexView | None]:
    """The given view, or one opened (and closed) here; None for an index with no articles
    (Whoosh has no columns to read in an empty index)."""
    if view is not None:
        yield view
        return
    from reader.search.store import open_index
    from reader.search.view import IndexView

    ix = open_index(location)
    if ix.doc_count() == 0:
        yield None
        return
    opened = IndexView(ix)
    try:
        yield opened
    finally:
        opened.close()


def _paths_and_docnums(view: IndexView) -> dict[str, int]:
    return {view.path(n): n for n in view.all_docnums()}


def _regroup(view: IndexView | None, corrections: StoryCorrections) -> StoryTable:
    articles = read_articles(view, view.all_docnums()) if view is not None else []
    return group_all(articles, corrections.pins())


def _bring_up_to_date(table: StoryTable, view: IndexView, corrections: StoryCorrections,
                      reread: Iterable[str] = ()) -> tuple[StoryTable, bool]:
    """The table less articles gone from the index, plus the index's new ones attached.

    ``reread`` are articles whose text changed: they are placed again.
    """
    docnums = _paths_and_docnums(view) if view is not None else {}
    reread = {p for p in reread if table.row_of(p) is not None}
    gone = {p for p in table.paths if p not in docnums} | reread
    table = table.without(gone)
    new = [p for p in docnums if table.row_of(p) is None]
    if len(new) > max(50, REGROUP_SHARE * len(table.paths)):
        return _regroup(view, corrections), True
    if new:
        attach(table, read_articles(view, (docnums[p] for p in new)), corrections.pins())
    return table, bool(gone or new)


def _save(location: Path, table: StoryTable) -> None:
    table.info["index_state"] = index_state(location)
    try:
        save_table(location, table)
    except OSError as exc:  # a read-only library still lists its stories
        log.warning("could not save the stories table %s: %s", table_path(location), exc)


def open_stories(location: Path, view: IndexView | None = None, *, regroup: bool = False,
                 corrections: StoryCorrections | None = None) -> StoryTable:
    """The library's stories, up to date with the index (grouped on first use; ``regroup``
    groups everything again). Saves the table when it changed."""
    location = Path(location)
    corrections = corrections or user_corrections()
    table = None if regroup else read_table(location)
    if table is not None and table.info.get("method_version") != METHOD_VERSION:
        table = None  # grouped by an older method: group again
    if table is not None and table.info.get("index_state") == index_state(location):
        return table
    with _viewing(location, view) as v:
        if table is None:
            table, changed = _regroup(v, corrections), True
        else:
            table, changed = _bring_up_to_date(table, v, corrections)
    if changed or table.info.get("index_state") != index_state(location):
        _save(location, table)
    return table


def regroup(location: Path, view: IndexView | None = None) -> StoryTable:
    """Group the whole library again (the explicit action; the user's edits still hold)."""
    return open_stories(location, view, regroup=True)


def after_update(location: Path, report: UpdateReport | None = None,
                 view: IndexView | None = None) -> StoryTable | None:
    """Keep an existing stories table up to date after an import: new articles are attached,
    changed ones placed again, removed ones dropped. No table yet: nothing to do (None)."""
    location = Path(location)
    table = read_table(location)
    if table is None or table.info.get("method_version") != METHOD_VERSION:
        return None
    corrections = user_corrections()
    reread = [str(p) for p in (report.updated if report is not None else ())]
    with _viewing(location, view) as v:
        table, _changed = _bring_up_to_date(table, v, corrections, reread)
    _save(location, table)
    return table


def after_import(location: Path, report: UpdateReport | None) -> str | None:
    """``after_update`` for the import paths (CLI and the window's import job): the import
    itself is done, so a problem with the stories is reported (returned), never raised."""
    if report is None or report.cancelled or not report.processed:
        return None
    from reader.search.problems import IndexProblem

    try:
        after_update(location, report)
    except (OSError, ValueError, IndexProblem) as exc:
        log.warning("the stories of %s were not updated: %s", location, exc)
        return f"the stories were not updated ({exc}); `parallax stories` will catch up"
    return None


# --- the user's edits -------------------------------------------------------------------------

def _story_members(table: StoryTable, story: str) -> list[str]:
    members = table.members(story)
    if not members:
        raise StoryError(f"There is no story {story!r} in this library.")
    return members


def _edit(location: Path, view: IndexView | None, change) -> StoryTable:
    corrections = user_corrections()
    table = open_stories(location, view, corrections=corrections)
    change(table, corrections)
    corrections.save()
    table.changed()
    _save(location, table)
    return table


def move_article(location: Path, path: str, story: str, view: IndexView | None = None) -> StoryTable:
    """Put one article into another story, and keep it there."""
    def change(table: StoryTable, corrections: StoryCorrections) -> None:
        source = table.story_of(path)
        if source is None:
            raise StoryError(f"{path} is not in this library.")
        target = _story_members(table, story)
        if source == story:
            return
        rest = [p for p in table.members(source) if p != path]
        corrections.forget([path])
        if rest:
            corrections.together(rest)
        corrections.together([*target, path])
        table.stories[table.row_of(path)] = story

    return _edit(location, view, change)


def merge_stories(location: Path, keep: str, other: str, view: IndexView | None = None) -> StoryTable:
    """Make two stories one (it keeps the id ``keep``)."""
    def change(table: StoryTable, corrections: StoryCorrections) -> None:
        kept, merged = _story_members(table, keep), _story_members(table, other)
        if keep == other:
            return
        corrections.together([*kept, *merged])
        for path in merged:
            table.stories[table.row_of(path)] = keep

    return _edit(location, view, change)


def split_story(location: Path, story: str, paths: Iterable[str],
                view: IndexView | None = None) -> StoryTable:
    """Take some articles out of a story into a new story of their own."""
    paths = list(dict.fromkeys(str(p) for p in paths))

    def change(table: StoryTable, corrections: StoryCorrections) -> None:
        members = _story_members(table, story)
        strangers = [p for p in paths if p not in members]
        if strangers:
            raise StoryError(f"{strangers[0]} is not in story {story}.")
        rest = [p for p in members if p not in paths]
        if not paths or not rest:
            raise StoryError("A split needs some of the story's articles, not none or all of them.")
        corrections.forget(paths)
        corrections.together(rest)
        corrections.together(paths)
        new_id = unused_id(min(paths, key=lambda p: _order(table, p)), set(table.stories))
        for path in paths:
            table.stories[table.row_of(path)] = new_id

    return _edit(location, view, change)


def _order(table: StoryTable, path: str) -> tuple:
    day = int(table.days[table.row_of(path)])
    return (day == 0, day, path)
