"""Teams: activities/s through the whole path, next to a bare Agents SDK echo bot.

Everything runs in this process against the same connector stand-in (loopback HTTP). Each
simulated user sends their messages one after another (a person waits for the answer), users
run in parallel. A POST to /api/messages returns once the reply has reached the connector, so
the request latency is the user's wait. Rows:

* echo: the SDK's CloudAdapter with a one-line agent that sends the text back (anonymous);
* ringetræner, anonymous: the Teams adapter → core turn (dedup, member, state lock, command,
  commit on a SQLite file) → rendering → connector;
* ringetræner, JWT: the same with every inbound token validated by the SDK (RS256, JWKS cached)
  and the bot's outbound token on every reply.

Teams' per-conversation pacing (7 msg/s) is off for all rows, as it would only measure the
limit; retries stay on.
"""

from __future__ import annotations

import asyncio
import logging
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web
from microsoft_agents.hosting.aiohttp import CloudAdapter, jwt_authorization_decorator
from microsoft_agents.hosting.core import AgentAuthConfiguration, TurnContext

from bot.channels.teams.app import ConversationHandler, connection_manager
from bot.channels.teams.delivery import ConversationPacer, Outbox, RetryPolicy
from bot.channels.teams.route import SDK_USER_TOKEN_LOGGER
from bot.core.messages import Incoming, Reply
from tests.teams_harness import ActivityFactory, TeamsHarness, TeamsUser, jwks_served_by
from tests.teams_standin import TeamsConnectorStandIn

USERS = 40
MESSAGES_PER_USER = 10
ROUNDS = 3


def _users(count: int = USERS) -> list[TeamsUser]:
    return [TeamsUser(f"29:1bench{n}", f"Konsulent {n}") for n in range(count)]


def _texts(n: int) -> list[str]:
    return [
        "/hjaelp" if i % 2 == 0 else f"/navn Konsulent {n} {i}" for i in range(MESSAGES_PER_USER)
    ]


async def _drive(
    url: str, make: ActivityFactory, token: str | None = None, users: int = USERS
) -> tuple[float, list[float]]:
    latencies: list[float] = []
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    async with aiohttp.ClientSession() as session:

        async def user(n: int, who: TeamsUser) -> None:
            for text in _texts(n):
                sent = time.perf_counter()
                async with session.post(url, json=make.message(who, text), headers=headers) as r:
                    if r.status not in (200, 202):
                        raise RuntimeError(f"/api/messages answered {r.status}")
                latencies.append(time.perf_counter() - sent)

        started = time.perf_counter()
        await asyncio.gather(*(user(n, who) for n, who in enumerate(_users(users))))
        return time.perf_counter() - started, latencies


async def _echo_server(standin: TeamsConnectorStandIn) -> tuple[web.AppRunner, str]:
    config = AgentAuthConfiguration(anonymous_allowed=True, connection_name="SERVICE_CONNECTION")
    cloud = CloudAdapter(connection_manager=connection_manager(config))

    class Echo:
        async def on_turn(self, context: TurnContext) -> None:
            if context.activity.type == "message":
                await context.send_activity(context.activity.text or "")

    agent = Echo()

    async def messages(request: web.Request) -> web.StreamResponse:
        response = await cloud.process(request, agent)
        return response if response is not None else web.Response(status=202)

    api = web.Application()
    api["agent_configuration"] = config
    api.router.add_post("/messages", jwt_authorization_decorator(messages))  # type: ignore[no-untyped-call]
    app = web.Application()
    app.add_subapp("/api", api)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    return runner, f"http://127.0.0.1:{runner.addresses[0][1]}/api/messages"


class _Timed:
    """Times the core's turn, to tell the adapter's share from the core's."""

    def __init__(self, core: ConversationHandler, times: list[float]) -> None:
        self._core = core
        self._times = times

    async def handle(self, incoming: Incoming) -> list[Reply]:
        started = time.perf_counter()
        try:
            return await self._core.handle(incoming)
        finally:
            self._times.append(time.perf_counter() - started)


def _share(core_times: list[float]) -> None:
    core_times.sort()
    p50 = statistics.median(core_times) * 1000
    p99 = core_times[int(len(core_times) * 0.99) - 1] * 1000
    print(f"{'  of which the core turn':<26} {'':>21}   p50 {p50:6.1f} ms   p99 {p99:6.1f} ms")


def _row(
    name: str, runs: list[tuple[float, list[float]]], count: int = USERS * MESSAGES_PER_USER
) -> dict[str, Any]:
    rates = [count / elapsed for elapsed, _ in runs]
    latencies = sorted(x for _, lat in runs for x in lat)
    p50 = statistics.median(latencies) * 1000
    p99 = latencies[int(len(latencies) * 0.99) - 1] * 1000
    print(
        f"{name:<26} {statistics.median(rates):8.0f} activities/s"
        f"   p50 {p50:6.1f} ms   p99 {p99:6.1f} ms"
    )
    return {"rate": statistics.median(rates)}


async def _run() -> None:
    # An anonymous bot has no app id, which the SDK's token client warns about on every turn.
    logging.getLogger(SDK_USER_TOKEN_LOGGER).setLevel(logging.ERROR)
    logging.getLogger("bot.channels.teams").setLevel(logging.ERROR)  # the anonymous banner
    fast = Outbox(RetryPolicy(base_delay=0.05), ConversationPacer(windows=((1.0, 10**9),)))
    standin = TeamsConnectorStandIn()
    await standin.start()
    make = ActivityFactory(standin.service_url)
    print(f"{USERS} users × {MESSAGES_PER_USER} messages, {ROUNDS} rounds each, loopback HTTP")

    runner, echo_url = await _echo_server(standin)
    echo = _row("bare SDK echo bot", [await _drive(echo_url, make) for _ in range(ROUNDS)])
    await runner.cleanup()

    with tempfile.TemporaryDirectory() as tmp:
        teams = await TeamsHarness.create(Path(tmp), standin=standin, outbox=fast)
        core_times: list[float] = []
        teams.channel.agent.core = _Timed(teams.channel.agent.core, core_times)
        ours = _row(
            "ringetræner, anonymous", [await _drive(teams.url, make) for _ in range(ROUNDS)]
        )
        _share(core_times)
        core_times.clear()
        alone = [await _drive(teams.url, make, users=1) for _ in range(ROUNDS)]
        _row("ringetræner, 1 user", alone, count=MESSAGES_PER_USER)
        _share(core_times)
        await teams.client.close()
        await teams.runner.cleanup()
        await teams.app.close()

    with tempfile.TemporaryDirectory() as tmp:
        teams = await TeamsHarness.create(
            Path(tmp), standin=standin, outbox=fast, authenticated=True
        )
        with jwks_served_by(standin):
            token = standin.sign()
            jwt_runs = [await _drive(teams.url, make, token) for _ in range(ROUNDS)]
        _row("ringetræner, JWT on", jwt_runs)
        await teams.client.close()
        await teams.runner.cleanup()
        await teams.app.close()

    print(f"ratio ringetræner/echo (anonymous): {ours['rate'] / echo['rate']:.2f}")
    await standin.stop()


def main() -> None:
    asyncio.run(_run())


if __name__ == "__main__":
    main()
