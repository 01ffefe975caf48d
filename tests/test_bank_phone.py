"""The bank on a phone-sized chat: few buttons per message, kind answers to input that belongs
in another step, and no flow dropped without a word."""

from __future__ import annotations

import pytest

from bot.core import texts as core_texts
from objection_bank import texts
from objection_bank.tags import COMMON_THEMES, TagKind, tag_label, tags_by_kind
from tests.bank_support import Team, make_team
from tests.support.chat import ChatHarness

# A theme question with every theme plus paging, »Færdig« and the way back/out was 23 buttons.
MAX_BUTTONS_PER_THEME_MESSAGE = 12


@pytest.fixture
async def team(chat: ChatHarness) -> Team:
    return await make_team(chat)


async def _at_themes(who: ChatHarness) -> str:
    await who.say("/ny_indvending")
    asked = await who.say("Vi bruger kun folk, vi selv kender fra byen")
    if "Den ligner" in asked:
        await who.press(texts.BTN_IT_IS_NEW)
    return await who.press("Svar på indvendinger")


async def test_themes_come_a_few_at_a_time_with_the_common_ones_first(team: Team) -> None:
    mads = team.member
    asked = await _at_themes(mads)
    assert "Hvad handler den om?" in asked
    first_page = mads.button_labels
    assert len(first_page) <= MAX_BUTTONS_PER_THEME_MESSAGE, first_page
    assert [tag_label(t) for t in COMMON_THEMES] == first_page[: len(COMMON_THEMES)]
    assert texts.BTN_MORE_THEMES in first_page and texts.BTN_DONE in first_page

    ticked = await mads.press("Tillid")
    # a tick answers briefly: no long question again, and the chosen theme is marked ✓
    assert "Hvad handler den om?" not in ticked
    assert "✓ Tillid" in ticked and "Valgt indtil nu: Tillid." in ticked
    assert "✓ Tillid" in mads.button_labels
    assert len(mads.button_labels) <= MAX_BUTTONS_PER_THEME_MESSAGE

    # every theme is reachable by paging, each page small, and the pages come round again
    seen = {label.removeprefix("✓ ") for label in mads.button_labels}
    for _ in range(5):
        await mads.press(texts.BTN_MORE_THEMES)
        labels = mads.button_labels
        assert len(labels) <= MAX_BUTTONS_PER_THEME_MESSAGE, labels
        seen |= {label.removeprefix("✓ ") for label in labels}
        if texts.BTN_FIRST_THEMES in labels:
            break
    assert {t.label for t in tags_by_kind(TagKind.TEMA)} <= seen
    await mads.press("Sprog")
    assert "Valgt indtil nu: Sprog, Tillid." in mads.text
    back_to_first = await mads.press(texts.BTN_FIRST_THEMES)
    assert "Hvad handler den om?" in back_to_first and "✓ Tillid" in mads.button_labels

    # Tilbage from the industry step shows the common themes again, choices kept
    await mads.press(texts.BTN_DONE)
    assert "Hører den til en bestemt branche?" in mads.text
    again = await mads.press(texts.BTN_BACK)
    assert "Valgt indtil nu: Sprog, Tillid." in again
    assert mads.button_labels[0] == tag_label(COMMON_THEMES[0])
    await mads.press(texts.BTN_DONE)
    await mads.press(texts.BTN_ALL_INDUSTRIES)
    await mads.press("Mellem")
    saved = await mads.press(texts.BTN_SKIP)
    number = saved.split("#", 1)[1].split(".")[0]
    assert "Emner: Sprog, Tillid" in await mads.say(f"/indvending {number}")


async def test_cancel_on_a_later_theme_page_saves_nothing(team: Team) -> None:
    mads = team.member
    await _at_themes(mads)
    await mads.press(texts.BTN_MORE_THEMES)
    await mads.press("Bureaukrati")
    paged = mads.replies
    assert texts.ADD_CANCELLED in await mads.press(texts.BTN_CANCEL)
    assert await mads.press(texts.BTN_MORE_THEMES, among=paged) == core_texts.BUTTON_STALE
    assert await mads.say("Tid") == core_texts.NO_FLOW


ANSWER = (
    "Det forstår jeg godt. Hvad betyder det mest for jer, når I ansætter? Vi kan starte med en "
    "prøveperiode, så I kan se kandidaten an. Skal vi prøve det?"
)


async def test_an_answer_typed_at_the_theme_step_is_kept_for_the_answer_step(team: Team) -> None:
    mads = team.member
    await _at_themes(mads)
    await mads.press("Tillid")
    kind = await mads.say(ANSWER)
    assert "Jeg kender ikke disse emneord" not in kind
    assert texts.ADD_THEMES_NOT_TAGS in kind and "Hvad handler den om?" in kind
    assert "Valgt indtil nu: Tillid." in kind  # the ticked theme is still there

    await mads.press(texts.BTN_DONE)
    await mads.press(texts.BTN_ALL_INDUSTRIES)
    asked = await mads.press("Mellem")
    assert "Du skrev tidligere: »Det forstår jeg godt." in asked
    saved = await mads.press(texts.BTN_USE_DRAFT)
    assert texts.ADD_SAVED_WITH_ANSWER in saved
    number = saved.split("#", 1)[1].split(".")[0]
    assert ANSWER in await mads.say(f"/indvending {number}")


async def test_a_short_question_at_the_theme_step_is_not_read_as_tags(team: Team) -> None:
    mads = team.member
    await _at_themes(mads)
    assert texts.ADD_THEMES_NOT_TAGS in await mads.say("hvad skal jeg skrive her?")
    # a real typo in a tag list still names the word, with a hint
    assert "»oekonommi« (mente du »oekonomi«?)" in await mads.say("tid, oekonommi")
    # a typed answer given later wins over the early one
    await mads.say("tid, økonomi, it")
    asked = await mads.press("Let")
    assert "Du skrev tidligere: »hvad skal jeg skrive her?«" in asked
    saved = await mads.say("Det giver god mening. Hvad koster en fejlansættelse jer i dag?")
    number = saved.split("#", 1)[1].split(".")[0]
    shown = await mads.say(f"/indvending {number}")
    assert "Hvad koster en fejlansættelse" in shown and "hvad skal jeg skrive her" not in shown


async def test_an_empty_call_guide_says_how_to_begin_and_offers_no_download(team: Team) -> None:
    mads = team.member
    empty = await mads.say("/ringeguide")
    assert texts.GUIDE_EMPTY in empty and "/ringeguide åbning" in empty
    assert mads.button_labels == [texts.BTN_GUIDE_ADD]

    # the example in the hint works as written
    example = empty.split("fx »", 1)[1].split("«", 1)[0]
    assert "Gemt under Åbning" in await mads.say(example)
    listing = await mads.say("/ringeguide")
    assert "Goddag, jeg ringer fra jobcentret" in listing
    assert texts.BTN_GUIDE_EXPORT in mads.button_labels
    with_export = mads.replies
    await mads.press(texts.BTN_GUIDE_DELETE)
    assert await mads.press("Slet: Goddag") == texts.GUIDE_DELETED
    assert texts.GUIDE_EMPTY in await mads.say("/ringeguide")
    assert mads.button_labels == [texts.BTN_GUIDE_ADD]

    # an export button from before the last phrasing was deleted sends no empty file
    stale = await mads.press(texts.BTN_GUIDE_EXPORT, among=with_export)
    assert stale == texts.GUIDE_NOTHING_TO_EXPORT and not mads.replies[0].attachments


async def test_a_bank_flow_replaced_by_another_says_so_in_one_line(team: Team) -> None:
    mads = team.member
    await mads.say("/indvendinger")
    drill_buttons = mads.replies
    await mads.say("/ringeguide")  # only a listing: the drill goes on
    assert texts.STOPPED_DRILL not in mads.text
    asked = await mads.press(texts.BTN_GUIDE_ADD)
    assert mads.replies[0].text == texts.STOPPED_DRILL
    assert "Til hvilken fase af samtalen?" in asked
    assert await mads.press("Stop", among=drill_buttons) == core_texts.BUTTON_STALE

    restarted = await mads.say("/indvendinger")
    assert mads.replies[0].text == texts.STOPPED_GUIDE and "Indvending (" in restarted
    again = await mads.say("/indvendinger")  # the same drill again: nothing was lost
    assert texts.STOPPED_DRILL not in again

    await mads.say("/ny_indvending")
    assert mads.replies[0].text == texts.STOPPED_DRILL
    await mads.say("altsaa vi har jo IKKE tid lige nu")  # a seed duplicate
    asked = await mads.press(texts.BTN_ADD_ANSWER_THERE)  # add → answer is one errand
    assert texts.STOPPED_ADD not in asked and "Skriv dit svar" in asked
    await mads.say("/ringeguide")
    await mads.press(texts.BTN_GUIDE_ADD)
    assert mads.replies[0].text == texts.STOPPED_ANSWER
