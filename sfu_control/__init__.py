"""Signaling's media control over the SFU, in process or over Redis, side by side.

One interface, :class:`sfu.control.SfuControl` (join, publish, subscribe offer/answer,
leave, plus the :class:`sfu.control.SfuListener` events), has two implementations: the
in-process :class:`sfu.worker.SfuWorker` and :class:`sfu_control.remote.ClusterSfu`, which
carries the same typed requests over Redis (:mod:`sfu_control.wire`) to an
:class:`sfu_control.node.SfuNode` in an ``fjord sfu`` worker process.
:class:`sfu_control.local.LocalSfu` drives either one as the
:class:`signaling.media.MediaControl` of a signaling node.

Layer: above ``cluster`` (placement and registry) and ``signaling``; below the ``fjord``
command (docs/architecture.md).
"""
