"""Cluster state in Redis: the node registry, room placement and the cross-node room bus.

Layer: above ``signaling`` (the room bus carries its room events), below ``sfu_control``
and the ``fjord`` command (docs/architecture.md).
"""
