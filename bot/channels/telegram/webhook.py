"""The webhook route on the project's aiohttp server: authenticate, then queue the update."""

from __future__ import annotations

import hmac
import json
import logging

from aiohttp import web
from aiohttp.typedefs import Handler
from telegram import Update

from bot.channels.telegram.app import TelegramChannel

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY = 1 << 20  # updates are small; anything this big is not from Telegram


def webhook_handler(channel: TelegramChannel, secret: str) -> Handler:
    """A handler that answers 403 (and does nothing else) unless the secret header matches.

    Accepted updates go onto the application's update queue, so they share its concurrency
    limit and per-chat ordering with everything else; Telegram gets its 200 at once.
    """
    expected = secret.encode()

    async def handle(request: web.Request) -> web.StreamResponse:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, expected):
            log.warning("telegram webhook: bad or missing secret from %s", request.remote)
            return web.Response(status=403)
        if request.content_length is not None and request.content_length > MAX_BODY:
            return web.Response(status=413)
        if not channel.accepting:
            # Stopping or not started: Telegram retries, and another process may take it.
            return web.Response(status=503)
        update = _parse(await request.read(), channel)
        if update is None:
            log.warning("telegram webhook: malformed update")
            return web.Response(status=400)
        await channel.feed(update)
        return web.Response(status=200)

    return handle


def add_webhook_route(
    web_app: web.Application, channel: TelegramChannel, secret: str, path: str
) -> None:
    web_app.router.add_post(path, webhook_handler(channel, secret))


def _parse(body: bytes, channel: TelegramChannel) -> Update | None:
    """The update, or None for anything that is not a well-formed one."""
    try:
        data = json.loads(body)
    except ValueError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
        return None
    try:
        return Update.de_json(data, channel.application.bot)
    except Exception:  # the library's parsers raise many kinds on malformed input
        return None
