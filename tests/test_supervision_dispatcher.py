"""The durable nudge dispatcher: claims, crashes, two workers, retries, give-up, rate cap."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.messages import Reply
from bot.scheduler import dispatcher
from bot.scheduler.dispatcher import (
    DispatcherSettings,
    DispatchResult,
    Renderer,
    Sender,
    claim_due,
    dispatch_once,
    run_dispatcher,
)
from bot.scheduler.rate import TokenBucket
from bot.storage.db import Database
from bot.storage.models_supervision import Nudge
from tests.supervision_support import seed_nudges
from tests.support.chat import Clock
from tests.support.databases import fresh_postgres_url, postgres_reachable

ROOT = Path(__file__).resolve().parent.parent
WORKER = ROOT / "tests" / "supervision_dispatch_worker.py"
T0 = datetime(2026, 4, 7, 6, 0, tzinfo=UTC)


async def seed(db: Database, count: int, *, due: datetime = T0, **values: object) -> list[int]:
    return await seed_nudges(db, count, due=due, **values)


async def statuses(db: Database) -> Counter[str]:
    async with db.sessions() as session:
        rows = await session.execute(select(Nudge.status, func.count()).group_by(Nudge.status))
        return Counter({status: count for status, count in rows})


async def once(
    db: Database,
    send: Sender,
    clock: Clock,
    settings: DispatcherSettings,
    render: Renderer | None = None,
) -> DispatchResult:
    return await dispatch_once(
        db, send=send, render=render or render_id, clock=clock, settings=settings
    )


async def render_id(_db: AsyncSession, nudge: Nudge, _now: datetime) -> Sequence[Reply]:
    return [Reply(str(nudge.id))]


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    database = Database(database_url)
    await database.migrate()
    yield database
    await database.dispose()


@pytest.fixture
async def postgres_url() -> AsyncIterator[str]:
    if not await postgres_reachable():
        pytest.skip("no PostgreSQL server reachable at 127.0.0.1:5432 (RINGETRAENER_TEST_PG)")
    async with fresh_postgres_url() as url:
        database = Database(url)
        await database.migrate()
        await database.dispose()
        yield url


def test_claim_uses_skip_locked_on_postgres_and_plain_update_returning_on_sqlite() -> None:
    captured: list[str] = []
    dialects = (postgresql.asyncpg.dialect(), sqlite.aiosqlite.dialect())  # type: ignore[no-untyped-call]
    for dialect in dialects:
        statement = dispatcher._claim_statement(T0, DispatcherSettings(worker_id="w"))
        captured.append(str(statement.compile(dialect=dialect)))
    pg, lite = captured
    assert "FOR UPDATE SKIP LOCKED" in pg and "RETURNING" in pg
    assert "FOR UPDATE" not in lite and "RETURNING" in lite


async def test_two_engines_send_each_nudge_once_on_one_database(database_url: str) -> None:
    first, second = Database(database_url), Database(database_url)
    await first.migrate()
    ids = await seed(first, 400)
    sent: list[int] = []
    clock = Clock(T0 + timedelta(minutes=1))

    async def send(_member: int, replies: Sequence[Reply]) -> None:
        await asyncio.sleep(0)
        sent.append(int(replies[0].text))

    async def worker(db: Database, name: str) -> None:
        settings = DispatcherSettings(batch_size=25, worker_id=name, rate_per_second=None)
        while (
            await dispatch_once(db, send=send, render=render_id, clock=clock, settings=settings)
        ).claimed:
            pass

    try:
        await asyncio.gather(worker(first, "a"), worker(second, "b"))
        assert sorted(sent) == ids
        assert await statuses(first) == Counter({"sendt": 400})
    finally:
        await first.dispose()
        await second.dispose()


async def test_nothing_is_sent_before_it_is_due(db: Database) -> None:
    await seed(db, 3, due=T0 + timedelta(hours=1))
    sent: list[int] = []

    async def send(_member: int, replies: Sequence[Reply]) -> None:
        sent.append(1)

    settings = DispatcherSettings(worker_id="w", rate_per_second=None)
    result = await dispatch_once(
        db, send=send, render=render_id, clock=Clock(T0), settings=settings
    )
    assert result.claimed == 0 and sent == []


async def test_channel_failures_back_off_then_give_up_visibly(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    (nudge_id,) = await seed(db, 1)
    clock = Clock(T0)

    async def broken(_member: int, _replies: Sequence[Reply]) -> None:
        raise ConnectionError("channel down")

    settings = DispatcherSettings(worker_id="w", rate_per_second=None, max_attempts=3)
    dues = []
    for _ in range(3):
        result = await dispatch_once(
            db, send=broken, render=render_id, clock=clock, settings=settings
        )
        assert result.claimed == 1
        async with db.sessions() as session:
            row = await session.get(Nudge, nudge_id)
            assert row is not None
            dues.append(row.due_at - clock.now)
            clock.now = row.due_at
    assert dues[:2] == [timedelta(seconds=30), timedelta(seconds=60)]
    async with db.sessions() as session:
        row = await session.get(Nudge, nudge_id)
        assert row is not None
        assert row.status == "opgivet"
        assert row.attempts == 3
        assert row.last_error == "ConnectionError: channel down"
    assert f"nudge opgivet id={nudge_id}" in caplog.text
    again = await once(db, broken, clock, settings)
    assert again.claimed == 0


async def test_a_flaky_channel_delivers_on_retry(db: Database) -> None:
    await seed(db, 1)
    clock = Clock(T0)
    calls = []

    async def flaky(_member: int, replies: Sequence[Reply]) -> None:
        calls.append(replies[0].text)
        if len(calls) == 1:
            raise TimeoutError

    settings = DispatcherSettings(worker_id="w", rate_per_second=None)
    first = await once(db, flaky, clock, settings)
    assert first.retried == 1
    clock.advance(seconds=30)
    second = await once(db, flaky, clock, settings)
    assert second.sent == 1
    assert await statuses(db) == Counter({"sendt": 1})


async def test_a_claim_from_a_crashed_worker_is_taken_over_after_the_lease(db: Database) -> None:
    ids = await seed(db, 5)
    crashed = DispatcherSettings(worker_id="crashed", rate_per_second=None)
    claimed, _ = await claim_due(db, T0, crashed)  # claimed, then the process died
    assert claimed == ids
    sent: list[int] = []

    async def send(_member: int, replies: Sequence[Reply]) -> None:
        sent.append(int(replies[0].text))

    survivor = DispatcherSettings(worker_id="survivor", rate_per_second=None)
    within = Clock(T0 + timedelta(minutes=4))
    assert (
        await dispatch_once(db, send=send, render=render_id, clock=within, settings=survivor)
    ).claimed == 0
    after = Clock(T0 + timedelta(minutes=6))
    result = await once(db, send, after, survivor)
    assert result.sent == 5 and sorted(sent) == ids
    async with db.sessions() as session:
        owners = set(await session.scalars(select(Nudge.claimed_by)))
    assert owners == {"survivor"}


async def test_expired_and_no_longer_wanted_nudges_are_not_sent(db: Database) -> None:
    await seed(db, 2, expires_at=T0 + timedelta(minutes=30))
    await seed(db, 3)
    sent: list[str] = []

    async def send(_member: int, replies: Sequence[Reply]) -> None:
        sent.append(replies[0].text)

    async def render_some(session: AsyncSession, nudge: Nudge, now: datetime) -> Sequence[Reply]:
        return [] if nudge.key == "k0" else [Reply(str(nudge.id))]

    settings = DispatcherSettings(worker_id="w", rate_per_second=None)
    clock = Clock(T0 + timedelta(hours=1))
    result = await once(db, send, clock, settings, render_some)
    assert (result.expired, result.skipped, result.sent) == (2, 1, 2)
    assert await statuses(db) == Counter({"udloebet": 2, "annulleret": 1, "sendt": 2})


async def test_run_dispatcher_sends_and_stops(db: Database) -> None:
    await seed(db, 3)
    stop = asyncio.Event()
    sent: list[str] = []

    async def send(_member: int, replies: Sequence[Reply]) -> None:
        sent.append(replies[0].text)
        if len(sent) == 3:
            stop.set()

    settings = DispatcherSettings(worker_id="w", rate_per_second=1000.0, poll_interval=0.01)
    await asyncio.wait_for(
        run_dispatcher(
            stop, db=db, send=send, render=render_id, clock=Clock(T0), settings=settings
        ),
        timeout=30,
    )
    assert len(sent) == 3


async def test_token_bucket_never_exceeds_the_rate_in_any_second() -> None:
    now = [0.0]

    async def fake_sleep(seconds: float) -> None:
        now[0] += seconds

    bucket = TokenBucket(30, clock=lambda: now[0], sleep=fake_sleep)
    stamps = []
    for _ in range(300):
        await bucket.acquire()
        stamps.append(now[0])
    for i, start in enumerate(stamps):
        in_window = [s for s in stamps[i:] if s < start + 1.0]
        assert len(in_window) <= 30
    assert stamps[-1] == pytest.approx(299 / 30)
    with pytest.raises(ValueError):
        TokenBucket(0)


def _worker(url: str, record: Path, name: str, *extra: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, str(WORKER), url, str(record), "--worker", name, *extra],
        cwd=ROOT,
        env=env,
    )


def _records(*paths: Path) -> Counter[int]:
    counts: Counter[int] = Counter()
    for path in paths:
        if path.exists():
            counts.update(int(line) for line in path.read_text().split())
    return counts


@pytest.mark.postgres
async def test_two_dispatcher_processes_send_5000_nudges_exactly_once(
    postgres_url: str, tmp_path: Path
) -> None:
    database = Database(postgres_url)
    try:
        ids = await seed(database, 5000, due=datetime.now(UTC) - timedelta(minutes=1))
        records = [tmp_path / "a.txt", tmp_path / "b.txt"]
        workers = [_worker(postgres_url, records[0], "a"), _worker(postgres_url, records[1], "b")]
        for process in workers:
            assert await asyncio.to_thread(process.wait, 300) == 0
        counts = _records(*records)
        assert sorted(counts) == ids
        assert set(counts.values()) == {1}
        assert await statuses(database) == Counter({"sendt": 5000})
    finally:
        await database.dispose()


async def test_a_dispatcher_killed_mid_batch_loses_nothing(
    database_url: str, tmp_path: Path
) -> None:
    database = Database(database_url)
    await database.migrate()
    try:
        ids = await seed(database, 1500, due=datetime.now(UTC) - timedelta(minutes=1))
        first, second = tmp_path / "first.txt", tmp_path / "second.txt"
        doomed = _worker(database_url, first, "doomed", "--delay", "0.002")
        while len(_records(first)) < 200:
            assert doomed.poll() is None, "worker finished before it could be killed"
            await asyncio.sleep(0.02)
        doomed.send_signal(signal.SIGKILL)
        await asyncio.to_thread(doomed.wait, 60)
        before = _records(first)
        assert len(before) < len(ids)
        # The restarted dispatcher sees the dead one's claims as stale (past the lease).
        restarted = _worker(database_url, second, "restarted", "--clock-offset", "600")
        assert await asyncio.to_thread(restarted.wait, 300) == 0
        counts = _records(first, second)
        assert sorted(counts) == ids  # nothing lost
        duplicates = sum(count - 1 for count in counts.values())
        assert duplicates <= DispatcherSettings().concurrency  # only sends caught in flight
        assert await statuses(database) == Counter({"sendt": 1500})
    finally:
        await database.dispose()
