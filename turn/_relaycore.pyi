"""Typed interface of the native TURN relay core (turn/_relaycore.c), for UDP clients.

RFC 8656 sections 11 (Send and Data indications) and 12 (ChannelData). Python fills and
prunes the tables; the core's own thread (:meth:`RelayCore.start`, never holding the GIL)
moves the packets. Every datagram read is relayed, queued for Python and handed over by
:meth:`RelayCore.poll`, or a counted drop (:meth:`RelayCore.counters`).
"""

from collections.abc import Sequence

BATCH: int
"""Datagrams per recvmmsg call and ready sockets per wake-up of the relay thread (64)."""
UP_QUEUE: int
"""Listener datagrams held for Python (1024) in each of two queues, one for clients with an
allocation in the core and one for other addresses; more are dropped as
``native_queue_full``."""
MAX_COALESCE_US: int
"""Largest coalescing time :meth:`RelayCore.start` accepts (10,000 microseconds)."""
MAX_PERMISSIONS: int
"""Permitted peer IPs per allocation (64)."""
MAX_CHANNELS: int
"""Channel bindings per allocation (64)."""

class RelayCore:
    """The relay tables and batch I/O around one UDP listener socket, and the thread that
    relays. One mutex guards tables, counters and the queue for Python: methods may be
    called from any Python thread.

    A core belongs to the process that created it. In a child forked after that (the child
    has no relay thread, and shares the core's epoll and eventfd descriptors with the
    parent) every method raises RuntimeError, except :meth:`close`, which closes only the
    child's copies of the descriptors; create a new core in the child instead.

    Args:
        listener_fd: the bound, non-blocking UDP listener; not owned (the caller closes it).
        max_allocations: bound of the allocation table, 1-1,048,576.
        max_message_size: listener datagrams larger than this (bytes) are dropped as
            ``oversize``; 20-65536.
        request_rate: STUN messages per second one source IP address (any port) may hand
            to Python (ChannelData and Send indications do not count: the core relays those
            of its own allocations, and hands Python those of the allocations Python
            relays), refilling a token bucket of ``request_burst``; beyond it they are
            dropped as ``request_rate_limited`` before they take a place in the queue. 0
            (the default): no limit.
        request_burst: the bucket's size, 1-1e9 when ``request_rate`` is set.

    Raises:
        ValueError: an argument is out of range.
        OSError: the epoll or eventfd descriptors cannot be created, or the listener not
            added to epoll.
    """

    def __init__(
        self,
        listener_fd: int,
        max_allocations: int,
        max_message_size: int,
        *,
        request_rate: float = 0.0,
        request_burst: float = 0.0,
    ) -> None: ...
    def set_allocation(
        self,
        client: tuple[str, int],
        relay_fds: Sequence[int],
        permissions: Sequence[str],
        channels: Sequence[tuple[int, tuple[str, int]]],
        *,
        bandwidth: int = 0,
    ) -> None:
        """Add or replace the allocation of the UDP client ``client`` (ip, port).

        ``relay_fds``: its one or two bound UDP relay sockets (not owned; call
        :meth:`remove_allocation` before closing them); ``permissions``: peer IP texts
        (RFC 8656 section 9); ``channels``: ``(number, (peer ip, peer port))`` bindings
        (section 12); ``bandwidth``: bytes/s the allocation may relay, both directions
        together (0: unlimited), a token bucket holding at most max(bandwidth, 8192) bytes
        as :class:`turn.relay.Relay`'s, beyond which packets are ``bandwidth`` drops. Traffic
        marks of channels that stay bound, and the bucket while its rate stays, are kept.

        Raises:
            ValueError: a malformed address, channel number or descriptor, or a
                ``bandwidth`` outside 0-2^40.
            OverflowError: the table is full or more than :data:`MAX_PERMISSIONS` /
                :data:`MAX_CHANNELS` are given; counted as drop ``native_table_full``, and
                the entry (if any) stays as it was.
            OSError: epoll refused a descriptor.
        """

    def remove_allocation(self, client: tuple[str, int]) -> bool:
        """Forget ``client``'s allocation and stop reading its relay sockets; True if known."""

    def set_own_ports(self, ports: Sequence[int]) -> None:
        """Ports of the server's own listeners (at most 16): Send indications whose peer has
        one of them go to Python, which applies the peer policy."""

    def start(self, coalesce_us: int) -> None:
        """Start the relay thread: it waits in epoll_wait, reads one recvmmsg batch from
        every ready socket, relays them, and sends all results in one flush (GSO runs,
        sendmmsg per socket). After a wake-up that read fewer than 16 datagrams it sleeps
        ``coalesce_us`` microseconds (0 never), so the next wake-up carries more datagrams
        per system call; relayed packets wait at most that long.

        Client side: ChannelData from a known client goes to its channel's peer; a Send
        indication with exactly XOR-PEER-ADDRESS and DATA (plus comprehension-optional
        attributes other than FINGERPRINT) goes to the peer if permitted. Peer side: a
        datagram from a permitted peer goes to the client as ChannelData when a channel is
        bound to its address, else as a Data indication. Other listener datagrams (STUN
        requests, indications it does not handle, anything from clients it does not know)
        are queued for :meth:`poll`: STUN messages other than Send indications only while
        their source IP is within ``request_rate`` (else ``request_rate_limited``), and
        ChannelData and Send indications of allocations Python relays always.

        Raises:
            ValueError: ``coalesce_us`` is not an int in 0-:data:`MAX_COALESCE_US`, or the
                core is closed or its ``__init__`` raised.
            RuntimeError: the thread is already running, or this is a forked child of the
                core's process.
            OSError: the thread cannot be created.
        """

    def poll(self) -> list[tuple[bytes, tuple[str, int]]]:
        """The listener datagrams queued for Python since the last call, as ``(bytes, (ip,
        port))``: those from clients with an allocation in the core first, then the others,
        each oldest first (a flood from addresses without one cannot crowd out the
        Refreshes of calls in progress). Never blocks; call it when :meth:`fileno` is
        readable."""

    def take_channel_activity(self) -> list[tuple[tuple[str, int], int]]:
        """``(client, channel number)`` of the channels that carried client traffic since
        the last call (the caller refreshes their permissions, RFC 8656 section 12)."""

    def counters(self) -> dict[str, int | dict[str, int]]:
        """Monotonic counts since creation: ``to_peer_packets``, ``to_peer_bytes``,
        ``to_client_packets``, ``to_client_bytes`` (payload bytes), ``returned`` (datagrams
        queued for Python), ``gso_messages``, ``gso_refused``, ``allocations`` (current) and
        ``drops`` (reason -> count): ``oversize``, ``malformed``, ``no_channel``,
        ``no_permission``, ``family_mismatch``, ``send_failed``, ``native_table_full``,
        ``native_queue_full`` (its queue for Python held :data:`UP_QUEUE`),
        ``native_queue_closed`` (still queued for Python when :meth:`close` ran) and
        ``request_rate_limited`` (over the source's ``request_rate``) and ``bandwidth``
        (over the allocation's ``bandwidth``). Readable
        after :meth:`close`."""

    def fileno(self) -> int:
        """An eventfd, readable when :meth:`poll` has datagrams (for ``add_reader``)."""

    def close(self) -> None:
        """Stop and join the relay thread (within one batch and one coalescing time),
        forget every allocation, drop the datagrams still queued for Python (counted as
        ``native_queue_closed``) and close the descriptors; later calls raise ValueError
        except :meth:`counters` and :meth:`close`. The socket descriptors given to the core
        are not closed: close them after this."""
