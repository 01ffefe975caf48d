"""``/indvendinger``: rapid objection drills with spaced repetition per consultant.

Each answer is scored with the ``indvendinger`` criteria; the Leitner card decides when the
objection returns (objection_bank.spaced). Feedback and the next objection come in one message.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.core.context import Context
from bot.features.bank import store
from bot.features.bank.common import FLOW_DRILL, criteria_lines, may_start_flow, start_bank_flow
from dialogues.assessor import assess
from dialogues.rubric import RUBRIC
from objection_bank import texts
from objection_bank.model import MAX_ANSWER_CHARS, Objection
from objection_bank.spaced import MASTERED_BOX, CardState, next_objection, summarize

BEST_SHOWN = 1
_LABELS = {c.name: c.label for c in RUBRIC["indvendinger"]}


async def start(ctx: Context, _arg: str) -> None:
    if not may_start_flow(ctx):
        return
    start_bank_flow(ctx, FLOW_DRILL, {"current": None, "last": None})
    lead = [texts.DRILL_INTRO]
    if await store.progress(ctx.db, ctx.member.id):
        lead.append(await progress_text(ctx))
    await _next(ctx, lead)


async def _bank(ctx: Context) -> tuple[dict[int, Objection], list[int]]:
    """What this member may drill, and a per-member shuffled order for meeting new ones."""
    pool = await store.selection_pool(ctx.db, ctx.member.team_id)
    by_id = {o.id: o for o in pool if o.id is not None}
    order = sorted(by_id)
    random.Random(f"drill:{ctx.member.id}").shuffle(order)
    return by_id, order


async def _next(ctx: Context, lead: list[str], *, ahead: bool = False) -> None:
    by_id, order = await _bank(ctx)
    states = await store.progress(ctx.db, ctx.member.id)
    chosen = next_objection(
        states, order, ctx.now, avoid=ctx.flow_data.get("last"), allow_ahead=ahead
    )
    stop = ctx.button(texts.BTN_STOP, "bd_stop")
    if chosen is None:
        ctx.update_flow(current=None)
        upcoming = [s.due for oid, s in states.items() if oid in by_id and s.due > ctx.now]
        if not by_id:
            waiting = texts.DRILL_EMPTY
        elif upcoming:
            waiting = texts.DRILL_CAUGHT_UP.format(when=_when(ctx, min(upcoming)))
        else:
            waiting = texts.DRILL_CAUGHT_UP_NOTHING
        buttons = [ctx.button(texts.BTN_PRACTISE_ANYWAY, "bd_ahead"), stop] if upcoming else [stop]
        ctx.say("\n\n".join([*lead, waiting]), buttons=[buttons])
        return
    objection = by_id[chosen]
    ctx.update_flow(current=chosen)
    prompt = texts.DRILL_PROMPT.format(
        phase=objection.phase.label, difficulty=objection.difficulty.label, text=objection.text
    )
    ctx.say(
        "\n\n".join([*lead, prompt]),
        buttons=[[ctx.button(texts.BTN_SKIP, "bd_skip"), stop]],
    )


async def on_text(ctx: Context, raw: str) -> None:
    current = ctx.flow_data.get("current")
    objection = (
        await store.visible_objection(ctx.db, ctx.member.team_id, int(current))
        if current is not None
        else None
    )
    if objection is None or objection.id is None:
        await _next(ctx, [])
        return
    text = " ".join(raw.split())
    if len(text) > MAX_ANSWER_CHARS:
        ctx.say(texts.DRILL_ANSWER_TOO_LONG.format(length=len(text), limit=MAX_ANSWER_CHARS))
        return
    verdict = assess("indvendinger", text, objection.text)
    missed = [name for name, met in verdict.criteria.items() if not met]
    card = await store.record_review(
        ctx.db, ctx.member.id, objection.id, verdict.score, ctx.now, missed=missed
    )
    guide = await store.guide_lines(ctx.db, ctx.member.id)
    total = len(verdict.criteria)
    lines = [
        texts.DRILL_RESULT.format(met=total - len(missed), total=total),
        *criteria_lines(verdict.criteria, guide),
    ]
    best = objection.best_answers(BEST_SHOWN)
    if best:
        lines.append(texts.DRILL_BEST)
        lines += [texts.DRILL_BEST_LINE.format(text=a.text) for a in best]
    lines.append(_again(card, ctx.now))
    ctx.update_flow(last=objection.id)
    await _next(ctx, ["\n".join(lines), texts.DRILL_NEXT])


def _again(card: CardState, now: datetime) -> str:
    wait = card.due - now
    days = max(round(wait / timedelta(days=1)), 1)
    if wait < timedelta(hours=1):
        return texts.DRILL_AGAIN_SOON
    if card.box == MASTERED_BOX:
        return texts.DRILL_MASTERED.format(days=days)
    if days == 1:
        return texts.DRILL_AGAIN_TOMORROW
    return texts.DRILL_AGAIN_DAYS.format(days=days)


def _when(ctx: Context, moment: datetime) -> str:
    local = moment.astimezone(ZoneInfo(ctx.services.settings.timezone))
    return texts.WHEN_FORMAT.format(
        day=local.day,
        month=texts.MONTHS[local.month - 1],
        hour=local.hour,
        minute=local.minute,
    )


def _in_drill(ctx: Context) -> bool:
    if ctx.flow_name == FLOW_DRILL:
        return True
    ctx.say(texts.STALE)
    return False


async def on_skip(ctx: Context, _arg: str) -> None:
    if _in_drill(ctx):
        ctx.update_flow(last=ctx.flow_data.get("current"))
        await _next(ctx, [texts.DRILL_SKIPPED])


async def on_ahead(ctx: Context, _arg: str) -> None:
    if _in_drill(ctx):
        await _next(ctx, [], ahead=True)


async def on_stop(ctx: Context, _arg: str) -> None:
    if _in_drill(ctx):
        ctx.end_flow()
        ctx.say(f"{texts.DRILL_STOPPED}\n{await progress_text(ctx)}")


async def progress_text(ctx: Context) -> str:
    by_id, _order = await _bank(ctx)
    states = await store.progress(ctx.db, ctx.member.id)
    visible = [s for oid, s in states.items() if oid in by_id]
    if not visible:
        return texts.PROGRESS_NONE
    summary = summarize(visible, total=len(by_id), now=ctx.now)
    text = texts.PROGRESS.format(
        seen=summary.seen, total=summary.total, mastered=summary.mastered, due=summary.due_now
    )
    if summary.most_missed:
        labels = ", ".join(_LABELS.get(name, name).lower() for name in summary.most_missed)
        text += "\n" + texts.PROGRESS_MISSED.format(criteria=labels)
    return text
