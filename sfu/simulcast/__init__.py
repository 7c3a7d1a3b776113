"""Simulcast (RFC 8853): the publisher's encodings as layers, and per-subscriber layer
selection and rewriting beside the consumer."""
