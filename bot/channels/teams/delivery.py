"""Keeping to Teams' limits: per-conversation pacing and retries of throttled sends.

Teams throttles a bot per conversation (7 messages a second, 8 in 2 s, 60 in 30 s, 1 800 an
hour) and answers 429 past that; it also answers 412/502/504 under load. The pacer waits before
a send would break a window, so 429s are rare; the retry policy repeats 412, 429, 502 and 504
with exponential backoff and full jitter, honouring Retry-After. Clock, sleep and randomness are
injected so tests control time instead of waiting for it.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TypeVar

import aiohttp
from multidict import CIMultiDict

log = logging.getLogger(__name__)

T = TypeVar("T")
RETRY_STATUSES = frozenset({412, 429, 502, 504})
# (window seconds, messages allowed in it): Teams' documented per-bot, per-conversation limits.
TEAMS_WINDOWS: tuple[tuple[float, int], ...] = ((1.0, 7), (2.0, 8), (30.0, 60), (3600.0, 1800))

Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]


class DeliveryError(RuntimeError):
    """A send failed for good (not retryable, or retries used up)."""


@dataclass
class RetryPolicy:
    attempts: int = 5
    base_delay: float = 0.5
    max_delay: float = 20.0
    max_retry_after: float = 60.0
    rng: random.Random = field(default_factory=random.Random)

    def delay(self, attempt: int, retry_after: float | None) -> float:
        """Seconds to wait before try number ``attempt + 1`` (``attempt`` counts from 1)."""
        if retry_after is not None:
            return min(max(retry_after, 0.0), self.max_retry_after)
        ceiling = min(self.max_delay, self.base_delay * 2 ** (attempt - 1))
        return self.rng.uniform(ceiling / 2, ceiling)


def retry_after_seconds(error: aiohttp.ClientResponseError) -> float | None:
    value = CIMultiDict(error.headers or {}).get("Retry-After")
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        return None  # an HTTP date: fall back to our own backoff


@dataclass
class _Window:
    stamps: deque[float] = field(default_factory=deque)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class ConversationPacer:
    """Sliding windows per conversation; one send at a time per conversation, in order."""

    def __init__(
        self,
        windows: tuple[tuple[float, int], ...] = TEAMS_WINDOWS,
        *,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self._windows = windows
        self._horizon = max(seconds for seconds, _ in windows)
        self._clock = clock
        self._sleep = sleep
        self._conversations: dict[str, _Window] = {}

    def _window(self, conversation_id: str) -> _Window:
        window = self._conversations.get(conversation_id)
        if window is None:
            self._forget_idle()
            window = self._conversations[conversation_id] = _Window()
        return window

    def _forget_idle(self) -> None:
        now = self._clock()
        idle = [
            key
            for key, w in self._conversations.items()
            if not w.lock.locked() and (not w.stamps or now - w.stamps[-1] > self._horizon)
        ]
        for key in idle:
            del self._conversations[key]

    def wait_needed(self, stamps: deque[float], now: float) -> float:
        while stamps and now - stamps[0] >= self._horizon:
            stamps.popleft()
        wait = 0.0
        for seconds, allowed in self._windows:
            recent = [s for s in stamps if now - s < seconds]
            if len(recent) >= allowed:
                wait = max(wait, recent[-allowed] + seconds - now)
        return wait

    async def run(self, conversation_id: str, send: Callable[[], Awaitable[T]]) -> T:
        window = self._window(conversation_id)
        async with window.lock:
            while (wait := self.wait_needed(window.stamps, self._clock())) > 0:
                await self._sleep(wait)
            window.stamps.append(self._clock())
            return await send()


class Outbox:
    """Every activity the Teams channel sends goes through here."""

    def __init__(
        self,
        policy: RetryPolicy | None = None,
        pacer: ConversationPacer | None = None,
        *,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.policy = policy or RetryPolicy()
        self.pacer = pacer or ConversationPacer()
        self._sleep = sleep
        self.retries = 0  # for logs and benchmarks

    async def send(self, conversation_id: str, send: Callable[[], Awaitable[T]]) -> T:
        attempt = 1
        while True:
            try:
                return await self.pacer.run(conversation_id, send)
            except aiohttp.ClientResponseError as error:
                if error.status not in RETRY_STATUSES:
                    raise DeliveryError(f"connector answered {error.status}") from error
                if attempt >= self.policy.attempts:
                    raise DeliveryError(
                        f"connector answered {error.status} {attempt} times"
                    ) from error
                delay = self.policy.delay(attempt, retry_after_seconds(error))
                log.warning(
                    "teams send retry status=%s attempt=%d delay=%.2fs",
                    error.status,
                    attempt,
                    delay,
                )
                self.retries += 1
                attempt += 1
                await self._sleep(delay)
