"""Proactive messages (buddy nudges): the core reaches a member's 1:1 chat later, on its own."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from bot.channels.teams.delivery import DeliveryError
from bot.channels.teams.sender import BadAddressError
from bot.core.delivery import NoReachableChannelError
from bot.core.messages import Attachment, Button, Channel, Reply
from bot.storage.models_core import Identity
from tests.teams_harness import SARA, TeamsHarness, jwks_served_by
from tests.teams_standin import OUTBOUND_TOKEN_PREFIX

NUDGE = Reply(
    "Husk at booke jeres sparring før næste undervisningsdag.",
    buttons=((Button("Vi har booket", "1.0.booket."), Button("Påmind mig senere", "1.0.snooze.")),),
    title="Makkerpar",
)


async def member_id_of(teams: TeamsHarness, user_id: str) -> int:
    async with teams.app.db.sessions() as db:
        identity = await db.scalar(select(Identity).where(Identity.external_user_id == user_id))
    assert identity is not None
    return identity.member_id


async def test_nudge_reaches_the_members_chat_as_a_new_message(tmp_path: Path) -> None:
    teams = await TeamsHarness.create(tmp_path)
    try:
        await teams.say(SARA, "/hjaelp")
        member = await member_id_of(teams, SARA.id)
        teams.standin.clear()

        channel = await teams.app.services.delivery.send_to_member(member, [NUDGE])
        assert channel is Channel.TEAMS
        [nudge] = teams.standin.posted
        assert nudge.conversation_id == SARA.chat_id
        assert nudge.reply_to_id is None  # a new message in the chat, not a reply
        assert nudge.card_text().startswith("Makkerpar\nHusk at booke")
        assert nudge.submit_actions() == [
            ("Vi har booket", {"rt": "1.0.booket."}),
            ("Påmind mig senere", {"rt": "1.0.snooze."}),
        ]
        assert nudge.activity["recipient"]["id"] == SARA.id
    finally:
        await teams.close()


async def test_nudge_with_an_invite_file_and_a_throttled_connector(tmp_path: Path) -> None:
    teams = await TeamsHarness.create(tmp_path)
    try:
        await teams.say(SARA, "/hjaelp")
        member = await member_id_of(teams, SARA.id)
        teams.standin.clear()
        teams.standin.fail_next(429, times=2)
        ics = Attachment("sparring.ics", "text/calendar", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
        await teams.app.services.delivery.send_to_member(
            member, [Reply("Her er jeres invitation.", attachments=(ics,))]
        )
        assert len(teams.standin.rejected) == 2
        text, consent = teams.standin.posted
        assert text.text == "Her er jeres invitation."
        [card] = consent.activity["attachments"]
        assert card["contentType"] == "application/vnd.microsoft.teams.card.file.consent"
        assert card["name"] == "sparring.ics"
    finally:
        await teams.close()


async def test_authenticated_nudge_carries_the_bots_token(tmp_path: Path) -> None:
    teams = await TeamsHarness.create(tmp_path, authenticated=True)
    try:
        with jwks_served_by(teams.standin):
            await teams.say(SARA, "/hjaelp", token=teams.standin.sign())
        member = await member_id_of(teams, SARA.id)
        teams.standin.clear()
        await teams.app.services.delivery.send_to_member(member, [NUDGE])
        [nudge] = teams.standin.posted
        assert nudge.authorization is not None
        assert nudge.authorization.startswith(f"Bearer {OUTBOUND_TOKEN_PREFIX}")
    finally:
        await teams.close()


async def test_failed_nudge_raises_so_the_dispatcher_can_retry(tmp_path: Path) -> None:
    teams = await TeamsHarness.create(tmp_path)
    try:
        await teams.say(SARA, "/hjaelp")
        member = await member_id_of(teams, SARA.id)
        teams.standin.fail_next(403)  # e.g. the user blocked the bot
        with pytest.raises(DeliveryError):
            await teams.app.services.delivery.send_to_member(member, [NUDGE])
        teams.standin.fail_next(502, times=teams.channel.outbox.policy.attempts)
        with pytest.raises(DeliveryError):
            await teams.app.services.delivery.send_to_member(member, [NUDGE])
        with pytest.raises(BadAddressError):
            await teams.channel.sender.send("{not a reference", [NUDGE])
        with pytest.raises(BadAddressError):
            await teams.channel.sender.send('{"conversation": {"id": "a:1"}}', [NUDGE])
    finally:
        await teams.close()


async def test_member_seen_only_in_a_channel_has_no_address_for_nudges(tmp_path: Path) -> None:
    teams = await TeamsHarness.create(tmp_path)
    try:
        await teams.say(SARA, "/hjaelp")  # creates the member with a 1:1 address
        await teams.post(teams.make.channel_message(SARA, "hej"))
        member = await member_id_of(teams, SARA.id)
        teams.standin.clear()
        await teams.app.services.delivery.send_to_member(member, [NUDGE])
        assert [p.conversation_id for p in teams.standin.posted] == [SARA.chat_id]

        async with teams.app.db.transaction() as db:
            identity = await db.scalar(select(Identity).where(Identity.member_id == member))
            assert identity is not None
            identity.address = ""
        with pytest.raises(NoReachableChannelError):
            await teams.app.services.delivery.send_to_member(member, [NUDGE])
    finally:
        await teams.close()
