"""Shared set-up for the bank's chat tests: a team with an admin and members, seed lookups."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from bot.core import teams
from bot.storage.models_bank import BankObjection
from tests.support.chat import ChatHarness


@dataclass
class Team:
    admin: ChatHarness
    member: ChatHarness
    other: ChatHarness  # a second member of the same team
    name: str


async def make_team(chat: ChatHarness, name: str = "Jobcenter Vest", prefix: str = "") -> Team:
    now = chat.app.services.clock()
    async with chat.app.db.transaction() as db:
        team = await teams.create_team(db, name)
        admin_code = (await teams.create_invite(db, team.id, "admin", now)).code
        member_code = (await teams.create_invite(db, team.id, "medlem", now)).code
    admin = chat.as_user(f"{prefix}admin", "Anne Admin")
    member = chat.as_user(f"{prefix}medlem", "Mads Medlem")
    other = chat.as_user(f"{prefix}kollega", "Karen Kollega")
    assert "administrator" in await admin.say(f"/deltag {admin_code}")
    assert "medlem" in await member.say(f"/deltag {member_code}")
    assert "medlem" in await other.say(f"/deltag {member_code}")
    return Team(admin, member, other, name)


async def seed_id(chat: ChatHarness, key: str) -> int:
    async with chat.app.db.transaction() as db:
        found = await db.scalar(
            select(BankObjection.id).where(
                BankObjection.key == key, BankObjection.team_id.is_(None)
            )
        )
    assert found is not None, key
    return found


async def add_objection(
    who: ChatHarness, text: str, *, answer: str | None = None, phase: str = "Svar på indvendinger"
) -> int:
    """The whole /ny_indvending flow with buttons; returns the new objection's number."""
    await who.say("/ny_indvending")
    reply = await who.say(text)
    if "Den ligner" in reply:
        await who.press("Nej, den er ny")
    await who.press(phase)
    await who.press("Færdig")
    await who.press("Alle brancher")
    await who.press("Mellem")
    reply = await who.say(answer) if answer else await who.press("Spring over")
    assert "gemt som #" in reply, reply
    return int(reply.split("gemt som #", 1)[1].split()[0].rstrip("."))
