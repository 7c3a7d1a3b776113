"""Another Fjord deployment on the same Redis server, in another database.

Redis databases (``redis://host:6379/<n>``) separate keys but not pub/sub: a channel is one
for the whole server. Two deployments on one Redis in databases 0 and 1 keep their node
registries apart, yet each SFU worker hears the control requests sent to the worker of the
same name in the other deployment, and each signaling node the room events of the other's
(measured: a group room's join placed on ``sfu-1-w0`` of database 0 also created the
participant on ``sfu-1-w0`` of database 2, whose answer could win). A node whose
``redis_url`` names another database than the rest of its deployment (a typo) would also
work only half: it sees no SFU node and no room member, but hears their channels.

:func:`live_nodes_elsewhere` finds the live nodes of other databases, so that a role refuses
to start next to them (:func:`fjord.cli._check_redis`).
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from redis.asyncio import Redis
from redis.exceptions import RedisError

LIVE_PATTERNS = ("fjord:signode:*", "fjord:sfu:node:*")
"""Keys that exist only while a node heartbeats (they expire after the node TTL): signaling
nodes' and SFU workers'."""


def with_database(url: str, database: int) -> str:
    """``url`` naming Redis database ``database`` instead (path, or ``db=`` for unix://)."""
    parts = urlsplit(url)
    if parts.scheme == "unix":
        query = [(k, v) for k, v in parse_qsl(parts.query) if k != "db"]
        # built by hand: urlunsplit drops the empty host's ``//`` (unix:/run/...)
        return f"unix://{parts.netloc}{parts.path}?" + urlencode([*query, ("db", database)])
    return urlunsplit(parts._replace(path=f"/{database}"))


async def live_nodes_elsewhere(redis: Redis, url: str) -> dict[int, str]:
    """The other databases of ``redis``'s server that hold a live Fjord node: ``{database:
    one node's key}``. Databases this client may not read (ACL) are skipped.

    :param redis: a client on ``url``.
    """
    own = int(redis.connection_pool.connection_kwargs.get("db") or 0)
    try:
        keyspace = await redis.info("keyspace")
    except RedisError:
        return {}
    found: dict[int, str] = {}
    for name in keyspace:
        if not name.startswith("db") or not name[2:].isdigit() or int(name[2:]) == own:
            continue
        database = int(name[2:])
        other = Redis.from_url(with_database(url, database), socket_connect_timeout=5,
                               socket_timeout=5)
        try:
            for pattern in LIVE_PATTERNS:
                async for key in other.scan_iter(match=pattern, count=1000):
                    found[database] = key.decode(errors="replace")
                    break
                if database in found:
                    break
        except RedisError:
            continue
        finally:
            await other.aclose()
    return found
