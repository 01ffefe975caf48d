"""Buddy pairs through the real core, transcript style: admin, nudges, buttons, status, report."""

from __future__ import annotations

import asyncio
import csv
import io
import re

import icalendar
import pytest
from sqlalchemy import func, select

from bot.config import Settings
from bot.core.messages import Reply
from bot.core.tokens import UNBOUND_NONCE, ButtonToken
from bot.scheduler.dispatcher import run_for_app
from bot.storage.models_supervision import BuddyPair, Nudge, Reflection
from bot.supervision_cli import report
from tests.supervision_support import Cohort, cph, make_cohort
from tests.support.chat import ChatHarness, Clock


@pytest.fixture
async def cohort(admin: ChatHarness) -> Cohort:
    clock = admin.app.services.clock
    assert isinstance(clock, Clock)
    return await make_cohort(
        admin, clock, {"anna": "Aarhus", "bo": "Randers", "cecilie": "Aarhus", "dennis": "Randers"}
    )


def press_token(reply: Reply, label: str) -> str:
    for row in reply.buttons:
        for button in row:
            if label.lower() in button.label.lower():
                return button.data
    raise AssertionError(f"no {label!r} in {[b.label for r in reply.buttons for b in r]}")


def partner_of(text: str) -> str:
    match = re.search(r"sparring med (\w+)", text)
    assert match, text
    return match[1].lower()


async def test_admin_sets_up_a_cohort_and_pairs_across_organisations(cohort: Cohort) -> None:
    overview = await cohort.admin.say("/hold")
    assert "onsdag d. 1. april" in overview
    assert "1. Anna – Aarhus" in overview
    formed = await cohort.admin.say("/makkerpar auto")
    assert "Makkerpar for periode 1 (1/4 → 20/4)" in formed
    pairs = re.findall(r"• (\w+) og (\w+)", formed)
    assert len(pairs) == 2
    organisation = {"Anna": "A", "Cecilie": "A", "Bo": "R", "Dennis": "R"}
    assert all(organisation[a] != organisation[b] for a, b in pairs)
    second = await cohort.admin.say("/makkerpar auto")
    third = re.findall(r"• (\w+) og (\w+)", second)
    assert "periode 2" in second
    assert not {frozenset(p) for p in pairs} & {frozenset(p) for p in third}  # new partners


async def test_only_admins_run_cohorts_and_bad_input_is_explained(cohort: Cohort) -> None:
    anna = cohort.people["anna"]
    assert "kun for teamets administratorer" in await anna.say("/hold_ny Snydehold")
    admin = cohort.admin
    assert "kan jeg ikke læse som en dato" in await admin.say("/undervisningsdag 31/2")
    assert "Skriv parrene som 1+4" in await admin.say("/makkerpar 1-2")
    assert "ingen deltager nummer 9" in await admin.say("/makkerpar 1+9, 2+3")
    assert "der mangler nogen" in await admin.say("/makkerpar 1+2")
    assert "mere end ét par" in await admin.say("/makkerpar 1+2, 2+3, 4+1")
    assert "Periode 7 findes ikke" in await admin.say("/makkerpar periode 7 auto")
    assert "findes ikke i dit team" in await admin.say("/hold #999")
    assert "allerede et hold" in await admin.say("/hold_ny Forår 2026")
    formed = await admin.say("/makkerpar 1+3, 2+4")
    assert "Anna og Cecilie" in formed and "Bo og Dennis" in formed
    assert "JOIN" not in await anna.say("/hold_deltag FORKERT1")
    assert "kender jeg ikke" in anna.text


async def test_a_whole_period_of_nudges_and_buttons(cohort: Cohort) -> None:
    admin, sender = cohort.admin, cohort.sender
    await admin.say("/makkerpar 1+2, 3+4")  # Anna+Bo, Cecilie+Dennis
    anna, bo, cecilie, dennis = (cohort.people[n] for n in ("anna", "bo", "cecilie", "dennis"))

    # Nothing before the first working morning after the teaching day (Easter: 2–6 April).
    cohort.at(cph(4, 6, 15))
    assert (await cohort.dispatch()).sent == 0
    cohort.at(cph(4, 7, 8))
    assert (await cohort.dispatch()).sent == 4
    (nudge,) = sender.to("anna")
    (bo_nudge,) = sender.to("bo")
    assert nudge.text.startswith("Hej Anna")
    assert "sparring med Bo" in nudge.text
    assert "inden næste undervisningsdag, mandag d. 20. april" in nudge.text
    assert "makkeren lytter kun og noterer" in nudge.text

    # A button from someone else's nudge is refused by the core; a forged one by the feature.
    assert "en anden persons" in await cecilie.press_data(press_token(nudge, "Vi har booket"))
    anna_pair = ButtonToken.decode(press_token(nudge, "Vi har booket"))
    assert anna_pair is not None
    forged = ButtonToken(
        _member_id(sender.to("cecilie")[0]), UNBOUND_NONCE, "sv_holdt", anna_pair.arg
    ).encode()
    assert "et andet makkerpar" in await cecilie.press_data(forged)

    # Cecilie snoozes, Dennis pauses.
    snoozed = await cecilie.press_data(press_token(sender.to("cecilie")[0], "Påmind mig senere"))
    assert "onsdag d. 8. april kl. 08.00" in snoozed
    assert "pause" in await dennis.say("/pause")

    # Anna books Monday 13 April 13:00 with buttons.
    cohort.at(cph(4, 7, 10))
    assert "Hvilken dag" in await anna.press_data(press_token(nudge, "Vi har booket"))
    assert "hvornår på dagen" in await anna.press("man 13/4")
    booked = await anna.press("kl. 13.00")
    assert "booket mandag d. 13. april kl. 13.00 med Bo" in booked
    (invite,) = anna.replies[0].attachments
    event = icalendar.Calendar.from_ical(invite.data).walk("VEVENT")[0]
    assert event.decoded("dtstart") == cph(4, 13, 13)

    # Bo gets the invitation from the dispatcher, then moves the session by typing.
    sender.clear()
    await cohort.dispatch()
    (bo_invite,) = sender.to("bo")
    assert "Anna har booket jeres sparring mandag d. 13. april kl. 13.00" in bo_invite.text
    assert bo_invite.attachments[0].filename.endswith(".ics")
    await bo.press_data(press_token(bo_nudge, "Vi har booket"))
    assert "hvornår" in await bo.say("tirsdag")
    assert "kan jeg ikke læse" in await bo.say("engang")
    moved = await bo.say("kl 10.30")
    assert "Anna havde booket mandag d. 13. april kl. 13.00" in moved
    assert "tirsdag d. 14. april kl. 10.30" in moved
    event = icalendar.Calendar.from_ical(bo.replies[0].attachments[0].data).walk("VEVENT")[0]
    assert event.decoded("sequence") == 1
    sender.clear()
    await cohort.dispatch()
    assert "tirsdag d. 14. april kl. 10.30" in sender.to("anna")[0].text

    # Snooze arrives; Dennis (paused) gets nothing; the reminder comes the day before.
    cohort.at(cph(4, 8, 8))
    sender.clear()
    await cohort.dispatch()
    assert [r.text[:38] for r in sender.to("cecilie")] == ["Her er påmindelsen, du bad om: book je"]
    assert sender.to("dennis") == []
    cohort.at(cph(4, 13, 8))
    sender.clear()
    await cohort.dispatch()
    assert sender.to("anna")[0].text.startswith("Påmindelse: I har sparring tirsdag d. 14. april")
    assert sender.to("bo") and sender.to("cecilie") == []

    # After the session: Holdt / Aflyst / Flyttet; Anna reports held and reflects.
    cohort.at(cph(4, 14, 11, 30))
    sender.clear()
    await cohort.dispatch()
    follow_up = sender.to("anna")[0]
    assert follow_up.text == "Hvordan gik sparringen tirsdag d. 14. april kl. 10.30 med Bo?"
    assert "Hvad tager du med" in await anna.press_data(press_token(follow_up, "Holdt"))
    assert "gemt" in await anna.say("At spørge åbent om behov før jeg foreslår praktik.")

    # Bo presses Holdt too: told it is done, asked for his own reflection; a second press is calm.
    bo_follow_up = sender.to("bo")[0]
    pressed = await bo.press_data(press_token(bo_follow_up, "Holdt"))
    assert "allerede meldt holdt af Anna" in pressed and "Hvad tager du med" in pressed
    await bo.say("Jeg skal spørge om lov, før jeg går i gang.")
    again = await anna.press_data(press_token(follow_up, "Holdt"))
    assert "allerede delt din refleksion" in again
    sender.clear()
    await cohort.dispatch()  # Bo's reflection prompt is dropped: he already answered
    assert sender.to("bo") == []

    # The second nudge three working days before 20 April goes to Cecilie only.
    cohort.at(cph(4, 15, 8))
    sender.clear()
    await cohort.dispatch()
    assert [r.text.split(".")[0] for r in sender.to("cecilie")] == [
        "Hej Cecilie",
    ]
    assert sender.to("anna") == sender.to("bo") == sender.to("dennis") == []

    # The lead's status.
    cohort.at(cph(4, 21, 9))
    status = await admin.say("/status")
    assert "Periode 1 (1/4 → 20/4): 1/2 holdt (50 %)" in status
    assert "Anna og Bo: holdt ✔" in status
    assert "Cecilie og Dennis: forsinket ⚠" in status
    assert "💬 Anna: »At spørge åbent om behov før jeg foreslår praktik.«" in status
    async with admin.app.db.sessions() as db:
        assert await db.scalar(select(func.count()).select_from(Reflection)) == 2


async def test_moved_cancelled_and_rebooked(cohort: Cohort) -> None:
    await cohort.admin.say("/makkerpar 1+2, 3+4")
    anna = cohort.people["anna"]
    cohort.at(cph(4, 7, 8))
    await cohort.dispatch()
    nudge = cohort.sender.to("anna")[0]
    await anna.press_data(press_token(nudge, "Vi har booket"))
    await anna.say("9/4")
    await anna.say("14")
    cohort.at(cph(4, 9, 15, 30))
    cohort.sender.clear()
    await cohort.dispatch()
    follow_up = cohort.sender.to("anna")[0]
    assert "torsdag d. 9. april kl. 14.00" in follow_up.text
    assert "Hvilken dag har I booket nu" in await anna.press_data(press_token(follow_up, "Flyttet"))
    await anna.say("i morgen")
    assert "fredag d. 10. april kl. 09.00" in await anna.say("9")
    cancelled = await anna.press_data(press_token(follow_up, "Aflyst"))
    assert "aflyst" in cancelled
    offer = list(anna.replies)
    assert "allerede meldt aflyst" in await anna.press_data(press_token(follow_up, "Aflyst"))
    # After a cancellation the pair can still book a new time.
    await anna.press("Vi har booket", among=offer)
    assert "kan jeg ikke læse" not in await anna.press("tir 14/4")
    assert "booket tirsdag d. 14. april kl. 08.00" in await anna.press("kl. 08.00")
    async with cohort.admin.app.db.sessions() as db:
        states = set(await db.scalars(select(BuddyPair.state)))
    assert "booket" in states


async def test_booking_in_the_past_or_bad_input_loses_nothing(cohort: Cohort) -> None:
    await cohort.admin.say("/makkerpar 1+2, 3+4")
    anna = cohort.people["anna"]
    cohort.at(cph(4, 7, 8))
    await cohort.dispatch()
    await anna.press_data(press_token(cohort.sender.to("anna")[0], "Vi har booket"))
    assert "allerede passeret" in await anna.say("1/4/2026")
    assert "inden for de næste 90 dage" in await anna.say("1/12")
    await anna.say("7/4")
    assert "allerede passeret" in await anna.say("7")
    assert "booket tirsdag d. 7. april kl. 15.00" in await anna.say("15")


async def test_someone_leaves_and_the_pairs_are_repaired(cohort: Cohort) -> None:
    admin = cohort.admin
    formed = await admin.say("/makkerpar 1+2, 3+4")
    assert "Anna og Bo" in formed
    cohort.at(cph(4, 7, 8))
    await cohort.dispatch()
    removed = await admin.say("/hold_fjern 4")  # Dennis leaves
    assert "Dennis er taget af holdet" in removed
    assert re.search(r"• \w+, \w+ og \w+", removed)  # Cecilie joins a pair as a trio
    overview = await admin.say("/hold")
    assert "Dennis" not in overview
    cohort.sender.clear()
    cohort.at(cph(4, 15, 8))
    await cohort.dispatch()
    assert cohort.sender.to("dennis") == []
    assert "Cecilie" in "".join(r.text for r in cohort.sender.to("anna"))


async def test_cli_report_csv(cohort: Cohort, admin: ChatHarness) -> None:
    await cohort.admin.say("/makkerpar 1+2, 3+4")
    cohort.at(cph(4, 7, 8))
    await cohort.dispatch()
    anna = cohort.people["anna"]
    await anna.press_data(press_token(cohort.sender.to("anna")[0], "Vi har holdt den"))
    await anna.say("Godt at høre en kollega ringe; jeg vil stille flere åbne spørgsmål.")
    out, err = io.StringIO(), io.StringIO()
    settings = Settings(database_url=admin.app.settings.database_url, _env_file=None)  # type: ignore[call-arg]
    assert await report(settings, "Forår 2026", "csv", out, err, cph(4, 21, 9)) == 0
    # Danish Excel: a byte order mark, semicolons, and a decimal comma.
    assert out.getvalue().startswith("\ufeffhold;periode;fra;til;makkerpar;deltagere;status")
    rows = list(csv.reader(io.StringIO(out.getvalue().lstrip("\ufeff")), delimiter=";"))
    header, *data = rows
    assert all(len(row) == len(header) for row in data)
    anna_bo = next(row for row in data if row[header.index("deltagere")] == "Anna og Bo")
    assert anna_bo[1:4] == ["1", "2026-04-01", "2026-04-20"]
    assert anna_bo[header.index("status")] == "holdt"
    assert anna_bo[header.index("andel_holdt_i_perioden")] == "0,50"
    assert "Anna: Godt at høre en kollega ringe; jeg vil" in anna_bo[-1]  # ';' inside is quoted
    assert any(row[5:7] == ["Cecilie og Dennis", "forsinket"] for row in data)
    assert out.getvalue().encode("utf-8").startswith(b"\xef\xbb\xbf")
    text = io.StringIO()
    assert await report(settings, "Forår 2026", "tekst", text, err, cph(4, 21, 9)) == 0
    assert "Periode 1 (1/4 → 20/4): 1/2 holdt (50 %)" in text.getvalue()
    assert "Cecilie og Dennis: forsinket ⚠" in text.getvalue()
    assert await report(settings, "Ukendt", "csv", io.StringIO(), err, cph(4, 21, 9)) == 1
    assert "findes ikke" in err.getvalue()


async def test_delete_me_leaves_the_cohort_and_repairs_the_pairs(cohort: Cohort) -> None:
    await cohort.admin.say("/makkerpar 1+2, 3+4")
    bo = cohort.people["bo"]
    await bo.say("/slet_mig")
    await bo.press("Ja")
    overview = await cohort.admin.say("/hold")
    assert "Bo" not in overview
    assert "Anna, Cecilie og Dennis" in overview  # Anna joined the other pair as a trio
    async with cohort.admin.app.db.sessions() as db:
        members = set(await db.scalars(select(Nudge.member_id)))
    cohort.at(cph(4, 7, 8))
    await cohort.dispatch()
    hej = [r.text for _, r in cohort.sender.sent if r.text.startswith("Hej")]
    assert sorted(text.split()[1] for text in hej) == [
        "Anna",
        "Cecilie",
        "Dennis",
    ]
    assert len(members) == 3


def _member_id(reply: Reply) -> int:
    token = ButtonToken.decode(reply.buttons[0][0].data)
    assert token is not None
    return token.member_id


async def test_serve_runs_the_dispatcher_for_the_app_until_stopped(cohort: Cohort) -> None:
    await cohort.admin.say("/makkerpar 1+2, 3+4")
    cohort.at(cph(4, 7, 8))
    stop = asyncio.Event()
    task = asyncio.create_task(run_for_app(cohort.admin.app, stop))
    for _ in range(500):
        if len(cohort.sender.sent) == 4:
            break
        await asyncio.sleep(0.01)
    stop.set()
    await asyncio.wait_for(task, timeout=10)
    assert sorted(address for address, _ in cohort.sender.sent) == [
        "addr-anna",
        "addr-bo",
        "addr-cecilie",
        "addr-dennis",
    ]
