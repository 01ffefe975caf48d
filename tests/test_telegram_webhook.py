"""Webhook mode on the project's own HTTP server: the secret, redelivery, malformed bodies."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from pydantic import SecretStr

from bot.app import create_app
from bot.channels.telegram import start_telegram
from bot.config import Settings
from bot.core import texts
from bot.web.server import build_web_app
from tests.support.databases import sqlite_url
from tests.telegram_harness import WEBHOOK_SECRET, TelegramHarness
from tests.telegram_standin import TOKEN, TgUser

ANNE = TgUser(4301, "Anne", "Holm")
PATH = "/telegram/webhook"


@pytest.fixture
async def tg(tmp_path: Path) -> AsyncIterator[TelegramHarness]:
    harness = await TelegramHarness.create(tmp_path, webhook=True)
    yield harness
    await harness.close()


async def post(tg: TelegramHarness, body: bytes, headers: dict[str, str]) -> int:
    async with (
        aiohttp.ClientSession() as session,
        session.post(f"http://127.0.0.1:{tg.port}{PATH}", data=body, headers=headers) as response,
    ):
        return response.status


async def test_webhook_is_registered_with_its_secret(tg: TelegramHarness) -> None:
    assert tg.standin.webhook_url == f"http://127.0.0.1:{tg.port}{PATH}"
    assert tg.standin.webhook_secret == WEBHOOK_SECRET
    assert tg.channel.mode == "webhook"
    assert tg.standin.calls_to("getUpdates", ok_only=False) == []  # no polling at all


async def test_right_secret_is_processed(tg: TelegramHarness) -> None:
    turn = await tg.say(ANNE, "/hjaelp")  # pushed by the stand-in with the registered secret
    assert texts.HELP_HEADER in turn.text


@pytest.mark.parametrize("secret", [None, "", "wrong-secret", WEBHOOK_SECRET + "x"])
async def test_missing_or_wrong_secret_is_refused_and_not_processed(
    tg: TelegramHarness, secret: str | None
) -> None:
    update = tg.standin.text_update(ANNE, "/hjaelp")
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    assert await post(tg, json.dumps(update).encode(), headers) == 403
    # A later, genuine update goes through; the refused one never did.
    later = await tg.say(ANNE, "/status")
    assert later.texts
    assert not tg.channel.handled(int(update["update_id"]))
    assert len(tg.standin.sent_texts(ANNE.id)) == 1


async def test_malformed_body_with_the_right_secret_is_a_400(tg: TelegramHarness) -> None:
    headers = {"X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET}
    assert await post(tg, b"{not json", headers) == 400
    assert await post(tg, b"[1, 2]", headers) == 400
    assert await post(tg, b'{"update_id": 5, "message": "x"}', headers) == 400
    assert await post(tg, b'{"message": {}}', headers) == 400
    assert tg.standin.sent_texts() == []


async def test_the_same_update_twice_is_processed_once(tg: TelegramHarness) -> None:
    update = tg.standin.text_update(ANNE, "/navn Anne Holm")
    first = await tg.deliver(update)
    assert first.texts == [texts.NAME_SET.format(name="Anne Holm")]
    # Telegram retries when it did not get our 200 in time: same update_id, same body.
    second = await tg.deliver(update)
    assert second.messages == []
    assert len(tg.standin.sent_texts(ANNE.id)) == 1


async def test_a_stopped_bot_asks_telegram_to_retry(tg: TelegramHarness) -> None:
    """During a rolling restart the HTTP server may outlive the bot: 503, so Telegram retries
    (possibly at another process) instead of the update being dropped."""
    await tg.channel.stop()
    update = tg.standin.text_update(ANNE, "/hjaelp")
    status, _ = await tg.standin.push_webhook(update)
    assert status == 503
    assert tg.standin.sent_texts() == []


async def test_health_routes_share_the_server(tg: TelegramHarness) -> None:
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"http://127.0.0.1:{tg.port}/healthz") as health,
        session.get(f"http://127.0.0.1:{tg.port}/readyz") as ready,
    ):
        assert health.status == 200
        assert ready.status == 200


async def test_webhook_url_without_secret_is_refused(tmp_path: Path) -> None:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        database_url=sqlite_url(tmp_path),
        telegram_bot_token=SecretStr(TOKEN),
        telegram_webhook_url="https://bot.example.dk",
    )
    app = await create_app(settings)
    try:
        with pytest.raises(ValueError, match="TELEGRAM_WEBHOOK_SECRET"):
            await start_telegram(build_web_app(app.db), app)
    finally:
        await app.close()
