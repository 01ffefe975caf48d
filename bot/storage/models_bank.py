"""Objection bank tables: objections and answers (global seed + each team's own), votes,
drill progress and personal call-guide lines."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Float,
    ForeignKey,
    Index,
    PrimaryKeyConstraint,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.base import Base, utcnow


class BankObjection(Base):
    """An objection. ``team_id`` NULL is the global seed every team sees; team rows sit on top."""

    __tablename__ = "bank_objections"
    __table_args__ = (
        UniqueConstraint("team_id", "key"),
        # NULLs are distinct in a unique constraint, so global keys need their own index.
        Index(
            "uq_bank_objections_global_key",
            "key",
            unique=True,
            sqlite_where=text("team_id IS NULL"),
            postgresql_where=text("team_id IS NULL"),
        ),
        Index("ix_bank_objections_team_status", "team_id", "status"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(String(500))
    norm: Mapped[str] = mapped_column(Text, default="")  # dedup tokens, so checks skip stemming
    phase: Mapped[str] = mapped_column(String(20))
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    difficulty: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(10))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("bank_objections.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class BankAnswer(Base):
    """An answer; ``team_id`` NULL for seed answers, else only that team sees it."""

    __tablename__ = "bank_answers"
    __table_args__ = (Index("ix_bank_answers_objection_team", "objection_id", "team_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    objection_id: Mapped[int] = mapped_column(ForeignKey("bank_objections.id", ondelete="CASCADE"))
    team_id: Mapped[int | None] = mapped_column(
        ForeignKey("teams.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class BankVote(Base):
    """'Virkede for mig': one per member per answer, counted for the team it was cast in."""

    __tablename__ = "bank_votes"
    __table_args__ = (
        PrimaryKeyConstraint("answer_id", "member_id"),
        Index("ix_bank_votes_team_answer", "team_id", "answer_id"),
    )
    answer_id: Mapped[int] = mapped_column(ForeignKey("bank_answers.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class DrillProgress(Base):
    """One member's Leitner card for one objection (see objection_bank.spaced)."""

    __tablename__ = "bank_drill_progress"
    __table_args__ = (
        PrimaryKeyConstraint("member_id", "objection_id"),
        Index("ix_bank_drill_progress_member_due", "member_id", "due"),
    )
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    objection_id: Mapped[int] = mapped_column(
        ForeignKey("bank_objections.id", ondelete="CASCADE"), index=True
    )
    box: Mapped[int] = mapped_column()
    due: Mapped[datetime] = mapped_column()
    reviews: Mapped[int] = mapped_column(default=0)
    lapses: Mapped[int] = mapped_column(default=0)
    last_score: Mapped[float] = mapped_column(Float, default=0.0)
    last_reviewed: Mapped[datetime | None] = mapped_column(default=None)
    misses: Mapped[dict[str, Any]] = mapped_column(default=dict)


class GuideEntry(Base):
    """A line of a consultant's personal call guide (ringeguide), for one phase of the call."""

    __tablename__ = "bank_guide_entries"
    __table_args__ = (Index("ix_bank_guide_entries_member_phase", "member_id", "phase"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    phase: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
