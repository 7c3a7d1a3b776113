/* The SFU native core's ingress path: one call per datagram from the worker socket.
 *
 * Forwarder.receive(data, addr) takes an SRTP packet of a connected publish transport
 * whose stream is in its steady state and does all of the per-packet work the Python path
 * (sfu/worker.py, sfu/transport.py, sfu/router.py, sfu/producer.py: the reference) does for
 * it: SRTP unprotect, header parse, receive statistics (RFC 3550 appendix A.1 and A.8), the
 * retransmission cache, the transport-cc arrival record and the REMB estimator's input
 * (their Python objects' own methods), the audio level (kept for the speaker detector's tick,
 * InboundStream.take_levels), the highest VP8 temporal layer id (kept for the layer's
 * meter, InboundStream.take_tid), the abs-send-time restamp and the fan-out to every
 * routed consumer (forward_routes). Anything else goes up to Python:
 * other datagrams to the worker's demultiplex(data, addr) untouched, and an RTP packet this
 * path does not take (unknown SSRC, RTX, another payload type, padding only, a sequence gap
 * or a loss being repaired, a consumer not routed, a malformed extension block or VP8
 * descriptor, a VP8 key frame's first packet or an H.264 SPS, a test tap)
 * to deliver(transport, plain) once decrypted, before any state is changed, so every packet
 * is handled exactly once by one of the two paths.
 *
 * The receive-side state it updates (receive statistics, the retransmission cache, the
 * transport-cc and REMB arrival records, the kept audio levels) is in sfu/receive_state.c.
 */
#include "receive_state.h"

#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

/* ---------------------------------------------------------------- Forwarder.receive */

static PyObject *S_native_rx, *S_producers_by_ssrc, *S_inbound, *S_ssrc, *S_waiting,
    *S_listener, *S_tap, *S_twcc_id, *S_twcc, *S_bwe, *S_record, *S_on_packet;

int ingress_init_names(void) {
    struct {
        PyObject **slot;
        const char *text;
    } names[] = {
        {&S_native_rx, "native_rx"}, {&S_producers_by_ssrc, "producers_by_ssrc"},
        {&S_inbound, "inbound"}, {&S_ssrc, "ssrc"}, {&S_waiting, "waiting_for_keyframe"},
        {&S_listener, "listener"}, {&S_tap, "tap"}, {&S_twcc_id, "twcc_id"},
        {&S_twcc, "twcc"}, {&S_bwe, "bwe"}, {&S_record, "record"},
        {&S_on_packet, "on_packet"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if ((*names[i].slot = PyUnicode_InternFromString(names[i].text)) == NULL)
            return -1;
    return 0;
}

PyObject *forwarder_set_ingress(ForwarderObject *self, PyObject *args, PyObject *kwds) {
    static char *kwlist[] = {"by_addr", "demultiplex", "deliver", "clock", "on_error", NULL};
    PyObject *by_addr, *demultiplex, *deliver, *clock, *on_error;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O!OOOO", kwlist, &PyDict_Type, &by_addr,
                                     &demultiplex, &deliver, &clock, &on_error))
        return NULL;
    if (!PyCallable_Check(demultiplex) || !PyCallable_Check(deliver) ||
        !PyCallable_Check(clock) || !PyCallable_Check(on_error)) {
        PyErr_SetString(PyExc_TypeError, "demultiplex, deliver, clock and on_error must be "
                                         "callable");
        return NULL;
    }
    Py_XSETREF(self->by_addr, Py_NewRef(by_addr));
    Py_XSETREF(self->demultiplex, Py_NewRef(demultiplex));
    Py_XSETREF(self->deliver, Py_NewRef(deliver));
    Py_XSETREF(self->clock, Py_NewRef(clock));
    Py_XSETREF(self->on_error, Py_NewRef(on_error));
    Py_RETURN_NONE;
}

/* The first element `id` of the block (any length), or -1 (absent, id 0, malformed). */
static int find_element(const uint8_t *p, const RtpHeader *h, long id, Element *found) {
    Py_ssize_t pos = h->ext_start;
    if (id <= 0)
        return -1;
    while (next_element(p, &pos, h->ext_end, h->profile, found) == ELEMENT)
        if (found->id == id)
            return 0;
    return -1;
}

/* Whether every element `id` of the (scanned) block is `length` bytes long, as
 * sfu.rtp.extensions.lengths_are; 1 when there is none. */
static int lengths_are(const uint8_t *p, const RtpHeader *h, long id, int length) {
    Py_ssize_t pos = h->ext_start;
    Element e;
    while (next_element(p, &pos, h->ext_end, h->profile, &e) == ELEMENT)
        if (e.id == id && e.length != length)
            return 0;
    return 1;
}

/* An attribute that must be a non-negative int (0 when it is not). */
static long attr_long(PyObject *obj, PyObject *name) {
    PyObject *value = PyObject_GetAttr(obj, name);
    if (value == NULL) {
        PyErr_Clear();
        return 0;
    }
    long n = PyLong_Check(value) ? PyLong_AsLong(value) : 0;
    Py_DECREF(value);
    if (n == -1 && PyErr_Occurred()) {
        PyErr_Clear();
        return 0;
    }
    return n;
}

/* What the fast path read of the transport and producer before it changes anything. */
typedef struct {
    RtpHeader h;
    InboundStreamObject *stream; /* new reference */
    PyObject *twcc;              /* new reference when this packet is recorded, else NULL */
    PyObject *bwe;               /* new reference, or NULL (REMB off or no abs-send-time) */
    long twcc_id;
    Py_ssize_t abs_pos;          /* abs-send-time value offset, -1 */
    int level_pos;               /* audio level byte offset, -1 */
    int tid;                     /* VP8 temporal layer id, -1 (none, or not VP8) */
} Taken;

/* sfu.rtp.keyframe.vp8_is_keyframe over p[start:end]: the first packet of a VP8 key frame. */
static int vp8_starts_keyframe(const uint8_t *p, int start, int end) {
    int n = end - start;
    if (n < 1)
        return 0;
    uint8_t b0 = p[start];
    if (!(b0 & 0x10) || (b0 & 0x07) != 0) /* S bit and partition index 0 */
        return 0;
    int pos = 1;
    if (b0 & 0x80) { /* X: extension byte */
        if (n < 2)
            return 0;
        uint8_t x = p[start + 1];
        pos = 2;
        if (x & 0x80) { /* I: picture id */
            if (n <= pos)
                return 0;
            pos += (p[start + pos] & 0x80) ? 2 : 1;
        }
        if (x & 0x40) /* L: tl0picidx */
            pos += 1;
        if (x & 0x30) /* T or K */
            pos += 1;
    }
    return n > pos && (p[start + pos] & 0x01) == 0;
}

/* sfu.rtp.keyframe.h264_carries_sps over p[start:end]: an SPS as a single NAL unit packet,
 * in a STAP-A, or starting a FU-A (RFC 6184 sections 5.6, 5.7.1, 5.8). */
static int h264_carries_sps(const uint8_t *p, int start, int end) {
    int n = end - start;
    if (n < 1)
        return 0;
    const uint8_t *q = p + start;
    int type = q[0] & 0x1F;
    if (type == 7)
        return 1;
    if (type == 24) { /* STAP-A: 16-bit size, then the NAL unit, per aggregated unit */
        for (int pos = 1; pos + 2 < n;) {
            int size = (q[pos] << 8) | q[pos + 1];
            if (size == 0)
                return 0;
            if ((q[pos + 2] & 0x1F) == 7)
                return 1;
            pos += 2 + size;
        }
        return 0;
    }
    return type == 28 && n >= 2 && (q[1] & 0x80) && (q[1] & 0x1F) == 7;
}

/* Whether the decrypted packet `plain` of transport `t` is one the fast path handles whole
 * (1, `k` filled), or goes to Python (0); -1 with an exception set. Reads, never writes. */
static int take(PyObject *t, PyObject *plain, Taken *k) {
    const uint8_t *p = (const uint8_t *)PyBytes_AS_STRING(plain);
    Py_ssize_t size = PyBytes_GET_SIZE(plain);
    RtpHeader *h = &k->h;
    if (parse_rtp_header(p, size, h) != NULL || h->payload_start == h->payload_end)
        return 0; /* Python drops it as rtp_parse, or takes padding's place in the sequence */
    int taken = 0;
    PyObject *producers = NULL, *key = NULL, *producer = NULL, *inbound = NULL, *ssrc = NULL;
    PyObject *listener = NULL, *tap = NULL;
    producers = PyObject_GetAttr(t, S_producers_by_ssrc);
    if (producers == NULL || !PyDict_Check(producers))
        goto done;
    key = PyLong_FromUnsignedLong(h->ssrc);
    if (key == NULL)
        goto error;
    producer = PyDict_GetItemWithError(producers, key);
    if (producer == NULL)
        goto done;
    Py_INCREF(producer);
    inbound = PyObject_GetAttr(producer, S_inbound);
    if (inbound == NULL || !PyObject_TypeCheck(inbound, &InboundStreamType))
        goto done;
    InboundStreamObject *stream = (InboundStreamObject *)inbound;
    if (stream->routes == NULL) /* its __init__ never ran or failed */
        goto done;
    ssrc = PyObject_GetAttr(producer, S_ssrc); /* not an RTX SSRC of the producer */
    if (ssrc == NULL || !PyLong_Check(ssrc) || PyLong_AsUnsignedLong(ssrc) != h->ssrc)
        goto done;
    if (h->payload_type != stream->payload_type)
        goto done;
    Py_ssize_t routed = PyList_GET_SIZE(stream->routes);
    if (routed == 0 || routed != PyList_GET_SIZE(stream->consumers) ||
        attr_long(producer, S_waiting) != 0)
        goto done;
    listener = PyObject_GetAttr(t, S_listener);
    tap = listener != NULL ? PyObject_GetAttr(listener, S_tap) : NULL;
    if (tap == NULL || tap != Py_None)
        goto done;
    ReceiveStatsObject *stats = (ReceiveStatsObject *)stream->stats;
    int delta = (int)((h->seq - stats->max_seq) & 0xFFFF);
    if (!stats->started || (delta < 0x8000 && delta > 1))
        goto done; /* the first packet, or a gap: NACKs and keyframe requests are Python's */
    if (stream->nack_pending != NULL && PyDict_GET_SIZE(stream->nack_pending) > 0)
        goto done; /* losses being repaired: every packet is checked against them */
    Vp8Fields vp8;
    if (stream->vp8 && read_vp8_fields(p, h->payload_start, h->payload_end, &vp8) < 0)
        goto done; /* a simulcast consumer drops it and numbers on without it */
    if (stream->vp8 && vp8_starts_keyframe(p, h->payload_start, h->payload_end))
        goto done; /* a key frame's first packet: Producer.on_rtp reads its picture size */
    if (stream->h264 && h264_carries_sps(p, h->payload_start, h->payload_end))
        goto done; /* a key frame's SPS: Producer.on_rtp reads its picture size */
    k->tid = stream->vp8 ? vp8.tid : -1;
    k->abs_pos = -1;
    k->level_pos = -1;
    k->twcc_id = 0;
    if (h->profile) {
        uint64_t mask[4];
        if (scan_block(p, h->ext_start, h->ext_end, h->profile, stream->abs_send_time_id, mask,
                       &k->abs_pos) != NULL)
            goto done;
        if (k->abs_pos == -2)
            goto done; /* abs-send-time not 3 bytes: Producer.on_rtp drops it */
        if (k->abs_pos < 0)
            k->abs_pos = -1;
        long level_id = stream->audio_level_id;
        Element e;
        if (level_id && (mask[level_id >> 6] >> (level_id & 63)) & 1) {
            if (!lengths_are(p, h, level_id, 1))
                goto done; /* an audio level not 1 byte: Producer.on_rtp drops it */
            if (stream->report_level != NULL && find_element(p, h, level_id, &e) == 0)
                k->level_pos = (int)e.value;
        }
        k->twcc_id = attr_long(t, S_twcc_id);
    }
    k->twcc = NULL;
    if (k->twcc_id) {
        Element e;
        if (find_element(p, h, k->twcc_id, &e) == 0 && e.length == 2) {
            k->twcc = PyObject_GetAttr(t, S_twcc);
            if (k->twcc == NULL)
                goto error;
            if (k->twcc == Py_None)
                Py_CLEAR(k->twcc);
        }
    }
    k->bwe = NULL;
    if (k->abs_pos >= 0) {
        k->bwe = PyObject_GetAttr(t, S_bwe);
        if (k->bwe == NULL) {
            Py_CLEAR(k->twcc);
            goto error;
        }
        if (k->bwe == Py_None)
            Py_CLEAR(k->bwe);
    }
    k->stream = (InboundStreamObject *)Py_NewRef(inbound);
    taken = 1;
    goto done;
error:
    taken = -1;
done:
    if (taken == 0)
        PyErr_Clear(); /* a missing attribute only means "not the steady state" */
    Py_XDECREF(producers);
    Py_XDECREF(key);
    Py_XDECREF(producer);
    Py_XDECREF(inbound);
    Py_XDECREF(ssrc);
    Py_XDECREF(listener);
    Py_XDECREF(tap);
    return taken;
}

/* obj.name(a, b[, c]) (obj(a, b[, c]) when name is NULL), taking the references to the
 * arguments (NULL for c: two arguments); -1 with an exception set when it raised or an
 * argument could not be made. */
static int call_method(PyObject *obj, PyObject *name, PyObject *a, PyObject *b, PyObject *c) {
    int rc = -1;
    PyObject *r = NULL;
    if (a != NULL && b != NULL) {
        if (name == NULL)
            r = PyObject_CallFunctionObjArgs(obj, a, b, c, NULL);
        else
            r = PyObject_CallMethodObjArgs(obj, name, a, b, c, NULL);
    }
    if (r != NULL) {
        rc = 0;
        Py_DECREF(r);
    }
    Py_XDECREF(a);
    Py_XDECREF(b);
    Py_XDECREF(c);
    return rc;
}

/* The steady-state work on a packet take() accepted, in the Python path's order. */
static int handle(ForwarderObject *self, PyObject *plain, Taken *k) {
    const uint8_t *p = (const uint8_t *)PyBytes_AS_STRING(plain);
    Py_ssize_t size = PyBytes_GET_SIZE(plain);
    RtpHeader *h = &k->h;
    InboundStreamObject *stream = k->stream;
    double now;
    if (call_clock(self->clock, &now) < 0)
        return -1;
    if (k->twcc != NULL) { /* sfu.router.Router.rtp_received */
        Element e;
        find_element(p, h, k->twcc_id, &e);
        int number = (p[e.value] << 8) | p[e.value + 1];
        if (PyObject_TypeCheck(k->twcc, &TwccArrivalsType))
            twcc_record((TwccArrivalsObject *)k->twcc, number, now, h->ssrc);
        else if (call_method(k->twcc, S_record, PyLong_FromLong(number),
                             PyFloat_FromDouble(now), PyLong_FromUnsignedLong(h->ssrc)) < 0)
            return -1;
    }
    /* sfu.producer.Producer.on_rtp */
    ReceiveStatsObject *stats = (ReceiveStatsObject *)stream->stats;
    receive_stats_update(stats, h->seq, h->ts, now);
    stats->octets += size;
    if (k->tid > stream->max_tid) /* the layer's temporal layers (Producer.take_tid) */
        stream->max_tid = k->tid;
    if (stream->buffer != NULL)
        buffer_store((RetransmissionBufferObject *)stream->buffer, h->seq, plain, now);
    long abs_pos = (long)k->abs_pos;
    uint8_t abs_value[3];
    if (abs_pos >= 0) {
        if (k->bwe != NULL) {
            double send_time = ((p[abs_pos] << 16) | (p[abs_pos + 1] << 8) | p[abs_pos + 2]) /
                               262144.0;
            if (PyObject_TypeCheck(k->bwe, &RembArrivalsType))
                remb_on_packet((RembArrivalsObject *)k->bwe, send_time, size, now);
            else if (call_method(k->bwe, S_on_packet, PyFloat_FromDouble(send_time),
                                 PyLong_FromSsize_t(size), NULL) < 0)
                return -1;
        }
        if (h->profile == ONE_BYTE_PROFILE) { /* 6.18 fixed point seconds */
            uint32_t stamp = (uint32_t)((long long)(now * 262144.0) & 0xFFFFFF);
            abs_value[0] = (uint8_t)(stamp >> 16);
            abs_value[1] = (uint8_t)(stamp >> 8);
            abs_value[2] = (uint8_t)stamp;
        } else {
            abs_pos = -1; /* only the one-byte form is restamped */
        }
    }
    if (forward_routes(self, p, size, stream->routes, now, 1, abs_pos, abs_value,
                       abs_pos >= 0 ? 3 : 0, k->twcc_id) < 0)
        return -1;
    /* after forwarding, as the Python path: a failing speaker detector costs no packet */
    if (k->level_pos >= 0) { /* kept for the speaker detector's tick (take_levels) */
        if (stream->level_count == LEVELS && inbound_report_levels(stream) < 0)
            return -1; /* no tick took them for 64 packets: reported now */
        if (stream->level_count < LEVELS) {
            stream->level_value[stream->level_count] = p[k->level_pos];
            stream->level_time[stream->level_count++] = now;
        }
    }
    return 0;
}

/* A Python exception raised on the fast path: counted, and handed to on_error (which logs
 * some); the worker keeps serving, as its Python path does. */
static void internal_error(ForwarderObject *self) {
    PyObject *type, *value, *trace;
    PyErr_Fetch(&type, &value, &trace);
    PyErr_NormalizeException(&type, &value, &trace);
    if (value != NULL && trace != NULL)
        PyException_SetTraceback(value, trace);
    PyObject *r = value != NULL ? PyObject_CallOneArg(self->on_error, value) : NULL;
    if (r == NULL)
        PyErr_Clear();
    Py_XDECREF(r);
    Py_XDECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(trace);
}

/* One SRTP packet from transport t's native session `rx`. */
static PyObject *receive_srtp(ForwarderObject *self, PyObject *t, SessionObject *rx,
                              const uint8_t *data, Py_ssize_t size) {
    self->received++;
    int len = (int)size;
    if (!session_live(rx) || size > WORK)
        len = -1;
    else
        memcpy(rx->work, data, (size_t)size);
    if (len < 0 || session_unprotect_rtp(rx, rx->work, &len) != 0) {
        self->drops[D_UNPROTECT]++;
        if (forwarder_report(self) < 0)
            return NULL;
        Py_RETURN_NONE;
    }
    PyObject *plain = PyBytes_FromStringAndSize((const char *)rx->work, len);
    if (plain == NULL)
        return NULL;
    Taken k;
    int taken = take(t, plain, &k);
    int rc = 0;
    if (taken == 1) {
        rc = handle(self, plain, &k);
        Py_DECREF(k.stream);
        Py_XDECREF(k.twcc);
        Py_XDECREF(k.bwe);
        if (rc < 0) {
            self->drops[D_INTERNAL]++;
            internal_error(self);
        }
    } else if (taken == 0) {
        if (forwarder_report(self) < 0) {
            Py_DECREF(plain);
            return NULL;
        }
        PyObject *r = PyObject_CallFunctionObjArgs(self->deliver, t, plain, NULL);
        Py_DECREF(plain);
        if (r == NULL)
            return NULL;
        Py_DECREF(r);
        Py_RETURN_NONE;
    } else {
        self->drops[D_INTERNAL]++;
        internal_error(self);
    }
    Py_DECREF(plain);
    if (forwarder_report(self) < 0)
        return NULL;
    Py_RETURN_NONE;
}

PyObject *forwarder_receive(ForwarderObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "receive(data, addr)");
        return NULL;
    }
    if (self->by_addr == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "receive() before set_ingress()");
        return NULL;
    }
    PyObject *data = args[0];
    if (PyBytes_CheckExact(data) && PyBytes_GET_SIZE(data) >= 12) {
        const uint8_t *p = (const uint8_t *)PyBytes_AS_STRING(data);
        /* RFC 7983: SRTP, and not SRTCP (RFC 5761 section 4) */
        if (p[0] > 127 && p[0] < 192 && !(p[1] > 191 && p[1] < 224)) {
            PyObject *t = PyDict_GetItemWithError(self->by_addr, args[1]);
            if (t == NULL && PyErr_Occurred())
                PyErr_Clear(); /* an unhashable address: Python's path counts it */
            if (t != NULL) {
                Py_INCREF(t);
                PyObject *rx = PyObject_GetAttr(t, S_native_rx);
                PyObject *result = NULL;
                if (rx != NULL && PyObject_TypeCheck(rx, &SessionType))
                    result = receive_srtp(self, t, (SessionObject *)rx, p,
                                          PyBytes_GET_SIZE(data));
                else
                    PyErr_Clear();
                Py_XDECREF(rx);
                Py_DECREF(t);
                if (result != NULL || PyErr_Occurred())
                    return result;
            }
        }
    }
    return PyObject_Vectorcall(self->demultiplex, args, 2, NULL);
}

/* ---------------------------------------------------------------- Forwarder.drain */

/* (host, port) of a datagram's source, as asyncio's datagram endpoints give it (the scope
 * and flow of an IPv6 address left out, as the worker's path does). */
static PyObject *address_tuple(const struct sockaddr_storage *sa) {
    char host[INET6_ADDRSTRLEN];
    int port;
    if (sa->ss_family == AF_INET) {
        const struct sockaddr_in *v4 = (const struct sockaddr_in *)sa;
        inet_ntop(AF_INET, &v4->sin_addr, host, sizeof host);
        port = ntohs(v4->sin_port);
    } else if (sa->ss_family == AF_INET6) {
        const struct sockaddr_in6 *v6 = (const struct sockaddr_in6 *)sa;
        inet_ntop(AF_INET6, &v6->sin6_addr, host, sizeof host);
        port = ntohs(v6->sin6_port);
    } else {
        PyErr_SetString(PyExc_ValueError, "a datagram from neither IPv4 nor IPv6");
        return NULL;
    }
    return Py_BuildValue("(si)", host, port);
}

/* Read what waits on the socket, RX_BATCH datagrams per recvmmsg and at most
 * 4 * RX_BATCH per call (the event loop gets its turn), and receive() each; packets the
 * fast path queued go out in one flush at the end, grouped per subscriber (UDP GSO). */
PyObject *forwarder_drain(ForwarderObject *self, PyObject *unused) {
    if (self->by_addr == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "drain() before set_ingress()");
        return NULL;
    }
    if (self->deferring) { /* a callback's drain() would overwrite this batch's buffers */
        PyErr_SetString(PyExc_RuntimeError, "drain() called from within drain()");
        return NULL;
    }
    PyObject *failed = NULL;
    self->deferring = 1;
    for (int round = 0, errors = 0; round < 4 && failed == NULL;) {
        for (int i = 0; i < RX_BATCH; i++) {
            self->rx_iov[i].iov_base = self->rx[i];
            self->rx_iov[i].iov_len = RX_SIZE;
            memset(&self->rx_msgs[i].msg_hdr, 0, sizeof(struct msghdr));
            self->rx_msgs[i].msg_hdr.msg_name = &self->rx_addr[i];
            self->rx_msgs[i].msg_hdr.msg_namelen = sizeof self->rx_addr[i];
            self->rx_msgs[i].msg_hdr.msg_iov = &self->rx_iov[i];
            self->rx_msgs[i].msg_hdr.msg_iovlen = 1;
        }
        int n = recvmmsg(self->fd, self->rx_msgs, RX_BATCH, MSG_DONTWAIT, NULL);
        if (n < 0) {
            /* an ICMP error queued on the socket (a subscriber gone): read on */
            if (errno != EAGAIN && errno != EWOULDBLOCK && ++errors < 8)
                continue;
            break;
        }
        for (int i = 0; i < n && failed == NULL; i++) {
            struct msghdr *h = &self->rx_msgs[i].msg_hdr;
            if (h->msg_flags & MSG_TRUNC) {
                self->drops[D_OVERSIZED]++;
                continue;
            }
            PyObject *args[2];
            args[0] = PyBytes_FromStringAndSize((const char *)self->rx[i],
                                                self->rx_msgs[i].msg_len);
            args[1] = address_tuple(&self->rx_addr[i]);
            PyObject *r = args[0] && args[1] ? forwarder_receive(self, args, 2) : NULL;
            Py_XDECREF(args[0]);
            Py_XDECREF(args[1]);
            if (r == NULL && PyErr_ExceptionMatches(PyExc_Exception)) {
                /* this datagram's handler failed: counted and reported, the batch goes on */
                self->drops[D_INTERNAL]++;
                internal_error(self);
            } else if (r == NULL) {
                failed = Py_None; /* KeyboardInterrupt, SystemExit: raised after the flush */
            }
            Py_XDECREF(r);
        }
        round++;
        if (n < RX_BATCH)
            break;
    }
    self->deferring = 0;
    PyObject *type, *value, *trace;
    PyErr_Fetch(&type, &value, &trace);
    forwarder_flush(self);
    int reported = forwarder_report(self);
    if (failed != NULL || reported < 0) {
        if (type != NULL)
            PyErr_Restore(type, value, trace);
        return NULL;
    }
    Py_RETURN_NONE;
}
