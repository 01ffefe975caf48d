"""Teams, invite codes and cross-channel linking, shared by the chat commands and the CLI."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models_core import Identity, InviteCode, LinkCode, Member, Team

ROLES = ("admin", "medlem")
INVITE_DAYS = 30
LINK_MINUTES = 15
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed on phones


def new_code(length: int = 8) -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(length))


def normalise_code(raw: str) -> str:
    return "".join(ch for ch in raw.upper() if ch.isalnum())


class TeamNameTakenError(ValueError):
    pass


async def create_team(db: AsyncSession, name: str) -> Team:
    clean = " ".join(name.split())
    if not clean or len(clean) > 120:
        raise ValueError("team name must be 1-120 characters")
    if await db.scalar(select(Team).where(Team.name == clean)) is not None:
        raise TeamNameTakenError(clean)
    team = Team(name=clean)
    db.add(team)
    await db.flush()
    return team


async def create_invite(
    db: AsyncSession, team_id: int, role: str, now: datetime, created_by: int | None = None
) -> InviteCode:
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    invite = InviteCode(
        code=new_code(),
        team_id=team_id,
        role=role,
        created_by=created_by,
        created_at=now,
        expires_at=now + timedelta(days=INVITE_DAYS),
    )
    db.add(invite)
    await db.flush()
    return invite


@dataclass(frozen=True, slots=True)
class JoinResult:
    team: Team
    role: str
    previous_team: Team | None
    already_member: bool


async def join_with_code(
    db: AsyncSession, member: Member, raw_code: str, now: datetime
) -> JoinResult | None:
    """None when the code is unknown or expired. An admin is never demoted by a member code."""
    invite = await db.scalar(
        select(InviteCode).where(InviteCode.code == normalise_code(raw_code)).with_for_update()
    )
    if invite is None or (invite.expires_at is not None and invite.expires_at < now):
        return None
    if invite.max_uses is not None and invite.uses >= invite.max_uses:
        return None
    team = await db.get(Team, invite.team_id)
    if team is None:
        return None
    previous = await db.get(Team, member.team_id) if member.team_id else None
    same_team = member.team_id == team.id
    if same_team and (member.role == "admin" or member.role == invite.role):
        return JoinResult(team, member.role or invite.role, None, already_member=True)
    member.team_id = team.id
    member.role = invite.role
    invite.uses += 1
    return JoinResult(team, invite.role, None if same_team else previous, already_member=False)


async def create_link_code(db: AsyncSession, member: Member, now: datetime) -> LinkCode:
    link = LinkCode(
        code=new_code(), member_id=member.id, expires_at=now + timedelta(minutes=LINK_MINUTES)
    )
    db.add(link)
    await db.flush()
    return link


async def link_identity(
    db: AsyncSession, current: Member, raw_code: str, channel: str, user_id: str, now: datetime
) -> Member | None:
    """Move this channel account to the member who made the code; None if the code is bad.

    The account's old member is removed when nothing else points at it, so a person is one
    member across channels and nothing personal lingers.
    """
    link = await db.get(LinkCode, normalise_code(raw_code))
    if link is None or link.expires_at < now:
        return None
    target = await db.get(Member, link.member_id)
    await db.delete(link)
    if target is None:
        return None
    if target.id == current.id:
        return target
    await db.execute(
        update(Identity)
        .where(Identity.channel == channel, Identity.external_user_id == user_id)
        .values(member_id=target.id)
    )
    remaining = await db.scalar(select(Identity.id).where(Identity.member_id == current.id))
    if remaining is None:
        await db.delete(current)
    return target
