"""`ringetraener serve` with Teams configured: the endpoint joins the one HTTP server."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path
from typing import Any

import aiohttp

from bot.config import Settings
from bot.core import texts
from bot.web.serve import serve
from tests.teams_harness import SARA, ActivityFactory
from tests.teams_standin import BOT_APP_ID, TENANT_ID, TeamsConnectorStandIn


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _serving(tmp_path: Path, **teams: Any) -> tuple[asyncio.Task[int], asyncio.Event, str]:
    port = _free_port()
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'serve.sqlite3'}",
        port=port,
        dispatcher_enabled=False,
        **teams,
    )
    stop = asyncio.Event()
    server = asyncio.create_task(serve(settings, stop))
    base = f"http://127.0.0.1:{port}"
    async with aiohttp.ClientSession() as http:
        for _ in range(200):
            try:
                async with http.get(f"{base}/healthz") as response:
                    if response.status == 200:
                        return server, stop, base
            except aiohttp.ClientConnectorError:
                await asyncio.sleep(0.05)
    raise AssertionError("server never came up")


async def test_serve_with_credentials_guards_api_messages(tmp_path: Path) -> None:
    server, stop, base = await _serving(
        tmp_path,
        teams_client_id=BOT_APP_ID,
        teams_client_secret="secret",
        teams_tenant_id=TENANT_ID,
    )
    try:
        make = ActivityFactory("http://127.0.0.1:9/")
        async with aiohttp.ClientSession() as http:
            async with http.post(f"{base}/api/messages", json=make.message(SARA, "hej")) as r:
                assert r.status == 401
            async with http.get(f"{base}/readyz") as r:
                assert r.status == 200  # the token check guards only the Teams endpoint
    finally:
        stop.set()
        assert await asyncio.wait_for(server, 30) == 0


async def test_serve_in_anonymous_mode_answers_through_the_connector(tmp_path: Path) -> None:
    standin = TeamsConnectorStandIn()
    await standin.start()
    server, stop, base = await _serving(tmp_path, teams_anonymous=True)
    try:
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
        stop.set()
        assert await asyncio.wait_for(server, 30) == 0
        await standin.stop()
