"""Core tables: people across channels, teams, conversation state and practice sessions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.base import Base, utcnow


class Team(Base):
    """A jobcenter, an a-kasse or a course organisation sharing one objection bank."""

    __tablename__ = "teams"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Member(Base):
    """One person, whatever channels they use. Only the name they chose is kept."""

    __tablename__ = "members"
    id: Mapped[int] = mapped_column(primary_key=True)
    display_name: Mapped[str] = mapped_column(String(120), default="")
    team_id: Mapped[int | None] = mapped_column(
        ForeignKey("teams.id", ondelete="SET NULL"), index=True
    )
    role: Mapped[str | None] = mapped_column(String(10))  # "admin" | "medlem" | None
    organisation: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def is_admin(self) -> bool:
        return self.team_id is not None and self.role == "admin"


class Identity(Base):
    """A member's account on one channel, with the address to reach them proactively."""

    __tablename__ = "identities"
    __table_args__ = (UniqueConstraint("channel", "external_user_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    external_user_id: Mapped[str] = mapped_column(String(200))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    address: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class InviteCode(Base):
    """A code that lets a person join a team with a role (admin codes come from the CLI)."""

    __tablename__ = "invite_codes"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(10))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(default=None)
    uses: Mapped[int] = mapped_column(default=0)
    max_uses: Mapped[int | None] = mapped_column(default=None)


class LinkCode(Base):
    """A one-time code that joins a second channel account to an existing member."""

    __tablename__ = "link_codes"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    expires_at: Mapped[datetime] = mapped_column()


class ConversationState(Base):
    """The member's active flow (practice call, wizard, drill) and its data, saved every turn."""

    __tablename__ = "conversation_state"
    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True
    )
    flow: Mapped[str | None] = mapped_column(String(40), default=None)
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    nonce: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class PracticeSession(Base):
    """One practice call: the engine's whole state as JSON, so a restart loses nothing."""

    __tablename__ = "practice_sessions"
    __table_args__ = (Index("ix_practice_sessions_member_finished", "member_id", "finished"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    scenario_id: Mapped[str] = mapped_column(String(60))
    difficulty: Mapped[str] = mapped_column(String(10))
    seed: Mapped[int] = mapped_column()
    mode: Mapped[str] = mapped_column(String(10))
    phase: Mapped[str] = mapped_column(String(20))
    finished: Mapped[bool] = mapped_column(default=False)
    outcome: Mapped[str | None] = mapped_column(String(20), default=None)
    state: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class ProcessedEvent(Base):
    """Platform event ids already handled, so a webhook retry is processed once."""

    __tablename__ = "processed_events"
    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    event_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    processed_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
