"""Finding, reading, answering and voting: ``/soeg``, ``/indvending NR``, answers, 👍."""

from __future__ import annotations

from bot.core.context import Context
from bot.core.messages import Button
from bot.features.bank import store
from bot.features.bank.common import (
    FLOW_ANSWER,
    criteria_lines,
    may_start_flow,
    parse_number,
    ranked_answers,
    render,
    require_team,
    short,
    show_button,
    start_bank_flow,
)
from dialogues.assessor import assess
from dialogues.feedback import Guide
from objection_bank import texts
from objection_bank.model import MAX_ANSWER_CHARS, Objection, ValidationError, clean_answer_text
from objection_bank.tags import Phase, Status

SEARCH_RESULTS = 5


async def search(ctx: Context, arg: str) -> None:
    query = " ".join(arg.split())
    if not query:
        ctx.say(texts.SEARCH_USAGE)
        return
    team_id = ctx.member.team_id
    index = await store.text_index(ctx.db, team_id)
    found = index.search(query, limit=SEARCH_RESULTS)
    shown = short(query, 60)
    if not found:
        ctx.say(texts.SEARCH_NONE.format(query=shown))
        return
    rows = {r.id: r for r in await store.visible_rows(ctx.db, team_id, [m.key for m in found])}
    lines = [texts.SEARCH_RESULTS.format(query=shown)]
    buttons: list[list[Button]] = []
    for row in (rows[m.key] for m in found if m.key in rows):
        template = (
            texts.SEARCH_LINE_PENDING if row.status == Status.AFVENTER.value else texts.SEARCH_LINE
        )
        lines.append(template.format(id=row.id, text=row.text, phase=Phase(row.phase).label))
        buttons.append([show_button(ctx, row.id)])
    ctx.say("\n".join(lines), buttons=buttons)


async def show_command(ctx: Context, arg: str) -> None:
    number = parse_number(arg)
    if number is None:
        ctx.say(texts.SHOW_USAGE)
        return
    await show(ctx, str(number))


async def show(ctx: Context, arg: str) -> None:
    """An objection with its answers; buttons to vote, answer and (admins) moderate."""
    if not arg.isdigit():
        ctx.say(texts.SHOW_USAGE)
        return
    objection = await store.visible_objection(ctx.db, ctx.member.team_id, int(arg))
    if objection is None:
        ctx.say(texts.NOT_FOUND.format(id=arg))
        return
    ctx.say(render(objection), buttons=objection_buttons(ctx, objection))


def objection_buttons(ctx: Context, objection: Objection) -> list[list[Button]]:
    assert objection.id is not None
    if ctx.member.team_id is None:
        return []
    answers = ranked_answers(objection)
    votes = [
        ctx.button(texts.BTN_VOTE.format(n=n), "bv_stem", str(a.id), flow_bound=False)
        for n, a in enumerate(answers, start=1)
    ]
    rows = [votes[i : i + 3] for i in range(0, len(votes), 3)]
    rows.append([ctx.button(texts.BTN_ADD_ANSWER, "bv_svar", str(objection.id), flow_bound=False)])
    if ctx.member.is_admin:
        from bot.features.bank.moderation import admin_buttons

        rows += admin_buttons(ctx, objection)
    return rows


async def start_answer(ctx: Context, arg: str) -> None:
    team_id = require_team(ctx)
    if team_id is None or not arg.isdigit() or not may_start_flow(ctx):
        return
    row = await store.visible_row(ctx.db, team_id, int(arg))
    if row is None:
        ctx.say(texts.NOT_FOUND.format(id=arg))
        return
    start_bank_flow(ctx, FLOW_ANSWER, {"objection": row.id})
    ctx.say(
        texts.ANSWER_ASK.format(text=row.text, limit=MAX_ANSWER_CHARS),
        buttons=[[ctx.button(texts.BTN_CANCEL, "bs_cancel")]],
    )


async def on_answer_text(ctx: Context, raw: str) -> None:
    team_id = require_team(ctx)
    if team_id is None:
        ctx.end_flow()
        return
    row = await store.visible_row(ctx.db, team_id, int(ctx.flow_data.get("objection", 0)))
    if row is None:
        ctx.end_flow()
        ctx.say(texts.NOT_FOUND.format(id=ctx.flow_data.get("objection", "?")))
        return
    try:
        text = clean_answer_text(raw)
    except ValidationError as error:
        ctx.say(error.message, buttons=[[ctx.button(texts.BTN_CANCEL, "bs_cancel")]])
        return
    await store.add_answer(
        ctx.db, row.id, text, team_id=team_id, author_id=ctx.member.id, now=ctx.now
    )
    ctx.end_flow()
    guide = await store.guide_lines(ctx.db, ctx.member.id)
    ctx.say(
        "\n".join([texts.ANSWER_SAVED.format(id=row.id), *answer_check(text, row.text, guide)]),
        buttons=[[show_button(ctx, row.id)]],
    )


def answer_check(answer: str, objection: str, guide: Guide) -> list[str]:
    """How a newly written answer does on the ``indvendinger`` criteria."""
    verdict = assess("indvendinger", answer, objection)
    met = sum(verdict.criteria.values())
    return [
        texts.ANSWER_CHECK.format(met=met, total=len(verdict.criteria)),
        *criteria_lines(verdict.criteria, guide),
    ]


async def cancel_answer(ctx: Context, _arg: str) -> None:
    if ctx.flow_name == FLOW_ANSWER:
        ctx.end_flow()
        ctx.say(texts.ANSWER_CANCELLED)
    else:
        ctx.say(texts.STALE)


async def vote(ctx: Context, arg: str) -> None:
    team_id = require_team(ctx)
    if team_id is None or not arg.isdigit():
        return
    answer = await store.visible_answer(ctx.db, team_id, int(arg))
    if answer is None:
        ctx.say(texts.VOTE_GONE)
        return
    result = await store.vote(
        ctx.db, answer_id=answer.id, member_id=ctx.member.id, team_id=team_id, now=ctx.now
    )
    ctx.say(texts.VOTE_THANKS.format(votes=result.votes) if result.counted else texts.VOTE_ALREADY)
