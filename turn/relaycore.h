/* Shared by the TURN relay core's two files: turn/relay_thread.c (the relay thread's
 * per-datagram path) and turn/_relaycore.c (the Python type that fills its tables). Limits,
 * drop reasons, the allocation table's types and the RelayCore state under its lock. */
#ifndef FJORD_RELAYCORE_H
#define FJORD_RELAYCORE_H

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

static inline int ip_equal(const addr_t *a, const addr_t *b) {
    return a->family == b->family && memcmp(a->ip, b->ip, a->family == AF_INET ? 4 : 16) == 0;
}

static inline int addr_equal(const addr_t *a, const addr_t *b) {
    return a->port == b->port && ip_equal(a, b);
}

/* relay_thread.c, for the Python type (the lock held where they touch the tables). */

/* Where `client`'s allocation is in the table: the slot that holds it, or the empty slot
 * that ends its hash chain (where a new one is linked). */
allocation_t **find_slot(RelayCore *self, const addr_t *client);
/* `n` bytes from a pool refilled by getrandom (transaction ids, the rate-limit hash key). */
void random_bytes(RelayCore *self, uint8_t *out, size_t n);
/* The thread RelayCore.start() runs: wait, relay, sleep the coalescing time, until stopped. */
void *relay_thread(void *arg);

#endif
