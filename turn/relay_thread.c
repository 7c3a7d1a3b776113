/* The TURN relay core's thread (RFC 8656 sections 11 and 12): what it does per datagram.
 *
 * RelayCore.start() (turn/_relaycore.c) runs relay_thread, which never takes the GIL: it
 * waits in epoll_wait, drains the ready listener and relay sockets in batches (recvmmsg),
 * relays ChannelData and Send indications to peers and peer datagrams to clients (as
 * ChannelData or Data indications), and sends the results in batches: one UDP GSO message
 * per run of packets with the same socket, destination and size (the last may be shorter),
 * sendmmsg for the rest, plain sendto when the kernel refuses GSO. After a wake-up that read
 * few datagrams it sleeps a bounded coalescing time, so that the next wake-up carries more
 * datagrams per system call. Listener datagrams it does not handle are queued (bounded) for
 * Python, which an eventfd wakes. Every packet is relayed, queued for Python, or a counted
 * drop; it holds the core's lock while it relays one wake-up's batch. Payload bytes are
 * never inspected, logged or kept past the batch.
 */
#include "relaycore.h"

/* --- addresses --------------------------------------------------------------------------- */

static int addr_from_sockaddr(addr_t *out, const struct sockaddr_storage *sa) {
    memset(out, 0, sizeof(*out));
    if (sa->ss_family == AF_INET) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
        out->family = AF_INET;
        out->port = in->sin_port;
        memcpy(out->ip, &in->sin_addr, 4);
        return 0;
    }
    if (sa->ss_family == AF_INET6) {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;
        out->family = AF_INET6;
        out->port = in6->sin6_port;
        memcpy(out->ip, &in6->sin6_addr, 16);
        return 0;
    }
    return -1;
}

static socklen_t addr_to_sockaddr(const addr_t *a, struct sockaddr_storage *sa) {
    memset(sa, 0, sizeof(*sa));
    if (a->family == AF_INET) {
        struct sockaddr_in *in = (struct sockaddr_in *)sa;
        in->sin_family = AF_INET;
        in->sin_port = a->port;
        memcpy(&in->sin_addr, a->ip, 4);
        return sizeof(*in);
    }
    struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)sa;
    in6->sin6_family = AF_INET6;
    in6->sin6_port = a->port;
    memcpy(&in6->sin6_addr, a->ip, 16);
    return sizeof(*in6);
}

/* --- allocation table -------------------------------------------------------------------- */

static size_t addr_hash(const addr_t *a) {
    uint64_t h = 1469598103934665603ull ^ a->family;
    h = (h ^ a->port) * 1099511628211ull;
    for (int i = 0; i < 16; i++)
        h = (h ^ a->ip[i]) * 1099511628211ull;
    return (size_t)(h ^ (h >> 29));
}

allocation_t **find_slot(RelayCore *self, const addr_t *client) {
    allocation_t **slot = &self->buckets[addr_hash(client) & self->bucket_mask];
    while (*slot != NULL && !addr_equal(&(*slot)->client, client))
        slot = &(*slot)->next;
    return slot;
}

static relay_t *relay_for(allocation_t *a, int family) {
    for (int i = 0; i < a->relay_count; i++)
        if (a->relays[i].family == family)
            return &a->relays[i];
    return NULL;
}

static int permitted(const allocation_t *a, const addr_t *peer) {
    for (int i = 0; i < a->permission_count; i++)
        if (ip_equal(&a->permissions[i], peer))
            return 1;
    return 0;
}

static channel_t *channel_by_number(allocation_t *a, uint16_t number) {
    for (int i = 0; i < a->channel_count; i++)
        if (a->channels[i].number == number)
            return &a->channels[i];
    return NULL;
}

static channel_t *channel_by_peer(allocation_t *a, const addr_t *peer) {
    for (int i = 0; i < a->channel_count; i++)
        if (addr_equal(&a->channels[i].peer, peer))
            return &a->channels[i];
    return NULL;
}

/* Take `size` bytes from `a`'s bandwidth bucket (turn/relay.py's Relay._take): 1 when
 * the allocation is unlimited or they fit, else 0 (and a counted drop). */
static int take_bandwidth(RelayCore *self, allocation_t *a, size_t size) {
    if (a->rate <= 0)
        return 1;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    double now = (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
    double burst = a->rate > MIN_BURST ? a->rate : MIN_BURST;
    double tokens = a->tokens + (now - a->tokens_at) * a->rate;
    if (tokens > burst)
        tokens = burst;
    a->tokens_at = now;
    if (tokens < (double)size) {
        a->tokens = tokens;
        self->drops[D_BANDWIDTH]++;
        return 0;
    }
    a->tokens = tokens - (double)size;
    return 1;
}

/* --- sending ----------------------------------------------------------------------------- */

static void queue(RelayCore *self, int fd, const uint8_t *data, uint32_t len, uint32_t payload,
                  int to_client, const addr_t *dest) {
    out_t *o = &self->out[self->out_count++];
    o->fd = fd;
    o->data = data;
    o->len = len;
    o->payload = payload;
    o->to_client = (uint8_t)to_client;
    o->dest = *dest;
}

static void account(RelayCore *self, int first, int count, int sent) {
    for (int i = first; i < first + count; i++) {
        const out_t *o = &self->out[i];
        if (!sent)
            self->drops[D_SEND_FAILED]++;
        else if (o->to_client) {
            self->to_client_packets++;
            self->to_client_bytes += o->payload;
        } else {
            self->to_peer_packets++;
            self->to_peer_bytes += o->payload;
        }
    }
}

/* The kernel or device cannot do UDP GSO at all (EINVAL only refuses this message, e.g. a
 * segment larger than the path MTU). */
static int gso_unsupported(int err) {
    return err == EIO || err == EOPNOTSUPP || err == ENOPROTOOPT;
}

/* Order the queue by socket, stably: each socket gets one sendmmsg per flush, and packets of
 * one flow keep their order (insertion sort: the queue is short and mostly grouped). */
static void group_by_socket(RelayCore *self) {
    for (int i = 1; i < self->out_count; i++) {
        if (self->out[i].fd >= self->out[i - 1].fd)
            continue;
        out_t moving = self->out[i];
        int j = i;
        while (j > 0 && self->out[j - 1].fd > moving.fd) {
            self->out[j] = self->out[j - 1];
            j--;
        }
        self->out[j] = moving;
    }
}

/* One message per run of packets for the same socket and destination of equal size, the
 * last one possibly shorter (GSO), else one per packet; sendmmsg per socket; sendto per
 * packet when the kernel refuses GSO. */
static void flush(RelayCore *self) {
    group_by_socket(self);
    int i = 0, n = self->out_count;
    while (i < n) {
        int fd = self->out[i].fd, m = 0;
        while (i < n && self->out[i].fd == fd) {
            const out_t *o = &self->out[i];
            int count = 1;
            if (self->gso && o->len > 0)
                while (i + count < n && count < GSO_MAX_SEGMENTS && self->out[i + count].fd == fd
                       && (size_t)(count + 1) * o->len <= GSO_MAX_BYTES
                       && addr_equal(&self->out[i + count].dest, &o->dest)) {
                    uint32_t len = self->out[i + count].len;
                    /* every segment has the first one's size but the last, which may be
                     * shorter (a video frame's last packet); not empty: it would vanish */
                    if (len > o->len || len == 0)
                        break;
                    count++;
                    if (len < o->len)
                        break;
                }
            struct msghdr *h = &self->tx[m].msg_hdr;
            memset(h, 0, sizeof(*h));
            h->msg_name = &self->tx_addr[m];
            h->msg_namelen = addr_to_sockaddr(&o->dest, &self->tx_addr[m]);
            for (int k = 0; k < count; k++) {
                self->tx_iov[i + k].iov_base = (void *)self->out[i + k].data;
                self->tx_iov[i + k].iov_len = self->out[i + k].len;
            }
            h->msg_iov = &self->tx_iov[i];
            h->msg_iovlen = (size_t)count;
            if (count > 1) {
                h->msg_control = self->tx_control[m];
                h->msg_controllen = sizeof(self->tx_control[m]);
                struct cmsghdr *c = CMSG_FIRSTHDR(h);
                c->cmsg_level = SOL_UDP;
                c->cmsg_type = UDP_SEGMENT;
                c->cmsg_len = CMSG_LEN(sizeof(uint16_t));
                uint16_t segment = (uint16_t)o->len;
                memcpy(CMSG_DATA(c), &segment, sizeof(segment));
            }
            self->tx_first[m] = i;
            self->tx_count[m] = count;
            m++;
            i += count;
        }
        int k = 0;
        while (k < m) {
            int r = sendmmsg(fd, &self->tx[k], (unsigned int)(m - k), 0);
            if (r > 0) {
                for (int j = k; j < k + r; j++) {
                    account(self, self->tx_first[j], self->tx_count[j], 1);
                    self->gso_messages += self->tx_count[j] > 1;
                }
                k += r;
                continue;
            }
            if (r < 0 && errno == EINTR)
                continue;
            int first = self->tx_first[k], count = self->tx_count[k];
            if (count > 1 && r < 0 && (errno == EINVAL || gso_unsupported(errno))) {
                if (gso_unsupported(errno))
                    self->gso = 0;
                self->gso_refused++;
                for (int j = first; j < first + count; j++) {
                    const out_t *o = &self->out[j];
                    struct sockaddr_storage sa;
                    socklen_t sl = addr_to_sockaddr(&o->dest, &sa);
                    ssize_t s = sendto(fd, o->data, o->len, 0, (struct sockaddr *)&sa, sl);
                    account(self, j, 1, s >= 0);
                }
            } else {
                account(self, first, count, 0);
            }
            k++;
        }
    }
    self->out_count = 0;
    self->ring_used = 0;
}

/* --- packets ----------------------------------------------------------------------------- */

void random_bytes(RelayCore *self, uint8_t *out, size_t n) {
    if (self->random_used + n > sizeof(self->random_pool)) {
        size_t got = 0;
        while (got < sizeof(self->random_pool)) {
            ssize_t r = getrandom(self->random_pool + got, sizeof(self->random_pool) - got, 0);
            if (r > 0)
                got += (size_t)r;
            else if (errno != EINTR)
                break; /* keep the old pool bytes: transaction ids need not be secret */
        }
        self->random_used = 0;
    }
    memcpy(out, self->random_pool + self->random_used, n);
    self->random_used += n;
}

static void put16(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

static int own_port(const RelayCore *self, uint16_t port_network) {
    for (int i = 0; i < self->own_port_count; i++)
        if (self->own_ports[i] == port_network)
            return 1;
    return 0;
}

/* A Send indication (RFC 8656 section 11.2) with exactly XOR-PEER-ADDRESS and DATA plus
 * comprehension-optional attributes other than FINGERPRINT: relayed or dropped here (1).
 * Anything else is left to Python (0), which answers or counts it. */
static int send_indication(RelayCore *self, allocation_t *a, uint8_t *p, size_t size) {
    size_t length = ((size_t)p[2] << 8) | p[3];
    if (length + 20 != size || length % 4)
        return 0;
    const uint8_t *peer_value = NULL, *data = NULL;
    size_t peer_length = 0, data_length = 0, off = 20;
    while (off < size) {
        if (off + 4 > size)
            return 0;
        unsigned type = ((unsigned)p[off] << 8) | p[off + 1];
        size_t len = ((size_t)p[off + 2] << 8) | p[off + 3];
        if (off + 4 + ((len + 3) & ~(size_t)3) > size)
            return 0;
        if (type == 0x0012 && peer_value == NULL) {
            peer_value = p + off + 4;
            peer_length = len;
        } else if (type == 0x0013 && data == NULL) {
            data = p + off + 4;
            data_length = len;
        } else if (type < 0x8000 || type == 0x8028) {
            return 0;
        }
        off += 4 + ((len + 3) & ~(size_t)3);
    }
    if (peer_value == NULL || data == NULL)
        return 0;
    addr_t peer;
    memset(&peer, 0, sizeof(peer));
    if (peer_length == 8 && peer_value[1] == 0x01) {
        peer.family = AF_INET;
        for (int i = 0; i < 4; i++)
            peer.ip[i] = peer_value[4 + i] ^ p[4 + i];
    } else if (peer_length == 20 && peer_value[1] == 0x02) {
        peer.family = AF_INET6;
        for (int i = 0; i < 16; i++)
            peer.ip[i] = peer_value[4 + i] ^ p[4 + i];
    } else {
        return 0;
    }
    uint16_t port = (uint16_t)((((unsigned)peer_value[2] << 8) | peer_value[3]) ^ 0x2112);
    peer.port = htons(port);
    if (own_port(self, peer.port))
        return 0; /* possibly the server's own listener: Python applies the full policy */
    if (!permitted(a, &peer)) {
        self->drops[D_NO_PERMISSION]++;
        return 1;
    }
    relay_t *r = relay_for(a, peer.family);
    if (r == NULL) {
        self->drops[D_FAMILY_MISMATCH]++;
        return 1;
    }
    if (!take_bandwidth(self, a, data_length))
        return 1;
    queue(self, r->fd, data, (uint32_t)data_length, (uint32_t)data_length, 0, &peer);
    return 1;
}

/* A datagram on the listener from `source`: 1 if handled (relayed or dropped). */
static int from_client(RelayCore *self, uint8_t *p, size_t size, const addr_t *source) {
    if ((Py_ssize_t)size > self->max_message_size) {
        self->drops[D_OVERSIZE]++;
        return 1;
    }
    int channel_data = size >= 4 && p[0] >= 0x40 && p[0] <= 0x7F;
    int send = size >= 20 && p[0] == 0x00 && p[1] == 0x16
               && ((uint32_t)p[4] << 24 | (uint32_t)p[5] << 16 | (uint32_t)p[6] << 8 | p[7])
                      == MAGIC_COOKIE;
    if (!channel_data && !send)
        return 0;
    allocation_t *a = *find_slot(self, source);
    if (a == NULL)
        return 0; /* not a native allocation: Python's path decides */
    if (send)
        return send_indication(self, a, p, size);
    size_t length = ((size_t)p[2] << 8) | p[3];
    if (length > size - 4) {
        self->drops[D_MALFORMED]++;
        return 1;
    }
    channel_t *c = channel_by_number(a, (uint16_t)(((unsigned)p[0] << 8) | p[1]));
    if (c == NULL) {
        self->drops[D_NO_CHANNEL]++;
        return 1;
    }
    relay_t *r = relay_for(a, c->peer.family);
    if (r == NULL) {
        self->drops[D_FAMILY_MISMATCH]++;
        return 1;
    }
    if (!take_bandwidth(self, a, length))
        return 1;
    c->used = 1;
    queue(self, r->fd, p + 4, (uint32_t)length, (uint32_t)length, 0, &c->peer);
    return 1;
}

/* A datagram from `peer` on relay socket `r`; `p` has HEADROOM bytes before it and 4 after. */
static void from_peer(RelayCore *self, relay_t *r, uint8_t *p, size_t size, const addr_t *peer) {
    allocation_t *a = r->owner;
    if (!permitted(a, peer)) {
        self->drops[D_NO_PERMISSION]++;
        return;
    }
    if (size > MAX_PAYLOAD) {
        self->drops[D_OVERSIZE]++;
        return;
    }
    if (!take_bandwidth(self, a, size))
        return;
    channel_t *c = channel_by_peer(a, peer);
    if (c != NULL) {
        put16(p - 4, c->number);
        put16(p - 2, (uint32_t)size);
        queue(self, self->listener, p - 4, (uint32_t)size + 4, (uint32_t)size, 1, &a->client);
        return;
    }
    /* Data indication (RFC 8656 section 11.4): XOR-PEER-ADDRESS, then DATA, padded. */
    size_t ip_length = peer->family == AF_INET ? 4 : 16;
    size_t header = 20 + 4 + 4 + ip_length + 4;
    size_t pad = (4 - size % 4) % 4;
    if (header + size + pad > (a->client.family == AF_INET ? MAX_UDP_IPV4 : MAX_UDP_IPV6)) {
        self->drops[D_OVERSIZE]++; /* fits a ChannelData message, not a Data indication */
        return;
    }
    uint8_t *m = p - header;
    put16(m, 0x0017);
    put16(m + 2, (uint32_t)(header - 20 + size + pad));
    m[4] = 0x21, m[5] = 0x12, m[6] = 0xA4, m[7] = 0x42;
    random_bytes(self, m + 8, 12);
    uint8_t *attr = m + 20;
    put16(attr, 0x0012);
    put16(attr + 2, (uint32_t)(4 + ip_length));
    attr[4] = 0;
    attr[5] = peer->family == AF_INET ? 0x01 : 0x02;
    put16(attr + 6, ntohs(peer->port) ^ 0x2112u);
    for (size_t i = 0; i < ip_length; i++)
        attr[8 + i] = peer->ip[i] ^ m[4 + i];
    put16(p - 4, 0x0013);
    put16(p - 2, (uint32_t)size);
    memset(p + size, 0, pad);
    queue(self, self->listener, m, (uint32_t)(header + size + pad), (uint32_t)size, 1,
          &a->client);
}

/* Take a token from the bucket of `source`'s IP address (its port aside: a flood rotating
 * ports is one source); 0 when it is empty. */
static int allow_request(RelayCore *self, const addr_t *source) {
    if (self->request_rate <= 0)
        return 1;
    uint32_t h = self->rate_key ^ source->family; /* FNV-1a, keyed */
    int length = source->family == AF_INET ? 4 : 16;
    for (int i = 0; i < length; i++)
        h = (h ^ source->ip[i]) * 16777619u;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
    double now = (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
    rate_bucket_t *b = &self->rate[h & (RATE_SLOTS - 1)];
    b->tokens += (now - b->stamp) * self->request_rate;
    if (b->tokens > self->request_burst)
        b->tokens = self->request_burst;
    b->stamp = now;
    if (b->tokens < 1.0)
        return 0;
    b->tokens -= 1.0;
    return 1;
}

/* A listener datagram the core does not handle: a copy goes to Python's queue, or it is a
 * counted drop when it is a STUN message whose source IP is over its request rate, or the
 * queue is full (the lock is held). The rate comes first, so that one source cannot fill
 * the queue for everyone. ChannelData and Send indications are media, as in turn/server.py:
 * an allocation Python relays (a bandwidth limit, a full table) is not held to the rate. */
static void queue_up(RelayCore *self, const uint8_t *p, size_t size, const addr_t *source) {
    int media = (size >= 4 && p[0] >= 0x40 && p[0] <= 0x7F)
                || (size >= 2 && p[0] == 0x00 && p[1] == 0x16);
    if (!media && !allow_request(self, source)) {
        self->drops[D_RATE_LIMITED]++;
        return;
    }
    up_queue_t *q = &self->up[*find_slot(self, source) != NULL ? UP_KNOWN : UP_OTHERS];
    uint8_t *copy = q->count < UP_QUEUE ? malloc(size ? size : 1) : NULL;
    if (copy == NULL) {
        self->drops[D_QUEUE_FULL]++;
        return;
    }
    memcpy(copy, p, size);
    up_t *u = &q->items[(q->head + q->count) % UP_QUEUE];
    u->data = copy;
    u->len = (uint32_t)size;
    u->source = *source;
    q->count++;
    self->returned++;
}

/* One recvmmsg batch from `fd` (the listener when r is NULL) into the free ring slots;
 * relayed datagrams are queued for the flush at the end of the wake-up, those Python must
 * handle go to its queue. Returns the number of datagrams read. */
static int drain(RelayCore *self, int fd, relay_t *r) {
    if (self->ring_used == RING)
        flush(self);
    int slots = RING - self->ring_used < BATCH ? RING - self->ring_used : BATCH;
    int received = -1;
    for (int attempt = 0; attempt < 4 && received < 0; attempt++) {
        for (int i = 0; i < slots; i++) {
            self->rx_iov[i].iov_base
                = self->buffers + (size_t)(self->ring_used + i) * SLOT + HEADROOM;
            self->rx_iov[i].iov_len = 65536;
            memset(&self->rx[i].msg_hdr, 0, sizeof(struct msghdr));
            self->rx[i].msg_hdr.msg_name = &self->rx_addr[i];
            self->rx[i].msg_hdr.msg_namelen = sizeof(self->rx_addr[i]);
            self->rx[i].msg_hdr.msg_iov = &self->rx_iov[i];
            self->rx[i].msg_hdr.msg_iovlen = 1;
        }
        received = recvmmsg(fd, self->rx, (unsigned int)slots, MSG_DONTWAIT, NULL);
        if (received < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return 0;
        /* other errors (an ICMP error queued on the socket, EINTR): read again */
    }
    if (received < 0)
        return 0;
    self->ring_used += received;
    for (int i = 0; i < received; i++) {
        uint8_t *p = self->rx_iov[i].iov_base;
        size_t size = self->rx[i].msg_len;
        addr_t source;
        if (addr_from_sockaddr(&source, &self->rx_addr[i]) < 0) {
            self->drops[D_MALFORMED]++;
            continue;
        }
        if (r != NULL)
            from_peer(self, r, p, size, &source);
        else if (!from_client(self, p, size, &source))
            queue_up(self, p, size, &source);
    }
    return received;
}

/* The relay thread: wait, relay one wake-up's batch under the lock, wake Python if its queue
 * got datagrams, and after a small batch sleep the coalescing time. Never touches Python. */
void *relay_thread(void *arg) {
    RelayCore *self = arg;
    struct epoll_event events[BATCH];
    for (;;) {
        int n = epoll_wait(self->epoll, events, BATCH, -1);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            break; /* EBADF/EINVAL: cannot happen while the core is open */
        }
        int stop = 0, got = 0, wake = 0;
        pthread_mutex_lock(&self->lock);
        for (int i = 0; i < n; i++) {
            uint64_t key = events[i].data.u64;
            if (key == STOP_KEY) {
                stop = 1;
                continue;
            }
            int fd = (int)key;
            relay_t *r = NULL;
            if (fd != self->listener) {
                /* a relay forgotten since epoll_wait returned has no entry: skip it */
                r = fd < self->by_fd_size ? self->by_fd[fd] : NULL;
                if (r == NULL)
                    continue;
            }
            got += drain(self, fd, r);
        }
        flush(self);
        if (self->up[UP_KNOWN].count + self->up[UP_OTHERS].count > 0 && !self->notified)
            wake = self->notified = 1;
        pthread_mutex_unlock(&self->lock);
        if (wake) {
            uint64_t one = 1;
            while (write(self->notify_fd, &one, sizeof(one)) < 0 && errno == EINTR)
                ;
        }
        if (stop)
            break;
        if (self->coalesce_ns > 0 && got > 0 && got < COALESCE_BELOW) {
            struct timespec pause = {.tv_sec = 0, .tv_nsec = self->coalesce_ns};
            nanosleep(&pause, NULL);
        }
    }
    return NULL;
}
