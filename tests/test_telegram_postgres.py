"""Two bot processes behind one load balancer on one PostgreSQL: a retried update that lands
on both, even at the same moment, is processed once."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import aiohttp
import pytest

from bot.core import texts
from tests.support.databases import fresh_postgres_url, postgres_reachable
from tests.telegram_harness import WEBHOOK_SECRET, TelegramHarness
from tests.telegram_standin import BotApiStandIn, TgUser

pytestmark = pytest.mark.postgres
ANNE = TgUser(4801, "Anne", "Holm")


async def post(port: int, update: dict[str, object]) -> int:
    headers = {"X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET}
    async with (
        aiohttp.ClientSession() as session,
        session.post(
            f"http://127.0.0.1:{port}/telegram/webhook", data=json.dumps(update), headers=headers
        ) as response,
    ):
        return response.status


async def test_the_same_update_on_two_processes_is_processed_once(tmp_path: Path) -> None:
    if not await postgres_reachable():
        pytest.skip("no PostgreSQL server reachable at 127.0.0.1:5432 (RINGETRAENER_TEST_PG)")
    async with fresh_postgres_url() as url, BotApiStandIn() as standin:
        one = await TelegramHarness.create(
            tmp_path / "1", webhook=True, standin=standin, database_url=url
        )
        two = await TelegramHarness.create(
            tmp_path / "2", webhook=True, standin=standin, database_url=url
        )
        try:
            for round_no in range(5):
                update = standin.text_update(ANNE, f"/navn Anne {round_no}")
                statuses = await asyncio.gather(post(one.port, update), post(two.port, update))
                assert list(statuses) == [200, 200]
                update_id = int(update["update_id"])
                await one.channel.wait_handled(update_id)
                await two.channel.wait_handled(update_id)
            sent = standin.sent_texts(ANNE.id)
            assert sent == [texts.NAME_SET.format(name=f"Anne {i}") for i in range(5)]
        finally:
            await one.close()
            await two.close()
