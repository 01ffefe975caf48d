"""Dates and times as consultants type them: with or without æøå, any case, several formats."""

from __future__ import annotations

from datetime import date, time

import pytest

from supervision.parsing import parse_date, parse_time

TODAY = date(2026, 4, 7)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14/4", date(2026, 4, 14)),
        ("14.4", date(2026, 4, 14)),
        ("14-04-2026", date(2026, 4, 14)),
        ("14.04.26", date(2026, 4, 14)),
        ("2026-04-14", date(2026, 4, 14)),
        ("14. april", date(2026, 4, 14)),
        ("d. 14 apr", date(2026, 4, 14)),
        ("den 3. maj 2027", date(2027, 5, 3)),
        ("I MORGEN", date(2026, 4, 8)),
        ("i dag", TODAY),
        ("tirsdag", date(2026, 4, 14)),  # today is Tuesday: the next one
        ("Lørdag", date(2026, 4, 11)),
        ("loerdag", date(2026, 4, 11)),
        ("ons", date(2026, 4, 8)),
        ("1/4", date(2027, 4, 1)),  # past this year: next year
    ],
)
def test_dates(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize("text", ["", "engang", "31/2", "32/1", "14/13", "to", "13. smarch"])
def test_unreadable_dates(text: str) -> None:
    assert parse_date(text, TODAY) is None


def test_teaching_days_in_the_recent_past_mean_this_year() -> None:
    assert parse_date("1/4", TODAY, past_days=183) == date(2026, 4, 1)
    assert parse_date("1/9", TODAY, past_days=183) == date(2026, 9, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10", time(10)),
        ("10.30", time(10, 30)),
        ("10:30", time(10, 30)),
        ("kl 9", time(9)),
        ("Kl. 13.15", time(13, 15)),
    ],
)
def test_times(text: str, expected: time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["", "24", "10.60", "snart", "10.3"])
def test_unreadable_times(text: str) -> None:
    assert parse_time(text) is None
