"""Telegram end to end (polling): the real core, python-telegram-bot and the Bot API stand-in."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.channels.telegram import TelegramOptions
from bot.core import teams, texts
from bot.core.messages import Reply
from bot.storage.models_core import Identity, Member, Team
from tests.support.chat import Clock
from tests.telegram_harness import TEST_OPTIONS, TelegramHarness, find_button, labels
from tests.telegram_standin import BOT_USERNAME, TgUser, check_html, utf16_len

ANNE = TgUser(4201, "Anne", "Holm", "anneh")
BO = TgUser(4202, "Bo", "Berg")


@pytest.fixture
async def tg(tmp_path: Path) -> AsyncIterator[TelegramHarness]:
    harness = await TelegramHarness.create(tmp_path)
    yield harness
    await harness.close()


async def test_start_publishes_the_danish_command_menu(tg: TelegramHarness) -> None:
    menu = {c["command"]: c["description"] for c in tg.standin.commands}
    expected = dict(tg.app.registry.menu())
    assert menu == expected
    assert menu["ny"] == texts.CMD_NEW  # "Øv en ny samtale": Danish, with its æøå
    assert "start" not in menu  # deep-link entry, not a menu item
    assert tg.standin.calls_to("deleteWebhook")  # polling clears any old webhook first


async def test_joining_a_team_by_deep_link(tg: TelegramHarness) -> None:
    async with tg.app.db.transaction() as db:
        team = await teams.create_team(db, "Jobcenter Vejle")
        invite = await teams.create_invite(db, team.id, "medlem", Clock()())
    # t.me/<bot>?start=CODE arrives as "/start CODE" in the private chat
    turn = await tg.say(ANNE, f"/start {invite.code}")
    assert texts.JOINED.format(team="Jobcenter Vejle", role="medlem") in turn.text
    assert texts.WELCOME.splitlines()[0] in turn.text
    async with tg.app.db.sessions() as db:
        identity = await db.scalar(select(Identity).where(Identity.external_user_id == "4201"))
        assert identity is not None and identity.channel == "telegram"
        assert identity.address == "4201"  # proactive messages go to the private chat
        member = await db.get(Member, identity.member_id)
        assert member is not None and member.display_name == "Anne Holm"
        joined = await db.get(Team, member.team_id)
        assert joined is not None and joined.name == "Jobcenter Vejle"


async def test_a_bad_invite_code_gets_a_friendly_answer(tg: TelegramHarness) -> None:
    turn = await tg.say(ANNE, "/start NOPE1234")
    assert texts.CODE_INVALID in turn.text


async def test_user_text_is_escaped_for_html(tg: TelegramHarness) -> None:
    name = "<b>Sara</b> & <i>Co</i> </pre>"
    turn = await tg.say(ANNE, f"/navn {name}")
    assert turn.texts == [texts.NAME_SET.format(name=name)]
    sent = tg.standin.sent_texts(ANNE.id)[-1]
    assert "&lt;b&gt;Sara&lt;/b&gt; &amp; &lt;i&gt;Co&lt;/i&gt; &lt;/pre&gt;" in sent
    assert check_html(sent)[1] == ""  # the stand-in parses it as Telegram would


async def test_buttons_stale_double_and_foreign(tg: TelegramHarness) -> None:
    await tg.say(ANNE, "/slet_mig")
    question = tg.standin.last_message(ANNE.id)
    assert labels(question) == [texts.DELETE_YES, texts.DELETE_NO]
    keep = find_button(question, texts.DELETE_NO)

    # Bo's client sends Anne's token (a crafted or forwarded button): refused politely.
    await tg.say(BO, "/hjaelp")
    foreign = await tg.press_data(BO, tg.standin.last_message(BO.id), keep)
    assert foreign.texts == [texts.BUTTON_NOT_YOURS]

    assert (await tg.press_data(ANNE, question, keep)).texts == [texts.DELETE_KEPT]
    assert (await tg.press_data(ANNE, question, keep)).texts == [texts.BUTTON_STALE]
    garbled = await tg.press_data(ANNE, question, "garbage-from-an-old-version")
    assert garbled.texts == [texts.BUTTON_UNKNOWN]

    # Every press got its answerCallbackQuery, so no button kept spinning.
    assert len(tg.standin.calls_to("answerCallbackQuery")) == 4
    async with tg.app.db.sessions() as db:
        assert await db.scalar(select(Member).where(Member.display_name == "Anne Holm"))


async def test_non_text_updates_get_a_hint_or_are_ignored(tg: TelegramHarness) -> None:
    for kind in ("sticker", "photo", "voice", "document"):
        turn = await tg.deliver(tg.standin.media_update(ANNE, kind))
        assert turn.texts == [texts.UNSUPPORTED], kind

    quiet = [
        tg.standin.edited_message_update(ANNE, "rettet tekst"),
        tg.standin.channel_post_update(-1001234, "kanalnyhed"),
        tg.standin.my_chat_member_update(ANNE, "kicked"),
        tg.standin.new_members_update(ANNE, tg.standin.group_chat(-100555)),
    ]
    before = len(tg.standin.calls)
    for update in quiet:
        await tg.deliver(update)
        assert tg.channel.handled(int(update["update_id"]))
    sent = [c for c in tg.standin.calls[before:] if c.method != "getUpdates"]
    assert sent == []
    # and the bot is still fine afterwards
    assert (await tg.say(ANNE, "/status")).texts


async def test_group_chat_answers_only_commands_addressed_to_it(tg: TelegramHarness) -> None:
    group = tg.standin.group_chat(-100777)
    assert (await tg.say(ANNE, "hej med jer", chat=group)).messages == []
    assert (await tg.say(ANNE, "/ny@some_other_bot", chat=group)).messages == []
    turn = await tg.say(ANNE, f"/ny@{BOT_USERNAME}", chat=group)
    assert turn.texts == [texts.GROUP_INVITE]
    bare = await tg.say(BO, "/hjaelp", chat=group)
    assert bare.texts == [texts.GROUP_INVITE]
    # nothing from the group became anyone's address for reminders
    async with tg.app.db.sessions() as db:
        addresses = set((await db.scalars(select(Identity.address))).all())
    assert "-100777" not in addresses


async def test_my_data_arrives_as_a_document(tg: TelegramHarness) -> None:
    await tg.say(ANNE, "/navn Anne Æblegård")
    turn = await tg.say(ANNE, "/mine_data")
    assert texts.MY_DATA_INTRO.splitlines()[0] in turn.text
    (document,) = turn.documents
    assert document.filename == texts.MY_DATA_FILENAME
    assert document.content_type == "application/json"
    assert "Anne Æblegård".encode() in document.data


async def test_proactive_long_message_is_split_cleanly(tg: TelegramHarness) -> None:
    await tg.say(ANNE, "/start")
    paragraphs = [f"Punkt {i}: " + " ".join(["sparring"] * 60) + " <ok> & mere" for i in range(16)]
    long_text = "\n\n".join(paragraphs)
    before = len(tg.standin.sent_texts(ANNE.id))
    await tg.app.services.delivery.send_to_member(
        await _member_id(tg, ANNE), [Reply(long_text, title="Påmindelse")]
    )
    parts = tg.standin.sent_texts(ANNE.id)[before:]
    assert len(parts) > 1
    plains = [check_html(p) for p in parts]
    assert all(error == "" and utf16_len(plain) <= 4096 for plain, error in plains)
    assert all(plain.endswith("<ok> & mere") for plain, _ in plains)  # cut between paragraphs
    assert plains[0][0].startswith("Påmindelse\n\nPunkt 0:")
    assert "\n\n".join(plain for plain, _ in plains) == "Påmindelse\n\n" + long_text


async def test_typing_indicator_while_the_core_works(tmp_path: Path) -> None:
    options = TelegramOptions(chat_per_second=0, typing_delay=0, poll_timeout=5)
    harness = await TelegramHarness.create(tmp_path, options=options)
    try:
        await harness.say(ANNE, "/hjaelp")
        methods = [c.method for c in harness.standin.calls if c.method != "getUpdates"]
        assert methods.index("sendChatAction") < methods.index("sendMessage")
        (action,) = harness.standin.calls_to("sendChatAction")
        assert action.params == {"chat_id": ANNE.id, "action": "typing"}
    finally:
        await harness.close()


async def test_default_options_keep_telegrams_limits() -> None:
    defaults = TelegramOptions()
    assert defaults.overall_per_second == 30
    assert defaults.chat_per_second == 1
    assert defaults.group_per_minute == 20
    assert defaults.max_retries >= 1
    assert TEST_OPTIONS.overall_per_second == defaults.overall_per_second


async def _member_id(tg: TelegramHarness, user: TgUser) -> int:
    async with tg.app.db.sessions() as db:
        identity = await db.scalar(
            select(Identity).where(Identity.external_user_id == str(user.id))
        )
        assert identity is not None
        return identity.member_id


async def test_one_chats_updates_are_answered_in_order(tg: TelegramHarness) -> None:
    """Several updates from one chat in one poll run one after another (other chats run
    alongside), so the answers and the saved state follow the order the user wrote in."""
    names = [f"Navn {i}" for i in range(6)]
    updates = [tg.standin.text_update(ANNE, f"/navn {name}") for name in names]
    for update in updates:
        await tg.standin.inject(update)
    for update in updates:
        await tg.channel.wait_handled(int(update["update_id"]))
    sent = [check_html(t)[0] for t in tg.standin.sent_texts(ANNE.id)]
    assert sent == [texts.NAME_SET.format(name=name) for name in names]
    async with tg.app.db.sessions() as db:
        identity = await db.scalar(select(Identity).where(Identity.external_user_id == "4201"))
        assert identity is not None
        member = await db.get(Member, identity.member_id)
        assert member is not None and member.display_name == names[-1]
