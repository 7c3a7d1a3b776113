"""Insights (room and participant sessions: times, counts, roles) and room themes.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "insight_room_sessions",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("organization_id", sa.String(40),
                  sa.ForeignKey("organizations.id", ondelete="CASCADE"), nullable=False),
        sa.Column("room_name", sa.String(80), nullable=False),
        sa.Column("room_created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("room_end_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_insight_room_sessions_organization_id", "insight_room_sessions",
                    ["organization_id"])
    op.create_index("ix_insight_room_sessions_room_name", "insight_room_sessions",
                    ["room_name"])
    op.create_index("ix_insight_room_sessions_started_at", "insight_room_sessions",
                    ["started_at"])
    op.create_table(
        "insight_participant_sessions",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("organization_id", sa.String(40),
                  sa.ForeignKey("organizations.id", ondelete="CASCADE"), nullable=False),
        sa.Column("room_session_id", sa.String(40),
                  sa.ForeignKey("insight_room_sessions.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("participant_id", sa.String(64), nullable=False),
        sa.Column("role_name", sa.String(20), nullable=False),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("left_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("external_id", sa.LargeBinary(), nullable=True),
        sa.Column("external_id_index", sa.String(64), nullable=True),
    )
    op.create_index("ix_insight_participant_sessions_organization_id",
                    "insight_participant_sessions", ["organization_id"])
    op.create_index("ix_insight_participant_sessions_room_session_id",
                    "insight_participant_sessions", ["room_session_id"])
    op.create_index("ix_insight_participant_sessions_external_id_index",
                    "insight_participant_sessions", ["external_id_index"])
    op.create_table(
        "room_themes",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("meeting_id", sa.String(40),
                  sa.ForeignKey("meetings.id", ondelete="CASCADE"), nullable=False),
        sa.Column("part", sa.String(40), nullable=False),
        sa.Column("organization_id", sa.String(40),
                  sa.ForeignKey("organizations.id", ondelete="CASCADE"), nullable=False),
        sa.Column("value", sa.LargeBinary(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("meeting_id", "part"),
    )
    op.create_index("ix_room_themes_organization_id", "room_themes", ["organization_id"])


def downgrade() -> None:
    op.drop_table("room_themes")
    op.drop_table("insight_participant_sessions")
    op.drop_table("insight_room_sessions")
