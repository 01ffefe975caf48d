"""Bank storage on SQLite and PostgreSQL: seeding, visibility, practice hooks, spaced repetition."""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from bot.core import teams
from bot.features.bank import store
from bot.storage.db import Database
from bot.storage.models_bank import BankAnswer, BankObjection, DrillProgress
from bot.storage.models_core import Member
from objection_bank.formats import load_seed
from objection_bank.model import Answer, Objection
from objection_bank.spaced import next_objection
from objection_bank.tags import Difficulty, Phase, Status

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    database = Database(database_url)
    await database.migrate()
    await store.ensure_seed(database)
    yield database
    await database.dispose()


async def _team_and_member(db: Database, name: str = "Jobcenter Nord") -> tuple[int, int]:
    async with db.transaction() as session:
        team = await teams.create_team(session, name)
        member = Member(display_name="Test", team_id=team.id, role="medlem")
        session.add(member)
        await session.flush()
        return team.id, member.id


async def _count(db: Database, model: type[BankObjection] | type[BankAnswer]) -> int:
    async with db.transaction() as session:
        return (await session.scalar(select(func.count()).select_from(model))) or 0


async def test_seeding_is_idempotent(db: Database) -> None:
    objections, answers = await _count(db, BankObjection), await _count(db, BankAnswer)
    seed = load_seed()
    assert objections == len(seed)
    assert answers == sum(len(o.answers) for o in seed)
    again = await store.ensure_seed(db)
    assert (again.created, again.updated, again.unchanged) == (0, 0, len(seed))
    assert (await _count(db, BankObjection), await _count(db, BankAnswer)) == (objections, answers)


async def test_processes_starting_together_seed_once(database_url: str) -> None:
    databases = [Database(database_url) for _ in range(3)]
    try:
        await databases[0].migrate()
        await asyncio.gather(*(store.ensure_seed(d) for d in databases))
        assert await _count(databases[0], BankObjection) == len(load_seed())
    finally:
        for database in databases:
            await database.dispose()


async def test_a_seed_upgrade_replaces_changed_answers_and_keeps_votes_elsewhere(
    db: Database,
) -> None:
    seed = load_seed()
    first = seed[0]
    changed = replace(first, answers=(Answer("Et nyt, bedre svar?"), first.answers[1]))
    async with db.transaction() as session:
        report = await store.upsert_bank(
            session, [changed, *seed[1:]], team_id=None, now=T0, prune_answers=True
        )
        assert (report.updated, report.answers_added) == (1, 1)
        visible = await store.visible_objections(session, None)
    shown = next(o for o in visible if o.key == first.key)
    assert [a.text for a in shown.answers] == [first.answers[1].text, "Et nyt, bedre svar?"]


async def test_visibility_between_teams_and_statuses(db: Database) -> None:
    north, _ = await _team_and_member(db)
    south, _ = await _team_and_member(db, "A-kassen Syd")
    async with db.transaction() as session:
        pending = Objection(
            key="t-1", text="Nord venter", phase=Phase.ANALYSE, status=Status.AFVENTER
        )
        hidden = Objection(key="t-2", text="Nord skjult", phase=Phase.ANALYSE, status=Status.SKJULT)
        for objection in (pending, hidden):
            await store.add_objection(session, objection, team_id=north, author_id=None, now=T0)
        north_sees = {o.text for o in await store.visible_objections(session, north)}
        drillable = await store.visible_objections(session, north, active_only=True)
        north_drills = {o.text for o in drillable}
        south_sees = {o.text for o in await store.visible_objections(session, south)}
    assert "Nord venter" in north_sees and "Nord skjult" not in north_sees
    assert "Nord venter" not in north_drills
    assert not {"Nord venter", "Nord skjult"} & south_sees
    assert len(south_sees) == len(load_seed())


async def test_practice_cards_fit_the_scenario_and_carry_the_teams_best_answers(
    db: Database,
) -> None:
    team_id, member_id = await _team_and_member(db)
    async with db.transaction() as session:
        own = await store.add_objection(
            session,
            Objection(
                key="t-own",
                text="Vi har vores egne tømrerlærlinge og behøver ingen",
                phase=Phase.INDVENDINGER,
                tags=("erfaring", "bygge_anlaeg"),
                answers=(Answer("Første svar?"), Answer("Andet svar?")),
            ),
            team_id=team_id,
            author_id=member_id,
            now=T0,
        )
        answers = (
            await session.scalars(select(BankAnswer).where(BankAnswer.objection_id == own.id))
        ).all()
        await store.vote(
            session, answer_id=answers[1].id, member_id=member_id, team_id=team_id, now=T0
        )
        cards = await store.objection_cards_for(
            session, team_id, ["bygge_anlaeg", "lille", "tid"], "let", random.Random(3)
        )
        again = await store.objection_cards_for(
            session, team_id, ["bygge_anlaeg", "lille", "tid"], "let", random.Random(3)
        )
        it_cards = await store.objection_cards_for(
            session, None, ["it", "stor"], "svaer", random.Random(3)
        )
    assert cards == again
    assert {c.phase for c in cards} == {p.value for p in Phase}
    own_card = next(c for c in cards if c.id == f"bank:{own.id}")
    assert own_card.best_answers == ("Andet svar?", "Første svar?")
    assert all(c.difficulty != Difficulty.SVAER.value for c in cards)
    seed = {o.key: o for o in load_seed()}
    by_text = {o.text: o for o in seed.values()}
    for card in it_cards:
        industries = by_text[card.text].industries
        assert not industries or "it" in industries
        assert card.difficulty != Difficulty.LET.value
        assert len(card.best_answers) == 2


async def test_objections_met_in_a_call_feed_spaced_repetition_over_weeks(db: Database) -> None:
    _, member_id = await _team_and_member(db)
    async with db.transaction() as session:
        cards = await store.objection_cards_for(session, None, [], "mellem", random.Random(1))
        a, b = (int(c.id.split(":")[1]) for c in cards[:2])
        recorded = await store.record_objection_outcomes(
            session,
            member_id,
            [
                (f"bank:{a}", 1.0, True),
                (f"bank:{b}", 0.25, False),
                ("scenarie:x:y", 0.0, False),
                ("bank:999999", 1.0, True),
            ],
            T0,
        )
        assert recorded == 2
    # Then the consultant drills daily for six weeks: a is always answered well, b poorly.
    seen: dict[int, list[int]] = {a: [], b: []}
    last: int | None = None
    for day in range(42):
        for turn in range(3):
            now = T0 + timedelta(days=day, minutes=11 * (turn + 1))
            async with db.transaction() as session:
                states = await store.progress(session, member_id)
                chosen = next_objection(states, [a, b], now, avoid=last, allow_new=False)
                if chosen is None:
                    break
                last = chosen
                seen[chosen].append(day)
                score = 1.0 if chosen == a else 0.25
                await store.record_review(session, member_id, chosen, score, now)
    assert sorted(set(seen[a])) == [3, 10, 26]  # boxes 2→3→4→5: 3, 7, 16 days apart
    assert len(set(seen[b])) == 42  # every single day
    async with db.transaction() as session:
        rows = {
            r.objection_id: r
            for r in await session.scalars(
                select(DrillProgress).where(DrillProgress.member_id == member_id)
            )
        }
    assert rows[a].box == 5 and rows[b].box == 1 and rows[b].lapses >= 42


async def test_deleting_a_member_keeps_the_teams_bank(db: Database) -> None:
    team_id, member_id = await _team_and_member(db)
    async with db.transaction() as session:
        row = await store.add_objection(
            session,
            Objection(
                key="t-x",
                text="Min indvending",
                phase=Phase.ANALYSE,
                answers=(Answer("Mit svar?"),),
            ),
            team_id=team_id,
            author_id=member_id,
            now=T0,
        )
        answer = await session.scalar(select(BankAnswer).where(BankAnswer.objection_id == row.id))
        assert answer is not None
        await store.vote(session, answer_id=answer.id, member_id=member_id, team_id=team_id, now=T0)
        await store.record_review(session, member_id, row.id, 0.5, T0)
        await store.delete_member_data(session, member_id)
        await session.delete(await session.get(Member, member_id))
    async with db.transaction() as session:
        kept = await session.get(BankObjection, row.id)
        assert kept is not None and kept.author_id is None
        assert await store.progress(session, member_id) == {}
        (objection,) = [
            o for o in await store.visible_objections(session, team_id) if o.id == row.id
        ]
        assert objection.answers[0].votes == 0


async def test_the_kept_text_index_follows_every_change(db: Database) -> None:
    team_id, member_id = await _team_and_member(db)
    other, _ = await _team_and_member(db, "Jobcenter Syd")
    async with db.transaction() as session:
        first = await store.text_index(session, team_id)
        assert await store.text_index(session, team_id) is first  # unchanged bank: kept
        row = await store.add_objection(
            session,
            Objection(
                key="t-idx", text="Vi har en lang venteliste af ansøgere", phase=Phase.ANALYSE
            ),
            team_id=team_id,
            author_id=member_id,
            now=T0,
        )
        added = await store.text_index(session, team_id)
        assert added is not first and added.search("venteliste")[0].key == row.id
        row.status = Status.SKJULT.value
        row.updated_at = T0
        await session.flush()
        assert (await store.text_index(session, team_id)).search("venteliste") == []
        changed = Objection(
            key="t-idx", text="Vi har masser af uopfordrede ansøgninger", phase=Phase.ANALYSE
        )
        await store.upsert_bank(session, [changed], team_id=team_id, now=T0)
        found = (await store.text_index(session, team_id)).search("uopfordrede")
        assert [m.key for m in found] == [row.id]
        assert (await store.text_index(session, other)).search("uopfordrede") == []
