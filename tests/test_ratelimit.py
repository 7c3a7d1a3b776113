"""operability.ratelimit: token buckets with an injected clock."""

from operability.ratelimit import KeyedRateLimiter, TokenBucket


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


def test_keyed_limiter_separates_keys_and_bounds_memory() -> None:
    clock = Clock()
    limiter = KeyedRateLimiter(rate=1.0, burst=1.0, max_keys=2, clock=clock)
    assert limiter.allow("a") and not limiter.allow("a")
    assert limiter.allow("b")
    assert limiter.allow("c")  # "a" is forgotten: at most two keys are kept
    assert len(limiter._buckets) == 2
    assert limiter.allow("a")
