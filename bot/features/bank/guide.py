"""``/ringeguide``: a consultant's own phrasings per phase of the call.

The practice coach shows them as hints before a phase and prefers them in "better phrasing"
suggestions (via the registry's guide source); here they are added, listed, deleted and
exported as Markdown.
"""

from __future__ import annotations

from sqlalchemy import func, select

from bot.core.context import Context
from bot.core.messages import Attachment
from bot.features.bank import store
from bot.features.bank.common import FLOW_GUIDE, may_start_flow, pick_list, short, start_bank_flow
from bot.storage.models_bank import GuideEntry
from dialogues.engine import MAX_GUIDE_CHARS, MAX_GUIDE_LINES
from objection_bank import texts
from objection_bank.tags import Phase, parse_phase


async def show(ctx: Context, arg: str) -> None:
    """``/ringeguide`` lists; ``/ringeguide analyse Hvad …?`` saves a line straight away."""
    head, _, rest = arg.strip().partition(" ")
    phase = parse_phase(head.rstrip(":")) if head else None
    if phase is not None and rest.strip():
        await _save(ctx, phase, rest)
        return
    entries = await store.guide_entries(ctx.db, ctx.member.id)
    add = ctx.button(texts.BTN_GUIDE_ADD, "bg_add", flow_bound=False)
    if not entries:  # nothing to download or delete yet: say how to begin instead
        how = texts.GUIDE_HOW_TO_ADD.format(button=texts.BTN_GUIDE_ADD)
        ctx.say(f"{texts.GUIDE_EMPTY}\n\n{how}", buttons=[[add]])
        return
    ctx.say(
        _listing(entries),
        buttons=[
            [add, ctx.button(texts.BTN_GUIDE_EXPORT, "bg_export", flow_bound=False)],
            [ctx.button(texts.BTN_GUIDE_DELETE, "bg_del", flow_bound=False)],
        ],
    )


def _listing(entries: list[GuideEntry]) -> str:
    lines = [texts.GUIDE_HEADER]
    for phase in Phase:
        mine = [e for e in entries if e.phase == phase.value]
        if mine:
            lines.append(texts.GUIDE_PHASE.format(phase=phase.label))
            lines += [texts.GUIDE_LINE.format(n=n, text=e.text) for n, e in enumerate(mine, 1)]
    return "\n".join(lines)


def markdown(entries: list[GuideEntry]) -> str:
    lines = [texts.GUIDE_MD_TITLE, ""]
    for phase in Phase:
        lines.append(texts.GUIDE_MD_PHASE.format(phase=phase.label))
        lines.append("")
        mine = [e for e in entries if e.phase == phase.value]
        lines += [texts.GUIDE_MD_LINE.format(text=e.text) for e in mine] or [texts.GUIDE_MD_NONE]
        lines.append("")
    return "\n".join(lines)


async def start_add(ctx: Context, _arg: str) -> None:
    if not may_start_flow(ctx):
        return
    start_bank_flow(ctx, FLOW_GUIDE, {"step": "fase"})
    _ask_phase(ctx)


def _ask_phase(ctx: Context) -> None:
    phases = [ctx.button(p.label, "bg_fase", p.value) for p in Phase]
    ctx.say(
        texts.GUIDE_ASK_PHASE,
        buttons=[phases[:2], phases[2:4], phases[4:], [ctx.button(texts.BTN_CANCEL, "bg_cancel")]],
    )


async def on_phase(ctx: Context, arg: str) -> None:
    if ctx.flow_name != FLOW_GUIDE or ctx.flow_data.get("step") != "fase":
        ctx.say(texts.STALE)
        return
    phase = parse_phase(arg)
    if phase is None:
        _ask_phase(ctx)
        return
    if await _full(ctx, phase):
        ctx.end_flow()
        return
    ctx.update_flow(step="tekst", phase=phase.value)
    ctx.bump_nonce()
    ctx.say(
        texts.GUIDE_ASK_TEXT.format(phase=phase.label, limit=MAX_GUIDE_CHARS),
        buttons=[[ctx.button(texts.BTN_CANCEL, "bg_cancel")]],
    )


async def on_text(ctx: Context, raw: str) -> None:
    data = ctx.flow_data
    if data.get("step") == "fase":
        if parse_phase(raw) is None:
            ctx.say(texts.ADD_PHASE_UNKNOWN)
            _ask_phase(ctx)
            return
        await on_phase(ctx, raw)
        return
    await _save(ctx, Phase(data["phase"]), raw)


async def _full(ctx: Context, phase: Phase) -> bool:
    count = await ctx.db.scalar(
        select(func.count()).where(
            GuideEntry.member_id == ctx.member.id, GuideEntry.phase == phase.value
        )
    )
    if (count or 0) >= MAX_GUIDE_LINES:
        ctx.say(texts.GUIDE_FULL.format(limit=MAX_GUIDE_LINES, phase=phase.label))
        return True
    return False


async def _save(ctx: Context, phase: Phase, raw: str) -> None:
    text = " ".join(raw.split())
    if not text:
        ctx.say(texts.GUIDE_EMPTY_TEXT)
        return
    if len(text) > MAX_GUIDE_CHARS:
        ctx.say(texts.GUIDE_TOO_LONG.format(length=len(text), limit=MAX_GUIDE_CHARS))
        return
    if await _full(ctx, phase):
        if ctx.flow_name == FLOW_GUIDE:
            ctx.end_flow()
        return
    ctx.db.add(
        GuideEntry(member_id=ctx.member.id, phase=phase.value, text=text, created_at=ctx.now)
    )
    if ctx.flow_name == FLOW_GUIDE:
        ctx.end_flow()
    ctx.say(
        texts.GUIDE_SAVED.format(phase=phase.label),
        buttons=[[ctx.button(texts.BTN_GUIDE_ADD, "bg_add", flow_bound=False)]],
    )


async def cancel(ctx: Context, _arg: str) -> None:
    if ctx.flow_name == FLOW_GUIDE:
        ctx.end_flow()
        ctx.say(texts.GUIDE_CANCELLED)
    else:
        ctx.say(texts.STALE)


async def export(ctx: Context, _arg: str) -> None:
    entries = await store.guide_entries(ctx.db, ctx.member.id)
    if not entries:  # an old button, pressed after the last phrasing was deleted
        ctx.say(texts.GUIDE_NOTHING_TO_EXPORT)
        return
    ctx.say(
        texts.GUIDE_EXPORTED,
        attachments=[
            Attachment(texts.GUIDE_FILENAME, "text/markdown", markdown(entries).encode("utf-8"))
        ],
    )


async def pick_delete(ctx: Context, _arg: str) -> None:
    entries = await store.guide_entries(ctx.db, ctx.member.id)
    if not entries:
        ctx.say(texts.GUIDE_NOTHING_TO_DELETE)
        return
    choices = [(texts.BTN_GUIDE_DELETE_ONE.format(text=short(e.text, 30)), e.id) for e in entries]
    ctx.say(texts.GUIDE_PICK_DELETE, buttons=pick_list(ctx, "bg_del_one", choices))


async def delete_one(ctx: Context, arg: str) -> None:
    entry = await ctx.db.get(GuideEntry, int(arg)) if arg.isdigit() else None
    if entry is None or entry.member_id != ctx.member.id:
        ctx.say(texts.STALE)
        return
    await ctx.db.delete(entry)
    ctx.say(texts.GUIDE_DELETED)
