"""The objection bank in Teams: adding an objection step by step with card buttons, the fuzzy
duplicate check catching a colleague's near-copy, and voting on answers once per person."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("bot.features.bank", reason="the objection-bank feature has not landed yet")

from bot.core import teams as core_teams
from bot.core import texts as core_texts
from objection_bank import texts
from objection_bank.tags import Difficulty, Phase
from tests.support.chat import Clock
from tests.teams_harness import JONAS, SARA, TeamsHarness

OBJECTION = "Vi bruger allerede et vikarbureau, når vi mangler folk i travle perioder"
NEAR_COPY = "altså vi bruger allerde et vikarbureau naar vi mangler folk i travle perioder"
ANSWER = (
    "Det forstår jeg godt. Hvad fungerer godt ved bureauet i dag? Vi kan supplere med "
    "kandidater, der bliver fast – giver det mening at se på?"
)


async def test_adding_an_objection_with_cards_then_voting_on_its_answer(tmp_path: Path) -> None:
    teams = await TeamsHarness.create(tmp_path)
    try:
        async with teams.app.db.transaction() as db:
            team = await core_teams.create_team(db, "Jobcenter Syd")
            admin = (await core_teams.create_invite(db, team.id, "admin", Clock()())).code
            member = (await core_teams.create_invite(db, team.id, "medlem", Clock()())).code
        await teams.say(SARA, f"/deltag {admin}")
        await teams.say(JONAS, f"/deltag {member}")

        asked = await teams.say(SARA, "/ny_indvending")
        assert texts.BTN_CANCEL in [title for title, _ in teams.actions(SARA)]
        assert "indvending" in asked.text.lower()
        step = await teams.say(SARA, OBJECTION)
        if "Den ligner" in step.text:  # the seed bank may hold a relative: it is new
            step = await teams.press(SARA, texts.BTN_IT_IS_NEW)
        assert OBJECTION in step.text  # "»…« Hvornår i samtalen kommer den typisk?"
        await teams.press(SARA, Phase.INDVENDINGER.label)
        await teams.press(SARA, texts.BTN_MORE_THEMES)  # the common themes come first
        themes = await teams.press(SARA, "Vikarbureau")
        assert "Vikarbureau" in themes.text  # the chosen theme is shown ticked
        await teams.press(SARA, texts.BTN_DONE)
        await teams.press(SARA, texts.BTN_ALL_INDUSTRIES)
        await teams.press(SARA, Difficulty.MELLEM.label)
        saved = await teams.say(SARA, ANSWER)
        match = re.search(r"#(\d+)", saved.text)
        assert match and texts.ADD_SAVED_WITH_ANSWER in saved.text, saved.text
        objection_id = match[1]

        # A colleague types the same objection with typos and no æøå: caught as a duplicate.
        await teams.say(JONAS, "/ny_indvending")
        duplicate = await teams.say(JONAS, NEAR_COPY)
        assert "Den ligner" in duplicate.text and f"#{objection_id}" in duplicate.text
        await teams.press(JONAS, f"(#{objection_id})")
        await teams.say(JONAS, "Hvad ville det betyde for jer, hvis de gode vikarer kunne blive?")
        assert (
            texts.ANSWER_SAVED.format(id=objection_id)
            in teams.standin.to(JONAS.chat_id)[-1].shown_text()
        )

        # Jonas looks the objection up and votes for Sara's answer, once.
        shown = await teams.say(JONAS, f"/indvending {objection_id}")
        assert OBJECTION in shown.text
        vote = next(
            title for title, _ in teams.actions(JONAS) if title.startswith("👍") and "1" in title
        )
        sara_vote_card = teams.find_action(JONAS, vote)
        first = await teams.press(JONAS, vote)
        assert first.text == texts.VOTE_THANKS.format(votes=1)
        again = await teams.post(teams.make.submit(JONAS, sara_vote_card))
        assert again.text == texts.VOTE_ALREADY

        # Sara's own card buttons belong to Sara.
        foreign = await teams.post(teams.make.submit(SARA, sara_vote_card))
        assert foreign.text == core_texts.BUTTON_NOT_YOURS
    finally:
        await teams.close()
