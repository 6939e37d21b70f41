"""Stories: the events a library's articles report, grouped offline and kept with the index.

Qt-free. The entry points, for the CLI and the window alike:

- ``library.open_stories(location, view)`` -> ``table.StoryTable`` (``story_of(path)``,
  ``members(story)``, ``rows_by_story()``): grouped on first use, then kept up to date;
  ``library.regroup`` is the explicit full regroup; ``library.after_import`` after an import.
- ``summary.summarize(table, view)``: each story's label, dates, outlets, coverage, blindspot.
- ``library.move_article`` / ``merge_stories`` / ``split_story``: the user's corrections.
- ``search_filter``: ``story:ID`` in the one search path.

How articles are grouped, and why, is in ``method``.
"""
