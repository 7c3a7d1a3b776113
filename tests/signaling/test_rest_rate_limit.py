"""The REST API's rate-limit buckets (docs/api.md): one per IPv4 address, one per IPv6 /64
(a client holds the whole /64 and may send each request from another address of it), an
IPv4-mapped IPv6 address in its IPv4 address's bucket."""

from __future__ import annotations

import functools

import httpx
import pytest
from fastapi import FastAPI

from operability.ratelimit import KeyedRateLimiter, rate_limit_key
from signaling import app as app_module
from signaling.app import API_BURST, create_app
from signaling.context import SignalingContext


@pytest.fixture
def app(ctx: SignalingContext, monkeypatch: pytest.MonkeyPatch) -> FastAPI:
    """The API with its rate limiter's clock standing still: no bucket refills."""
    monkeypatch.setattr(app_module, "KeyedRateLimiter",
                        functools.partial(KeyedRateLimiter, clock=lambda: 0.0))
    return create_app(ctx)


async def statuses(app: FastAPI, api_key: str, address: str, count: int) -> list[int]:
    """The statuses of ``count`` ``GET /v1/meetings`` sent from ``address``."""
    transport = httpx.ASGITransport(app=app, client=(address, 50000))
    async with httpx.AsyncClient(transport=transport, base_url="https://testserver",
                                 headers={"Authorization": f"Bearer {api_key}"}) as http:
        return [(await http.get("/v1/meetings")).status_code for _ in range(count)]


def test_rate_limit_buckets_are_client_addresses_or_one_shared_bucket() -> None:
    assert rate_limit_key("203.0.113.7") == "203.0.113.7"
    assert rate_limit_key("2001:DB8::1") == "2001:db8::/64"
    assert rate_limit_key("2001:db8:0:0:ffff:1:2:3") == "2001:db8::/64"
    assert rate_limit_key("2001:db8:0:1::1") == "2001:db8:0:1::/64"
    assert rate_limit_key("::ffff:203.0.113.7") == "203.0.113.7"
    # values a forwarding proxy passed on that are no address share one bucket
    assert rate_limit_key("zz1") == rate_limit_key("zz2") == rate_limit_key(None) == "invalid"


async def test_two_addresses_of_one_ipv6_64_share_a_bucket(app: FastAPI, api_key: str) -> None:
    assert set(await statuses(app, api_key, "2001:db8:1:2::1", int(API_BURST))) == {200}
    assert await statuses(app, api_key, "2001:db8:1:2:ffff:ee:dd:7", 1) == [429]
    assert await statuses(app, api_key, "2001:db8:1:2::1", 1) == [429]
    # another /64, even next door, has a bucket of its own
    assert await statuses(app, api_key, "2001:db8:1:3::1", 1) == [200]


async def test_ipv4_addresses_keep_a_bucket_each(app: FastAPI, api_key: str) -> None:
    assert set(await statuses(app, api_key, "203.0.113.7", int(API_BURST))) == {200}
    assert await statuses(app, api_key, "203.0.113.7", 1) == [429]
    assert await statuses(app, api_key, "203.0.113.8", 1) == [200]


async def test_an_ipv4_mapped_address_is_its_ipv4_address(app: FastAPI, api_key: str) -> None:
    """A dual-stack listener names an IPv4 client ``::ffff:a.b.c.d``."""
    assert set(await statuses(app, api_key, "127.0.0.1", int(API_BURST))) == {200}
    assert await statuses(app, api_key, "::ffff:127.0.0.1", 1) == [429]
