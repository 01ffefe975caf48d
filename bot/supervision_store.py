"""Buddy pairs in the database: cohorts, pairs per period, re-planning nudges and the report.

The chat feature and the CLI share these functions; the rules themselves (calendar, pairing,
the nudge plan) live in the pure ``supervision`` package and are only applied here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.core.teams import new_code
from bot.storage.models_core import Member, PracticeSession
from bot.storage.models_supervision import (
    BuddyPair,
    BuddyPairMember,
    Cohort,
    CohortMember,
    Nudge,
    Reflection,
    TeachingDay,
)
from supervision import texts
from supervision.calendar import WorkingHours, next_send_time
from supervision.guide import FocusHint, most_missed
from supervision.messages import format_when, join_names, short_day
from supervision.pairing import Participant, form_pairs, repair_after_leave
from supervision.plan import (
    ExistingNudge,
    NudgeKind,
    NudgePolicy,
    NudgeStatus,
    PairPeriod,
    Period,
    PlannedNudge,
    Progress,
    SupervisionState,
    periods,
    plan_nudges,
    progress,
    reconcile,
)

PLANNED_KINDS = frozenset(kind.value for kind in NudgeKind)
INVITATION = "invitation"  # one-off: the .ics to the partners of whoever booked
REFLECTION = "refleksion"  # one-off: ask the partners of whoever reported "held"
CANCELLATION = "aflysning"  # one-off: tell the partners, with a cancelling .ics
FOCUS_SESSIONS = 20  # practice calls looked at for a partner's focus


def policy_from(settings: Settings) -> NudgePolicy:
    return NudgePolicy(
        hours=WorkingHours.from_hours(
            settings.working_hours_start, settings.working_hours_end, settings.timezone
        )
    )


# --- cohorts, days, members ------------------------------------------------------------------


async def create_cohort(
    db: AsyncSession, team_id: int, name: str, created_by: int | None, seed: int
) -> Cohort:
    cohort = Cohort(
        team_id=team_id, name=name, join_code=new_code(), created_by=created_by, seed=seed
    )
    db.add(cohort)
    await db.flush()
    return cohort


async def team_cohorts(db: AsyncSession, team_id: int) -> list[Cohort]:
    return list(
        await db.scalars(select(Cohort).where(Cohort.team_id == team_id).order_by(Cohort.id))
    )


async def teaching_days(db: AsyncSession, cohort_id: int) -> list[date]:
    rows = await db.scalars(
        select(TeachingDay.day).where(TeachingDay.cohort_id == cohort_id).order_by(TeachingDay.day)
    )
    return list(rows)


async def cohort_periods(db: AsyncSession, cohort_id: int) -> list[Period]:
    return periods(await teaching_days(db, cohort_id))


async def active_members(db: AsyncSession, cohort_id: int) -> list[Member]:
    """Current members in roster order (who joined first is number 1)."""
    rows = await db.scalars(
        select(Member)
        .join(CohortMember, CohortMember.member_id == Member.id)
        .where(CohortMember.cohort_id == cohort_id, CohortMember.left_at.is_(None))
        .order_by(CohortMember.joined_at, Member.id)
    )
    return list(rows)


async def memberships(db: AsyncSession, member_id: int) -> list[CohortMember]:
    rows = await db.scalars(
        select(CohortMember).where(
            CohortMember.member_id == member_id, CohortMember.left_at.is_(None)
        )
    )
    return list(rows)


async def pauses(db: AsyncSession, cohort_id: int) -> dict[int, datetime | None]:
    rows = await db.scalars(
        select(CohortMember).where(CohortMember.cohort_id == cohort_id, CohortMember.paused)
    )
    return {row.member_id: row.paused_until for row in rows}


# --- pairs --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PairView:
    pair: BuddyPair
    members: tuple[int, ...]


async def pair_members(db: AsyncSession, pair_id: int) -> tuple[int, ...]:
    rows = await db.scalars(
        select(BuddyPairMember.member_id)
        .where(BuddyPairMember.pair_id == pair_id)
        .order_by(BuddyPairMember.member_id)
    )
    return tuple(rows)


async def live_pairs(
    db: AsyncSession, cohort_id: int, period_index: int | None = None
) -> list[PairView]:
    """Pairs not dissolved by a re-pairing, optionally of one period."""
    query = select(BuddyPair).where(
        BuddyPair.cohort_id == cohort_id, BuddyPair.dissolved_at.is_(None)
    )
    if period_index is not None:
        query = query.where(BuddyPair.period_index == period_index)
    pairs = list(await db.scalars(query.order_by(BuddyPair.period_index, BuddyPair.id)))
    if not pairs:
        return []
    rows = await db.execute(
        select(BuddyPairMember.pair_id, BuddyPairMember.member_id)
        .where(BuddyPairMember.pair_id.in_([p.id for p in pairs]))
        .order_by(BuddyPairMember.member_id)
    )
    members: dict[int, list[int]] = {}
    for pair_id, member_id in rows:
        members.setdefault(pair_id, []).append(member_id)
    return [PairView(p, tuple(members.get(p.id, ()))) for p in pairs]


async def history(db: AsyncSession, cohort_id: int, before_period: int) -> list[tuple[int, ...]]:
    return [
        view.members
        for view in await live_pairs(db, cohort_id)
        if view.pair.period_index < before_period
    ]


async def create_groups(
    db: AsyncSession, cohort: Cohort, period_index: int, groups: Iterable[Sequence[int]]
) -> list[BuddyPair]:
    created = []
    for group in groups:
        pair = BuddyPair(cohort_id=cohort.id, period_index=period_index)
        db.add(pair)
        await db.flush()
        db.add_all(BuddyPairMember(pair_id=pair.id, member_id=m) for m in group)
        created.append(pair)
    await db.flush()
    return created


async def dissolve(db: AsyncSession, pairs: Iterable[BuddyPair], now: datetime) -> None:
    """Retire pairs (kept for history) and cancel what they still had waiting."""
    ids = [pair.id for pair in pairs]
    for pair in pairs:
        pair.dissolved_at = now
    if ids:
        await db.execute(
            update(Nudge)
            .where(Nudge.pair_id.in_(ids), Nudge.status == NudgeStatus.WAITING.value)
            .values(status=NudgeStatus.CANCELLED.value)
            .execution_options(synchronize_session=False)
        )
    await db.flush()


def period_started(views: Sequence[PairView]) -> bool:
    return any(view.pair.state != SupervisionState.IKKE_BOOKET.value for view in views)


async def auto_pairs(
    db: AsyncSession, cohort: Cohort, period_index: int, members: Sequence[Member]
) -> tuple[tuple[int, ...], ...]:
    participants = [Participant(m.id, m.organisation) for m in members]
    earlier = await history(db, cohort.id, period_index)
    return form_pairs(participants, earlier, seed=cohort.seed * 1000 + period_index).groups


async def leave_cohort(
    db: AsyncSession, cohort: Cohort, member_id: int, now: datetime, policy: NudgePolicy
) -> list[PairView]:
    """Take a member off the cohort and re-pair the periods not yet over.

    A period the member's group has already held stays as it was (it happened, with them), and
    no one is moved into a group that has held its session. Pair rows are kept where a group
    survives (a trio losing one keeps its booking); only groups that are really new get new
    rows. Returns the groups that changed.
    """
    await db.execute(
        update(CohortMember)
        .where(CohortMember.cohort_id == cohort.id, CohortMember.member_id == member_id)
        .values(left_at=now)
        .execution_options(synchronize_session=False)
    )
    members = await active_members(db, cohort.id)
    participants = [Participant(m.id, m.organisation) for m in members]
    today = policy.hours.local(now).date()
    changed: list[PairView] = []
    for period in await cohort_periods(db, cohort.id):
        if period.closes <= today:
            continue
        views = await live_pairs(db, cohort.id, period.index)
        if not any(member_id in view.members for view in views):
            continue
        held = [v.members for v in views if v.pair.state == SupervisionState.HOLDT.value]
        if any(member_id in group for group in held):
            continue
        earlier = await history(db, cohort.id, period.index)
        repaired = repair_after_leave(
            [v.members for v in views], member_id, participants, earlier, fixed=held
        )
        changed += await _apply_groups(db, cohort, period.index, views, repaired, now, policy)
    await db.flush()
    return changed


async def _apply_groups(
    db: AsyncSession,
    cohort: Cohort,
    period_index: int,
    views: Sequence[PairView],
    groups: Sequence[tuple[int, ...]],
    now: datetime,
    policy: NudgePolicy,
) -> list[PairView]:
    """Turn a regrouping into row changes, reusing the row of any group that keeps two people."""
    used: set[int] = set()
    changed: list[PairView] = []
    for group in groups:
        match = next(
            (v for v in views if v.pair.id not in used and len(set(v.members) & set(group)) >= 2),
            None,
        )
        if match is None:
            (pair,) = await create_groups(db, cohort, period_index, [group])
        else:
            pair = match.pair
            used.add(pair.id)
            if match.members == group:
                continue
            await db.execute(
                delete(BuddyPairMember).where(
                    BuddyPairMember.pair_id == pair.id,
                    BuddyPairMember.member_id.not_in(group),
                )
            )
            db.add_all(
                BuddyPairMember(pair_id=pair.id, member_id=m)
                for m in group
                if m not in match.members
            )
            pair.updated_at = now
            await db.flush()
        changed.append(PairView(pair, group))
        await replan_pair(db, pair, now, policy)
    await dissolve(db, [v.pair for v in views if v.pair.id not in used], now)
    return changed


# --- planning ----------------------------------------------------------------------------------


def snoozes(pair: BuddyPair) -> dict[int, datetime]:
    return {int(k): datetime.fromisoformat(v) for k, v in (pair.snoozed or {}).items()}


async def pair_period(db: AsyncSession, pair: BuddyPair) -> PairPeriod | None:
    """The pure view of a pair the plan works on; None when its period no longer exists."""
    period_list = await cohort_periods(db, pair.cohort_id)
    if pair.period_index >= len(period_list):
        return None
    return PairPeriod(
        pair_id=pair.id,
        period=period_list[pair.period_index],
        members=await pair_members(db, pair.id),
        state=SupervisionState(pair.state),
        booked_at=pair.booked_at,
        booked_on=pair.booked_on,
        snoozed_until=snoozes(pair),
    )


async def replan_pair(
    db: AsyncSession, pair: BuddyPair, now: datetime, policy: NudgePolicy
) -> list[PlannedNudge]:
    """Make the pair's waiting nudges match its plan; returns the plan."""
    view = await pair_period(db, pair)
    paused = await pauses(db, pair.cohort_id)
    planned = [] if view is None or pair.dissolved_at else plan_nudges(view, policy, paused)
    rows = {
        row.key: row
        for row in await db.scalars(
            select(Nudge).where(Nudge.pair_id == pair.id, Nudge.kind.in_(PLANNED_KINDS))
        )
    }
    existing = [
        ExistingNudge(
            row.key, NudgeStatus(row.status), row.due_at, row.expires_at, row.claimed_at is not None
        )
        for row in rows.values()
    ]
    changes = reconcile(planned, existing, now, policy.hours)
    for nudge in changes.insert:
        db.add(
            Nudge(
                member_id=nudge.member_id,
                pair_id=pair.id,
                kind=nudge.kind.value,
                key=nudge.key,
                due_at=nudge.due_at,
                expires_at=nudge.expires_at,
                status=NudgeStatus.WAITING.value,
            )
        )
    for nudge in changes.update:
        row = rows[nudge.key]
        row.status = NudgeStatus.WAITING.value
        row.due_at = nudge.due_at
        row.expires_at = nudge.expires_at
    for key in changes.cancel:
        rows[key].status = NudgeStatus.CANCELLED.value
    await db.flush()
    return planned


async def replan_cohort(
    db: AsyncSession, cohort_id: int, now: datetime, policy: NudgePolicy
) -> None:
    for view in await live_pairs(db, cohort_id):
        await replan_pair(db, view.pair, now, policy)


async def replan_member(
    db: AsyncSession, member_id: int, now: datetime, policy: NudgePolicy
) -> None:
    pair_ids = await db.scalars(
        select(BuddyPairMember.pair_id).where(BuddyPairMember.member_id == member_id)
    )
    for pair_id in list(pair_ids):
        pair = await db.get(BuddyPair, pair_id)
        if pair is not None and pair.dissolved_at is None:
            await replan_pair(db, pair, now, policy)


async def add_one_off(
    db: AsyncSession,
    pair: BuddyPair,
    kind: str,
    members: Iterable[int],
    key_suffix: str,
    now: datetime,
    policy: NudgePolicy,
    payload: Mapping[str, object] | None = None,
) -> None:
    """A nudge outside the plan (invitation, reflection prompt), sent at the next send time."""
    due = next_send_time(now, policy.hours)
    for member in members:
        key = f"p{pair.period_index}:{kind}:{member}:{key_suffix}"
        exists = await db.scalar(select(Nudge.id).where(Nudge.pair_id == pair.id, Nudge.key == key))
        if exists is None:
            db.add(
                Nudge(
                    member_id=member,
                    pair_id=pair.id,
                    kind=kind,
                    key=key,
                    due_at=due,
                    payload=dict(payload or {}),
                    status=NudgeStatus.WAITING.value,
                )
            )
    await db.flush()


def minute_key(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M")


# --- focus from practice -----------------------------------------------------------------------


async def focus_hints(db: AsyncSession, members: Sequence[Member]) -> list[FocusHint]:
    """Each partner's two most-missed rubric criteria from their recent finished practice calls."""
    hints = []
    for member in members:
        states: Iterable[dict[str, Any]] = await db.scalars(
            select(PracticeSession.state)
            .where(PracticeSession.member_id == member.id, PracticeSession.finished)
            .order_by(PracticeSession.id.desc())
            .limit(FOCUS_SESSIONS)
        )
        results = [_criteria_of(state) for state in states]
        hints.append(FocusHint(member.display_name, most_missed(r for r in results if r)))
    return hints


def _criteria_of(state: Mapping[str, object]) -> dict[str, dict[str, bool]]:
    """Reached phases' criteria from a saved practice call; tolerant of older formats."""
    phases = state.get("phases") if isinstance(state, Mapping) else None
    if not isinstance(phases, Mapping):
        return {}
    found: dict[str, dict[str, bool]] = {}
    for phase, record in phases.items():
        if not isinstance(record, Mapping) or not record.get("turns"):
            continue
        criteria = record.get("criteria")
        if isinstance(criteria, Mapping):
            found[str(phase)] = {str(k): bool(v) for k, v in criteria.items()}
    return found


# --- report ------------------------------------------------------------------------------------


def progress_of(
    pair: BuddyPair, period: Period, members: tuple[int, ...], now: datetime, policy: NudgePolicy
) -> Progress:
    pure = PairPeriod(
        pair.id, period, members, SupervisionState(pair.state), pair.booked_at, pair.booked_on
    )
    return progress(pure, now, policy)


@dataclass(frozen=True, slots=True)
class ReportRow:
    cohort: str
    period: Period
    pair_id: int
    names: tuple[str, ...]
    progress: Progress
    booked_at: datetime | None
    share_held: float
    reflections: tuple[tuple[str, str], ...]  # (name, text)


async def cohort_report(
    db: AsyncSession, cohort: Cohort, now: datetime, policy: NudgePolicy
) -> list[ReportRow]:
    period_list = await cohort_periods(db, cohort.id)
    views = [v for v in await live_pairs(db, cohort.id) if v.pair.period_index < len(period_list)]
    written = (
        list(
            await db.scalars(
                select(Reflection)
                .where(Reflection.pair_id.in_([v.pair.id for v in views]))
                .order_by(Reflection.id)
            )
        )
        if views
        else []
    )
    # A reflection's author may have left the pair since (a trio after /hold_fjern).
    member_ids = {m for v in views for m in v.members} | {r.member_id for r in written}
    names = {
        m.id: m.display_name
        for m in await db.scalars(select(Member).where(Member.id.in_(member_ids)))
    }
    reflections: dict[int, list[tuple[str, str]]] = {}
    if views:
        for reflection in written:
            who = names.get(reflection.member_id, "?")
            reflections.setdefault(reflection.pair_id, []).append((who, reflection.text))
    rows: list[ReportRow] = []
    by_period: dict[int, list[tuple[PairView, Progress]]] = {}
    for view in views:
        period = period_list[view.pair.period_index]
        state = progress_of(view.pair, period, view.members, now, policy)
        by_period.setdefault(period.index, []).append((view, state))
    for index, entries in sorted(by_period.items()):
        held = sum(1 for _, p in entries if p is Progress.HELD)
        share = held / len(entries)
        for view, state in entries:
            rows.append(
                ReportRow(
                    cohort=cohort.name,
                    period=period_list[index],
                    pair_id=view.pair.id,
                    names=_group_names(view.members, names),
                    progress=state,
                    booked_at=view.pair.booked_at,
                    share_held=share,
                    reflections=tuple(reflections.get(view.pair.id, ())),
                )
            )
    return rows


def _group_names(members: Sequence[int], names: Mapping[int, str]) -> tuple[str, ...]:
    """A group shrinks below two only when someone deleted their data after it held."""
    known = tuple(names.get(m, "?") for m in members)
    return known if len(known) >= 2 else (*known, texts.FORMER_MEMBER)


def report_lines(rows: Sequence[ReportRow], policy: NudgePolicy) -> list[str]:
    """The report as the lead reads it: per period the share held, per pair its state."""
    lines: list[str] = []
    for index in sorted({row.period.index for row in rows}):
        in_period = [row for row in rows if row.period.index == index]
        period = in_period[0].period
        held = sum(1 for row in in_period if row.progress is Progress.HELD)
        lines.append(
            texts.STATUS_PERIOD.format(
                number=index + 1,
                opens=short_day(period.opens),
                closes=short_day(period.closes),
                held=held,
                total=len(in_period),
                share=round(in_period[0].share_held * 100),
            )
        )
        for row in in_period:
            when = format_when(row.booked_at, policy.hours) if row.booked_at else ""
            state = texts.PROGRESS_LABELS[row.progress.value].format(when=when)
            lines.append(texts.STATUS_PAIR.format(names=join_names(list(row.names)), state=state))
            lines += [
                texts.STATUS_REFLECTION.format(name=name, text=text)
                for name, text in row.reflections
            ]
    return lines


async def member_data(db: AsyncSession, member_id: int, policy: NudgePolicy) -> dict[str, Any]:
    """/mine_data: cohorts and pauses, pairs and partners per period, bookings, reports,
    snoozes, reflections and the nudges queued or sent to the person."""
    hours = policy.hours

    def stamp(moment: datetime | None) -> str | None:
        return hours.local(moment).isoformat(timespec="minutes") if moment else None

    cohorts: dict[int, Cohort] = {}
    membership_rows = list(
        await db.scalars(select(CohortMember).where(CohortMember.member_id == member_id))
    )
    for row in membership_rows:
        cohort = await db.get(Cohort, row.cohort_id)
        if cohort is not None:
            cohorts[cohort.id] = cohort
    pair_ids = set(
        await db.scalars(
            select(BuddyPairMember.pair_id).where(BuddyPairMember.member_id == member_id)
        )
    )
    pairs = list(
        await db.scalars(
            select(BuddyPair)
            .where(
                (BuddyPair.id.in_(pair_ids))
                | (BuddyPair.booked_by == member_id)
                | (BuddyPair.reported_by == member_id)
            )
            .order_by(BuddyPair.period_index, BuddyPair.id)
        )
    )
    pair_rows = []
    for pair in pairs:
        if pair.cohort_id not in cohorts:
            cohort = await db.get(Cohort, pair.cohort_id)
            if cohort is not None:
                cohorts[cohort.id] = cohort
        members = await pair_members(db, pair.id)
        partners = await db.scalars(
            select(Member.display_name).where(Member.id.in_(members), Member.id != member_id)
        )
        snoozed = (pair.snoozed or {}).get(str(member_id))
        pair_rows.append(
            {
                "hold": cohorts[pair.cohort_id].name if pair.cohort_id in cohorts else None,
                "periode": pair.period_index + 1,
                "makkere": list(partners),
                "med_i_parret": pair.id in pair_ids,
                "status": pair.state,
                "oploest": stamp(pair.dissolved_at),
                "booket_af_dig": stamp(pair.booked_at) if pair.booked_by == member_id else None,
                "booket_den": stamp(pair.booked_on) if pair.booked_by == member_id else None,
                "meldt_af_dig": pair.state if pair.reported_by == member_id else None,
                "udsat_til": snoozed,
            }
        )
    reflections = [
        {"periode_makkerpar": r.pair_id, "refleksion": r.text, "tidspunkt": stamp(r.created_at)}
        for r in await db.scalars(select(Reflection).where(Reflection.member_id == member_id))
    ]
    nudges = [
        {
            "type": n.kind,
            "tidspunkt": stamp(n.due_at),
            "status": n.status,
            "sendt": stamp(n.sent_at),
        }
        for n in await db.scalars(
            select(Nudge).where(Nudge.member_id == member_id).order_by(Nudge.due_at)
        )
    ]
    return {
        "hold": [
            {
                "hold": cohorts[row.cohort_id].name if row.cohort_id in cohorts else None,
                "tilmeldt": stamp(row.joined_at),
                "udmeldt": stamp(row.left_at),
                "pause": row.paused,
                "pause_til": stamp(row.paused_until),
            }
            for row in membership_rows
        ],
        "oprettede_hold": [
            c.name for c in await db.scalars(select(Cohort).where(Cohort.created_by == member_id))
        ],
        "makkerpar": pair_rows,
        "refleksioner": reflections,
        "paamindelser": nudges,
    }


async def delete_member_data(
    db: AsyncSession, member_id: int, now: datetime, policy: NudgePolicy
) -> None:
    """/slet_mig: leave every cohort (re-pairing open periods) and erase every trace.

    Held pairs keep their state for the lead's numbers but lose the person: membership,
    bookings and reports by them, their snoozes, reflections and nudges all go.
    """
    for membership in await memberships(db, member_id):
        cohort = await db.get(Cohort, membership.cohort_id)
        if cohort is not None:
            await leave_cohort(db, cohort, member_id, now, policy)
    key = str(member_id)
    for pair in await db.scalars(select(BuddyPair).where(BuddyPair.snoozed.is_not(None))):
        if key in (pair.snoozed or {}):
            pair.snoozed = {k: v for k, v in pair.snoozed.items() if k != key}
    await db.execute(
        update(BuddyPair)
        .where(BuddyPair.booked_by == member_id)
        .values(booked_by=None)
        .execution_options(synchronize_session=False)
    )
    await db.execute(
        update(BuddyPair)
        .where(BuddyPair.reported_by == member_id)
        .values(reported_by=None)
        .execution_options(synchronize_session=False)
    )
    await db.execute(
        update(Cohort)
        .where(Cohort.created_by == member_id)
        .values(created_by=None)
        .execution_options(synchronize_session=False)
    )
    await db.execute(delete(BuddyPairMember).where(BuddyPairMember.member_id == member_id))
    await db.execute(delete(Reflection).where(Reflection.member_id == member_id))
    await db.execute(delete(Nudge).where(Nudge.member_id == member_id))
    await db.execute(delete(CohortMember).where(CohortMember.member_id == member_id))
    await db.flush()
