"""Emoji reactions (Whereby's ``reactions``) over the WebSocket API of a real ``fjord serve``:
the ``reaction`` message relayed to everyone (the sender too) in normal, group and end-to-end
encrypted group rooms; a name outside the closed set, a skin tone where none applies and an
overlong value refused naming the field; the per-participant rate limit, which keeps the
connection; knockers and viewers refused."""

from __future__ import annotations

import asyncio
import base64
import os

import pytest

from tests.conftest import FjordServer
from tests.signaling_client import SignalingClient, join_message
from tests.suite_audit import remember


async def enter(server: FjordServer, url: str, name: str, e2ee: bool = False) -> SignalingClient:
    remember(name)
    client = await SignalingClient.connect(server, url)
    message = join_message(name, url)
    if e2ee:  # a stand-in for the browser's P-256 public key (opaque to the server)
        message["e2eePublicKey"] = base64.urlsafe_b64encode(
            b"\x04" + os.urandom(64)).decode().rstrip("=")
    await client.send(message)
    reply = await client.recv()
    assert reply["type"] == "joined", reply
    client.joined = reply
    return client


async def no_reaction(client: SignalingClient) -> None:
    """Nothing of type ``reaction`` is waiting for ``client``: a ping's pong comes first."""
    await client.send({"type": "ping"})
    while (message := await client.recv())["type"] != "pong":
        assert message["type"] != "reaction", message


@pytest.mark.parametrize("kind", ["normal", "group", "e2ee"])
async def test_a_reaction_reaches_everyone_the_sender_too(fjord_server: FjordServer,
                                                          kind: str) -> None:
    """As chat, through signaling in every kind of room: an end-to-end encrypted room's
    reactions are not end-to-end encrypted (docs/e2ee.md), as its chat is not."""
    e2ee = kind == "e2ee"
    meeting = fjord_server.create_meeting("normal" if kind == "normal" else "group",
                                          **({"endToEndEncryption": True} if e2ee else {}))
    host = await enter(fjord_server, meeting["hostRoomUrl"], "Host", e2ee)
    ada = await enter(fjord_server, meeting["roomUrl"], "Ada", e2ee)
    assert ada.joined["endToEndEncryption"] is e2ee
    await ada.send({"type": "reaction", "reaction": "clap", "skinTone": "medium-dark"})
    expected = {"type": "reaction", "from": ada.joined["selfId"], "reaction": "clap",
                "skinTone": "medium-dark"}
    assert [await c.expect("reaction") for c in (host, ada)] == [expected, expected]
    await host.send({"type": "reaction", "reaction": "heart"})  # no skin tone: none sent
    expected = {"type": "reaction", "from": host.joined["selfId"], "reaction": "heart"}
    assert [await c.expect("reaction") for c in (host, ada)] == [expected, expected]
    await host.close()
    await ada.close()


@pytest.mark.parametrize(("fields", "named"), [
    ({"reaction": "poop"}, "reaction"),
    ({"reaction": "Clap"}, "reaction"),
    ({"reaction": "\U0001f44d"}, "reaction"),  # the emoji itself: names only
    ({"reaction": "x" * 100_000}, "reaction"),
    ({}, "reaction"),
    ({"reaction": "heart", "skinTone": "dark"}, "skinTone"),
    ({"reaction": "clap", "skinTone": "purple"}, "skinTone"),
    ({"reaction": "clap", "skinTone": None}, "skinTone"),
    ({"reaction": "clap", "text": "hi"}, "text"),
])
async def test_anything_outside_the_closed_set_is_refused_naming_the_field(
        fjord_server: FjordServer, fields: dict, named: str) -> None:
    meeting = fjord_server.create_meeting("normal")
    host = await enter(fjord_server, meeting["hostRoomUrl"], "Host")
    ada = await enter(fjord_server, meeting["roomUrl"], "Ada")
    await ada.send({"type": "reaction", **fields})
    error = await ada.expect("error")
    assert error["code"] == "bad_message", error
    assert error["message"].startswith(f"invalid field {named}:"), error
    assert len(error["message"]) < 300  # an overlong value is not echoed back
    await no_reaction(host)
    # The connection stays: the next reaction goes through.
    await ada.send({"type": "reaction", "reaction": "laugh"})
    assert (await host.expect("reaction"))["reaction"] == "laugh"
    await host.close()
    await ada.close()


async def test_over_the_rate_limit_reactions_are_refused_and_the_connection_kept(
        fjord_server: FjordServer) -> None:
    """A burst of 5, then 1 a second, per participant: each reaction over it gets
    ``rate_limited`` and reaches nobody; another participant's budget is its own."""
    meeting = fjord_server.create_meeting("normal")
    host = await enter(fjord_server, meeting["hostRoomUrl"], "Host")
    ada = await enter(fjord_server, meeting["roomUrl"], "Ada")
    for _ in range(7):
        await ada.send({"type": "reaction", "reaction": "clap"})
    codes = []
    received = 0
    while len(codes) < 2:
        message = await ada.recv()
        if message["type"] == "error":
            codes.append(message["code"])
            assert "reactions" in message["message"]
        elif message["type"] == "reaction":
            received += 1
    assert codes == ["rate_limited", "rate_limited"]
    for _ in range(5 - received):
        await ada.expect("reaction")
    for _ in range(5):
        await host.expect("reaction")
    await no_reaction(host)
    await host.send({"type": "reaction", "reaction": "heart"})  # the host's own budget
    for client in (host, ada):
        assert (await client.expect("reaction"))["from"] == host.joined["selfId"]
    # A token comes back each second: within a few, Ada's next reaction goes through.
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 5
    while True:
        await ada.send({"type": "reaction", "reaction": "celebrate"})
        reply = await ada.recv()
        if reply["type"] == "reaction":
            break
        assert reply["code"] == "rate_limited" and loop.time() < deadline, reply
        await asyncio.sleep(0.25)
    assert reply == {"type": "reaction", "from": ada.joined["selfId"], "reaction": "celebrate"}
    assert (await host.expect("reaction"))["reaction"] == "celebrate"
    await host.close()
    await ada.close()


async def test_knockers_and_viewers_send_no_reaction(fjord_server: FjordServer) -> None:
    """A knocker is not in the room yet (``not_joined``); a viewer has no tile to show a
    reaction over (``forbidden``). Neither reaches anyone; both connections stay."""
    meeting = fjord_server.create_meeting("group", isLocked=True)
    host = await enter(fjord_server, meeting["hostRoomUrl"], "Host")
    viewer = await enter(fjord_server, meeting["viewerRoomUrl"], "Viewer")
    remember("Knocker")
    knocker = await SignalingClient.connect(fjord_server, meeting["roomUrl"])
    assert (await knocker.join("Knocker", meeting["roomUrl"]))["type"] == "knock-pending"
    await host.expect("knock")
    await knocker.send({"type": "reaction", "reaction": "raised-hand"})
    assert (await knocker.expect("error"))["code"] == "not_joined"
    await viewer.send({"type": "reaction", "reaction": "thumbs-up"})
    assert (await viewer.expect("error"))["code"] == "forbidden"
    await no_reaction(host)
    await no_reaction(viewer)
    # Viewers still see the others' reactions.
    await host.send({"type": "reaction", "reaction": "thumbs-up", "skinTone": "light"})
    assert (await viewer.expect("reaction"))["skinTone"] == "light"
    for client in (host, viewer, knocker):
        await client.close()
