"""One handler per STUN/TURN method; :mod:`turn.dispatcher` holds the only method switch.

Request handlers take a :class:`~turn.handlers.context.RequestContext` and return the
response :class:`~turn.stun.Message` (success or error); the dispatcher signs and caches it.
"""
