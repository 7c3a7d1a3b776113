"""The database's deployment id: one random row, told by every signaling node in its
heartbeat, so that a node started on another database than its peers' refuses to start.

Revision ID: 0011
Revises: 0010
"""

import datetime as dt
import secrets

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table(
        "deployment",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.bulk_insert(table, [{"id": "dep_" + secrets.token_hex(16),
                            "created_at": dt.datetime.now(dt.UTC)}])


def downgrade() -> None:
    op.drop_table("deployment")
