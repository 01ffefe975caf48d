"""The objection bank as people use it, transcript style, through the real conversation core."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.core import texts as core_texts
from bot.core.tokens import UNBOUND_NONCE, ButtonToken
from objection_bank import texts
from tests.bank_support import Team, add_objection, make_team, seed_id
from tests.support.chat import ChatHarness, Clock


@pytest.fixture
async def team(chat: ChatHarness) -> Team:
    return await make_team(chat)


async def test_a_member_adds_an_objection_step_by_step(team: Team) -> None:
    mads = team.member
    assert "Hvad siger virksomheden?" in await mads.say("/ny_indvending")
    assert mads.button_labels == [texts.BTN_CANCEL]
    asked = await mads.say("Vores kunder vil kun have danske håndværkere i deres hjem")
    assert "Hvornår i samtalen" in asked and "danske håndværkere" in asked
    await mads.press("Forslag til løsninger")
    themes = await mads.press(texts.BTN_BACK)  # back to the phase question
    assert "Hvornår i samtalen" in themes
    await mads.press("Svar på indvendinger")
    await mads.press(texts.BTN_MORE_THEMES)
    await mads.press(texts.BTN_MORE_THEMES)  # the less common themes are two pages on
    await mads.press("Sprog")
    await mads.press(texts.BTN_FIRST_THEMES)
    chosen = await mads.press("Tillid")
    assert "Valgt indtil nu: Sprog, Tillid." in chosen
    assert "✓ Tillid" in mads.button_labels
    await mads.press("✓ Tillid")  # untick
    hint = await mads.say("bygeri, sprog")
    assert "»bygeri« (mente du »bygge_anlaeg«?)" in hint  # nothing lost: the step is asked again
    assert "Hvad handler den om?" in hint
    asked = await mads.say("byggeri, sprog, lille")
    assert "Hvor svær" in asked  # industry typed, so the industry step is skipped
    await mads.press("Svær")
    saved = await mads.say(
        "Det forstår jeg godt. Hvad er det, kunderne er bekymrede for? Vores kandidater taler "
        "dansk og kan starte med en prøvedag. Lyder det rimeligt?"
    )
    assert "gemt som #" in saved and "når en administrator har godkendt den" in saved
    assert texts.ADD_SAVED_WITH_ANSWER in saved

    number = saved.split("#", 1)[1].split(".")[0]
    shown = await mads.say(f"/indvending {number}")
    assert "Svar på indvendinger · Svær" in shown
    assert "Emner: Sprog, Bygge og anlæg, 10–49 ansatte" in shown
    assert texts.VIEW_PENDING in shown
    assert "Lyder det rimeligt? (0 👍)" in shown


async def test_limits_are_explained_and_the_flow_goes_on(team: Team) -> None:
    mads = team.member
    await mads.say("/ny_indvending")
    too_long = await mads.say("x" * 501)
    assert "for lang: 501 tegn, højst 500" in too_long and "Hvad siger virksomheden?" in too_long
    await mads.say("Vi har en aftale med en rekrutteringsfirma i Herning")
    await mads.press("Åbning")
    await mads.press("Færdig")
    await mads.say("rumfartsindustri")
    assert "Hører den til en bestemt branche?" in mads.text
    await mads.press("Alle brancher")
    await mads.say("umulig")
    assert "Ukendt sværhedsgrad" in mads.text
    await mads.press("Let")
    refused = await mads.say("y" * 1001)
    assert "for langt: 1001 tegn, højst 1000" in refused
    saved = await mads.press(texts.BTN_SKIP)
    assert "gemt som #" in saved


async def test_a_duplicate_is_caught_and_the_answer_goes_there(chat: ChatHarness) -> None:
    west = await make_team(chat)
    east = await make_team(chat, "A-kassen Øst", prefix="oest-")
    mads = west.member
    await mads.say("/ny_indvending")
    offered = await mads.say("altsaa vi har jo IKKE tid lige nu 🙄")
    assert offered.startswith("Den ligner: »Jeg har ikke tid lige nu.«")
    assert "vil du tilføje dit svar dér i stedet?" in offered
    asked = await mads.press(texts.BTN_ADD_ANSWER_THERE)
    assert "Skriv dit svar på »Jeg har ikke tid lige nu.«" in asked
    saved = await mads.say("Helt fair! Hvornår passer det bedre? Jeg skal kun bruge to minutter.")
    assert "Dit svar er gemt" in saved
    assert "✓ Anerkendelse" in saved and "✗ Accept – prøv fx:" in saved

    objection = await seed_id(chat, "seed-aab-01")
    assert "Jeg skal kun bruge to minutter" in await west.other.say(f"/indvending {objection}")
    assert "Jeg skal kun bruge to minutter" not in await east.member.say(f"/indvending {objection}")


async def test_the_last_duplicate_check_sees_what_a_teammate_added_meanwhile(team: Team) -> None:
    mads, karen = team.member, team.other
    await mads.say("/ny_indvending")
    await mads.say("Vi ansætter kun folk, der selv har kørt gaffeltruck i mange år")
    await mads.press("Svar på indvendinger")
    number = await add_objection(karen, "Vi ansætter kun folk der har kørt gaffeltruck i mange år")
    await mads.press("Færdig")
    await mads.press("Alle brancher")
    await mads.press("Mellem")
    offered = await mads.press(texts.BTN_SKIP)
    assert "Den ligner" in offered and f"(#{number})" in offered
    saved = await mads.press(texts.BTN_IT_IS_NEW)
    assert "gemt som #" in saved


async def test_votes_count_once_per_member_and_per_team(chat: ChatHarness) -> None:
    west = await make_team(chat)
    east = await make_team(chat, "A-kassen Øst", prefix="oest-")
    objection = await seed_id(chat, "seed-ind-01")
    await west.member.say(f"/indvending {objection}")
    view = west.member.replies
    assert await west.member.press("Svar 2 virkede") == texts.VOTE_THANKS.format(votes=1)
    assert await west.member.press("Svar 2 virkede", among=view) == texts.VOTE_ALREADY
    await west.other.say(f"/indvending {objection}")  # the voted answer is now shown first
    assert await west.other.press("Svar 1 virkede") == texts.VOTE_THANKS.format(votes=2)
    await east.member.say(f"/indvending {objection}")
    assert await east.member.press("Svar 2 virkede") == texts.VOTE_THANKS.format(votes=1)
    shown = await west.admin.say(f"/indvending {objection}")
    first = shown.split("Svar (flest 👍 først):")[1].strip().splitlines()[0]
    assert first.startswith("1. Det forstår jeg godt, det er nemt med et bureau.")
    assert first.endswith("(2 👍)")


async def test_an_admin_merges_a_duplicate_and_answers_and_votes_move(team: Team) -> None:
    anne, mads, karen = team.admin, team.member, team.other
    shared_answer = "Det forstår jeg godt. Hvad skete der? Vi følger op hver uge. Giver det mening?"
    first = await add_objection(
        mads, "Jeres praktikanter møder aldrig op til tiden", answer=shared_answer
    )
    second = await add_objection(
        karen, "Praktikanterne fra jer møder aldrig til tiden om morgenen", answer=shared_answer
    )
    await karen.say("/indvending " + str(second))
    await karen.press("Tilføj dit svar")
    await karen.say("Det er jeg ked af. Hvornår sker det? Vi tager en snak med dem. Okay?")
    await mads.say(f"/indvending {second}")
    view = mads.replies
    await mads.press("Svar 1 virkede")
    await mads.press("Svar 2 virkede", among=view)
    await karen.say(f"/indvending {first}")
    await karen.press("Svar 1 virkede")
    await mads.say(f"/indvending {first}")
    await mads.press("Svar 1 virkede")  # mads voted the same words on both: must count once
    await anne.say(f"/indvending {second}")
    await anne.press("Svar 1 virkede")  # the shared words, on the duplicate only

    assert "Disse venter på godkendelse" in await anne.say("/moderer")
    await anne.say(f"/indvending {second}")
    asked = await anne.press(texts.BTN_MERGE)
    assert f"Hvilken skal #{second} flettes ind i?" in asked
    merged = await anne.press(f"Behold #{first}")
    assert merged.startswith(f"#{second} er flettet ind i #{first}: 1 svar og 2 stemmer")

    assert texts.NOT_FOUND.format(id=second) == await anne.say(f"/indvending {second}")
    kept = await anne.say(f"/indvending {first}")
    assert kept.count("Vi følger op hver uge") == 1
    assert "Vi følger op hver uge. Giver det mening? (3 👍)" in kept
    assert "Vi tager en snak med dem. Okay? (1 👍)" in kept
    assert f"#{first} er godkendt" in await anne.press(texts.BTN_APPROVE)
    assert texts.VIEW_PENDING not in await anne.say(f"/indvending {first}")
    assert f"#{first} er skjult" in await anne.press(texts.BTN_HIDE)
    assert texts.NOT_FOUND.format(id=first) == await mads.say(f"/indvending {first}")


async def test_merge_by_typed_number_and_its_refusals(team: Team) -> None:
    anne = team.admin
    own = await add_objection(team.member, "Vi har ingen kantine, så praktikanter kan ikke spise")
    seed = await seed_id(anne, "seed-loe-05")
    await anne.say(f"/indvending {own}")
    await anne.press(texts.BTN_MERGE)
    assert texts.MOD_MERGE_NUMBER in await anne.say("den der med pladsen")
    assert texts.MOD_MERGE_SELF in await anne.say(f"#{own}")
    assert texts.MOD_MERGE_TARGET_MISSING.format(id=99999) in await anne.say("99999")
    assert f"er flettet ind i #{seed}" in await anne.say(f"#{seed}")
    await anne.say(f"/indvending {seed}")
    assert texts.BTN_MERGE not in anne.button_labels  # the shared bank is not the team's to merge
    forged = ButtonToken(await _member_id(anne), UNBOUND_NONCE, "bm_skjul", str(seed)).encode()
    assert await anne.press_data(forged) == texts.ONLY_TEAM_OBJECTIONS


async def _member_id(who: ChatHarness) -> int:
    from sqlalchemy import select

    from bot.storage.models_core import Identity

    async with who.app.db.transaction() as db:
        found = await db.scalar(
            select(Identity.member_id).where(Identity.external_user_id == who.user_id)
        )
    assert found is not None
    return found


async def test_people_outside_a_team_are_answered_politely(chat: ChatHarness) -> None:
    outsider = chat.as_user("udenfor", "Ulla Udenfor")
    assert await outsider.say("/ny_indvending") == texts.NEEDS_TEAM
    objection = await seed_id(chat, "seed-ind-03")
    shown = await outsider.say(f"/indvending {objection}")
    assert "bureaukrati" in shown and outsider.button_labels == []  # may read, not vote
    vote = ButtonToken(await _member_id(outsider), UNBOUND_NONCE, "bv_stem", "1").encode()
    assert await outsider.press_data(vote) == texts.NEEDS_TEAM
    answer = ButtonToken(await _member_id(outsider), UNBOUND_NONCE, "bv_svar", "1").encode()
    assert await outsider.press_data(answer) == texts.NEEDS_TEAM
    assert await outsider.say("/moderer") == core_texts.ADMIN_ONLY
    assert "Det fandt jeg om »papirarbejde«" in await outsider.say("/soeg papirarbejde")
    assert "Hvad svarer du?" in await outsider.say("/indvendinger")  # the shared bank drills


async def test_members_cannot_moderate(team: Team) -> None:
    mads = team.member
    own = await add_objection(team.other, "Vi skal have folk med eget værktøj")
    assert await mads.say("/moderer") == core_texts.ADMIN_ONLY
    await mads.say(f"/indvending {own}")
    assert texts.BTN_APPROVE not in mads.button_labels and texts.BTN_MERGE not in mads.button_labels
    me = await _member_id(mads)
    for action in ("bm_ok", "bm_skjul", "bm_flet", "bm_svar", "bm_skjul_svar"):
        token = ButtonToken(me, UNBOUND_NONCE, action, str(own)).encode()
        assert await mads.press_data(token) == texts.ADMIN_ONLY, action
    assert texts.VIEW_PENDING in await team.admin.say(f"/indvending {own}")


async def test_teams_only_see_their_own_bank(chat: ChatHarness) -> None:
    west = await make_team(chat)
    east = await make_team(chat, "A-kassen Øst", prefix="oest-")
    own = await add_objection(west.admin, "Vi har en fast aftale med produktionsskolen i byen")
    assert "produktionsskolen" in await west.member.say("/soeg produktionsskole")
    assert "produktionsskolen" not in await east.member.say("/soeg produktionsskole")
    assert await east.admin.say(f"/indvending {own}") == texts.NOT_FOUND.format(id=own)
    forged = ButtonToken(await _member_id(east.admin), UNBOUND_NONCE, "bm_skjul", str(own))
    assert await east.admin.press_data(forged.encode()) == texts.NOT_FOUND.format(id=own)
    assert "produktionsskolen" in await west.member.say(f"/indvending {own}")


async def test_a_way_back_and_out_at_every_step(team: Team) -> None:
    mads = team.member
    await mads.say("/ny_indvending")
    await mads.say("Vi skal først se regnskabet for i år")
    old_phase_question = mads.replies
    await mads.press("Afslutning")
    assert await mads.press(texts.BTN_CANCEL) == texts.ADD_CANCELLED
    stale = await mads.press("Analyse", among=old_phase_question)
    assert stale == core_texts.BUTTON_STALE
    assert await mads.say("hej") == core_texts.NO_FLOW
    await mads.say("/ny_indvending Vi skal først se regnskabet for i år")
    assert "Hvornår i samtalen" in mads.text
    assert await mads.say("/annuller") == core_texts.CANCELLED


async def test_search_is_fuzzy_and_says_when_nothing_fits(team: Team) -> None:
    mads = team.member
    assert await mads.say("/soeg") == texts.SEARCH_USAGE
    found = await mads.say("/soeg vikarbureu")
    assert "Vi bruger et vikarbureau, og det fungerer fint." in found
    assert any(label.startswith("Vis #") for label in mads.button_labels)
    assert "kørekort til lastbil" in await mads.say("/soeg KOEREKORT")
    assert await mads.say("/soeg rumfart") == texts.SEARCH_NONE.format(query="rumfart")


async def test_drills_score_each_answer_and_bring_poor_ones_back_first(
    tmp_path: Path, clock: Clock
) -> None:
    chat = await ChatHarness.create(tmp_path, clock=clock)
    try:
        started = await chat.say("/indvendinger")
        assert started.startswith(texts.DRILL_INTRO)
        first = _drilled(started)
        poor = await chat.say("Okay.")
        assert "Du ramte 0 af 4" in poor and "✗ Anerkendelse – prøv fx:" in poor
        assert "Sådan svarer dit team" in poor and texts.DRILL_AGAIN_SOON in poor
        second = _drilled(poor)
        assert second != first
        good = await chat.say(
            "Det forstår jeg godt. Hvad skal der til, for at det bliver relevant? "
            "Vi sørger for papirarbejdet, og det er gratis for jer. Giver det mening?"
        )
        assert "Du ramte 4 af 4" in good and "Den kommer igen om 3 dage." in good
        clock.advance(minutes=11)
        assert _drilled(await chat.press(texts.BTN_SKIP)) == first  # the poor one is due again
        stopped = await chat.press(texts.BTN_STOP)
        assert "Indvendinger: 2 af 72 øvet · 0 mestret · 1 klar til gentagelse." in stopped
        assert "Det glemmer du oftest: accept, afklaring." in stopped
        assert "Indvendinger: 2 af 72 øvet" in await chat.say("/status")
    finally:
        await chat.close()


def _drilled(reply: str) -> str:
    return reply.rsplit("»", 1)[1].split("«", 1)[0]


async def test_the_call_guide_is_saved_listed_exported_and_limited(team: Team) -> None:
    mads = team.member
    assert texts.GUIDE_EMPTY in await mads.say("/ringeguide")
    await mads.press(texts.BTN_GUIDE_ADD)
    await mads.press("Analyse")
    saved = await mads.say("Hvad gør I, når en af jeres faste er syg i længere tid?")
    assert saved == texts.GUIDE_SAVED.format(phase="Analyse")
    await mads.say("/ringeguide åbning: Goddag, det er Mads fra Jobcenter Vest")
    listing = await mads.say("/ringeguide")
    assert listing.index("Åbning:") < listing.index("Analyse:")
    assert "1. Goddag, det er Mads fra Jobcenter Vest" in listing
    await mads.press(texts.BTN_GUIDE_EXPORT)
    (attachment,) = mads.replies[0].attachments
    markdown = attachment.data.decode("utf-8")
    assert attachment.filename == "ringeguide.md" and attachment.content_type == "text/markdown"
    assert "## Analyse\n\n- Hvad gør I, når en af jeres faste er syg i længere tid?" in markdown
    assert await mads.say("/ringeguide afslutning " + "z" * 501) == texts.GUIDE_TOO_LONG.format(
        length=501, limit=500
    )
    for n in range(9):
        await mads.say(f"/ringeguide analyse Spørgsmål nummer {n}?")
    full = await mads.say("/ringeguide analyse Et spørgsmål for meget?")
    assert full == texts.GUIDE_FULL.format(limit=10, phase="Analyse")
    await mads.say("/ringeguide")
    await mads.press(texts.BTN_GUIDE_DELETE)
    assert await mads.press("Slet: Goddag") == texts.GUIDE_DELETED
    assert "Goddag" not in await mads.say("/ringeguide")
    guide = await _guide_source(mads)
    assert guide["analyse"][0].startswith("Hvad gør I") and "aabning" not in guide


async def _guide_source(who: ChatHarness) -> dict[str, list[str]]:
    from bot.features.bank import store

    async with who.app.db.transaction() as db:
        return await store.guide_lines(db, await _member_id(who))


async def test_my_data_and_delete_me_cover_the_bank(team: Team) -> None:
    mads = team.member
    own = await add_objection(mads, "Vi tager kun folk gennem vores eget netværk på Facebook")
    await mads.say("/ringeguide analyse Hvad mangler I mest lige nu?")
    objection = await seed_id(mads, "seed-ind-05")
    await mads.say(f"/indvending {objection}")
    await mads.press("Svar 1 virkede")
    await mads.say("/indvendinger")
    await mads.say("Det forstår jeg godt.")
    await mads.say("/mine_data")
    payload = mads.replies[0].attachments[0].data.decode("utf-8")
    assert '"indvendingsbank"' in payload and "Hvad mangler I mest lige nu?" in payload
    assert "eget netværk på Facebook" in payload and '"stemmer"' in payload
    await mads.say("/slet_mig")
    await mads.press("Ja")
    shown = await team.admin.say(f"/indvending {own}")
    assert "eget netværk på Facebook" in shown  # the team keeps the objection, without author
    await team.admin.say(f"/indvending {objection}")
    assert "(0 👍)" in team.admin.text.split("1. ", 1)[1].splitlines()[0]


async def test_status_shows_the_bank_and_what_waits_for_the_admin(team: Team) -> None:
    await add_objection(team.member, "Vi har vores egen akademiuddannelse til nye")
    status = await team.admin.say("/status")
    assert "Indvendingsbank: 1 egne indvendinger og 72 fra den fælles bank." in status
    assert texts.STATUS_PENDING.format(count=1) in status
    assert texts.STATUS_PENDING.format(count=1) not in await team.member.say("/status")


@pytest.fixture
async def both(database_url: str, clock: Clock) -> AsyncIterator[ChatHarness]:
    chat = await ChatHarness.create(database_url=database_url, clock=clock)
    yield chat
    await chat.close()


async def test_votes_and_merges_hold_on_sqlite_and_postgresql(both: ChatHarness) -> None:
    team = await make_team(both)
    own = await add_objection(team.member, "Vi rekrutterer kun via LinkedIn", answer="Svar A?")
    await team.other.say(f"/indvending {own}")
    view = team.other.replies
    assert await team.other.press("Svar 1") == texts.VOTE_THANKS.format(votes=1)
    assert await team.other.press("Svar 1", among=view) == texts.VOTE_ALREADY
    seed = await seed_id(both, "seed-ana-03")
    await team.admin.say(f"/indvending {own}")
    await team.admin.press(texts.BTN_MERGE)
    assert "1 svar og 1 stemmer" in await team.admin.say(str(seed))
    assert "Svar A? (1 👍)" in await team.admin.say(f"/indvending {seed}")


async def test_bank_flows_never_break_into_a_practice_call(team: Team) -> None:
    mads = team.member
    await mads.say("/ny")  # choosing a scenario for a practice call
    assert await mads.say("/ny_indvending") == core_texts.IN_OTHER_FLOW
    assert await mads.say("/indvendinger") == core_texts.IN_OTHER_FLOW
    assert "Vi bruger et vikarbureau" in await mads.say("/soeg vikarbureau")  # reading is fine
