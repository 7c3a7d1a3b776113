/* The per-packet TURN relay core (RFC 8656 sections 11 and 12) for UDP clients.
 *
 * Python owns everything else (STUN, authentication, allocations, expiry) and fills this
 * core's bounded tables: per UDP client, its relay sockets, permitted peer IPs, channel
 * bindings and bandwidth limit. A native thread started by RelayCore.start() (it never takes
 * the GIL) waits in epoll_wait, drains the ready listener and relay sockets in batches
 * (recvmmsg), relays ChannelData and Send indications to peers and peer datagrams to clients
 * (as ChannelData or Data indications), and sends the results in batches: one UDP GSO message
 * per run of packets with the same socket, destination and size (the last may be shorter),
 * sendmmsg for the rest, plain sendto when the kernel refuses GSO. After a wake-up that read
 * few datagrams it sleeps a bounded coalescing time, so that the next wake-up carries more
 * datagrams per system call. Listener datagrams it does not handle are queued (bounded) for
 * Python, which an eventfd wakes and RelayCore.poll() hands them to. Every packet is relayed,
 * queued for Python, or a counted drop. One mutex guards the tables, the Python queue and the
 * counters: the thread holds it while it relays one wake-up's batch, Python while it reads or
 * changes them. A core belongs to the process that created it: in a forked child its methods
 * raise. Payload bytes are never inspected, logged or kept past the batch.
 *
 * One file, in sections (addresses, the allocation table, sending, packets, the thread, the
 * Python type): they share the RelayCore state under one lock, which splitting the file
 * would have to export.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#ifndef SOL_UDP
#define SOL_UDP 17
#endif
#ifndef UDP_SEGMENT
#define UDP_SEGMENT 103
#endif

#define BATCH 64                /* datagrams per recvmmsg, and ready sockets per wake-up */
#define RING 256                /* datagrams held for one batched send (virtual memory: 16.8 MB,
                                   resident only as far as datagrams were written) */
#define HEADROOM 48             /* room for a Data indication header before a payload */
#define SLOT (HEADROOM + 65536 + 4)
#define MAX_PAYLOAD (0xFFFF - 40)
#define MAX_UDP_IPV4 65507      /* the largest UDP payload: 65535 less the IP and UDP headers */
#define MAX_UDP_IPV6 65527
#define MIN_BURST 8192          /* bytes a bandwidth-limited allocation may send at once */
#define MAX_PERMISSIONS 64
#define MAX_CHANNELS 64
#define MAX_OWN_PORTS 16
#define MAX_ALLOCATIONS (1 << 20)
#define GSO_MAX_SEGMENTS 64
#define GSO_MAX_BYTES 65000
#define MAGIC_COOKIE 0x2112A442u
#define UP_QUEUE 1024           /* listener datagrams waiting for Python, per queue */
#define MAX_COALESCE_US 10000
#define COALESCE_BELOW 16       /* a wake-up that read fewer datagrams coalesces the next */
#define RATE_SLOTS 4096         /* token buckets of the datagrams handed to Python, by source IP */
#define STOP_KEY UINT64_MAX     /* epoll key of the stop eventfd (sockets are keyed by fd) */

enum {
    D_OVERSIZE,
    D_MALFORMED,
    D_NO_CHANNEL,
    D_NO_PERMISSION,
    D_FAMILY_MISMATCH,
    D_SEND_FAILED,
    D_TABLE_FULL,
    D_QUEUE_FULL,
    D_QUEUE_CLOSED,
    D_RATE_LIMITED,
    D_BANDWIDTH,
    D_COUNT
};
static const char *const DROP_NAMES[D_COUNT] = {
    "oversize", "malformed", "no_channel", "no_permission",
    "family_mismatch", "send_failed", "native_table_full", "native_queue_full",
    "native_queue_closed", "request_rate_limited", "bandwidth",
};

/* An IP address and port; port in network byte order, IPv4 in the first 4 bytes. */
typedef struct {
    uint16_t family;
    uint16_t port;
    uint8_t ip[16];
} addr_t;

typedef struct {
    uint16_t number;
    uint8_t used;
    addr_t peer;
} channel_t;

typedef struct allocation allocation_t;

typedef struct {
    allocation_t *owner;
    int fd;
    int family;
} relay_t;

struct allocation {
    allocation_t *next; /* hash chain */
    addr_t client;
    int relay_count;
    relay_t relays[2];
    int permission_count;
    addr_t permissions[MAX_PERMISSIONS]; /* port unused */
    int channel_count;
    channel_t channels[MAX_CHANNELS];
    /* turn_bandwidth_limit: a token bucket of `rate` bytes/s, both directions together,
     * holding at most max(rate, MIN_BURST) (turn/relay.py's); rate 0: unlimited */
    double rate, tokens, tokens_at; /* tokens_at: CLOCK_MONOTONIC seconds */
};

typedef struct {
    int fd;
    const uint8_t *data;
    uint32_t len;
    uint32_t payload;
    uint8_t to_client;
    addr_t dest;
} out_t;

/* A listener datagram for Python (malloc'd copy). */
typedef struct {
    uint8_t *data;
    uint32_t len;
    addr_t source;
} up_t;

/* Listener datagrams waiting for Python, oldest first (a ring). */
typedef struct {
    up_t items[UP_QUEUE];
    int head, count;
} up_queue_t;

/* The two queues for Python: datagrams from clients with an allocation in the core
 * (their Refresh, CreatePermission, ChannelBind) and the others. poll() hands over the
 * first one first, and a flood of requests from addresses without an allocation fills
 * only the second: calls in progress keep their allocations through it. */
enum { UP_KNOWN, UP_OTHERS };

typedef struct {
    double tokens, stamp; /* stamp: CLOCK_MONOTONIC seconds of the last take */
} rate_bucket_t;

typedef struct {
    PyObject_HEAD
    int listener;
    int epoll;
    int stop_fd;   /* eventfd in the epoll set: wakes the thread to stop */
    int notify_fd; /* eventfd Python watches: readable when the queue has datagrams */
    int lock_ready;
    int ready;     /* __init__ completed: a core whose __init__ raised is never started */
    int running;   /* the thread was started and not joined yet */
    unsigned long forks; /* `forks` when the core was created: another value, a forked child */
    pthread_t thread;
    pthread_mutex_t lock;
    long coalesce_ns;
    relay_t **by_fd; /* relay sockets by descriptor, for the thread's epoll events */
    int by_fd_size;
    up_queue_t up[2]; /* UP_KNOWN, UP_OTHERS */
    int notified;
    /* what one source IP may hand to Python: a token bucket per hash of the address (a keyed
     * hash: which addresses share a slot differs from process to process) */
    double request_rate, request_burst; /* per second, and tokens; rate 0: no limit */
    uint32_t rate_key;
    rate_bucket_t rate[RATE_SLOTS];
    Py_ssize_t max_message_size;
    Py_ssize_t max_allocations;
    Py_ssize_t allocation_count;
    size_t bucket_mask;
    allocation_t **buckets;
    uint16_t own_ports[MAX_OWN_PORTS];
    int own_port_count;
    int gso;
    uint8_t *buffers;
    int ring_used;
    struct mmsghdr rx[BATCH];
    struct iovec rx_iov[BATCH];
    struct sockaddr_storage rx_addr[BATCH];
    out_t out[RING];
    int out_count;
    struct mmsghdr tx[RING];
    struct iovec tx_iov[RING];
    struct sockaddr_storage tx_addr[RING];
    char tx_control[RING][CMSG_SPACE(sizeof(uint16_t))];
    int tx_first[RING];
    int tx_count[RING];
    uint8_t random_pool[4096];
    size_t random_used;
    unsigned long long to_peer_packets, to_peer_bytes, to_client_packets, to_client_bytes;
    unsigned long long returned, gso_messages, gso_refused;
    unsigned long long drops[D_COUNT];
} RelayCore;

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

static int ip_equal(const addr_t *a, const addr_t *b) {
    return a->family == b->family && memcmp(a->ip, b->ip, a->family == AF_INET ? 4 : 16) == 0;
}

static int addr_equal(const addr_t *a, const addr_t *b) {
    return a->port == b->port && ip_equal(a, b);
}

/* Text IP -> addr_t (port 0); raises ValueError. */
static int parse_ip(PyObject *text, addr_t *out) {
    Py_ssize_t length = 0;
    const char *s = PyUnicode_Check(text) ? PyUnicode_AsUTF8AndSize(text, &length) : NULL;
    if (s == NULL) {
        PyErr_Clear();
        PyErr_SetString(PyExc_ValueError, "an IP address must be a str");
        return -1;
    }
    if ((size_t)length != strlen(s)) { /* inet_pton would read up to the NUL only */
        PyErr_Format(PyExc_ValueError, "not an IP address: %R", text);
        return -1;
    }
    memset(out, 0, sizeof(*out));
    if (inet_pton(AF_INET, s, out->ip) == 1) {
        out->family = AF_INET;
        return 0;
    }
    if (inet_pton(AF_INET6, s, out->ip) == 1) {
        out->family = AF_INET6;
        return 0;
    }
    PyErr_Format(PyExc_ValueError, "not an IP address: %R", text);
    return -1;
}

/* (ip, port) -> addr_t; raises ValueError. */
static int parse_address(PyObject *pair, addr_t *out) {
    if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) < 2) {
        PyErr_SetString(PyExc_ValueError, "an address must be an (ip, port) tuple");
        return -1;
    }
    if (parse_ip(PyTuple_GET_ITEM(pair, 0), out) < 0)
        return -1;
    long port = PyLong_Check(PyTuple_GET_ITEM(pair, 1)) ? PyLong_AsLong(PyTuple_GET_ITEM(pair, 1))
                                                         : -1;
    if (port < 0 || port > 65535) {
        PyErr_Clear();
        PyErr_SetString(PyExc_ValueError, "a port must be an int in 0-65535");
        return -1;
    }
    out->port = htons((uint16_t)port);
    return 0;
}

static PyObject *format_address(const addr_t *a) {
    char text[INET6_ADDRSTRLEN];
    if (inet_ntop(a->family, a->ip, text, sizeof(text)) == NULL)
        return PyErr_SetFromErrno(PyExc_OSError);
    return Py_BuildValue("(si)", text, (int)ntohs(a->port));
}

/* --- allocation table -------------------------------------------------------------------- */

static size_t addr_hash(const addr_t *a) {
    uint64_t h = 1469598103934665603ull ^ a->family;
    h = (h ^ a->port) * 1099511628211ull;
    for (int i = 0; i < 16; i++)
        h = (h ^ a->ip[i]) * 1099511628211ull;
    return (size_t)(h ^ (h >> 29));
}

static allocation_t **find_slot(RelayCore *self, const addr_t *client) {
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

/* Stop reading relay socket `fd` (the lock is held). */
static void forget_relay(RelayCore *self, int fd) {
    epoll_ctl(self->epoll, EPOLL_CTL_DEL, fd, NULL);
    if (fd < self->by_fd_size)
        self->by_fd[fd] = NULL;
}

static void unregister(RelayCore *self, allocation_t *a) {
    for (int i = 0; i < a->relay_count; i++)
        forget_relay(self, a->relays[i].fd);
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

static void random_bytes(RelayCore *self, uint8_t *out, size_t n) {
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
static void *relay_thread(void *arg) {
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

/* --- Python type ------------------------------------------------------------------------- */

static int add_to_epoll(int epoll, int fd, uint64_t key) {
    struct epoll_event event = {.events = EPOLLIN, .data.u64 = key};
    return epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &event);
}

static int RelayCore_init(RelayCore *self, PyObject *args, PyObject *kwargs) {
    static char *keywords[] = {"listener_fd", "max_allocations", "max_message_size",
                               "request_rate", "request_burst", NULL};
    int listener;
    Py_ssize_t max_allocations, max_message_size;
    double request_rate = 0.0, request_burst = 0.0;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "inn|$dd", keywords, &listener,
                                     &max_allocations, &max_message_size, &request_rate,
                                     &request_burst))
        return -1;
    if (!(request_rate >= 0 && request_rate <= 1e9 && request_burst >= 0 && request_burst <= 1e9)
        || (request_rate > 0 && request_burst < 1)) {
        PyErr_SetString(PyExc_ValueError,
                        "need 0 <= request_rate <= 1e9 and, with a rate, 1 <= request_burst <= 1e9");
        return -1;
    }
    if (self->buckets != NULL) {
        PyErr_SetString(PyExc_RuntimeError, "RelayCore is already initialised");
        return -1;
    }
    if (listener < 0 || max_allocations < 1 || max_allocations > MAX_ALLOCATIONS
        || max_message_size < 20 || max_message_size > 65536) {
        PyErr_SetString(PyExc_ValueError,
                        "need listener_fd >= 0, 1 <= max_allocations <= 1048576 and "
                        "20 <= max_message_size <= 65536");
        return -1;
    }
    size_t buckets = 1;
    while (buckets < (size_t)max_allocations * 2)
        buckets <<= 1;
    self->buckets = PyMem_Calloc(buckets, sizeof(allocation_t *));
    self->buffers = PyMem_Malloc((size_t)RING * SLOT);
    if (self->buckets == NULL || self->buffers == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    self->bucket_mask = buckets - 1;
    self->listener = listener;
    self->max_allocations = max_allocations;
    self->max_message_size = max_message_size;
    self->gso = 1;
    self->random_used = sizeof(self->random_pool);
    self->request_rate = request_rate;
    self->request_burst = request_burst;
    for (int i = 0; i < RATE_SLOTS; i++)
        self->rate[i].tokens = request_burst; /* stamp 0: full until first used */
    random_bytes(self, (uint8_t *)&self->rate_key, sizeof self->rate_key);
    if (pthread_mutex_init(&self->lock, NULL) != 0) {
        PyErr_SetString(PyExc_OSError, "cannot create a mutex");
        return -1;
    }
    self->lock_ready = 1;
    self->epoll = epoll_create1(EPOLL_CLOEXEC);
    self->stop_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    self->notify_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (self->epoll < 0 || self->stop_fd < 0 || self->notify_fd < 0
        || add_to_epoll(self->epoll, listener, (uint64_t)listener) < 0
        || add_to_epoll(self->epoll, self->stop_fd, STOP_KEY) < 0) {
        PyErr_SetFromErrno(PyExc_OSError);
        return -1;
    }
    self->ready = 1;
    return 0;
}

/* Forks this process descends through, counted in each child (pthread_atfork). A core
 * belongs to the process that created it: a forked child's copy has no thread, a lock that
 * thread may hold for ever, and epoll and eventfd descriptors shared with the parent's core
 * (changing them, or writing stop_fd, would act on the parent's core). */
static unsigned long forks;

static void count_fork(void) {
    forks++;
}

static int forked(const RelayCore *self) {
    return self->forks != forks;
}

/* Stop and join the thread (it holds no Python state, so the GIL can stay held: the wait is
 * at most one batch and one coalescing time), then free the tables and close descriptors.
 * In a forked child only the child's copies are freed and closed: there is no thread to
 * join, and the lock is never taken. */
static void release(RelayCore *self) {
    if (self->running && !forked(self)) {
        uint64_t one = 1;
        while (write(self->stop_fd, &one, sizeof(one)) < 0 && errno == EINTR)
            ;
        pthread_join(self->thread, NULL);
    }
    self->running = 0;
    if (self->buckets != NULL) {
        for (size_t b = 0; b <= self->bucket_mask; b++) {
            allocation_t *a = self->buckets[b];
            while (a != NULL) {
                allocation_t *next = a->next;
                PyMem_Free(a);
                a = next;
            }
            self->buckets[b] = NULL;
        }
    }
    self->allocation_count = 0;
    /* the thread is joined: nothing queues any more, and Python never takes these */
    for (int k = 0; k < 2; k++) {
        up_queue_t *q = &self->up[k];
        self->drops[D_QUEUE_CLOSED] += (unsigned long long)q->count;
        for (; q->count > 0; q->count--, q->head = (q->head + 1) % UP_QUEUE)
            free(q->items[q->head].data);
    }
    PyMem_Free(self->by_fd);
    self->by_fd = NULL;
    self->by_fd_size = 0;
    int *fds[] = {&self->epoll, &self->stop_fd, &self->notify_fd};
    for (size_t i = 0; i < sizeof(fds) / sizeof(fds[0]); i++)
        if (*fds[i] >= 0) {
            close(*fds[i]);
            *fds[i] = -1;
        }
}

static void RelayCore_dealloc(RelayCore *self) {
    release(self);
    if (self->lock_ready && !forked(self))
        pthread_mutex_destroy(&self->lock);
    PyMem_Free(self->buckets);
    PyMem_Free(self->buffers);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *RelayCore_new(PyTypeObject *type, PyObject *args, PyObject *kwargs) {
    RelayCore *self = (RelayCore *)type->tp_alloc(type, 0);
    if (self != NULL) {
        self->epoll = self->stop_fd = self->notify_fd = -1;
        self->forks = forks;
    }
    return (PyObject *)self;
}

static int check_own_process(RelayCore *self) {
    if (forked(self)) {
        PyErr_SetString(PyExc_RuntimeError,
                        "RelayCore was created before this process forked: it belongs to the "
                        "parent (create a new core in the child)");
        return -1;
    }
    return 0;
}

static int check_open(RelayCore *self) {
    if (check_own_process(self) < 0)
        return -1;
    if (self->epoll < 0 || !self->ready) {
        PyErr_SetString(PyExc_ValueError, "RelayCore is closed, or its __init__ failed");
        return -1;
    }
    return 0;
}

/* Parse the Python tables into `a` (relay families 0 and no owners yet); no lock held, as
 * parsing may run Python code. */
static int fill_allocation(allocation_t *a, PyObject *relays, PyObject *permissions,
                           PyObject *channels) {
    PyObject *r = PySequence_Fast(relays, "relay_fds must be a sequence");
    PyObject *p = r ? PySequence_Fast(permissions, "permissions must be a sequence") : NULL;
    PyObject *c = p ? PySequence_Fast(channels, "channels must be a sequence") : NULL;
    int result = -1;
    if (c == NULL)
        goto done;
    Py_ssize_t nr = PySequence_Fast_GET_SIZE(r), np = PySequence_Fast_GET_SIZE(p),
               nc = PySequence_Fast_GET_SIZE(c);
    if (nr < 1 || nr > 2) {
        PyErr_SetString(PyExc_ValueError, "one or two relay sockets");
        goto done;
    }
    if (np > MAX_PERMISSIONS || nc > MAX_CHANNELS) {
        PyErr_SetString(PyExc_OverflowError, "too many permissions or channels");
        goto done;
    }
    a->relay_count = (int)nr;
    for (Py_ssize_t i = 0; i < nr; i++) {
        PyObject *item = PySequence_Fast_GET_ITEM(r, i);
        long fd = PyLong_Check(item) ? PyLong_AsLong(item) : -1;
        if (fd < 0 || fd > INT32_MAX) {
            PyErr_Clear();
            PyErr_SetString(PyExc_ValueError, "a relay fd must be a bound UDP socket");
            goto done;
        }
        a->relays[i].fd = (int)fd;
        a->relays[i].family = 0;
    }
    a->permission_count = 0;
    for (Py_ssize_t i = 0; i < np; i++)
        if (parse_ip(PySequence_Fast_GET_ITEM(p, i), &a->permissions[a->permission_count++]) < 0)
            goto done;
    a->channel_count = 0;
    for (Py_ssize_t i = 0; i < nc; i++) {
        PyObject *item = PySequence_Fast_GET_ITEM(c, i);
        channel_t *ch = &a->channels[a->channel_count];
        long number = -1;
        if (PyTuple_Check(item) && PyTuple_GET_SIZE(item) == 2
            && PyLong_Check(PyTuple_GET_ITEM(item, 0)))
            number = PyLong_AsLong(PyTuple_GET_ITEM(item, 0));
        if (number < 0x4000 || number > 0x7FFE) {
            PyErr_Clear();
            PyErr_SetString(PyExc_ValueError, "a channel is (number 0x4000-0x7FFE, (ip, port))");
            goto done;
        }
        if (parse_address(PyTuple_GET_ITEM(item, 1), &ch->peer) < 0)
            goto done;
        ch->number = (uint16_t)number;
        ch->used = 0;
        a->channel_count++;
    }
    result = 0;
done:
    Py_XDECREF(r);
    Py_XDECREF(p);
    Py_XDECREF(c);
    return result;
}

/* With the lock held: the bandwidth bucket (`existing`'s while the rate stays, else full),
 * the relay families (from `existing` for descriptors it has, else asked of the kernel) and
 * the traffic marks of channels that stay bound. -1 if a descriptor is not a bound UDP
 * socket (no Python call here: the caller raises). */
static int complete_allocation(allocation_t *a, const allocation_t *existing) {
    if (existing != NULL && existing->rate == a->rate) {
        a->tokens = existing->tokens; /* the bucket carries over an update */
        a->tokens_at = existing->tokens_at;
    } else {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        a->tokens = a->rate > MIN_BURST ? a->rate : MIN_BURST; /* full */
        a->tokens_at = (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
    }
    for (int i = 0; i < a->relay_count; i++) {
        int fd = a->relays[i].fd;
        for (int k = 0; existing != NULL && k < existing->relay_count; k++)
            if (existing->relays[k].fd == fd)
                a->relays[i].family = existing->relays[k].family;
        if (a->relays[i].family != 0)
            continue;
        struct sockaddr_storage sa;
        socklen_t sl = sizeof(sa);
        int type = 0;
        socklen_t tl = sizeof(type);
        if (getsockname(fd, (struct sockaddr *)&sa, &sl) < 0
            || getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &tl) < 0 || type != SOCK_DGRAM
            || (sa.ss_family != AF_INET && sa.ss_family != AF_INET6))
            return -1;
        a->relays[i].family = sa.ss_family;
    }
    for (int i = 0; i < a->channel_count; i++)
        for (int k = 0; existing != NULL && k < existing->channel_count; k++)
            if (existing->channels[k].number == a->channels[i].number
                && addr_equal(&existing->channels[k].peer, &a->channels[i].peer))
                a->channels[i].used = existing->channels[k].used;
    return 0;
}

static int same_relays(const allocation_t *a, const allocation_t *b) {
    if (a->relay_count != b->relay_count)
        return 0;
    for (int i = 0; i < a->relay_count; i++)
        if (a->relays[i].fd != b->relays[i].fd)
            return 0;
    return 1;
}

static int had_relay(const allocation_t *existing, int fd) {
    for (int k = 0; existing != NULL && k < existing->relay_count; k++)
        if (existing->relays[k].fd == fd)
            return 1;
    return 0;
}

/* With the lock held: make room in the descriptor table for `fd`; -1 without memory. */
static int reserve_fd(RelayCore *self, int fd) {
    if (fd < self->by_fd_size)
        return 0;
    int size = self->by_fd_size ? self->by_fd_size : 64;
    while (size <= fd)
        size *= 2;
    relay_t **grown = PyMem_Realloc(self->by_fd, (size_t)size * sizeof(relay_t *));
    if (grown == NULL)
        return -1;
    memset(grown + self->by_fd_size, 0, (size_t)(size - self->by_fd_size) * sizeof(relay_t *));
    self->by_fd = grown;
    self->by_fd_size = size;
    return 0;
}

/* With the lock held: add `a`'s relay sockets that `existing` did not have to epoll; on
 * failure undo and return -1 with errno set. */
static int register_relays(RelayCore *self, allocation_t *a, const allocation_t *existing) {
    for (int i = 0; i < a->relay_count; i++) {
        int fd = a->relays[i].fd;
        if (had_relay(existing, fd))
            continue;
        if (reserve_fd(self, fd) < 0) {
            errno = ENOMEM;
        } else if (add_to_epoll(self->epoll, fd, (uint64_t)fd) == 0) {
            continue;
        }
        int saved = errno;
        for (int k = 0; k < i; k++)
            if (!had_relay(existing, a->relays[k].fd))
                epoll_ctl(self->epoll, EPOLL_CTL_DEL, a->relays[k].fd, NULL);
        errno = saved;
        return -1;
    }
    return 0;
}

PyDoc_STRVAR(set_allocation_doc,
"set_allocation(client, relay_fds, permissions, channels, *, bandwidth=0)\n--\n\n"
"Add or replace the allocation of UDP client address ``client`` ((ip, port)).");

static PyObject *RelayCore_set_allocation(RelayCore *self, PyObject *args, PyObject *kwargs) {
    static char *keywords[] = {"client", "relay_fds", "permissions", "channels", "bandwidth",
                               NULL};
    PyObject *client_obj, *relays, *permissions, *channels;
    long long bandwidth = 0;
    if (check_open(self) < 0
        || !PyArg_ParseTupleAndKeywords(args, kwargs, "OOOO|$L", keywords, &client_obj, &relays,
                                        &permissions, &channels, &bandwidth))
        return NULL;
    if (bandwidth < 0 || bandwidth > (1LL << 40)) {
        PyErr_SetString(PyExc_ValueError, "bandwidth must be 0-2^40 bytes/s (0: unlimited)");
        return NULL;
    }
    addr_t client;
    if (parse_address(client_obj, &client) < 0)
        return NULL;
    allocation_t *a = PyMem_Malloc(sizeof(allocation_t));
    if (a == NULL)
        return PyErr_NoMemory();
    memset(a, 0, sizeof(*a));
    a->client = client;
    a->rate = (double)bandwidth;
    if (fill_allocation(a, relays, permissions, channels) < 0) {
        if (PyErr_ExceptionMatches(PyExc_OverflowError)) {
            pthread_mutex_lock(&self->lock);
            self->drops[D_TABLE_FULL]++;
            pthread_mutex_unlock(&self->lock);
        }
        PyMem_Free(a);
        return NULL;
    }
    pthread_mutex_lock(&self->lock);
    allocation_t **slot = find_slot(self, &client);
    allocation_t *existing = *slot;
    if (existing == NULL && self->allocation_count >= self->max_allocations) {
        self->drops[D_TABLE_FULL]++;
        pthread_mutex_unlock(&self->lock);
        PyMem_Free(a);
        PyErr_SetString(PyExc_OverflowError, "the native allocation table is full");
        return NULL;
    }
    if (complete_allocation(a, existing) < 0) {
        pthread_mutex_unlock(&self->lock);
        PyMem_Free(a);
        PyErr_SetString(PyExc_ValueError, "a relay fd must be a bound UDP socket");
        return NULL;
    }
    if (existing != NULL && same_relays(a, existing)) {
        /* the usual update (permissions or channels changed): in place, no system call */
        memcpy(existing->permissions, a->permissions, sizeof(a->permissions));
        existing->permission_count = a->permission_count;
        memcpy(existing->channels, a->channels, sizeof(a->channels));
        existing->channel_count = a->channel_count;
        if (existing->rate != a->rate) { /* a new limit starts full, as a new allocation */
            existing->rate = a->rate;
            existing->tokens = a->tokens;
            existing->tokens_at = a->tokens_at;
        }
        pthread_mutex_unlock(&self->lock);
        PyMem_Free(a);
        Py_RETURN_NONE;
    }
    if (register_relays(self, a, existing) < 0) {
        pthread_mutex_unlock(&self->lock);
        PyMem_Free(a);
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    for (int k = 0; existing != NULL && k < existing->relay_count; k++)
        if (!had_relay(a, existing->relays[k].fd))
            forget_relay(self, existing->relays[k].fd);
    for (int i = 0; i < a->relay_count; i++) {
        a->relays[i].owner = a;
        self->by_fd[a->relays[i].fd] = &a->relays[i];
    }
    if (existing != NULL) {
        a->next = existing->next;
        *slot = a;
    } else {
        a->next = NULL;
        *slot = a;
        self->allocation_count++;
    }
    pthread_mutex_unlock(&self->lock);
    PyMem_Free(existing);
    Py_RETURN_NONE;
}

PyDoc_STRVAR(remove_allocation_doc,
"remove_allocation(client)\n--\n\nForget ``client``'s allocation; True if it was known.");

static PyObject *RelayCore_remove_allocation(RelayCore *self, PyObject *client_obj) {
    addr_t client;
    if (check_open(self) < 0 || parse_address(client_obj, &client) < 0)
        return NULL;
    pthread_mutex_lock(&self->lock);
    allocation_t **slot = find_slot(self, &client);
    allocation_t *a = *slot;
    if (a != NULL) {
        unregister(self, a);
        *slot = a->next;
        self->allocation_count--;
    }
    pthread_mutex_unlock(&self->lock);
    if (a == NULL)
        Py_RETURN_FALSE;
    PyMem_Free(a);
    Py_RETURN_TRUE;
}

PyDoc_STRVAR(set_own_ports_doc,
"set_own_ports(ports)\n--\n\nPorts of the server's listeners; Send indications to them go to "
"Python.");

static PyObject *RelayCore_set_own_ports(RelayCore *self, PyObject *ports) {
    if (check_open(self) < 0)
        return NULL;
    PyObject *seq = PySequence_Fast(ports, "ports must be a sequence");
    if (seq == NULL)
        return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    uint16_t values[MAX_OWN_PORTS];
    if (n > MAX_OWN_PORTS) {
        Py_DECREF(seq);
        PyErr_SetString(PyExc_OverflowError, "too many listener ports");
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PySequence_Fast_GET_ITEM(seq, i);
        long port = PyLong_Check(item) ? PyLong_AsLong(item) : -1;
        if (port < 0 || port > 65535) {
            PyErr_Clear();
            Py_DECREF(seq);
            PyErr_SetString(PyExc_ValueError, "a port must be an int in 0-65535");
            return NULL;
        }
        values[i] = htons((uint16_t)port);
    }
    Py_DECREF(seq);
    pthread_mutex_lock(&self->lock);
    memcpy(self->own_ports, values, sizeof(values[0]) * (size_t)n);
    self->own_port_count = (int)n;
    pthread_mutex_unlock(&self->lock);
    Py_RETURN_NONE;
}

PyDoc_STRVAR(start_doc,
"start(coalesce_us)\n--\n\nStart the relay thread; after a wake-up that read fewer than 16 "
"datagrams it sleeps ``coalesce_us`` (0-10000) microseconds.");

static PyObject *RelayCore_start(RelayCore *self, PyObject *arg) {
    if (check_open(self) < 0)
        return NULL;
    long coalesce_us = PyLong_Check(arg) ? PyLong_AsLong(arg) : -1;
    if (coalesce_us < 0 || coalesce_us > MAX_COALESCE_US) {
        PyErr_Clear();
        PyErr_SetString(PyExc_ValueError, "coalesce_us must be an int in 0-10000");
        return NULL;
    }
    if (self->running) {
        PyErr_SetString(PyExc_RuntimeError, "the relay thread is already running");
        return NULL;
    }
    self->coalesce_ns = coalesce_us * 1000;
    /* signals go to Python's threads, never to this one */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    int err = pthread_create(&self->thread, NULL, relay_thread, self);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (err != 0) {
        errno = err;
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    self->running = 1;
    Py_RETURN_NONE;
}

PyDoc_STRVAR(poll_doc,
"poll()\n--\n\nThe listener datagrams queued for Python since the last call; never blocks.");

static PyObject *RelayCore_poll(RelayCore *self, PyObject *unused) {
    if (check_open(self) < 0)
        return NULL;
    uint64_t value;
    /* clear the wake-up first: a datagram queued after this read wakes Python again */
    if (read(self->notify_fd, &value, sizeof(value)) < 0 && errno != EAGAIN && errno != EINTR)
        return PyErr_SetFromErrno(PyExc_OSError);
    static __thread up_t taken[2 * UP_QUEUE]; /* 64 KiB: off the stack */
    int count = 0;
    pthread_mutex_lock(&self->lock);
    for (int k = 0; k < 2; k++) { /* UP_KNOWN first */
        up_queue_t *q = &self->up[k];
        for (int i = 0; i < q->count; i++)
            taken[count++] = q->items[(q->head + i) % UP_QUEUE];
        q->head = (q->head + q->count) % UP_QUEUE;
        q->count = 0;
    }
    self->notified = 0;
    pthread_mutex_unlock(&self->lock);
    PyObject *up = PyList_New(count);
    for (int i = 0; i < count; i++) {
        if (up != NULL) {
            PyObject *address = format_address(&taken[i].source);
            PyObject *item = address ? Py_BuildValue("(y#N)", (const char *)taken[i].data,
                                                     (Py_ssize_t)taken[i].len, address)
                                     : NULL;
            if (item == NULL)
                Py_CLEAR(up);
            else
                PyList_SET_ITEM(up, i, item);
        }
        free(taken[i].data);
    }
    return up;
}

PyDoc_STRVAR(take_channel_activity_doc,
"take_channel_activity()\n--\n\n(client, channel number) pairs with traffic since the last "
"call.");

static PyObject *RelayCore_take_channel_activity(RelayCore *self, PyObject *unused) {
    if (check_open(self) < 0)
        return NULL;
    /* copied out under the lock, turned into Python objects after it (which may run the
     * garbage collector, and so other Python threads) */
    pthread_mutex_lock(&self->lock);
    size_t count = 0;
    for (size_t b = 0; b <= self->bucket_mask; b++)
        for (allocation_t *a = self->buckets[b]; a != NULL; a = a->next)
            for (int i = 0; i < a->channel_count; i++)
                count += a->channels[i].used;
    channel_t *marks = malloc((count ? count : 1) * sizeof(channel_t));
    count = 0;
    for (size_t b = 0; marks != NULL && b <= self->bucket_mask; b++)
        for (allocation_t *a = self->buckets[b]; a != NULL; a = a->next)
            for (int i = 0; i < a->channel_count; i++)
                if (a->channels[i].used) {
                    a->channels[i].used = 0;
                    marks[count].number = a->channels[i].number;
                    marks[count++].peer = a->client; /* here: the client, not the peer */
                }
    pthread_mutex_unlock(&self->lock);
    if (marks == NULL)
        return PyErr_NoMemory();
    PyObject *result = PyList_New((Py_ssize_t)count);
    for (size_t i = 0; result != NULL && i < count; i++) {
        PyObject *client = format_address(&marks[i].peer);
        PyObject *item = client ? Py_BuildValue("(Ni)", client, marks[i].number) : NULL;
        if (item == NULL)
            Py_CLEAR(result);
        else
            PyList_SET_ITEM(result, (Py_ssize_t)i, item);
    }
    free(marks);
    return result;
}

PyDoc_STRVAR(counters_doc, "counters()\n--\n\nMonotonic counts since creation.");

static PyObject *RelayCore_counters(RelayCore *self, PyObject *unused) {
    unsigned long long drops[D_COUNT], totals[7];
    Py_ssize_t allocations;
    if (check_own_process(self) < 0)
        return NULL;
    if (self->lock_ready)
        pthread_mutex_lock(&self->lock);
    memcpy(drops, self->drops, sizeof(drops));
    unsigned long long copied[7] = {self->to_peer_packets, self->to_peer_bytes,
                                    self->to_client_packets, self->to_client_bytes,
                                    self->returned, self->gso_messages, self->gso_refused};
    memcpy(totals, copied, sizeof(totals));
    allocations = self->allocation_count;
    if (self->lock_ready)
        pthread_mutex_unlock(&self->lock);
    PyObject *by_reason = PyDict_New();
    if (by_reason == NULL)
        return NULL;
    for (int i = 0; i < D_COUNT; i++) {
        PyObject *value = PyLong_FromUnsignedLongLong(drops[i]);
        if (value == NULL || PyDict_SetItemString(by_reason, DROP_NAMES[i], value) < 0) {
            Py_XDECREF(value);
            Py_DECREF(by_reason);
            return NULL;
        }
        Py_DECREF(value);
    }
    return Py_BuildValue("{sKsKsKsKsKsKsKsnsN}", "to_peer_packets", totals[0], "to_peer_bytes",
                         totals[1], "to_client_packets", totals[2], "to_client_bytes", totals[3],
                         "returned", totals[4], "gso_messages", totals[5], "gso_refused",
                         totals[6], "allocations", allocations, "drops", by_reason);
}

PyDoc_STRVAR(fileno_doc,
"fileno()\n--\n\nAn eventfd, readable when poll() has datagrams for Python.");

static PyObject *RelayCore_fileno(RelayCore *self, PyObject *unused) {
    if (check_open(self) < 0)
        return NULL;
    return PyLong_FromLong(self->notify_fd);
}

PyDoc_STRVAR(close_doc,
"close()\n--\n\nJoin the relay thread, forget every allocation, drop the datagrams still "
"queued for Python (counted as native_queue_closed) and close the descriptors (in a forked "
"child: only the child's copies).");

static PyObject *RelayCore_close(RelayCore *self, PyObject *unused) {
    release(self);
    Py_RETURN_NONE;
}

static PyMethodDef RelayCore_methods[] = {
    {"set_allocation", (PyCFunction)(void (*)(void))RelayCore_set_allocation,
     METH_VARARGS | METH_KEYWORDS, set_allocation_doc},
    {"remove_allocation", (PyCFunction)RelayCore_remove_allocation, METH_O,
     remove_allocation_doc},
    {"set_own_ports", (PyCFunction)RelayCore_set_own_ports, METH_O, set_own_ports_doc},
    {"start", (PyCFunction)RelayCore_start, METH_O, start_doc},
    {"poll", (PyCFunction)RelayCore_poll, METH_NOARGS, poll_doc},
    {"take_channel_activity", (PyCFunction)RelayCore_take_channel_activity, METH_NOARGS,
     take_channel_activity_doc},
    {"counters", (PyCFunction)RelayCore_counters, METH_NOARGS, counters_doc},
    {"fileno", (PyCFunction)RelayCore_fileno, METH_NOARGS, fileno_doc},
    {"close", (PyCFunction)RelayCore_close, METH_NOARGS, close_doc},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject RelayCoreType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "turn._relaycore.RelayCore",
    .tp_basicsize = sizeof(RelayCore),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = PyDoc_STR("RelayCore(listener_fd, max_allocations, max_message_size, *, "
                        "request_rate=0.0, request_burst=0.0)"),
    .tp_new = RelayCore_new,
    .tp_init = (initproc)RelayCore_init,
    .tp_dealloc = (destructor)RelayCore_dealloc,
    .tp_methods = RelayCore_methods,
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_relaycore",
    .m_doc = "Native TURN relay core (see turn/_relaycore.pyi).",
    .m_size = -1,
};

PyMODINIT_FUNC PyInit__relaycore(void) {
    static int fork_handler;
    if (!fork_handler) {
        int err = pthread_atfork(NULL, NULL, count_fork);
        if (err != 0) {
            errno = err;
            return PyErr_SetFromErrno(PyExc_OSError);
        }
        fork_handler = 1;
    }
    if (PyType_Ready(&RelayCoreType) < 0)
        return NULL;
    PyObject *m = PyModule_Create(&module);
    if (m == NULL)
        return NULL;
    Py_INCREF(&RelayCoreType);
    if (PyModule_AddObject(m, "RelayCore", (PyObject *)&RelayCoreType) < 0) {
        Py_DECREF(&RelayCoreType);
        Py_DECREF(m);
        return NULL;
    }
    PyModule_AddIntConstant(m, "BATCH", BATCH);
    PyModule_AddIntConstant(m, "MAX_PERMISSIONS", MAX_PERMISSIONS);
    PyModule_AddIntConstant(m, "MAX_CHANNELS", MAX_CHANNELS);
    PyModule_AddIntConstant(m, "UP_QUEUE", UP_QUEUE);
    PyModule_AddIntConstant(m, "MAX_COALESCE_US", MAX_COALESCE_US);
    return m;
}
