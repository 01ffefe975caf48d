"""Buddy-pair nudges reach Teams: proactive cards, pressed in Teams, and the calendar invite
handed over through Teams' file-consent card into the user's OneDrive."""

from __future__ import annotations

import base64
import re
from pathlib import Path
from typing import Any

import icalendar

from bot.core import teams as core_teams
from bot.features.supervision import make_renderer
from bot.scheduler.dispatcher import DispatcherSettings, dispatch_once
from bot.supervision_store import policy_from
from tests.supervision_support import cph
from tests.support.chat import Clock
from tests.teams_harness import TeamsHarness, TeamsUser
from tests.teams_standin import Posted

LEA = TeamsUser("29:1lea", "Lea Lund")
ANNA = TeamsUser("29:1anna", "Anna Ager")
BO = TeamsUser("29:1bo", "Bo Berg")
CONSENT = "application/vnd.microsoft.teams.card.file.consent"


async def dispatch(teams: TeamsHarness, clock: Clock) -> int:
    result = await dispatch_once(
        teams.app.db,
        send=teams.app.services.delivery.send_to_member,
        render=make_renderer(policy_from(teams.app.settings)),
        clock=clock,
        settings=DispatcherSettings(rate_per_second=None, worker_id="teams-test"),
    )
    return result.sent


def consent_cards(posted: list[Posted]) -> list[dict[str, Any]]:
    return [
        attachment
        for p in posted
        for attachment in p.activity.get("attachments") or []
        if attachment["contentType"] == CONSENT
    ]


async def test_a_nudge_is_booked_from_teams_and_the_partner_gets_the_invite(
    tmp_path: Path,
) -> None:
    clock = Clock(cph(3, 30, 9))
    teams = await TeamsHarness.create(tmp_path, clock=clock)
    try:
        async with teams.app.db.transaction() as db:
            team = await core_teams.create_team(db, "Jobcenter Midt")
            admin_code = (await core_teams.create_invite(db, team.id, "admin", clock())).code
            member_code = (await core_teams.create_invite(db, team.id, "medlem", clock())).code
        await teams.say(LEA, f"/deltag {admin_code}")
        created = await teams.say(LEA, "/hold_ny Forår 2026")
        match = re.search(r"/hold_deltag (\w+)", created.text)
        assert match, created.text
        for person in (ANNA, BO):
            await teams.say(person, f"/deltag {member_code}")
            joined = await teams.say(person, f"/hold_deltag {match[1]}")
            assert "Velkommen på holdet" in joined.text
        assert "opdateret" in (await teams.say(LEA, "/undervisningsdag 1/4 20/4 18/5")).text
        await teams.say(LEA, "/makkerpar 1+2")
        teams.standin.clear()

        clock.now = cph(4, 7, 8).astimezone(clock.now.tzinfo)
        assert await dispatch(teams, clock) == 2
        [nudge] = teams.standin.to(ANNA.chat_id)
        assert nudge.reply_to_id is None  # a new message, started by the bot
        title = nudge.cards[0]["body"][0]["inlines"][0]
        assert title["weight"] == "Bolder"  # the nudge's title, bold
        assert "Hej Anna" in nudge.card_text()
        assert "Vi har booket" in [label for label, _ in nudge.submit_actions()]
        assert "Vi har booket" in [label for label, _ in teams.actions(BO)]

        clock.now = cph(4, 7, 10).astimezone(clock.now.tzinfo)
        assert "Hvilken dag" in (await teams.press(ANNA, "Vi har booket")).text
        assert "hvornår på dagen" in (await teams.press(ANNA, "man 13/4")).text
        booked = await teams.press(ANNA, "kl. 13.00")
        assert "booket mandag d. 13. april kl. 13.00 med Bo" in booked.text
        [consent] = consent_cards(booked.posted)
        assert consent["name"].endswith(".ics")
        context = consent["content"]["acceptContext"]
        ics = base64.b64decode(context["d"])
        event = icalendar.Calendar.from_ical(ics).walk("VEVENT")[0]
        assert event.decoded("dtstart") == cph(4, 13, 13)

        accept = {
            "type": "fileUpload",
            "action": "accept",
            "context": context,
            "uploadInfo": {
                "name": consent["name"],
                "uploadUrl": teams.standin.upload_url(consent["name"]),
                "contentUrl": f"https://contoso-my.sharepoint.com/personal/anna/{consent['name']}",
                "uniqueId": "5E2B4D6A-0000-4000-8000-000000000001",
                "fileType": "ics",
            },
        }
        saved = await teams.post(teams.make.invoke(ANNA, "fileConsent/invoke", accept))
        assert saved.status == 200
        [upload] = teams.standin.uploads
        assert upload.body == ics

        before = len(teams.standin.posted)
        assert await dispatch(teams, clock) >= 1
        to_bo = [p for p in teams.standin.posted[before:] if p.conversation_id == BO.chat_id]
        assert any("Anna Ager har booket" in p.shown_text() for p in to_bo)
        [bo_invite] = consent_cards(to_bo)
        assert bo_invite["name"].endswith(".ics")
    finally:
        await teams.close()
