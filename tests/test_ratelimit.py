"""operability.ratelimit: token buckets with an injected clock."""

from ipaddress import ip_address

import pytest

from operability.ratelimit import KeyedRateLimiter, MessageRateLimit, TokenBucket, client_key


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_bucket_allows_burst_then_refills_at_rate() -> None:
    clock = Clock()
    bucket = TokenBucket(rate=2.0, burst=3.0, clock=clock)
    assert [bucket.allow() for _ in range(4)] == [True, True, True, False]
    assert bucket.retry_after() == 0.5
    clock.now += 0.5
    assert bucket.allow() and not bucket.allow()
    clock.now += 100
    assert sum(bucket.allow() for _ in range(10)) == 3  # never more than the burst


def test_take_gives_what_is_available_up_to_the_wanted_count() -> None:
    clock = Clock()
    bucket = TokenBucket(rate=200.0, burst=200.0, clock=clock)
    assert bucket.take(64) == 64
    assert bucket.take(500) == 136  # the rest of the burst, not all or nothing
    assert bucket.take(5) == 0
    clock.now += 0.5
    assert bucket.take(64) == 64 and bucket.take(64) == 36  # 200/s for 0.5 s
    clock.now -= 1.0  # a clock that steps back refills nothing and costs nothing
    assert bucket.take(1) == 0
    clock.now += 1.0 + 10.0
    assert bucket.take(1000) == 200  # never more than the burst


def test_keyed_limiter_separates_keys_and_bounds_memory() -> None:
    clock = Clock()
    limiter = KeyedRateLimiter(rate=1.0, burst=1.0, max_keys=2, clock=clock)
    assert limiter.allow("a") and not limiter.allow("a")
    assert limiter.allow("b")
    assert limiter.allow("c")  # "a" is forgotten: at most two keys are kept
    assert len(limiter._buckets) == 2
    assert limiter.allow("a")


def test_message_limit_notifies_once_per_episode_and_closes_a_flood() -> None:
    clock = Clock()
    limit = MessageRateLimit(rate=10.0, clock=clock)
    assert [limit.check() for _ in range(22)] == ["allow"] * 20 + ["notify", "drop"]
    clock.now += 0.5  # 5 tokens back, still in the same episode of drops
    assert [limit.check() for _ in range(6)] == ["allow"] * 5 + ["drop"]
    clock.now += 2.0  # a quiet second: the next excess is told again
    assert [limit.check() for _ in range(21)] == ["allow"] * 20 + ["notify"]


def test_message_limit_closes_above_ten_times_the_rate_only() -> None:
    clock = Clock()
    steady = MessageRateLimit(rate=10.0, clock=clock)
    # 5x the rate for 10 s: dropped, never closed.
    verdicts = set()
    for _ in range(500):
        clock.now += 0.02
        verdicts.add(steady.check())
    assert "close" not in verdicts
    flood = MessageRateLimit(rate=10.0, clock=clock)
    # 16x the rate: closed within about two seconds.
    start = clock.now
    while flood.check() != "close":
        clock.now += 1 / 160
        assert clock.now - start < 2.5, "a flood at 16x the rate was not closed"


def test_a_limit_without_flood_factor_never_closes() -> None:
    """The per-kind limit inside a connection (``video-viewport``): one ``notify`` per
    episode, the rest dropped silently, never ``close`` (the connection's own limit does)."""
    clock = Clock()
    limit = MessageRateLimit(rate=5.0, flood_factor=None, clock=clock)
    verdicts = [limit.check() for _ in range(1000)]
    assert verdicts[:10] == ["allow"] * 10  # burst twice the rate
    assert verdicts[10] == "notify"
    assert set(verdicts[11:]) == {"drop"}


@pytest.mark.parametrize(("address", "key"), [
    ("192.0.2.1", "192.0.2.1"),
    ("::ffff:192.0.2.1", "192.0.2.1"),  # IPv4-mapped: the IPv4 client
    ("2001:db8:1:2::1", "2001:db8:1:2::/64"),
    ("2001:db8:1:2:ffff:ee:dd:7", "2001:db8:1:2::/64"),
    ("2001:db8:1:3::1", "2001:db8:1:3::/64"),
    ("fe80::1%eth0", "fe80::/64"),
])
def test_client_key_is_an_ipv4_address_or_an_ipv6_64(address: str, key: str) -> None:
    assert client_key(ip_address(address)) == key
