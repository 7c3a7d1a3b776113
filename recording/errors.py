"""Errors of the recording package."""

from __future__ import annotations


class RecordingError(Exception):
    """Base of the recorder's errors."""


class ParseError(RecordingError, ValueError):
    """A payload that is not what its codec's RTP format says (counted and dropped)."""


class UploadFailed(RecordingError):
    """The bucket refused or stayed unreachable past the backlog bound; ``str()`` says why
    without credentials."""
