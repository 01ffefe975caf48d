"""Buddy pairs (makkerpar): cohorts, teaching days, pairs per period and the durable nudge queue.

A pair row is one group (pair or trio) in one period and carries that period's supervision
state, so "pairs per period" and "supervisions" are one table: each group holds exactly one
supervision per period. Nudges are rows, not in-memory jobs, so a restart loses none.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import BigInteger, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.base import Base, utcnow


class Cohort(Base):
    """A hold: consultants following the same course, inside one team."""

    __tablename__ = "cohorts"
    __table_args__ = (UniqueConstraint("team_id", "name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    join_code: Mapped[str] = mapped_column(String(32), unique=True)
    seed: Mapped[int] = mapped_column(default=0)  # pairing is deterministic per cohort
    created_by: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class TeachingDay(Base):
    __tablename__ = "cohort_teaching_days"
    __table_args__ = (UniqueConstraint("cohort_id", "day"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)


class CohortMember(Base):
    """Membership of a cohort; ``left_at`` keeps history after someone leaves."""

    __tablename__ = "cohort_members"
    cohort_id: Mapped[int] = mapped_column(
        ForeignKey("cohorts.id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)
    left_at: Mapped[datetime | None] = mapped_column(default=None)
    # Per-user pause: paused=True without an end pauses until /pause is lifted.
    paused: Mapped[bool] = mapped_column(default=False)
    paused_until: Mapped[datetime | None] = mapped_column(default=None)


class BuddyPair(Base):
    """One pair or trio in one period, with that period's supervision state."""

    __tablename__ = "buddy_pairs"
    __table_args__ = (Index("ix_buddy_pairs_cohort_period", "cohort_id", "period_index"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"))
    period_index: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(12), default="ikke_booket")
    booked_at: Mapped[datetime | None] = mapped_column(default=None)
    booked_on: Mapped[datetime | None] = mapped_column(default=None)
    booked_by: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    invite_sequence: Mapped[int] = mapped_column(default=0)  # .ics SEQUENCE: grows per move
    snoozed: Mapped[dict[str, Any]] = mapped_column(default=dict)  # {member_id: iso time}
    reported_by: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    dissolved_at: Mapped[datetime | None] = mapped_column(default=None)  # re-paired
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class BuddyPairMember(Base):
    __tablename__ = "buddy_pair_members"
    pair_id: Mapped[int] = mapped_column(
        ForeignKey("buddy_pairs.id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Reflection(Base):
    """A partner's answer to the one reflection question after a held session."""

    __tablename__ = "buddy_reflections"
    __table_args__ = (UniqueConstraint("pair_id", "member_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("buddy_pairs.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Nudge(Base):
    """A due message for one member: the durable scheduler's queue.

    Claimed = ``claimed_at``/``claimed_by`` set on a waiting row; a claim older than the lease
    is taken over by another dispatcher, so a crash between claim and send loses nothing.
    """

    __tablename__ = "nudges"
    __table_args__ = (
        UniqueConstraint("pair_id", "key"),
        Index("ix_nudges_status_due_at", "status", "due_at"),
    )
    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    pair_id: Mapped[int | None] = mapped_column(
        ForeignKey("buddy_pairs.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(100))
    due_at: Mapped[datetime] = mapped_column()
    expires_at: Mapped[datetime | None] = mapped_column(default=None)
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[str] = mapped_column(String(12), default="afventer")
    attempts: Mapped[int] = mapped_column(default=0)
    claimed_at: Mapped[datetime | None] = mapped_column(default=None)
    claimed_by: Mapped[str | None] = mapped_column(String(64), default=None)
    sent_at: Mapped[datetime | None] = mapped_column(default=None)
    last_error: Mapped[str | None] = mapped_column(String(200), default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
