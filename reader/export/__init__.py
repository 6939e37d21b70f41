"""Taking the evidence out: quotes, articles and entities as CSV, JSON Lines or REFI-QDA.

Qt-free, so the command line and the window export the same way:

- ``spec``: what can be exported (``What``) in which format (``Format``), and the
  versioned ``schema`` names the JSON Lines rows carry;
- ``selection``: which articles (and statements) an export covers, found through
  the one search path (``reader.search.query.find``) or picked in the window;
- ``rows``: one function per kind of row (the columns the README documents), built
  from stored articles, never from a second analysis;
- ``naming`` and ``outlet_facts``: the one place each for canonical names and for an
  outlet's lean, its rater and date, and its ownership;
- ``tabular`` (CSV, JSON Lines) and ``qdpx`` (a REFI-QDA project) write the rows;
- ``job``: runs an export with progress and cancellation into a temporary file that
  replaces the target only when complete (``reader.atomic.atomic_output``);
- ``citation``: the text "Copy with citation" puts on the clipboard.
"""
