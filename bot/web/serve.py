"""``ringetraener serve``: the HTTP server, the configured channels and the nudge dispatcher."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from aiohttp import web

from bot import texts
from bot.app import App, create_app
from bot.config import Settings
from bot.web.server import build_web_app

log = logging.getLogger(__name__)

Closer = Callable[[], Awaitable[None]]
BackgroundTask = Callable[[App, asyncio.Event], Coroutine[Any, Any, None]]


async def install_channels(app: App, web_app: web.Application) -> list[Closer]:
    """Install every configured channel; each returns how to stop it."""
    closers: list[Closer] = []
    settings = app.settings
    if settings.telegram_bot_token is not None:
        from bot.channels.telegram import install_telegram

        closers.append(await install_telegram(web_app, app))
    if settings.teams_client_id or settings.teams_anonymous:
        from bot.channels.teams import install_teams

        closers.append(await install_teams(web_app, app))
    if not closers:
        log.warning(texts.CLI_NO_CHANNELS)
    return closers


async def serve(settings: Settings, stop: asyncio.Event | None = None) -> int:
    app = await create_app(settings)
    stop = stop or _stop_on_signals()
    web_app = build_web_app(app.db)
    closers = await install_channels(app, web_app)
    runner = web.AppRunner(web_app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, settings.host, settings.port)
    await site.start()
    log.info("serving host=%s port=%d", settings.host, settings.port)
    background = [asyncio.create_task(task(app, stop)) for task in background_tasks(app)]
    try:
        await stop.wait()
    finally:
        for closer in reversed(closers):
            with contextlib.suppress(Exception):
                await closer()
        for task in background:
            task.cancel()
        await asyncio.gather(*background, return_exceptions=True)
        await runner.cleanup()
        await app.close()
    return 0


def background_tasks(app: App) -> list[BackgroundTask]:
    from bot.scheduler.dispatcher import run_for_app
    from bot.scheduler.housekeeping import run_housekeeping

    tasks: list[BackgroundTask] = [run_housekeeping]
    if app.settings.dispatcher_enabled:
        tasks.append(run_for_app)
    return tasks


def _stop_on_signals() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    return stop
