"""Whereby's published REST contract against a real ``fjord serve`` (issue 15, acceptance 1).

Every operation of ../shared/whereby/openapi.json is driven with the document's own examples
(path, query and body examples; a created meeting where an existing one is needed), and each
answer's status must be one the document lists for the operation and its body must validate
against the document's schema for that status (jsonschema over the document itself, dates
in UTC). Features Fjord does not offer get a 4xx naming them. A table below maps each
operation to its requests; an operation of the document missing from it fails the test.

One deliberate reading: on a list's last page the document's text says ``cursor`` is null
while its schema requires a string. Fjord sends null, as the text says (a client reading
``body["cursor"]`` needs the field there), so a last page is checked as if its cursor were a
string.
"""

from __future__ import annotations

import base64
import concurrent.futures
import datetime as dt
import http.client
import io
import json
import os
import sqlite3
import struct
import time
import urllib.error
import urllib.request
import uuid
import zlib
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from tests.conftest import FjordServer

pytestmark = pytest.mark.timeout(120)

# Whereby's document is not copied into this repository: it is read from the shared contract
# folder beside the checkout (../shared/whereby), or from FJORD_WHEREBY_CONTRACT_DIR.
CONTRACT_DIR = Path(os.environ.get("FJORD_WHEREBY_CONTRACT_DIR")
                    or Path(__file__).resolve().parents[3] / "shared" / "whereby")
DOCUMENT_PATH = CONTRACT_DIR / "openapi.json"
DOC_URI = "urn:whereby-openapi"


def document() -> dict[str, Any]:
    if not DOCUMENT_PATH.exists():
        pytest.skip(f"Whereby's OpenAPI document is not at {DOCUMENT_PATH}")
    return json.loads(DOCUMENT_PATH.read_text())


def pointer(*parts: str) -> str:
    return "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)


class Contract:
    """Statuses and response schemas of the document, validated with jsonschema."""

    def __init__(self, doc: dict[str, Any]) -> None:
        self.doc = doc
        resource = Resource.from_contents(doc, default_specification=DRAFT202012)
        self.registry = Registry().with_resource(DOC_URI, resource)

    def operations(self) -> set[tuple[str, str]]:
        return {(method.upper(), path) for path, item in self.doc["paths"].items()
                for method in item if method in ("get", "post", "put", "delete", "patch")}

    def check(self, method: str, path: str, status: int, body: Any) -> None:
        """The status is documented for the operation, and the body fits its schema."""
        responses = self.doc["paths"][path][method.lower()]["responses"]
        assert str(status) in responses, (method, path, status, body)
        response = responses[str(status)]
        ref = response.get("$ref")
        if ref:
            response = self.resolve(ref)
        schema = response.get("content", {}).get("application/json", {}).get("schema")
        if schema is None:
            return
        location = (pointer("paths", path, method.lower(), "responses", str(status))
                    if not ref else ref.lstrip("#/"))
        location += "/" + pointer("content", "application/json", "schema")
        validator = Draft202012Validator({"$ref": f"{DOC_URI}#/{location}"},
                                         registry=self.registry)
        if isinstance(body, dict) and "results" in body and body.get("cursor", "") is None:
            body = {**body, "cursor": "(last page: null, as Whereby's text says)"}
        errors = sorted(validator.iter_errors(body), key=lambda e: list(e.path))
        assert not errors, (method, path, [f"{list(e.path)}: {e.message}" for e in errors])
        check_dates(body)

    def resolve(self, ref: str) -> dict[str, Any]:
        node: Any = self.doc
        for part in ref.lstrip("#/").split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node


DATE_FIELDS = {"startDate", "endDate", "createdAt", "endAt", "firstSessionStartedAt",
               "lastSessionStartedAt", "startedAt", "endedAt", "joinedAt", "leftAt"}


def check_dates(body: Any) -> None:
    """Every date field is ISO 8601 in UTC ("Always in UTC", the document says)."""
    if isinstance(body, list):
        for item in body:
            check_dates(item)
    elif isinstance(body, dict):
        for key, value in body.items():
            if key in DATE_FIELDS:
                assert isinstance(value, str) and value.endswith("Z"), (key, value)
                parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
                assert parsed.utcoffset() == dt.timedelta(0)
            else:
                check_dates(value)


def call(server: FjordServer, method: str, path: str, body: Any = None,
         query: str = "", api_key: str | None = "", content_type: str = "application/json",
         raw: bytes | None = None) -> tuple[int, Any]:
    """One request to ``/v1`` + ``path``; ``api_key=None`` sends no Authorization header.
    Retries after a 429 (the API's burst is smaller than this suite)."""
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    for _ in range(10):
        req = urllib.request.Request(f"{server.base_url}/v1{path}{query}", data=data,
                                     method=method)
        if api_key is not None:
            req.add_header("Authorization", f"Bearer {api_key or server.api_key}")
        if data is not None:
            req.add_header("Content-Type", content_type)
        try:
            with urllib.request.urlopen(req, context=server.ssl_context(), timeout=10) as resp:
                payload = resp.read()
                return resp.status, (json.loads(payload) if payload else None)
        except urllib.error.HTTPError as exc:
            payload = exc.read()
            if exc.code == 429:
                time.sleep(json.loads(payload)["data"]["msLeft"] / 1000)
                continue
            return exc.code, (json.loads(payload) if payload else None)
    raise AssertionError("still rate limited")


def end_date(hours: float = 1) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + hours * 3600))


def png(width: int = 2, height: int = 2) -> bytes:
    """A valid PNG of ``width`` x ``height`` grey pixels."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


def multipart(field: str, filename: str, content: bytes, media_type: str) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = io.BytesIO()
    body.write(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; "
               f"filename=\"{filename}\"\r\nContent-Type: {media_type}\r\n\r\n".encode())
    body.write(content)
    body.write(f"\r\n--{boundary}--\r\n".encode())
    return body.getvalue(), f"multipart/form-data; boundary={boundary}"


@pytest.fixture(scope="module")
def contract() -> Contract:
    return Contract(document())


def test_every_operation_answers_as_documented(fjord_server: FjordServer,
                                               contract: Contract) -> None:
    doc = contract.doc
    params = doc["components"]["parameters"]
    example_meeting = params["meetingId"]["example"]
    example_room = params["roomName"]["example"]
    recording_id = params["recordingId"]["example"]
    transcription_id = params["transcriptionId"]["example"]
    summary_id = params["summaryId"]["example"]
    meeting_body = {"endDate": end_date(), "roomMode": "group", "roomNamePrefix": "example-prefix",
                    "roomNamePattern": "uuid", "isLocked": False,
                    "fields": ["hostRoomUrl", "viewerRoomUrl"]}
    status, meeting = call(fjord_server, "POST", "/meetings", meeting_body)
    contract.check("POST", "/meetings", status, meeting)
    assert status == 201 and meeting["roomName"].startswith("/example-prefix-")
    assert {"hostRoomUrl", "viewerRoomUrl"} <= set(meeting)
    mid, room = meeting["meetingId"], meeting["roomName"]
    image, image_type = multipart("image", "logo.png", png(), "image/png")

    done: set[tuple[str, str]] = {("POST", "/meetings")}
    # (method, document path, concrete path, query, body or (raw, content type), status)
    cases: list[tuple[str, str, str, str, Any, int]] = [
        ("GET", "/meetings", "/meetings", "?limit=1&fields=hostRoomUrl", None, 200),
        ("GET", "/meetings/{meetingId}", f"/meetings/{mid}", "?fields=hostRoomUrl", None, 200),
        ("GET", "/meetings/{meetingId}", f"/meetings/{example_meeting}", "", None, 404),
        ("GET", "/recordings", "/recordings", f"?roomName={room}&limit=10", None, 200),
        ("GET", "/recordings/{recordingId}", f"/recordings/{recording_id}", "", None, 404),
        ("GET", "/recordings/{recordingId}/access-link",
         f"/recordings/{recording_id}/access-link", "?validForSeconds=60", None, 404),
        ("DELETE", "/recordings/{recordingId}", f"/recordings/{recording_id}", "", None, 204),
        ("POST", "/recordings/bulk-delete", "/recordings/bulk-delete", "",
         {"recordingIds": [recording_id]}, 204),
        ("POST", "/transcriptions", "/transcriptions", "", {"recordingId": recording_id}, 404),
        ("GET", "/transcriptions", "/transcriptions", "?limit=10", None, 200),
        ("GET", "/transcriptions/{transcriptionId}", f"/transcriptions/{transcription_id}", "",
         None, 404),
        ("GET", "/transcriptions/{transcriptionId}/access-link",
         f"/transcriptions/{transcription_id}/access-link", "", None, 404),
        ("DELETE", "/transcriptions/{transcriptionId}", f"/transcriptions/{transcription_id}",
         "", None, 204),
        ("POST", "/transcriptions/bulk-delete", "/transcriptions/bulk-delete", "",
         {"transcriptionIds": [transcription_id]}, 204),
        ("POST", "/summaries", "/summaries", "",
         {"transcriptionId": transcription_id, "template": "General Narrative"}, 404),
        ("GET", "/summaries", "/summaries", "?limit=10", None, 200),
        ("GET", "/summaries/{summaryId}", f"/summaries/{summary_id}", "", None, 404),
        ("DELETE", "/summaries/{summaryId}", f"/summaries/{summary_id}", "", None, 204),
        ("PUT", "/rooms/{roomName}/theme/tokens", f"/rooms{room}/theme/tokens", "",
         {"tokens": {"colors": {"primary": "#112233", "secondary": "#445566",
                                "focus": "#778899"}}, "tokensPreset": "custom"}, 204),
        ("PUT", "/rooms/{roomName}/theme/logo", f"/rooms{room}/theme/logo", "",
         (image, image_type), 204),
        ("PUT", "/rooms/{roomName}/theme/room-background", f"/rooms{room}/theme/room-background",
         "", {"palette": "grey", "theme": "mountains"}, 204),
        ("PUT", "/rooms/{roomName}/theme/room-knock-page-background",
         f"/rooms{room}/theme/room-knock-page-background", "", (image, image_type), 204),
        ("PUT", "/rooms/{roomName}/theme/logo", f"/rooms{room}/theme/logo", "",
         (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "text/plain"), 400),
        ("GET", "/insights/rooms", "/insights/rooms",
         "?roomName[startsWith]=/room-prefix&createdAt[from]=2025-01-01T00:00:00.000Z"
         "&sortBy=totalSessions:asc&limit=30", None, 200),
        ("GET", "/insights/room-sessions", "/insights/room-sessions",
         f"?roomName={example_room}&sortBy=totalUniqueParticipants:asc&limit=30", None, 200),
        ("GET", "/insights/participants", "/insights/participants",
         "?roomSessionId=e2f29530-46ec-4cee-8b27-e565cb5bb2e9&sortBy=joinedAt:asc", None, 200),
        ("GET", "/insights/participant", "/insights/participant",
         "?roomSessionId=e2f29530-46ec-4cee-8b27-e565cb5bb2e9"
         "&participantId=32ba120a-a691-4e8e-aec3-a610239271de", None, 200),
        ("DELETE", "/meetings/{meetingId}", f"/meetings/{mid}", "", None, 204),
        ("DELETE", "/meetings/{meetingId}", f"/meetings/{mid}", "", None, 204),
    ]
    for method, doc_path, path, query, body, expected in cases:
        if isinstance(body, tuple):
            status, answer = call(fjord_server, method, path, raw=body[0], query=query,
                                  content_type=body[1])
        else:
            status, answer = call(fjord_server, method, path, body, query=query)
        assert status == expected, (method, path, status, answer)
        contract.check(method, doc_path, status, answer)
        # Without an API key: 401, as documented for every operation.
        status, answer = call(fjord_server, method, path, query=query, api_key=None)
        assert status == 401, (method, path, status)
        contract.check(method, doc_path, status, answer)
        done.add((method, doc_path))
    assert done == contract.operations()


@pytest.mark.parametrize(("field", "value"), [
    ("streaming", {"destination": {"url": "rtmp://a.rtmp.youtube.com/live2/key"},
                   "startTrigger": "automatic"}),
    ("liveTranscription", {"destination": {"provider": "whereby"}, "startTrigger": "automatic",
                           "language": "en,"}),
    ("streaming", {"destination": {"url": "rtmp://a.rtmp.youtube.com/live2/key"},
                   "startTrigger": "none"}),
    ("liveTranscription", {"destination": None, "startTrigger": "none", "liveCaptions": True}),
])
def test_unsupported_features_are_refused_by_name(fjord_server: FjordServer, field: str,
                                                  value: dict) -> None:
    status, answer = call(fjord_server, "POST", "/meetings", {"endDate": end_date(), field: value})
    assert status == 400 and answer["error"].startswith((f"{field}:", f"{field}.")), answer


@pytest.mark.parametrize("trigger", ["none", None])
def test_features_left_off_are_accepted(fjord_server: FjordServer, contract: Contract,
                                        trigger: str | None) -> None:
    """startTrigger null is Whereby's "not required or inherited from the organization
    preferences", and transcription's "none" leaves it off: both accepted. Streaming's
    "none" lets the host start the stream by hand, so only without a destination."""
    body = {"endDate": end_date(),
            "recording": {"type": "none", "destination": None, "startTrigger": "none"},
            "liveTranscription": {"destination": None, "startTrigger": trigger},
            "streaming": {"destination": {"url": "rtmp://example.test/live"}
                          if trigger is None else None, "startTrigger": trigger},
            "startDate": end_date(-1)}
    status, meeting = call(fjord_server, "POST", "/meetings", body)
    assert status == 201, meeting
    contract.check("POST", "/meetings", status, meeting)


def test_viewer_mode_template_makes_a_locked_group_room(fjord_server: FjordServer,
                                                        contract: Contract) -> None:
    day = (dt.datetime.now(dt.UTC) + dt.timedelta(days=2)).date().isoformat()
    status, meeting = call(fjord_server, "POST", "/meetings",
                           {"endDate": f"{day}T10:00:00-05:00", "templateType": "viewerMode"})
    contract.check("POST", "/meetings", status, meeting)
    assert status == 201 and meeting["endDate"] == f"{day}T15:00:00Z"  # a timezone in, UTC out
    assert meeting["roomMode"] == "group" and meeting["isLocked"] is True
    assert "roomKey=" in meeting["hostRoomUrl"] and "roomKey=" in meeting["viewerRoomUrl"]
    status, answer = call(fjord_server, "POST", "/meetings",
                          {"endDate": end_date(), "templateType": "viewerMode",
                           "roomMode": "normal"})
    assert status == 400 and answer["error"].startswith("templateType:")


def test_theme_images_are_checked_applied_and_purged(fjord_server: FjordServer) -> None:
    status, meeting = call(fjord_server, "POST", "/meetings", {"endDate": end_date()})
    room = meeting["roomName"]
    big, big_type = multipart("image", "big.png", png() + b"\0" * 600_001, "image/png")
    assert call(fjord_server, "PUT", f"/rooms{room}/theme/logo", raw=big,
                content_type=big_type)[0] == 413
    fake, fake_type = multipart("image", "x.png", b"<svg onload='alert(1)'/>", "image/png")
    status, answer = call(fjord_server, "PUT", f"/rooms{room}/theme/logo", raw=fake,
                          content_type=fake_type)
    assert status == 400 and answer["error"].startswith("image:")
    status, answer = call(fjord_server, "PUT", f"/rooms{room}/theme/tokens",
                          {"tokens": {"colors": {"primary": "red"}}, "tokensPreset": "custom"})
    assert status == 400 and "primary" in answer["error"]
    logo = png(3, 1)
    body, media_type = multipart("image", "logo.png", logo, "image/png")
    assert call(fjord_server, "PUT", f"/rooms{room}/theme/logo", raw=body,
                content_type=media_type)[0] == 204
    assert call(fjord_server, "PUT", f"/rooms{room}/theme/tokens",
                {"tokens": {"colors": {"primary": "#123456"}}, "tokensPreset": "custom"})[0] == 204
    # Colors without "custom" would be dropped (Whereby: the defaults): refused, and the
    # stored colors stay.
    status, answer = call(fjord_server, "PUT", f"/rooms{room}/theme/tokens",
                          {"tokens": {"colors": {"primary": "#00ff00"}}})
    assert status == 400 and answer["error"].startswith("invalid field tokensPreset:")
    # What the room page reads: no API key needed, as for the page itself.
    status, theme = call(fjord_server, "GET", f"/rooms{room}/theme", api_key=None)
    assert status == 200 and theme["tokens"] == {"primary": "#123456"}
    assert theme["logo"]["image"]["mediaType"] == "image/png"
    # Stored encrypted: the image's bytes are nowhere in the database.
    db = fjord_server.data_dir / "fjord.db"
    marker = base64.b64encode(logo)
    assert all(marker not in p.read_bytes() and logo not in p.read_bytes()
               for p in db.parent.glob("fjord.db*"))
    # Purged with the room.
    assert call(fjord_server, "DELETE", f"/meetings/{meeting['meetingId']}")[0] == 204
    assert call(fjord_server, "GET", f"/rooms{room}/theme", api_key=None)[0] == 404
    with sqlite3.connect(db) as conn:
        left = conn.execute("SELECT count(*) FROM room_themes WHERE meeting_id = ?",
                            (meeting["meetingId"],)).fetchone()[0]
    assert left == 0


@pytest.mark.parametrize("body", [{}, {"theme": "default"}])
def test_a_json_logo_body_resets_the_logo(fjord_server: FjordServer, body: dict) -> None:
    """Tester finding: ``{}``, which Whereby's schema allows (its ``theme`` is not required;
    the JSON body is "Reset room logo to default"), was a 400 "theme: Field required"."""
    room = call(fjord_server, "POST", "/meetings", {"endDate": end_date()})[1]["roomName"]
    image, image_type = multipart("image", "logo.png", png(), "image/png")
    assert call(fjord_server, "PUT", f"/rooms{room}/theme/logo", raw=image,
                content_type=image_type)[0] == 204
    assert "logo" in call(fjord_server, "GET", f"/rooms{room}/theme", api_key=None)[1]
    status, answer = call(fjord_server, "PUT", f"/rooms{room}/theme/logo", body)
    assert status == 204, answer
    assert "logo" not in call(fjord_server, "GET", f"/rooms{room}/theme", api_key=None)[1]


def test_rate_limited_answers_whereby_throttle_error(fjord_server: FjordServer,
                                                     contract: Contract) -> None:
    # Sixteen kept-alive connections at once, so requests arrive faster than the limit
    # (20/s, burst 40) even when a loaded machine serves each one slowly.
    host, port = fjord_server.base_url.removeprefix("https://").split(":")
    limited: list[bytes] = []

    def hammer() -> None:
        conn = http.client.HTTPSConnection(host, int(port), context=fjord_server.ssl_context(),
                                           timeout=30)
        try:
            for _ in range(100):
                if limited:
                    return
                conn.request("GET", "/v1/meetings?limit=1",
                             headers={"Authorization": f"Bearer {fjord_server.api_key}"})
                resp = conn.getresponse()
                payload = resp.read()
                if resp.status == 429:
                    limited.append(payload)
                    return
                assert resp.status == 200
        finally:
            conn.close()

    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        for future in [pool.submit(hammer) for _ in range(16)]:
            future.result()
    assert limited, "never rate limited"
    body = json.loads(limited[0])
    contract.check("GET", "/meetings", 429, body)
    assert isinstance(body["error"], str) and 0 < body["data"]["msLeft"] <= 60_000
    time.sleep(body["data"]["msLeft"] / 1000)
