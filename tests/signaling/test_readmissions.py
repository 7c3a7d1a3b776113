"""One room's readmissions on one node (signaling/readmissions.py), without a server."""

from __future__ import annotations

import pytest

from signaling import readmissions
from signaling.readmissions import SPENT, Readmissions, rejoin_digest


def test_a_kept_token_admits_once() -> None:
    kept = Readmissions()
    kept.keep(rejoin_digest("t"))
    assert kept.take(rejoin_digest("t"), replacing=False)
    assert not kept.take(rejoin_digest("t"), replacing=False)
    assert not kept.take(rejoin_digest("t"), replacing=True)


def test_a_token_never_kept_admits_only_in_place_of_its_connection() -> None:
    kept = Readmissions()
    assert not kept.take(rejoin_digest("t"), replacing=False)
    assert kept.take(rejoin_digest("t"), replacing=True)  # the half-open case
    kept.keep(rejoin_digest("t"))  # the replaced connection closes: spent, not kept
    assert not kept.take(rejoin_digest("t"), replacing=False)


def test_a_kept_token_admits_within_its_time_only(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [100.0]
    monkeypatch.setattr(readmissions.time, "monotonic", lambda: now[0])
    kept = Readmissions()
    kept.keep(rejoin_digest("old"))
    now[0] += readmissions.READMIT_S
    assert not kept.take(rejoin_digest("old"), replacing=False)
    kept.keep(rejoin_digest("new"))  # forgets the one past its time
    assert kept.by_digest == {rejoin_digest("new"): now[0] + readmissions.READMIT_S}


def test_revoking_spends_every_kept_token() -> None:
    kept = Readmissions()
    kept.keep(rejoin_digest("a"))
    kept.keep(rejoin_digest("b"))
    kept.revoke()
    assert kept.by_digest == {rejoin_digest("a"): SPENT, rejoin_digest("b"): SPENT}
    kept.keep(rejoin_digest("a"))
    assert not kept.take(rejoin_digest("a"), replacing=False)
