"""Index field names and the Whoosh schema.

Field names are constants so the indexer, the query layer and the UI agree
by import, not by string. ``FORMAT_VERSION`` changes whenever the schema or
the stored record changes shape; an index of another version is rebuilt.
"""
from __future__ import annotations

from whoosh import columns, fields
from whoosh.analysis import StandardAnalyzer, StemmingAnalyzer

FORMAT_VERSION = 3

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
BIAS = "bias"  # left / center / right / unrated / unknown
QUOTE = "quote"  # the text of every direct quote
QUOTE_COUNT = "quote_count"
QUOTE_LIST = "quote_list"  # the quotes panel's rows as compact JSON (a column)
RECORD = "record"  # the analysis record as JSON: the UI never re-runs spaCy
INDEXED_AT = "indexed_at"  # seconds since the epoch

# Fields kept as per-document columns: listing, sorting and counting read these
# without unpickling each article's stored text and record.
COLUMN_FIELDS = ("path", "title", "outlet_name", "author", "published", "kind", "bias",
                 "quote_count", "entity_list", "quote_list")

# Fields a user may name in a query (``outlet:dw``), in help order.
QUERY_FIELDS = (TITLE, OUTLET, AUTHOR, KIND, SPEAKER, ENTITY, BIAS, QUOTE, PUBLISHED)
# Fields searched when a query names none.
DEFAULT_FIELDS = (TITLE, BODY)


def build_schema() -> fields.Schema:
    stem = StemmingAnalyzer()
    words = StandardAnalyzer(stoplist=None)
    return fields.Schema(**{
        PATH: fields.ID(unique=True, stored=True, sortable=True),
        SHA: fields.ID(stored=True),
        TITLE: fields.TEXT(analyzer=stem, stored=True, field_boost=2.0, sortable=True),
        OUTLET: fields.TEXT(analyzer=words),
        OUTLET_NAME: fields.ID(stored=True, sortable=True),
        AUTHOR: fields.TEXT(analyzer=words, stored=True, sortable=True),
        PUBLISHED: fields.ID(stored=True, sortable=True),
        KIND: fields.KEYWORD(stored=True, lowercase=True, sortable=True),
        URL: fields.STORED(),
        FORMAT: fields.STORED(),
        BODY: fields.TEXT(analyzer=stem, stored=True),
        SPEAKER: fields.TEXT(analyzer=words, stored=True),
        ENTITY: fields.TEXT(analyzer=words),
        ENTITY_KEY: fields.KEYWORD(commas=True, lowercase=True),
        ENTITY_LIST: fields.COLUMN(columns.VarBytesColumn()),
        BIAS: fields.KEYWORD(stored=True, lowercase=True, sortable=True),
        QUOTE: fields.TEXT(analyzer=stem),
        QUOTE_COUNT: fields.NUMERIC(stored=True, sortable=True),
        QUOTE_LIST: fields.COLUMN(columns.VarBytesColumn()),
        RECORD: fields.STORED(),
        INDEXED_AT: fields.STORED(),
    })
