"""Pure RTCP codecs, one module per packet family (RFC 3550, RFC 4585, RFC 5104, drafts).

:func:`sfu.rtcp.compound.parse_compound` is the single dispatcher.
"""
