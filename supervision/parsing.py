"""Reading a date or a time the way consultants type them in a chat.

"14/4", "14.04.2026", "2026-04-14", "14. april", "tirsdag", "fredag d. 10/4", "i morgen", "10",
"kl. 10.30", "10:30" – with or without æøå (ae/oe/aa), in any case; and a day with its time in
one message ("tirsdag kl 10", "d. 14/3 13.30"), the way people answer "when?" in a chat.
"""

from __future__ import annotations

import re
from datetime import date, time, timedelta

from supervision import texts

_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})


def _fold(text: str) -> str:
    return " ".join(text.strip().lower().translate(_FOLD).split())


_WEEKDAYS = {name.translate(_FOLD): index for index, name in enumerate(texts.WEEKDAYS)}
_MONTHS = {name.translate(_FOLD): index + 1 for index, name in enumerate(texts.MONTHS)}

_NUMERIC = re.compile(r"^(\d{1,2})[./-](\d{1,2})(?:[./-](\d{2}|\d{4}))?\.?$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_WRITTEN = re.compile(r"^(\d{1,2})\.?\s+([a-z]+)\.?(?:\s+(\d{4}))?$")
_TIME = re.compile(r"^(?:(?:kl\.?|klokken)\s*)?(\d{1,2})(?:[:.](\d{2}))?$")


def parse_date(text: str, today: date, *, past_days: int = 0) -> date | None:
    """The date meant, or None.

    Without a year: the next such date, counting dates up to ``past_days`` back as this year's
    (a course lead entering this spring's teaching days in April means this year).
    """
    folded = _fold(text).removeprefix("d. ").removeprefix("den ")
    if folded in ("i dag", "idag"):
        return today
    if folded in ("i morgen", "imorgen"):
        return today + timedelta(days=1)
    weekday = _weekday(folded)
    if weekday is not None:
        return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
    first, _, rest = folded.partition(" ")
    if rest and _weekday(first.rstrip(".,")) is not None:
        return parse_date(rest, today, past_days=past_days)  # "fredag d. 10/4": the date decides
    if match := _ISO.match(folded):
        return _safe_date(int(match[1]), int(match[2]), int(match[3]))
    if match := _NUMERIC.match(folded):
        year = match[3]
        day, month = int(match[1]), int(match[2])
        if year is not None:
            full_year = int(year) + 2000 if len(year) == 2 else int(year)
            return _safe_date(full_year, month, day)
        return _next_occurrence(day, month, today - timedelta(days=past_days))
    if match := _WRITTEN.match(folded):
        month_number = _month(match[2])
        if month_number is None:
            return None
        if match[3] is not None:
            return _safe_date(int(match[3]), month_number, int(match[1]))
        return _next_occurrence(int(match[1]), month_number, today - timedelta(days=past_days))
    return None


def parse_when(text: str, today: date) -> tuple[date | None, time | None]:
    """A day and, if one follows it, a time: "tirsdag kl 10", "d. 14/3 13.30", "14/4"."""
    words = _fold(text.replace(",", " ")).split()
    for cut in range(len(words), 0, -1):
        day = parse_date(" ".join(words[:cut]), today)
        if day is None:
            continue
        rest = " ".join(words[cut:]).removeprefix("klokken ").strip(" ,")
        if not rest:
            return day, None
        chosen = parse_time(rest)
        return (day, chosen) if chosen is not None else (None, None)
    return None, None


def parse_time(text: str) -> time | None:
    folded = _fold(text)
    match = _TIME.match(folded)
    if match is None:
        return None
    hour, minute = int(match[1]), int(match[2] or 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def _weekday(word: str) -> int | None:
    if word in _WEEKDAYS:
        return _WEEKDAYS[word]
    matches = [
        index for name, index in _WEEKDAYS.items() if len(word) >= 3 and name.startswith(word)
    ]
    return matches[0] if len(matches) == 1 else None


def _month(word: str) -> int | None:
    matches = [
        number for name, number in _MONTHS.items() if len(word) >= 3 and name.startswith(word)
    ]
    return matches[0] if len(matches) == 1 else None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _next_occurrence(day: int, month: int, today: date) -> date | None:
    this_year = _safe_date(today.year, month, day)
    if this_year is not None and this_year >= today:
        return this_year
    return _safe_date(today.year + 1, month, day)
