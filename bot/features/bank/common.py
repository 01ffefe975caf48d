"""Small pieces every bank flow shares: who may do what, and how bank text is shown."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from bot.core import texts as core_texts
from bot.core.context import Context
from bot.core.messages import Button
from dialogues.feedback import Guide, better_phrasing
from dialogues.rubric import RUBRIC
from objection_bank import texts
from objection_bank.model import Answer, Objection
from objection_bank.tags import Status, tag_label

# Flows owned by the bank; starting one of them replaces another of them.
FLOW_ADD = "bank_ny"
FLOW_ANSWER = "bank_svar"
FLOW_MERGE = "bank_flet"
FLOW_DRILL = "bank_drill"
FLOW_GUIDE = "bank_guide"
BANK_FLOWS = frozenset({FLOW_ADD, FLOW_ANSWER, FLOW_MERGE, FLOW_DRILL, FLOW_GUIDE})
LABEL_CHARS = 40
_NUMBER = re.compile(r"^\s*#?\s*(\d{1,9})\s*$")


def team_of(ctx: Context) -> int | None:
    return ctx.member.team_id


def require_team(ctx: Context) -> int | None:
    """The member's team, or None after telling them politely why they need one."""
    if ctx.member.team_id is None:
        ctx.say(texts.NEEDS_TEAM)
    return ctx.member.team_id


def require_admin(ctx: Context) -> int | None:
    team_id = require_team(ctx)
    if team_id is not None and not ctx.member.is_admin:
        ctx.say(texts.ADMIN_ONLY)
        return None
    return team_id


def may_start_flow(ctx: Context) -> bool:
    """A bank flow may replace another bank flow, never a practice call or someone else's."""
    if ctx.flow_name is None or ctx.flow_name in BANK_FLOWS:
        return True
    ctx.say(core_texts.IN_OTHER_FLOW)
    return False


def start_bank_flow(ctx: Context, name: str, data: dict[str, Any]) -> None:
    """Start a bank flow; one short line says what another bank flow it replaces has stopped,
    since its buttons go stale and its next answer would otherwise vanish without a word."""
    previous = ctx.flow_name
    if previous in _STOPPED and previous != name:
        ctx.say(_STOPPED[previous])
    ctx.start_flow(name, data)


_STOPPED = {
    FLOW_ADD: texts.STOPPED_ADD,
    FLOW_ANSWER: texts.STOPPED_ANSWER,
    FLOW_MERGE: texts.STOPPED_MERGE,
    FLOW_DRILL: texts.STOPPED_DRILL,
    FLOW_GUIDE: texts.STOPPED_GUIDE,
}


def show_button(ctx: Context, objection_id: int) -> Button:
    """Outside any flow: a search result can be opened any time later."""
    label = texts.BTN_SHOW.format(id=objection_id)
    return ctx.button(label, "bv_vis", str(objection_id), flow_bound=False)


def pick_list(ctx: Context, action: str, choices: Iterable[tuple[str, int]]) -> list[list[Button]]:
    """One button per row, outside any flow: lists a person may come back to later."""
    return [[ctx.button(label, action, str(arg), flow_bound=False)] for label, arg in choices]


def parse_number(raw: str) -> int | None:
    match = _NUMBER.match(raw)
    return int(match.group(1)) if match else None


def short(text: str, limit: int = LABEL_CHARS) -> str:
    """A one-line excerpt for button labels."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def render(objection: Objection, *, numbered_answers: bool = True) -> str:
    """An objection with its tags and its visible answers, best-voted first."""
    assert objection.id is not None
    lines = [
        texts.VIEW_HEADER.format(
            id=objection.id, phase=objection.phase.label, difficulty=objection.difficulty.label
        ),
        f"»{objection.text}«",
    ]
    if objection.tags:
        lines.append(texts.VIEW_TAGS.format(tags=", ".join(tag_label(t) for t in objection.tags)))
    if objection.team_id is None:
        lines.append(texts.VIEW_SHARED)
    elif objection.status is Status.AFVENTER:
        lines.append(texts.VIEW_PENDING)
    elif objection.status is Status.SKJULT:
        lines.append(texts.VIEW_HIDDEN)
    answers = ranked_answers(objection)
    lines.append("")
    if not answers:
        lines.append(texts.VIEW_NO_ANSWERS)
    else:
        lines.append(texts.VIEW_ANSWERS)
        for number, answer in enumerate(answers, start=1):
            text = answer.text if numbered_answers else short(answer.text)
            lines.append(texts.VIEW_ANSWER.format(n=number, text=text, votes=answer.votes))
    return "\n".join(lines)


def criteria_lines(criteria: Mapping[str, bool], guide: Guide) -> list[str]:
    """✓/✗ per ``indvendinger`` criterion; each miss with a phrasing to try (their own from
    the call guide where one fits, else the rubric's)."""
    lines = []
    for criterion in RUBRIC["indvendinger"]:
        if criteria.get(criterion.name):
            lines.append(texts.CRITERION_MET.format(label=criterion.label))
        else:
            better, _own = better_phrasing("indvendinger", criterion, guide)
            lines.append(texts.CRITERION_MISSED.format(label=criterion.label, better=better))
    return lines


def ranked_answers(objection: Objection) -> list[Answer]:
    return list(objection.best_answers(limit=len(objection.answers)))
