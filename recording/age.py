"""The age file format v1 to an X25519 recipient, streaming (age-encryption.org/v1).

A recording encrypted in memory before upload, so neither the operator nor whoever hosts
the bucket can read it; the standard ``age`` tool or ``fjord recording decrypt`` opens it.

Header: the version line, one ``X25519`` stanza (an ephemeral share and the 16-byte file key
sealed with ChaCha20-Poly1305 under HKDF-SHA256(shared secret, salt = share || recipient,
info "age-encryption.org/v1/X25519")), and an HMAC-SHA256 of the header under
HKDF(file key, info "header"). Payload: a 16-byte nonce, then 64 KiB chunks sealed with
ChaCha20-Poly1305 under HKDF(file key, salt = nonce, info "payload"), each nonce an 11-byte
big-endian counter and a last-chunk flag. Keys are Bech32 (BIP 173): ``age1...`` recipients,
``AGE-SECRET-KEY-1...`` identities. Pure: bytes in, bytes out.
"""

from __future__ import annotations

import base64
import hmac
import os
from collections.abc import Callable, Iterator
from hashlib import sha256
from typing import BinaryIO

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from recording.errors import ParseError

VERSION = b"age-encryption.org/v1"
X25519_INFO = b"age-encryption.org/v1/X25519"
CHUNK = 64 * 1024
TAG = 16
_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def _b64(data: bytes) -> bytes:
    return base64.b64encode(data).rstrip(b"=")


def _unb64(text: bytes) -> bytes:
    return base64.b64decode(text + b"=" * (-len(text) % 4), validate=True)


def _hkdf(ikm: bytes, salt: bytes, info: bytes) -> bytes:
    return HKDF(SHA256(), 32, salt or None, info).derive(ikm)


def _polymod(values: list[int]) -> int:
    gen = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if (top >> i) & 1 else 0
    return chk


def _expand(hrp: str) -> list[int]:
    return [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]


def _convert(data: list[int] | bytes, src: int, dst: int, pad: bool) -> list[int]:
    acc = bits = 0
    out = []
    for value in data:
        acc = (acc << src) | value
        bits += src
        while bits >= dst:
            bits -= dst
            out.append((acc >> bits) & ((1 << dst) - 1))
    if pad and bits:
        out.append((acc << (dst - bits)) & ((1 << dst) - 1))
    elif not pad and (bits >= src or (acc << (dst - bits)) & ((1 << dst) - 1)):
        raise ParseError("bad Bech32 padding")
    return out


def bech32_encode(hrp: str, data: bytes) -> str:
    five = _convert(data, 8, 5, True)
    check = _polymod(_expand(hrp) + five + [0] * 6) ^ 1
    five += [(check >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(_CHARSET[d] for d in five)


def bech32_decode(text: str, hrp: str) -> bytes:
    """The bytes of a Bech32 string of human-readable part ``hrp`` (case-insensitive).

    Raises:
        ParseError: wrong prefix, character or checksum.
    """
    lower = text.strip().lower()
    if not lower.startswith(hrp + "1") or len(lower) < len(hrp) + 8:
        raise ParseError(f"not a {hrp} key")
    try:
        five = [_CHARSET.index(c) for c in lower[len(hrp) + 1:]]
    except ValueError:
        raise ParseError("invalid Bech32 character") from None
    if _polymod(_expand(hrp) + five) != 1:
        raise ParseError("Bech32 checksum mismatch")
    return bytes(_convert(five[:-6], 5, 8, False))


def recipient_of(identity: str) -> str:
    """The ``age1...`` recipient of an ``AGE-SECRET-KEY-1...`` identity."""
    key = X25519PrivateKey.from_private_bytes(bech32_decode(identity, "age-secret-key-"))
    return bech32_encode("age", key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))


def new_identity() -> str:
    """A new ``AGE-SECRET-KEY-1...`` identity."""
    return bech32_encode("age-secret-key-", os.urandom(32)).upper()


def check_recipient(recipient: str) -> bytes:
    """The 32-byte X25519 public key of an ``age1...`` recipient. Raises ParseError."""
    key = bech32_decode(recipient, "age")
    if len(key) != 32:
        raise ParseError("an age X25519 recipient holds 32 bytes")
    return key


class AgeEncryptor:
    """Streams plaintext into age ciphertext handed to ``sink`` (header first).

    The first chunk's plaintext is kept so that :meth:`reseal_first` can give edited
    ciphertext for it (the recording's header names tracks that started later). That seals
    chunk 0 twice under one nonce, which is safe only because the first ciphertext never
    leaves memory: the uploader holds part 1 (``hold_head``) until it is replaced.
    """

    def __init__(self, recipient: str, sink: Callable[[bytes], None]) -> None:
        public = check_recipient(recipient)
        file_key = os.urandom(16)
        ephemeral = X25519PrivateKey.generate()
        share = ephemeral.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(public))
        wrap = ChaCha20Poly1305(_hkdf(shared, share + public, X25519_INFO))
        body = _b64(wrap.encrypt(bytes(12), file_key, None))
        header = VERSION + b"\n-> X25519 " + _b64(share) + b"\n" + body + b"\n---"
        mac = hmac.new(_hkdf(file_key, b"", b"header"), header, sha256).digest()
        nonce = os.urandom(16)
        self._aead = ChaCha20Poly1305(_hkdf(file_key, nonce, b"payload"))
        self._sink = sink
        self._buffer = bytearray()
        self._counter = 0
        self.closed = False
        prefix = header + b" " + _b64(mac) + b"\n" + nonce
        self.payload_offset = len(prefix)
        "Where chunk 0's ciphertext starts in the file."
        self._first: tuple[bytes, bool] | None = None
        sink(prefix)

    def write(self, data: bytes) -> None:
        """Encrypt and emit every full chunk that is surely not the last."""
        self._buffer += data
        while len(self._buffer) > CHUNK:
            self._seal(bytes(self._buffer[:CHUNK]), last=False)
            del self._buffer[:CHUNK]

    def close(self) -> None:
        """Emit the last chunk (idempotent)."""
        if not self.closed:
            self.closed = True
            self._seal(bytes(self._buffer), last=True)
            self._buffer.clear()

    def reseal_first(self, edits: list[tuple[int, bytes]]) -> tuple[int, bytes]:
        """Chunk 0 with plaintext ``edits`` ``(offset, bytes)`` applied, sealed again:
        ``(file offset, ciphertext)`` of the same length to put in place of the first.

        Raises:
            ValueError: chunk 0 is not sealed yet, or an edit falls outside it.
        """
        if self._first is None:
            raise ValueError("chunk 0 is not sealed yet")
        plain, last = bytearray(self._first[0]), self._first[1]
        for offset, data in edits:
            if offset < 0 or offset + len(data) > len(plain):
                raise ValueError("the edit falls outside chunk 0")
            plain[offset:offset + len(data)] = data
        nonce = bytes(11) + (b"\x01" if last else b"\x00")
        return self.payload_offset, self._aead.encrypt(nonce, bytes(plain), None)

    def _seal(self, chunk: bytes, last: bool) -> None:
        nonce = self._counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")
        if self._counter == 0:
            self._first = (chunk, last)
        self._counter += 1
        self._sink(self._aead.encrypt(nonce, chunk, None))


def decrypt(identity: str, source: BinaryIO) -> Iterator[bytes]:
    """Plaintext chunks of the age file in ``source`` for an X25519 ``identity``.

    Raises:
        ParseError: not age v1 for this identity, or altered (header MAC or a chunk's tag).
    """
    secret = X25519PrivateKey.from_private_bytes(bech32_decode(identity, "age-secret-key-"))
    public = secret.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    lines: list[bytes] = []
    while True:
        line = source.readline(4096)
        if not lines and line.rstrip(b"\n") != VERSION:
            raise ParseError("not an age v1 file (it does not begin with "
                             f"{VERSION.decode()!r}): was the recording encrypted?")
        if not line.endswith(b"\n"):
            raise ParseError("truncated age header")
        if line.startswith(b"--- "):
            break
        lines.append(line[:-1])
        if len(lines) > 64:
            raise ParseError("age header too long")
    file_key = None
    i = 1
    while i + 1 < len(lines):
        args = lines[i].split(b" ")
        if args[:2] == [b"->", b"X25519"] and len(args) == 3:
            share = _unb64(args[2])
            shared = secret.exchange(X25519PublicKey.from_public_bytes(share))
            wrap = ChaCha20Poly1305(_hkdf(shared, share + public, X25519_INFO))
            try:
                file_key = wrap.decrypt(bytes(12), _unb64(lines[i + 1]), None)
                break
            except Exception:  # another recipient's stanza
                pass
        i += 2
    if file_key is None:
        raise ParseError("no stanza for this identity")
    header = b"\n".join(lines) + b"\n---"
    mac = hmac.new(_hkdf(file_key, b"", b"header"), header, sha256).digest()
    if not hmac.compare_digest(mac, _unb64(line[4:-1])):
        raise ParseError("age header MAC mismatch")
    nonce = source.read(16)
    aead = ChaCha20Poly1305(_hkdf(file_key, nonce, b"payload"))
    counter = 0
    chunk = source.read(CHUNK + TAG)
    while True:
        following = source.read(CHUNK + TAG)
        last = not following
        n = counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")
        try:
            yield aead.decrypt(n, chunk, None)
        except Exception:
            raise ParseError("age payload altered or truncated") from None
        if last:
            return
        counter += 1
        chunk = following
