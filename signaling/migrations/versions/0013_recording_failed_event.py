"""Webhooks: a failed cloud recording is its own event, ``recording.failed``.

``recording.finished`` used to report failures too (``status: failed``); Whereby sends it
only for a recording that uploaded. Every endpoint subscribed to ``recording.finished``
is subscribed to ``recording.failed`` as well, so it keeps hearing of the failures it did.

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

ENDPOINTS = sa.table("webhook_endpoints", sa.column("id", sa.String),
                     sa.column("events", sa.String))


def upgrade() -> None:
    bind = op.get_bind()
    for endpoint_id, events in bind.execute(sa.select(ENDPOINTS.c.id, ENDPOINTS.c.events)):
        names = events.split(",")
        if "recording.finished" in names and "recording.failed" not in names:
            bind.execute(ENDPOINTS.update().where(ENDPOINTS.c.id == endpoint_id)
                         .values(events=",".join([*names, "recording.failed"])))


def downgrade() -> None:
    bind = op.get_bind()
    for endpoint_id, events in bind.execute(sa.select(ENDPOINTS.c.id, ENDPOINTS.c.events)):
        names = events.split(",")
        if "recording.failed" in names:
            bind.execute(ENDPOINTS.update().where(ENDPOINTS.c.id == endpoint_id)
                         .values(events=",".join(n for n in names if n != "recording.failed")))
