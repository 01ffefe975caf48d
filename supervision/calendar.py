"""Danish working calendar: when a nudge may reach a consultant.

Nudges are work messages, so they go out only on working days (Monday–Friday, not a Danish
public holiday) within working hours in Europe/Copenhagen. Every planned send time passes
through :func:`next_send_time`, so this module is the single place that rule lives.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

COPENHAGEN = "Europe/Copenhagen"

# Store bededag was abolished as a public holiday by law from 2024 on.
_LAST_YEAR_WITH_STORE_BEDEDAG = 2023
# A guard against a misconfigured calendar (e.g. every day closed) looping forever.
_MAX_DAYS_SEARCHED = 400


def easter_sunday(year: int) -> date:
    """Gregorian Easter Sunday (the anonymous Gregorian algorithm): the moving feasts hang on it."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


@lru_cache(maxsize=64)
def danish_holidays(year: int) -> dict[date, str]:
    """Danish public holidays (helligdage) plus the customary closed days 24/12 and 31/12."""
    easter = easter_sunday(year)
    holidays = {
        date(year, 1, 1): "nytårsdag",
        easter - timedelta(days=3): "skærtorsdag",
        easter - timedelta(days=2): "langfredag",
        easter: "påskedag",
        easter + timedelta(days=1): "2. påskedag",
        easter + timedelta(days=39): "Kristi himmelfartsdag",
        easter + timedelta(days=49): "pinsedag",
        easter + timedelta(days=50): "2. pinsedag",
        date(year, 6, 5): "grundlovsdag",
        date(year, 12, 24): "juleaftensdag",
        date(year, 12, 25): "juledag",
        date(year, 12, 26): "2. juledag",
        date(year, 12, 31): "nytårsaftensdag",
    }
    if year <= _LAST_YEAR_WITH_STORE_BEDEDAG:
        holidays[easter + timedelta(days=26)] = "store bededag"
    return holidays


def holiday_name(day: date) -> str | None:
    return danish_holidays(day.year).get(day)


@dataclass(frozen=True, slots=True)
class WorkingHours:
    """When nudges may be sent: local opening and closing time and the days that are closed.

    ``end`` is exclusive: with the default 8–16 a nudge is never sent at 16:00 or later.
    """

    start: time = time(8)
    end: time = time(16)
    timezone: str = COPENHAGEN
    closed_days: frozenset[date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if self.start >= self.end:
            raise ValueError("working hours must start before they end")
        ZoneInfo(self.timezone)  # fail early on an unknown zone name

    @classmethod
    def from_hours(cls, start_hour: int, end_hour: int, timezone: str = COPENHAGEN) -> WorkingHours:
        if not (0 <= start_hour < end_hour <= 24):
            raise ValueError("working hours must satisfy 0 <= start < end <= 24")
        end = time(23, 59, 59, 999999) if end_hour == 24 else time(end_hour)
        return cls(start=time(start_hour), end=end, timezone=timezone)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and holiday_name(day) is None and day not in self.closed_days

    def opening(self, day: date) -> datetime:
        """The first moment of working hours on ``day``, as an aware UTC datetime."""
        return datetime.combine(day, self.start, tzinfo=self.zone).astimezone(UTC)

    def local(self, moment: datetime) -> datetime:
        return _require_aware(moment).astimezone(self.zone)


DEFAULT_HOURS = WorkingHours()


def _require_aware(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("naive datetime: send times must carry a time zone")
    return moment


def next_working_day(day: date, hours: WorkingHours = DEFAULT_HOURS) -> date:
    """The first working day strictly after ``day``."""
    for offset in range(1, _MAX_DAYS_SEARCHED):
        candidate = day + timedelta(days=offset)
        if hours.is_working_day(candidate):
            return candidate
    raise ValueError("no working day found: check the configured closed days")


def working_days_before(day: date, count: int, hours: WorkingHours = DEFAULT_HOURS) -> date:
    """The working day ``count`` working days before ``day`` (``day`` itself not counted)."""
    if count < 1:
        raise ValueError("count must be at least 1")
    found = 0
    candidate = day
    for _ in range(_MAX_DAYS_SEARCHED):
        candidate -= timedelta(days=1)
        if hours.is_working_day(candidate):
            found += 1
            if found == count:
                return candidate
    raise ValueError("no working day found: check the configured closed days")


def previous_working_day(day: date, hours: WorkingHours = DEFAULT_HOURS) -> date:
    return working_days_before(day, 1, hours)


def next_send_time(candidate: datetime, hours: WorkingHours = DEFAULT_HOURS) -> datetime:
    """The earliest moment at or after ``candidate`` inside working hours, as aware UTC.

    A candidate inside working hours is returned unchanged; one before opening moves to that
    day's opening; one after closing, on a weekend or on a holiday moves to the opening of the
    next working day.
    """
    local = hours.local(candidate)
    today = local.date()
    if hours.is_working_day(today) and local.time() < hours.end:
        if local.time() >= hours.start:
            return candidate.astimezone(UTC)
        return hours.opening(today)
    return hours.opening(next_working_day(today, hours))


def is_within_working_hours(moment: datetime, hours: WorkingHours = DEFAULT_HOURS) -> bool:
    local = hours.local(moment)
    return hours.is_working_day(local.date()) and hours.start <= local.time() < hours.end
