"""Who holds a recording's lease (migration 0012), on SQLite and on PostgreSQL: a node's
later process takes over at once the recordings its earlier process held (same node id,
another boot id), instead of waiting up to a lease (60 s) for them; another node's live
lease is never taken."""

from __future__ import annotations

import datetime as dt

from signaling.recording_settings import BucketDestination
from signaling.recordings import LeaseHolder
from signaling.store import Store

DESTINATION = BucketDestination("s3", "b", "", "us-east-1", None, "AKIDTEST", "test-secret")


async def test_a_restarted_node_takes_its_earlier_process_recordings_at_once(
        store: Store) -> None:
    org_id = await store.ensure_organization("acme")
    now = dt.datetime.now(dt.UTC)
    live = now + dt.timedelta(seconds=60)
    earlier, restarted = LeaseHolder("node-a", "boot1"), LeaseHolder("node-a", "boot2")
    rows = {name: await store.recordings.start(org_id, name, "", f"{name}.mkv", DESTINATION,
                                               None, live, holder)
            for name, holder in (("mine-before", earlier), ("other-node",
                                 LeaseHolder("node-b", "boot1")),
                                 ("mine-now", restarted), ("no-holder", None))}

    orphans = await store.recordings.orphans(now, restarted)
    assert [r.room_name for r in orphans] == ["mine-before"]
    assert await store.recordings.orphans(now) == []  # the timeout rule alone: none yet
    assert await store.recordings.claim_orphan(orphans[0], now, None, live, restarted)
    assert not await store.recordings.claim_orphan(orphans[0], now, None, live, restarted)
    assert await store.recordings.orphans(now, restarted) == []  # now this process's
    for name in ("other-node", "no-holder", "mine-now"):  # a live lease of anyone else
        assert not await store.recordings.claim_orphan(rows[name], now, None, live, restarted)
    # A third process of the node takes what the second one claimed and left.
    third = await store.recordings.orphans(now, LeaseHolder("node-a", "boot3"))
    assert sorted(r.room_name for r in third) == ["mine-before", "mine-now"]
