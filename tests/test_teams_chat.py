"""The coach in Teams, as users meet it: install, team, cards, groups, odd activities, limits.

Every test drives the real SDK over HTTP against the real core; replies are read off the
connector stand-in exactly as Teams would receive them.
"""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from microsoft_agents.activity import ConversationReference
from sqlalchemy import func, select

from bot.channels.teams import texts as teams_texts
from bot.core import teams as core_teams
from bot.core import texts
from bot.storage.models_core import Identity, ProcessedEvent
from tests.support.chat import Clock
from tests.teams_harness import JONAS, SARA, TEAM_CHANNEL, TeamsHarness


@pytest.fixture
async def teams(tmp_path: Path) -> AsyncIterator[TeamsHarness]:
    harness = await TeamsHarness.create(tmp_path)
    yield harness
    await harness.close()


async def test_installing_the_app_welcomes_and_remembers_the_chat(teams: TeamsHarness) -> None:
    installed = teams.make.installed(SARA)
    answer = await teams.post(installed)
    assert answer.status == 202
    [welcome] = answer.posted
    assert welcome.conversation_id == SARA.chat_id
    assert welcome.reply_to_id == installed["id"]
    assert welcome.text == texts.WELCOME
    async with teams.app.db.sessions() as db:
        identity = await db.scalar(select(Identity))
    assert identity is not None and identity.external_user_id == SARA.id
    reference = ConversationReference.model_validate_json(identity.address)
    assert reference.conversation.id == SARA.chat_id
    assert reference.service_url == teams.standin.service_url


async def test_joining_a_team_with_codes(teams: TeamsHarness) -> None:
    async with teams.app.db.transaction() as db:  # what `ringetraener team create` does
        team = await core_teams.create_team(db, "Jobcenter Vest")
        admin_code = (await core_teams.create_invite(db, team.id, "admin", Clock()())).code

    joined = await teams.say(SARA, f"/deltag {admin_code.lower()}")
    assert joined.text == texts.JOINED.format(team="Jobcenter Vest", role="administrator")

    invitation = await teams.say(SARA, "/invitation")
    code = next(word for word in invitation.text.split() if word.isupper() and len(word) == 8)
    member = await teams.say(JONAS, f"/deltag {code}")
    assert member.text == texts.JOINED.format(team="Jobcenter Vest", role="medlem")
    assert member.posted[0].conversation_id == JONAS.chat_id

    again = await teams.say(JONAS, f"/deltag {code}")
    assert again.text == texts.ALREADY_MEMBER.format(team="Jobcenter Vest")


async def test_card_buttons_are_pressed_once_by_their_owner(teams: TeamsHarness) -> None:
    await teams.say(SARA, "/navn Sara Holm")
    await teams.say(SARA, "/slet_mig")
    labels = [title for title, _ in teams.actions(SARA)]
    assert any("Ja" in label for label in labels) and any("Nej" in label for label in labels)
    keep = teams.find_action(SARA, "Nej")

    foreign = await teams.post(teams.make.submit(JONAS, keep))
    assert foreign.text == texts.BUTTON_NOT_YOURS
    assert foreign.posted[0].conversation_id == JONAS.chat_id

    pressed = await teams.post(teams.make.submit(SARA, keep))
    assert pressed.text == texts.DELETE_KEPT
    stale = await teams.post(teams.make.submit(SARA, keep))
    assert stale.text == texts.BUTTON_STALE
    garbled = await teams.post(teams.make.submit(SARA, {"rt": "1.2.no-such-action.x"}))
    assert garbled.text == texts.BUTTON_UNKNOWN
    # A submit from a card that is not ours is ignored quietly.
    foreign_card = await teams.post(teams.make.submit(SARA, {"choice": "x"}))
    assert foreign_card.status == 202 and foreign_card.posted == []


async def test_universal_action_invoke_gets_an_invoke_answer_and_the_reply(
    teams: TeamsHarness,
) -> None:
    await teams.say(SARA, "/slet_mig")
    keep = teams.find_action(SARA, "Nej")
    value = {"action": {"type": "Action.Execute", "verb": "rt", "data": keep}, "trigger": "manual"}
    answer = await teams.post(teams.make.invoke(SARA, "adaptiveCard/action", value))
    assert answer.status == 200
    assert answer.body["statusCode"] == 200
    assert answer.text == texts.DELETE_KEPT


async def test_channel_answers_only_when_mentioned_and_invites_to_a_private_chat(
    teams: TeamsHarness,
) -> None:
    silent = await teams.post(teams.make.channel_message(SARA, "/ny", mention=False))
    assert silent.status == 202 and silent.posted == []

    mentioned = await teams.post(teams.make.channel_message(SARA, "/ny"))
    [invite] = mentioned.posted
    assert invite.conversation_id == TEAM_CHANNEL
    assert invite.text == texts.GROUP_INVITE
    async with teams.app.db.sessions() as db:
        addresses = list(await db.scalars(select(Identity.address)))
    assert all(TEAM_CHANNEL not in address for address in addresses)  # no nudges into channels


async def test_reactions_pictures_unknown_types_and_invokes_never_break(
    teams: TeamsHarness,
) -> None:
    reaction = await teams.post(teams.make.reaction(SARA))
    assert reaction.status == 202 and reaction.posted == []

    odd = teams.make.message(SARA, "hej")
    odd["type"] = "somethingTeamsInventsLater"
    unknown = await teams.post(odd)
    assert unknown.status == 202 and unknown.posted == []

    typing = teams.make.message(SARA, "")
    typing["type"] = "typing"
    assert (await teams.post(typing)).posted == []

    picture = teams.make.message(SARA, "")
    picture["attachments"] = [
        {"contentType": "image/*", "contentUrl": "https://example.com/photo.jpg"},
        {"contentType": "text/html", "content": "<p><img></p>"},
    ]
    hint = await teams.post(picture)
    assert hint.text == texts.UNSUPPORTED

    other_invoke = await teams.post(teams.make.invoke(SARA, "composeExtension/query", {}))
    assert other_invoke.status == 501 and other_invoke.posted == []

    broken = await teams.post({"type": "message"})  # no conversation: refused by the SDK
    assert broken.status == 400


async def test_markup_and_format_strings_are_shown_as_typed(teams: TeamsHarness) -> None:
    answer = await teams.say(SARA, "/navn <b>Sara</b> & {0} %s")
    assert answer.text == texts.NAME_SET.format(name="<b>Sara</b> & {0} %s")


async def test_redelivered_activity_is_processed_once(teams: TeamsHarness) -> None:
    first = teams.make.message(SARA, "/navn Sara Holm", activity_id="1:same")
    assert (await teams.post(first)).text == texts.NAME_SET.format(name="Sara Holm")
    again = await teams.post(teams.make.message(SARA, "/navn Noget Andet", activity_id="1:same"))
    assert again.status == 202 and again.posted == []
    async with teams.app.db.sessions() as db:
        assert await db.scalar(select(func.count()).select_from(ProcessedEvent)) == 1
    data = await teams.say(SARA, "/mine_data")
    assert "Sara Holm" in data.text and "Noget Andet" not in data.text


async def test_throttled_connector_is_retried_and_the_reply_arrives_once(
    teams: TeamsHarness,
) -> None:
    teams.standin.fail_next(429, times=2, retry_after="0")
    teams.standin.fail_next(502)
    answer = await teams.say(SARA, "/hjaelp")
    assert [status for status, _ in teams.standin.rejected] == [429, 429, 502]
    [reply] = answer.posted
    assert texts.HELP_HEADER in reply.text
    assert teams.channel.outbox.retries == 3


async def test_connector_down_for_good_loses_the_reply_but_not_the_next_turn(
    teams: TeamsHarness,
) -> None:
    teams.standin.fail_next(504, times=teams.channel.outbox.policy.attempts)
    lost = await teams.say(SARA, "/navn Sara Holm")
    assert lost.status == 202 and lost.posted == []  # Teams must not redeliver: it was processed
    answer = await teams.say(SARA, "/mine_data")
    assert "Sara Holm" in answer.text  # the turn itself was saved


async def test_my_data_file_goes_through_consent_and_upload(teams: TeamsHarness) -> None:
    await teams.say(SARA, "/navn Sara Holm")
    answer = await teams.say(SARA, "/mine_data")
    consent = next(
        a
        for p in answer.posted
        for a in p.activity.get("attachments") or []
        if a["contentType"] == "application/vnd.microsoft.teams.card.file.consent"
    )
    assert consent["name"] == "mine_data.json"
    context = consent["content"]["acceptContext"]
    expected = base64.b64decode(context["d"])
    assert json.loads(expected)  # the export itself travels in the card

    accept = {
        "type": "fileUpload",
        "action": "accept",
        "context": context,
        "uploadInfo": {
            "name": "mine_data.json",
            "uploadUrl": teams.standin.upload_url("mine_data.json"),
            "contentUrl": "https://contoso-my.sharepoint.com/personal/sara/mine_data.json",
            "uniqueId": "1150D938-8870-4044-9F2C-5BBDEBA70C8C",
            "fileType": "json",
        },
    }
    done = await teams.post(teams.make.invoke(SARA, "fileConsent/invoke", accept))
    assert done.status == 200
    [upload] = teams.standin.uploads
    assert upload.body == expected and b"Sara Holm" in upload.body
    assert upload.headers["Content-Range"] == f"bytes 0-{len(expected) - 1}/{len(expected)}"
    [shown] = done.posted
    assert shown.text == teams_texts.FILE_SAVED.format(filename="mine_data.json")
    [info] = shown.activity["attachments"]
    assert info["contentType"] == "application/vnd.microsoft.teams.card.file.info"
    assert info["content"]["uniqueId"] == "1150D938-8870-4044-9F2C-5BBDEBA70C8C"

    decline = dict(accept, action="declined")
    declined = await teams.post(teams.make.invoke(SARA, "fileConsent/invoke", decline))
    assert declined.text == teams_texts.FILE_DECLINED.format(filename="mine_data.json")

    elsewhere = dict(accept, uploadInfo=dict(accept["uploadInfo"], uploadUrl="file:///etc/passwd"))
    refused = await teams.post(teams.make.invoke(SARA, "fileConsent/invoke", elsewhere))
    assert refused.text == teams_texts.FILE_UPLOAD_FAILED.format(filename="mine_data.json")
    assert len(teams.standin.uploads) == 1


async def test_same_activity_delivered_several_times_at_once_is_processed_once(
    tmp_path: Path, database_url: str
) -> None:
    """Teams retries when the bot is slow: the copies may overlap (SQLite and PostgreSQL)."""
    teams = await TeamsHarness.create(tmp_path, database_url=database_url)
    try:
        await teams.say(SARA, "/hjaelp")  # the member exists; now the race is only on the event
        activity = teams.make.message(SARA, "/navn Sara Holm", activity_id="1:retried")
        answers = await asyncio.gather(*(teams.post(activity) for _ in range(4)))
        assert all(answer.status == 202 for answer in answers)
        names = [p for p in teams.standin.posted if "Sara Holm" in p.text]
        assert len(names) == 1
    finally:
        await teams.close()
