"""SFU worker process of ``fjord bench sfu``: one :class:`sfu.worker.SfuWorker`, one core.

``python -m bench.sfu_runner CORE`` (``CORE`` -1: no pinning) with the control authkey in
the hex environment variable ``FJORD_BENCH_AUTHKEY``. The process pins itself to ``CORE``
(``os.sched_setaffinity``), runs the worker on 127.0.0.1 with uvloop when available, and
serves the worker's control API on a ``multiprocessing.connection.Listener`` (127.0.0.1,
authenticated): a client sends the request dataclasses of :mod:`sfu.control` and gets
``("ok", response)`` or ``("error", message)`` back; the string ``"stats"`` returns
``("ok", {"forwarded_packets": n, "received_packets": n, "drops": {...}, "consumers": n,
"layer_switches": n, "retransmission_packets": n, "retransmission_bytes": n})`` (the
last four read on the event loop: active consumers, simulcast layer switches so far, and
what the retransmission caches hold). It prints
``ready <media port> <control port>`` on stdout and exits on ``stop`` or end of stdin.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import threading
from multiprocessing.connection import Connection, Listener
from typing import Any

AUTHKEY_ENV = "FJORD_BENCH_AUTHKEY"


def pin_to_core(core: int) -> bool:
    """Restrict this process to logical CPU ``core``; False when not possible."""
    if core < 0 or not hasattr(os, "sched_setaffinity"):
        return False
    try:
        os.sched_setaffinity(0, {core})
    except OSError:
        return False
    return True


def _serve(conn: Connection, worker: Any, loop: asyncio.AbstractEventLoop) -> None:
    with conn:
        while True:
            try:
                request = conn.recv()
            except (EOFError, OSError):
                return
            if request == "stats":
                stats = worker.stats
                rooms = asyncio.run_coroutine_threadsafe(_room_stats(worker), loop)
                reply: tuple[str, Any] = ("ok", {
                    "forwarded_packets": stats.forwarded_packets,
                    "received_packets": stats.received_packets,
                    "drops": dict(stats.drops),
                    **rooms.result(30),
                })
            else:
                future = asyncio.run_coroutine_threadsafe(worker.handle(request), loop)
                try:
                    reply = ("ok", future.result(60))
                except Exception as exc:  # control failures go back to the caller
                    reply = ("error", f"{type(exc).__name__}: {exc}")
            try:
                conn.send(reply)
            except OSError:
                return


async def _room_stats(worker: Any) -> dict[str, int]:
    """Consumers, layer switches and retransmission cache contents of every room (read on
    the event loop, where they change)."""
    consumers = switches = packets = octets = 0
    for router in worker.rooms.values():
        for p in router.participants.values():
            for slot in p.slots:
                c = slot.consumer
                if c is not None and c.active:
                    consumers += 1
                    switches += getattr(c, "switches", 0)
            for producer in p.producers.values():
                for layer in producer.layers:
                    if layer.buffer is not None:
                        held, size = layer.buffer.stored()
                        packets += held
                        octets += size
    return {"consumers": consumers, "layer_switches": switches,
            "retransmission_packets": packets, "retransmission_bytes": octets}


def _accept(listener: Listener, worker: Any, loop: asyncio.AbstractEventLoop) -> None:
    while True:
        try:
            conn = listener.accept()
        except OSError:
            return
        threading.Thread(target=_serve, args=(conn, worker, loop), daemon=True).start()


async def _main(authkey: bytes) -> None:
    from sfu.control import SfuConfig
    from sfu.worker import SfuWorker

    loop = asyncio.get_running_loop()
    # Benchmarks run longer than consent freshness would allow without refreshes, and a
    # machine shared with other work may take the load processes longer than the default
    # 30 s from a subscribe offer to a connected DTLS session.
    config = SfuConfig(listen_ip="127.0.0.1", port=0, max_participants=2000,
                       consent_timeout=3600.0, dtls_timeout=300.0)
    worker = SfuWorker(config)
    await worker.start()
    listener = Listener(("127.0.0.1", 0), authkey=authkey)
    threading.Thread(target=_accept, args=(listener, worker, loop), daemon=True).start()
    stop = asyncio.Event()

    def read_stdin() -> None:
        for line in sys.stdin:
            if line.strip() == "stop":
                break
        loop.call_soon_threadsafe(stop.set)

    threading.Thread(target=read_stdin, daemon=True).start()
    print(f"ready {worker.address[1]} {listener.address[1]}", flush=True)
    try:
        await stop.wait()
    finally:
        listener.close()
        await worker.close()


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    pin_to_core(int(args[0]) if args else -1)
    authkey = bytes.fromhex(os.environ.get(AUTHKEY_ENV, ""))
    if not authkey:
        raise SystemExit(f"{AUTHKEY_ENV} is not set")
    runner = asyncio.run
    with contextlib.suppress(ImportError):
        import uvloop

        runner = uvloop.run
    runner(_main(authkey))


if __name__ == "__main__":
    main()
