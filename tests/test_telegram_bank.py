"""The objection bank in Telegram: adding with a button per fixed choice, a fuzzy duplicate
caught, votes (once each, never with someone else's button) and stale buttons."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.core import teams
from bot.core import texts as core_texts
from objection_bank import texts
from objection_bank.tags import Difficulty, Phase
from tests.support.chat import Clock
from tests.telegram_harness import TelegramHarness, Turn
from tests.telegram_standin import TgUser, button_data

LEA = TgUser(4901, "Lea", "Lund")  # team admin
ANNE = TgUser(4902, "Anne", "Holm")
BO = TgUser(4903, "Bo", "Berg")
OBJECTION = "Vi har ikke tid til <den slags> & papirarbejde lige nu"
ANSWER = (
    "Det forstår jeg godt. Hvad fylder mest for jer lige nu? Vi klarer papirarbejdet, "
    "så det tager kun ti minutter for jer. Giver det mening?"
)


@pytest.fixture
async def tg(tmp_path: Path) -> AsyncIterator[TelegramHarness]:
    clock = Clock()
    harness = await TelegramHarness.create(tmp_path, clock=clock)
    async with harness.app.db.transaction() as db:
        team = await teams.create_team(db, "Jobcenter Syd")
        admin_code = (await teams.create_invite(db, team.id, "admin", clock())).code
        member_code = (await teams.create_invite(db, team.id, "medlem", clock())).code
    await harness.say(LEA, f"/start {admin_code}")
    await harness.say(ANNE, f"/start {member_code}")
    await harness.say(BO, f"/start {member_code}")
    yield harness
    await harness.close()


def tap(message: dict[str, Any], action: str, arg: str | None = None) -> str:
    """The token of the button for ``action`` (and ``arg``) under a message."""
    for row in button_data(message):
        for _label, data in row:
            parts = data.split(".", 3)
            if len(parts) == 4 and parts[2] == action and (arg is None or parts[3] == arg):
                return data
    raise AssertionError(f"no {action}/{arg} button in {button_data(message)}")


async def press(tg: TelegramHarness, user: TgUser, action: str, arg: str | None = None) -> Turn:
    message = tg.standin.last_message(user.id)
    return await tg.press_data(user, message, tap(message, action, arg))


async def test_adding_with_buttons_then_voting(tg: TelegramHarness) -> None:
    await tg.say(LEA, "/ny_indvending")
    asked_phase = await tg.say(LEA, OBJECTION)
    # the objection is quoted back, escaped for HTML and intact after parsing
    assert OBJECTION in asked_phase.text
    assert "&lt;den slags&gt; &amp; papirarbejde" in asked_phase.messages[-1]["text"]
    phase_question = asked_phase.messages[-1]

    await press(tg, LEA, "bn_fase", Phase.INDVENDINGER.value)
    themes = await press(tg, LEA, "bn_tema")  # the first theme
    assert texts.ADD_THEMES_CHOSEN.split("{")[0] in themes.text
    await press(tg, LEA, "bn_tema_ok")
    await press(tg, LEA, "bn_branche", "")  # all industries
    await press(tg, LEA, "bn_svaer", Difficulty.MELLEM.value)
    saved = await tg.say(LEA, ANSWER)
    match = re.search(r"#(\d+)", saved.text)
    assert match and texts.ADD_SAVED_ACTIVE.format(id=match[1]) in saved.text
    objection_id = match[1]

    # a button from an earlier step is stale now, and says so
    stale = await tg.press_data(LEA, phase_question, tap(phase_question, "bn_fase"))
    assert stale.texts == [core_texts.BUTTON_STALE]

    shown = await tg.say(ANNE, f"/indvending {objection_id}")
    assert OBJECTION in shown.text and ANSWER in shown.text
    anne_view = shown.messages[-1]
    vote = tap(anne_view, "bv_stem")
    assert (await tg.press_data(ANNE, anne_view, vote)).texts == [texts.VOTE_THANKS.format(votes=1)]
    assert (await tg.press_data(ANNE, anne_view, vote)).texts == [texts.VOTE_ALREADY]
    # Bo's client sends Anne's vote token: refused, and it counts for nobody
    await tg.say(BO, "/hjaelp")
    foreign = await tg.press_data(BO, tg.standin.last_message(BO.id), vote)
    assert foreign.texts == [core_texts.BUTTON_NOT_YOURS]
    bo_view = (await tg.say(BO, f"/indvending {objection_id}")).messages[-1]
    bo_vote = await tg.press_data(BO, bo_view, tap(bo_view, "bv_stem"))
    assert bo_vote.texts == [texts.VOTE_THANKS.format(votes=2)]

    # every tap was answered, so no button kept spinning in anyone's app
    presses = sum(1 for u in tg.standin.calls if u.method == "answerCallbackQuery")
    assert presses == 10


async def test_a_fuzzy_duplicate_is_offered_and_the_answer_added_there(
    tg: TelegramHarness,
) -> None:
    await tg.say(LEA, "/ny_indvending")
    await tg.say(LEA, OBJECTION)
    await press(tg, LEA, "bn_fase", Phase.INDVENDINGER.value)
    await press(tg, LEA, "bn_tema_ok")
    await press(tg, LEA, "bn_branche", "")
    await press(tg, LEA, "bn_svaer", Difficulty.LET.value)
    await press(tg, LEA, "bn_skip_svar")

    # lower case, words moved, a typo: still the same objection
    await tg.say(ANNE, "/ny_indvending")
    offered = await tg.say(ANNE, "lige nu har vi ikke tid til papirarbejde og den slags")
    assert "Den ligner" in offered.text and OBJECTION in offered.text
    asked = await press(tg, ANNE, "bn_dup")
    assert "Skriv dit svar" in asked.text
    saved = await tg.say(ANNE, ANSWER)
    assert any(t.startswith(texts.ANSWER_SAVED.split("#")[0]) for t in saved.texts)
