"""Privacy settings: display-name redaction, chat switch, allowed embedding origins.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("privacy_settings") as batch:
        batch.add_column(sa.Column("redact_display_names", sa.Boolean, nullable=False,
                                   server_default=sa.false()))
        batch.add_column(sa.Column("chat_disabled", sa.Boolean, nullable=False,
                                   server_default=sa.false()))
        batch.add_column(sa.Column("allowed_embed_origins", sa.String(4000), nullable=False,
                                   server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("privacy_settings") as batch:
        batch.drop_column("allowed_embed_origins")
        batch.drop_column("chat_disabled")
        batch.drop_column("redact_display_names")
