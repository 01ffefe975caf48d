"""What a pair reports back on a nudge – held, cancelled, moved, later – and the short
reflection asked for after a held session.
"""

from __future__ import annotations

from sqlalchemy import select

from bot.core.context import Context
from bot.features.supervision.booking import pair_ics_invite, start_booking
from bot.features.supervision.common import (
    BOOK_AGAIN_BUTTONS,
    BOOKED,
    CANCELLED,
    FLOW_REFLECTION,
    HELD,
    NOT_BOOKED,
    display_names,
    nudge_buttons,
    open_pair_for,
    pair_for,
    policy_of,
    reported_by_note,
    today_of,
)
from bot.storage.models_supervision import BuddyPair, Reflection
from bot.supervision_store import CANCELLATION, REFLECTION, add_one_off, pair_period, replan_pair
from supervision import texts
from supervision.messages import format_day, format_when, join_names
from supervision.plan import NudgeKind, SupervisionState, snooze_until

MAX_REFLECTION = 1000


async def on_snooze(ctx: Context, arg: str) -> None:
    found = await pair_for(ctx, arg)
    if found is None:
        return
    pair, _ = found
    state = SupervisionState(pair.state)
    if state.is_done:
        ctx.say(texts.NOTHING_TO_SNOOZE.format(state=state.value))
        return
    policy = policy_of(ctx)
    if state is BOOKED and pair.booked_at is not None and pair.booked_at > ctx.now:
        # An old "book your session" nudge pressed after the pair booked: nothing to chase.
        ctx.say(texts.SNOOZE_ALREADY_BOOKED.format(when=format_when(pair.booked_at, policy.hours)))
        return
    until = snooze_until(ctx.now, policy)
    pair.snoozed = {**(pair.snoozed or {}), str(ctx.member.id): until.isoformat()}
    pair.updated_at = ctx.now
    planned = await replan_pair(ctx.db, pair, ctx.now, policy)
    mine = [n for n in planned if n.member_id == ctx.member.id and n.kind is NudgeKind.SNOOZED]
    if mine:
        ctx.say(texts.SNOOZED.format(when=format_when(mine[0].due_at, policy.hours)))
        return
    view = await pair_period(ctx.db, pair)
    closes = view.period.closes if view is not None else today_of(ctx)
    ctx.say(texts.SNOOZE_TOO_LATE.format(day=format_day(closes)))


async def _ask_reflection(ctx: Context, pair: BuddyPair) -> None:
    existing = await ctx.db.scalar(
        select(Reflection.id).where(
            Reflection.pair_id == pair.id, Reflection.member_id == ctx.member.id
        )
    )
    if existing is not None:
        ctx.say(texts.REFLECTION_ALREADY)
        return
    ctx.start_flow(FLOW_REFLECTION, {"pair": pair.id})
    ctx.say(texts.REFLECTION_QUESTION)


async def on_held(ctx: Context, arg: str) -> None:
    found = await pair_for(ctx, arg)
    if found is None:
        return
    pair, members = found
    if pair.state == HELD:
        ctx.say(texts.ALREADY_HELD.format(by=await reported_by_note(ctx, pair)))
        await _ask_reflection(ctx, pair)
        return
    policy = policy_of(ctx)
    pair.state = HELD.value
    pair.reported_by = ctx.member.id
    pair.updated_at = ctx.now
    await replan_pair(ctx.db, pair, ctx.now, policy)
    partners = [m for m in members if m != ctx.member.id]
    await add_one_off(ctx.db, pair, REFLECTION, partners, "holdt", ctx.now, policy)
    await _ask_reflection(ctx, pair)


async def on_cancelled(ctx: Context, arg: str) -> None:
    found = await open_pair_for(ctx, arg)
    if found is None:
        return
    pair, members = found
    if pair.state == CANCELLED:
        ctx.say(texts.ALREADY_CANCELLED.format(by=await reported_by_note(ctx, pair)))
        return
    pair.state = CANCELLED.value
    pair.reported_by = ctx.member.id
    pair.updated_at = ctx.now
    policy = policy_of(ctx)
    await replan_pair(ctx.db, pair, ctx.now, policy)
    buttons = nudge_buttons(ctx.member.id, BOOK_AGAIN_BUTTONS, pair.id)
    if pair.booked_at is None or pair.booked_by is None:
        ctx.say(texts.MARKED_CANCELLED, buttons=buttons)
        return
    # The event is in both calendars: a higher SEQUENCE under the same UID removes it.
    pair.invite_sequence += 1
    await ctx.db.flush()
    partners = [m for m in members if m != ctx.member.id]
    key = f"s{pair.invite_sequence}"
    await add_one_off(ctx.db, pair, CANCELLATION, partners, key, ctx.now, policy)
    names = await display_names(ctx.db, members)
    ics = await pair_ics_invite(ctx.db, pair, members, ctx.now, policy, cancelled=True)
    ctx.say(
        texts.MARKED_CANCELLED_ICS.format(
            partners=join_names([names[m] for m in partners]),
            when=format_when(pair.booked_at, policy.hours),
        ),
        buttons=buttons,
        attachments=[ics],
    )


async def on_moved(ctx: Context, arg: str) -> None:
    found = await open_pair_for(ctx, arg)
    if found is None:
        return
    pair, _ = found
    pair.state = NOT_BOOKED.value
    pair.booked_at = None
    pair.booked_on = None
    pair.reported_by = None
    pair.updated_at = ctx.now
    await replan_pair(ctx.db, pair, ctx.now, policy_of(ctx))
    start_booking(ctx, pair, texts.MOVED_ASK_DAY)


async def on_reflect(ctx: Context, arg: str) -> None:
    found = await pair_for(ctx, arg)
    if found is None:
        return
    await _ask_reflection(ctx, found[0])


async def reflection_text(ctx: Context, text: str) -> None:
    answer = text.strip()
    if not answer:
        ctx.say(texts.REFLECTION_EMPTY)
        return
    if len(answer) > MAX_REFLECTION:
        ctx.say(texts.REFLECTION_TOO_LONG.format(length=len(answer), limit=MAX_REFLECTION))
        return
    pair_id = int(ctx.flow_data.get("pair", 0))
    ctx.end_flow()
    existing = await ctx.db.scalar(
        select(Reflection).where(
            Reflection.pair_id == pair_id, Reflection.member_id == ctx.member.id
        )
    )
    if existing is not None:
        ctx.say(texts.REFLECTION_ALREADY)
        return
    if await ctx.db.get(BuddyPair, pair_id) is None:
        ctx.say(texts.PAIR_GONE)
        return
    ctx.db.add(
        Reflection(pair_id=pair_id, member_id=ctx.member.id, text=answer, created_at=ctx.now)
    )
    await ctx.db.flush()
    ctx.say(texts.REFLECTION_SAVED)
