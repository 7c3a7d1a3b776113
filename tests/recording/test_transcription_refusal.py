"""POST /v1/transcriptions (Whereby's API) for a recording that exists: a clear refusal
naming the field, not a 404 that says the recording is missing."""

from __future__ import annotations

from tests.recording.conftest import Bucket
from tests.recording.test_recordings_api import (  # noqa: F401 - the app fixture
    app,
    client_for,
    finished_recording,
)


async def test_a_recording_is_not_transcribed_and_says_so(app, store, bucket: Bucket) -> None:  # noqa: F811 - app
    recording_id = await finished_recording(store, bucket, "acme", "room-t", b"x")
    async with await client_for(app, store, "acme") as http:
        refused = await http.post("/v1/transcriptions", json={"recordingId": recording_id})
        assert refused.status_code == 422
        assert refused.json()["error"].startswith("recordingId: Fjord does not transcribe")
        missing = await http.post("/v1/transcriptions", json={"recordingId": "rec_nothing"})
        assert missing.status_code == 404 and "not found" in missing.json()["error"]
    async with await client_for(app, store, "globex") as http:  # another organization's
        other = await http.post("/v1/transcriptions", json={"recordingId": recording_id})
        assert other.status_code == 404


async def test_the_transcriptions_list_refuses_an_empty_room_name(app, store) -> None:  # noqa: F811 - app
    """As the recordings list: ``roomName=`` (a backend whose room name variable came out
    empty) is a 400 naming roomName, not a list answered as if no filter had been given."""
    async with await client_for(app, store, "acme") as http:
        for value in ("", "/"):
            refused = await http.get("/v1/transcriptions", params={"roomName": value})
            assert refused.status_code == 400, value
            assert refused.json()["error"].startswith("invalid field roomName: empty")
        listed = await http.get("/v1/transcriptions", params={"roomName": "/room-t"})
        assert listed.status_code == 200 and listed.json() == {"results": [], "cursor": None}
