"""`ringetraener serve`: one HTTP server with liveness and readiness, started and stopped."""

from __future__ import annotations

from pathlib import Path

import aiohttp

from bot.storage.db import Database
from bot.web.server import build_web_app
from tests.support.serving import serving


async def test_serve_answers_health_and_readiness_then_stops(tmp_path: Path) -> None:
    async with serving(tmp_path) as base, aiohttp.ClientSession() as http:
        async with http.get(f"{base}/healthz") as response:
            assert response.status == 200
        async with http.get(f"{base}/readyz") as response:
            assert response.status == 200
            assert (await response.json())["status"] == "ready"
        async with http.get(f"{base}/telegram/webhook") as response:
            assert response.status == 404  # no channel configured, no webhook route


async def test_readiness_fails_while_the_database_is_unreachable() -> None:
    db = Database("postgresql+asyncpg://nobody@127.0.0.1:1/none")
    app = build_web_app(db)
    from aiohttp.test_utils import TestClient, TestServer

    async with TestClient(TestServer(app)) as client:
        response = await client.get("/readyz")
        assert response.status == 503
        assert (await client.get("/healthz")).status == 200
    await db.dispose()
