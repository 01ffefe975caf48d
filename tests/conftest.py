"""Fixtures shared by every test module."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.supervision_support import cph
from tests.support.chat import ChatHarness, Clock
from tests.support.databases import fresh_postgres_url, postgres_reachable, sqlite_url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """Run the test once on SQLite and once on the local PostgreSQL."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path)
        return
    if not await postgres_reachable():
        if os.environ.get("RINGETRAENER_REQUIRE_PG"):
            pytest.fail("PostgreSQL is required here (RINGETRAENER_REQUIRE_PG) but unreachable")
        pytest.skip("no PostgreSQL server reachable at 127.0.0.1:5432 (RINGETRAENER_TEST_PG)")
    async with fresh_postgres_url() as url:
        yield url


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def chat(tmp_path: Path, clock: Clock) -> AsyncIterator[ChatHarness]:
    harness = await ChatHarness.create(tmp_path, clock=clock)
    yield harness
    await harness.close()


@pytest.fixture
async def admin(tmp_path: Path) -> AsyncIterator[ChatHarness]:
    """A course lead ("lea") on the Monday of a spring cohort, for the buddy-pair tests."""
    harness = await ChatHarness.create(tmp_path, clock=Clock(cph(3, 30, 9)), user_id="lea")
    yield harness
    await harness.close()
