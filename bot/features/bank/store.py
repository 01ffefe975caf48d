"""The bank's database work: what a team sees, adding, voting, merging, seeding, import/export.

Visibility is decided here and nowhere else: a team sees the active global seed plus its own
objections that are not hidden, and, on any of those, the seed answers and its own answers.
Votes count for the team they were cast in.
"""

from __future__ import annotations

import logging
import random
import secrets
from collections import OrderedDict, defaultdict
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Generic, TypeVar

from sqlalchemy import ColumnElement, Select, case, delete, func, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.base import utcnow
from bot.storage.db import Database
from bot.storage.models_bank import (
    BankAnswer,
    BankObjection,
    BankVote,
    DrillProgress,
    GuideEntry,
)
from dialogues.engine import ObjectionCard
from objection_bank.dedup import TextIndex, fold, normalize
from objection_bank.formats import load_seed
from objection_bank.model import Answer, Objection
from objection_bank.selection import ObjectionPool
from objection_bank.spaced import CardState, review
from objection_bank.tags import Difficulty, Phase, Status, parse_difficulty

log = logging.getLogger(__name__)

T = TypeVar("T")
CARD_PREFIX = "bank:"
CARDS_PER_PHASE = 2
BEST_ANSWERS_ON_CARD = 2


# --- reading ---------------------------------------------------------------------------------


def _visible(team_id: int | None) -> ColumnElement[bool]:
    shared = (BankObjection.team_id.is_(None)) & (BankObjection.status == Status.AKTIV.value)
    if team_id is None:
        return shared
    own = (BankObjection.team_id == team_id) & (BankObjection.status != Status.SKJULT.value)
    return or_(shared, own)


def _answer_scope(team_id: int | None) -> ColumnElement[bool]:
    if team_id is None:
        return BankAnswer.team_id.is_(None)
    return or_(BankAnswer.team_id.is_(None), BankAnswer.team_id == team_id)


def to_objection(row: BankObjection, answers: Sequence[Answer] = ()) -> Objection:
    return Objection(
        key=row.key,
        text=row.text,
        phase=Phase(row.phase),
        tags=tuple(row.tags),
        difficulty=Difficulty(row.difficulty),
        status=Status(row.status),
        answers=tuple(answers),
        team_id=row.team_id,
        id=row.id,
    )


async def _with_answers(
    db: AsyncSession, rows: Sequence[BankObjection], team_id: int | None
) -> list[Objection]:
    """The rows as objections with the visible answers the team sees and the team's votes."""
    if not rows:
        return []
    answers = (
        await db.scalars(
            select(BankAnswer)
            .where(
                BankAnswer.objection_id.in_([r.id for r in rows]),
                _answer_scope(team_id),
                BankAnswer.status == Status.AKTIV.value,
            )
            .order_by(BankAnswer.id)
        )
    ).all()
    votes: dict[int, int] = {}
    if team_id is not None and answers:
        counted = await db.execute(
            select(BankVote.answer_id, func.count())
            .where(BankVote.team_id == team_id, BankVote.answer_id.in_([a.id for a in answers]))
            .group_by(BankVote.answer_id)
        )
        votes = {answer_id: count for answer_id, count in counted.all()}
    by_objection: dict[int, list[Answer]] = defaultdict(list)
    for answer in answers:
        by_objection[answer.objection_id].append(
            Answer(answer.text, Status(answer.status), votes.get(answer.id, 0), answer.id)
        )
    return [to_objection(r, by_objection.get(r.id, ())) for r in rows]


async def visible_objections(
    db: AsyncSession, team_id: int | None, *, active_only: bool = False
) -> list[Objection]:
    """Everything the team may see (or only what may be drilled and role-played)."""
    query: Select[BankObjection] = select(BankObjection).where(_visible(team_id))
    if active_only:
        query = query.where(BankObjection.status == Status.AKTIV.value)
    rows = (await db.scalars(query.order_by(BankObjection.id))).all()
    return await _with_answers(db, rows, team_id)


async def visible_row(
    db: AsyncSession, team_id: int | None, objection_id: int
) -> BankObjection | None:
    return await db.scalar(
        select(BankObjection).where(BankObjection.id == objection_id, _visible(team_id))
    )


async def visible_rows(
    db: AsyncSession, team_id: int | None, objection_ids: Sequence[int]
) -> list[BankObjection]:
    query = select(BankObjection).where(BankObjection.id.in_(objection_ids), _visible(team_id))
    return list((await db.scalars(query)).all())


async def visible_objection(
    db: AsyncSession, team_id: int | None, objection_id: int
) -> Objection | None:
    row = await visible_row(db, team_id, objection_id)
    if row is None:
        return None
    (objection,) = await _with_answers(db, [row], team_id)
    return objection


class _Kept(Generic[T]):
    """Per-process copies of something derived from a team's visible bank (a text index, a
    selection pool), reused while a one-row stamp query says the bank is unchanged.

    The stamp (visible and active counts, newest id, latest change, total text length) costs
    one aggregate query; every write path sets ``updated_at``. The database URL is part of the
    key because one process may talk to several (tests do).
    """

    def __init__(self, size: int = 64) -> None:
        self._size = size
        self._items: OrderedDict[tuple[str, int | None], tuple[tuple[object, ...], T]] = (
            OrderedDict()
        )

    async def get(
        self, db: AsyncSession, team_id: int | None, build: Callable[[], Awaitable[T]]
    ) -> T:
        stamp = tuple(
            (
                await db.execute(
                    select(
                        func.count(),
                        func.sum(case((BankObjection.status == Status.AKTIV.value, 1), else_=0)),
                        func.max(BankObjection.id),
                        func.max(BankObjection.updated_at),
                        func.sum(func.length(BankObjection.norm)),
                    ).where(_visible(team_id))
                )
            ).one()
        )
        bind = db.get_bind()
        engine = bind if isinstance(bind, Engine) else bind.engine
        key = (engine.url.render_as_string(hide_password=True), team_id)
        kept = self._items.get(key)
        if kept is not None and kept[0] == stamp:
            self._items.move_to_end(key)
            return kept[1]
        value = await build()
        self._items[key] = (stamp, value)
        while len(self._items) > self._size:
            self._items.popitem(last=False)
        return value


_INDEXES: _Kept[TextIndex[int]] = _Kept()
_POOLS: _Kept[ObjectionPool] = _Kept()


async def text_index(db: AsyncSession, team_id: int | None) -> TextIndex[int]:
    """Duplicate/search index over what the team sees, built from stored normal forms."""

    async def build() -> TextIndex[int]:
        rows = await db.execute(
            select(BankObjection.id, BankObjection.text, BankObjection.norm)
            .where(_visible(team_id))
            .order_by(BankObjection.id)
        )
        index: TextIndex[int] = TextIndex()
        for objection_id, text, norm in rows.all():
            index.add(objection_id, text, norm or None)
        return index

    return await _INDEXES.get(db, team_id, build)


async def selection_pool(db: AsyncSession, team_id: int | None) -> ObjectionPool:
    """The team's active objections (without answers) ready for selection."""

    async def build() -> ObjectionPool:
        # Plain columns, not ORM objects: ten thousand rows load several times faster.
        rows = await db.execute(
            select(
                BankObjection.id,
                BankObjection.key,
                BankObjection.text,
                BankObjection.phase,
                BankObjection.tags,
                BankObjection.difficulty,
                BankObjection.team_id,
            ).where(_visible(team_id), BankObjection.status == Status.AKTIV.value)
        )
        return ObjectionPool(
            Objection(
                key=key,
                text=text,
                phase=Phase(phase),
                tags=tuple(tags),
                difficulty=Difficulty(difficulty),
                team_id=owner,
                id=objection_id,
            )
            for objection_id, key, text, phase, tags, difficulty, owner in rows.all()
        )

    return await _POOLS.get(db, team_id, build)


async def pending(db: AsyncSession, team_id: int) -> list[BankObjection]:
    query = select(BankObjection).where(
        BankObjection.team_id == team_id, BankObjection.status == Status.AFVENTER.value
    )
    return list((await db.scalars(query.order_by(BankObjection.id))).all())


async def counts(db: AsyncSession, team_id: int | None) -> tuple[int, int]:
    """(the team's own visible objections, active shared ones)."""
    shared = await db.scalar(
        select(func.count()).where(
            BankObjection.team_id.is_(None), BankObjection.status == Status.AKTIV.value
        )
    )
    own = 0
    if team_id is not None:
        own = (
            await db.scalar(
                select(func.count()).where(
                    BankObjection.team_id == team_id,
                    BankObjection.status != Status.SKJULT.value,
                )
            )
            or 0
        )
    return own, shared or 0


# --- writing ---------------------------------------------------------------------------------


def new_key() -> str:
    """Chat-made objections get a random key: two people may type the same words."""
    return f"t-{secrets.token_hex(5)}"


async def add_objection(
    db: AsyncSession,
    objection: Objection,
    *,
    team_id: int | None,
    author_id: int | None,
    now: datetime,
) -> BankObjection:
    row = _new_row(objection, team_id, author_id, now)
    db.add(row)
    await db.flush()
    for answer in objection.answers:
        await add_answer(
            db,
            row.id,
            answer.text,
            team_id=team_id,
            author_id=author_id,
            now=now,
            status=answer.status,
        )
    return row


async def add_answer(
    db: AsyncSession,
    objection_id: int,
    text: str,
    *,
    team_id: int | None,
    author_id: int | None,
    now: datetime,
    status: Status = Status.AKTIV,
) -> BankAnswer:
    answer = BankAnswer(
        objection_id=objection_id,
        team_id=team_id,
        text=text,
        status=status.value,
        author_id=author_id,
        created_at=now,
    )
    db.add(answer)
    await db.flush()
    return answer


async def visible_answer(db: AsyncSession, team_id: int, answer_id: int) -> BankAnswer | None:
    answer = await db.get(BankAnswer, answer_id)
    if answer is None or answer.status != Status.AKTIV.value:
        return None
    if answer.team_id not in (None, team_id):
        return None
    return answer if await visible_row(db, team_id, answer.objection_id) else None


async def _insert_vote(
    db: AsyncSession, answer_id: int, member_id: int, team_id: int, now: datetime
) -> bool:
    """True when the vote is new; the primary key makes a second one a no-op, even in a race."""
    insert = pg_insert if db.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = (
        insert(BankVote)
        .values(answer_id=answer_id, member_id=member_id, team_id=team_id, created_at=now)
        .on_conflict_do_nothing()
        .returning(BankVote.answer_id)
    )
    return (await db.execute(statement)).first() is not None


@dataclass(frozen=True, slots=True)
class VoteResult:
    counted: bool  # False: this member had already voted for this answer
    votes: int


async def vote(
    db: AsyncSession, *, answer_id: int, member_id: int, team_id: int, now: datetime
) -> VoteResult:
    counted = await _insert_vote(db, answer_id, member_id, team_id, now)
    votes = await db.scalar(
        select(func.count()).where(BankVote.answer_id == answer_id, BankVote.team_id == team_id)
    )
    return VoteResult(counted, votes or 0)


@dataclass(frozen=True, slots=True)
class MergeResult:
    answers: int
    votes: int


async def merge(
    db: AsyncSession, *, source: BankObjection, target: BankObjection, now: datetime
) -> MergeResult:
    """Fold ``source`` into ``target``: answers, votes and drill progress move; source hides.

    An answer whose text the target already has (spelling aside) is folded into that answer,
    its votes moved over without counting anyone twice.
    """
    scope = source.team_id
    target_answers = (
        await db.scalars(
            select(BankAnswer).where(BankAnswer.objection_id == target.id, _answer_scope(scope))
        )
    ).all()
    same_text = {fold(a.text): a for a in target_answers}
    moved_answers = moved_votes = 0
    for answer in (
        await db.scalars(select(BankAnswer).where(BankAnswer.objection_id == source.id))
    ).all():
        twin = same_text.get(fold(answer.text))
        if twin is None:
            answer.objection_id = target.id
            moved_answers += 1
            moved_votes += (
                await db.scalar(select(func.count()).where(BankVote.answer_id == answer.id))
            ) or 0
            continue
        for ballot in (
            await db.scalars(select(BankVote).where(BankVote.answer_id == answer.id))
        ).all():
            if await _insert_vote(db, twin.id, ballot.member_id, ballot.team_id, ballot.created_at):
                moved_votes += 1
        await db.delete(answer)
    for progress in (
        await db.scalars(select(DrillProgress).where(DrillProgress.objection_id == source.id))
    ).all():
        exists = await db.get(DrillProgress, (progress.member_id, target.id))
        if exists is None:
            db.add(_moved_progress(progress, target.id))
        await db.delete(progress)
    source.status = Status.SKJULT.value
    source.merged_into_id = target.id
    source.updated_at = target.updated_at = now
    await db.flush()
    return MergeResult(moved_answers, moved_votes)


def _moved_progress(progress: DrillProgress, objection_id: int) -> DrillProgress:
    return DrillProgress(
        member_id=progress.member_id,
        objection_id=objection_id,
        box=progress.box,
        due=progress.due,
        reviews=progress.reviews,
        lapses=progress.lapses,
        last_score=progress.last_score,
        last_reviewed=progress.last_reviewed,
        misses=dict(progress.misses),
    )


# --- drill progress --------------------------------------------------------------------------


def _card(row: DrillProgress) -> CardState:
    return CardState(
        objection_id=row.objection_id,
        box=row.box,
        due=row.due,
        reviews=row.reviews,
        lapses=row.lapses,
        last_score=row.last_score,
        last_reviewed=row.last_reviewed,
        misses={str(k): int(v) for k, v in (row.misses or {}).items()},
    )


async def progress(db: AsyncSession, member_id: int) -> dict[int, CardState]:
    rows = await db.scalars(select(DrillProgress).where(DrillProgress.member_id == member_id))
    return {row.objection_id: _card(row) for row in rows.all()}


async def record_review(
    db: AsyncSession,
    member_id: int,
    objection_id: int,
    score: float,
    now: datetime,
    *,
    missed: Iterable[str] = (),
) -> CardState:
    row = await db.get(DrillProgress, (member_id, objection_id))
    card = review(_card(row) if row else None, objection_id, score, now, missed=missed)
    if row is None:
        row = DrillProgress(member_id=member_id, objection_id=objection_id)
        db.add(row)
    row.box, row.due, row.reviews, row.lapses = card.box, card.due, card.reviews, card.lapses
    row.last_score, row.last_reviewed, row.misses = card.last_score, now, dict(card.misses)
    await db.flush()
    return card


# --- call guide ------------------------------------------------------------------------------


async def guide_entries(db: AsyncSession, member_id: int) -> list[GuideEntry]:
    """The member's lines in call order (phase order), oldest first within a phase."""
    rows = (
        await db.scalars(
            select(GuideEntry).where(GuideEntry.member_id == member_id).order_by(GuideEntry.id)
        )
    ).all()
    order = {phase.value: i for i, phase in enumerate(Phase)}
    return sorted(rows, key=lambda r: (order.get(r.phase, len(order)), r.id))


async def guide_lines(db: AsyncSession, member_id: int) -> dict[str, list[str]]:
    lines: dict[str, list[str]] = defaultdict(list)
    for entry in await guide_entries(db, member_id):
        lines[entry.phase].append(entry.text)
    return dict(lines)


# --- role-play hooks -------------------------------------------------------------------------


async def objection_cards_for(
    db: AsyncSession,
    team_id: int | None,
    scenario_themes: Iterable[str],
    difficulty: str,
    rng: random.Random,
    *,
    per_phase: int = CARDS_PER_PHASE,
) -> list[ObjectionCard]:
    """Bank objections for a practice call: fitting the scenario's tags (themes, industry,
    size) and difficulty, the team's own included, each carrying the team's best answers."""
    pool = await selection_pool(db, team_id)
    level = parse_difficulty(difficulty) or Difficulty.MELLEM
    tags = list(scenario_themes)
    chosen = [
        objection
        for phase in Phase
        for objection in pool.select(rng, tags=tags, phase=phase, difficulty=level, count=per_phase)
    ]
    # Answers and votes only for the few chosen: the pool itself carries none.
    rows = (
        await db.scalars(select(BankObjection).where(BankObjection.id.in_([o.id for o in chosen])))
    ).all()
    answered = {o.id: o for o in await _with_answers(db, rows, team_id)}
    return [
        ObjectionCard(
            id=f"{CARD_PREFIX}{objection.id}",
            text=objection.text,
            phase=objection.phase.value,
            themes=tuple(sorted(objection.themes)),
            difficulty=objection.difficulty.value,
            best_answers=tuple(
                a.text for a in answered[objection.id].best_answers(BEST_ANSWERS_ON_CARD)
            ),
        )
        for objection in chosen
    ]


async def record_objection_outcomes(
    db: AsyncSession,
    member_id: int,
    outcomes: Iterable[tuple[str, float, bool]],
    now: datetime,
) -> int:
    """Objections met in a practice call count as drill reviews. Returns how many were bank
    objections (the scenario's own lines have no card and are skipped)."""
    recorded = 0
    for card_id, score, _passed in outcomes:
        if not card_id.startswith(CARD_PREFIX) or not card_id[len(CARD_PREFIX) :].isdigit():
            continue
        objection_id = int(card_id[len(CARD_PREFIX) :])
        if await db.get(BankObjection, objection_id) is None:
            continue
        await record_review(db, member_id, objection_id, min(max(score, 0.0), 1.0), now)
        recorded += 1
    return recorded


# --- seed, import and export -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    answers_added: int = 0


def _scope(team_id: int | None) -> ColumnElement[bool]:
    if team_id is None:
        return BankObjection.team_id.is_(None)
    return BankObjection.team_id == team_id


async def upsert_bank(
    db: AsyncSession,
    objections: Sequence[Objection],
    *,
    team_id: int | None,
    now: datetime,
    prune_answers: bool = False,
) -> ImportReport:
    """Write objections into the global bank (``team_id`` None) or a team's, matched by key.

    For a team, a key of the global bank adds the file's answers as the team's answers to that
    shared objection and leaves the shared objection itself alone. Answers are matched by text;
    ``prune_answers`` hides answers in scope that the file no longer has (seed upgrades).
    Rows are written in bulk: this runs at every start-up.
    """
    own = {r.key: r for r in (await db.scalars(select(BankObjection).where(_scope(team_id))))}
    shared: dict[str, BankObjection] = {}
    if team_id is not None:
        shared = {r.key: r for r in await db.scalars(select(BankObjection).where(_scope(None)))}
    created: set[str] = set()
    updated: set[str] = set()
    targets: list[tuple[Objection, BankObjection]] = []
    for objection in objections:
        row = own.get(objection.key) or shared.get(objection.key)
        if row is None:
            row = _new_row(objection, team_id, None, now)
            db.add(row)
            own[objection.key] = row
            created.add(objection.key)
        elif row.team_id == team_id and _update_fields(row, objection, now):
            updated.add(objection.key)
        targets.append((objection, row))
    await db.flush()

    existing = await _answers_in_scope(db, [row.id for _, row in targets], team_id)
    answers_added = 0
    for objection, row in targets:
        added, changed = _sync_answers(
            db, row.id, objection.answers, existing.get(row.id, []), team_id, now, prune_answers
        )
        answers_added += added
        if changed and objection.key not in created:
            updated.add(objection.key)
    await db.flush()
    unchanged = len(targets) - len(created) - len(updated)
    return ImportReport(len(created), len(updated), unchanged, answers_added)


def _new_row(
    objection: Objection, team_id: int | None, author_id: int | None, now: datetime
) -> BankObjection:
    return BankObjection(
        team_id=team_id,
        key=objection.key,
        text=objection.text,
        norm=normalize(objection.text),
        phase=objection.phase.value,
        tags=list(objection.tags),
        difficulty=objection.difficulty.value,
        status=objection.status.value,
        author_id=author_id,
        created_at=now,
        updated_at=now,
    )


async def _answers_in_scope(
    db: AsyncSession, objection_ids: Sequence[int], team_id: int | None
) -> dict[int, list[BankAnswer]]:
    in_scope = BankAnswer.team_id.is_(None) if team_id is None else BankAnswer.team_id == team_id
    found: dict[int, list[BankAnswer]] = defaultdict(list)
    for start in range(0, len(objection_ids), _IN_CHUNK):
        chunk = objection_ids[start : start + _IN_CHUNK]
        rows = await db.scalars(
            select(BankAnswer)
            .where(BankAnswer.objection_id.in_(chunk), in_scope)
            .order_by(BankAnswer.id)
        )
        for row in rows:
            found[row.objection_id].append(row)
    return found


_IN_CHUNK = 1000  # keeps IN lists well inside every driver's parameter limit


def _update_fields(row: BankObjection, objection: Objection, now: datetime) -> bool:
    wanted = {
        "text": objection.text,
        "phase": objection.phase.value,
        "tags": list(objection.tags),
        "difficulty": objection.difficulty.value,
        "status": objection.status.value,
    }
    changed = False
    for name, value in wanted.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    if changed:
        row.norm = normalize(objection.text)
        row.updated_at = now
    return changed


def _sync_answers(
    db: AsyncSession,
    objection_id: int,
    answers: Sequence[Answer],
    existing: Sequence[BankAnswer],
    team_id: int | None,
    now: datetime,
    prune: bool,
) -> tuple[int, bool]:
    by_text = {a.text: a for a in existing}
    added, changed = 0, False
    for answer in answers:
        row = by_text.get(answer.text)
        if row is None:
            db.add(
                BankAnswer(
                    objection_id=objection_id,
                    team_id=team_id,
                    text=answer.text,
                    status=answer.status.value,
                    author_id=None,
                    created_at=now,
                )
            )
            added += 1
            changed = True
        elif row.status != answer.status.value:
            row.status = answer.status.value
            changed = True
    if prune:
        wanted = {a.text for a in answers}
        for row in existing:
            if row.text not in wanted and row.status != Status.SKJULT.value:
                row.status = Status.SKJULT.value
                changed = True
    return added, changed


async def export_bank(db: AsyncSession, team_id: int | None) -> list[Objection]:
    """What a file for this scope holds: see :func:`upsert_bank` for the way back in."""
    own_rows = (
        await db.scalars(select(BankObjection).where(_scope(team_id)).order_by(BankObjection.id))
    ).all()
    in_scope = BankAnswer.team_id.is_(None) if team_id is None else BankAnswer.team_id == team_id
    answers: dict[int, list[Answer]] = defaultdict(list)
    for row in await db.scalars(select(BankAnswer).where(in_scope).order_by(BankAnswer.id)):
        answers[row.objection_id].append(Answer(row.text, Status(row.status)))
    result = [to_objection(r, answers.get(r.id, ())) for r in own_rows]
    if team_id is not None:
        own_ids = {r.id for r in own_rows}
        shared_ids = [oid for oid in answers if oid not in own_ids]
        if shared_ids:
            shared_rows = (
                await db.scalars(
                    select(BankObjection)
                    .where(BankObjection.id.in_(shared_ids), _scope(None))
                    .order_by(BankObjection.id)
                )
            ).all()
            result += [to_objection(r, answers[r.id]) for r in shared_rows]
    return [replace(o, id=None, team_id=None, answers=tuple(o.answers)) for o in result]


async def ensure_seed(db: Database) -> ImportReport:
    """Load the shipped seed bank into the global scope; safe to run at every start-up and
    from several processes at once (a lost race is retried and then finds nothing to do)."""
    seed = load_seed()
    for attempt in (1, 2):
        try:
            async with db.transaction() as session:
                now = utcnow()
                report = await upsert_bank(session, seed, team_id=None, now=now, prune_answers=True)
            log.info(
                "seed bank ready created=%d updated=%d unchanged=%d",
                report.created,
                report.updated,
                report.unchanged,
            )
            return report
        except IntegrityError:
            if attempt == 2:
                raise
            log.info("seed bank raced with another process; retrying")
    raise AssertionError("unreachable")


async def delete_member_data(db: AsyncSession, member_id: int) -> None:
    """Personal data goes; objections and answers stay with the team, without the author."""
    await db.execute(delete(DrillProgress).where(DrillProgress.member_id == member_id))
    await db.execute(delete(BankVote).where(BankVote.member_id == member_id))
    await db.execute(delete(GuideEntry).where(GuideEntry.member_id == member_id))
    for objection in (
        await db.scalars(select(BankObjection).where(BankObjection.author_id == member_id))
    ).all():
        objection.author_id = None
    for answer in (
        await db.scalars(select(BankAnswer).where(BankAnswer.author_id == member_id))
    ).all():
        answer.author_id = None
