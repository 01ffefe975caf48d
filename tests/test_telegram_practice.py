"""A whole practice call in Telegram: buttons to start, one message per turn, a debrief, and a
restart of the bot mid-call that the consultant does not notice."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot.core import texts
from bot.storage.models_core import PracticeSession
from dialogues.scenario import load_catalog
from tests.support.calls import load_script
from tests.telegram_harness import TelegramHarness, Turn, labels
from tests.telegram_standin import BotApiStandIn, TgUser, button_data, utf16_len

SARA = TgUser(4501, "Sara", "Holm")
SCENARIOS = [s.id for s in load_catalog().all()]
GOOD_CALL = load_script("god_metode.txt")


async def latest_session(tg: TelegramHarness) -> PracticeSession | None:
    async with tg.app.db.sessions() as db:
        return await db.scalar(select(PracticeSession).order_by(PracticeSession.id.desc()).limit(1))


def token_for(message: dict[str, Any], action: str, arg: str) -> str:
    for row in button_data(message):
        for _label, data in row:
            if data.endswith(f".{action}.{arg}"):
                return data
    raise AssertionError(f"no {action}={arg} button among {labels(message)}")


async def start_call_with_buttons(tg: TelegramHarness, scenario_id: str, difficulty: str) -> Turn:
    """/ny, then company, difficulty and feedback mode, each a tap on an inline button."""
    await tg.say(SARA, "/ny")
    for action, arg in (("scen", scenario_id), ("svaerhed", difficulty), ("mode", "coach")):
        message = tg.standin.last_message(SARA.id)
        turn = await tg.press_data(SARA, message, token_for(message, action, arg))
    return turn


async def play(
    tg: TelegramHarness, used: dict[str, int], *, until_phase: str | None = None
) -> list[Turn]:
    """The script's lines for the phase the call is in, then /videre when they run out."""
    turns: list[Turn] = []
    for _ in range(80):
        session = await latest_session(tg)
        assert session is not None
        if session.finished or session.phase == until_phase:
            return turns
        lines = GOOD_CALL.get(session.phase, [])
        index = used.get(session.phase, 0)
        if index < len(lines):
            used[session.phase] = index + 1
            turns.append(await tg.say(SARA, lines[index]))
        else:
            turns.append(await tg.say(SARA, "/videre"))
    raise AssertionError("the call did not end")


def assert_one_message_per_turn(turns: list[Turn]) -> None:
    for turn in turns:
        assert turn.messages, "every turn is answered"
        if len(turn.messages) > 1:  # only when one message cannot hold it
            assert sum(utf16_len(t) for t in turn.texts) > 4096


async def test_a_full_practice_call_to_its_debrief(tmp_path: Path) -> None:
    tg = await TelegramHarness.create(tmp_path)
    try:
        opening = await start_call_with_buttons(tg, SCENARIOS[0], "mellem")
        assert "Samtalen starter" in opening.text and "🏢" in opening.text

        turns = await play(tg, {})
        assert_one_message_per_turn(turns)
        with_buttons = [t for t in turns if t.buttons and t is not turns[-1]]
        for turn in with_buttons:
            assert [label for label, _ in turn.buttons] == [texts.NEXT_BUTTON, texts.STOP_BUTTON]
        assert with_buttons, "the consultant could move on with a tap somewhere in the call"
        session = await latest_session(tg)
        assert session is not None and session.finished
        assert session.outcome in {"moede_booket", "aftale"}
        debrief = turns[-1]
        assert "BALA" in debrief.text
        assert [label for label, _ in debrief.buttons] == [texts.CMD_NEW]
        # The consultant's own words came back escaped and intact in the transcript quotes.
        assert all(c.status == 200 for c in tg.standin.calls if c.method == "sendMessage")
        # A tap on a button of the finished call is answered politely, not with an error.
        stale = await tg.press(SARA, texts.NEXT_BUTTON, message=with_buttons[0].messages[-1])
        assert stale.texts == [texts.BUTTON_STALE]
    finally:
        await tg.close()


async def test_a_restart_mid_call_continues_the_call(tmp_path: Path) -> None:
    """Stop the bot in the analysis phase; a new Application on the same database file (in
    webhook mode this time) carries on, and a button sent before the restart still works."""
    standin = BotApiStandIn()
    await standin.start()
    used: dict[str, int] = {}
    try:
        first = await TelegramHarness.create(tmp_path, standin=standin)
        await start_call_with_buttons(first, SCENARIOS[1], "let")
        await play(first, used, until_phase="analyse")
        await first.say(SARA, GOOD_CALL["analyse"][0])
        used["analyse"] = 1
        before = await latest_session(first)
        sent_before_restart = standin.last_message(SARA.id)
        assert labels(sent_before_restart) == [texts.NEXT_BUTTON, texts.STOP_BUTTON]
        await first.close()

        second = await TelegramHarness.create(tmp_path, standin=standin, webhook=True)
        try:
            status = await second.say(SARA, "/status")
            assert "analyse" in status.text.lower()
            after = await latest_session(second)
            assert before is not None and after is not None
            assert after.id == before.id and after.state == before.state

            moved_on = await second.press(SARA, texts.NEXT_BUTTON, message=sent_before_restart)
            assert "🏢" in moved_on.text
            advanced = await latest_session(second)
            assert advanced is not None and advanced.phase != "analyse"

            rest = await play(second, used)
            session = await latest_session(second)
            assert session is not None and session.id == before.id and session.finished
            assert "BALA" in rest[-1].text
            # the same old button once more: it has been used, so it is stale now
            again = await second.press(SARA, texts.NEXT_BUTTON, message=sent_before_restart)
            assert again.texts == [texts.BUTTON_STALE]
        finally:
            await second.close()
    finally:
        await standin.close()


async def test_a_redelivered_practice_turn_is_played_once(tmp_path: Path) -> None:
    tg = await TelegramHarness.create(tmp_path, webhook=True)
    try:
        await start_call_with_buttons(tg, SCENARIOS[2], "let")
        update = tg.standin.text_update(SARA, GOOD_CALL["aabning"][0])
        first = await tg.deliver(update)
        assert first.messages
        session = await latest_session(tg)
        assert (await tg.deliver(update)).messages == []
        again = await latest_session(tg)
        assert session is not None and again is not None
        assert again.state == session.state  # the retry changed nothing
    finally:
        await tg.close()
