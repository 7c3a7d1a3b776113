"""Cloud recording (issue 14): an organization's age recipient that every cloud recording of
its meetings is encrypted to (privacy settings, ``encryptionPublicKey``).

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("privacy_settings") as batch:
        batch.add_column(sa.Column("recording_encryption_public_key", sa.String(100)))


def downgrade() -> None:
    with op.batch_alter_table("privacy_settings") as batch:
        batch.drop_column("recording_encryption_public_key")
