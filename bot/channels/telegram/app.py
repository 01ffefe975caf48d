"""The python-telegram-bot Application around the core: limits, ordering, typing, lifecycle."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections import OrderedDict, deque
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlsplit

from aiolimiter import AsyncLimiter
from telegram import BotCommand, Update
from telegram.constants import ChatAction
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    BaseUpdateProcessor,
    ContextTypes,
    TypeHandler,
)

from bot.channels.telegram import texts
from bot.channels.telegram.adapter import send_replies, to_incoming
from bot.channels.telegram.sender import TelegramSender
from bot.core.messages import ChatType, Incoming, Reply

log = logging.getLogger(__name__)

TYPING_REFRESH = 4.5  # Telegram shows "typing…" for about 5 s per chat action
_COMMAND_NAME = re.compile(r"[a-z0-9_]{1,32}")
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")

TelegramApplication = Application[Any, Any, Any, Any, Any, Any]


class Core(Protocol):
    async def handle(self, incoming: Incoming) -> list[Reply]: ...


@dataclass(frozen=True, slots=True)
class TelegramOptions:
    """Tuning, with production defaults. Tests relax only the per-chat pace and the typing
    timer (a scripted user is faster than a person, and a timer would make runs differ)."""

    concurrent_updates: int = 64
    # Each limit is off at 0; RetryAfter is honoured whatever the limits.
    overall_per_second: float = 30.0  # Telegram: about 30 messages per second per bot
    chat_per_second: float = 1.0  # Telegram: about 1 message per second per chat
    chat_burst: int = 3  # "short bursts" are allowed, so a turn's few messages go at once
    group_per_minute: float = 20.0  # Telegram: 20 messages per minute per group
    max_retries: int = 3  # attempts after a 429, each after its retry_after
    # "typing…" only for turns slower than this: a quick answer needs none, and under a burst
    # extra chat actions would slow every answer down further.
    typing_delay: float | None = 1.0
    poll_timeout: int = 10  # seconds a getUpdates long poll waits
    connection_pool_size: int = 128
    # Turns inside the core at once (the rest wait, in order). None: by database, see
    # core_concurrency_for(): SQLite writes one at a time, so more turns only contend.
    core_concurrency: int | None = None


class ChatRateLimiter(AIORateLimiter):
    """AIORateLimiter (overall and group limits, RetryAfter) plus a per-private-chat pace.

    AIORateLimiter limits groups only; Telegram also asks for about one message per second in
    a private chat. Chat actions are exempt: "typing…" must not delay the answer itself.
    """

    _EXEMPT = frozenset({"sendChatAction", "answerCallbackQuery"})

    def __init__(self, options: TelegramOptions) -> None:
        super().__init__(
            overall_max_rate=options.overall_per_second,
            overall_time_period=1,
            group_max_rate=options.group_per_minute,
            group_time_period=60,
            max_retries=options.max_retries,
        )
        self._chat_rate = options.chat_per_second
        self._chat_burst = max(1, options.chat_burst)
        self._chat_limiters: OrderedDict[int, AsyncLimiter] = OrderedDict()

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        limiter = self._chat_limiter(endpoint, data.get("chat_id"))
        if limiter is None:
            return await super().process_request(
                callback, args, kwargs, endpoint, data, rate_limit_args
            )
        async with limiter:
            return await super().process_request(
                callback, args, kwargs, endpoint, data, rate_limit_args
            )

    def _chat_limiter(self, endpoint: str, chat_id: object) -> AsyncLimiter | None:
        if not self._chat_rate or endpoint in self._EXEMPT:
            return None
        try:
            chat = int(str(chat_id))
        except ValueError:
            return None
        if chat <= 0:
            return None  # groups and channels: AIORateLimiter's group limit applies
        limiter = self._chat_limiters.get(chat)
        if limiter is None:
            limiter = AsyncLimiter(self._chat_burst, self._chat_burst / self._chat_rate)
            self._chat_limiters[chat] = limiter
            while len(self._chat_limiters) > 4096:  # forget the least recently used chats
                self._chat_limiters.popitem(last=False)
        else:
            self._chat_limiters.move_to_end(chat)
        return limiter


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Many chats at once, but one chat's updates strictly in order (answers keep order)."""

    def __init__(self, max_concurrent_updates: int) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._waiting: dict[int, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = _chat_key(update)
        if key is None:
            await coroutine
            return
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._waiting[key] = self._waiting.get(key, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            self._waiting[key] -= 1
            if not self._waiting[key]:
                del self._waiting[key]
                del self._locks[key]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to free."""


class _Typing:
    """ "typing…" for one turn, only once the turn outlasts its delay, refreshed until it ends.

    A timer handle rather than a task per turn: quick turns (nearly all) cost a call_later and
    a cancel, and send nothing.
    """

    def __init__(self, send: Callable[[], Awaitable[None]], delay: float) -> None:
        self._send = send
        self._task: asyncio.Task[None] | None = None
        self._timer = asyncio.get_running_loop().call_later(delay, self._fire)

    def _fire(self) -> None:
        self._task = asyncio.create_task(self._keep_typing())

    async def _keep_typing(self) -> None:
        while True:
            await self._send()
            await asyncio.sleep(TYPING_REFRESH)

    async def stop(self) -> None:
        self._timer.cancel()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task


def _chat_key(update: object) -> int | None:
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    return update.effective_user.id if update.effective_user is not None else None


def core_concurrency_for(database_is_sqlite: bool) -> int:
    """Measured with bench/bench_telegram.py: on SQLite 2-4 concurrent turns beat 32 (they
    only queue for the one writer); PostgreSQL overlaps turns for real."""
    return 4 if database_is_sqlite else 32


def normalise_base_url(url: str) -> str:
    """Accept both a Bot API server address and python-telegram-bot's ".../bot" form."""
    url = url.rstrip("/")
    if "{token}" in url or url.endswith("/bot"):
        return url
    return url + "/bot"


def webhook_target(public_url: str, path: str) -> str:
    """The URL Telegram calls: TELEGRAM_WEBHOOK_URL as given, or with the path when it has none."""
    parts = urlsplit(public_url)
    if parts.path in ("", "/"):
        return public_url.rstrip("/") + "/" + path.lstrip("/")
    return public_url


class TelegramChannel:
    """One bot: turns updates into core turns and core replies into Telegram messages."""

    def __init__(
        self,
        core: Core,
        token: str,
        *,
        commands: Sequence[tuple[str, str]] = (),
        base_url: str | None = None,
        webhook_url: str | None = None,
        webhook_secret: str | None = None,
        options: TelegramOptions | None = None,
    ) -> None:
        if webhook_url and not (webhook_secret and _SECRET.fullmatch(webhook_secret)):
            raise ValueError(
                "TELEGRAM_WEBHOOK_SECRET must be set with TELEGRAM_WEBHOOK_URL "
                "(1-256 characters: A-Z, a-z, 0-9, _ and -)"
            )
        self.core = core
        self.options = options or TelegramOptions()
        self.commands = list(commands)
        self.webhook_url = webhook_url or None
        self.webhook_secret = webhook_secret or None
        self.application = self._build(token, base_url)
        self.sender = TelegramSender(self.application.bot)
        self._handled_order: deque[int] = deque()
        self._handled: set[int] = set()
        self._handled_changed = asyncio.Condition()
        self._running = False
        self._core_gate = asyncio.Semaphore(self.options.core_concurrency or 32)

    @property
    def accepting(self) -> bool:
        """Whether a webhook update handed over now will be processed by this process."""
        return self._running

    @property
    def mode(self) -> str:
        return "webhook" if self.webhook_url else "polling"

    @property
    def bot_username(self) -> str:
        return str(self.application.bot.username)

    def _build(self, token: str, base_url: str | None) -> TelegramApplication:
        options = self.options
        builder = (
            ApplicationBuilder()
            .token(token)
            .rate_limiter(ChatRateLimiter(options))
            .concurrent_updates(PerChatUpdateProcessor(options.concurrent_updates))
            .connection_pool_size(options.connection_pool_size)
            .pool_timeout(30)
            .job_queue(None)
        )
        if base_url:
            builder = builder.base_url(normalise_base_url(base_url))
        if self.webhook_url:
            builder = builder.updater(None)  # updates arrive through our own HTTP server
        application = builder.build()
        application.add_handler(TypeHandler(Update, self._on_update))
        application.add_error_handler(self._on_error)
        return application

    # ------------------------------------------------------------------ lifecycle
    async def start(self) -> None:
        """Connect (getMe), publish the command menu, then poll or register the webhook."""
        application = self.application
        await application.initialize()
        try:
            await self._publish_commands()
            await application.start()
            self._running = True
            if self.webhook_url and self.webhook_secret:
                await application.bot.set_webhook(
                    url=self.webhook_url,
                    secret_token=self.webhook_secret,
                    allowed_updates=Update.ALL_TYPES,
                    max_connections=min(100, max(1, self.options.concurrent_updates)),
                )
            elif application.updater is not None:
                await application.updater.start_polling(
                    timeout=self.options.poll_timeout, allowed_updates=Update.ALL_TYPES
                )
        except BaseException:
            self._running = True  # let stop() unwind whatever did start
            await self.stop()
            raise
        log.info("telegram started mode=%s bot=%s", self.mode, self.bot_username)

    async def stop(self) -> None:
        """Stop taking updates and finish the ones in hand. The webhook stays registered: other
        processes behind the same load balancer still serve it."""
        if not self._running:
            return
        self._running = False
        application = self.application
        if application.updater is not None and application.updater.running:
            await application.updater.stop()
        if application.running:
            await application.stop()
        await application.shutdown()
        log.info("telegram stopped")

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[TelegramChannel]:
        await self.start()
        try:
            yield self
        finally:
            await self.stop()

    async def _publish_commands(self) -> None:
        menu = [
            BotCommand(name, (description or texts.COMMAND_FALLBACK_DESCRIPTION)[:256])
            for name, description in self.commands
            if _COMMAND_NAME.fullmatch(name)
        ]
        if not menu:
            return
        try:
            await self.application.bot.set_my_commands(menu)
        except TelegramError as error:  # a missing menu must not keep the bot from starting
            log.warning("setMyCommands failed: %s", error)

    async def feed(self, update: Update) -> None:
        """Queue an update from the webhook; the application's workers and limits take it."""
        await self.application.update_queue.put(update)

    # ------------------------------------------------------------------ one update
    async def _on_update(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        try:
            await self._process(update)
        finally:
            async with self._handled_changed:
                self._handled.add(update.update_id)
                self._handled_order.append(update.update_id)
                if len(self._handled_order) > 10_000:
                    self._handled.discard(self._handled_order.popleft())
                self._handled_changed.notify_all()

    async def _process(self, update: Update) -> None:
        incoming = to_incoming(update, self.bot_username)
        if update.callback_query is not None:
            await self._answer_callback(update)
        if incoming is None:
            return
        chat_id = int(incoming.key.chat_id)
        async with (
            self._core_gate,
            self._typing(chat_id, enabled=incoming.chat_type is ChatType.PRIVATE),
        ):
            replies = await self.core.handle(incoming)
        if not replies:
            return
        try:
            await send_replies(self.application.bot, chat_id, replies)
        except Forbidden:
            log.info("telegram chat unreachable update=%s chat=%s", update.update_id, chat_id)
        except BadRequest as error:
            log.error("telegram rejected reply update=%s: %s", update.update_id, error)
            await self._send_fallback(chat_id)

    async def _answer_callback(self, update: Update) -> None:
        """Always answer, or the user's button keeps spinning; the core's reply follows."""
        query = update.callback_query
        assert query is not None
        try:
            await query.answer()
        except TelegramError as error:  # e.g. too old after a restart: the turn still counts
            log.info("callback answer failed update=%s: %s", update.update_id, error)

    async def _send_fallback(self, chat_id: int) -> None:
        with contextlib.suppress(TelegramError):
            await self.application.bot.send_message(chat_id, texts.DELIVERY_FAILED)

    @contextlib.asynccontextmanager
    async def _typing(self, chat_id: int, *, enabled: bool) -> AsyncIterator[None]:
        delay = self.options.typing_delay
        if not enabled or delay is None:
            yield
            return

        async def send() -> None:
            await self._send_typing(chat_id)

        if delay <= 0:
            await send()
        typing = _Typing(send, delay if delay > 0 else TYPING_REFRESH)
        try:
            yield
        finally:
            await typing.stop()

    async def _send_typing(self, chat_id: int) -> None:
        try:
            await self.application.bot.send_chat_action(chat_id, ChatAction.TYPING)
        except TelegramError as error:
            log.debug("chat action failed chat=%s: %s", chat_id, error)

    async def _on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        update_id = update.update_id if isinstance(update, Update) else None
        log.error("telegram update failed update=%s", update_id, exc_info=context.error)

    # ------------------------------------------------------------------ observation
    def handled(self, update_id: int) -> bool:
        return update_id in self._handled

    async def wait_handled(self, update_id: int, timeout: float = 10.0) -> None:
        """Wait until the update went all the way through (tests and the benchmark use it)."""

        async def _wait() -> None:
            async with self._handled_changed:
                await self._handled_changed.wait_for(lambda: update_id in self._handled)

        await asyncio.wait_for(_wait(), timeout)
