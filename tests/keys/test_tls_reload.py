"""Operator certificates reload in place: new handshakes get the new certificate while an
established TLS connection keeps working (127.0.0.1 only)."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import ssl
import time
from pathlib import Path

from cryptography import x509

from keys.devtls import DevCertificates, ensure_dev_certificates
from keys.tls_reload import TlsReloader
from tests.conftest import stop_process


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
    task = reloader.start(interval_s=60)
    os.kill(os.getpid(), signal.SIGHUP)  # at once: start() took the signal over already
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


def _live_certificates(tmp_path: Path) -> tuple[Path, DevCertificates, Path, DevCertificates]:
    """Certificate A copied to ``live/``, and B beside it: (live dir, B, both CAs, A)."""
    old, new = ensure_dev_certificates(tmp_path / "a"), ensure_dev_certificates(tmp_path / "b")
    live = tmp_path / "live"
    live.mkdir()
    shutil.copy(old.cert, live / "cert.pem")
    shutil.copy(old.key, live / "key.pem")
    cas = tmp_path / "cas.pem"
    cas.write_bytes(old.ca_cert.read_bytes() + new.ca_cert.read_bytes())
    return live, new, cas, old


def _swap_in_unseen(live: Path, new: DevCertificates) -> None:
    """Copy ``new`` over the live files, keeping their modification times: only a SIGHUP
    (not the poll for changed files) can make the server load it."""
    for name, source in (("cert.pem", new.cert), ("key.pem", new.key)):
        stamp = (live / name).stat()
        shutil.copy(source, live / name)
        os.utime(live / name, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))


def _wait_served_change(ports: list[int], cas: Path, first: int,
                        timeout: float = 20.0) -> dict[int, int]:
    """Poll each port until it serves another certificate than ``first`` (or the deadline);
    returns the serial each serves last."""
    import time

    deadline = time.monotonic() + timeout
    served = {port: _served_serial(port, cas) for port in ports}
    while any(s == first for s in served.values()) and time.monotonic() < deadline:
        time.sleep(0.1)
        served = {port: _served_serial(port, cas) for port in ports}
    return served


def test_fjord_serve_reloads_operator_certificate_on_sighup(tmp_path: Path) -> None:
    """HTTPS and TURN over TLS serve the same certificate, and a SIGHUP reloads both."""
    from tests.conftest import start_fjord, stop_fjord

    live, new, cas, _ = _live_certificates(tmp_path)
    server = start_fjord(tmp_path / "data", tmp_path / "fjord.log",
                         FJORD_TLS_CERT_FILE=str(live / "cert.pem"),
                         FJORD_TLS_KEY_FILE=str(live / "key.pem"))
    try:
        ports = [server.ports["FJORD_HTTPS_PORT"], server.ports["FJORD_TURN_TLS_PORT"]]
        first = _served_serial(ports[0], cas)
        assert _served_serial(ports[1], cas) == first
        _swap_in_unseen(live, new)
        server.process.send_signal(signal.SIGHUP)
        served = _wait_served_change(ports, cas, first)
        assert first not in served.values(), f"still serving the old certificate: {served}"
        assert server.process.poll() is None  # still serving
    finally:
        stop_fjord(server)


def _binding_over(tls: ssl.SSLSocket) -> bytes:
    """A STUN Binding request (RFC 8489 section 6) over ``tls``; the answer's type."""
    transaction = os.urandom(12)
    tls.sendall(b"\x00\x01\x00\x00\x21\x12\xa4\x42" + transaction)
    answer = b""
    while len(answer) < 20 and (chunk := tls.recv(4096)):
        answer += chunk
    assert answer[8:20] == transaction
    return answer[:2]


def _start_turn(tmp_path: Path, live: Path, workers: int = 1):  # noqa: ANN202
    """``fjord turn`` with the live certificate, once each relay process listens:
    (process, TURN over TLS port, metrics port). With one worker only: N workers serve
    metrics on N ports from it, and only the first is known to be free."""
    from tests.conftest import fjord_env, free_port, start_role

    env = fjord_env(tmp_path / "data", FJORD_TURN_SECRET="reload-test-secret",
                    FJORD_TLS_CERT_FILE=str(live / "cert.pem"),
                    FJORD_TLS_KEY_FILE=str(live / "key.pem"),
                    **({"FJORD_METRICS_PORT": str(free_port())} if workers == 1 else {}))
    process = start_role(["turn", "--workers", str(workers)], env, tmp_path / "turn.log",
                         "Fjord TURN relay listening")
    for _ in range(workers - 1):  # one line per worker
        assert process.stdout.readline().startswith(b"Fjord TURN relay listening")
    return process, int(env["FJORD_TURN_TLS_PORT"]), int(env.get("FJORD_METRICS_PORT", 0))


def _expiry_exported(metrics_port: int) -> float | None:
    """``fjord_tls_certificate_expiry_timestamp_seconds`` on the role's /metrics."""
    import urllib.request

    with urllib.request.urlopen(f"http://127.0.0.1:{metrics_port}/metrics", timeout=10) as r:
        for line in r.read().decode().splitlines():
            if line.startswith("fjord_tls_certificate_expiry_timestamp_seconds "):
                return float(line.split()[1])
    return None


def _not_after(cert: Path) -> float:
    return x509.load_pem_x509_certificate(cert.read_bytes()).not_valid_after_utc.timestamp()


def test_fjord_turn_reloads_on_file_change_and_on_sighup(tmp_path: Path) -> None:
    """``fjord turn`` alone: a changed certificate file is picked up by the poll, a SIGHUP
    forces a reload; a TLS connection made before keeps being served. The certificate in
    service is logged with its expiry, which /metrics exports."""
    import socket

    live, new, cas, old = _live_certificates(tmp_path)
    process, port, metrics_port = _start_turn(tmp_path, live)
    try:
        assert _wait_logged(tmp_path / "turn.log",  # addresses masked, as in every log line
                            "TLS certificate in service from cert.pem: for localhost, ")
        assert _expiry_exported(metrics_port) == _not_after(old.cert)
        first = _served_serial(port, cas)
        context = ssl.create_default_context(cafile=str(cas))
        with socket.create_connection(("127.0.0.1", port), timeout=10) as raw, \
                context.wrap_socket(raw, server_hostname="localhost") as before:
            shutil.copy(new.cert, live / "cert.pem")  # as certbot's deploy hook does
            shutil.copy(new.key, live / "key.pem")
            second = _wait_served_change([port], cas, first)[port]
            assert second != first
            assert _wait_logged(tmp_path / "turn.log", "TLS certificate reloaded from cert.pem")
            assert _binding_over(before) == b"\x01\x01"  # the old connection still answers

            _swap_in_unseen(live, old)
            process.send_signal(signal.SIGHUP)
            assert _wait_served_change([port], cas, second)[port] == first
            assert _binding_over(before) == b"\x01\x01"
        assert process.poll() is None
    finally:
        stop_process(process)


def test_fjord_turn_workers_reload_on_sighup(tmp_path: Path) -> None:
    """``fjord turn --workers 2``: the supervisor passes SIGHUP on to every relay process."""
    live, new, cas, _ = _live_certificates(tmp_path)
    process, port, _ = _start_turn(tmp_path, live, workers=2)
    try:
        first = _served_serial(port, cas)
        _swap_in_unseen(live, new)
        process.send_signal(signal.SIGHUP)
        _wait_served_change([port], cas, first)
        # The kernel spreads connections over both workers (SO_REUSEPORT): soon all serve
        # B (each worker reloads when its own SIGHUP is handled).
        deadline = time.monotonic() + 20
        while True:
            served = [_served_serial(port, cas) for _ in range(20)]
            if first not in served or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        assert first not in served, f"{served.count(first)} of 20 handshakes got the old one"
        assert process.poll() is None
    finally:
        stop_process(process)


def _wait_logged(log_path: Path, text: str, timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in log_path.read_text(errors="replace"):
            return True
        time.sleep(0.1)
    return False


def test_sighup_with_the_development_certificate_keeps_serving(tmp_path: Path) -> None:
    """A service manager's reload (SIGHUP) of a development install, or of a role without
    an operator certificate, is logged and survived: the server keeps serving."""
    import socket

    from tests.conftest import fjord_env, start_fjord, start_role, stop_fjord

    server = start_fjord(tmp_path / "serve", tmp_path / "serve.log")
    env = fjord_env(tmp_path / "turn", FJORD_TURN_SECRET="reload-test-secret")
    turn = start_role(["turn"], env, tmp_path / "turn.log", "Fjord TURN relay listening")
    try:
        server.process.send_signal(signal.SIGHUP)
        turn.send_signal(signal.SIGHUP)
        for log in (server.log_path, tmp_path / "turn.log"):
            assert _wait_logged(log, "SIGHUP: nothing to reload"), log.read_text()
        assert server.process.poll() is None and turn.poll() is None
        assert server.request("GET", "/healthz")[0] == 200
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
            udp.settimeout(10)
            transaction = os.urandom(12)
            udp.sendto(b"\x00\x01\x00\x00\x21\x12\xa4\x42" + transaction,
                       ("127.0.0.1", int(env["FJORD_TURN_UDP_PORT"])))
            answer = udp.recv(1500)
        assert answer[:2] == b"\x01\x01" and answer[8:20] == transaction  # Binding success
    finally:
        stop_fjord(server)
        stop_process(turn)


def test_an_encrypted_key_is_refused_without_asking_for_its_passphrase(tmp_path: Path) -> None:
    """Without a passphrase callback OpenSSL asks for an encrypted key's passphrase on the
    controlling terminal: a server started from a terminal (``make run``) that reloaded such
    a key blocked its event loop there, HTTPS and SIGTERM included. Now the reload is refused
    at once, with a warning that says why and names the files."""
    import subprocess
    import sys

    from cryptography.hazmat.primitives import serialization

    from tests.conftest import ROOT

    dev = ensure_dev_certificates(tmp_path / "dev")
    key = serialization.load_pem_private_key(dev.key.read_bytes(), password=None)
    encrypted = tmp_path / "encrypted.pem"
    encrypted.write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(b"passphrase")))
    code = (
        "import logging, sys\n"
        "from pathlib import Path\n"
        "from keys.tls_reload import TlsReloader\n"
        "logging.basicConfig(stream=sys.stdout, format='%(message)s')\n"
        f"reloader = TlsReloader(Path({str(dev.cert)!r}), Path({str(encrypted)!r}), [])\n"
        "print('reloaded', reloader.check(force=True), 'failures', reloader.failures)\n"
    )
    controller, terminal = os.openpty()

    def take_terminal() -> None:  # the child's controlling terminal, as in a shell
        import fcntl
        import termios

        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    process = subprocess.Popen(  # noqa: PLW1509 - preexec_fn: only a terminal ioctl
        [sys.executable, "-c", code], cwd=ROOT, stdin=terminal, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, start_new_session=True, preexec_fn=take_terminal)
    os.close(terminal)
    try:
        out, _ = process.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise AssertionError("the reload waits for a passphrase on the terminal") from None
    finally:
        os.close(controller)
    text = out.decode()
    assert "reloaded False failures 1" in text, text
    assert "the key is encrypted" in text and str(encrypted) in text, text


def test_sighup_while_the_server_starts_is_survived(tmp_path: Path) -> None:
    """A SIGHUP between the command's start and its event loop (settings, data dir,
    database migrations) ended ``fjord serve`` with "Hangup" (exit 129): it is ignored
    from the moment the server command runs. SIGHUPs every 20 ms from then until the
    server says it is running."""
    import subprocess
    import sys

    from tests.conftest import ROOT, fjord_env

    env = fjord_env(tmp_path / "data")
    log = tmp_path / "serve.log"
    with log.open("wb") as err:
        process = subprocess.Popen([sys.executable, "-m", "fjord", "serve"], env=env, cwd=ROOT,
                                   stdout=subprocess.PIPE, stderr=err)

    def ignores_hangup() -> bool:
        try:
            status = Path(f"/proc/{process.pid}/status").read_text()
        except OSError:
            return False
        ignored = next(line for line in status.splitlines() if line.startswith("SigIgn:"))
        return bool(int(ignored.split()[1], 16) & 1 << (signal.SIGHUP - 1))

    try:
        deadline = time.monotonic() + 30
        while not ignores_hangup():
            assert process.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.005)
        assert process.stdout is not None
        os.set_blocking(process.stdout.fileno(), False)
        out = b""
        deadline = time.monotonic() + 60
        while b"Fjord is running" not in out:
            process.send_signal(signal.SIGHUP)
            assert process.poll() is None, (process.returncode, log.read_text())
            assert time.monotonic() < deadline, log.read_text()
            out += process.stdout.read() or b""
            time.sleep(0.02)
        process.send_signal(signal.SIGHUP)
        assert _wait_logged(log, "SIGHUP: nothing to reload"), log.read_text()
        assert process.poll() is None
    finally:
        process.terminate()
        process.wait(30)
