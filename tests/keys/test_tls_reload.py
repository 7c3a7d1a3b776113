"""Operator certificates reload in place: new handshakes get the new certificate while an
established TLS connection keeps working (127.0.0.1 only)."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import ssl
from pathlib import Path

from cryptography import x509

from keys.devtls import ensure_dev_certificates
from keys.tls_reload import TlsReloader


async def _echo(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    while data := await reader.read(100):
        writer.write(data)
        await writer.drain()
    writer.close()


async def _serial(port: int, ca: Path) -> tuple[int, asyncio.StreamReader, asyncio.StreamWriter]:
    client = ssl.create_default_context(cafile=str(ca))
    reader, writer = await asyncio.open_connection("127.0.0.1", port, ssl=client)
    der = writer.get_extra_info("ssl_object").getpeercert(binary_form=True)
    return x509.load_der_x509_certificate(der).serial_number, reader, writer


async def test_reload_on_change_keeps_connections(tmp_path: Path) -> None:
    old, new = ensure_dev_certificates(tmp_path / "a"), ensure_dev_certificates(tmp_path / "b")
    live = tmp_path / "live"
    live.mkdir()
    shutil.copy(old.cert, live / "cert.pem")
    shutil.copy(old.key, live / "key.pem")
    both_cas = tmp_path / "cas.pem"
    both_cas.write_bytes(old.ca_cert.read_bytes() + new.ca_cert.read_bytes())

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(live / "cert.pem", live / "key.pem")
    server = await asyncio.start_server(_echo, "127.0.0.1", 0, ssl=context)
    port = server.sockets[0].getsockname()[1]
    reloader = TlsReloader(live / "cert.pem", live / "key.pem", [context])
    try:
        first, reader, writer = await _serial(port, both_cas)
        assert not reloader.check()  # nothing changed

        (live / "key.pem").write_bytes(b"half-written")  # a broken update is refused
        os.utime(live / "key.pem", ns=(1, 1))
        assert not reloader.check() and reloader.failures == 1
        assert (await _serial(port, both_cas))[0] == first

        shutil.copy(new.cert, live / "cert.pem")
        shutil.copy(new.key, live / "key.pem")
        assert reloader.check() and reloader.reloads == 1
        second, r2, w2 = await _serial(port, both_cas)
        assert second != first
        writer.write(b"still here")  # the connection made before the reload
        assert await reader.readexactly(10) == b"still here"
        for w in (writer, w2):
            w.close()
    finally:
        server.close()


async def test_sighup_forces_a_reload(tmp_path: Path) -> None:
    dev = ensure_dev_certificates(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    reloader = TlsReloader(dev.cert, dev.key, [context])
    task = asyncio.create_task(reloader.run(interval_s=60))
    await asyncio.sleep(0.05)
    os.kill(os.getpid(), signal.SIGHUP)
    for _ in range(100):
        if reloader.reloads:
            break
        await asyncio.sleep(0.01)
    task.cancel()
    assert reloader.reloads == 1


def _served_serial(port: int, cafile: Path) -> int:
    import socket

    context = ssl.create_default_context(cafile=str(cafile))
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
        with context.wrap_socket(raw, server_hostname="localhost") as tls:
            return x509.load_der_x509_certificate(tls.getpeercert(binary_form=True)).serial_number


def test_fjord_serve_reloads_operator_certificate_on_sighup(tmp_path: Path) -> None:
    import time

    from tests.conftest import start_fjord, stop_fjord

    old, new = ensure_dev_certificates(tmp_path / "a"), ensure_dev_certificates(tmp_path / "b")
    live = tmp_path / "live"
    live.mkdir()
    shutil.copy(old.cert, live / "cert.pem")
    shutil.copy(old.key, live / "key.pem")
    cas = tmp_path / "cas.pem"
    cas.write_bytes(old.ca_cert.read_bytes() + new.ca_cert.read_bytes())
    server = start_fjord(tmp_path / "data", tmp_path / "fjord.log",
                         FJORD_TLS_CERT_FILE=str(live / "cert.pem"),
                         FJORD_TLS_KEY_FILE=str(live / "key.pem"))
    try:
        port = server.ports["FJORD_HTTPS_PORT"]
        first = _served_serial(port, cas)
        shutil.copy(new.cert, live / "cert.pem")
        shutil.copy(new.key, live / "key.pem")
        server.process.send_signal(signal.SIGHUP)
        deadline = time.monotonic() + 10
        while _served_serial(port, cas) == first and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _served_serial(port, cas) != first
        assert server.process.poll() is None  # still serving
    finally:
        stop_fjord(server)
