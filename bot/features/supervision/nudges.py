"""What the durable dispatcher (``bot.scheduler.dispatcher``) sends: a due nudge rendered as
things stand when it goes out, or nothing when it no longer applies.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.messages import Button, Reply
from bot.core.tokens import UNBOUND_NONCE, ButtonToken
from bot.features.supervision.booking import ics_invite
from bot.features.supervision.common import (
    BOOK_AGAIN_BUTTONS,
    BOOKED,
    CANCELLED,
    HELD,
    REFLECT_ACTION,
    name_of,
    nudge_buttons,
)
from bot.scheduler.dispatcher import Renderer
from bot.storage.models_core import Member
from bot.storage.models_supervision import BuddyPair, CohortMember, Nudge, Reflection
from bot.supervision_store import (
    CANCELLATION,
    INVITATION,
    PLANNED_KINDS,
    REFLECTION,
    focus_hints,
    minute_key,
    pair_members,
    pair_period,
)
from supervision import texts
from supervision.guide import full_guide
from supervision.messages import format_when, render_nudge
from supervision.plan import NudgeKind, NudgePolicy, SupervisionState


def make_renderer(policy: NudgePolicy) -> Renderer:
    """The dispatcher's renderer for this deployment's working hours and time zone."""

    async def render(db: AsyncSession, nudge: Nudge, now: datetime) -> Sequence[Reply] | None:
        return await render_nudge_row(db, nudge, now, policy)

    return render


async def render_nudge_row(
    db: AsyncSession, nudge: Nudge, now: datetime, policy: NudgePolicy
) -> Sequence[Reply] | None:
    """The message for a due nudge as things stand now; None when it no longer applies."""
    if nudge.pair_id is None:
        return None
    pair = await db.get(BuddyPair, nudge.pair_id)
    if pair is None or pair.dissolved_at is not None:
        return None
    members = await pair_members(db, pair.id)
    membership = await db.get(CohortMember, (pair.cohort_id, nudge.member_id))
    if nudge.member_id not in members or membership is None or membership.left_at is not None:
        return None
    if membership.paused and (membership.paused_until is None or membership.paused_until > now):
        return None
    view = await pair_period(db, pair)
    if view is None:
        return None
    member_rows = list(await db.scalars(select(Member).where(Member.id.in_(members))))
    names = {m.id: m.display_name for m in member_rows}
    partners = [names[m] for m in members if m != nudge.member_id]
    state = SupervisionState(pair.state)
    if nudge.kind in PLANNED_KINDS:
        if state.is_done:
            return None
        message = render_nudge(
            NudgeKind(nudge.kind),
            state=state,
            recipient=names[nudge.member_id],
            partners=partners,
            next_day=view.period.closes,
            booked_at=pair.booked_at,
            focus=await focus_hints(db, member_rows),
            hours=policy.hours,
        )
        return [
            Reply(
                message.text,
                nudge_buttons(nudge.member_id, message.buttons, pair.id),
                title=message.title,
            )
        ]
    if nudge.kind == INVITATION:
        if state is not BOOKED or pair.booked_at is None:
            return None
        if not nudge.key.endswith(minute_key(pair.booked_at)):
            return None  # moved again since: a newer invitation is on its way
        booker = await name_of(db, pair.booked_by)
        guide = full_guide(await focus_hints(db, member_rows))
        attachment = ics_invite(pair, [names[m] for m in members], guide, now, policy)
        when = format_when(pair.booked_at, policy.hours)
        text = (
            texts.INVITATION.format(name=booker, when=when)
            if booker
            else texts.INVITATION_NO_NAME.format(when=when)
        )
        return [Reply(text, attachments=(attachment,), title=texts.NUDGE_TITLE)]
    if nudge.kind == CANCELLATION:
        if state is not CANCELLED or pair.booked_at is None:
            return None  # booked again since: the new invitation replaces the event
        if not nudge.key.endswith(f"s{pair.invite_sequence}"):
            return None
        canceller = await name_of(db, pair.reported_by)
        when = format_when(pair.booked_at, policy.hours)
        text = (
            texts.CANCELLATION.format(name=canceller, when=when)
            if canceller
            else texts.CANCELLATION_NO_NAME.format(when=when)
        )
        guide = full_guide(await focus_hints(db, member_rows))
        attachment = ics_invite(
            pair, [names[m] for m in members], guide, now, policy, cancelled=True
        )
        return [
            Reply(
                text,
                nudge_buttons(nudge.member_id, BOOK_AGAIN_BUTTONS, pair.id),
                title=texts.NUDGE_TITLE,
                attachments=(attachment,),
            )
        ]
    if nudge.kind == REFLECTION:
        answered = await db.scalar(
            select(Reflection.id).where(
                Reflection.pair_id == pair.id, Reflection.member_id == nudge.member_id
            )
        )
        if state is not HELD or answered is not None:
            return None
        reporter = await name_of(db, pair.reported_by)
        button = Button(
            texts.BUTTON_REFLECT,
            ButtonToken(nudge.member_id, UNBOUND_NONCE, REFLECT_ACTION, str(pair.id)).encode(),
        )
        prompt = (
            texts.REFLECTION_PROMPT.format(name=reporter)
            if reporter
            else texts.REFLECTION_PROMPT_NO_NAME
        )
        return [Reply(prompt, ((button,),))]
    return None
