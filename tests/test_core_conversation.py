"""The conversation core as a user meets it: commands, bad input, buttons, privacy."""

from __future__ import annotations

import asyncio
import logging

import pytest
from sqlalchemy import func, select

from bot.core import teams, texts
from bot.core.context import Context
from bot.core.messages import Channel, ChatType
from bot.storage.models_core import Identity, LinkCode, Member, Team
from tests.support.chat import ChatHarness


async def test_help_lists_commands_in_danish(chat: ChatHarness) -> None:
    reply = await chat.say("/hjælp")
    assert texts.HELP_HEADER in reply
    for name in ("ny", "videre", "stop", "rubrik", "mine_data", "slet_mig"):
        assert f"/{name} –" in reply
    assert "/invitation" not in reply  # admins only


async def test_unknown_command_suggests_the_closest(chat: ChatHarness) -> None:
    assert "Mente du /hjaelp?" in await chat.say("/hjaelpp")
    reply = await chat.say("/xyzzy123")
    assert "Kommandoen /xyzzy123 kender jeg ikke" in reply
    assert "/hjaelp" in reply


async def test_bad_input_gets_friendly_danish_answers(chat: ChatHarness) -> None:
    assert await chat.say("   ") == texts.EMPTY
    long_reply = await chat.say("a" * 5000)
    assert "5000 tegn" in long_reply and "Intet er gået tabt" in long_reply
    assert await chat.send_unsupported() == texts.UNSUPPORTED
    assert await chat.say("hej med dig") == texts.NO_FLOW
    assert await chat.say("/ny", chat_type=ChatType.GROUP) == texts.GROUP_INVITE
    # format strings and markup are echoed as data, never interpreted
    assert "{0}%s<b>" in await chat.say("/{0}%s<b>")


async def test_redelivered_event_is_processed_once(chat: ChatHarness) -> None:
    await chat.say("/navn Sara Holm", event_id="42")
    assert "Sara Holm" in chat.text
    assert await chat.say("/navn Noget Andet", event_id="42") == ""
    assert chat.replies == []
    assert "Sara Holm" in await chat.say("/mine_data")


async def test_button_pressed_twice_by_someone_else_or_garbled(chat: ChatHarness) -> None:
    await chat.say("/slet_mig")
    keep = chat.find_button("Nej").data
    other = chat.as_user("u2")
    assert await other.press_data(keep) == texts.BUTTON_NOT_YOURS
    assert await chat.press_data(keep) == texts.DELETE_KEPT
    assert await chat.press_data(keep) == texts.BUTTON_STALE
    assert await chat.press_data("garbage") == texts.BUTTON_UNKNOWN
    assert await chat.press_data("1.2.no-such-action.x") == texts.BUTTON_UNKNOWN


async def test_delete_me_removes_everything(chat: ChatHarness) -> None:
    await chat.say("/navn Sara Holm")
    await chat.say("/slet_mig")
    assert await chat.press("Ja, slet alt") == texts.DELETED
    async with chat.app.db.sessions() as db:
        assert await db.scalar(select(func.count()).select_from(Member)) == 0
        assert await db.scalar(select(func.count()).select_from(Identity)) == 0
    reply = await chat.say("/mine_data")
    assert "Sara Holm" not in reply  # a new, empty person


async def test_my_data_shows_person_and_attaches_json(chat: ChatHarness) -> None:
    await chat.say("/navn Sara Holm")
    await chat.say("/mine_data")
    assert "Sara Holm" in chat.text
    assert '"oprettet": "2026-03-02' in chat.text  # the app's clock, not the wall clock
    attachment = chat.replies[0].attachments[0]
    assert attachment.filename == "mine_data.json"
    assert b"Sara Holm" in attachment.data


async def test_team_invites_and_roles(chat: ChatHarness) -> None:
    async with chat.app.db.transaction() as db:
        team = await teams.create_team(db, "Jobcenter Aarhus")
        admin_code = (
            await teams.create_invite(db, team.id, "admin", chat.app.services.clock())
        ).code
    assert await chat.say("/invitation") == texts.ADMIN_ONLY
    assert "Velkommen i teamet Jobcenter Aarhus" in await chat.say(f"/deltag {admin_code.lower()}")
    reply = await chat.say("/invitation")
    member_code = reply.split("Aarhus: ")[1].split()[0]
    colleague = chat.as_user("u2")
    assert "medlem" in await colleague.say(f"/start {member_code}")
    assert await colleague.say("/invitation") == texts.ADMIN_ONLY
    assert await colleague.say("/deltag FORKERT1") == texts.CODE_INVALID
    assert "allerede med" in await chat.say(f"/deltag {member_code}")  # admin is not demoted
    assert await chat.say("/invitation") != texts.ADMIN_ONLY


async def test_expired_invite_is_refused(chat: ChatHarness) -> None:
    clock = chat.app.services.clock
    async with chat.app.db.transaction() as db:
        team = await teams.create_team(db, "A-kasse Nord")
        code = (await teams.create_invite(db, team.id, "medlem", clock())).code
    clock.advance(days=teams.INVITE_DAYS + 1)  # type: ignore[attr-defined]
    assert await chat.say(f"/deltag {code}") == texts.CODE_INVALID


async def test_linking_two_channels_makes_one_person(chat: ChatHarness) -> None:
    await chat.say("/navn Sara Holm")
    reply = await chat.say("/forbind")
    code = reply.split("kode er ")[1].split(".")[0]
    terminal = chat.as_user("sara-terminal")
    terminal.channel = Channel.TERMINAL
    assert await terminal.say(f"/forbind {code}") == texts.LINK_DONE
    assert "Sara Holm" in await terminal.say("/mine_data")
    assert "terminal" in terminal.text and '"test"' in terminal.text
    assert await terminal.say(f"/forbind {code}") == texts.LINK_INVALID  # one-time
    async with chat.app.db.sessions() as db:
        assert await db.scalar(select(func.count()).select_from(Member)) == 1
        assert await db.scalar(select(func.count()).select_from(LinkCode)) == 0


async def test_a_failing_handler_rolls_back_and_apologises(chat: ChatHarness) -> None:
    async def boom(ctx: Context, _arg: str) -> None:
        ctx.member.display_name = "half-written"
        raise RuntimeError("bug")

    chat.app.registry.command("boom", boom, help="test")
    await chat.say("/navn Sara")
    assert await chat.say("/boom") == texts.INTERNAL_ERROR
    assert "Sara" in await chat.say("/mine_data")
    assert "half-written" not in chat.text


async def test_core_on_both_backends_with_concurrent_turns(database_url: str) -> None:
    """Many simultaneous messages from one person: every turn saved, none lost or doubled."""
    chat = await ChatHarness.create(database_url=database_url)
    try:
        await chat.say("/navn Start")
        users = [chat.as_user("u1") for _ in range(12)]
        results = await asyncio.gather(
            *(u.say(f"/navn Navn {i}", event_id=f"ev-{i}") for i, u in enumerate(users))
        )
        assert all(r.startswith("Tak") for r in results)
        async with chat.app.db.sessions() as db:
            assert await db.scalar(select(func.count()).select_from(Member)) == 1
            name = await db.scalar(select(Member.display_name))
        assert name is not None and name.startswith("Navn ")
        # redelivery of all twelve: nothing processed again
        again = await asyncio.gather(
            *(u.say("/navn Igen", event_id=f"ev-{i}") for i, u in enumerate(users))
        )
        assert again == [""] * 12
    finally:
        await chat.close()


async def test_logs_carry_ids_never_what_people_wrote(
    chat: ChatHarness, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "Hemmelig-Virksomhed-8842"

    async def clash(ctx: Context, arg: str) -> None:
        ctx.db.add(Team(name=arg))
        await ctx.db.flush()
        ctx.db.add(Team(name=arg))
        await ctx.db.flush()  # a constraint error whose SQL parameters include the text

    chat.app.registry.command("clash", clash, help="test")
    with caplog.at_level(logging.DEBUG):
        await chat.say(f"/navn {secret}")
        await chat.say(f"/clash {secret}")
        await chat.say(f"Goddag, det er {secret}")
    assert chat.text == texts.NO_FLOW
    assert caplog.records, "the failing turn should have been logged"
    assert secret not in caplog.text
