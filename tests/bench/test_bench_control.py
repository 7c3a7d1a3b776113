"""The load processes' control client (bench/sfu_signaling.py) under concurrent callers."""

from __future__ import annotations

import threading
from multiprocessing.connection import Listener

from bench.sfu_signaling import Control


def test_concurrent_calls_each_get_their_own_reply() -> None:
    """A load process asks for subscribe offers in worker threads while its event loop sends
    viewport changes over the same connection: every caller must read its own reply."""
    authkey = b"bench-control-test"
    listener = Listener(("127.0.0.1", 0), authkey=authkey)

    def serve() -> None:
        with listener.accept() as conn:
            while True:
                try:
                    request = conn.recv()
                except EOFError:
                    return
                conn.send(("ok", request))

    server = threading.Thread(target=serve, daemon=True)
    server.start()
    control = Control(listener.address, authkey)
    mismatches: list[tuple[str, object]] = []

    def caller(name: str) -> None:
        for n in range(300):
            request = f"{name}-{n}"
            reply = control.call(request)
            if reply != request:
                mismatches.append((request, reply))

    callers = [threading.Thread(target=caller, args=(name,)) for name in ("a", "b", "c")]
    for thread in callers:
        thread.start()
    for thread in callers:
        thread.join(60)
    control.conn.close()
    server.join(10)
    listener.close()
    assert mismatches == []
