"""Fixtures of the SFU tests: a loopback worker, an event-recording listener, and the
sockets the native-core comparisons send through."""

import pytest
from sfu_clients import loopback_only

from sfu.control import SfuConfig
from sfu.worker import SfuWorker
from tests.turn.loopback import udp


class RecordingListener:
    """SfuListener that records events and can trigger subscriber renegotiation."""

    def __init__(self) -> None:
        self.renegotiations: list[tuple[str, str]] = []
        self.closed: list[tuple[str, str, str]] = []
        self.speakers: list[tuple[str, str]] = []
        self.encodings: list[tuple[str, str, str, tuple]] = []
        self.paused: list[tuple[str, str, tuple[str, ...], str]] = []

    def renegotiation_needed(self, room_id: str, participant_id: str) -> None:
        self.renegotiations.append((room_id, participant_id))

    def transport_closed(self, room_id: str, participant_id: str, reason: str) -> None:
        self.closed.append((room_id, participant_id, reason))

    def active_speaker(self, room_id: str, participant_id: str) -> None:
        self.speakers.append((room_id, participant_id))

    def send_encodings(self, room_id: str, participant_id: str, mid: str,
                       encodings: tuple[tuple[str, bool], ...]) -> None:
        self.encodings.append((room_id, participant_id, mid, encodings))

    def video_paused(self, room_id: str, participant_id: str, publishers: tuple[str, ...],
                     reason: str = "last_n") -> None:
        self.paused.append((room_id, participant_id, publishers, reason))


@pytest.fixture
def listener() -> RecordingListener:
    return RecordingListener()


@pytest.fixture
async def worker(monkeypatch, listener):
    loopback_only(monkeypatch)
    w = SfuWorker(SfuConfig(listen_ip="127.0.0.1", port=0), listener)
    await w.start()
    yield w
    await w.close()


@pytest.fixture(scope="module")
def sockets():
    """The receiver both paths send to, and the Python path's and the core's own sockets."""
    socks = {name: udp() for name in ("receiver", "python", "native")}
    yield socks
    for sock in socks.values():
        sock.close()
