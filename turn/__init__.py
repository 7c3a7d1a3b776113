"""Fjord's TURN/STUN relay (RFC 8656, RFC 8489) over UDP, TCP and TLS.

Public API:

- :class:`turn.config.TurnConfig`: listen/relay/announced addresses, ports, TLS files,
  REST secrets (current first), static users, realm, allowed peer CIDRs, quotas,
  bandwidth limit, lifetimes, limits.
- :class:`turn.server.TurnServer`: ``TurnServer(config)``, ``await start()``, ``await
  close()`` (or ``async with``), bound addresses ``udp_address``, ``tcp_address``,
  ``tls_address`` and ``counters`` (relayed packets/bytes, drops by reason).
- :func:`turn.native_server.make_turn_server`: ``make_turn_server(config, native="auto")``,
  the server with its UDP relay in the native core when the optional extension was built
  (:class:`turn.native_server.NativeTurnServer`, same interface), else a ``TurnServer``.
- :mod:`turn.credentials`: ``rest_credentials(secret, user, ttl_s)`` and
  ``rest_password(secret, username)`` to mint ICE-server credentials (TURN REST API).
- :mod:`turn.stun`: the pure STUN codec, also used by the SFU's ICE-lite responder.
- :mod:`turn.metrics`: Prometheus metrics ``fjord_turn_*`` in the default registry.

Layout: codec in :mod:`turn.stun`; allocation state in :mod:`turn.allocation`,
:mod:`turn.permission`, :mod:`turn.channel`, :mod:`turn.five_tuple` and the table in
:mod:`turn.allocations`; one handler per method in :mod:`turn.handlers`, dispatched by
:mod:`turn.dispatcher` after :mod:`turn.auth`; the synchronous data path in
:mod:`turn.relay` (the reference), its native UDP counterpart in ``turn/_relaycore.c``
(typed in ``_relaycore.pyi``) wired by :mod:`turn.native_relay` and
:mod:`turn.native_server`; listeners in :mod:`turn.server` and :mod:`turn.stream`; the peer address
policy in :mod:`turn.peer_policy`. Payloads are never parsed, logged or stored; logs carry
allocation ids and truncated client addresses only.
"""
