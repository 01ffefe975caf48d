"""Objection bank: objections, answers, votes, drill progress, call-guide lines.

Revision ID: 0002_bank
Revises: 0001_core
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_bank"
down_revision = "0001_core"
branch_labels = None
depends_on = None

_GLOBAL_ONLY = sa.text("team_id IS NULL")


def upgrade() -> None:
    op.create_table(
        "bank_objections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("text", sa.String(length=500), nullable=False),
        sa.Column("norm", sa.Text(), nullable=False),
        sa.Column("phase", sa.String(length=20), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("difficulty", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("merged_into_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["members.id"],
            name=op.f("fk_bank_objections_author_id_members"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["merged_into_id"],
            ["bank_objections.id"],
            name=op.f("fk_bank_objections_merged_into_id_bank_objections"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["teams.id"],
            name=op.f("fk_bank_objections_team_id_teams"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bank_objections")),
        sa.UniqueConstraint("team_id", "key", name=op.f("uq_bank_objections_team_id")),
    )
    with op.batch_alter_table("bank_objections", schema=None) as batch_op:
        batch_op.create_index("ix_bank_objections_team_status", ["team_id", "status"], unique=False)
        batch_op.create_index(
            "uq_bank_objections_global_key",
            ["key"],
            unique=True,
            sqlite_where=_GLOBAL_ONLY,
            postgresql_where=_GLOBAL_ONLY,
        )

    op.create_table(
        "bank_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("objection_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["members.id"],
            name=op.f("fk_bank_answers_author_id_members"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["objection_id"],
            ["bank_objections.id"],
            name=op.f("fk_bank_answers_objection_id_bank_objections"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["teams.id"],
            name=op.f("fk_bank_answers_team_id_teams"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bank_answers")),
    )
    with op.batch_alter_table("bank_answers", schema=None) as batch_op:
        batch_op.create_index(
            "ix_bank_answers_objection_team", ["objection_id", "team_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_bank_answers_team_id"), ["team_id"], unique=False)

    op.create_table(
        "bank_votes",
        sa.Column("answer_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["answer_id"],
            ["bank_answers.id"],
            name=op.f("fk_bank_votes_answer_id_bank_answers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_bank_votes_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_bank_votes_team_id_teams"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("answer_id", "member_id", name=op.f("pk_bank_votes")),
    )
    with op.batch_alter_table("bank_votes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bank_votes_member_id"), ["member_id"], unique=False)
        batch_op.create_index("ix_bank_votes_team_answer", ["team_id", "answer_id"], unique=False)

    op.create_table(
        "bank_drill_progress",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("objection_id", sa.Integer(), nullable=False),
        sa.Column("box", sa.Integer(), nullable=False),
        sa.Column("due", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reviews", sa.Integer(), nullable=False),
        sa.Column("lapses", sa.Integer(), nullable=False),
        sa.Column("last_score", sa.Float(), nullable=False),
        sa.Column("last_reviewed", sa.DateTime(timezone=True), nullable=True),
        sa.Column("misses", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_bank_drill_progress_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["objection_id"],
            ["bank_objections.id"],
            name=op.f("fk_bank_drill_progress_objection_id_bank_objections"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("member_id", "objection_id", name=op.f("pk_bank_drill_progress")),
    )
    with op.batch_alter_table("bank_drill_progress", schema=None) as batch_op:
        batch_op.create_index(
            "ix_bank_drill_progress_member_due", ["member_id", "due"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_bank_drill_progress_objection_id"), ["objection_id"], unique=False
        )

    op.create_table(
        "bank_guide_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("phase", sa.String(length=20), nullable=False),
        sa.Column("text", sa.String(length=500), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_bank_guide_entries_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bank_guide_entries")),
    )
    with op.batch_alter_table("bank_guide_entries", schema=None) as batch_op:
        batch_op.create_index(
            "ix_bank_guide_entries_member_phase", ["member_id", "phase"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("bank_guide_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_bank_guide_entries_member_phase")
    op.drop_table("bank_guide_entries")
    with op.batch_alter_table("bank_drill_progress", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bank_drill_progress_objection_id"))
        batch_op.drop_index("ix_bank_drill_progress_member_due")
    op.drop_table("bank_drill_progress")
    with op.batch_alter_table("bank_votes", schema=None) as batch_op:
        batch_op.drop_index("ix_bank_votes_team_answer")
        batch_op.drop_index(batch_op.f("ix_bank_votes_member_id"))
    op.drop_table("bank_votes")
    with op.batch_alter_table("bank_answers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bank_answers_team_id"))
        batch_op.drop_index("ix_bank_answers_objection_team")
    op.drop_table("bank_answers")
    with op.batch_alter_table("bank_objections", schema=None) as batch_op:
        batch_op.drop_index("uq_bank_objections_global_key")
        batch_op.drop_index("ix_bank_objections_team_status")
    op.drop_table("bank_objections")
