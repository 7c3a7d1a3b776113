"""Pure RTP helpers (RFC 3550, RFC 8285, RFC 4588): bytes in, values or bytes out."""
