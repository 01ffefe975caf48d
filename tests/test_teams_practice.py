"""A whole practice call in Teams: card buttons to start, one message per turn, a debrief, and
a restart of the bot mid-call that the consultant does not notice."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from bot.core import texts
from bot.storage.models_core import PracticeSession
from dialogues.scenario import load_catalog
from tests.support.calls import load_script
from tests.teams_harness import SARA, Answer, TeamsHarness
from tests.teams_standin import TeamsConnectorStandIn

SCENARIOS = [s.id for s in load_catalog().all()]
GOOD_CALL = load_script("god_metode.txt")


async def latest_session(teams: TeamsHarness) -> PracticeSession | None:
    async with teams.app.db.sessions() as db:
        return await db.scalar(select(PracticeSession).order_by(PracticeSession.id.desc()).limit(1))


def token_for(teams: TeamsHarness, action: str, arg: str) -> dict[str, str]:
    for _title, data in teams.actions(SARA):
        if str(data.get("rt", "")).endswith(f".{action}.{arg}"):
            return {"rt": str(data["rt"])}
    raise AssertionError(f"no {action}={arg} button among {teams.actions(SARA)}")


async def start_call_with_cards(teams: TeamsHarness, scenario_id: str, difficulty: str) -> Answer:
    """/ny, then company, difficulty and feedback mode, each a press on a card button."""
    await teams.say(SARA, "/ny")
    answer = None
    for action, arg in (("scen", scenario_id), ("svaerhed", difficulty), ("mode", "coach")):
        answer = await teams.post(teams.make.submit(SARA, token_for(teams, action, arg)))
    assert answer is not None
    return answer


async def play(
    teams: TeamsHarness, used: dict[str, int], *, until_phase: str | None = None
) -> list[Answer]:
    """The script's lines for the phase the call is in; then the card's "videre" button."""
    answers: list[Answer] = []
    for _ in range(80):
        session = await latest_session(teams)
        assert session is not None
        if session.finished or session.phase == until_phase:
            return answers
        lines = GOOD_CALL.get(session.phase, [])
        index = used.get(session.phase, 0)
        if index < len(lines):
            used[session.phase] = index + 1
            answers.append(await teams.say(SARA, lines[index]))
        else:
            answers.append(await teams.press(SARA, texts.NEXT_BUTTON))
    raise AssertionError("the call did not end")


async def test_a_full_practice_call_to_its_debrief(tmp_path: Path) -> None:
    teams = await TeamsHarness.create(tmp_path)
    try:
        await teams.post(teams.make.installed(SARA))
        opening = await start_call_with_cards(teams, SCENARIOS[0], "mellem")
        assert "Samtalen starter" in opening.text and "🏢" in opening.text

        answers = await play(teams, {})
        assert all(len(answer.posted) == 1 for answer in answers)  # one message per turn
        assert all(p.conversation_id == SARA.chat_id for a in answers for p in a.posted)
        during = [a for a in answers[:-1] if a.posted[0].submit_actions()]
        assert during, "the call offers its buttons as a card"
        titles = {title for a in during for title, _ in a.posted[0].submit_actions()}
        assert {texts.NEXT_BUTTON, texts.STOP_BUTTON} <= titles

        debrief = answers[-1]
        assert "BALA" in debrief.text
        assert [title for title, _ in debrief.posted[0].submit_actions()] == [texts.CMD_NEW]
        session = await latest_session(teams)
        assert session is not None and session.finished
        assert session.outcome in {"moede_booket", "aftale"}

        again = await teams.press(SARA, texts.CMD_NEW)
        assert "Hvilken virksomhed" in again.text
    finally:
        await teams.close()


async def test_restart_mid_call_goes_on_where_it_was(tmp_path: Path) -> None:
    standin = TeamsConnectorStandIn()  # Teams itself keeps running while the bot restarts
    await standin.start()
    used: dict[str, int] = {}
    try:
        first = await TeamsHarness.create(tmp_path, standin=standin)
        try:
            await start_call_with_cards(first, SCENARIOS[1], "let")
            await play(first, used, until_phase="indvendinger")
            before = await latest_session(first)
            assert before is not None and not before.finished
        finally:
            await first.close(stop_standin=False)  # the bot process stops mid-call

        second = await TeamsHarness.create(tmp_path, standin=standin)  # same database
        try:
            answers = await play(second, used)
            assert answers and "BALA" in answers[-1].text
            after = await latest_session(second)
            assert after is not None and after.id == before.id and after.finished
        finally:
            await second.close(stop_standin=False)
    finally:
        await standin.stop()


async def test_stop_button_ends_the_call_with_a_debrief(tmp_path: Path) -> None:
    teams = await TeamsHarness.create(tmp_path)
    try:
        await start_call_with_cards(teams, SCENARIOS[2], "let")
        await teams.say(SARA, GOOD_CALL["aabning"][0])
        busy = await teams.say(SARA, "/ny")
        assert "allerede en samtale i gang" in busy.text
        resumed = await teams.press(SARA, texts.CONTINUE_CALL)
        assert "vi fortsætter" in resumed.text
        stop = teams.find_action(SARA, texts.STOP_BUTTON)
        ended = await teams.post(teams.make.submit(SARA, stop))
        assert "BALA" in ended.text
        stale = await teams.post(teams.make.submit(SARA, stop))
        assert stale.text == texts.BUTTON_STALE
    finally:
        await teams.close()
