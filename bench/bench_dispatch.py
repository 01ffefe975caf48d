"""Nudge dispatch on PostgreSQL: throughput and claim latency with 1 and 2 worker processes,
and the 30 msg/s cap held against a channel stand-in that answers 429 above it.

The stand-in is an aiohttp server on 127.0.0.1 taking ``POST /sendMessage``; in capped mode it
counts messages in a sliding one-second window and answers 429 past 30, as Telegram does.
Workers are separate processes (``--worker``) sending over HTTP, so the figures include the
real claim → send → mark path. Issue 6 asks for the figures; there are no pass/fail targets.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
from collections import deque
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.messages import Reply
from bot.scheduler.dispatcher import DispatcherSettings, dispatch_once
from bot.scheduler.rate import TokenBucket
from bot.storage.db import Database
from bot.storage.models_supervision import Nudge
from tests.supervision_support import seed_nudges
from tests.support.databases import fresh_postgres_url, postgres_reachable

ROOT = Path(__file__).resolve().parents[1]
NUDGES = 10_000
CAPPED_NUDGES = 300  # ten seconds at 30 msg/s: enough to show the cap holds
CAP = 30


class StandIn:
    """A channel that records deliveries and, capped, refuses the 31st message in a second."""

    def __init__(self, cap: int | None) -> None:
        self.cap = cap
        self.window: deque[float] = deque()
        self.delivered = 0
        self.refused = 0

    async def handle(self, request: web.Request) -> web.Response:
        await request.read()
        now = time.monotonic()
        if self.cap is not None:
            while self.window and self.window[0] <= now - 1.0:
                self.window.popleft()
            if len(self.window) >= self.cap:
                self.refused += 1
                return web.json_response(
                    {"ok": False, "error_code": 429, "parameters": {"retry_after": 1}}, status=429
                )
            self.window.append(now)
        self.delivered += 1
        return web.json_response({"ok": True})


async def _start(stand_in: StandIn) -> tuple[web.AppRunner, int]:
    app = web.Application()
    app.router.add_post("/sendMessage", stand_in.handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    return runner, int(port)


async def _seed(url: str, count: int) -> None:
    db = Database(url)
    try:
        await seed_nudges(db, count, due=datetime.now(UTC) - timedelta(minutes=1))
    finally:
        await db.dispose()


async def _render(_db: AsyncSession, nudge: Nudge, _now: datetime) -> Sequence[Reply]:
    return [Reply(f"Påmindelse {nudge.id}")]


async def run_worker(url: str, port: int, name: str, rate: float | None) -> dict[str, Any]:
    """One dispatcher process: dispatch until nothing is due; report timings as JSON."""
    settings = DispatcherSettings(worker_id=name, rate_per_second=rate)
    limiter = TokenBucket(rate) if rate else None
    db = Database(url)
    claims: list[float] = []
    sent = failed = 0
    target = f"http://127.0.0.1:{port}/sendMessage"
    async with aiohttp.ClientSession() as http:

        async def send(member_id: int, replies: Sequence[Reply]) -> None:
            async with http.post(target, json={"chat_id": member_id, "text": replies[0].text}) as r:
                if r.status != 200:
                    raise RuntimeError(f"HTTP {r.status}")

        started = time.time()
        try:
            while True:
                result = await dispatch_once(
                    db,
                    send=send,
                    render=_render,
                    clock=lambda: datetime.now(UTC),
                    settings=settings,
                    limiter=limiter,
                )
                claims.append(result.claim_seconds)
                sent += result.sent
                failed += result.retried + result.gave_up
                if result.claimed == 0:
                    break
        finally:
            await db.dispose()
    return {"sent": sent, "failed": failed, "claims": claims, "start": started, "end": time.time()}


async def _run_workers(
    url: str, port: int, workers: int, rate: float | None
) -> list[dict[str, Any]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "bench.bench_dispatch", "--rate", str(rate or 0)]
    processes = [
        await asyncio.create_subprocess_exec(
            *command,
            "--worker",
            url,
            str(port),
            f"w{i}",
            cwd=ROOT,
            env=env,
            stdout=asyncio.subprocess.PIPE,
        )
        for i in range(workers)
    ]
    outputs = [await p.communicate() for p in processes]
    return [json.loads(out.decode().strip().splitlines()[-1]) for out, _ in outputs]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def _scenario(workers: int, count: int, cap: int | None) -> dict[str, float]:
    stand_in = StandIn(cap)
    runner, port = await _start(stand_in)
    try:
        async with fresh_postgres_url() as url:
            migrated = Database(url)
            await migrated.migrate()
            await migrated.dispose()
            await _seed(url, count)
            reports = await _run_workers(url, port, workers, float(cap) if cap else None)
    finally:
        await runner.cleanup()
    claims = [c for r in reports for c in r["claims"]]
    elapsed = max(r["end"] for r in reports) - min(r["start"] for r in reports)
    return {
        "sent": sum(r["sent"] for r in reports),
        "delivered": stand_in.delivered,
        "refused_429": stand_in.refused,
        "per_second": stand_in.delivered / elapsed,
        "claim_p50_ms": statistics.median(claims) * 1000,
        "claim_p99_ms": _percentile(claims, 0.99) * 1000,
        "claims": len(claims),
    }


async def _main() -> None:
    if not await postgres_reachable():
        print("PostgreSQL not reachable at 127.0.0.1:5432: dispatch benchmark skipped")
        return
    for workers in (1, 2):
        figures = await _scenario(workers, NUDGES, None)
        print(
            f"PostgreSQL, {workers} worker(s), {NUDGES} nudges: "
            f"{figures['per_second']:.0f} nudges/s, claim p50 {figures['claim_p50_ms']:.1f} ms, "
            f"p99 {figures['claim_p99_ms']:.1f} ms ({figures['claims']:.0f} claims), "
            f"delivered {figures['delivered']:.0f}"
        )
    capped = await _scenario(1, CAPPED_NUDGES, CAP)
    print(
        f"Rate cap {CAP} msg/s, {CAPPED_NUDGES} nudges: {capped['per_second']:.1f} msg/s, "
        f"429 answers: {capped['refused_429']:.0f}, delivered {capped['delivered']:.0f}"
    )


def main() -> None:
    asyncio.run(_main())


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--worker", nargs=3, metavar=("URL", "PORT", "NAME"))
    parser.add_argument("--rate", type=float, default=0.0)
    args = parser.parse_args()
    if args.worker:
        url, port, name = args.worker
        report = asyncio.run(run_worker(url, int(port), name, args.rate or None))
        print(json.dumps(report))
    else:
        main()
