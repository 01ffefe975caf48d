"""The Danish working calendar: holidays, working days and when a nudge may be sent."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supervision.calendar import (
    WorkingHours,
    danish_holidays,
    easter_sunday,
    is_within_working_hours,
    next_send_time,
    next_working_day,
    working_days_before,
)

CPH = ZoneInfo("Europe/Copenhagen")


def local(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=CPH)


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2019, date(2019, 4, 21)),
        (2023, date(2023, 4, 9)),
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
        (2038, date(2038, 4, 25)),
    ],
)
def test_easter_sunday_matches_published_dates(year: int, expected: date) -> None:
    assert easter_sunday(year) == expected


def test_holidays_2023_include_store_bededag() -> None:
    holidays = danish_holidays(2023)
    assert holidays[date(2023, 5, 5)] == "store bededag"
    assert holidays[date(2023, 4, 6)] == "skærtorsdag"
    assert holidays[date(2023, 5, 18)] == "Kristi himmelfartsdag"
    assert len(holidays) == 14


def test_store_bededag_is_an_ordinary_working_day_from_2024() -> None:
    hours = WorkingHours()
    # Fourth Friday after Easter: 26 April 2024 and 16 May 2025.
    assert hours.is_working_day(date(2024, 4, 26))
    assert hours.is_working_day(date(2025, 5, 16))
    assert "store bededag" not in danish_holidays(2024).values()


def test_holidays_2026_are_the_expected_dates() -> None:
    assert danish_holidays(2026) == {
        date(2026, 1, 1): "nytårsdag",
        date(2026, 4, 2): "skærtorsdag",
        date(2026, 4, 3): "langfredag",
        date(2026, 4, 5): "påskedag",
        date(2026, 4, 6): "2. påskedag",
        date(2026, 5, 14): "Kristi himmelfartsdag",
        date(2026, 5, 24): "pinsedag",
        date(2026, 5, 25): "2. pinsedag",
        date(2026, 6, 5): "grundlovsdag",
        date(2026, 12, 24): "juleaftensdag",
        date(2026, 12, 25): "juledag",
        date(2026, 12, 26): "2. juledag",
        date(2026, 12, 31): "nytårsaftensdag",
    }


@pytest.mark.parametrize(
    ("candidate", "expected"),
    [
        # Inside working hours: unchanged.
        (local(2026, 3, 10, 10, 17), local(2026, 3, 10, 10, 17)),
        (local(2026, 3, 10, 8, 0), local(2026, 3, 10, 8, 0)),
        # Before opening: that morning.
        (local(2026, 3, 10, 6, 30), local(2026, 3, 10, 8, 0)),
        # Closing time is exclusive: 16:00 moves to the next morning.
        (local(2026, 3, 10, 16, 0), local(2026, 3, 11, 8, 0)),
        # Friday evening and the weekend: Monday morning.
        (local(2026, 3, 13, 17, 0), local(2026, 3, 16, 8, 0)),
        (local(2026, 3, 15, 12, 0), local(2026, 3, 16, 8, 0)),
        # Easter 2026: Wednesday evening → Tuesday after 2. påskedag.
        (local(2026, 4, 1, 18, 0), local(2026, 4, 7, 8, 0)),
        # Kristi himmelfartsdag (Thursday): the Friday after is a working day.
        (local(2026, 5, 14, 9, 0), local(2026, 5, 15, 8, 0)),
        # Pinse: Saturday → Tuesday after 2. pinsedag.
        (local(2026, 5, 23, 9, 0), local(2026, 5, 26, 8, 0)),
        # Grundlovsdag on a Friday: Monday 8 June.
        (local(2026, 6, 4, 16, 30), local(2026, 6, 8, 8, 0)),
        # Christmas and New Year 2025/26.
        (local(2025, 12, 23, 16, 5), local(2025, 12, 29, 8, 0)),
        (local(2025, 12, 30, 16, 5), local(2026, 1, 2, 8, 0)),
        # Store bededag 2023 was a holiday.
        (local(2023, 5, 4, 17, 0), local(2023, 5, 8, 8, 0)),
        # Across the switch to summer time (29 March 2026): 08:00 local, not 08:00 UTC+1.
        (local(2026, 3, 27, 17, 0), local(2026, 3, 30, 8, 0)),
    ],
)
def test_next_send_time(candidate: datetime, expected: datetime) -> None:
    result = next_send_time(candidate)
    assert result == expected
    assert result.tzinfo is UTC


def test_next_send_time_accepts_any_zone_and_answers_in_utc() -> None:
    candidate = datetime(2026, 3, 10, 20, 0, tzinfo=UTC)  # 21:00 in Copenhagen
    assert next_send_time(candidate) == datetime(2026, 3, 11, 7, 0, tzinfo=UTC)


def test_summer_time_opening_is_six_utc() -> None:
    assert next_send_time(local(2026, 7, 1, 5, 0)) == datetime(2026, 7, 1, 6, 0, tzinfo=UTC)


def test_naive_datetime_is_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        next_send_time(datetime(2026, 3, 10, 10, 0))


def test_configured_hours_and_closed_days() -> None:
    hours = WorkingHours(
        start=time(9, 30), end=time(15), closed_days=frozenset({date(2026, 3, 11)})
    )
    assert next_send_time(local(2026, 3, 10, 9, 0), hours) == local(2026, 3, 10, 9, 30)
    assert next_send_time(local(2026, 3, 10, 15, 0), hours) == local(2026, 3, 12, 9, 30)
    assert WorkingHours.from_hours(7, 17).end == time(17)
    with pytest.raises(ValueError):
        WorkingHours(start=time(16), end=time(8))
    with pytest.raises(ValueError):
        WorkingHours.from_hours(10, 25)


def test_working_day_arithmetic_skips_holidays() -> None:
    assert next_working_day(date(2026, 4, 1)) == date(2026, 4, 7)
    assert working_days_before(date(2026, 6, 8), 3) == date(2026, 6, 2)
    assert working_days_before(date(2026, 1, 6), 3) == date(2025, 12, 30)
    with pytest.raises(ValueError):
        working_days_before(date(2026, 1, 6), 0)


moments = st.datetimes(
    min_value=datetime(2023, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(UTC)
)


@given(moments)
def test_next_send_time_is_the_earliest_allowed_moment(candidate: datetime) -> None:
    result = next_send_time(candidate)
    assert result >= candidate
    assert is_within_working_hours(result)
    local_result = result.astimezone(CPH)
    assert local_result.weekday() < 5
    assert local_result.date() not in danish_holidays(local_result.year)
    if result > candidate:
        # Nothing allowed was skipped: every quarter hour in between is outside working hours,
        # and the result is an opening time.
        assert local_result.time() == time(8)
        step = candidate
        while step < result:
            assert not is_within_working_hours(step)
            step += timedelta(minutes=15)


@given(moments)
def test_next_send_time_is_idempotent(candidate: datetime) -> None:
    once = next_send_time(candidate)
    assert next_send_time(once) == once
