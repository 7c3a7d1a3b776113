"""The operator certificate in service is named in the log with its expiry, warned about
before browsers refuse it, and exported for alerting (keys.tls_reload)."""

from __future__ import annotations

import logging
import ssl
from pathlib import Path

import pytest
from cryptography import x509
from prometheus_client import REGISTRY

from keys.devtls import ensure_dev_certificates
from keys.tls_reload import CERT_WARN_DAYS, TlsReloader

DAY_S = 86400.0


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def _reloader(tmp_path: Path, days_before_expiry: float) -> tuple[TlsReloader, Clock, float]:
    dev = ensure_dev_certificates(tmp_path)
    leaf = x509.load_pem_x509_certificate(dev.cert.read_bytes())
    expires = leaf.not_valid_after_utc.timestamp()
    clock = Clock(expires - days_before_expiry * DAY_S)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    return TlsReloader(dev.cert, dev.key, [context], clock=clock), clock, expires


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    messages = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    caplog.clear()
    return messages


def test_the_certificate_in_service_is_named_with_its_expiry(tmp_path, caplog) -> None:
    reloader, _, expires = _reloader(tmp_path, days_before_expiry=100)
    with caplog.at_level(logging.INFO, logger="fjord.tls"):
        reloader.report()
    [line] = [r.getMessage() for r in caplog.records]
    assert line.startswith("TLS certificate in service from localhost.pem: for localhost")
    assert "127.0.0.1" in line and "valid until 20" in line and " UTC" in line
    assert REGISTRY.get_sample_value("fjord_tls_certificate_expiry_timestamp_seconds") == expires
    assert reloader.expires_at == expires


def test_a_certificate_near_its_expiry_is_warned_about_daily(tmp_path, caplog) -> None:
    reloader, clock, _ = _reloader(tmp_path, days_before_expiry=CERT_WARN_DAYS - 4)
    with caplog.at_level(logging.INFO, logger="fjord.tls"):
        reloader.report()
        [warning] = _warnings(caplog)
        assert f"expires in {CERT_WARN_DAYS - 4}.0 days" in warning and "renew it" in warning
        clock.now += 3600  # the poll an hour later: already said today
        reloader._warn_if_due()
        assert _warnings(caplog) == []
        clock.now += DAY_S
        reloader._warn_if_due()
        [warning] = _warnings(caplog)
        assert f"expires in {CERT_WARN_DAYS - 5}.0 days" in warning
        clock.now += 20 * DAY_S
        reloader._warn_if_due()
        [warning] = _warnings(caplog)
        assert "expired on" in warning and "browsers refuse it" in warning


def test_a_certificate_far_from_expiry_gets_no_warning(tmp_path, caplog) -> None:
    reloader, clock, _ = _reloader(tmp_path, days_before_expiry=CERT_WARN_DAYS + 1)
    with caplog.at_level(logging.INFO, logger="fjord.tls"):
        reloader.report()
        reloader._warn_if_due()
        assert _warnings(caplog) == []
        clock.now += 2 * DAY_S  # now within the window: the daily poll says so
        reloader._warn_if_due()
        assert len(_warnings(caplog)) == 1


def test_a_certificate_not_yet_valid_is_warned_about(tmp_path, caplog) -> None:
    reloader, clock, _ = _reloader(tmp_path, days_before_expiry=0)
    leaf = x509.load_pem_x509_certificate(reloader.cert.read_bytes())
    clock.now = leaf.not_valid_before_utc.timestamp() - 3600  # this host's clock behind
    with caplog.at_level(logging.INFO, logger="fjord.tls"):
        reloader.report()
    [warning] = _warnings(caplog)
    assert "is not valid before" in warning and "clock" in warning


def test_each_reload_names_the_new_certificate(tmp_path, caplog) -> None:
    reloader, _, _ = _reloader(tmp_path / "a", days_before_expiry=100)
    other = ensure_dev_certificates(tmp_path / "b")
    reloader.cert.write_bytes(other.cert.read_bytes())
    reloader.key.write_bytes(other.key.read_bytes())
    with caplog.at_level(logging.INFO, logger="fjord.tls"):
        assert reloader.check(force=True)
    [line] = [r.getMessage() for r in caplog.records]
    assert line.startswith("TLS certificate reloaded from localhost.pem: for localhost")
