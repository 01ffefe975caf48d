"""Getting started, help, teams and invites, linking channels, and the user's own data."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from bot.core import teams, texts
from bot.core.context import Context
from bot.core.messages import Attachment
from bot.core.registry import Registry
from bot.storage.models_core import Identity, PracticeSession, Team

MAX_NAME = 120


async def start(ctx: Context, arg: str) -> None:
    """``/start CODE`` is how a Telegram deep link arrives: join first, then welcome."""
    if arg:
        await join(ctx, arg)
    flow = ctx.flow_name
    if arg or flow is None:
        ctx.say(texts.WELCOME)
        return
    ctx.say(texts.WELCOME_BACK)
    reprompt = ctx.registry.reprompts.get(flow)
    if reprompt is not None:
        await reprompt(ctx, "")
    else:
        ctx.say(texts.IN_FLOW_HINT)


async def show_help(ctx: Context, _arg: str) -> None:
    lines = [texts.HELP_HEADER]
    lines += [
        texts.HELP_LINE.format(name=c.name, help=c.help)
        for c in ctx.registry.commands.values()
        if c.in_menu and (not c.admin_only or ctx.member.is_admin)
    ]
    lines += ["", texts.HELP_FOOTER]
    ctx.say("\n".join(lines))


async def cancel(ctx: Context, _arg: str) -> None:
    if ctx.flow_name is None:
        ctx.say(texts.NOTHING_TO_CANCEL)
        return
    if ctx.flow_name == "praksis":
        ctx.say(texts.IN_OTHER_FLOW)
        return
    ctx.end_flow()
    ctx.say(texts.CANCELLED)


async def join(ctx: Context, arg: str) -> None:
    if not arg:
        ctx.say(texts.CODE_MISSING)
        return
    result = await teams.join_with_code(ctx.db, ctx.member, arg, ctx.now)
    if result is None:
        ctx.say(texts.CODE_INVALID)
        return
    role = texts.ROLE_LABELS[result.role]
    if result.already_member:
        ctx.say(texts.ALREADY_MEMBER.format(team=result.team.name))
    elif result.previous_team is not None:
        ctx.say(
            texts.SWITCHED_TEAM.format(
                old=result.previous_team.name, team=result.team.name, role=role
            )
        )
    else:
        ctx.say(texts.JOINED.format(team=result.team.name, role=role))


async def invite(ctx: Context, arg: str) -> None:
    team = await ctx.db.get(Team, ctx.member.team_id) if ctx.member.team_id else None
    if team is None:
        ctx.say(texts.TEAM_ONLY)
        return
    role = "admin" if arg.strip().lower() in {"admin", "administrator"} else "medlem"
    code = await teams.create_invite(ctx.db, team.id, role, ctx.now, created_by=ctx.member.id)
    template = texts.INVITE_ADMIN_CREATED if role == "admin" else texts.INVITE_CREATED
    ctx.say(template.format(team=team.name, code=code.code, days=teams.INVITE_DAYS))


async def link(ctx: Context, arg: str) -> None:
    if not arg:
        code = await teams.create_link_code(ctx.db, ctx.member, ctx.now)
        ctx.say(texts.LINK_CREATED.format(code=code.code, minutes=teams.LINK_MINUTES))
        return
    key = ctx.incoming.key
    previous_id = ctx.member.id
    target = await teams.link_identity(
        ctx.db, ctx.member, arg, key.channel.value, key.user_id, ctx.now
    )
    if target is None:
        ctx.say(texts.LINK_INVALID)
    elif target.id == previous_id:
        ctx.say(texts.LINK_SAME)
    else:
        _forget_turn_state(ctx)
        ctx.say(texts.LINK_DONE)


async def set_name(ctx: Context, arg: str) -> None:
    name = " ".join(arg.split())
    if not name:
        ctx.say(texts.NAME_MISSING)
    elif len(name) > MAX_NAME:
        ctx.say(texts.NAME_TOO_LONG.format(limit=MAX_NAME))
    else:
        ctx.member.display_name = name
        ctx.say(texts.NAME_SET.format(name=name))


async def my_data(ctx: Context, _arg: str) -> None:
    data = await collect_member_data(ctx)
    payload = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    summary = json.dumps(data["person"], ensure_ascii=False, indent=2, default=str)
    ctx.say(
        f"{texts.MY_DATA_INTRO}\n\n{summary}",
        attachments=[
            Attachment(texts.MY_DATA_FILENAME, "application/json", payload.encode("utf-8"))
        ],
    )


async def collect_member_data(ctx: Context) -> dict[str, Any]:
    member = ctx.member
    team = await ctx.db.get(Team, member.team_id) if member.team_id else None
    identities = await ctx.db.scalars(select(Identity).where(Identity.member_id == member.id))
    sessions = await ctx.db.scalars(
        select(PracticeSession).where(PracticeSession.member_id == member.id)
    )
    data: dict[str, Any] = {
        "person": {
            "navn": member.display_name,
            "organisation": member.organisation,
            "team": team.name if team else None,
            "rolle": member.role,
            "oprettet": member.created_at.isoformat(),
            "konti": [{"kanal": i.channel, "id": i.external_user_id} for i in identities],
        },
        "oevesamtaler": [
            {
                "scenarie": s.scenario_id,
                "svaerhed": s.difficulty,
                "fase": s.phase,
                "resultat": s.outcome,
                "afsluttet": s.finished,
                "startet": s.created_at.isoformat(),
                "forloeb": s.state.get("turns", []) if isinstance(s.state, dict) else [],
            }
            for s in sessions
        ],
    }
    for key, export in ctx.registry.data_exports.items():
        data[key] = dict(await export(ctx))
    return data


async def delete_me(ctx: Context, _arg: str) -> None:
    ctx.say(
        texts.DELETE_CONFIRM,
        buttons=[
            [ctx.button(texts.DELETE_YES, "slet", "ja"), ctx.button(texts.DELETE_NO, "slet", "nej")]
        ],
    )


async def on_delete_button(ctx: Context, arg: str) -> None:
    if arg != "ja":
        ctx.say(texts.DELETE_KEPT)
        return
    for deletion in ctx.registry.data_deletions:
        await deletion(ctx)
    await ctx.db.delete(ctx.member)  # identities, state, sessions go with it (ON DELETE CASCADE)
    _forget_turn_state(ctx)
    ctx.say(texts.DELETED)


async def status(ctx: Context, _arg: str) -> None:
    sections = [s for s in [await section(ctx) for section in ctx.registry.status_sections] if s]
    ctx.say("\n\n".join(sections) if sections else texts.STATUS_NOTHING, title=texts.STATUS_TITLE)


def _forget_turn_state(ctx: Context) -> None:
    """The member row is gone; do not write this turn's conversation state back."""
    ctx.member_deleted = True
    ctx.db.expunge(ctx.state)


def install(registry: Registry) -> None:
    registry.command("start", start, help=texts.CMD_START, in_menu=False)
    registry.command("hjaelp", show_help, help=texts.CMD_HELP, aliases=("help", "hjalp"))
    registry.command("annuller", cancel, help=texts.CMD_CANCEL, aliases=("cancel",))
    registry.command("status", status, help=texts.CMD_STATUS)
    registry.command("deltag", join, help=texts.CMD_JOIN)
    registry.command("invitation", invite, help=texts.CMD_INVITE, admin_only=True)
    registry.command("forbind", link, help=texts.CMD_LINK)
    registry.command("navn", set_name, help=texts.CMD_NAME)
    registry.command("mine_data", my_data, help=texts.CMD_MY_DATA)
    registry.command("slet_mig", delete_me, help=texts.CMD_DELETE_ME)
    registry.button("slet", on_delete_button)
