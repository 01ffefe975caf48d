"""Teams' limits: per-conversation pacing and retries with backoff, on a clock the test drives."""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable

import aiohttp
import pytest
from multidict import CIMultiDict, CIMultiDictProxy

from bot.channels.teams.delivery import (
    TEAMS_WINDOWS,
    ConversationPacer,
    DeliveryError,
    Outbox,
    RetryPolicy,
)


class FakeTime:
    """A monotonic clock whose sleep advances it instantly, recording each wait."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def throttled(status: int, retry_after: str | None = None) -> aiohttp.ClientResponseError:
    headers = CIMultiDict[str]()
    if retry_after is not None:
        headers["Retry-After"] = retry_after
    return aiohttp.ClientResponseError(
        None,  # type: ignore[arg-type]
        (),
        status=status,
        message="throttled",
        headers=CIMultiDictProxy(headers),
    )


def flaky(failures: list[aiohttp.ClientResponseError]) -> Callable[[], Awaitable[str]]:
    calls = {"n": 0}

    async def send() -> str:
        calls["n"] += 1
        if failures:
            raise failures.pop(0)
        return f"sent after {calls['n']} calls"

    return send


async def test_pacer_keeps_every_teams_window_per_conversation() -> None:
    time = FakeTime()
    pacer = ConversationPacer(clock=time.clock, sleep=time.sleep)
    sent_at: list[float] = []

    async def send() -> None:
        sent_at.append(time.now)

    for _ in range(70):
        await pacer.run("a:1", send)
    for seconds, allowed in TEAMS_WINDOWS:
        for start in sent_at:
            in_window = [t for t in sent_at if start <= t < start + seconds]
            assert len(in_window) <= allowed, (seconds, allowed, start)
    # 7 at once, then the 2-second window (8) sets the pace: not faster than the limits allow
    assert sent_at[:7] == [1000.0] * 7
    assert sent_at[7] == pytest.approx(1001.0)
    assert sent_at[8] == pytest.approx(1002.0)


async def test_pacer_does_not_slow_other_conversations() -> None:
    time = FakeTime()
    pacer = ConversationPacer(clock=time.clock, sleep=time.sleep)

    async def send() -> None:
        return None

    for conversation in range(20):
        for _ in range(7):
            await pacer.run(f"a:{conversation}", send)
    assert time.sleeps == []  # 140 messages, 7 per conversation: all within the limits


async def test_retry_on_429_502_504_412_with_growing_jittered_backoff() -> None:
    time = FakeTime()
    policy = RetryPolicy(attempts=5, base_delay=0.5, max_delay=20.0, rng=random.Random(1))
    outbox = Outbox(policy, ConversationPacer(clock=time.clock, sleep=time.sleep), sleep=time.sleep)
    failures = [throttled(429), throttled(502), throttled(504), throttled(412)]
    assert await outbox.send("a:1", flaky(failures)) == "sent after 5 calls"
    assert outbox.retries == 4
    ceilings = [0.5, 1.0, 2.0, 4.0]
    assert len(time.sleeps) == 4
    for slept, ceiling in zip(time.sleeps, ceilings, strict=True):
        assert ceiling / 2 <= slept <= ceiling  # exponential, with jitter in the upper half


async def test_retry_after_from_the_connector_is_honoured_and_capped() -> None:
    time = FakeTime()
    policy = RetryPolicy(max_retry_after=30.0)
    outbox = Outbox(policy, ConversationPacer(clock=time.clock, sleep=time.sleep), sleep=time.sleep)
    failures = [throttled(429, "3"), throttled(429, "3600"), throttled(429, "Wed, 21 Oct 2015")]
    await outbox.send("a:1", flaky(failures))
    assert time.sleeps[:2] == [3.0, 30.0]
    assert 0 < time.sleeps[2] <= policy.base_delay * 4  # an HTTP date falls back to backoff


async def test_gives_up_after_the_last_attempt_and_never_retries_other_errors() -> None:
    time = FakeTime()
    policy = RetryPolicy(attempts=3, base_delay=0.01)
    outbox = Outbox(policy, ConversationPacer(clock=time.clock, sleep=time.sleep), sleep=time.sleep)
    with pytest.raises(DeliveryError, match="429 3 times"):
        await outbox.send("a:1", flaky([throttled(429)] * 5))
    with pytest.raises(DeliveryError, match="403"):
        await outbox.send("a:1", flaky([throttled(403)]))
    with pytest.raises(DeliveryError, match="400"):
        await outbox.send("a:1", flaky([throttled(400)]))
    assert len(time.sleeps) == 2  # only between the three 429 attempts
