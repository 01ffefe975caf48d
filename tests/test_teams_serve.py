"""`ringetraener serve` with Teams configured: the endpoint joins the one HTTP server."""

from __future__ import annotations

from pathlib import Path

import aiohttp
from pydantic import SecretStr

from bot.core import texts
from tests.support.serving import serving
from tests.teams_harness import SARA, ActivityFactory
from tests.teams_standin import BOT_APP_ID, TENANT_ID, TeamsConnectorStandIn


async def test_serve_with_credentials_guards_api_messages(tmp_path: Path) -> None:
    async with serving(
        tmp_path,
        teams_client_id=BOT_APP_ID,
        teams_client_secret=SecretStr("secret"),
        teams_tenant_id=TENANT_ID,
    ) as base:
        make = ActivityFactory("http://127.0.0.1:9/")
        async with aiohttp.ClientSession() as http:
            async with http.post(f"{base}/api/messages", json=make.message(SARA, "hej")) as r:
                assert r.status == 401
            async with http.get(f"{base}/readyz") as r:
                assert r.status == 200  # the token check guards only the Teams endpoint


async def test_serve_in_anonymous_mode_answers_through_the_connector(tmp_path: Path) -> None:
    standin = TeamsConnectorStandIn()
    await standin.start()
    try:
        async with serving(tmp_path, teams_anonymous=True) as base:
            make = ActivityFactory(standin.service_url)
            activity = make.message(SARA, "/hjaelp")
            async with (
                aiohttp.ClientSession() as http,
                http.post(f"{base}/api/messages", json=activity) as response,
            ):
                assert response.status == 202
            [reply] = standin.posted
            assert texts.HELP_HEADER in reply.text
    finally:
        await standin.stop()
