"""JSON logs: ids only, addresses truncated, no names, emails or message text."""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import logging
from collections.abc import Iterator

import pytest

from operability.logs import AddressFilter, JsonFormatter, bind, scrub, unbind
from tests.conftest import FjordServer, start_fjord, stop_fjord


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("client 203.0.113.77 joined", "client 203.0.113.x joined"),
        ("from ('198.51.100.4', 51234)", "from ('198.51.100.x', 51234)"),
        ("peer 2001:db8:1234:5678::9 left", "peer 2001:db8:1234::/48 left"),
        ("bound [::1]:443", "bound [::/48]:443"),
        ("mail ada.lovelace+x@example.org now", "mail <email> now"),
        ("at 12:30:45 version 1.2.3 port 999.1.1.1", "at 12:30:45 version 1.2.3 port 999.1.1.1"),
        ("room demo-abc participants=3", "room demo-abc participants=3"),
        (
            '"WebSocket /v1/rooms/r1/ws?roomKey=abc&displayName=Ada" [accepted]',
            '"WebSocket /v1/rooms/r1/ws?<query>" [accepted]',
        ),
        ("key eyJhbGciOiJFZERTQSJ9.eyJyb29tIjoxfQ.c2ln-_ ok", "key <jwt> ok"),
        # encoded text in a path hides from the patterns above: it goes whole
        ('"WebSocket /v1/rooms/zebulon.quark%40example.com/ws" 403',
         '"WebSocket /v1/rooms/<encoded>/ws" 403'),
        ('"WebSocket /v1/rooms/Zebulon%20Quark/ws" 403', '"WebSocket /v1/rooms/<encoded>/ws" 403'),
        ("GET /2001%3Adb8%3A1234%3A5678%3A%3A1 x", "GET /<encoded> x"),
        ("cpu 95% of a core", "cpu 95% of a core"),
    ],
)
def test_scrub_truncates_addresses_and_hides_emails(text: str, expected: str) -> None:
    assert scrub(text) == expected


def _logger(stream: io.StringIO) -> logging.Logger:
    logger = logging.getLogger(f"fjord.test.{id(stream)}")
    logger.propagate = False
    handler = logging.StreamHandler(stream)
    handler.addFilter(AddressFilter())
    handler.setFormatter(JsonFormatter())
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return logger


def test_json_record_carries_bound_ids_and_scrubbed_args() -> None:
    stream = io.StringIO()
    logger = _logger(stream)
    token = bind(request_id="r-123456789", room="demo-room")
    try:
        logger.info("connection from %s:%d", "192.0.2.200", 4242)
    finally:
        unbind(token)
    logger.info("after")
    first, second = (json.loads(line) for line in stream.getvalue().splitlines())
    assert first["msg"] == "connection from 192.0.2.x:4242"
    assert first["request_id"] == "r-123456789" and first["room"] == "demo-room"
    assert first["level"] == "info" and first["ts"].endswith("+00:00")
    assert "request_id" not in second


def test_exception_text_is_scrubbed() -> None:
    stream = io.StringIO()
    logger = _logger(stream)
    try:
        raise ConnectionError("reset by 198.51.100.23 for bob@example.com")
    except ConnectionError:
        logger.exception("send failed")
    record = json.loads(stream.getvalue())
    assert "198.51.100.x" in record["exc"] and "<email>" in record["exc"]
    assert "198.51.100.23" not in record["exc"] and "bob@example.com" not in record["exc"]


@pytest.fixture(scope="module")
def debug_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FjordServer]:
    """``fjord serve`` at ``log_level = debug``, as an operator sets it to troubleshoot."""
    base = tmp_path_factory.mktemp("fjord-debug")
    server = start_fjord(base / "data", base / "fjord.log", FJORD_LOG_LEVEL="debug",
                         FJORD_LOG_FORMAT="json")
    yield server
    stop_fjord(server)


@pytest.mark.parametrize("server", ["fjord_server", "debug_server"])
async def test_fjord_serve_log_has_no_names_emails_or_chat(
    server: str, request: pytest.FixtureRequest
) -> None:
    """At every log level: at debug, the WebSocket library (given uvicorn's logger) quoted
    every frame, display names and chat included, and aiosqlite every SQL statement's
    values, a webhook's URL included."""
    from signaling.store import hash_api_key
    from tests.signaling_client import SignalingClient

    fjord_server: FjordServer = request.getfixturevalue(server)
    name, email, chat = "Zebulon Quaxley", "zebulon.quaxley@example.org", "secret plan 7781"
    hook = "https://hooks.quaxley-clinic.test/fjord"
    status, webhook = fjord_server.request("POST", "/v1/admin/webhooks",
                                           {"url": hook, "events": ["recording.finished"]})
    assert status == 201
    assert fjord_server.request("DELETE", f"/v1/admin/webhooks/{webhook['id']}")[0] == 204
    status, _ = fjord_server.request("POST", "/v1/admin/users",
                                     {"email": email, "displayName": name, "role": "admin"})
    assert status == 201
    meeting = fjord_server.create_meeting("normal")
    assert fjord_server.request("GET", f"/v1/meetings/{meeting['meetingId']}")[0] == 200
    assert fjord_server.request("GET", f"/{email}/x")[0] == 404
    client = await SignalingClient.connect(fjord_server, meeting["hostRoomUrl"])
    try:
        joined = await client.join(name, meeting["hostRoomUrl"])
        assert joined["type"] == "joined"
        await client.send({"type": "chat", "text": chat})
        await asyncio.sleep(0.3)
    finally:
        await client.close()
    await asyncio.sleep(0.3)
    text = fjord_server.log_text()
    records = [json.loads(line) for line in text.splitlines() if line.startswith("{")]
    assert records, "fjord serve wrote no JSON log lines"
    for secret in (name, "Zebulon", "Quaxley", email, "example.org", chat, "quaxley-clinic",
                   hash_api_key(fjord_server.api_key)):  # aiosqlite quoted key hashes too
        assert secret not in text
    room = meeting["roomName"].strip("/")
    assert any(r.get("room") == room and r.get("request_id") for r in records)
    # one line per REST request, by route template, traceable by its request id
    requests = [r["msg"] for r in records if r["logger"] == "fjord.http" and r.get("request_id")]
    assert any(m.startswith("POST /v1/meetings 201 ") for m in requests), requests
    assert any(m.startswith("GET /v1/meetings/{meeting_id} 200 ") for m in requests), requests
    assert any(m.startswith("GET <unmatched> 404 ") for m in requests), requests


@contextlib.contextmanager
def root_logging_restored() -> Iterator[None]:
    """The root logger's handlers and level as before, whatever configure_logging set."""
    root = logging.getLogger()
    saved = (list(root.handlers), root.level)
    try:
        yield
    finally:
        for handler in list(root.handlers):
            root.removeHandler(handler)
        for handler in saved[0]:
            root.addHandler(handler)
        root.setLevel(saved[1])


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("fmt", "tty", "json_expected"),
    [("auto", True, False), ("auto", False, True), ("json", True, True), ("text", False, False)],
)
def test_log_format_auto_is_text_on_a_terminal_only(
    monkeypatch: pytest.MonkeyPatch, fmt: str, tty: bool, json_expected: bool
) -> None:
    from operability.logs import configure_logging

    stream = _Terminal() if tty else io.StringIO()
    monkeypatch.setattr("sys.stderr", stream)
    with root_logging_restored():
        configure_logging("info", fmt)
        logging.getLogger("fjord.test.format").info("peer 203.0.113.77 joined room demo-1")
    line = stream.getvalue().strip()
    assert line.startswith("{") == json_expected, line
    assert "203.0.113.x" in line and "203.0.113.77" not in line
    if not json_expected:
        assert "INFO" in line and "fjord.test.format" in line and "joined room demo-1" in line


async def test_a_database_error_names_no_stored_value(tmp_path) -> None:
    """A database error's text goes to the log (tracebacks): it shows the statement, not the
    values bound to it."""
    from sqlalchemy import exc, text

    from signaling.store import Store

    store = await Store.open(f"sqlite+aiosqlite:///{tmp_path / 'fjord.db'}")
    try:
        async with store.engine.begin() as connection:
            await connection.execute(text("CREATE TABLE t (v TEXT UNIQUE)"))
            await connection.execute(text("INSERT INTO t VALUES (:v)"), {"v": "zq-secret-77"})
            with pytest.raises(exc.IntegrityError) as error:
                await connection.execute(text("INSERT INTO t VALUES (:v)"), {"v": "zq-secret-77"})
    finally:
        await store.close()
    assert "zq-secret-77" not in str(error.value)


def test_every_json_record_names_its_node_whatever_context_logged_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The node was bound in the context of the task that configured logging only: a record
    logged from a signal handler registered before it (``SIGHUP: nothing to reload`` in
    ``fjord serve``), from another thread or from any fresh context came without ``node``,
    unattributable in logs gathered from several nodes (docs/operations.md: every JSON
    record carries it)."""
    import contextvars
    import threading

    from operability.logs import configure_logging

    stream = io.StringIO()
    monkeypatch.setattr("sys.stderr", stream)
    log = logging.getLogger("fjord.test.node")
    with root_logging_restored():
        configure_logging("info", "json", node="sig-a")
        log.info("in the configuring context")
        contextvars.Context().run(log.info, "in a fresh context")
        thread = threading.Thread(target=log.info, args=("in another thread",))
        thread.start()
        thread.join()
    records = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert [(r["msg"], r.get("node")) for r in records] == [
        ("in the configuring context", "sig-a"), ("in a fresh context", "sig-a"),
        ("in another thread", "sig-a")]
