"""Cloud recording (issue 14): depacketize forwarded RTP without decoding, mux Matroska in
memory, upload to an S3 bucket. ``vp8``, ``reorder``, ``frames``, ``track``, ``muxer`` and
``track_slots`` are pure (bytes in, objects or bytes out); ``uploader`` is the only I/O."""
