"""Whole practice calls through the conversation core: transcripts, restarts, bad input."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core import texts
from dialogues.scenario import load_catalog
from tests.support.calls import current_session, load_script, play_script, start_call
from tests.support.chat import ChatHarness, Clock

SCENARIOS = [s.id for s in load_catalog().all()]


@pytest.mark.parametrize("scenario_id", SCENARIOS)
async def test_a_consultant_who_follows_the_method_books_a_meeting(
    tmp_path: Path, scenario_id: str
) -> None:
    chat = await ChatHarness.create(tmp_path)
    try:
        opening = await start_call(chat, scenario_id, "mellem")
        assert "Samtalen starter" in opening and "🏢" in opening
        replies = await play_script(chat, load_script("god_metode.txt"))
        session = await current_session(chat)
        assert session is not None and session.finished
        assert session.outcome in {"moede_booket", "aftale"}
        assert "BALA" in replies[-1]
        assert chat.button_labels == [texts.CMD_NEW]
        assert "Du har ingen samtale i gang" in await chat.say("/status")
    finally:
        await chat.close()


async def test_a_consultant_who_skips_the_method_gets_no_meeting(tmp_path: Path) -> None:
    chat = await ChatHarness.create(tmp_path)
    try:
        await start_call(chat, SCENARIOS[0], "mellem")
        await play_script(chat, load_script("springer_metoden_over.txt"))
        session = await current_session(chat)
        assert session is not None and session.outcome in {"afslag", "afbrudt"}
    finally:
        await chat.close()


async def test_restart_after_every_turn_gives_the_same_call(tmp_path: Path) -> None:
    """Kill the process between any two turns: the call goes on word for word."""
    straight = await ChatHarness.create(tmp_path / "a")
    await start_call(straight, SCENARIOS[1], "let")
    first_said = len(straight.said)
    expected = await play_script(straight, load_script("god_metode.txt"))
    inputs = straight.said[first_said:]
    await straight.close()

    chat = await ChatHarness.create(tmp_path / "b")
    await start_call(chat, SCENARIOS[1], "let")
    replies: list[str] = []
    for text in inputs:
        await chat.close()  # a new process on the same database file, between every turn
        chat = await ChatHarness.create(tmp_path / "b")
        replies.append(await chat.say(text))
    session = await current_session(chat)
    await chat.close()
    assert replies == expected
    assert session is not None and session.finished


async def test_commands_in_the_wrong_state_keep_the_call(chat: ChatHarness) -> None:
    assert await chat.say("/videre") == texts.NOT_IN_CALL
    assert await chat.say("/stop") == texts.NOT_IN_CALL
    await start_call(chat, SCENARIOS[2], "let")
    await chat.say("Goddag, det er Sara fra Jobcenter Aarhus.")
    reply = await chat.say("/ny")
    assert "allerede en samtale i gang" in reply
    await chat.press("Fortsæt")
    assert "vi fortsætter" in chat.text
    session = await current_session(chat)
    assert session is not None and not session.finished
    assert await chat.send_unsupported() == texts.UNSUPPORTED
    long = await chat.say("x" * 4500)
    assert "4500 tegn" in long
    after = await current_session(chat)
    assert after is not None and after.state == session.state  # nothing changed, nothing lost


async def test_restart_button_abandons_the_old_call(chat: ChatHarness) -> None:
    await start_call(chat, SCENARIOS[0], "let")
    await chat.say("/ny")
    await chat.press("Start forfra")
    assert "Hvilken virksomhed" in chat.text
    session = await current_session(chat)
    assert session is not None and session.outcome == "ufuldendt"


async def test_rubric_is_shown_before_a_call(chat: ChatHarness) -> None:
    reply = await chat.say("/rubrik")
    for label in ("Åbning", "Analyse", "Afslutning", "Hilsen", "Tidspunkt"):
        assert label in reply


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(min_size=0, max_size=300), min_size=1, max_size=6))
def test_any_text_mid_call_never_breaks_it(messages: list[str]) -> None:
    asyncio.run(_play_garbage(messages))


async def _play_garbage(messages: list[str]) -> None:
    with tempfile.TemporaryDirectory() as directory:
        chat = await ChatHarness.create(Path(directory), clock=Clock())
        try:
            await start_call(chat, SCENARIOS[3], "svaer")
            for message in messages:
                replies = await chat.send_text_raw(message)
                assert replies, f"no answer to {message!r}"
                assert all(r.text != texts.INTERNAL_ERROR for r in replies)
            session = await current_session(chat)
            assert session is not None
            assert session.phase in {
                "aabning",
                "analyse",
                "indvendinger",
                "loesning",
                "afslutning",
                "debrief",
            }
        finally:
            await chat.close()


async def test_typed_numbers_and_words_pick_the_call_like_the_buttons(tmp_path: Path) -> None:
    """Found by a reviewer: after a terminal restart the numbers were forgotten, so »2« for
    the second company only showed the list again, and »svær« typed on a phone did nothing."""
    chat = await ChatHarness.create(tmp_path)
    try:
        await chat.say("/ny")
        second = load_catalog().all()[1]
        assert second.contact_name in await chat.say("2")
        assert "feedback" in await chat.say("Svær")
        started = await chat.say("eksamen")
        assert "Samtalen starter" in started and second.contact_name in started
        session = await current_session(chat)
        assert session is not None
        assert (session.scenario_id, session.difficulty, session.mode) == (
            second.id,
            "svaer",
            "exam",
        )
    finally:
        await chat.close()


async def test_typed_nonsense_while_choosing_shows_the_choices_again(tmp_path: Path) -> None:
    chat = await ChatHarness.create(tmp_path)
    try:
        await chat.say("/ny")
        assert chat.button_labels == [s.title for s in load_catalog().all()]
        await chat.say("99")
        assert chat.button_labels == [s.title for s in load_catalog().all()]
        await chat.say("1")
        first = load_catalog().all()[0]
        again = await chat.say("meget svær")
        assert texts.PICK_DIFFICULTY.format(contact=first.contact_name) in again
        assert "Let" in chat.button_labels
        assert await current_session(chat) is None
    finally:
        await chat.close()


async def test_start_again_mid_call_welcomes_back_and_shows_the_call(chat: ChatHarness) -> None:
    """A restarted terminal (or /start in Telegram) shows where you were, not the whole intro."""
    await start_call(chat, SCENARIOS[0], "let")
    await chat.say("Goddag, jeg hedder Sara fra Jobcenter Aarhus.")
    reply = await chat.say("/start")
    assert texts.WELCOME_BACK in reply and texts.WELCOME not in reply
    assert "vi fortsætter" in reply
    assert chat.button_labels == [texts.NEXT_BUTTON, texts.STOP_BUTTON]
    await chat.press(texts.NEXT_BUTTON)  # the shown buttons are the live ones
    assert "🏢" in chat.text or "🎓" in chat.text


async def test_start_again_while_choosing_shows_the_choices(chat: ChatHarness) -> None:
    await chat.say("/ny")
    await chat.press_data(chat.replies[0].buttons[1][0].data)
    reply = await chat.say("/start")
    assert texts.WELCOME_BACK in reply and "Hvor svær" in reply
    assert texts.DIFFICULTY_LABELS["let"] in chat.button_labels


async def test_start_without_a_flow_gives_the_full_welcome(chat: ChatHarness) -> None:
    assert await chat.say("/start") == texts.WELCOME
