"""Buddy pairs: cohorts, teaching days, members, pairs per period, reflections, nudges.

Revision ID: 0003_supervision
Revises: 0002_bank
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_supervision"
down_revision = "0002_bank"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cohorts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("join_code", sa.String(length=32), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["members.id"],
            name=op.f("fk_cohorts_created_by_members"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_cohorts_team_id_teams"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cohorts")),
        sa.UniqueConstraint("join_code", name=op.f("uq_cohorts_join_code")),
        sa.UniqueConstraint("team_id", "name", name=op.f("uq_cohorts_team_id")),
    )
    with op.batch_alter_table("cohorts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cohorts_team_id"), ["team_id"], unique=False)

    op.create_table(
        "buddy_pairs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("period_index", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("booked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("booked_on", sa.DateTime(timezone=True), nullable=True),
        sa.Column("booked_by", sa.Integer(), nullable=True),
        sa.Column("invite_sequence", sa.Integer(), nullable=False),
        sa.Column("snoozed", sa.JSON(), nullable=False),
        sa.Column("reported_by", sa.Integer(), nullable=True),
        sa.Column("dissolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["booked_by"],
            ["members.id"],
            name=op.f("fk_buddy_pairs_booked_by_members"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["cohort_id"],
            ["cohorts.id"],
            name=op.f("fk_buddy_pairs_cohort_id_cohorts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["reported_by"],
            ["members.id"],
            name=op.f("fk_buddy_pairs_reported_by_members"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_buddy_pairs")),
    )
    with op.batch_alter_table("buddy_pairs", schema=None) as batch_op:
        batch_op.create_index(
            "ix_buddy_pairs_cohort_period", ["cohort_id", "period_index"], unique=False
        )

    op.create_table(
        "cohort_members",
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("left_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("paused", sa.Boolean(), nullable=False),
        sa.Column("paused_until", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["cohort_id"],
            ["cohorts.id"],
            name=op.f("fk_cohort_members_cohort_id_cohorts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_cohort_members_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("cohort_id", "member_id", name=op.f("pk_cohort_members")),
    )
    with op.batch_alter_table("cohort_members", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_cohort_members_member_id"), ["member_id"], unique=False
        )

    op.create_table(
        "cohort_teaching_days",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cohort_id"],
            ["cohorts.id"],
            name=op.f("fk_cohort_teaching_days_cohort_id_cohorts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cohort_teaching_days")),
        sa.UniqueConstraint("cohort_id", "day", name=op.f("uq_cohort_teaching_days_cohort_id")),
    )
    op.create_table(
        "buddy_pair_members",
        sa.Column("pair_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_buddy_pair_members_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["pair_id"],
            ["buddy_pairs.id"],
            name=op.f("fk_buddy_pair_members_pair_id_buddy_pairs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("pair_id", "member_id", name=op.f("pk_buddy_pair_members")),
    )
    with op.batch_alter_table("buddy_pair_members", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_buddy_pair_members_member_id"), ["member_id"], unique=False
        )

    op.create_table(
        "buddy_reflections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pair_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_buddy_reflections_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["pair_id"],
            ["buddy_pairs.id"],
            name=op.f("fk_buddy_reflections_pair_id_buddy_pairs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_buddy_reflections")),
        sa.UniqueConstraint("pair_id", "member_id", name=op.f("uq_buddy_reflections_pair_id")),
    )
    op.create_table(
        "nudges",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("pair_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("claimed_by", sa.String(length=64), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_nudges_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["pair_id"],
            ["buddy_pairs.id"],
            name=op.f("fk_nudges_pair_id_buddy_pairs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_nudges")),
        sa.UniqueConstraint("pair_id", "key", name=op.f("uq_nudges_pair_id")),
    )
    with op.batch_alter_table("nudges", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_nudges_member_id"), ["member_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_nudges_pair_id"), ["pair_id"], unique=False)
        batch_op.create_index("ix_nudges_status_due_at", ["status", "due_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("nudges", schema=None) as batch_op:
        batch_op.drop_index("ix_nudges_status_due_at")
        batch_op.drop_index(batch_op.f("ix_nudges_pair_id"))
        batch_op.drop_index(batch_op.f("ix_nudges_member_id"))

    op.drop_table("nudges")
    op.drop_table("buddy_reflections")
    with op.batch_alter_table("buddy_pair_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_buddy_pair_members_member_id"))

    op.drop_table("buddy_pair_members")
    op.drop_table("cohort_teaching_days")
    with op.batch_alter_table("cohort_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cohort_members_member_id"))

    op.drop_table("cohort_members")
    with op.batch_alter_table("buddy_pairs", schema=None) as batch_op:
        batch_op.drop_index("ix_buddy_pairs_cohort_period")

    op.drop_table("buddy_pairs")
    with op.batch_alter_table("cohorts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cohorts_team_id"))

    op.drop_table("cohorts")
