"""Fixtures of the meeting-feature tests: a ``fjord serve`` that may call webhook receivers
on 127.0.0.1 (trusting its own development CA), an HTTPS webhook receiver, and API keys of
extra organizations."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import FjordServer, create_api_key, start_fjord, stop_fjord
from tests.features.webhook_receiver import WebhookReceiver


@pytest.fixture(scope="session")
def webhook_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FjordServer]:
    """Webhooks to 127.0.0.1 allowed; retries after 0.25 s doubling up to 2 s."""
    base = tmp_path_factory.mktemp("fjord-webhooks")
    data = base / "data"
    server = start_fjord(
        data, base / "fjord.log",
        FJORD_WEBHOOK_ALLOWED_PRIVATE_IPS="127.0.0.1",
        FJORD_WEBHOOK_CA_FILE=str(data / "certs" / "dev-ca.pem"),
        FJORD_WEBHOOK_RETRY_BASE="0.25",
        FJORD_WEBHOOK_RETRY_MAX_DELAY="2",
        FJORD_WEBHOOK_MAX_ATTEMPTS="60",
        FJORD_WEBHOOK_TIMEOUT="2",
    )
    yield server
    stop_fjord(server)


@pytest.fixture
def receiver(webhook_server: FjordServer) -> Iterator[WebhookReceiver]:
    certs = webhook_server.data_dir / "certs"
    recv = WebhookReceiver(certs / "localhost.pem", certs / "localhost.key")
    recv.start()
    yield recv
    recv.stop()


def org_api_key(server: FjordServer, org: str) -> str:
    """An API key of organization ``org`` (created if missing) on ``server``."""
    return create_api_key(server.env, org)
