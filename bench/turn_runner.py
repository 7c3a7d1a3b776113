"""Runs Fjord's TURN server alone in this process, for the benchmark to measure its CPU.

``python -m bench.turn_runner --port P --relay-min A --relay-max B [--coalesce-us US]
[--reuse-port] [--profile FILE]`` with
the REST secret in the ``FJORD_BENCH_TURN_SECRET`` environment variable (kept off the
command line). UDP listener only, on 127.0.0.1, peers on 127.0.0.1 allowed, uvloop when
installed, the native relay core unless ``FJORD_TURN_NATIVE=off`` (as ``fjord turn``).
Prints ``ready <port>`` on stdout once bound; SIGTERM or SIGINT closes the server (and
writes the cProfile statistics when ``--profile`` is given).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys

from turn.config import TurnConfig
from turn.native_server import make_turn_server

SECRET_ENV = "FJORD_BENCH_TURN_SECRET"


def bench_config(
    port: int, relay_min: int, relay_max: int, secret: bytes, realm: str,
    coalesce_us: int | None = None,
) -> TurnConfig:
    """The benchmark's TURN configuration, equivalent to the coturn command line.

    The per-address limits (unauthenticated answers, STUN messages) are raised or off so that
    hundreds of allocations made at once from 127.0.0.1 are not throttled during setup
    (coturn has no such limits); quotas
    are raised to the number of relay ports. ``coalesce_us`` None keeps the default
    :attr:`TurnConfig.native_coalesce_us`.
    """
    ports = relay_max - relay_min + 1
    config = TurnConfig(
        listen_ip="127.0.0.1",
        relay_ip="127.0.0.1",
        udp_port=port,
        tcp_port=None,
        tls_port=None,
        relay_port_min=relay_min,
        relay_port_max=relay_max,
        secrets=[secret],
        realm=realm,
        allowed_peer_ips=["127.0.0.1/32"],
        max_allocations=ports,
        max_allocations_per_user=ports,
        unauthenticated_rate=100_000.0,
        unauthenticated_burst=100_000,
        request_rate=0.0,
    )
    if coalesce_us is not None:
        config.native_coalesce_us = coalesce_us
    return config


async def _serve(config: TurnConfig) -> None:
    native = "off" if os.environ.get("FJORD_TURN_NATIVE") == "off" else "auto"
    server = make_turn_server(config, native)
    await server.start()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    assert server.udp_address is not None
    print(f"ready {server.udp_address[1]}", flush=True)
    try:
        await stop.wait()
    finally:
        await server.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--relay-min", type=int, required=True)
    parser.add_argument("--relay-max", type=int, required=True)
    parser.add_argument("--realm", default="fjord")
    parser.add_argument("--log-file")
    parser.add_argument("--coalesce-us", type=int, help="native core coalescing time (us)")
    parser.add_argument("--reuse-port", action="store_true",
                        help="bind with SO_REUSEPORT (one of several workers on the port)")
    parser.add_argument("--profile", help="write cProfile statistics to this file")
    args = parser.parse_args(argv)
    secret = os.environ.get(SECRET_ENV)
    if not secret:
        sys.exit(f"set {SECRET_ENV}")
    logging.basicConfig(
        filename=args.log_file, level=logging.INFO, format="%(asctime)s %(name)s %(message)s"
    )
    config = bench_config(args.port, args.relay_min, args.relay_max, secret.encode(), args.realm,
                          args.coalesce_us)
    config.reuse_port = args.reuse_port
    try:
        import uvloop

        runner = uvloop.run
    except ImportError:
        runner = asyncio.run
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
        try:
            runner(_serve(config))
        finally:
            profiler.disable()
            profiler.dump_stats(args.profile)
    else:
        runner(_serve(config))


if __name__ == "__main__":
    main()
