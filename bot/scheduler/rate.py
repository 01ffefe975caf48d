"""A token bucket: keeps proactive sends under a channel's global rate cap (no 429s).

The clock and the sleep are injected so tests can run the bucket without waiting.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

_EPSILON = 1e-9


class TokenBucket:
    """``rate`` tokens per second, at most ``capacity`` saved up; one token per message.

    Capacity 1 paces sends evenly (1/rate apart), so no one-second window ever holds more
    than ``rate`` messages; a larger capacity allows bursts after idle time.
    """

    def __init__(
        self,
        rate: float,
        capacity: float = 1.0,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        if rate <= 0 or capacity < 1:
            raise ValueError("rate must be positive and capacity at least 1")
        self.rate = rate
        self.capacity = capacity
        self._clock = clock
        self._sleep = sleep
        self._tokens = capacity
        self._updated = clock()
        self._lock = asyncio.Lock()

    def _refill(self) -> None:
        now = self._clock()
        self._tokens = min(self.capacity, self._tokens + (now - self._updated) * self.rate)
        self._updated = now

    async def acquire(self) -> None:
        """Wait until a token is free and take it; callers queue in arrival order."""
        async with self._lock:
            self._refill()
            # The tolerance keeps float rounding from turning the wait into endless tiny sleeps.
            while self._tokens < 1 - _EPSILON:
                await self._sleep((1 - self._tokens) / self.rate)
                self._refill()
            self._tokens -= 1
