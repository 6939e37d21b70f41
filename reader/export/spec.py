"""What an export holds and how it is written: enums, not display strings.

Every JSON Lines row names its shape in a ``"schema"`` field (``parallax.quotes/1``):
the number changes when a field is renamed, removed or changes meaning; new fields
may be added without a change. The README documents each shape.
"""
from __future__ import annotations

from enum import Enum

SCHEMA_VERSION = 1


class What(str, Enum):
    QUOTES = "quotes"  # one row per statement (direct, mixed, indirect speech)
    ARTICLES = "articles"  # one row per article: metadata, where each field came from, counts
    ENTITIES = "entities"  # one row per canonical entity: type, aliases, articles per outlet

    @property
    def schema(self) -> str:
        """The ``"schema"`` value of this kind's JSON Lines rows."""
        return f"parallax.{self.value}/{SCHEMA_VERSION}"


class Format(str, Enum):
    CSV = "csv"  # RFC 4180, header row, UTF-8 (optionally with a BOM for spreadsheet apps)
    JSONL = "jsonl"  # one JSON object a line
    QDPX = "qdpx"  # a REFI-QDA project (QualCoder, ATLAS.ti, MAXQDA, NVivo)

    @property
    def suffix(self) -> str:
        return "." + self.value

    @property
    def label(self) -> str:
        return {"csv": "CSV (spreadsheets, R, pandas)", "jsonl": "JSON Lines",
                "qdpx": "REFI-QDA project (QualCoder, ATLAS.ti, MAXQDA)"}[self.value]

    @classmethod
    def for_path(cls, path: str) -> "Format | None":
        """The format a file name asks for by its suffix, if any."""
        lowered = str(path).lower()
        return next((f for f in cls if lowered.endswith(f.suffix)), None)
