"""`ringetraener serve`: one HTTP server with liveness and readiness, started and stopped."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import aiohttp

from bot.config import Settings
from bot.storage.db import Database
from bot.web.serve import serve
from bot.web.server import build_web_app


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_serve_answers_health_and_readiness_then_stops(tmp_path: Path) -> None:
    port = _free_port()
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'serve.sqlite3'}",
        port=port,
        dispatcher_enabled=False,
    )
    stop = asyncio.Event()
    server = asyncio.create_task(serve(settings, stop))
    base = f"http://127.0.0.1:{port}"
    async with aiohttp.ClientSession() as http:
        for _ in range(200):
            try:
                async with http.get(f"{base}/healthz") as response:
                    assert response.status == 200
                    break
            except aiohttp.ClientConnectorError:
                await asyncio.sleep(0.05)
        else:
            raise AssertionError("server never came up")
        async with http.get(f"{base}/readyz") as response:
            assert response.status == 200
            assert (await response.json())["status"] == "ready"
    stop.set()
    assert await asyncio.wait_for(server, 30) == 0


async def test_readiness_fails_while_the_database_is_unreachable() -> None:
    db = Database("postgresql+asyncpg://nobody@127.0.0.1:1/none")
    app = build_web_app(db)
    from aiohttp.test_utils import TestClient, TestServer

    async with TestClient(TestServer(app)) as client:
        response = await client.get("/readyz")
        assert response.status == 503
        assert (await client.get("/healthz")).status == 200
    await db.dispose()
