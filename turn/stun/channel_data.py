"""ChannelData framing (RFC 8656 section 12.4).

```
 0                   1                   2                   3
 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
|         Channel Number        |            Length             |
+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/                       Application Data                        /
```
Over TCP and TLS the frame is padded to a multiple of 4 bytes; over UDP padding is optional.
"""

from __future__ import annotations

import struct

CHANNEL_MIN = 0x4000
CHANNEL_MAX = 0x4FFF
"""Valid channel numbers (RFC 8656 section 12)."""
LEGACY_CHANNEL_MAX = 0x7FFE
"""Upper bound of the older RFC 5766 range, which coturn's clients still use."""


def is_channel_data(data: bytes) -> bool:
    """First two bits are 01 (first byte 64-127: RFC 8656 channels use 64-79, RFC 5766 ones
    up to 127)."""
    return len(data) >= 4 and 0x40 <= data[0] <= 0x7F


def encode_channel_data(channel: int, payload: bytes, pad: bool = False) -> bytes:
    """Frame ``payload`` (at most 65535 bytes) on ``channel``; ``pad`` for TCP/TLS."""
    frame = struct.pack("!HH", channel, len(payload)) + payload
    if pad and len(payload) % 4:
        frame += b"\x00" * (-len(payload) % 4)
    return frame
