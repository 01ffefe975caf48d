"""Telegram: updates/s through the whole path, next to a bare python-telegram-bot echo bot.

A third line runs the same channel with the core swapped for an echo, so the gap between the
two main figures can be split into what the adapter costs and what the core turn costs.

Both bots run in this process against the same Bot API stand-in (loopback HTTP), both get
their updates as webhook POSTs from the same driver into an aiohttp route that puts them on
the application's update queue, and both answer each update with one sendMessage. The
difference is what happens in between: the echo bot copies the text; Ringetræner translates
the update, runs a core turn (event de-duplication, member lookup, state row lock, the
command, commit) on a SQLite file and renders HTML. Telegram's rate limits are off for both
(with them on, both would sit at 30 msg/s); 429 handling and everything else stay as in
production.
"""

from __future__ import annotations

import asyncio
import json
import socket
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web
from pydantic import SecretStr
from telegram import Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler, filters

from bot.app import create_app
from bot.channels.telegram import TelegramChannel, TelegramOptions, start_telegram
from bot.channels.telegram.webhook import add_webhook_route
from bot.config import Settings
from bot.core.messages import Incoming, Reply
from bot.web.server import build_web_app
from tests.telegram_standin import TOKEN, BotApiStandIn, TgUser

USERS = 50
MESSAGES_PER_USER = 8
IN_FLIGHT = 32  # concurrent webhook POSTs, as Telegram's max_connections would allow
ROUNDS = 5
SECRET = "bench-secret"
PATH = "/telegram/webhook"
OPTIONS = TelegramOptions(
    concurrent_updates=64, overall_per_second=0, chat_per_second=0, group_per_minute=0
)

Driver = Callable[[list[dict[str, Any]]], Awaitable[float]]


def _free_socket() -> socket.socket:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    return sock


async def _drive(
    standin: BotApiStandIn, url: str, updates: list[dict[str, Any]]
) -> tuple[float, float]:
    """POST every update (IN_FLIGHT at a time) until every reply reached the stand-in.

    Returns (wall seconds, CPU seconds of this process). The CPU figure is steadier on a busy
    machine; it includes the driver and the stand-in, which cost both bots the same.
    """
    expected = standin.ok_counts["sendMessage"] + len(updates)
    gate = asyncio.Semaphore(IN_FLIGHT)
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Type": "application/json"}
    async with aiohttp.ClientSession() as session:

        async def post(update: dict[str, Any]) -> None:
            async with (
                gate,
                session.post(url, data=json.dumps(update), headers=headers) as response,
            ):
                if response.status != 200:
                    raise RuntimeError(f"webhook answered {response.status}")

        started, cpu_started = time.perf_counter(), time.process_time()
        await asyncio.gather(*(post(u) for u in updates))
        await standin.wait_for(
            lambda: standin.ok_counts["sendMessage"] >= expected,
            timeout=300,
            what="all replies",
        )
        return time.perf_counter() - started, time.process_time() - cpu_started


def _updates(
    standin: BotApiStandIn, first_user: int, text: Callable[[int, int], str]
) -> list[dict[str, Any]]:
    users = [TgUser(first_user + i, f"Bruger{i}") for i in range(USERS)]
    return [
        standin.text_update(user, text(u, m))
        for m in range(MESSAGES_PER_USER)
        for u, user in enumerate(users)
    ]


async def _echo_round(standin: BotApiStandIn, first_user: int) -> tuple[float, float]:
    """A bare python-telegram-bot echo bot behind the same kind of webhook route."""
    application: Application[Any, Any, Any, Any, Any, Any] = (
        ApplicationBuilder()
        .token(TOKEN)
        .base_url(standin.base_url)
        .concurrent_updates(OPTIONS.concurrent_updates)
        .connection_pool_size(OPTIONS.connection_pool_size)
        .updater(None)
        .job_queue(None)
        .build()
    )

    async def echo(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None and update.message.text is not None
        await update.message.reply_text(update.message.text)

    application.add_handler(MessageHandler(filters.TEXT, echo))

    async def route(request: web.Request) -> web.Response:
        if request.headers.get("X-Telegram-Bot-Api-Secret-Token") != SECRET:
            return web.Response(status=403)
        update = Update.de_json(json.loads(await request.read()), application.bot)
        await application.update_queue.put(update)
        return web.Response()

    web_app = web.Application()
    web_app.router.add_post(PATH, route)
    sock = _free_socket()
    url = f"http://127.0.0.1:{sock.getsockname()[1]}{PATH}"
    runner = web.AppRunner(web_app, access_log=None)
    await runner.setup()
    await web.SockSite(runner, sock).start()
    try:
        async with application:
            await application.start()
            await _drive(standin, url, _updates(standin, first_user + 900_000, _echo_text)[:20])
            elapsed, cpu = await _drive(standin, url, _updates(standin, first_user, _echo_text))
            await application.stop()
    finally:
        await runner.cleanup()
    return USERS * MESSAGES_PER_USER / elapsed, USERS * MESSAGES_PER_USER / cpu


def _echo_text(user: int, message: int) -> str:
    return f"hej {user} {message}"


def _core_text(user: int, message: int) -> str:
    return f"/navn Konsulent {user}-{message}"  # a write turn: the member's name changes


async def _core_round(
    standin: BotApiStandIn, first_user: int, workdir: Path
) -> tuple[float, float]:
    """Ringetræner as ``serve`` wires it: webhook → adapter → core → SQLite → sendMessage."""
    sock = _free_socket()
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        database_url=f"sqlite+aiosqlite:///{workdir / f'bench-{first_user}.sqlite3'}",
        telegram_bot_token=SecretStr(TOKEN),
        telegram_api_base_url=standin.base_url,
        telegram_webhook_url=f"http://127.0.0.1:{sock.getsockname()[1]}",
        telegram_webhook_secret=SecretStr(SECRET),
        dispatcher_enabled=False,
    )
    app = await create_app(settings)
    web_app = build_web_app(app.db)
    channel = await start_telegram(web_app, app, options=OPTIONS)
    runner = web.AppRunner(web_app, access_log=None)
    await runner.setup()
    await web.SockSite(runner, sock).start()
    url = f"http://127.0.0.1:{sock.getsockname()[1]}{PATH}"
    try:
        await _drive(standin, url, _updates(standin, first_user + 900_000, _core_text)[:20])
        elapsed, cpu = await _drive(standin, url, _updates(standin, first_user, _core_text))
    finally:
        await channel.stop()
        await runner.cleanup()
        await app.close()
    return USERS * MESSAGES_PER_USER / elapsed, USERS * MESSAGES_PER_USER / cpu


class _EchoCore:
    """Not the product: stands in for the core to show what the adapter alone costs."""

    async def handle(self, incoming: Incoming) -> list[Reply]:
        return [Reply(incoming.text)]


async def _adapter_round(standin: BotApiStandIn, first_user: int) -> tuple[float, float]:
    """The same channel, webhook route and options, with the core swapped for an echo."""
    sock = _free_socket()
    url = f"http://127.0.0.1:{sock.getsockname()[1]}{PATH}"
    channel = TelegramChannel(
        _EchoCore(),
        TOKEN,
        base_url=standin.base_url,
        webhook_url=url,
        webhook_secret=SECRET,
        options=OPTIONS,
    )
    web_app = web.Application()
    add_webhook_route(web_app, channel, SECRET, PATH)
    await channel.start()
    runner = web.AppRunner(web_app, access_log=None)
    await runner.setup()
    await web.SockSite(runner, sock).start()
    try:
        await _drive(standin, url, _updates(standin, first_user + 900_000, _echo_text)[:20])
        elapsed, cpu = await _drive(standin, url, _updates(standin, first_user, _echo_text))
    finally:
        await channel.stop()
        await runner.cleanup()
    return USERS * MESSAGES_PER_USER / elapsed, USERS * MESSAGES_PER_USER / cpu


async def _run() -> None:
    echo: list[tuple[float, float]] = []
    core: list[tuple[float, float]] = []
    adapter: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        async with BotApiStandIn() as standin:
            for round_no in range(ROUNDS):  # interleaved, so the machine's load hits all alike
                first = round_no * 1000
                echo.append(await _echo_round(standin, 10_000 + first))
                core.append(await _core_round(standin, 50_000 + first, Path(tmp)))
                adapter.append(await _adapter_round(standin, 90_000 + first))
    print(f"updates per round: {USERS * MESSAGES_PER_USER} ({USERS} users x {MESSAGES_PER_USER})")
    print(f"rounds: {ROUNDS}, interleaved; medians, every round in brackets")
    for index, unit in ((0, "updates/s"), (1, "updates per CPU-second (steadier on a busy box)")):
        echo_rates = [r[index] for r in echo]
        print(f"{unit}:")
        _line("echo bot (bare python-telegram-bot)", echo_rates)
        _line("ringetraener (webhook->core->SQLite)", [r[index] for r in core], echo_rates)
        _line("adapter only (core swapped for echo)", [r[index] for r in adapter], echo_rates)
    print("target: ringetraener/echo >= 0.50")


def _line(name: str, rates: list[float], echo: list[float] | None = None) -> None:
    text = f"  {name:38s} {statistics.median(rates):7.1f}  {_fmt(rates)}"
    if echo is not None:
        # Paired rounds ran under the same load, so the median pairwise ratio is the steadier.
        ratio = statistics.median(r / e for r, e in zip(rates, echo, strict=True))
        text += f"  ratio to echo {ratio:.2f}"
    print(text)


def _fmt(rates: list[float]) -> str:
    return "[" + ", ".join(f"{r:.0f}" for r in rates) + "]"


def main() -> None:
    asyncio.run(_run())


if __name__ == "__main__":
    main()
