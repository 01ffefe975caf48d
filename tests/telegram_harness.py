"""The whole bot as a Telegram user meets it: the real app and core, python-telegram-bot, and
the Bot API stand-in, all on loopback. Polling or webhook, exactly as ``serve`` wires them.

harness = await TelegramHarness.create(tmp_path)
await harness.say(ANNE, "/ny")
await harness.press(ANNE, "Byggefirma")
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from aiohttp import web
from pydantic import SecretStr

from bot.app import App, create_app
from bot.channels.telegram import TelegramChannel, TelegramOptions, start_telegram
from bot.config import Settings
from bot.web.server import build_web_app
from tests.support.chat import Clock
from tests.support.databases import sqlite_url
from tests.telegram_standin import (
    TOKEN,
    ApiCall,
    BotApiStandIn,
    TgUser,
    UploadedFile,
    button_data,
    check_html,
)

WEBHOOK_SECRET = "s3cret-Token_for-tests"
# Production limits, except the per-chat pace (a scripted user answers faster than any person,
# and 1 message/s per chat would only make the tests slow; the limiter has its own test) and
# the typing timer (whether a turn outlasts it depends on the machine; tested with delay 0).
TEST_OPTIONS = TelegramOptions(chat_per_second=0, typing_delay=None, poll_timeout=5)


@dataclass
class Turn:
    """What one update produced: the bot's messages to that chat (as the stand-in stored them,
    so a test can press their buttons), their plain texts and any uploaded documents."""

    calls: list[ApiCall]

    @property
    def messages(self) -> list[dict[str, Any]]:
        return [c.result for c in self.calls]

    @property
    def documents(self) -> list[UploadedFile]:
        return [c.files["document"] for c in self.calls if c.method == "sendDocument"]

    @property
    def texts(self) -> list[str]:
        return [check_html(m["text"])[0] for m in self.messages if "text" in m]

    @property
    def text(self) -> str:
        return "\n".join(self.texts)

    @property
    def buttons(self) -> list[tuple[str, str]]:
        return [b for m in self.messages for row in button_data(m) for b in row]


class TelegramHarness:
    def __init__(
        self,
        standin: BotApiStandIn,
        app: App,
        channel: TelegramChannel,
        runner: web.AppRunner,
        port: int,
    ) -> None:
        self.standin = standin
        self.app = app
        self.channel = channel
        self.runner = runner
        self.port = port
        self.owns_standin = False

    @classmethod
    async def create(
        cls,
        tmp_path: Path,
        *,
        webhook: bool = False,
        standin: BotApiStandIn | None = None,
        database_url: str | None = None,
        options: TelegramOptions = TEST_OPTIONS,
        clock: Callable[[], datetime] | None = None,
        seed: int = 7,
    ) -> TelegramHarness:
        owns = standin is None
        if standin is None:
            standin = BotApiStandIn()
            await standin.start()
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None,
            database_url=database_url or sqlite_url(tmp_path),
            telegram_bot_token=SecretStr(TOKEN),
            telegram_api_base_url=standin.base_url,
            telegram_webhook_url=f"http://127.0.0.1:{port}" if webhook else None,
            telegram_webhook_secret=SecretStr(WEBHOOK_SECRET) if webhook else None,
        )
        app = await create_app(settings, clock=clock or Clock(), seed_source=lambda: seed)
        web_app = build_web_app(app.db)
        channel = await start_telegram(web_app, app, options=options)
        runner = web.AppRunner(web_app, access_log=None)
        await runner.setup()
        await web.SockSite(runner, sock).start()
        harness = cls(standin, app, channel, runner, port)
        harness.owns_standin = owns
        return harness

    async def close(self) -> None:
        await self.channel.stop()
        await self.runner.cleanup()
        await self.app.close()
        if self.owns_standin:
            await self.standin.close()

    # ------------------------------------------------------------------ acting as users
    async def deliver(self, update: dict[str, Any]) -> Turn:
        """Send one update the way the bot is running (poll or webhook) and wait it through."""
        before = len(self.standin.calls)
        if self.channel.mode == "webhook":
            status, _ = await self.standin.push_webhook(update)
            assert status == 200, status
        else:
            await self.standin.inject(update)
        await self.channel.wait_handled(int(update["update_id"]))
        chat_id = _chat_id(update)
        sent = [
            c
            for c in self.standin.calls[before:]
            if c.status == 200
            and c.method in ("sendMessage", "sendDocument")
            and int(c.params["chat_id"]) == chat_id
        ]
        return Turn(sent)

    async def say(self, user: TgUser, text: str, *, chat: dict[str, Any] | None = None) -> Turn:
        return await self.deliver(self.standin.text_update(user, text, chat=chat))

    async def press(
        self, user: TgUser, label: str, *, message: dict[str, Any] | None = None
    ) -> Turn:
        """Press the button whose label contains ``label`` under the bot's latest message."""
        message = message or self.standin.last_message(user.id)
        data = find_button(message, label)
        return await self.deliver(self.standin.callback_update(user, message, data))

    async def press_data(self, user: TgUser, message: dict[str, Any], data: str) -> Turn:
        return await self.deliver(self.standin.callback_update(user, message, data))


def find_button(message: dict[str, Any], label: str) -> str:
    buttons = [b for row in button_data(message) for b in row]
    for text, data in buttons:
        if label.lower() in text.lower():
            return data
    raise AssertionError(f"no button {label!r} among {[t for t, _ in buttons]}")


def labels(message: dict[str, Any]) -> Sequence[str]:
    return [text for row in button_data(message) for text, _ in row]


def _chat_id(update: dict[str, Any]) -> int:
    body = update.get("message") or update.get("callback_query", {}).get("message")
    if body is None:
        for key in ("edited_message", "channel_post", "my_chat_member"):
            if key in update:
                return int(update[key]["chat"]["id"])
        raise AssertionError("update without a chat")
    return int(body["chat"]["id"])
