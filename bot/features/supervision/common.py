"""Pieces every part of the buddy-pair feature shares: flow and button names, the
session states, the deployment's clock and hours, and the pair a button is about.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import texts as core_texts
from bot.core.context import Context
from bot.core.messages import Button
from bot.core.tokens import UNBOUND_NONCE, ButtonToken
from bot.storage.models_core import Member
from bot.storage.models_supervision import BuddyPair
from bot.supervision_store import pair_members, policy_from
from supervision import texts
from supervision.messages import Action, ButtonRows, ButtonSpec
from supervision.plan import NudgePolicy, Period, SupervisionState

FLOW_BOOKING = "sv_booking"
FLOW_REFLECTION = "sv_refleksion"
DAY_ACTION = "sv_dag"
TIME_ACTION = "sv_tid"
REFLECT_ACTION = "sv_refl"

BOOK_AGAIN_BUTTONS: ButtonRows = ((ButtonSpec(texts.BUTTON_BOOKED, Action.BOOKED),),)

HELD, BOOKED, NOT_BOOKED, CANCELLED = (
    SupervisionState.HOLDT,
    SupervisionState.BOOKET,
    SupervisionState.IKKE_BOOKET,
    SupervisionState.AFLYST,
)


def policy_of(ctx: Context) -> NudgePolicy:
    return policy_from(ctx.services.settings)


def today_of(ctx: Context) -> date:
    return policy_of(ctx).hours.local(ctx.now).date()


async def display_names(db: AsyncSession, ids: Sequence[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = await db.execute(select(Member.id, Member.display_name).where(Member.id.in_(ids)))
    return {member_id: name or f"#{member_id}" for member_id, name in rows}


def nudge_buttons(member_id: int, rows: ButtonRows, pair_id: int) -> tuple[tuple[Button, ...], ...]:
    """Nudge buttons stay valid whatever the member does in between: unbound tokens."""
    return tuple(
        tuple(
            Button(
                spec.label,
                ButtonToken(member_id, UNBOUND_NONCE, spec.action.value, str(pair_id)).encode(),
            )
            for spec in row
        )
        for row in rows
    )


def current_period(period_list: Sequence[Period], today: date) -> Period | None:
    """The period running today, or the next one to start."""
    return next((p for p in period_list if today < p.closes), None)


async def pair_for(ctx: Context, arg: str) -> tuple[BuddyPair, tuple[int, ...]] | None:
    """The pair a button names, locked for this turn; a polite no for anyone outside it."""
    if not arg.isdigit():
        ctx.say(core_texts.BUTTON_UNKNOWN)
        return None
    pair = await ctx.db.scalar(select(BuddyPair).where(BuddyPair.id == int(arg)).with_for_update())
    if pair is None:
        ctx.say(texts.PAIR_GONE)
        return None
    members = await pair_members(ctx.db, pair.id)
    if ctx.member.id not in members:
        ctx.say(texts.PAIR_GONE if pair.dissolved_at else texts.PAIR_NOT_YOURS)
        return None
    if pair.dissolved_at is not None:
        ctx.say(texts.PAIR_GONE)
        return None
    return pair, members


async def open_pair_for(ctx: Context, arg: str) -> tuple[BuddyPair, tuple[int, ...]] | None:
    """Like ``pair_for``, but a period already reported held is not booked, moved or cancelled."""
    found = await pair_for(ctx, arg)
    if found is not None and found[0].state == HELD:
        ctx.say(texts.ALREADY_HELD.format(by=await reported_by_note(ctx, found[0])))
        return None
    return found


async def name_of(db: AsyncSession, member_id: int | None) -> str:
    """Whoever booked or reported may have left the pair since (or deleted their data)."""
    if member_id is None:
        return ""
    return (await db.scalar(select(Member.display_name).where(Member.id == member_id))) or ""


async def reported_by_note(ctx: Context, pair: BuddyPair) -> str:
    if pair.reported_by is None or pair.reported_by == ctx.member.id:
        return ""
    names = await display_names(ctx.db, [pair.reported_by])
    return texts.REPORTED_BY.format(name=names.get(pair.reported_by, ""))
