"""SDP offer/answer for the SFU's two transport kinds (RFC 8829 JSEP, RFC 8843 BUNDLE,
RFC 8858 rtcp-mux-only, RFC 8830 msid), built on aiortc's SDP parser and writer."""
