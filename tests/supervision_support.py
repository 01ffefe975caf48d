"""Helpers for the buddy-pair tests: a recording channel, a cohort set up through chat, dispatch."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select, update

from bot.core import teams
from bot.core.messages import Channel, Reply
from bot.features.supervision import make_renderer
from bot.scheduler.dispatcher import DispatcherSettings, DispatchResult, dispatch_once
from bot.storage.db import Database
from bot.storage.models_core import Member
from bot.storage.models_supervision import Nudge
from bot.supervision_store import policy_from
from tests.support.chat import ChatHarness, Clock

CPH = ZoneInfo("Europe/Copenhagen")


def cph(month: int, day: int, hour: int, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=CPH)


@dataclass
class RecordingSender:
    """A channel stand-in that keeps what it was asked to deliver, per address."""

    channel: Channel = Channel.TEST
    sent: list[tuple[str, Reply]] = field(default_factory=list)
    failures: int = 0  # raise this many times before delivering

    async def send(self, address: str, replies: Sequence[Reply]) -> None:
        if self.failures > 0:
            self.failures -= 1
            raise ConnectionError("channel down")
        self.sent.extend((address, reply) for reply in replies)

    def to(self, user_id: str) -> list[Reply]:
        return [reply for address, reply in self.sent if address == f"addr-{user_id}"]

    def clear(self) -> None:
        self.sent.clear()


@dataclass
class Cohort:
    admin: ChatHarness
    people: dict[str, ChatHarness]
    sender: RecordingSender
    clock: Clock
    cohort_code: str

    async def dispatch(self) -> DispatchResult:
        app = self.admin.app
        return await dispatch_once(
            app.db,
            send=app.services.delivery.send_to_member,
            render=make_renderer(policy_from(app.settings)),
            clock=self.clock,
            settings=DispatcherSettings(rate_per_second=None, worker_id="test-worker"),
        )

    def at(self, moment: datetime) -> None:
        self.clock.now = moment.astimezone(ZoneInfo("UTC"))


async def make_cohort(
    admin: ChatHarness,
    clock: Clock,
    people: dict[str, str],
    *,
    days: str = "1/4 20/4 18/5",
) -> Cohort:
    """A team with an admin (Lea) and the given members {user_id: organisation}, all on a hold."""
    app = admin.app
    async with app.db.transaction() as db:
        team = await teams.create_team(db, "Jobcenter Midt")
        admin_code = (await teams.create_invite(db, team.id, "admin", clock())).code
        member_code = (await teams.create_invite(db, team.id, "medlem", clock())).code
    admin.display_name = "Lea"
    await admin.say(f"/deltag {admin_code}")
    reply = await admin.say("/hold_ny Forår 2026")
    match = re.search(r"/hold_deltag (\w+)", reply)
    assert match, reply
    code = match[1]
    chats = {}
    for user_id, organisation in people.items():
        chat = admin.as_user(user_id, user_id.capitalize())
        await chat.say(f"/deltag {member_code}")
        assert "Velkommen på holdet" in await chat.say(f"/hold_deltag {code}")
        chats[user_id] = chat
        async with app.db.transaction() as db:
            await db.execute(
                update(Member)
                .where(Member.display_name == user_id.capitalize())
                .values(organisation=organisation)
            )
    assert "opdateret" in await admin.say(f"/undervisningsdag {days}")
    sender = RecordingSender()
    app.services.delivery.register(sender)
    return Cohort(admin, chats, sender, clock, code)


async def seed_nudges(db: Database, count: int, *, due: datetime, **values: object) -> list[int]:
    """``count`` due nudges for one member, inserted in bulk; returns their ids in order."""
    async with db.transaction() as session:
        member = Member(display_name="Konsulent")
        session.add(member)
        await session.flush()
        rows = [
            {
                "member_id": member.id,
                "kind": "book",
                "key": f"k{i}",
                "due_at": due,
                "status": "afventer",
                "payload": {},
                "attempts": 0,
                "created_at": due,
                **values,
            }
            for i in range(count)
        ]
        for start in range(0, count, 1000):
            await session.execute(insert(Nudge), rows[start : start + 1000])
    async with db.sessions() as session:
        return list(await session.scalars(select(Nudge.id).order_by(Nudge.id)))
