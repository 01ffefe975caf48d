"""A member's own view: /sparring, /sparringsguide, /pause, and the buddy-pair part of
/status (each cohort's progress for the lead).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select

from bot.core.context import Context
from bot.features.supervision.common import (
    BOOKED,
    CANCELLED,
    NOT_BOOKED,
    current_period,
    display_names,
    nudge_buttons,
    pair_for,
    policy_of,
    today_of,
)
from bot.storage.models_core import Member
from bot.storage.models_supervision import BuddyPair, Cohort
from bot.supervision_store import (
    PairView,
    cohort_periods,
    cohort_report,
    focus_hints,
    live_pairs,
    memberships,
    progress_of,
    replan_member,
    report_lines,
    team_cohorts,
)
from supervision import texts
from supervision.guide import full_guide
from supervision.messages import (
    BOOKING_BUTTONS,
    FOLLOW_UP_BUTTONS,
    ButtonRows,
    format_day,
    format_when,
    join_names,
    short_day,
)
from supervision.parsing import parse_date
from supervision.plan import NudgePolicy, Period, SupervisionState


async def _my_current_pair(ctx: Context) -> tuple[PairView, Period] | None:
    for membership in await memberships(ctx.db, ctx.member.id):
        period_list = await cohort_periods(ctx.db, membership.cohort_id)
        period = current_period(period_list, today_of(ctx))
        if period is None:
            continue
        for view in await live_pairs(ctx.db, membership.cohort_id, period.index):
            if ctx.member.id in view.members:
                return view, period
    return None


def _state_text(pair: BuddyPair, period: Period, members: tuple[int, ...], ctx: Context) -> str:
    policy = policy_of(ctx)
    state = progress_of(pair, period, members, ctx.now, policy)
    when = format_when(pair.booked_at, policy.hours) if pair.booked_at else ""
    return texts.STATE_LABELS[state.value].format(when=when)


async def my_sparring(ctx: Context, _arg: str) -> None:
    if not await memberships(ctx.db, ctx.member.id):
        ctx.say(texts.NOT_IN_COHORT)
        return
    found = await _my_current_pair(ctx)
    if found is None:
        ctx.say(texts.SPARRING_NONE)
        return
    view, period = found
    names = await display_names(ctx.db, view.members)
    partners = [names[m] for m in view.members if m != ctx.member.id]
    state = SupervisionState(view.pair.state)
    rows: ButtonRows = ()
    if state is NOT_BOOKED or state is CANCELLED:
        rows = BOOKING_BUTTONS
    elif state is BOOKED:
        rows = FOLLOW_UP_BUTTONS[:1]
    ctx.say(
        texts.SPARRING_STATUS.format(
            number=period.index + 1,
            opens=short_day(period.opens),
            closes=short_day(period.closes),
            partners=join_names(partners),
            state=_state_text(view.pair, period, view.members, ctx),
        ),
        buttons=nudge_buttons(ctx.member.id, rows, view.pair.id),
    )


async def show_guide(ctx: Context, _arg: str) -> None:
    found = await _my_current_pair(ctx)
    members: Sequence[Member] = []
    if found is not None:
        members = list(await ctx.db.scalars(select(Member).where(Member.id.in_(found[0].members))))
    ctx.say(full_guide(await focus_hints(ctx.db, members)))


async def on_guide(ctx: Context, arg: str) -> None:
    found = await pair_for(ctx, arg)
    if found is None:
        return
    _, members = found
    rows = list(await ctx.db.scalars(select(Member).where(Member.id.in_(members))))
    ctx.say(full_guide(await focus_hints(ctx.db, rows)))


async def pause(ctx: Context, arg: str) -> None:
    rows = await memberships(ctx.db, ctx.member.id)
    if not rows:
        ctx.say(texts.NOT_IN_COHORT)
        return
    policy = policy_of(ctx)
    if arg.strip():
        day = parse_date(arg, today_of(ctx))
        if day is None:
            ctx.say(texts.PAUSE_BAD_DATE)
            return
        if day <= today_of(ctx):
            ctx.say(texts.PAUSE_PAST)
            return
        until: datetime | None = policy.hours.opening(day)
        paused, reply = True, texts.PAUSED_UNTIL.format(day=format_day(day))
    elif any(row.paused for row in rows):
        until, paused, reply = None, False, texts.RESUMED
    else:
        until, paused, reply = None, True, texts.PAUSED
    for row in rows:
        row.paused, row.paused_until = paused, until
    await ctx.db.flush()
    await replan_member(ctx.db, ctx.member.id, ctx.now, policy)
    ctx.say(reply)


async def status_section(ctx: Context) -> str | None:
    parts: list[str] = []
    policy = policy_of(ctx)
    if ctx.member.is_admin and ctx.member.team_id is not None:
        for cohort in await team_cohorts(ctx.db, ctx.member.team_id):
            parts.append(await _cohort_status(ctx, cohort, policy))
    found = await _my_current_pair(ctx)
    if found is not None:
        view, period = found
        names = await display_names(ctx.db, view.members)
        partners = join_names([names[m] for m in view.members if m != ctx.member.id])
        state = _state_text(view.pair, period, view.members, ctx)
        parts.append(texts.STATUS_MEMBER.format(text=f"med {partners} – {state}"))
    return "\n\n".join(parts) or None


async def _cohort_status(ctx: Context, cohort: Cohort, policy: NudgePolicy) -> str:
    rows = await cohort_report(ctx.db, cohort, ctx.now, policy)
    lines = report_lines(rows, policy) or [texts.STATUS_NO_PERIODS]
    return "\n".join([texts.STATUS_TITLE.format(name=cohort.name), *lines])
