"""Errors of the key management package: one base class, parse errors apart from the rest."""

from __future__ import annotations


class KeysError(Exception):
    """Base of every error raised by ``keys``."""


class ParseError(KeysError, ValueError):
    """Bytes that are not a ciphertext envelope or a wrapped key this code writes."""


class DecryptionError(KeysError):
    """Authenticated decryption failed: the ciphertext was moved to another row or column,
    altered, or its data key was destroyed (crypto-shredding)."""


class KekUnavailable(KeysError, RuntimeError):
    """The key-encryption key cannot be loaded or cannot unwrap the stored data keys.

    ``str()`` is one line; start-up stops with it.
    """


class DataKeyMissing(DecryptionError):
    """No data key exists for an organization or a key version: destroyed or never made."""


class KeyringIncomplete(KeysError):
    """An organization of the database has no wrapped data key in the keyring (database
    restored without its keyring, or a wrong keyring directory). ``str()`` is one line;
    start-up and operator commands stop with it."""


class KeyFileMissing(KeysError):
    """A data dir in use lacks one of its key files; making a new one would silently
    invalidate what the old one protected (room links, TURN credentials, wrapped keys).
    ``str()`` is one line naming the file."""


class DataDirOfAnotherUser(KeysError):
    """Root would work in a data dir that another user (the servers') owns: the files it
    made there would be root's alone, unreadable by the servers. ``str()`` is one line."""


class KeysDiffer(KeysError):
    """A live signaling node of the deployment verifies room keys with none of this node's
    signing keys: their data dirs differ, so links made on one fail on the other. ``str()``
    is one line; start-up stops with it."""
