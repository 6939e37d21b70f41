"""The Whoosh schema: how each field of ``fields.py`` is analysed and stored."""
from __future__ import annotations

from whoosh import columns, fields
from whoosh.analysis import StandardAnalyzer, StemmingAnalyzer

from reader.search.fields import (AUTHOR, BIAS, BODY, ENTITY, ENTITY_KEY, ENTITY_LIST, FORMAT, INDEXED_AT, KIND,
                                  OUTLET, OUTLET_NAME, PATH, PUBLISHED, QUOTE, QUOTE_COUNT, QUOTE_LIST, RECORD,
                                  SHA, SPEAKER, TITLE, URL)
from reader.search.fields import NAMES, NAMES_SIG, OWNERSHIP, SPEAKER_KEY


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
        # the name table, speaker filters and ownership (reader/names)
        SPEAKER_KEY: fields.KEYWORD(commas=True, lowercase=True),
        OWNERSHIP: fields.KEYWORD(stored=True, lowercase=True, sortable=True),
        NAMES: fields.COLUMN(columns.VarBytesColumn()),
        NAMES_SIG: fields.COLUMN(columns.VarBytesColumn()),
    })
