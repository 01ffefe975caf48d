"""Buddy-pair nudges reach Telegram: proactive messages with buttons, pressed in Telegram, and
the calendar invitation as a document."""

from __future__ import annotations

import re
from pathlib import Path

import icalendar

from bot.core import teams
from bot.features.supervision import make_renderer
from bot.scheduler.dispatcher import DispatcherSettings, dispatch_once
from bot.supervision_store import policy_from
from tests.supervision_support import cph
from tests.support.chat import Clock
from tests.telegram_harness import TelegramHarness, labels
from tests.telegram_standin import TgUser

LEA = TgUser(4701, "Lea", "Lund")
ANNA = TgUser(4702, "Anna", "Ager")
BO = TgUser(4703, "Bo", "Berg")


async def dispatch(tg: TelegramHarness, clock: Clock) -> int:
    result = await dispatch_once(
        tg.app.db,
        send=tg.app.services.delivery.send_to_member,
        render=make_renderer(policy_from(tg.app.settings)),
        clock=clock,
        settings=DispatcherSettings(rate_per_second=None, worker_id="telegram-test"),
    )
    return result.sent


async def test_a_nudge_is_booked_from_telegram_and_the_partner_gets_the_invite(
    tmp_path: Path,
) -> None:
    clock = Clock(cph(3, 30, 9))
    tg = await TelegramHarness.create(tmp_path, clock=clock)
    try:
        async with tg.app.db.transaction() as db:
            team = await teams.create_team(db, "Jobcenter Midt")
            admin_code = (await teams.create_invite(db, team.id, "admin", clock())).code
            member_code = (await teams.create_invite(db, team.id, "medlem", clock())).code
        await tg.say(LEA, f"/start {admin_code}")
        created = await tg.say(LEA, "/hold_ny Forår 2026")
        match = re.search(r"/hold_deltag (\w+)", created.text)
        assert match, created.text
        for person in (ANNA, BO):
            await tg.say(person, f"/start {member_code}")
            assert "Velkommen på holdet" in (await tg.say(person, f"/hold_deltag {match[1]}")).text
        assert "opdateret" in (await tg.say(LEA, "/undervisningsdag 1/4 20/4 18/5")).text
        await tg.say(LEA, "/makkerpar 1+2")

        clock.now = cph(4, 7, 8).astimezone(clock.now.tzinfo)
        assert await dispatch(tg, clock) == 2
        nudge = tg.standin.last_message(ANNA.id)
        assert nudge["text"].startswith("<b>")  # the nudge's title, bold
        assert "Hej Anna" in nudge["text"]
        assert "Vi har booket" in " ".join(labels(nudge))
        assert "Vi har booket" in " ".join(labels(tg.standin.last_message(BO.id)))

        clock.now = cph(4, 7, 10).astimezone(clock.now.tzinfo)
        assert "Hvilken dag" in (await tg.press(ANNA, "Vi har booket", message=nudge)).text
        assert "hvornår på dagen" in (await tg.press(ANNA, "man 13/4")).text
        booked = await tg.press(ANNA, "kl. 13.00")
        assert "booket mandag d. 13. april kl. 13.00 med Bo" in booked.text
        (invite,) = booked.documents
        event = icalendar.Calendar.from_ical(invite.data).walk("VEVENT")[0]
        assert event.decoded("dtstart") == cph(4, 13, 13)
        assert invite.content_type == "text/calendar"

        before = len(tg.standin.calls)
        assert await dispatch(tg, clock) >= 1
        to_bo = [
            c
            for c in tg.standin.calls[before:]
            if c.status == 200 and int(c.params.get("chat_id", 0)) == BO.id
        ]
        assert any("Anna Ager har booket" in str(c.params.get("text", "")) for c in to_bo)
        assert any(
            c.method == "sendDocument" and c.files["document"].filename.endswith(".ics")
            for c in to_bo
        )
    finally:
        await tg.close()
