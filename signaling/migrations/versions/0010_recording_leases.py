"""Cloud recording (issue 14): who still records a recording, and its meeting's credentials.

``lease_until``: the process recording it renews this while it runs; a row still
``recording`` past it (a process killed or gone) is reconciled as failed by any node.
``meeting_id`` and ``credentials_deleted``: ``DELETE /v1/meetings/{id}`` shreds the sealed
bucket credentials of the meeting's recordings too.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("recordings") as batch:
        batch.add_column(sa.Column("lease_until", sa.DateTime(timezone=True)))
        batch.add_column(sa.Column("meeting_id", sa.String(40)))
        batch.add_column(sa.Column("credentials_deleted", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
        batch.create_index("ix_recordings_meeting_id", ["meeting_id"])


def downgrade() -> None:
    with op.batch_alter_table("recordings") as batch:
        batch.drop_index("ix_recordings_meeting_id")
        batch.drop_column("credentials_deleted")
        batch.drop_column("meeting_id")
        batch.drop_column("lease_until")
