"""Stories: the events a library's articles report, grouped offline and kept with the index.

Qt-free. ``table`` holds the library-wide stories table and its public
functions (load, regroup, attach after an import, the user's corrections);
``summary`` says what each story is (label, dates, outlets, coverage,
blindspot); ``search_filter`` turns ``story:ID`` into a filter for the one
search path. How articles are grouped, and why, is in ``method``.
"""
