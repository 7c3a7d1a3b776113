"""The largest SDP Fjord accepts, one figure for every hop it crosses.

A browser's ``subscribe-answer`` carries one m-line per track it receives. Measured with
aiortc's answers to the SFU's offers: 1,445 characters per publisher with a camera and a
microphone, so 287,772 characters for 199 publishers. A group room holds 200 participants
(``max_group_room_size``), each with up to four tracks (camera, microphone, screen video,
screen audio), about 800 m-lines: 1 MiB leaves room for that and for browsers' longer
m-lines. The signaling messages that carry ``sdp`` (docs/signaling.md), the SFU's parser
(:func:`sfu.sdp.common.parse_sdp`) and the SFU control wire (:mod:`sfu_control.wire`) all
derive their limits from this one value, so a room that fits one hop fits them all.
"""

MAX_SDP_LENGTH = 1_048_576
"""Characters in one SDP (offer or answer) at most."""

MAX_PUBLISH_SDP_LENGTH = 131_072
"""Characters in one ``publish`` offer at most (128 KiB). A publish offer has at most
:data:`MAX_PUBLISHED_TRACKS` m-lines, a few KB each as browsers write them (every codec
they support, with its RTX, feedback and fmtp lines): about 15 KB for four. Parsing SDP costs
about 45 ms per MiB, and only the ``subscribe-answer`` of a full room needs
:data:`MAX_SDP_LENGTH`; a publish offer of that size, sent again and again, let a few
connections of one client hold the event loop signaling, TURN and the SFU share for most of
every second."""

MAX_PUBLISHED_TRACKS = 4
"""m-lines in one publish offer at most: camera, microphone, screen video, screen audio (the
web client offers at most three). This bounds what one participant adds to every other
participant's subscribe session; without it, one offer of 2,000 small m-lines (612 KB, within
MAX_SDP_LENGTH) made every newcomer's subscribe-answer too large to send, and stalled the
server for seconds."""
