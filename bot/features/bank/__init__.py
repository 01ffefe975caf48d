"""The objection bank feature: adding, searching, voting, moderating, drills and call guide.

Wired into the core through :func:`install`. For the practice call it provides the objection
source (bank objections fitting the scenario, with the team's best answers), the outcome sink
(objections met in a call count as drill reviews) and the guide source (the member's own
phrasings). The seed bank is loaded at start-up.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import select

from bot.core.context import Context
from bot.core.registry import Registry
from bot.features.bank import adding, browse, drill, guide, moderation, store
from bot.features.bank.common import FLOW_ADD, FLOW_ANSWER, FLOW_DRILL, FLOW_GUIDE, FLOW_MERGE
from bot.features.bank.store import ensure_seed, objection_cards_for, record_objection_outcomes
from bot.storage.db import Database
from bot.storage.models_bank import BankAnswer, BankObjection, BankVote, DrillProgress
from dialogues.engine import ObjectionCard
from dialogues.scenario import Scenario
from objection_bank import texts

__all__ = ["ensure_seed", "install", "objection_cards_for", "record_objection_outcomes"]


def install(registry: Registry) -> None:
    registry.command("ny_indvending", adding.start, help=texts.CMD_NEW_OBJECTION)
    registry.command("soeg", browse.search, help=texts.CMD_SEARCH, aliases=("sog", "search"))
    registry.command("indvending", browse.show_command, help=texts.CMD_SHOW)
    registry.command("indvendinger", drill.start, help=texts.CMD_DRILL, aliases=("drill",))
    registry.command("ringeguide", guide.show, help=texts.CMD_GUIDE)
    registry.command("moderer", moderation.list_pending, help=texts.CMD_MODERATE, admin_only=True)

    registry.flow(FLOW_ADD, adding.on_text)
    registry.flow(FLOW_ANSWER, browse.on_answer_text)
    registry.flow(FLOW_MERGE, moderation.on_merge_text)
    registry.flow(FLOW_DRILL, drill.on_text)
    registry.flow(FLOW_GUIDE, guide.on_text)

    for action, handler in {
        "bn_dup": adding.on_use_duplicate,
        "bn_new": adding.on_not_duplicate,
        "bn_fase": adding.on_phase,
        "bn_tema": adding.on_theme,
        "bn_tema_ok": adding.on_themes_done,
        "bn_tema_side": adding.on_theme_page,
        "bn_branche": adding.on_industry,
        "bn_svaer": adding.on_difficulty,
        "bn_skip_svar": adding.on_skip_answer,
        "bn_draft": adding.on_use_draft,
        "bn_back": adding.on_back,
        "bn_cancel": adding.on_cancel,
        "bv_vis": browse.show,
        "bv_svar": browse.start_answer,
        "bv_stem": browse.vote,
        "bs_cancel": browse.cancel_answer,
        "bm_ok": moderation.approve,
        "bm_skjul": moderation.hide,
        "bm_flet": moderation.start_merge,
        "bm_behold": moderation.on_keep,
        "bm_annuller": moderation.cancel_merge,
        "bm_svar": moderation.pick_answer,
        "bm_skjul_svar": moderation.hide_answer,
        "bd_skip": drill.on_skip,
        "bd_stop": drill.on_stop,
        "bd_ahead": drill.on_ahead,
        "bg_add": guide.start_add,
        "bg_fase": guide.on_phase,
        "bg_cancel": guide.cancel,
        "bg_export": guide.export,
        "bg_del": guide.pick_delete,
        "bg_del_one": guide.delete_one,
    }.items():
        registry.button(action, handler)

    registry.status_section(status_section)
    registry.data_export("indvendingsbank", export_member_data)
    registry.data_deletion(delete_member_data)
    registry.objection_source = objection_source
    registry.objection_outcome_sink = objection_outcome_sink
    registry.guide_source = guide_source
    registry.on_startup(load_seed)


async def load_seed(db: Database) -> None:
    await ensure_seed(db)


async def objection_source(
    ctx: Context, scenario: Scenario, difficulty: str, rng: random.Random
) -> Sequence[ObjectionCard]:
    tags = [scenario.industry, scenario.size, *scenario.objection_themes]
    return await objection_cards_for(ctx.db, ctx.member.team_id, tags, difficulty, rng)


async def objection_outcome_sink(ctx: Context, outcomes: Sequence[tuple[str, float, bool]]) -> None:
    await record_objection_outcomes(ctx.db, ctx.member.id, outcomes, ctx.now)


async def guide_source(ctx: Context) -> Mapping[str, Sequence[str]]:
    return await store.guide_lines(ctx.db, ctx.member.id)


async def status_section(ctx: Context) -> str | None:
    lines = []
    team_id = ctx.member.team_id
    if team_id is not None:
        own, shared = await store.counts(ctx.db, team_id)
        lines.append(texts.STATUS_BANK.format(own=own, shared=shared))
        if ctx.member.is_admin:
            waiting = len(await store.pending(ctx.db, team_id))
            if waiting:
                lines.append(texts.STATUS_PENDING.format(count=waiting))
    lines.append(await drill.progress_text(ctx))
    return "\n".join(lines)


async def export_member_data(ctx: Context) -> Mapping[str, Any]:
    """Everything the bank holds about this person (GDPR access), by plain Danish keys."""
    db, member_id = ctx.db, ctx.member.id
    entries = await store.guide_entries(db, member_id)
    progress = (
        await db.scalars(select(DrillProgress).where(DrillProgress.member_id == member_id))
    ).all()
    votes = (await db.scalars(select(BankVote).where(BankVote.member_id == member_id))).all()
    objections = (
        await db.scalars(select(BankObjection).where(BankObjection.author_id == member_id))
    ).all()
    answers = (await db.scalars(select(BankAnswer).where(BankAnswer.author_id == member_id))).all()
    return {
        "ringeguide": [
            {"fase": e.phase, "tekst": e.text, "oprettet": e.created_at.isoformat()}
            for e in entries
        ],
        "traening": [
            {
                "indvending": p.objection_id,
                "boks": p.box,
                "naeste_gang": p.due.isoformat(),
                "gentagelser": p.reviews,
                "fejl": p.lapses,
                "seneste_score": p.last_score,
                "misser_oftest": dict(p.misses),
            }
            for p in progress
        ],
        "stemmer": [{"svar": v.answer_id, "tidspunkt": v.created_at.isoformat()} for v in votes],
        "indvendinger_skrevet": [{"id": o.id, "tekst": o.text} for o in objections],
        "svar_skrevet": [
            {"id": a.id, "indvending": a.objection_id, "tekst": a.text} for a in answers
        ],
    }


async def delete_member_data(ctx: Context) -> None:
    await store.delete_member_data(ctx.db, ctx.member.id)
