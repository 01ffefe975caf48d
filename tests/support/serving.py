"""`ringetraener serve` started in-process on a free loopback port, for end-to-end tests."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp

from bot.config import Settings
from bot.web.serve import serve


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@asynccontextmanager
async def serving(tmp_path: Path, **settings: Any) -> AsyncIterator[str]:
    """Yield the base URL once /healthz answers; stop the server (exit code 0) afterwards."""
    port = free_port()
    config = Settings(  # type: ignore[call-arg]
        _env_file=None,
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'serve.sqlite3'}",
        port=port,
        **{"dispatcher_enabled": False, **settings},
    )
    stop = asyncio.Event()
    server = asyncio.create_task(serve(config, stop))
    base = f"http://127.0.0.1:{port}"
    try:
        await _wait_until_up(base, server)
        yield base
    finally:
        stop.set()
        assert await asyncio.wait_for(server, 30) == 0


async def _wait_until_up(base: str, server: asyncio.Task[int]) -> None:
    async with aiohttp.ClientSession() as http:
        for _ in range(200):
            if server.done():
                raise AssertionError(f"serve stopped early: {server.result()}")
            try:
                async with http.get(f"{base}/healthz") as response:
                    if response.status == 200:
                        return
            except aiohttp.ClientConnectorError:
                await asyncio.sleep(0.05)
    raise AssertionError("server never came up")
