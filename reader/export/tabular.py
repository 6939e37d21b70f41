"""CSV (RFC 4180) and JSON Lines writers that stream rows into an open file.

CSV: a header row, every row the same columns, CRLF line ends, fields with a
comma, quotation mark or line break quoted (quotation marks doubled); lists are
joined with "; " and an absent value is an empty field. JSON Lines: one object a
line, ``"schema"`` first, absent values as ``null``, lists as arrays; line separators
and bidi controls inside strings written as ``\\uXXXX``.
"""
from __future__ import annotations

import csv
from typing import IO, Any, Iterable, Sequence

from reader.safe_text import json_for_terminal

LIST_SEPARATOR = "; "


def csv_cell(value: Any) -> Any:
    """A value as the csv module writes it (str and int as they are)."""
    if type(value) in (str, int):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(str(csv_cell(v)) for v in value)
    return str(value)


class CsvRows:
    """Writes the header at once, then one line per row."""

    def __init__(self, fh: IO[str], columns: Sequence[str]) -> None:
        self.columns = tuple(columns)
        # the excel dialect is RFC 4180's: "," and CRLF, quoting only when needed
        self._writer = csv.writer(fh, dialect="excel", quoting=csv.QUOTE_MINIMAL)
        self._writer.writerow(self.columns)
        self.count = 0

    def write(self, row: dict[str, Any]) -> None:
        self._writer.writerow([csv_cell(row.get(c)) for c in self.columns])
        self.count += 1

    def write_cells(self, cells: list[Any]) -> None:
        """A row given as its cells in column order (already ``csv_cell`` values)."""
        self._writer.writerow(cells)
        self.count += 1

    def write_all(self, rows: Iterable[dict[str, Any]]) -> None:
        for row in rows:
            self.write(row)


class JsonlRows:
    """One object a line; every object starts with the shape's ``"schema"`` name."""

    def __init__(self, fh: IO[str], schema: str) -> None:
        self._fh = fh
        self._schema = schema
        self.count = 0

    def write(self, row: dict[str, Any]) -> None:
        # line separators (U+2028, U+0085 …) and bidi controls as \uXXXX, which means the same:
        # no reader splitting lines on them (str.splitlines) breaks an object in two
        self._fh.write(json_for_terminal({"schema": self._schema, **row}, separators=(",", ":")) + "\n")
        self.count += 1

    def write_all(self, rows: Iterable[dict[str, Any]]) -> None:
        for row in rows:
            self.write(row)
