"""GDPR hooks: what the buddy-pair feature keeps about a person (/mine_data) and forgetting
it (/slet_mig).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.core.context import Context
from bot.features.supervision.common import policy_of
from bot.supervision_store import delete_member_data, member_data


async def export_data(ctx: Context) -> Mapping[str, Any]:
    """Everything the buddy-pair feature keeps that is about this person (GDPR art. 15)."""
    return await member_data(ctx.db, ctx.member.id, policy_of(ctx))


async def delete_data(ctx: Context) -> None:
    await delete_member_data(ctx.db, ctx.member.id, ctx.now, policy_of(ctx))
