"""The calendar invite, parsed back with icalendar as a calendar program would."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest

from supervision.ics import invite_uid, session_invite

CPH = ZoneInfo("Europe/Copenhagen")


def make(start: datetime, sequence: int = 0) -> icalendar.Calendar:
    data = session_invite(
        uid=invite_uid(42),
        start=start,
        length=timedelta(minutes=45),
        names=["Anna Holm", "Bo Æbelø", "Cecilie Ørsted"],
        guide="1) forbered → 2) lyt og notér → 3) feedback",
        stamp=datetime(2026, 3, 11, 9, 5, tzinfo=UTC),
        sequence=sequence,
    )
    assert data.startswith(b"BEGIN:VCALENDAR")
    return icalendar.Calendar.from_ical(data)


def test_invite_parses_back_with_the_booked_local_time() -> None:
    calendar = make(datetime(2026, 3, 18, 9, 30, tzinfo=UTC))  # 10:30 in Copenhagen (winter)
    assert str(calendar["method"]) == "PUBLISH"
    (event,) = calendar.walk("VEVENT")
    start = event.decoded("dtstart")
    end = event.decoded("dtend")
    assert start == datetime(2026, 3, 18, 10, 30, tzinfo=CPH)
    assert str(start.tzinfo) == "Europe/Copenhagen"
    assert end - start == timedelta(minutes=45)
    assert str(event["uid"]) == "sparring-42@ringetraener"
    assert str(event["summary"]) == "Kollegial sparring: Anna Holm, Bo Æbelø og Cecilie Ørsted"
    assert "lyt og notér" in str(event["description"])
    (timezone,) = calendar.walk("VTIMEZONE")
    assert str(timezone["tzid"]) == "Europe/Copenhagen"
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("trigger") == -timedelta(minutes=15)


def test_summer_time_session_keeps_its_local_hour() -> None:
    calendar = make(datetime(2026, 6, 3, 7, 0, tzinfo=UTC))
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == datetime(2026, 6, 3, 9, 0, tzinfo=CPH)


def test_moved_session_keeps_uid_and_raises_sequence() -> None:
    first = make(datetime(2026, 3, 18, 9, 30, tzinfo=UTC)).walk("VEVENT")[0]
    moved = make(datetime(2026, 3, 19, 12, 0, tzinfo=UTC), sequence=1).walk("VEVENT")[0]
    assert str(first["uid"]) == str(moved["uid"])
    assert moved.decoded("sequence") == 1
    assert moved.decoded("dtstart") == datetime(2026, 3, 19, 13, 0, tzinfo=CPH)


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError):
        session_invite(
            uid="x",
            start=datetime(2026, 3, 18, 10, 0),
            length=timedelta(hours=1),
            names=["A", "B"],
            guide="",
            stamp=datetime(2026, 3, 11, tzinfo=UTC),
        )
