"""Cloud recording (issue 14): meetings' recording settings and recordings' metadata.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "meeting_recording_settings",
        sa.Column("id", sa.String(40), sa.ForeignKey("meetings.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("organization_id", sa.String(40), nullable=False, index=True),
        sa.Column("type", sa.String(10), nullable=False),
        sa.Column("start_trigger", sa.String(32), nullable=False),
        sa.Column("provider", sa.String(10)),
        sa.Column("bucket", sa.String(63)),
        sa.Column("key_prefix", sa.String(512), nullable=False),
        sa.Column("region", sa.String(40)),
        sa.Column("endpoint", sa.String(2048)),
        sa.Column("file_format", sa.String(8), nullable=False),
        sa.Column("access_key_id", sa.LargeBinary()),
        sa.Column("access_key_secret", sa.LargeBinary()),
        sa.Column("encryption_public_key", sa.String(100)),
    )
    op.create_table(
        "recordings",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("organization_id", sa.String(40),
                  sa.ForeignKey("organizations.id", ondelete="CASCADE"), nullable=False,
                  index=True),
        sa.Column("room_name", sa.String(80), nullable=False, index=True),
        sa.Column("room_session_id", sa.String(40), nullable=False),
        sa.Column("filename", sa.String(1100), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("start_date", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.Column("end_date", sa.DateTime(timezone=True)),
        sa.Column("provider", sa.String(10), nullable=False),
        sa.Column("bucket", sa.String(63), nullable=False),
        sa.Column("region", sa.String(40)),
        sa.Column("endpoint", sa.String(2048)),
        sa.Column("access_key_id", sa.LargeBinary()),
        sa.Column("access_key_secret", sa.LargeBinary()),
    )


def downgrade() -> None:
    op.drop_table("recordings")
    op.drop_table("meeting_recording_settings")
