"""The nudge plan: which reminders a pair should get in a period, and when.

The plan is a pure function of a pair's state (not of the clock), so re-planning after any
change gives the same answer and :func:`reconcile` can turn it into row changes: insert what
is missing, move what is still waiting, cancel what no longer fits. Time enters only there,
to catch up on nudges whose moment has passed but which still make sense (``expires_at``).

A period runs from one teaching day to the next. Per pair and period:

* ``book`` — the first working morning after the teaching day: "book before <next day>";
* ``book_igen`` — when still not booked N working days before the next teaching day;
* ``udsat`` — "Påmind mig senere" (snooze): the same question again at the chosen time;
* ``paamindelse`` — the working day before a booked session;
* ``opfoelgning`` — after the booked session: Holdt / Aflyst / Flyttet.

A pair that reported the period held or cancelled gets nothing more. A paused member gets
nothing until the pause ends (nothing at all while paused without an end).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from itertools import pairwise

from supervision.calendar import (
    DEFAULT_HOURS,
    WorkingHours,
    next_send_time,
    next_working_day,
    previous_working_day,
    working_days_before,
)


class SupervisionState(StrEnum):
    IKKE_BOOKET = "ikke_booket"
    BOOKET = "booket"
    HOLDT = "holdt"
    AFLYST = "aflyst"

    @property
    def is_done(self) -> bool:
        return self in (SupervisionState.HOLDT, SupervisionState.AFLYST)


class NudgeKind(StrEnum):
    BOOK = "book"
    BOOK_AGAIN = "book_igen"
    SNOOZED = "udsat"
    REMINDER = "paamindelse"
    FOLLOW_UP = "opfoelgning"


class NudgeStatus(StrEnum):
    """Life of a nudge row. A claim is not a status: it is ``claimed_at`` on a waiting row."""

    WAITING = "afventer"
    SENT = "sendt"
    GAVE_UP = "opgivet"
    CANCELLED = "annulleret"
    EXPIRED = "udloebet"


class Progress(StrEnum):
    """What the lead sees per pair and period."""

    NOT_BOOKED = "ikke_booket"
    BOOKED = "booket"
    AWAITING_REPORT = "afventer_svar"
    HELD = "holdt"
    CANCELLED = "aflyst"
    OVERDUE = "forsinket"


@dataclass(frozen=True, slots=True)
class Period:
    """The stretch between two teaching days in which a pair should hold one supervision."""

    index: int
    opens: date  # the teaching day the period follows
    closes: date  # the next teaching day


def periods(teaching_days: Iterable[date]) -> list[Period]:
    days = sorted(set(teaching_days))
    return [Period(i, opens, closes) for i, (opens, closes) in enumerate(pairwise(days))]


@dataclass(frozen=True, slots=True)
class NudgePolicy:
    hours: WorkingHours = DEFAULT_HOURS
    second_nudge_working_days: int = 3
    session_length: timedelta = timedelta(hours=1)
    snooze: timedelta = timedelta(days=1)

    def __post_init__(self) -> None:
        if self.second_nudge_working_days < 1:
            raise ValueError("second_nudge_working_days must be at least 1")
        if self.session_length <= timedelta(0) or self.snooze <= timedelta(0):
            raise ValueError("session length and snooze must be positive")


DEFAULT_POLICY = NudgePolicy()


@dataclass(frozen=True, slots=True)
class PairPeriod:
    """One pair's (or trio's) supervision in one period: everything the plan depends on."""

    pair_id: int
    period: Period
    members: tuple[int, ...]
    state: SupervisionState = SupervisionState.IKKE_BOOKET
    booked_at: datetime | None = None  # the session's start
    booked_on: datetime | None = None  # when the booking was made
    snoozed_until: Mapping[int, datetime] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PlannedNudge:
    pair_id: int
    member_id: int
    kind: NudgeKind
    due_at: datetime  # aware UTC, inside working hours
    expires_at: datetime | None  # past this the nudge is pointless and is not sent
    key: str  # unique per pair: re-planning finds the same nudge again


def booking_deadline(period: Period, hours: WorkingHours = DEFAULT_HOURS) -> datetime:
    """Midnight starting the next teaching day: a booking nudge after that is too late."""
    return datetime.combine(period.closes, time(0), tzinfo=hours.zone).astimezone(UTC)


def first_nudge_time(period: Period, hours: WorkingHours = DEFAULT_HOURS) -> datetime:
    return hours.opening(next_working_day(period.opens, hours))


def second_nudge_time(period: Period, policy: NudgePolicy = DEFAULT_POLICY) -> datetime | None:
    """N working days before the next teaching day; None when the period is too short for it."""
    hours = policy.hours
    day = working_days_before(period.closes, policy.second_nudge_working_days, hours)
    moment = hours.opening(day)
    return moment if moment > first_nudge_time(period, hours) else None


def session_end(pair: PairPeriod, policy: NudgePolicy = DEFAULT_POLICY) -> datetime | None:
    return None if pair.booked_at is None else pair.booked_at + policy.session_length


def reminder_time(booked_at: datetime, hours: WorkingHours = DEFAULT_HOURS) -> datetime:
    """Opening of the working day before the session (Friday for a Monday session)."""
    return hours.opening(previous_working_day(hours.local(booked_at).date(), hours))


def _key(pair: PairPeriod, kind: NudgeKind, member: int, moment: datetime | None = None) -> str:
    base = f"p{pair.period.index}:{kind.value}:{member}"
    if moment is None:
        return base
    return f"{base}:{moment.astimezone(UTC).strftime('%Y%m%dT%H%M')}"


def plan_nudges(
    pair: PairPeriod,
    policy: NudgePolicy = DEFAULT_POLICY,
    paused: Mapping[int, datetime | None] | None = None,
) -> list[PlannedNudge]:
    """Every nudge this pair's members should get in this period, given the state as it is.

    ``paused`` maps a paused member to the end of the pause (None: until they resume).
    """
    if pair.state.is_done:
        return []
    hours = policy.hours
    planned: list[PlannedNudge] = []
    for member in pair.members:
        if pair.state is SupervisionState.IKKE_BOOKET:
            planned.extend(_booking_nudges(pair, member, policy))
        elif pair.state is SupervisionState.BOOKET:
            planned.extend(_booked_nudges(pair, member, policy))
        planned.extend(_snoozed_nudge(pair, member, policy))
    return [
        shifted
        for nudge in planned
        if (shifted := _respect_pause(nudge, (paused or {}), hours)) is not None
    ]


def _booking_nudges(pair: PairPeriod, member: int, policy: NudgePolicy) -> list[PlannedNudge]:
    hours = policy.hours
    deadline = booking_deadline(pair.period, hours)
    first = first_nudge_time(pair.period, hours)
    second = second_nudge_time(pair.period, policy)
    snoozed = pair.snoozed_until.get(member)
    nudges = [
        # The first nudge is superseded by the second: a late start sends only the latter.
        PlannedNudge(
            pair.pair_id,
            member,
            NudgeKind.BOOK,
            first,
            second or deadline,
            _key(pair, NudgeKind.BOOK, member),
        )
    ]
    if second is not None:
        nudges.append(
            PlannedNudge(
                pair.pair_id,
                member,
                NudgeKind.BOOK_AGAIN,
                second,
                deadline,
                _key(pair, NudgeKind.BOOK_AGAIN, member),
            )
        )
    # Who asked to be reminded later is not nudged before then.
    return [n for n in nudges if n.due_at < deadline and (snoozed is None or n.due_at >= snoozed)]


def _booked_nudges(pair: PairPeriod, member: int, policy: NudgePolicy) -> list[PlannedNudge]:
    if pair.booked_at is None:
        raise ValueError("a booked supervision needs its time")
    hours = policy.hours
    nudges: list[PlannedNudge] = []
    reminder = reminder_time(pair.booked_at, hours)
    booked_on = pair.booked_on or reminder
    if booked_on <= reminder < pair.booked_at:
        nudges.append(
            PlannedNudge(
                pair.pair_id,
                member,
                NudgeKind.REMINDER,
                reminder,
                pair.booked_at,
                _key(pair, NudgeKind.REMINDER, member, pair.booked_at),
            )
        )
    end = pair.booked_at + policy.session_length
    follow_up = next_send_time(end, hours)
    snoozed = pair.snoozed_until.get(member)
    if snoozed is None or snoozed <= follow_up:
        nudges.append(
            PlannedNudge(
                pair.pair_id,
                member,
                NudgeKind.FOLLOW_UP,
                follow_up,
                None,
                _key(pair, NudgeKind.FOLLOW_UP, member, pair.booked_at),
            )
        )
    return nudges


def _snoozed_nudge(pair: PairPeriod, member: int, policy: NudgePolicy) -> list[PlannedNudge]:
    """A snooze repeats the open question: booking before the session, the report after it."""
    until = pair.snoozed_until.get(member)
    if until is None:
        return []
    hours = policy.hours
    due = next_send_time(until, hours)
    key = _key(pair, NudgeKind.SNOOZED, member, until)
    if pair.state is SupervisionState.IKKE_BOOKET:
        deadline = booking_deadline(pair.period, hours)
        if due >= deadline:
            return []
        return [PlannedNudge(pair.pair_id, member, NudgeKind.SNOOZED, due, deadline, key)]
    end = session_end(pair, policy)
    if end is not None and due >= end:
        return [PlannedNudge(pair.pair_id, member, NudgeKind.SNOOZED, due, None, key)]
    return []


def _respect_pause(
    nudge: PlannedNudge, paused: Mapping[int, datetime | None], hours: WorkingHours
) -> PlannedNudge | None:
    if nudge.member_id not in paused:
        return nudge
    until = paused[nudge.member_id]
    if until is None:
        return None
    return not_before(nudge, until, hours)


def not_before(nudge: PlannedNudge, moment: datetime, hours: WorkingHours) -> PlannedNudge | None:
    """The nudge moved to the first send time at or after ``moment``; None once it expired."""
    due = nudge.due_at if nudge.due_at >= moment else next_send_time(moment, hours)
    if nudge.expires_at is not None and due >= nudge.expires_at:
        return None
    return nudge if due == nudge.due_at else replace(nudge, due_at=due)


def snooze_until(now: datetime, policy: NudgePolicy = DEFAULT_POLICY) -> datetime:
    """When "Påmind mig senere" asks again: one snooze later, inside working hours."""
    return next_send_time(now + policy.snooze, policy.hours)


def progress(pair: PairPeriod, now: datetime, policy: NudgePolicy = DEFAULT_POLICY) -> Progress:
    if pair.state is SupervisionState.HOLDT:
        return Progress.HELD
    if pair.state is SupervisionState.AFLYST:
        return Progress.CANCELLED
    deadline = booking_deadline(pair.period, policy.hours)
    end = session_end(pair, policy)
    if pair.state is SupervisionState.IKKE_BOOKET or end is None:
        return Progress.OVERDUE if now >= deadline else Progress.NOT_BOOKED
    if now < end:
        return Progress.BOOKED
    return Progress.OVERDUE if now >= deadline else Progress.AWAITING_REPORT


# --- turning a plan into row changes -----------------------------------------------------


@dataclass(frozen=True, slots=True)
class ExistingNudge:
    """What the reconciler needs to know about a stored nudge row."""

    key: str
    status: NudgeStatus
    due_at: datetime
    expires_at: datetime | None
    claimed: bool = False


@dataclass(frozen=True, slots=True)
class Reconciliation:
    insert: tuple[PlannedNudge, ...] = ()
    # Waiting (or cancelled, when wanted again) rows to set to this plan: same key.
    update: tuple[PlannedNudge, ...] = ()
    cancel: tuple[str, ...] = ()


def reconcile(
    planned: Sequence[PlannedNudge],
    existing: Iterable[ExistingNudge],
    now: datetime,
    hours: WorkingHours = DEFAULT_HOURS,
) -> Reconciliation:
    """Row changes that make the stored nudges of one pair match its plan.

    Sent, given-up and expired rows are history and never touched; a claimed row is being sent
    right now and is left to its dispatcher. So no nudge is sent twice because of a re-plan.
    """
    rows = {row.key: row for row in existing}
    wanted = {nudge.key: nudge for nudge in planned}
    insert: list[PlannedNudge] = []
    update: list[PlannedNudge] = []
    cancel: list[str] = []
    for key, nudge in wanted.items():
        row = rows.get(key)
        if row is not None and (row.claimed or row.status not in _REPLANNABLE):
            continue
        # A nudge whose moment has passed goes out at the next send time, unless it expired.
        timed = not_before(nudge, now, hours)
        if row is None:
            if timed is not None:
                insert.append(timed)
        elif timed is None:
            if row.status is NudgeStatus.WAITING:
                cancel.append(key)
        elif row.status is not NudgeStatus.WAITING or not _same_timing(row, nudge, timed, now):
            update.append(timed)
    for key, row in rows.items():
        if key not in wanted and row.status is NudgeStatus.WAITING and not row.claimed:
            cancel.append(key)
    return Reconciliation(tuple(insert), tuple(update), tuple(sorted(cancel)))


_REPLANNABLE = frozenset({NudgeStatus.WAITING, NudgeStatus.CANCELLED})


def _same_timing(
    row: ExistingNudge, nudge: PlannedNudge, timed: PlannedNudge, now: datetime
) -> bool:
    """A row already due stays as it is while the plan also says 'due': no churn per re-plan."""
    if row.expires_at != timed.expires_at:
        return False
    return row.due_at == timed.due_at or (row.due_at <= now and nudge.due_at <= now)
