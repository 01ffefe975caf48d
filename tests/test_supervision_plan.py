"""The nudge plan over a whole cohort calendar, with the clock moved by time-machine.

The simulation keeps nudge rows the way the durable scheduler does (insert / move / cancel via
``reconcile``; a dispatcher sends rows that are due and not expired) and plays a spring 2026
cohort whose periods cross Easter, Kristi himmelfartsdag, pinse and grundlovsdag.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from supervision.calendar import WorkingHours, danish_holidays, is_within_working_hours
from supervision.messages import Action, render_nudge
from supervision.plan import (
    DEFAULT_POLICY,
    ExistingNudge,
    NudgeKind,
    NudgePolicy,
    NudgeStatus,
    PairPeriod,
    Period,
    PlannedNudge,
    Progress,
    SupervisionState,
    booking_deadline,
    periods,
    plan_nudges,
    progress,
    reconcile,
    snooze_until,
)

CPH = ZoneInfo("Europe/Copenhagen")
TEACHING_DAYS = [
    date(2026, 4, 1),
    date(2026, 4, 20),
    date(2026, 5, 18),
    date(2026, 5, 27),
    date(2026, 6, 8),
    date(2026, 6, 10),
]
NAMES = {1: "Anna", 2: "Bo", 3: "Cecilie", 4: "Dennis", 5: "Emma"}


def cph(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=CPH)


@dataclass
class Row:
    nudge: PlannedNudge
    status: NudgeStatus


@dataclass(frozen=True)
class Sent:
    at: datetime  # local
    member: int
    kind: NudgeKind
    pair_id: int


class CohortSimulation:
    """Rows, state and a dispatcher, all driven by the (travelled) wall clock."""

    def __init__(self, groups: dict[int, dict[int, tuple[int, ...]]], policy: NudgePolicy) -> None:
        self.policy = policy
        self.periods = periods(TEACHING_DAYS)
        self.pairs: dict[int, PairPeriod] = {
            pair_id: PairPeriod(pair_id, self.periods[index], members)
            for index, by_pair in groups.items()
            for pair_id, members in by_pair.items()
        }
        self.rows: dict[tuple[int, str], Row] = {}
        self.paused: dict[int, datetime | None] = {}
        self.sent: list[Sent] = []
        self.replan(self.pairs)

    @staticmethod
    def now() -> datetime:
        return datetime.now(UTC)

    def replan(self, pair_ids: Iterable[int]) -> None:
        now = self.now()
        for pair_id in pair_ids:
            pair = self.pairs[pair_id]
            existing = [
                ExistingNudge(key, row.status, row.nudge.due_at, row.nudge.expires_at)
                for (pid, key), row in self.rows.items()
                if pid == pair_id
            ]
            changes = reconcile(plan_nudges(pair, self.policy, self.paused), existing, now)
            for nudge in (*changes.insert, *changes.update):
                self.rows[(pair_id, nudge.key)] = Row(nudge, NudgeStatus.WAITING)
            for key in changes.cancel:
                self.rows[(pair_id, key)].status = NudgeStatus.CANCELLED

    def dispatch(self) -> None:
        now = self.now()
        for row in self.rows.values():
            if row.status is not NudgeStatus.WAITING or row.nudge.due_at > now:
                continue
            if row.nudge.expires_at is not None and now >= row.nudge.expires_at:
                row.status = NudgeStatus.EXPIRED
                continue
            row.status = NudgeStatus.SENT
            nudge = row.nudge
            self.sent.append(Sent(now.astimezone(CPH), nudge.member_id, nudge.kind, nudge.pair_id))

    # --- what members do, at the travelled time --------------------------------------------

    def update(self, pair_id: int, **changes: object) -> None:
        self.pairs[pair_id] = replace(self.pairs[pair_id], **changes)  # type: ignore[arg-type]
        self.replan([pair_id])

    def book(self, pair_id: int, at: datetime) -> None:
        self.update(
            pair_id,
            state=SupervisionState.BOOKET,
            booked_at=at.astimezone(UTC),
            booked_on=self.now(),
            snoozed_until={},
        )

    def report(self, pair_id: int, state: SupervisionState) -> None:
        self.update(pair_id, state=state)

    def moved(self, pair_id: int) -> None:
        self.update(pair_id, state=SupervisionState.IKKE_BOOKET, booked_at=None, booked_on=None)

    def snooze(self, pair_id: int, member: int) -> None:
        pair = self.pairs[pair_id]
        until = snooze_until(self.now(), self.policy)
        self.update(pair_id, snoozed_until={**pair.snoozed_until, member: until})

    def pause(self, member: int, until: datetime | None = None) -> None:
        self.paused[member] = until
        self.replan(pid for pid, p in self.pairs.items() if member in p.members)

    def resume(self, member: int) -> None:
        self.paused.pop(member, None)
        self.replan(pid for pid, p in self.pairs.items() if member in p.members)


def run(
    simulation_factory: Callable[[], CohortSimulation],
    actions: dict[datetime, Callable[[CohortSimulation], None]],
    start: datetime,
    end: datetime,
) -> CohortSimulation:
    step = timedelta(minutes=5)
    with time_machine.travel(start, tick=False) as traveller:
        sim = simulation_factory()
        moment = start
        while moment <= end:
            traveller.move_to(moment)
            for at in sorted(a for a in actions if a == moment):
                actions[at](sim)
            sim.dispatch()
            moment += step
    return sim


GROUPS = {
    0: {10: (1, 2), 11: (3, 4, 5)},
    1: {20: (1, 3), 21: (2, 4, 5)},
    2: {30: (1, 4), 31: (2, 3, 5)},
    3: {40: (1, 5), 41: (2, 3, 4)},
    4: {50: (1, 2), 51: (3, 4, 5)},
}
ALL = (1, 2, 3, 4, 5)
B, A, U, R, F = (
    NudgeKind.BOOK,
    NudgeKind.BOOK_AGAIN,
    NudgeKind.SNOOZED,
    NudgeKind.REMINDER,
    NudgeKind.FOLLOW_UP,
)
EXPECTED: list[tuple[datetime, NudgeKind, tuple[int, ...]]] = [
    # Period 0: teaching day Wed 1 April; Easter closes 2–6 April.
    (cph(4, 7, 8), B, ALL),
    (cph(4, 10, 8), R, (1, 2)),  # Friday before the Monday session
    (cph(4, 13, 14), F, (1, 2)),
    (cph(4, 15, 8), A, (3, 4, 5)),  # three working days before Mon 20 April
    (cph(4, 16, 15, 30), U, (4,)),  # "Påmind mig senere" the day before
    (cph(4, 20, 8), F, (3, 4, 5)),  # session ended 16:30 Friday → Monday morning
    # Period 1: Bo pauses; Cecilie snoozes.
    (cph(4, 21, 8), B, ALL),
    (cph(5, 12, 8), A, (1, 3, 4, 5)),  # Kristi himmelfartsdag 14 May is skipped in the count
    (cph(5, 13, 10), U, (1,)),
    # Period 2: Bo resumes after the morning nudge and gets it then.
    (cph(5, 19, 8), B, (1, 3, 4, 5)),
    (cph(5, 19, 9), B, (2,)),
    (cph(5, 21, 8), A, ALL),  # pinse: 25 May is not a working day
    (cph(5, 22, 8), R, (1, 4)),  # session Tue 26 May: reminder on Friday before pinse
    (cph(5, 26, 11), F, (1, 4)),
    (cph(5, 27, 11, 30), U, (1,)),  # snoozed follow-up
    # Period 3: grundlovsdag Friday 5 June.
    (cph(5, 28, 8), B, ALL),
    (cph(6, 2, 8), A, ALL),
    (cph(6, 3, 8), R, (1, 5)),
    (cph(6, 3, 10), F, (2, 3, 4)),
    (cph(6, 8, 8), F, (1, 5)),  # Thursday 16:30 → past grundlovsdag and the weekend
    # Period 4: two days long, no room for a second nudge.
    (cph(6, 9, 8), B, ALL),
]

ACTIONS: dict[datetime, Callable[[CohortSimulation], None]] = {
    cph(4, 7, 10): lambda s: s.book(10, cph(4, 13, 13)),
    cph(4, 13, 14, 30): lambda s: s.report(10, SupervisionState.HOLDT),
    cph(4, 15, 15, 30): lambda s: s.snooze(11, 4),
    cph(4, 16, 15, 45): lambda s: s.book(11, cph(4, 17, 15, 30)),
    cph(4, 20, 9): lambda s: s.moved(11),
    cph(4, 21, 9): lambda s: s.pause(2),
    cph(5, 12, 10): lambda s: s.snooze(20, 1),
    cph(5, 12, 11): lambda s: s.report(21, SupervisionState.HOLDT),
    cph(5, 19, 9): lambda s: s.resume(2),
    cph(5, 21, 9): lambda s: s.book(30, cph(5, 26, 10)),
    cph(5, 26, 11, 30): lambda s: s.snooze(30, 1),
    cph(5, 27, 12): lambda s: s.report(30, SupervisionState.HOLDT),
    cph(6, 2, 9): lambda s: s.book(40, cph(6, 4, 15, 30)),
    cph(6, 2, 10): lambda s: s.book(41, cph(6, 3, 9)),
    cph(6, 3, 10, 5): lambda s: s.report(41, SupervisionState.AFLYST),
}


@pytest.fixture(scope="module")
def spring_cohort() -> CohortSimulation:
    return run(
        lambda: CohortSimulation(GROUPS, DEFAULT_POLICY),
        ACTIONS,
        start=cph(3, 31, 12),
        end=cph(6, 11, 12),
    )


def test_every_nudge_arrives_on_its_day_and_hour(spring_cohort: CohortSimulation) -> None:
    got = sorted((s.at, s.kind, s.member) for s in spring_cohort.sent)
    want = sorted((at, kind, m) for at, kind, members in EXPECTED for m in members)
    assert got == want


def test_nothing_is_sent_outside_working_hours_or_on_holidays(
    spring_cohort: CohortSimulation,
) -> None:
    assert spring_cohort.sent
    for sent in spring_cohort.sent:
        assert sent.at.weekday() < 5
        assert sent.at.date() not in danish_holidays(2026)
        assert 8 <= sent.at.hour < 16
        assert is_within_working_hours(sent.at)


def test_no_nudge_to_a_pair_after_it_reported_the_period_done(
    spring_cohort: CohortSimulation,
) -> None:
    done_at = {10: cph(4, 13, 14, 30), 21: cph(5, 12, 11), 30: cph(5, 27, 12), 41: cph(6, 3, 10, 5)}
    for sent in spring_cohort.sent:
        if sent.pair_id in done_at:
            assert sent.at < done_at[sent.pair_id]


def test_each_nudge_is_sent_once(spring_cohort: CohortSimulation) -> None:
    keys = [(s.pair_id, s.member, s.kind, s.at) for s in spring_cohort.sent]
    assert len(keys) == len(set(keys))
    sent_rows = [r for r in spring_cohort.rows.values() if r.status is NudgeStatus.SENT]
    assert len(sent_rows) == len(spring_cohort.sent)


def test_the_lead_sees_each_pairs_progress(spring_cohort: CohortSimulation) -> None:
    with time_machine.travel(cph(6, 11, 12), tick=False):
        now = datetime.now(UTC)
        seen = {pid: progress(p, now) for pid, p in spring_cohort.pairs.items()}
    assert seen == {
        10: Progress.HELD,
        11: Progress.OVERDUE,  # moved, never rebooked
        20: Progress.OVERDUE,
        21: Progress.HELD,
        30: Progress.HELD,
        31: Progress.OVERDUE,
        40: Progress.OVERDUE,  # held on 4 June? nobody answered the follow-up
        41: Progress.CANCELLED,
        50: Progress.OVERDUE,
        51: Progress.OVERDUE,
    }


# --- single-period rules -------------------------------------------------------------------

PERIOD = Period(0, date(2026, 3, 10), date(2026, 3, 24))  # Tue → Tue, no holidays


def pair(**changes: object) -> PairPeriod:
    return replace(PairPeriod(7, PERIOD, (1, 2)), **changes)  # type: ignore[arg-type]


def by_kind(nudges: Iterable[PlannedNudge]) -> dict[tuple[NudgeKind, int], datetime]:
    return {(n.kind, n.member_id): n.due_at.astimezone(CPH) for n in nudges}


def test_booking_nudges_for_an_unbooked_pair() -> None:
    assert by_kind(plan_nudges(pair())) == {
        (B, 1): cph(3, 11, 8),
        (B, 2): cph(3, 11, 8),
        (A, 1): cph(3, 19, 8),
        (A, 2): cph(3, 19, 8),
    }


def test_second_nudge_distance_is_configurable() -> None:
    policy = NudgePolicy(second_nudge_working_days=5)
    assert by_kind(plan_nudges(pair(), policy))[(A, 1)] == cph(3, 17, 8)
    with pytest.raises(ValueError):
        NudgePolicy(second_nudge_working_days=0)


def test_working_hours_are_configurable() -> None:
    policy = NudgePolicy(hours=WorkingHours.from_hours(9, 15))
    planned = by_kind(plan_nudges(pair(), policy))
    assert planned[(B, 1)] == cph(3, 11, 9)
    booked = pair(
        state=SupervisionState.BOOKET, booked_at=cph(3, 16, 14, 30), booked_on=cph(3, 11, 9)
    )
    assert by_kind(plan_nudges(booked, policy))[(F, 1)] == cph(3, 17, 9)


def test_done_pair_gets_nothing() -> None:
    assert plan_nudges(pair(state=SupervisionState.HOLDT)) == []
    assert plan_nudges(pair(state=SupervisionState.AFLYST)) == []


def test_booked_pair_gets_reminder_and_follow_up_only() -> None:
    booked = pair(state=SupervisionState.BOOKET, booked_at=cph(3, 18, 10), booked_on=cph(3, 11, 9))
    assert by_kind(plan_nudges(booked)) == {
        (R, 1): cph(3, 17, 8),
        (R, 2): cph(3, 17, 8),
        (F, 1): cph(3, 18, 11),
        (F, 2): cph(3, 18, 11),
    }


def test_no_reminder_when_booked_after_the_reminder_moment() -> None:
    booked = pair(state=SupervisionState.BOOKET, booked_at=cph(3, 18, 10), booked_on=cph(3, 17, 12))
    assert {kind for kind, _ in by_kind(plan_nudges(booked))} == {F}


def test_indefinite_pause_silences_only_that_member() -> None:
    planned = plan_nudges(pair(), paused={2: None})
    assert {n.member_id for n in planned} == {1}


def test_pause_until_a_date_moves_nudges_after_it() -> None:
    planned = by_kind(plan_nudges(pair(), paused={2: cph(3, 16, 12)}))
    assert planned[(B, 2)] == cph(3, 16, 12)
    assert planned[(A, 2)] == cph(3, 19, 8)
    assert planned[(B, 1)] == cph(3, 11, 8)
    # A pause ending after the second nudge's moment: the first nudge is superseded, dropped.
    planned = by_kind(plan_nudges(pair(), paused={2: cph(3, 19, 12)}))
    assert (B, 2) not in planned
    assert planned[(A, 2)] == cph(3, 19, 12)
    # A pause ending at night moves the nudge to the next opening.
    planned = by_kind(plan_nudges(pair(), paused={2: cph(3, 12, 20)}))
    assert planned[(B, 2)] == cph(3, 13, 8)


def test_snooze_replaces_earlier_booking_nudges() -> None:
    snoozed = pair(snoozed_until={1: cph(3, 20, 10)})
    planned = by_kind(plan_nudges(snoozed))
    assert (A, 1) not in planned  # due before the snooze ends
    assert planned[(U, 1)] == cph(3, 20, 10)
    assert planned[(A, 2)] == cph(3, 19, 8)


def test_snooze_past_the_next_teaching_day_is_dropped() -> None:
    snoozed = pair(snoozed_until={1: cph(3, 24, 10)})
    assert (U, 1) not in by_kind(plan_nudges(snoozed))


def test_snooze_lands_inside_working_hours() -> None:
    # Friday 15:50 + one day = Saturday → Monday 08:00.
    assert snooze_until(cph(3, 13, 15, 50)) == cph(3, 16, 8)


def test_booking_deadline_is_midnight_before_the_teaching_day() -> None:
    assert booking_deadline(PERIOD) == cph(3, 24, 0)


def test_reconcile_is_idempotent_and_catches_up_late_pairs() -> None:
    planned = plan_nudges(pair())
    late = cph(3, 13, 9, 30)  # pair formed after the first nudge's moment
    first = reconcile(planned, [], late)
    assert by_kind(first.insert) == {
        (B, 1): cph(3, 13, 9, 30),
        (B, 2): cph(3, 13, 9, 30),
        (A, 1): cph(3, 19, 8),
        (A, 2): cph(3, 19, 8),
    }
    stored = [
        ExistingNudge(n.key, NudgeStatus.WAITING, n.due_at, n.expires_at) for n in first.insert
    ]
    again = reconcile(planned, stored, cph(3, 13, 9, 35))
    assert (again.insert, again.update, again.cancel) == ((), (), ())


def test_reconcile_after_the_second_nudge_sends_only_that_one() -> None:
    first = reconcile(plan_nudges(pair()), [], cph(3, 20, 9))
    assert {(n.kind, n.member_id) for n in first.insert} == {(A, 1), (A, 2)}


def test_reconcile_cancels_what_no_longer_fits_and_never_touches_history() -> None:
    keys = {n.kind: n for n in plan_nudges(pair()) if n.member_id == 1}
    existing = [
        ExistingNudge(keys[B].key, NudgeStatus.SENT, keys[B].due_at, keys[B].expires_at),
        ExistingNudge(keys[A].key, NudgeStatus.WAITING, keys[A].due_at, keys[A].expires_at),
    ]
    booked = pair(state=SupervisionState.BOOKET, booked_at=cph(3, 18, 10), booked_on=cph(3, 12, 9))
    changes = reconcile(plan_nudges(booked), existing, cph(3, 12, 9))
    assert changes.cancel == (keys[A].key,)
    assert {(n.kind, n.member_id) for n in changes.insert} == {(R, 1), (R, 2), (F, 1), (F, 2)}
    # A claimed row is being sent right now: left alone even when the plan dropped it.
    claimed = [replace(existing[1], claimed=True)]
    assert reconcile(plan_nudges(booked), claimed, cph(3, 12, 9)).cancel == ()


def test_cancelled_nudge_comes_back_when_wanted_again() -> None:
    planned = plan_nudges(pair())
    cancelled = [
        ExistingNudge(n.key, NudgeStatus.CANCELLED, n.due_at, n.expires_at) for n in planned
    ]
    changes = reconcile(planned, cancelled, cph(3, 10, 12))
    assert {n.key for n in changes.update} == {n.key for n in planned}
    assert changes.insert == ()


def test_nudge_text_follows_the_state_at_send_time() -> None:
    common = {
        "recipient": "Anna",
        "partners": ["Bo", "Cecilie"],
        "next_day": date(2026, 3, 24),
        "booked_at": cph(3, 18, 10),
    }
    booking = render_nudge(U, state=SupervisionState.IKKE_BOOKET, **common)  # type: ignore[arg-type]
    report = render_nudge(U, state=SupervisionState.BOOKET, **common)  # type: ignore[arg-type]
    assert "book jeres sparring med Bo og Cecilie inden tirsdag d. 24. marts" in booking.text
    assert Action.BOOKED in {b.action for row in booking.buttons for b in row}
    assert "onsdag d. 18. marts kl. 10.00" in report.text
    assert {b.action for row in report.buttons for b in row} == {
        Action.HELD,
        Action.CANCELLED,
        Action.MOVED,
        Action.SNOOZE,
    }
