"""The nudge dispatcher: claim due rows, send them through the member's channel, mark them sent.

Delivery guarantee (at-least-once with a lease):

* A row is claimed atomically before it is sent: on PostgreSQL by ``UPDATE … WHERE id IN
  (SELECT … FOR UPDATE SKIP LOCKED) RETURNING``, on SQLite by the same ``UPDATE … RETURNING``
  inside SQLite's single-writer ``BEGIN IMMEDIATE`` (SQLAlchemy drops SKIP LOCKED there). Two
  dispatchers never hold a live claim on the same row, so without crashes every nudge is sent
  exactly once.
* The claim is committed before the send and the row is marked sent only after the channel
  accepted the message. A dispatcher that dies in between leaves a claim that expires after
  the lease; another dispatcher (or the restarted one) takes it over and sends it. Nothing is
  lost; the only possible duplicate is a message that reached the channel just before the
  crash and before its row was marked.
* A channel failure puts the row back with exponential backoff; after ``max_attempts`` tries it
  is given up visibly: status ``opgivet``, logged with its ids.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import socket
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import Update, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.messages import Reply
from bot.scheduler.rate import TokenBucket
from bot.storage.db import Database
from bot.storage.models_supervision import Nudge
from supervision.plan import NudgeStatus

if TYPE_CHECKING:
    from bot.app import App

log = logging.getLogger(__name__)

Renderer = Callable[[AsyncSession, Nudge, datetime], Awaitable[Sequence[Reply] | None]]
Sender = Callable[[int, Sequence[Reply]], Awaitable[object]]
Clock = Callable[[], datetime]

WAITING = NudgeStatus.WAITING.value


def default_worker_id() -> str:
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{secrets.token_hex(3)}"


@dataclass(frozen=True, slots=True)
class DispatcherSettings:
    batch_size: int = 100
    lease: timedelta = timedelta(minutes=5)  # longer than any batch takes to send
    max_attempts: int = 6
    backoff_base: timedelta = timedelta(seconds=30)
    backoff_cap: timedelta = timedelta(hours=2)
    concurrency: int = 8  # sends in flight at once; the rate cap still holds
    poll_interval: float = 5.0  # seconds between polls when nothing is due
    rate_per_second: float | None = 30.0  # Telegram's global cap; None: no cap
    worker_id: str = field(default_factory=default_worker_id)

    def backoff(self, attempts: int) -> timedelta:
        """30 s, 1 min, 2 min, … capped: a flaky channel is retried, a dead one is not hammered."""
        delay: timedelta = self.backoff_base * (2 ** max(0, attempts - 1))
        return min(self.backoff_cap, delay)


@dataclass(slots=True)
class DispatchResult:
    claimed: int = 0
    sent: int = 0
    retried: int = 0
    gave_up: int = 0
    expired: int = 0
    skipped: int = 0
    claim_seconds: float = 0.0  # how long the claim statement took (benchmarks read it)


def _claim_statement(now: datetime, settings: DispatcherSettings) -> Update:
    """A row is due when it waits, its time has come, and it is unclaimed or its claim is
    older than the lease (its dispatcher died)."""
    stale = now - settings.lease
    due = (
        select(Nudge.id)
        .where(
            Nudge.status == WAITING,
            Nudge.due_at <= now,
            (Nudge.claimed_at.is_(None)) | (Nudge.claimed_at < stale),
        )
        .order_by(Nudge.due_at, Nudge.id)
        .limit(settings.batch_size)
        .with_for_update(skip_locked=True)  # compiled away on SQLite, see the module docstring
    )
    return (
        update(Nudge)
        .where(Nudge.id.in_(due.scalar_subquery()))
        .values(claimed_at=now, claimed_by=settings.worker_id, attempts=Nudge.attempts + 1)
        .returning(Nudge.id)
        .execution_options(synchronize_session=False)
    )


async def claim_due(
    db: Database, now: datetime, settings: DispatcherSettings
) -> tuple[list[int], float]:
    """Claim up to a batch of due rows for this worker; returns their ids and the seconds taken."""
    loop = asyncio.get_running_loop()
    started = loop.time()
    async with db.transaction() as session:
        ids = list((await session.scalars(_claim_statement(now, settings))).all())
    return sorted(ids), loop.time() - started


async def dispatch_once(
    db: Database,
    *,
    send: Sender,
    render: Renderer,
    clock: Clock,
    settings: DispatcherSettings,
    limiter: TokenBucket | None = None,
) -> DispatchResult:
    """One round: claim a batch, then render, send and mark each nudge."""
    result = DispatchResult()
    now = clock()
    ids, result.claim_seconds = await claim_due(db, now, settings)
    result.claimed = len(ids)
    if not ids:
        return result
    prepared: list[tuple[Nudge, Sequence[Reply]]] = []
    unsent: list[tuple[Nudge, NudgeStatus]] = []
    # Render in one read session, closed before any write: on SQLite an open transaction
    # holds the single write lock.
    async with db.sessions() as session:
        rows = (
            await session.scalars(
                select(Nudge).where(Nudge.id.in_(ids), Nudge.claimed_by == settings.worker_id)
            )
        ).all()
        for nudge in rows:
            if nudge.expires_at is not None and now >= nudge.expires_at:
                unsent.append((nudge, NudgeStatus.EXPIRED))
                continue
            replies = await render(session, nudge, now)
            if replies:
                prepared.append((nudge, replies))
            else:  # the situation changed (pair done, member paused or gone)
                unsent.append((nudge, NudgeStatus.CANCELLED))
    for status in (NudgeStatus.EXPIRED, NudgeStatus.CANCELLED):
        await _finish(db, [n for n, s in unsent if s is status], status, settings, now)
    result.expired = sum(1 for _, status in unsent if status is NudgeStatus.EXPIRED)
    result.skipped = len(unsent) - result.expired

    async def attempt(nudge: Nudge, replies: Sequence[Reply]) -> Exception | None:
        if limiter is not None:
            await limiter.acquire()
        try:
            await send(nudge.member_id, replies)
        except Exception as error:  # any channel failure is retried, never lost
            return error
        return None

    # Waves of ``concurrency`` sends, each wave marked sent in one statement: a crash leaves
    # at most one wave delivered but unmarked (the only duplicates the guarantee allows).
    for start in range(0, len(prepared), settings.concurrency):
        wave = prepared[start : start + settings.concurrency]
        outcomes = await asyncio.gather(*(attempt(nudge, replies) for nudge, replies in wave))
        delivered = [nudge for (nudge, _), error in zip(wave, outcomes, strict=True) if not error]
        await _finish(db, delivered, NudgeStatus.SENT, settings, clock())
        result.sent += len(delivered)
        for (nudge, _), error in zip(wave, outcomes, strict=True):
            if error is None:
                continue
            if await _retry_or_give_up(db, nudge, error, settings, clock()):
                result.retried += 1
            else:
                result.gave_up += 1
    return result


async def _finish(
    db: Database,
    nudges: Sequence[Nudge],
    status: NudgeStatus,
    settings: DispatcherSettings,
    now: datetime,
) -> None:
    if not nudges:
        return
    values: dict[str, object] = {"status": status.value}
    if status is NudgeStatus.SENT:
        values["sent_at"] = now
    async with db.transaction() as session:
        await session.execute(
            update(Nudge)
            .where(
                Nudge.id.in_([nudge.id for nudge in nudges]),
                Nudge.claimed_by == settings.worker_id,
                Nudge.status == WAITING,
            )
            .values(**values)
            .execution_options(synchronize_session=False)
        )
    if status is not NudgeStatus.SENT:
        for nudge in nudges:
            log.info(
                "nudge %s id=%s member=%s kind=%s",
                status.value,
                nudge.id,
                nudge.member_id,
                nudge.kind,
            )


async def _retry_or_give_up(
    db: Database, nudge: Nudge, error: Exception, settings: DispatcherSettings, now: datetime
) -> bool:
    """Put the row back with backoff; True when it will be retried, False when given up."""
    reason = f"{type(error).__name__}: {error}"[:200]
    give_up = nudge.attempts >= settings.max_attempts
    values: dict[str, object] = {"last_error": reason, "claimed_at": None, "claimed_by": None}
    if give_up:
        values["status"] = NudgeStatus.GAVE_UP.value
    else:
        values["due_at"] = now + settings.backoff(nudge.attempts)
    async with db.transaction() as session:
        await session.execute(
            update(Nudge)
            .where(
                Nudge.id == nudge.id,
                Nudge.claimed_by == settings.worker_id,
                Nudge.status == WAITING,
            )
            .values(**values)
            .execution_options(synchronize_session=False)
        )
    if give_up:
        log.error(
            "nudge opgivet id=%s member=%s pair=%s kind=%s attempts=%d error=%s",
            nudge.id,
            nudge.member_id,
            nudge.pair_id,
            nudge.kind,
            nudge.attempts,
            type(error).__name__,
        )
    else:
        log.warning(
            "nudge retry id=%s member=%s attempt=%d error=%s",
            nudge.id,
            nudge.member_id,
            nudge.attempts,
            type(error).__name__,
        )
    return not give_up


async def run_dispatcher(
    stop_event: asyncio.Event,
    *,
    db: Database,
    send: Sender,
    render: Renderer,
    clock: Clock,
    settings: DispatcherSettings | None = None,
) -> None:
    """Dispatch until ``stop_event`` is set: full batches back to back, then poll."""
    settings = settings or DispatcherSettings()
    limiter = TokenBucket(settings.rate_per_second) if settings.rate_per_second else None
    log.info("dispatcher started worker=%s", settings.worker_id)
    failures = 0
    while not stop_event.is_set():
        try:
            result = await dispatch_once(
                db, send=send, render=render, clock=clock, settings=settings, limiter=limiter
            )
            failures = 0
        except Exception:
            failures += 1
            log.exception("dispatcher round failed worker=%s", settings.worker_id)
            result = DispatchResult()
        if result.claimed >= settings.batch_size:
            continue
        pause = settings.poll_interval * min(2**failures, 12)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop_event.wait(), timeout=pause)
    log.info("dispatcher stopped worker=%s", settings.worker_id)


async def run_for_app(app: App, stop_event: asyncio.Event) -> None:
    """The dispatcher as ``serve`` runs it: the app's database, delivery and clock."""
    from bot.features.supervision import make_renderer
    from bot.supervision_store import policy_from

    await run_dispatcher(
        stop_event,
        db=app.db,
        send=app.services.delivery.send_to_member,
        render=make_renderer(policy_from(app.settings)),
        clock=app.services.clock,
        settings=DispatcherSettings(rate_per_second=app.settings.nudge_rate_per_second),
    )
