"""Cloud recording: which process holds a recording's lease (``lease_node``, ``lease_boot``).

The node id and a random id of the process's start: a node restarted after its process died
ends at once the recordings its earlier process held (same node, another boot) instead of
waiting for their leases to run out; other nodes' leases keep the timeout rule.

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("recordings") as batch:
        batch.add_column(sa.Column("lease_node", sa.String(255)))
        batch.add_column(sa.Column("lease_boot", sa.String(32)))


def downgrade() -> None:
    with op.batch_alter_table("recordings") as batch:
        batch.drop_column("lease_boot")
        batch.drop_column("lease_node")
