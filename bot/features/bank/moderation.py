"""Admins keep the team's bank clean: approve, hide, merge duplicates, hide poor answers.

Only the team's own objections and answers can be moderated; the shared seed bank is edited
by the project, not by one team. Every handler checks the role again: a button can outlive a
role change.
"""

from __future__ import annotations

from sqlalchemy import select

from bot.core.context import Context
from bot.core.messages import Button
from bot.features.bank import store
from bot.features.bank.common import (
    FLOW_MERGE,
    may_start_flow,
    parse_number,
    pick_list,
    require_admin,
    short,
    show_button,
    start_bank_flow,
)
from bot.storage.models_bank import BankAnswer, BankObjection
from objection_bank import texts
from objection_bank.model import Objection
from objection_bank.tags import Phase, Status

MERGE_CANDIDATES = 3
SHOWN_PENDING = 10
MERGE_THRESHOLD = 0.5  # looser than the add-time check: an admin looks before choosing


def admin_buttons(ctx: Context, objection: Objection) -> list[list[Button]]:
    assert objection.id is not None
    arg = str(objection.id)
    rows: list[list[Button]] = []
    if objection.team_id == ctx.member.team_id:
        row = []
        if objection.status is Status.AFVENTER:
            row.append(ctx.button(texts.BTN_APPROVE, "bm_ok", arg, flow_bound=False))
        row.append(ctx.button(texts.BTN_HIDE, "bm_skjul", arg, flow_bound=False))
        row.append(ctx.button(texts.BTN_MERGE, "bm_flet", arg, flow_bound=False))
        rows.append(row)
    if objection.answers:
        rows.append([ctx.button(texts.BTN_MODERATE_ANSWERS, "bm_svar", arg, flow_bound=False)])
    return rows


async def list_pending(ctx: Context, _arg: str) -> None:
    team_id = require_admin(ctx)
    if team_id is None:
        return
    waiting = await store.pending(ctx.db, team_id)
    if not waiting:
        ctx.say(texts.MOD_NONE)
        return
    lines = [texts.MOD_LIST]
    lines += [
        texts.SEARCH_LINE.format(id=r.id, text=r.text, phase=Phase(r.phase).label) for r in waiting
    ]
    choices = [(texts.BTN_SHOW.format(id=r.id), r.id) for r in waiting[:SHOWN_PENDING]]
    ctx.say("\n".join(lines), buttons=pick_list(ctx, "bv_vis", choices))


async def _own(ctx: Context, arg: str) -> BankObjection | None:
    """The team's own objection an admin may moderate, or None with the reason said."""
    team_id = require_admin(ctx)
    if team_id is None:
        return None
    if not arg.isdigit():
        ctx.say(texts.SHOW_USAGE)
        return None
    row = await store.visible_row(ctx.db, team_id, int(arg))
    if row is None:
        ctx.say(texts.NOT_FOUND.format(id=arg))
        return None
    if row.team_id != team_id:
        ctx.say(texts.ONLY_TEAM_OBJECTIONS)
        return None
    return row


async def approve(ctx: Context, arg: str) -> None:
    row = await _own(ctx, arg)
    if row is not None:
        row.status, row.updated_at = Status.AKTIV.value, ctx.now
        ctx.say(texts.MOD_APPROVED.format(id=row.id))


async def hide(ctx: Context, arg: str) -> None:
    row = await _own(ctx, arg)
    if row is not None:
        row.status, row.updated_at = Status.SKJULT.value, ctx.now
        ctx.say(texts.MOD_HIDDEN.format(id=row.id))


async def start_merge(ctx: Context, arg: str) -> None:
    source = await _own(ctx, arg)
    if source is None or not may_start_flow(ctx):
        return
    index = await store.text_index(ctx.db, ctx.member.team_id)
    found = index.duplicates(source.text, threshold=MERGE_THRESHOLD, limit=MERGE_CANDIDATES + 1)
    similar = [m for m in found if m.key != source.id][:MERGE_CANDIDATES]
    start_bank_flow(ctx, FLOW_MERGE, {"source": source.id})
    keep = [
        [
            ctx.button(
                texts.BTN_KEEP.format(id=m.key, text=short(m.text, 30)), "bm_behold", str(m.key)
            )
        ]
        for m in similar
    ]
    prompt = texts.MOD_MERGE_PICK if similar else texts.MOD_MERGE_NO_CANDIDATES
    ctx.say(
        prompt.format(id=source.id),
        buttons=[*keep, [ctx.button(texts.BTN_CANCEL, "bm_annuller")]],
    )


async def on_merge_text(ctx: Context, raw: str) -> None:
    number = parse_number(raw)
    if number is None:
        ctx.say(texts.MOD_MERGE_NUMBER, buttons=[[ctx.button(texts.BTN_CANCEL, "bm_annuller")]])
        return
    await _merge(ctx, number)


async def on_keep(ctx: Context, arg: str) -> None:
    if ctx.flow_name != FLOW_MERGE or not arg.isdigit():
        ctx.say(texts.STALE)
        return
    await _merge(ctx, int(arg))


async def _merge(ctx: Context, target_id: int) -> None:
    source = await _own(ctx, str(ctx.flow_data.get("source", "")))
    if source is None:
        ctx.end_flow()
        return
    retry = [[ctx.button(texts.BTN_CANCEL, "bm_annuller")]]
    if target_id == source.id:
        ctx.say(texts.MOD_MERGE_SELF, buttons=retry)
        return
    target = await store.visible_row(ctx.db, ctx.member.team_id, target_id)
    if target is None:
        ctx.say(texts.MOD_MERGE_TARGET_MISSING.format(id=target_id), buttons=retry)
        return
    result = await store.merge(ctx.db, source=source, target=target, now=ctx.now)
    ctx.end_flow()
    ctx.say(
        texts.MOD_MERGED.format(
            source=source.id, target=target.id, answers=result.answers, votes=result.votes
        ),
        buttons=[[show_button(ctx, target.id)]],
    )


async def cancel_merge(ctx: Context, _arg: str) -> None:
    if ctx.flow_name == FLOW_MERGE:
        ctx.end_flow()
        ctx.say(texts.CANCELLED)
    else:
        ctx.say(texts.STALE)


async def pick_answer(ctx: Context, arg: str) -> None:
    team_id = require_admin(ctx)
    if team_id is None or not arg.isdigit():
        return
    if await store.visible_row(ctx.db, team_id, int(arg)) is None:
        ctx.say(texts.NOT_FOUND.format(id=arg))
        return
    answers = (
        await ctx.db.scalars(
            select(BankAnswer)
            .where(
                BankAnswer.objection_id == int(arg),
                BankAnswer.team_id == team_id,
                BankAnswer.status == Status.AKTIV.value,
            )
            .order_by(BankAnswer.id)
        )
    ).all()
    if not answers:
        ctx.say(texts.MOD_ANSWER_NOT_TEAM)
        return
    choices = [(texts.BTN_HIDE_ANSWER.format(text=short(a.text, 30)), a.id) for a in answers]
    ctx.say(texts.MOD_PICK_ANSWER, buttons=pick_list(ctx, "bm_skjul_svar", choices))


async def hide_answer(ctx: Context, arg: str) -> None:
    team_id = require_admin(ctx)
    if team_id is None or not arg.isdigit():
        return
    answer = await ctx.db.get(BankAnswer, int(arg))
    if answer is None or answer.team_id != team_id:
        ctx.say(texts.MOD_ANSWER_NOT_TEAM)
        return
    answer.status = Status.SKJULT.value
    ctx.say(texts.MOD_ANSWER_HIDDEN)
