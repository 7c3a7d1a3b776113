"""Unit tests of the special-purpose peer address policy."""

from __future__ import annotations

import ipaddress

import pytest

from turn.peer_policy import PeerPolicy, embedded_ipv4, is_special_purpose


@pytest.mark.parametrize(
    "ip",
    [
        "0.0.0.0", "10.255.255.255", "100.64.0.0", "127.0.0.1", "169.254.169.254",
        "172.20.1.1", "192.0.0.170", "192.168.0.1", "198.18.5.5", "224.0.0.251",
        "240.1.2.3", "255.255.255.255", "::", "::1", "fc00::", "fdff::1", "fe80::abcd",
        "ff0e::1", "::ffff:192.168.0.1", "::192.168.0.1", "2002:c0a8:1::1",
        "64:ff9b::7f00:1", "2001:0:4136:e378:8000:63bf:80ff:fffe",
    ],
)  # fmt: skip
def test_special_purpose_addresses_are_denied(ip: str) -> None:
    assert is_special_purpose(ipaddress.ip_address(ip))
    assert not PeerPolicy().is_allowed_ip(ip)


@pytest.mark.parametrize(
    "ip", ["8.8.8.8", "1.1.1.1", "2606:4700::1111", "::ffff:8.8.8.8", "2002:808:808::1"]
)
def test_public_addresses_are_allowed(ip: str) -> None:
    assert not is_special_purpose(ipaddress.ip_address(ip))
    assert PeerPolicy().is_allowed_ip(ip)


def test_teredo_checks_the_embedded_client() -> None:
    # Teredo server 65.54.227.120, client 127.0.0.1 (obfuscated 0x80ffff fe).
    ip = ipaddress.IPv6Address("2001:0:4136:e378:8000:63bf:80ff:fffe")
    assert ipaddress.IPv4Address("127.0.0.1") in embedded_ipv4(ip)


def test_allow_list_overrides_denial_for_every_form() -> None:
    policy = PeerPolicy(["127.0.0.1/32"])
    assert policy.is_allowed_ip("127.0.0.1")
    assert policy.is_allowed_ip("::ffff:127.0.0.1")
    assert not policy.is_allowed_ip("127.0.0.2")
    assert not policy.is_allowed_ip("not an ip")


def test_own_listeners_are_refused_even_when_allowed() -> None:
    policy = PeerPolicy(["127.0.0.0/8"], [("127.0.0.1", 3478), ("0.0.0.0", 5349)])
    assert not policy.is_allowed("127.0.0.1", 3478)
    assert not policy.is_allowed("::ffff:127.0.0.1", 3478)
    assert not policy.is_allowed("127.0.0.5", 3478)  # loopback reaches the listener too
    assert not policy.is_allowed("127.0.0.1", 5349)
    assert policy.is_allowed("127.0.0.1", 3479)
    assert PeerPolicy([], [("0.0.0.0", 5349)]).is_own_listener("8.8.8.8", 5349)
    assert not PeerPolicy([], [("127.0.0.1", 3478)]).is_own_listener("8.8.8.8", 3478)
