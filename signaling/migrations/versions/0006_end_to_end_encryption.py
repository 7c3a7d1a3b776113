"""End-to-end encrypted group rooms (issue 16): a meeting option and an organization setting.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("meetings") as batch:
        batch.add_column(sa.Column("end_to_end_encryption", sa.Boolean, nullable=False,
                                   server_default=sa.false()))
    with op.batch_alter_table("privacy_settings") as batch:
        batch.add_column(sa.Column("end_to_end_encryption", sa.Boolean, nullable=False,
                                   server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("privacy_settings") as batch:
        batch.drop_column("end_to_end_encryption")
    with op.batch_alter_table("meetings") as batch:
        batch.drop_column("end_to_end_encryption")
