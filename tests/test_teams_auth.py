"""Who may talk to /api/messages: every token checked by the SDK, anonymous only when enabled."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from pathlib import Path

import jwt
import pytest
from aiohttp import web
from sqlalchemy import func, select

from bot.channels.teams import texts as teams_texts
from bot.channels.teams.app import TeamsConfigError
from bot.channels.teams.route import mount_teams
from bot.config import Settings
from bot.core import texts as core_texts
from bot.storage.models_core import Identity, ProcessedEvent
from tests.teams_harness import SARA, TeamsHarness, jwks_served_by
from tests.teams_standin import (
    BOT_APP_ID,
    OUTBOUND_TOKEN_PREFIX,
    TeamsConnectorStandIn,
    new_signing_key,
    sign_token,
)


@pytest.fixture
async def secured(tmp_path: Path) -> AsyncIterator[TeamsHarness]:
    harness = await TeamsHarness.create(tmp_path, authenticated=True)
    with jwks_served_by(harness.standin):
        yield harness
    await harness.close()


async def nothing_processed(teams: TeamsHarness) -> bool:
    async with teams.app.db.sessions() as db:
        events = await db.scalar(select(func.count()).select_from(ProcessedEvent))
        people = await db.scalar(select(func.count()).select_from(Identity))
    return events == 0 and people == 0 and teams.standin.posted == []


async def test_valid_channel_token_is_accepted_and_replies_carry_the_bots_token(
    secured: TeamsHarness,
) -> None:
    token = secured.standin.sign(service_url=secured.standin.service_url)
    answer = await secured.say(SARA, "/hjaelp", token=token)
    assert answer.status == 202
    assert core_texts.HELP_HEADER in answer.text
    [reply] = answer.posted
    assert reply.authorization is not None
    assert reply.authorization.startswith(f"Bearer {OUTBOUND_TOKEN_PREFIX}")
    request = secured.standin.token_requests[-1]
    assert request["grant_type"] == "client_credentials"
    assert request["client_id"] == BOT_APP_ID
    assert secured.standin.jwks_fetches >= 1  # the signature was checked against our JWKS


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "",
        "Bearer",
        "Bearer ",
        "Basic c2FyYTpoZW1tZWxpZw==",
        "Bearer two tokens",
        "Bearer not-a-jwt",
        "Bearer eyJhbGciOiJub25lIn0.eyJhdWQiOiIwMCJ9.",  # alg=none
    ],
)
async def test_missing_or_malformed_token_gets_401_and_nothing_happens(
    secured: TeamsHarness, authorization: str | None
) -> None:
    answer = await secured.post(secured.make.message(SARA, "/hjaelp"), authorization=authorization)
    assert answer.status == 401
    assert await nothing_processed(secured)


async def test_forged_expired_foreign_and_misaddressed_tokens_get_401(
    secured: TeamsHarness,
) -> None:
    standin = secured.standin
    attacker = new_signing_key()
    now = time.time()
    tokens = {
        # right kid, wrong key: the signature does not verify
        "forged": sign_token(attacker, standin.kid),
        # a key the channel never published
        "unknown key": sign_token(attacker, "attacker-key"),
        # signed by the channel, but for another bot
        "other audience": standin.sign(audience="99999999-0000-0000-0000-000000000000"),
        # signed by the channel, but long expired (beyond the SDK's 5-minute leeway)
        "expired": standin.sign(issued_at=now - 7200, lifetime_s=3600),
        # an issuer whose keys the SDK would fetch elsewhere (unreachable): never trusted
        "foreign issuer": standin.sign(issuer="https://evil.example.com"),
        # HS256 with the public key as secret (algorithm confusion)
        "hs256": jwt.encode({"aud": BOT_APP_ID, "iss": "https://api.botframework.com"}, "k" * 32),
    }
    for name, token in tokens.items():
        answer = await secured.post(secured.make.message(SARA, f"/hjaelp {name}"), token=token)
        assert answer.status == 401, name
    assert await nothing_processed(secured)


async def test_replies_only_go_to_microsofts_hosts_when_authenticated(tmp_path: Path) -> None:
    """A genuine token does not let a request send the bot's replies (and token) elsewhere."""
    teams = await TeamsHarness.create(tmp_path, authenticated=True, service_url_check=True)
    try:
        with jwks_served_by(teams.standin):
            for service_url in (
                teams.standin.service_url,  # plain http on loopback
                "https://evil.example.com/",
                "https://smba.trafficmanager.net.evil.example.com/",
                "https://user:pw@smba.trafficmanager.net/emea/",
            ):
                activity = teams.make.message(SARA, "/hjaelp")
                activity["serviceUrl"] = service_url
                answer = await teams.post(activity, token=teams.standin.sign())
                assert answer.status == 401, service_url
        assert await nothing_processed(teams)
        assert teams.standin.token_requests == []  # no outbound token was even fetched
    finally:
        await teams.close()


async def test_anonymous_mode_must_be_switched_on_explicitly(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, database_url="sqlite+aiosqlite:///:memory:")  # type: ignore[call-arg]
    with pytest.raises(TeamsConfigError, match="TEAMS_ANONYMOUS"):
        mount_teams(web.Application(), settings, core=None)  # type: ignore[arg-type]
    half = Settings(_env_file=None, teams_client_id=BOT_APP_ID)  # type: ignore[call-arg]
    with pytest.raises(TeamsConfigError, match="TEAMS_CLIENT_SECRET, TEAMS_TENANT_ID"):
        mount_teams(web.Application(), half, core=None)  # type: ignore[arg-type]


async def test_anonymous_mode_answers_without_token_and_warns_loudly(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    teams = await TeamsHarness.create(tmp_path, anonymous=True)
    try:
        assert teams_texts.ANONYMOUS_WARNING in caplog.text
        answer = await teams.say(SARA, "/hjaelp")
        assert answer.status == 202
        assert core_texts.HELP_HEADER in answer.text
        assert answer.posted[0].authorization is None  # no token to send either

        # A token that is present is still checked, even in anonymous mode.
        bad = await teams.post(teams.make.message(SARA, "/hjaelp"), token="not-a-jwt")
        assert bad.status == 401
    finally:
        await teams.close()


async def test_credentials_without_anonymous_never_log_the_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    teams = await TeamsHarness.create(tmp_path, authenticated=True)
    try:
        assert teams_texts.ANONYMOUS_WARNING not in caplog.text
        answer = await teams.post(teams.make.message(SARA, "/hjaelp"))
        assert answer.status == 401
    finally:
        await teams.close()


async def test_other_routes_are_not_behind_the_teams_token_check(secured: TeamsHarness) -> None:
    health = secured.url.replace("/api/messages", "/healthz")
    async with secured.client.get(health) as response:
        assert response.status == 200


async def test_standin_is_a_real_connector_endpoint() -> None:
    """Guard for the guard: the stand-in refuses what Teams refuses."""
    standin = TeamsConnectorStandIn()
    await standin.start()
    try:
        import aiohttp

        async with aiohttp.ClientSession() as client:
            url = f"{standin.base_url}/v3/conversations/a:1/activities"
            bad_card = {
                "type": "message",
                "conversation": {"id": "a:1"},
                "attachments": [
                    {
                        "contentType": "application/vnd.microsoft.card.adaptive",
                        "content": {"type": "AdaptiveCard", "version": "1.6", "body": []},
                    }
                ],
            }
            async with client.post(url, json=bad_card) as response:
                assert response.status == 400
            async with client.post(
                url, json={"type": "message", "conversation": {"id": "a:1"}}
            ) as r:
                assert r.status == 400
            async with client.post(
                url, json={"type": "message", "conversation": {"id": "a:1"}, "text": "x" * 50_000}
            ) as r:
                assert r.status == 413
    finally:
        await standin.stop()
