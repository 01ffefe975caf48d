"""`ringetraener serve` with a Telegram token: the operator's path, polling and webhook."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.config import Settings
from bot.core import texts
from bot.web.serve import serve
from tests.telegram_standin import TOKEN, BotApiStandIn, TgUser

ANNE = TgUser(4601, "Anne", "Holm")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.parametrize("mode", ["polling", "webhook"])
async def test_serve_runs_the_bot_and_stops_cleanly(tmp_path: Path, mode: str) -> None:
    port = _free_port()
    async with BotApiStandIn() as standin:
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None,
            database_url=f"sqlite+aiosqlite:///{tmp_path / 'serve.sqlite3'}",
            port=port,
            dispatcher_enabled=False,
            telegram_bot_token=SecretStr(TOKEN),
            telegram_api_base_url=standin.base_url.removesuffix("/bot"),  # a server address
            telegram_webhook_url=f"http://127.0.0.1:{port}" if mode == "webhook" else None,
            telegram_webhook_secret=SecretStr("serve-secret") if mode == "webhook" else None,
        )
        stop = asyncio.Event()
        server = asyncio.create_task(serve(settings, stop))
        try:
            await standin.wait_calls("setMyCommands", 1)
            update = standin.text_update(ANNE, "/hjaelp")
            if mode == "webhook":
                await standin.wait_for(lambda: bool(standin.webhook_url), what="setWebhook")
                await _push_when_listening(standin, update)
            else:
                await standin.inject(update)  # fetched by the next long poll
            (reply,) = await standin.wait_calls("sendMessage", 1)
            assert texts.HELP_HEADER in reply.params["text"]
            assert int(reply.params["chat_id"]) == ANNE.id
        finally:
            stop.set()
            assert await asyncio.wait_for(server, 30) == 0
        if mode == "webhook":
            # several processes share the webhook: stopping one must not remove it
            assert standin.calls_to("deleteWebhook") == []
            assert standin.webhook_secret == "serve-secret"


async def _push_when_listening(standin: BotApiStandIn, update: dict[str, object]) -> None:
    """serve registers the webhook just before its HTTP site listens; Telegram would retry."""
    for _ in range(100):
        try:
            status, _ = await standin.push_webhook(update)
        except OSError:
            await asyncio.sleep(0.05)
            continue
        assert status == 200
        return
    raise AssertionError("the webhook never answered")
