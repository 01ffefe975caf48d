"""Booking a session from a nudge: day and time by button or typed text, and the .ics
invitation that puts it (or its cancellation) in both calendars.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import texts as core_texts
from bot.core.context import Context
from bot.core.messages import Attachment, Button
from bot.features.supervision.common import (
    BOOKED,
    DAY_ACTION,
    FLOW_BOOKING,
    TIME_ACTION,
    display_names,
    open_pair_for,
    policy_of,
    today_of,
)
from bot.storage.models_core import Member
from bot.storage.models_supervision import BuddyPair
from bot.supervision_store import (
    INVITATION,
    add_one_off,
    focus_hints,
    minute_key,
    pair_period,
    replan_pair,
)
from supervision import texts
from supervision.calendar import WorkingHours
from supervision.guide import full_guide
from supervision.ics import invite_uid, session_invite
from supervision.messages import format_day, format_when, join_names
from supervision.parsing import parse_time, parse_when
from supervision.plan import NudgePolicy

BOOKING_HORIZON_DAYS = 90
DAY_CHOICES = 6
TIME_CHOICES = (time(8), time(9), time(10), time(11), time(12), time(13), time(14), time(15))


def ics_invite(
    pair: BuddyPair,
    names: Sequence[str],
    guide: str,
    now: datetime,
    policy: NudgePolicy,
    *,
    cancelled: bool = False,
) -> Attachment:
    if pair.booked_at is None:
        raise ValueError("no booked time to invite to")
    data = session_invite(
        cancelled=cancelled,
        uid=invite_uid(pair.id),
        start=pair.booked_at,
        length=policy.session_length,
        names=names,
        guide=guide,
        stamp=now,
        sequence=pair.invite_sequence,
        timezone=policy.hours.timezone,
    )
    return Attachment(texts.ICS_FILENAME, "text/calendar", data)


async def pair_ics_invite(
    db: AsyncSession,
    pair: BuddyPair,
    members: Sequence[int],
    now: datetime,
    policy: NudgePolicy,
    *,
    cancelled: bool = False,
) -> Attachment:
    rows = list(await db.scalars(select(Member).where(Member.id.in_(members))))
    names = {m.id: m.display_name for m in rows}
    guide = full_guide(await focus_hints(db, rows))
    return ics_invite(pair, [names[m] for m in members], guide, now, policy, cancelled=cancelled)


def _day_buttons(ctx: Context, hours: WorkingHours) -> list[list[Button]]:
    day = today_of(ctx)
    if hours.local(ctx.now).time() >= hours.end or not hours.is_working_day(day):
        day += timedelta(days=1)
    choices: list[date] = []
    while len(choices) < DAY_CHOICES:
        if hours.is_working_day(day):
            choices.append(day)
        day += timedelta(days=1)
    buttons = [
        ctx.button(
            texts.DAY_BUTTON.format(
                weekday=texts.WEEKDAYS_SHORT[d.weekday()], day=d.day, month=d.month
            ),
            DAY_ACTION,
            d.strftime("%Y%m%d"),
        )
        for d in choices
    ]
    return [buttons[:3], buttons[3:]]


def _time_buttons(ctx: Context) -> list[list[Button]]:
    buttons = [
        ctx.button(
            texts.TIME_BUTTON.format(hour=t.hour, minute=t.minute), TIME_ACTION, t.strftime("%H%M")
        )
        for t in TIME_CHOICES
    ]
    return [buttons[:4], buttons[4:]]


def start_booking(ctx: Context, pair: BuddyPair, question: str) -> None:
    ctx.start_flow(FLOW_BOOKING, {"pair": pair.id})
    ctx.say(question, buttons=_day_buttons(ctx, policy_of(ctx).hours))


async def on_booked(ctx: Context, arg: str) -> None:
    found = await open_pair_for(ctx, arg)
    if found is None:
        return
    pair, _ = found
    start_booking(ctx, pair, texts.BOOK_ASK_DAY)


async def on_day(ctx: Context, arg: str) -> None:
    try:
        day = datetime.strptime(arg, "%Y%m%d").date()
    except ValueError:
        ctx.say(core_texts.BUTTON_UNKNOWN)
        return
    await _choose_day(ctx, day)


async def on_time(ctx: Context, arg: str) -> None:
    try:
        chosen = datetime.strptime(arg, "%H%M").time()
    except ValueError:
        ctx.say(core_texts.BUTTON_UNKNOWN)
        return
    await _choose_time(ctx, chosen)


async def booking_text(ctx: Context, text: str) -> None:
    """The day, the time, or both at once ("tirsdag kl 10") – whichever is still missing."""
    chosen = parse_time(text) if "day" in ctx.flow_data else None
    if chosen is not None:
        await _choose_time(ctx, chosen)
        return
    day, chosen = parse_when(text, today_of(ctx))
    if day is None:
        if "day" in ctx.flow_data:
            ctx.say(texts.BOOK_BAD_TIME, buttons=_time_buttons(ctx))
        else:
            ctx.say(texts.BOOK_BAD_DAY, buttons=_day_buttons(ctx, policy_of(ctx).hours))
        return
    if await _choose_day(ctx, day, ask_time=chosen is None) and chosen is not None:
        await _choose_time(ctx, chosen)


async def _choose_day(ctx: Context, day: date, *, ask_time: bool = True) -> bool:
    today = today_of(ctx)
    if day < today:
        ctx.say(texts.BOOK_PAST, buttons=_day_buttons(ctx, policy_of(ctx).hours))
        return False
    if day > today + timedelta(days=BOOKING_HORIZON_DAYS):
        ctx.say(
            texts.BOOK_TOO_FAR.format(days=BOOKING_HORIZON_DAYS),
            buttons=_day_buttons(ctx, policy_of(ctx).hours),
        )
        return False
    ctx.update_flow(day=day.isoformat())
    if ask_time:
        ctx.say(texts.BOOK_ASK_TIME.format(day=format_day(day)), buttons=_time_buttons(ctx))
    return True


async def _choose_time(ctx: Context, chosen: time) -> None:
    data = ctx.flow_data
    if "day" not in data or "pair" not in data:
        ctx.say(core_texts.BUTTON_STALE)
        return
    hours = policy_of(ctx).hours
    when = datetime.combine(date.fromisoformat(data["day"]), chosen, tzinfo=hours.zone)
    if when <= ctx.now:
        ctx.say(texts.BOOK_PAST, buttons=_time_buttons(ctx))
        return
    ctx.end_flow()
    await _book(ctx, str(data["pair"]), when)


async def _book(ctx: Context, pair_arg: str, when: datetime) -> None:
    found = await open_pair_for(ctx, pair_arg)
    if found is None:
        return
    pair, members = found
    policy = policy_of(ctx)
    names = await display_names(ctx.db, members)
    partners = [names[m] for m in members if m != ctx.member.id]
    guide_members = list(await ctx.db.scalars(select(Member).where(Member.id.in_(members))))
    guide = full_guide(await focus_hints(ctx.db, guide_members))
    names_in_order = [names[m] for m in members]
    if pair.state == BOOKED and pair.booked_at == when:
        ctx.say(
            texts.BOOKED_SAME,
            attachments=[ics_invite(pair, names_in_order, guide, ctx.now, policy)],
        )
        return
    notes: list[str] = []
    if pair.state == BOOKED and pair.booked_at is not None and pair.booked_by != ctx.member.id:
        who = (
            (await display_names(ctx.db, [pair.booked_by]))[pair.booked_by]
            if pair.booked_by
            else ""
        )
        notes.append(
            texts.BOOKED_MOVED.format(
                name=who,
                old=format_when(pair.booked_at, policy.hours),
                new=format_when(when, policy.hours),
            )
        )
    if pair.booked_by is not None:
        pair.invite_sequence += 1  # a moved session updates the calendar event
    pair.state = BOOKED.value
    pair.booked_at = when
    pair.booked_on = ctx.now
    pair.booked_by = ctx.member.id
    pair.snoozed = {}
    pair.updated_at = ctx.now
    await ctx.db.flush()
    await replan_pair(ctx.db, pair, ctx.now, policy)
    partner_ids = [m for m in members if m != ctx.member.id]
    await add_one_off(ctx.db, pair, INVITATION, partner_ids, minute_key(when), ctx.now, policy)
    if not _within_hours(when, policy.hours):
        notes.append(
            texts.BOOK_OUTSIDE_HOURS.format(
                start=policy.hours.start.strftime("%H.%M"), end=policy.hours.end.strftime("%H.%M")
            )
        )
    view = await pair_period(ctx.db, pair)
    if view is not None and policy.hours.local(when).date() >= view.period.closes:
        notes.append(texts.BOOK_AFTER_TEACHING.format(day=format_day(view.period.closes)))
    text = texts.BOOKED.format(when=format_when(when, policy.hours), partners=join_names(partners))
    ctx.say(
        "\n\n".join([text, *notes]),
        attachments=[ics_invite(pair, names_in_order, guide, ctx.now, policy)],
    )


def _within_hours(when: datetime, hours: WorkingHours) -> bool:
    """An evening or weekend booking is allowed (their call), but likely a typo worth flagging."""
    local = hours.local(when)
    return hours.is_working_day(local.date()) and hours.start <= local.time() < hours.end
