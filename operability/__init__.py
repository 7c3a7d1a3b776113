"""Operations support shared by every role: JSON logs, request ids, health and metrics
endpoints, event-loop lag, rate limiters, the TLS policy of every listener, connection
limits at accept (per client address, TLS handshakes).

Layer: the lowest; imports no other project package (docs/architecture.md).
"""
