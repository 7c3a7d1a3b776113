"""The ``lastN`` meeting option (issue 12, last-N): stored and returned by the meetings API,
bad values refused with a JSON error, and carried to the SFU with each join (in process and
over the cluster wire); the ``pin`` message and its way to the room."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest

from sfu import control
from sfu.control import SfuConfig
from sfu.errors import UnknownParticipantError
from sfu.worker import SfuWorker
from sfu_control import wire
from signaling.messages import ProtocolError, parse_client_message


def end() -> str:
    return (dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)).isoformat()


async def test_meeting_option_is_stored_and_returned(client: httpx.AsyncClient) -> None:
    made = await client.post("/v1/meetings", json={"endDate": end(), "roomMode": "group",
                                                   "lastN": 3})
    assert made.status_code == 201 and made.json()["lastN"] == 3
    got = await client.get(f"/v1/meetings/{made.json()['meetingId']}")
    assert got.json()["lastN"] == 3
    plain = await client.post("/v1/meetings", json={"endDate": end(), "roomMode": "group"})
    assert plain.json()["lastN"] == 0  # the default: every camera


@pytest.mark.parametrize("bad", [-1, 201, "3", 2.5, True, None])
async def test_bad_values_are_refused_with_a_json_error(client: httpx.AsyncClient,
                                                        bad: object) -> None:
    resp = await client.post("/v1/meetings", json={"endDate": end(), "roomMode": "group",
                                                   "lastN": bad})
    assert resp.status_code == 400, resp.text  # the API's validation errors
    assert "lastN" in str(resp.json()["error"])


async def test_normal_rooms_refuse_last_n(client: httpx.AsyncClient) -> None:
    resp = await client.post("/v1/meetings", json={"endDate": end(), "lastN": 2})
    assert resp.status_code == 422
    assert "lastN is only available for roomMode group" in resp.json()["error"]
    zero = await client.post("/v1/meetings", json={"endDate": end(), "lastN": 0})
    assert zero.status_code == 201


def test_join_request_carries_last_n_over_the_wire() -> None:
    data = wire.encode_request("1", "reply", control.JoinRequest("r", "p", 3))
    assert wire.decode_request(data) == ("1", "reply", control.JoinRequest("r", "p", 3))
    for bad in ('"3"', "500", "true", "-1"):
        raw = ('{"id": "1", "reply": "x", "op": "join", "room_id": "r", '
               f'"participant_id": "p", "last_n": {bad}}}')
        with pytest.raises(wire.WireError):
            wire.decode_request(raw)


async def test_worker_join_sets_the_room_last_n() -> None:
    worker = SfuWorker(SfuConfig(listen_ip="127.0.0.1", port=0))
    await worker.join("room", "a", 4)
    assert worker.rooms["room"].speakers.last_n == 4
    await worker.handle(control.JoinRequest("room", "b", 2))
    assert worker.rooms["room"].speakers.last_n == 2


def test_pin_message_is_validated() -> None:
    msg = parse_client_message('{"type": "pin", "participantIds": ["p_a", "p_b"]}')
    assert msg.participantIds == ["p_a", "p_b"]
    assert parse_client_message('{"type": "pin", "participantIds": []}').participantIds == []
    repeated = parse_client_message('{"type": "pin", "participantIds": ['
                                    + ", ".join(['"p_a"'] * 9 + ['"p_b"']) + ']}')
    assert repeated.participantIds == ["p_a", "p_b"]  # repeats count once (docs)
    nine = ", ".join(f'"p{i}"' for i in range(9))
    with pytest.raises(ProtocolError) as err:
        parse_client_message('{"type": "pin", "participantIds": [' + nine + ']}')
    assert "participantIds" in err.value.message and "8 distinct" in err.value.message
    for bad in ('{"type": "pin", "participantIds": [' + nine + ']}',
                '{"type": "pin", "participantIds": [' + ", ".join(['"p_a"'] * 65) + ']}',
                '{"type": "pin", "participantIds": ["a.b"]}',
                '{"type": "pin", "participantIds": "p_a"}',
                '{"type": "pin"}'):
        with pytest.raises(ProtocolError) as err:
            parse_client_message(bad)
        assert err.value.code == "bad_message"


def test_pin_request_travels_the_wire_and_reaches_the_room() -> None:
    request = control.PinRequest("r", "p", ("a", "b"))
    data = wire.encode_request("1", "reply", request)
    assert wire.decode_request(data) == ("1", "reply", request)
    raw = ('{"id": "1", "reply": "x", "op": "pin", "room_id": "r", "participant_id": "p", '
           '"pinned": ["a", "b", "c", "d", "e", "f", "g", "h", "i"]}')
    with pytest.raises(wire.WireError):
        wire.decode_request(raw)


async def test_worker_pin_applies_to_the_subscriber_only() -> None:
    worker = SfuWorker(SfuConfig(listen_ip="127.0.0.1", port=0))
    await worker.join("room", "a", 1)
    await worker.handle(control.PinRequest("room", "a", ("b", "c")))
    assert worker.rooms["room"].speakers.pins == {"a": ("b", "c")}
    await worker.pin("room", "a", ())
    assert worker.rooms["room"].speakers.pins == {}
    with pytest.raises(UnknownParticipantError):
        await worker.pin("room", "nobody", ("a",))


def test_active_speaker_event_travels_the_wire() -> None:
    data = wire.encode_event("active_speaker", "room", "p_a")
    assert wire.decode_event(data) == wire.Event("active_speaker", "room", "p_a")


def test_video_paused_event_travels_the_wire() -> None:
    data = wire.encode_event("video_paused", "room", "p_a", "", ("p_b", "p_c"))
    assert wire.decode_event(data) == wire.Event("video_paused", "room", "p_a",
                                                 participant_ids=("p_b", "p_c"))
    raw = ('{"event": "video_paused", "room_id": "r", "participant_id": "p", "reason": "", '
           '"participant_ids": [1]}')
    with pytest.raises(wire.WireError):
        wire.decode_event(raw)
