"""The library-wide name table: one canonical entity per person, organisation and place.

Analysis names things within one article ("Trump" is "Donald Trump" when the
article says so). This package joins those per-article names across the
library, at index time and incrementally:

- ``contribution``: what one stored article adds to the table (its entity and
  speaker keys, forms, outlet), a pure function of its record;
- ``stats``: the table's counts per per-article key, updated by adding and
  removing contributions (adding one article never re-reads the library);
- ``resolve``: the merge rules, a pure function from those counts (plus the
  curated aliases of ``aliases`` and the user's ``corrections``) to a
  ``table.NameTable``;
- ``store``: the counts and the resolved table beside the Whoosh index;
- ``speakers``: index-time naming of a record's speakers (a handout is its issuer);
- ``query``: entity and speaker filters expanded to the per-article keys an
  entity unites, and bias values in any spelling.

The index keeps per-article keys; a canonical entity is an OR over them, so a
new article or a user's merge changes the table, never the index. Plain
Python: never imports Qt.
"""
