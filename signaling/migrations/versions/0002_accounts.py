"""Admin users, webhook endpoints, privacy settings and audit events (encrypted columns).

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _org_fk(primary_key: bool = False) -> sa.Column:
    return sa.Column(
        "organization_id",
        sa.String(40),
        sa.ForeignKey("organizations.id", ondelete="CASCADE"),
        nullable=False,
        primary_key=primary_key,
        index=not primary_key,
    )


def upgrade() -> None:
    op.create_table(
        "admin_users",
        sa.Column("id", sa.String(40), primary_key=True),
        _org_fk(),
        sa.Column("email", sa.LargeBinary, nullable=False),
        sa.Column("email_index", sa.String(64), nullable=False),
        sa.Column("display_name", sa.LargeBinary, nullable=False),
        sa.Column("external_id", sa.LargeBinary, nullable=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("organization_id", "email_index"),
    )
    op.create_table(
        "webhook_endpoints",
        sa.Column("id", sa.String(40), primary_key=True),
        _org_fk(),
        sa.Column("url", sa.String(2048), nullable=False),
        sa.Column("events", sa.String(500), nullable=False),
        sa.Column("secret", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "privacy_settings",
        _org_fk(primary_key=True),
        sa.Column("relay_only", sa.Boolean, nullable=False),
        sa.Column("audit_retention_days", sa.Integer, nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "audit_events",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("organization_id", sa.String(40), nullable=True, index=True),
        sa.Column("actor", sa.String(80), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("target", sa.String(80), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, index=True),
    )


def downgrade() -> None:
    op.drop_table("audit_events")
    op.drop_table("privacy_settings")
    op.drop_table("webhook_endpoints")
    op.drop_table("admin_users")
