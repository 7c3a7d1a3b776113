"""The rules across settings of :class:`fjord.settings.Settings`: what one setting means for
another (a TLS certificate needs its key, a wildcard address needs ``announced_ip``, two
listeners must not share a port, a key provider needs its parameters). The settings model
checks a value alone; these check a configuration, each broken rule as one line naming
every setting it ties, so that :mod:`fjord.settings_loading` can tell a command that does
not read one of them a warning instead. No settings import (the model's validator calls
:func:`check_rules`): ``settings`` is a :class:`fjord.settings.Settings`."""

from __future__ import annotations

import ipaddress
from contextvars import ContextVar
from typing import Any

from fjord.ports import LISTENERS, TURN, addresses_overlap, is_port_clash, port_clashes
from fjord.setting_checks import tls_pair_problem

MAX_PORT = 65535
KEK_PROVIDER_SETTINGS = {"pkcs11": ("kek_pkcs11_module", "kek_pkcs11_pin"),
                         "aws-kms": ("kek_aws_region", "kek_aws_key_id")}
"""The settings each key-encryption-key provider needs (keys/kek_pkcs11.py, keys/kek_aws.py)."""

ANNOUNCED_WITHOUT_ANNOUNCED_IP = ("turn_relay_ip", "sfu_listen_ip")
"""Addresses handed to clients when ``announced_ip`` is unset (the relayed address, the SFU's
candidates): a wildcard one needs it. (The TURN server in iceServers, handed out by the
signaling roles only: :func:`ice_servers_problem`.)"""
ICE_SERVERS = ("turn_listen_ip", "announced_ip", "turn_host")
"""The settings of the TURN address the signaling roles hand clients (iceServers). Their
rule (:func:`ice_servers_problem`) is theirs alone, the roles that read
``turn_host``: a relay may listen on every address, and is neither stopped nor warned."""
READS: ContextVar[frozenset[str] | None] = ContextVar("fjord_settings_reads", default=None)
"""The settings of the command :func:`fjord.settings_loading.load_settings` is building them
for (None: all)."""
BINDS: ContextVar[frozenset[str] | None] = ContextVar("fjord_settings_binds", default=None)
"""The ports of :data:`fjord.ports.LISTENERS` that command listens on (None: every
command's)."""


class RuleProblems(ValueError):
    """The rules across settings a configuration breaks (:func:`rule_problems`),
    raised by its validator so that each becomes one line naming its settings."""

    def __init__(self, problems: list[tuple[tuple[str, ...], str]]) -> None:
        super().__init__("; ".join(problem for _, problem in problems))
        self.problems = problems


def rule_problems(settings: Any) -> list[tuple[tuple[str, ...], str]]:
    """The rules across settings this configuration breaks, in order: ``[(the settings
    the rule ties, the problem), ...]`` (empty when it breaks none)."""
    problems: list[tuple[tuple[str, ...], str]] = []
    tls = ("tls_cert_file", "tls_key_file")
    if (settings.tls_cert_file is None) != (settings.tls_key_file is None):
        problems.append((tls, "tls_cert_file and tls_key_file must be given together"))
    elif settings.tls_cert_file is not None and settings.tls_key_file is not None:
        problem = tls_pair_problem(settings.tls_cert_file, settings.tls_key_file)
        if problem:
            problems.append((tls, f"tls_cert_file {settings.tls_cert_file} and tls_key_file "
                                  f"{settings.tls_key_file} cannot serve TLS: {problem}"))
    for name in ANNOUNCED_WITHOUT_ANNOUNCED_IP:
        # Clients would be told to send to 0.0.0.0: the relay's XOR-RELAYED-ADDRESS, the
        # SFU's ICE candidates (the SFU refuses the latter again at its start).
        address = getattr(settings, name)
        if settings.announced_ip is None and ipaddress.ip_address(address).is_unspecified:
            problems.append(((name, "announced_ip"),
                             f"{name} {address} needs announced_ip: set announced_ip to "
                             f"the public address of this host, or {name} to one of its "
                             "addresses"))
    ip6 = ("turn_relay_ip6", "announced_ip6")
    if settings.announced_ip6 is not None and settings.turn_relay_ip6 is None:
        problems.append((ip6, "announced_ip6 is the public address of turn_relay_ip6: "
                              "set both"))
    if settings.turn_relay_ip6 is not None and settings.announced_ip6 is None and (
            ipaddress.ip_address(settings.turn_relay_ip6).is_unspecified):
        problems.append((ip6, f"turn_relay_ip6 {settings.turn_relay_ip6} needs announced_ip6: "
                              "set announced_ip6 to the public address of this host, or "
                              "turn_relay_ip6 to one of its addresses"))
    if settings.announced_ip6 is not None and ipaddress.ip_address(settings.announced_ip6
                                                               ).is_unspecified:
        problems.append((("announced_ip6",), f"announced_ip6 {settings.announced_ip6} is no "
                         "address clients can reach: set the public IPv6 address of this "
                         "host"))
    if settings.node_ttl <= settings.node_heartbeat_interval:
        problems.append((("node_ttl", "node_heartbeat_interval"),
                         "node_ttl must exceed node_heartbeat_interval"))
    if settings.turn_relay_port_min > settings.turn_relay_port_max:
        problems.append((("turn_relay_port_min", "turn_relay_port_max"),
                         f"turn_relay_port_min {settings.turn_relay_port_min} must not exceed "
                         f"turn_relay_port_max {settings.turn_relay_port_max}"))
    # With Redis, fjord serve runs sfu_workers SFU processes, 0 meaning one per core (as
    # fjord sfu); without it, one SFU in its own process.
    workers = (settings.sfu_worker_count if settings.redis_url is not None
               else settings.sfu_workers or 1)
    problem = sfu_ports_problem(settings, workers)
    if problem:
        problems.append((("sfu_port", "sfu_workers"), problem))
    if settings.sfu_workers > 1 and settings.redis_url is None:
        problems.append((("sfu_workers", "redis_url"),
                         f"sfu_workers {settings.sfu_workers} needs redis_url: SFU workers of "
                         "their own take their rooms over Redis (fjord serve without it "
                         "runs one SFU worker in its own process)"))
    if problem := ice_servers_problem(settings):
        problems.append((ICE_SERVERS, problem))
    problems.extend(port_clashes(settings))
    if settings.announced_ip is not None and ipaddress.ip_address(
            settings.announced_ip).version != 4:
        # It replaces the relay's IPv4 relayed addresses and the TURN server's address
        # in iceServers: clients were sent to an IPv6 address nothing relayed on.
        problems.append((("announced_ip", "turn_relay_ip"),
                         f"announced_ip {settings.announced_ip} is an IPv6 address, but the "
                         f"relay's relayed addresses are IPv4 (turn_relay_ip "
                         f"{settings.turn_relay_ip}): set announced_ip to the public IPv4 "
                         "address of this host (the IPv6 one is announced_ip6)"))
    for provider, needed in KEK_PROVIDER_SETTINGS.items():
        missing = [name for name in needed if getattr(settings, name) in (None, "")]
        if settings.kek_provider == provider and missing:
            problems.append((("kek_provider", *needed),
                             f"kek_provider {provider} needs {' and '.join(missing)}"))
    return problems


def rule_inputs(names: tuple[str, ...]) -> set[str]:
    """The settings the check of a rule tying ``names`` reads: those, and for a listener's
    port the address it listens on (a clash of two ports is one on overlapping addresses)."""
    return {*names, *(LISTENERS[name].ip_setting for name in names if name in LISTENERS)}


def stops(names: tuple[str, ...], reads: frozenset[str] | None,
          binds: frozenset[str] | None) -> bool:
    """Does a broken rule tying ``names`` stop a command that reads ``reads`` and listens
    on ``binds`` (None: every setting, every port)? Only if it reads them all, and for a
    clash of two ports, only if it listens on both."""
    return ((reads is None or reads.issuperset(names))
            and (binds is None or not is_port_clash(names) or binds.issuperset(names)))


def check_rules(settings: Any) -> None:
    """Raise :class:`RuleProblems` with every rule ``settings`` breaks that stops the command
    being loaded (the settings model's validator calls it).

    A rule ties settings together; a command that does not read all of them (fjord turn and
    sfu_listen_ip) is not stopped by it: load_settings warns instead. A clash of two ports
    stops only a command that listens on both."""
    reads, binds = READS.get(), BINDS.get()
    problems = [(names, problem) for names, problem in rule_problems(settings)
                if stops(names, reads, binds)]
    if problems:  # all at once: one broken rule hid the next
        raise RuleProblems(problems)


def ice_servers_problem(settings: Any) -> str | None:
    """Why the TURN server this signaling node hands to clients (iceServers) would be no
    address they can reach (a wildcard ``turn_listen_ip`` with neither ``announced_ip``
    nor ``turn_host``), or None. Only roles that hand out iceServers ask."""
    if settings.turn_host is not None or settings.announced_ip is not None:
        return None
    if not ipaddress.ip_address(settings.turn_listen_ip).is_unspecified:
        return None
    return (f"turn_listen_ip {settings.turn_listen_ip} needs announced_ip: set announced_ip "
            "to the public address of this host (or turn_host to the relays' host name), "
            "or turn_listen_ip to one of its addresses")


def sfu_ports_problem(settings: Any, workers: int) -> str | None:
    """Why ``workers`` SFU workers cannot have one UDP port each from ``sfu_port`` up,
    or None."""
    last = settings.sfu_port + workers - 1
    if last <= MAX_PORT:
        return None
    return (f"sfu_port {settings.sfu_port} with {workers} SFU workers needs UDP ports up to "
            f"{last}, above {MAX_PORT}: lower sfu_port or sfu_workers")


def turn_metrics_ports_problem(settings: Any) -> tuple[tuple[str, ...], str] | None:
    """Why ``fjord turn``'s ``turn_workers`` relay processes cannot each serve ``/metrics``
    on a TCP port of their own (process ``i`` on ``metrics_port + i``), or None: ``(the
    settings the rule ties, the problem)``. A port above 65535, or the TURN TCP or TLS
    listener's on the same address, stopped a relay process at its start (the first one's
    own port is :func:`fjord.ports.port_clashes`'s)."""
    first, workers = settings.metrics_port, settings.turn_workers
    if first is None or workers == 1:
        return None
    last = first + workers - 1
    if last > MAX_PORT:
        return (("metrics_port", "turn_workers"),
                f"metrics_port {first} with {workers} relay processes needs TCP ports up to "
                f"{last} (one /metrics each), above {MAX_PORT}: lower metrics_port or "
                "turn_workers")
    for listener in (TURN["tcp"], TURN["tls"]):
        port = getattr(settings, listener.port_setting)
        if (port is not None and first < port <= last
                and addresses_overlap(settings.metrics_listen_ip, settings.turn_listen_ip)):
            return (("metrics_port", "turn_workers", listener.port_setting),
                    f"metrics_port {first} with {workers} relay processes takes TCP ports "
                    f"{first}-{last} (one /metrics each), and {listener.port_setting} {port} "
                    f"is among them: relay process {port - first + 1}'s /metrics and the "
                    f"{listener.name} listener cannot share it; move metrics_port")
    return None
