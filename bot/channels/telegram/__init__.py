"""Telegram channel: python-telegram-bot behind a thin adapter (polling or webhook)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from aiohttp import web

from bot.channels.telegram.app import (
    TelegramChannel,
    TelegramOptions,
    core_concurrency_for,
    webhook_target,
)
from bot.channels.telegram.webhook import add_webhook_route

if TYPE_CHECKING:
    from bot.app import App

__all__ = ["TelegramChannel", "TelegramOptions", "install_telegram", "start_telegram"]


async def start_telegram(
    web_app: web.Application, app: App, *, options: TelegramOptions | None = None
) -> TelegramChannel:
    """Build and start the channel from the settings; register its webhook route and sender.

    Polling unless TELEGRAM_WEBHOOK_URL is set; then TELEGRAM_WEBHOOK_SECRET is required and
    updates arrive on TELEGRAM_WEBHOOK_PATH of the project's own server.
    """
    settings = app.settings
    if settings.telegram_bot_token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    secret = settings.telegram_webhook_secret
    webhook_url = None
    if settings.telegram_webhook_url:
        webhook_url = webhook_target(settings.telegram_webhook_url, settings.telegram_webhook_path)
    options = options or TelegramOptions()
    if options.core_concurrency is None:
        options = replace(options, core_concurrency=core_concurrency_for(app.db.is_sqlite))
    channel = TelegramChannel(
        app.core,
        settings.telegram_bot_token.get_secret_value(),
        commands=app.registry.menu(),
        base_url=settings.telegram_api_base_url,
        webhook_url=webhook_url,
        webhook_secret=secret.get_secret_value() if secret is not None else None,
        options=options,
    )
    if channel.webhook_url and channel.webhook_secret:
        add_webhook_route(web_app, channel, channel.webhook_secret, settings.telegram_webhook_path)
    app.services.delivery.register(channel.sender)
    await channel.start()
    return channel


async def install_telegram(
    web_app: web.Application, app: App, *, options: TelegramOptions | None = None
) -> Callable[[], Awaitable[None]]:
    """What ``serve`` calls: start the channel and hand back how to stop it."""
    channel = await start_telegram(web_app, app, options=options)
    return channel.stop
