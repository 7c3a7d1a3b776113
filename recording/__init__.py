"""Cloud recording (issue 14): depacketize forwarded RTP without decoding, mux Matroska in
memory, upload to an S3 bucket. ``vp8``, ``reorder``, ``frames`` are pure (bytes in, objects
out); ``muxer`` wraps PyAV's stream copy; ``uploader`` is the only I/O."""
