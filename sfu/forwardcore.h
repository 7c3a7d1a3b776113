/* What the translation units of the SFU native core share (sfu/_forwardcore.c: the batched
 * sender, egress, the module; sfu/srtp_session.c: SRTP sessions; sfu/rtp_parsers.c: the
 * RTP header and extension parsers; sfu/routes.c: the consumers' routes and the per-route
 * rewrite; sfu/ingress.c: the per-ingress-packet path; sfu/receive_state.c and
 * sfu/retransmission_buffer.c, with their own receive_state.h: the receive-side state it
 * updates). */
#ifndef FJORD_FORWARDCORE_H
#define FJORD_FORWARDCORE_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <netinet/in.h>
#include <stdint.h>
#include <sys/socket.h>

#include <srtp2/srtp.h>

#include "srtp_gcm.h"

#define WORK 1500                                /* as pylibsrtp's session buffer */
#define PROTECT_LIMIT (WORK - SRTP_MAX_TRAILER_LEN) /* plaintext RTP that may be protected */
#define QUEUE 256                 /* packets queued before a flush (sendmmsg); 384 KiB */
#define RX_BATCH 32               /* datagrams per recvmmsg in drain() */
#define RX_SIZE 4096              /* the largest datagram drain() takes (STUN, DTLS, SRTP) */
#define GSO_MAX_SEGMENTS 64       /* UDP GSO: packets per message, and bytes */
#define GSO_MAX_BYTES 65000
#define ONE_BYTE_PROFILE 0xBEDE

typedef struct {
    PyObject_HEAD
    /* one of the two, both NULL once wiped */
    srtp_t session;   /* libsrtp, for the profiles other than AES-GCM */
    GcmSession *gcm;  /* RFC 7714 over OpenSSL EVP (srtp_gcm.c), for the AES-GCM profiles */
    uint8_t work[WORK];
    /* an inbound libsrtp session: the SSRCs it made streams for, at most GCM_RX_STREAMS
     * (libsrtp adds one per authenticated SSRC and never frees it; more are refused, as
     * the GCM sessions refuse them) */
    int ssrc_count;
    uint32_t ssrcs[GCM_RX_STREAMS];
} SessionObject;

/* Drops counted by the core, added to WorkerStats.drop(name) by forwarder_report. */
enum {
    D_PARSE, D_EXTENSION, D_PROTECT, D_NOT_CONNECTED, D_BUFFER_FULL, D_SEND_ERROR,
    D_UNPROTECT, D_INTERNAL, D_OVERSIZED, D_VP8, D_BEFORE_SWITCH, D_COUNT
};

typedef struct {
    PyObject_HEAD
    int fd;
    PyObject *stats;                      /* sfu.control.WorkerStats */
    unsigned long long sent_packets, sent_bytes;  /* not yet added to stats */
    unsigned long long received;          /* ingress SRTP taken by receive(), likewise */
    unsigned long long drops[D_COUNT];
    unsigned long long internal_errors;   /* ever, for the one-in-1000 log */
    /* set_ingress(): the worker's transports by address, its Python datagram path, the
     * decrypted-RTP path, its clock and error handler (NULL before) */
    PyObject *by_addr, *demultiplex, *deliver, *clock, *on_error;
    int deferring;   /* in drain(): packets stay queued until its end (one flush, GSO runs) */
    int gso;         /* 1 until the kernel refuses UDP GSO */
    unsigned long long gso_messages; /* messages of more than one packet sent */
    int queued;
    uint8_t slots[QUEUE][WORK];
    int slot_len[QUEUE];          /* protected length of each queued packet */
    struct sockaddr_storage dest[QUEUE];
    socklen_t dest_len[QUEUE];
    /* flush(): the queue in send order (grouped by destination), one message per run */
    int order[QUEUE], next_in_group[QUEUE], tx_first[QUEUE], tx_count[QUEUE];
    struct mmsghdr msgs[QUEUE];
    struct iovec iov[QUEUE];
    char tx_control[QUEUE][CMSG_SPACE(sizeof(uint16_t))];
    /* drain(): one recvmmsg batch */
    uint8_t rx[RX_BATCH][RX_SIZE];
    struct sockaddr_storage rx_addr[RX_BATCH];
    struct mmsghdr rx_msgs[RX_BATCH];
    struct iovec rx_iov[RX_BATCH];
} ForwarderObject;

#define SENT_LOG 1024 /* an Egress's numbered sends kept for take_sent() (16 KiB; Python takes
                       * them at every feedback and 50 ms poll), and a Route's logged output
                       * sequence numbers */

typedef struct {
    PyObject_HEAD
    ForwarderObject *forwarder;
    SessionObject *session;
    struct sockaddr_storage dest;
    socklen_t dest_len;
    PyObject *address;  /* (host, port) as given */
    /* transport-wide sequence numbers (draft-holmer-rmcat-transport-wide-cc-extensions-01)
     * of this transport: the next one, and the numbered sends not yet taken by Python */
    unsigned int transport_seq;
    int sent_head, sent_count;
    struct {
        uint16_t seq;
        uint16_t size;
        double time;
    } sent[SENT_LOG];
} EgressObject;

extern PyTypeObject SessionType, EgressType, RouteType;
extern PyTypeObject ReceiveStatsType, RetransmissionBufferType, TwccArrivalsType,
    RembArrivalsType, InboundStreamType;

/* RFC 8285 section 4: the elements of a header extension block, one per next_element call.
 * The remap, the element lookups and the extension scan all walk blocks with it. */
enum { ELEMENT, BLOCK_END, ONE_BYTE_OVERRUN, TWO_BYTE_TRUNCATED, TWO_BYTE_OVERRUN };

typedef struct {
    int id;
    int length;       /* value bytes */
    Py_ssize_t pos;   /* offset of the element's id byte */
    Py_ssize_t value; /* offset of its value */
} Element;

/* The element at or after *pos (padding skipped) in a block ending at `end` of `profile`
 * (ONE_BYTE_PROFILE or 0x100X, two-byte); advances *pos past it and returns ELEMENT.
 * BLOCK_END at the end of the block, at a one-byte id 15 (the rest is not read) and for any
 * other profile; the other results name how the block is malformed. */
static inline int next_element(const uint8_t *p, Py_ssize_t *pos, Py_ssize_t end, long profile,
                               Element *e) {
    Py_ssize_t at = *pos;
    if (profile == ONE_BYTE_PROFILE) {
        while (at < end && (p[at] >> 4) == 0)
            at++;
        if (at >= end || (p[at] >> 4) == 15)
            return BLOCK_END;
        e->id = p[at] >> 4;
        e->length = (p[at] & 0x0F) + 1;
        e->value = at + 1;
        if (e->value + e->length > end)
            return ONE_BYTE_OVERRUN;
    } else if ((profile & 0xFFF0) == 0x1000) {
        while (at < end && p[at] == 0)
            at++;
        if (at >= end)
            return BLOCK_END;
        if (at + 2 > end)
            return TWO_BYTE_TRUNCATED;
        e->id = p[at];
        e->length = p[at + 1];
        e->value = at + 2;
        if (e->value + e->length > end)
            return TWO_BYTE_OVERRUN;
    } else {
        return BLOCK_END;
    }
    e->pos = at;
    *pos = e->value + e->length;
    return ELEMENT;
}

/* An RTP header as sfu.rtp.header.read_header bounds it (RFC 3550 section 5.1). */
typedef struct {
    int payload_type, marker, seq;
    uint32_t ts, ssrc;
    int ext_start, ext_end, profile, payload_start, payload_end;
} RtpHeader;

/* Parse p[:size] into h: NULL, or read_header's ParseError message. */
const char *parse_rtp_header(const uint8_t *p, Py_ssize_t size, RtpHeader *h);

/* What a simulcast route renumbers in a VP8 payload descriptor (RFC 7741 section 4.2), as
 * sfu.rtp.vp8_descriptor.read_vp8_descriptor finds it: offsets -1 when absent; and its
 * temporal layer id, -1 when the T bit is clear (sfu.rtp.vp8_descriptor.read_tid). */
typedef struct {
    int pid_pos, pid_bits, picture_id, tl0_pos, tl0, tid;
} Vp8Fields;

/* Read the descriptor of the VP8 payload p[start:end] into f: 0, or -1 when it overruns the
 * payload (read_vp8_descriptor's ParseError). */
int read_vp8_fields(const uint8_t *p, int start, int end, Vp8Fields *f);

/* sfu.rtp.extensions.scan_extensions over p[start:end]: the ids present as a 256-bit mask,
 * in *found the value offset of the first element `ext_id` if every one is 3 bytes long (-2
 * when one has another length, -1 when absent); NULL, or the ParseError message of a
 * malformed block. */
const char *scan_block(const uint8_t *p, Py_ssize_t start, Py_ssize_t end, long profile,
                       long ext_id, uint64_t mask[4], Py_ssize_t *found);

/* sfu/srtp_session.c: whether the session still has its keys, and protect/unprotect `*len`
 * bytes of RTP at p in place (SRTP_MAX_TRAILER_LEN bytes of room after them): 0 and the new
 * length in *len, or -1 (refused). */
int session_live(const SessionObject *self);
int session_protect_rtp(SessionObject *self, uint8_t *p, int *len);
int session_unprotect_rtp(SessionObject *self, uint8_t *p, int *len);

/* sfu/rtp_parsers.c: the module functions read_header and scan_extensions. */
extern PyMethodDef rtp_parser_functions[];

/* Rewrite, protect and queue in[:size] for every Route in `routes`, then flush and report:
 * Forwarder.forward's work, -1 with an exception set when reporting failed. */
int forward_routes(ForwarderObject *self, const uint8_t *in, Py_ssize_t size, PyObject *routes,
                   double now, int ext_ok, long abs_pos, const uint8_t *abs_value,
                   Py_ssize_t abs_len, long source_cc_id);
/* Protect the forwarder's next queue slot (len bytes of RTP) with `egress`'s session and keep
 * it queued for `egress`'s address (a counted drop when it is not connected or protect
 * fails); flushes when the queue is full. */
void enqueue(ForwarderObject *fw, EgressObject *egress, int len);
/* The next transport-wide sequence number of `egress` for a packet of `size` RTP bytes sent
 * at `now`, logged for Egress.take_sent(). */
uint16_t egress_number(EgressObject *self, int size, double now);
int forwarder_report(ForwarderObject *self);
void forwarder_flush(ForwarderObject *self);

/* sfu/ingress.c: Forwarder.set_ingress and Forwarder.receive, and the interned names. */
PyObject *forwarder_set_ingress(ForwarderObject *self, PyObject *args, PyObject *kwds);
PyObject *forwarder_receive(ForwarderObject *self, PyObject *const *args, Py_ssize_t nargs);
PyObject *forwarder_drain(ForwarderObject *self, PyObject *unused);
int ingress_init_names(void);

/* sfu/receive_state.c: the name RembArrivals.on_packet reads its clock from. */
int receive_state_init_names(void);

#endif
