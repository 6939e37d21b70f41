"""Publication dates as the library stores them: ISO ``YYYY-MM-DD`` or nothing.

Sources write dates every way there is ("Feb 24, 2022", ``2022-02-24T09:30:00+02:00``,
24.02.2022). ``iso_date`` turns each into the calendar day it names, as
written (a timestamp's own day, not converted to another time zone), and
refuses with a reason what does not name exactly one real day: a day that does
not exist, a bare month or year, or a numeric date that reads both ways
(03/04/2022).
"""
from __future__ import annotations

import datetime as dt
import re

MIN_YEAR = 1800  # older "publication dates" are typos or something else
MAX_LENGTH = 80  # a date written out is short; longer values are not dates

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.,]+(?:Z|[+-]\d{2}:?\d{2})?)?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_SLASHED_YMD = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})")
_HAS_MONTH_NAME = re.compile(r"[A-Za-z]{3,}")
_ORDINAL = re.compile(r"(\d)(st|nd|rd|th)\b", re.I)
_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.I)


class BadDate(ValueError):
    """A value that does not name one real day; the message says why, for the user."""


def _day(year: int, month: int, day: int, written: str) -> str:
    try:
        value = dt.date(year, month, day)
    except ValueError:
        raise BadDate(f"“{written}” is not a real date") from None
    if not MIN_YEAR <= value.year <= dt.date.today().year + 1:
        raise BadDate(f"“{written}” is outside the years an article can have")
    return value.isoformat()


def iso_date(value: object) -> str:
    """``YYYY-MM-DD`` for a date given as text or a date object; raises BadDate."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return _day(value.year, value.month, value.day, value.isoformat())
    text = " ".join(str(value).split())
    if not text:
        raise BadDate("the date is empty")
    if len(text) > MAX_LENGTH:
        raise BadDate(f"a {len(text):,}-character value is not a date")
    if m := _ISO.fullmatch(text) or _COMPACT.fullmatch(text) or _SLASHED_YMD.fullmatch(text):
        return _day(int(m[1]), int(m[2]), int(m[3]), text)
    if m := _NUMERIC.fullmatch(text):
        first, sep, second, year = int(m[1]), m[2], int(m[3]), int(m[4])
        if sep == ".":  # 24.02.2022: day first wherever dots are used
            return _day(year, second, first, text)
        if first > 12 >= second:
            return _day(year, second, first, text)
        if second > 12 >= first or first == second:
            return _day(year, first, second, text)
        raise BadDate(f"“{text}” could be read as either day/month or month/day")
    if not _HAS_MONTH_NAME.search(text):
        raise BadDate(f"“{text}” is not a date")
    return _named_month(text)


def _named_month(text: str) -> str:
    """"Feb 24, 2022", "24 February 2022", "Thursday, February 24th 2022"."""
    from dateutil import parser

    cleaned = _ORDINAL.sub(r"\1", _WEEKDAY.sub("", text))
    results = []
    for default in (dt.datetime(1, 1, 1), dt.datetime(2, 2, 2)):
        try:
            results.append(parser.parse(cleaned, default=default, fuzzy=False))
        except (ValueError, OverflowError, TypeError):
            raise BadDate(f"“{text}” is not a date") from None
    first, second = results
    if first.year != second.year or first.month != second.month:
        raise BadDate(f"“{text}” has no year or month")
    if first.day != second.day:
        raise BadDate(f"“{text}” names a month, not a day")
    return _day(first.year, first.month, first.day, text)


def iso_date_or_none(value: object) -> str | None:
    """``iso_date`` for callers that drop what cannot be read (and say so elsewhere)."""
    try:
        return iso_date(value)
    except BadDate:
        return None
