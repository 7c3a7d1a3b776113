"""A bandwidth limit on the loopback device of the test's own network namespace (``tc``,
HTB): UDP packets to (or from) one port go through a class of the given rate with a
drop-tail queue; other packets pass unclassified (HTB sends them directly; this kernel has no
``prio`` qdisc)."""

from __future__ import annotations

import subprocess
from typing import Literal


def tc(*args: str) -> None:
    subprocess.run(["tc", *args], check=True, capture_output=True, timeout=10)


def limit_udp_port(port: int, rate: str, queue_bytes: int,
                   match: Literal["dport", "sport"] = "dport") -> None:
    """UDP packets whose ``match`` port is ``port`` through a ``rate`` class (tc's units,
    e.g. ``400kbit``) with a drop-tail queue of ``queue_bytes``."""
    tc("qdisc", "add", "dev", "lo", "root", "handle", "1:", "htb")
    tc("class", "add", "dev", "lo", "parent", "1:", "classid", "1:20", "htb", "rate", rate,
       "ceil", rate)
    tc("qdisc", "add", "dev", "lo", "parent", "1:20", "handle", "20:", "bfifo", "limit",
       str(queue_bytes))
    tc("filter", "add", "dev", "lo", "parent", "1:", "protocol", "ip", "prio", "1", "u32",
       "match", "ip", "protocol", "17", "0xff", "match", "ip", match, str(port), "0xffff",
       "flowid", "1:20")


def lift_limit() -> None:
    """Remove the limit (nothing if there is none)."""
    subprocess.run(["tc", "qdisc", "del", "dev", "lo", "root"], capture_output=True,
                   timeout=10)
