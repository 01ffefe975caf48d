"""A calendar invite (.ics) for a booked sparring session, the same file for every partner.

The UID is stable per supervision and SEQUENCE grows when the session moves, so a calendar
that imported the first invite updates the event instead of adding a second one. Times are
written in Europe/Copenhagen with its VTIMEZONE, so the event shows at the booked local time
in any calendar. No e-mail addresses are known or needed: METHOD:PUBLISH, no attendees.
A cancelled session gets the same UID with METHOD:CANCEL and a higher SEQUENCE, which is
what makes a calendar drop the event instead of keeping a stale appointment.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import icalendar

from supervision import texts
from supervision.calendar import COPENHAGEN, WorkingHours
from supervision.messages import join_names

PRODID = "-//Ringetræner//Kollegial sparring//DA"
ALARM_BEFORE = timedelta(minutes=15)


def invite_uid(supervision_id: int, domain: str = "ringetraener") -> str:
    return f"sparring-{supervision_id}@{domain}"


def session_invite(
    *,
    uid: str,
    start: datetime,
    length: timedelta,
    names: Sequence[str],
    guide: str,
    stamp: datetime,
    sequence: int = 0,
    timezone: str = COPENHAGEN,
    cancelled: bool = False,
) -> bytes:
    """The .ics bytes for one session; ``stamp`` is when the invite was made (aware)."""
    if start.tzinfo is None or stamp.tzinfo is None:
        raise ValueError("invite times must carry a time zone")
    hours = WorkingHours(timezone=timezone)
    local_start = hours.local(start)
    who = join_names(names)
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp.astimezone(UTC))
    event.add("dtstart", local_start)
    event.add("dtend", local_start + length)
    event.add("sequence", sequence)
    event.add("summary", texts.ICS_SUMMARY.format(names=who))
    event.add("description", texts.ICS_DESCRIPTION.format(guide=guide, names=who))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")
    if not cancelled:
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", texts.ICS_ALARM)
        alarm.add("trigger", -ALARM_BEFORE)
        event.add_component(alarm)

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())
