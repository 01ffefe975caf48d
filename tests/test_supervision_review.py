"""Found by walking a whole cohort as a lead and as paired consultants: typed bookings, people who
leave a pair after acting for it, and a snooze pressed after the pair has booked."""

from __future__ import annotations

import json
from datetime import date, time

import icalendar
import pytest
from sqlalchemy import func, select

from bot.core.messages import Reply
from bot.storage.models_core import Member
from bot.storage.models_supervision import (
    BuddyPair,
    BuddyPairMember,
    CohortMember,
    Nudge,
    Reflection,
)
from supervision.parsing import parse_date, parse_time, parse_when
from tests.supervision_support import Cohort, cph, make_cohort
from tests.support.chat import ChatHarness, Clock
from tests.test_supervision_chat import press_token

TODAY = date(2026, 4, 7)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tirsdag kl 10", (date(2026, 4, 14), time(10))),
        ("d. 14/4 13.30", (date(2026, 4, 14), time(13, 30))),
        ("14/4 kl. 10", (date(2026, 4, 14), time(10))),
        ("Fredag d. 10. april kl. 14.15", (date(2026, 4, 10), time(14, 15))),
        ("torsdag klokken 9", (date(2026, 4, 9), time(9))),
        ("onsdag, kl 13", (date(2026, 4, 8), time(13))),
        ("loerdag kl 10", (date(2026, 4, 11), time(10))),
        ("i morgen kl 9", (date(2026, 4, 8), time(9))),
        ("tirsdag", (date(2026, 4, 14), None)),
        ("fredag d. 10/4", (date(2026, 4, 10), None)),
        ("tirsdag den 14. april", (date(2026, 4, 14), None)),
        ("blabla", (None, None)),
        ("1000", (None, None)),
        ("14/4 engang", (None, None)),  # half understood is not understood
    ],
)
def test_a_day_and_a_time_in_one_message(
    text: str, expected: tuple[date | None, time | None]
) -> None:
    assert parse_when(text, TODAY) == expected


def test_a_weekday_before_a_date_is_read_by_the_date() -> None:
    assert parse_date("fredag d. 10/4", TODAY) == date(2026, 4, 10)
    assert parse_time("klokken 9") == time(9)


@pytest.fixture
async def cohort(admin: ChatHarness) -> Cohort:
    clock = admin.app.services.clock
    assert isinstance(clock, Clock)
    people = {"anna": "Aarhus", "bo": "Randers", "cecilie": "Aarhus", "dennis": "Randers"}
    people["emil"] = "Aarhus"
    return await make_cohort(admin, clock, people)


async def test_booking_typed_as_day_and_time_in_one_message(cohort: Cohort) -> None:
    await cohort.admin.say("/makkerpar 1+2, 3+4+5")
    anna, cecilie = cohort.people["anna"], cohort.people["cecilie"]
    cohort.at(cph(4, 7, 8))
    await cohort.dispatch()
    assert "tirsdag kl. 10" in await anna.press_data(
        press_token(cohort.sender.to("anna")[0], "Vi har booket")
    )
    booked = await anna.say("tirsdag kl 10")
    assert "booket tirsdag d. 14. april kl. 10.00 med Bo" in booked
    assert anna.replies[0].attachments[0].filename == "sparring.ics"

    await cecilie.press_data(press_token(cohort.sender.to("cecilie")[0], "Vi har booket"))
    assert "kan jeg ikke læse" in await cecilie.say("engang i næste uge")
    assert "hvornår på dagen" in await cecilie.say("Fredag d. 10/4")
    # At the time question she changes her mind and types the whole thing again.
    assert "booket torsdag d. 16. april kl. 13.30" in await cecilie.say("d. 16/4 13.30")


async def test_names_stay_when_the_reporter_has_left_the_pair(cohort: Cohort) -> None:
    admin = cohort.admin
    await admin.say("/makkerpar 1+2, 3+4+5")  # Cecilie, Dennis and Emil are a trio
    emil = cohort.people["emil"]
    cohort.at(cph(4, 7, 8))
    await cohort.dispatch()
    await emil.press_data(press_token(cohort.sender.to("emil")[0], "Vi har holdt den"))
    await emil.say("Jeg vil spørge mere åbent.")
    await admin.say("/hold_fjern 5")  # Emil leaves; the held session stays the trio's
    cohort.sender.clear()
    cohort.at(cph(4, 8, 8))
    await cohort.dispatch()
    (prompt,) = cohort.sender.to("cecilie")
    assert prompt.text.startswith("Emil har meldt jeres sparring holdt")
    status = await admin.say("/status")
    assert "Cecilie, Dennis og Emil: holdt ✔" in status
    assert "💬 Emil: »Jeg vil spørge mere åbent.«" in status


async def test_snooze_pressed_after_booking_does_not_ask_to_book(cohort: Cohort) -> None:
    await cohort.admin.say("/makkerpar 1+2, 3+4+5")
    anna, bo = cohort.people["anna"], cohort.people["bo"]
    cohort.at(cph(4, 7, 8))
    await cohort.dispatch()
    await anna.press_data(press_token(cohort.sender.to("anna")[0], "Vi har booket"))
    await anna.say("fredag kl 10")
    answer = await bo.press_data(press_token(cohort.sender.to("bo")[0], "Påmind mig senere"))
    assert "allerede booket sparringen fredag d. 10. april kl. 10.00" in answer
    assert "Book gerne nu" not in answer


async def test_teaching_days_written_out_with_commas_or_an_add_word(cohort: Cohort) -> None:
    admin = cohort.admin
    moved = await admin.say("/undervisningsdag flyt 18/5 19. maj")  # Monday -> Tuesday
    assert "tirsdag d. 19. maj" in moved and "mandag d. 18. maj" not in moved
    added = await admin.say("/undervisningsdag tilføj 2. juni, 9/6")
    assert "tirsdag d. 2. juni" in added and "tirsdag d. 9. juni" in added
    assert "»engang« kan jeg ikke læse" in await admin.say("/undervisningsdag 16/6 engang")
    assert "16. juni" not in await admin.say("/hold")  # nothing half-added


async def test_leaving_after_the_pair_held_keeps_the_held_period(cohort: Cohort) -> None:
    admin = cohort.admin
    await admin.say("/makkerpar 1+2, 3+4+5")  # Anna+Bo; Cecilie+Dennis+Emil
    anna, bo = cohort.people["anna"], cohort.people["bo"]
    cohort.at(cph(4, 7, 8))
    await cohort.dispatch()
    await anna.press_data(press_token(cohort.sender.to("anna")[0], "Vi har holdt den"))
    await anna.say("Jeg vil lytte mere.")
    await bo.press_data(press_token(cohort.sender.to("bo")[0], "Vi har holdt den"))
    await bo.say("Jeg vil stille åbne spørgsmål.")
    before = await admin.say("/status")
    assert "Periode 1 (1/4 → 20/4): 1/2 holdt (50 %)" in before
    await bo.say("/slet_mig")
    await bo.press("Ja")
    status = await admin.say("/status")
    assert "Periode 1 (1/4 → 20/4): 1/2 holdt (50 %)" in status
    assert "Anna og en tidligere deltager: holdt ✔" in status
    assert "Cecilie, Dennis og Emil" in status  # nobody moved into or out of the trio
    assert "Bo" not in status and "åbne spørgsmål" not in status
    assert "Anna, " not in await admin.say("/hold")


def _event(reply: Reply) -> tuple[str, icalendar.Component]:
    (attachment,) = reply.attachments
    calendar = icalendar.Calendar.from_ical(attachment.data)
    return str(calendar["method"]), calendar.walk("VEVENT")[0]


async def _booked_and_followed_up(cohort: Cohort) -> tuple[Reply, Reply]:
    """Anna books Thursday 9 April 14:00 with Bo; both have the invite and the follow-up."""
    await cohort.admin.say("/makkerpar 1+2, 3+4+5")
    anna = cohort.people["anna"]
    cohort.at(cph(4, 7, 8))
    await cohort.dispatch()
    await anna.press_data(press_token(cohort.sender.to("anna")[0], "Vi har booket"))
    await anna.say("9/4 kl 14")
    cohort.sender.clear()
    await cohort.dispatch()
    (bo_invite,) = cohort.sender.to("bo")
    method, event = _event(bo_invite)
    assert (method, event.decoded("sequence")) == ("PUBLISH", 0)
    cohort.at(cph(4, 9, 15, 30))
    cohort.sender.clear()
    await cohort.dispatch()
    return cohort.sender.to("anna")[0], bo_invite


async def test_cancelling_tells_the_partner_and_removes_the_calendar_event(cohort: Cohort) -> None:
    anna, bo = cohort.people["anna"], cohort.people["bo"]
    follow_up, bo_invite = await _booked_and_followed_up(cohort)
    _, invited = _event(bo_invite)
    answer = await anna.press_data(press_token(follow_up, "Aflyst"))
    assert "jeg giver Bo besked" in answer
    method, event = _event(anna.replies[0])
    assert method == "CANCEL" and str(event["status"]) == "CANCELLED"
    assert str(event["uid"]) == str(str(invited["uid"])) and event.decoded("sequence") == 1
    cohort.sender.clear()
    await cohort.dispatch()
    (told,) = cohort.sender.to("bo")
    assert told.text.startswith("Anna har aflyst jeres sparring torsdag d. 9. april kl. 14.00")
    method, event = _event(told)
    assert (method, str(event["uid"]), event.decoded("sequence")) == (
        "CANCEL",
        str(invited["uid"]),
        1,
    )
    # Bo books a new time from the message he got: the same event comes back, newer still.
    await bo.press_data(press_token(told, "Vi har booket"))
    await bo.say("tirsdag kl 10")
    method, event = _event(bo.replies[0])
    assert (method, str(event["uid"]), event.decoded("sequence")) == (
        "PUBLISH",
        str(invited["uid"]),
        2,
    )
    cohort.sender.clear()
    await cohort.dispatch()
    assert cohort.sender.to("bo") == []  # nothing stale about the cancellation
    assert "tirsdag d. 14. april kl. 10.00" in cohort.sender.to("anna")[0].text


async def test_a_moved_session_updates_the_same_calendar_event(cohort: Cohort) -> None:
    anna = cohort.people["anna"]
    follow_up, bo_invite = await _booked_and_followed_up(cohort)
    _, invited = _event(bo_invite)
    await anna.press_data(press_token(follow_up, "Flyttet"))
    await anna.say("fredag kl 9")
    method, event = _event(anna.replies[0])
    assert (method, str(event["uid"]), event.decoded("sequence")) == (
        "PUBLISH",
        str(invited["uid"]),
        1,
    )
    cohort.sender.clear()
    await cohort.dispatch()
    (moved,) = cohort.sender.to("bo")
    method, event = _event(moved)
    assert (method, str(event["uid"]), event.decoded("sequence")) == (
        "PUBLISH",
        str(invited["uid"]),
        1,
    )
    assert event.decoded("dtstart") == cph(4, 10, 9)


async def test_my_data_shows_what_pairs_keep_and_delete_me_erases_it(cohort: Cohort) -> None:
    admin = cohort.admin
    await admin.say("/makkerpar 1+2, 3+4+5")
    bo = cohort.people["bo"]
    cohort.at(cph(4, 7, 8))
    await cohort.dispatch()
    nudge = cohort.sender.to("bo")[0]
    await bo.press_data(press_token(nudge, "Vi har booket"))
    await bo.say("fredag kl 10")
    cohort.at(cph(4, 10, 12))
    await bo.press_data(press_token(nudge, "Vi har holdt den"))
    await bo.say("Jeg vil spørge om lov først.")
    await bo.say("/pause 4/5")
    await bo.say("/mine_data")
    data = json.loads(bo.replies[0].attachments[0].data)["makkerpar"]
    (pair,) = data["makkerpar"]
    assert pair["periode"] == 1 and pair["makkere"] == ["Anna"] and pair["status"] == "holdt"
    assert pair["booket_af_dig"] == "2026-04-10T10:00+02:00" and pair["meldt_af_dig"] == "holdt"
    assert [r["refleksion"] for r in data["refleksioner"]] == ["Jeg vil spørge om lov først."]
    assert data["hold"][0]["pause_til"] == "2026-05-04T08:00+02:00"
    assert {n["type"] for n in data["paamindelser"]} >= {"book"}
    async with admin.app.db.sessions() as db:
        bo_id = await db.scalar(select(Member.id).where(Member.display_name == "Bo"))
    assert bo_id is not None

    await bo.say("/slet_mig")
    await bo.press("Ja")
    async with admin.app.db.sessions() as db:
        for column in (
            BuddyPairMember.member_id,
            Reflection.member_id,
            Nudge.member_id,
            CohortMember.member_id,
        ):
            assert await db.scalar(select(func.count()).where(column == bo_id)) == 0
        for pair_row in await db.scalars(select(BuddyPair)):
            assert bo_id not in (pair_row.booked_by, pair_row.reported_by)
            assert str(bo_id) not in (pair_row.snoozed or {})
    status = await admin.say("/status")
    assert "Anna og en tidligere deltager: holdt ✔" in status
    assert "Bo" not in status and "om lov" not in status


async def test_too_far_ahead_offers_the_days_again_and_odd_hours_are_flagged(
    cohort: Cohort,
) -> None:
    await cohort.admin.say("/makkerpar 1+2, 3+4+5")
    anna = cohort.people["anna"]
    cohort.at(cph(4, 7, 8))
    await cohort.dispatch()
    nudge = cohort.sender.to("anna")[0]
    await anna.press_data(press_token(nudge, "Vi har booket"))
    assert "inden for de næste 90 dage" in await anna.say("1/12")
    assert "hvornår på dagen" in await anna.press("tor 9/4")  # the days are offered again
    evening = await anna.say("kl 18")
    assert "booket torsdag d. 9. april kl. 18.00 med Bo" in evening
    assert "uden for arbejdstiden (08.00–16.00 på hverdage)" in evening
    await anna.press_data(press_token(nudge, "Vi har booket"))
    weekend = await anna.say("lørdag kl 10")
    assert "booket lørdag d. 11. april kl. 10.00" in weekend and "uden for arbejdstiden" in weekend
    await anna.press_data(press_token(nudge, "Vi har booket"))
    assert "uden for arbejdstiden" not in await anna.say("fredag kl 15.30")
