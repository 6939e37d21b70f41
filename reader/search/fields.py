"""Index field names (the Whoosh schema that uses them is in ``schema.py``).

Field names are constants so the indexer, the query layer and the UI agree
by import, not by string. ``FORMAT_VERSION`` changes whenever the schema or
the stored record changes shape; an index of another version is rebuilt.
"""
from __future__ import annotations

FORMAT_VERSION = 5  # 4: the name table's per-article column, five-point bias; 5: reported speech (indirect, mixed)

PATH = "path"  # unique key: the absolute path of the source file
SHA = "sha"  # sha256 of the file's bytes: skip unchanged files, spot duplicates
TITLE = "title"
OUTLET = "outlet"  # the resolved outlet's name and aliases, for outlet:dw
OUTLET_NAME = "outlet_name"  # the resolved outlet's display name
AUTHOR = "author"
PUBLISHED = "published"  # ISO date, "" when the article states none
KIND = "kind"  # news / analysis / opinion
URL = "url"
FORMAT = "format"  # text / markdown / html: how the file was read
BODY = "body"  # the text analysis saw; offsets in RECORD refer to it
SPEAKER = "speaker"  # canonical speaker names, searchable word by word
ENTITY = "entity"  # canonical entity names and aliases, searchable word by word
ENTITY_KEY = "entity_key"  # exact "type:name" keys: the entity filter
ENTITY_LIST = "entity_list"  # "type:Display Name" lines, for the entities panel (a column)
BIAS = "bias"  # the lean on its own scale: left, lean-left, center, lean-right, right, mixed, unrated, unknown
QUOTE = "quote"  # the text of every statement (quoted or reported)
QUOTE_COUNT = "quote_count"
QUOTE_LIST = "quote_list"  # the quotes panel's rows as compact JSON (a column)
RECORD = "record"  # the analysis record as JSON: the UI never re-runs spaCy
INDEXED_AT = "indexed_at"  # seconds since the epoch

# -- the library-wide name table, speaker filters and ownership (reader/names) --
SPEAKER_KEY = "speaker_key"  # exact per-article keys of named speakers ("person:ned price")
OWNERSHIP = "ownership"  # public / state-funded / private / non-profit / other / unknown
NAMES = "names"  # the article's contribution to the name table (JSON, a column)
NAMES_SIG = "names_sig"  # its fingerprint: the table catches up by comparing these

# Fields kept as per-document columns: listing, sorting and counting read these
# without unpickling each article's stored text and record.
COLUMN_FIELDS = ("path", "title", "outlet_name", "author", "published", "kind", "bias",
                 "quote_count", "entity_list", "quote_list", "ownership")
# (``names`` and ``names_sig`` are columns too, read only by the name table's refresh.)

# Fields a user may name in a query (``outlet:dw``), in help order.
QUERY_FIELDS = (TITLE, OUTLET, AUTHOR, KIND, SPEAKER, ENTITY, BIAS, OWNERSHIP, QUOTE, PUBLISHED)
# Fields searched when a query names none.
DEFAULT_FIELDS = (TITLE, BODY)
