/* The SFU's per-packet forwarding core: the module, its batched sender and the egress
 * transports (sfu/native_forward.py is the typed wrapper; the pure-Python path in
 * sfu/consumer.py is the reference it must match byte for byte). The SRTP sessions are in
 * srtp_session.c (the AES-GCM profiles over OpenSSL EVP in srtp_gcm.c, the others through
 * libsrtp2), the parsers in rtp_parsers.c, the routes and their rewrite in routes.c, the
 * ingress path (Forwarder.receive) in ingress.c and the receive-side state it updates in
 * receive_state.c; what they share is in forwardcore.h. Over 600 lines: the sender and the
 * egress it numbers and queues for are one path (each egress's packets leave through its
 * forwarder's queue), and the module's type table lists every type of the core.
 *
 * Types:
 *   SrtpSession  (srtp_session.c) one SRTP session keyed from DTLS-SRTP by Python.
 *   Forwarder    the worker socket's batched sender and its counters (WorkerStats), and
 *                its ingress path (ingress.c).
 *   Egress       one subscriber transport: its outbound session, selected address, and
 *                transport-wide sequence number counter with the log of what it numbered.
 *   Route        (routes.c) one consumer's rewrite (SSRC, sequence/timestamp offsets, payload type,
 *                extension id map, abs-send-time stamping, transport-cc numbering, and for
 *                a simulcast consumer's VP8 layer PictureID/TL0PICIDX offsets) and its
 *                sender counters. Other items in a route list are skipped (a simulcast
 *                consumer's layers it does not forward).
 * Functions read_header and scan_extensions (rtp_parsers.c): the per-ingress-packet parsers
 * of sfu.rtp.header and sfu.rtp.extensions (the reference), same results and errors.
 *
 * Forwarder.forward() takes one decrypted ingress packet and a list of routes: for each
 * route it rewrites a copy, protects it with the route's egress session and queues it;
 * then one sendmmsg sends the queue (plain sendto where sendmmsg is missing). Every packet
 * is sent or a counted drop (WorkerStats.drop(reason)); nothing is kept past the call.
 */
#include "forwardcore.h"

#include <structmember.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>

/* ---------------------------------------------------------------- Forwarder */

static const char *const DROP_NAMES[D_COUNT] = {
    "rtp_parse", "rtp_extension", "srtp_protect", "not_connected", "send_buffer_full",
    "send_error", "srtp_unprotect", "internal_error", "oversized_datagram", "vp8_descriptor",
    "late_before_switch",
};

static PyObject *S_forwarded_packets, *S_forwarded_bytes, *S_received_packets, *S_drop;

static int forwarder_init(ForwarderObject *self, PyObject *args, PyObject *kwds) {
    static char *kwlist[] = {"fd", "stats", NULL};
    int fd;
    PyObject *stats;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "iO", kwlist, &fd, &stats))
        return -1;
    struct sockaddr_storage bound;
    socklen_t bound_len = sizeof bound;
    int type = 0;
    socklen_t type_len = sizeof type;
    if (fd < 0 || getsockname(fd, (struct sockaddr *)&bound, &bound_len) < 0 ||
        (bound.ss_family != AF_INET && bound.ss_family != AF_INET6) ||
        getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &type_len) < 0 || type != SOCK_DGRAM) {
        PyErr_SetString(PyExc_ValueError, "fd must be a UDP socket (IPv4 or IPv6)");
        return -1;
    }
    self->fd = fd;
    self->gso = 1;
    Py_INCREF(stats);
    Py_XSETREF(self->stats, stats);
    return 0;
}

static int forwarder_traverse(ForwarderObject *self, visitproc visit, void *arg) {
    Py_VISIT(self->stats);
    Py_VISIT(self->by_addr);
    Py_VISIT(self->demultiplex);
    Py_VISIT(self->deliver);
    Py_VISIT(self->clock);
    Py_VISIT(self->on_error);
    return 0;
}

static int forwarder_clear(ForwarderObject *self) {
    Py_CLEAR(self->stats);
    Py_CLEAR(self->by_addr);
    Py_CLEAR(self->demultiplex);
    Py_CLEAR(self->deliver);
    Py_CLEAR(self->clock);
    Py_CLEAR(self->on_error);
    return 0;
}

static void forwarder_dealloc(ForwarderObject *self) {
    PyObject_GC_UnTrack(self);
    forwarder_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int add_attr(PyObject *obj, PyObject *name, unsigned long long n) {
    PyObject *old = PyObject_GetAttr(obj, name);
    if (old == NULL)
        return -1;
    PyObject *inc = PyLong_FromUnsignedLongLong(n);
    PyObject *sum = inc ? PyNumber_Add(old, inc) : NULL;
    Py_DECREF(old);
    Py_XDECREF(inc);
    if (sum == NULL)
        return -1;
    int rc = PyObject_SetAttr(obj, name, sum);
    Py_DECREF(sum);
    return rc;
}

/* Move the counts of this call into WorkerStats (received_packets, forwarded_* and
 * drop(reason, count), one call per reason). */
int forwarder_report(ForwarderObject *self) {
    if (self->stats == NULL)
        return 0;
    if (self->received) {
        if (add_attr(self->stats, S_received_packets, self->received) < 0)
            return -1;
        self->received = 0;
    }
    if (self->sent_packets) {
        if (add_attr(self->stats, S_forwarded_packets, self->sent_packets) < 0 ||
            add_attr(self->stats, S_forwarded_bytes, self->sent_bytes) < 0)
            return -1;
        self->sent_packets = self->sent_bytes = 0;
    }
    for (int reason = 0; reason < D_COUNT; reason++) {
        if (self->drops[reason] == 0)
            continue;
        PyObject *name = PyUnicode_FromString(DROP_NAMES[reason]);
        PyObject *count = PyLong_FromUnsignedLongLong(self->drops[reason]);
        PyObject *r = name && count
            ? PyObject_CallMethodObjArgs(self->stats, S_drop, name, count, NULL) : NULL;
        Py_XDECREF(name);
        Py_XDECREF(count);
        if (r == NULL)
            return -1;
        Py_DECREF(r);
        self->drops[reason] = 0;
    }
    return 0;
}

static void count_send_error(ForwarderObject *self, int err) {
    self->drops[(err == EAGAIN || err == EWOULDBLOCK || err == ENOBUFS || err == EINTR)
                    ? D_BUFFER_FULL : D_SEND_ERROR]++;
}

#ifndef SOL_UDP
#define SOL_UDP 17
#endif
#ifndef UDP_SEGMENT
#define UDP_SEGMENT 103
#endif
#define GROUP_BUCKETS 512 /* destinations hashed when the queue is grouped; a power of two */

static int same_dest(const ForwarderObject *self, int a, int b) {
    return self->dest_len[a] == self->dest_len[b] &&
           memcmp(&self->dest[a], &self->dest[b], self->dest_len[a]) == 0;
}

static unsigned int dest_hash(const ForwarderObject *self, int slot) {
    const uint8_t *p = (const uint8_t *)&self->dest[slot];
    unsigned int h = 2166136261u; /* FNV-1a over the address and port */
    for (socklen_t i = 0; i < self->dest_len[slot]; i++)
        h = (h ^ p[i]) * 16777619u;
    return h & (GROUP_BUCKETS - 1);
}

/* order[] := the queue grouped by destination, each group in queue order and the groups in
 * order of first appearance (a destination's packets keep their order; O(n)). Destinations
 * sharing a bucket share its chain: runs are cut where the destination changes. */
static void group_by_destination(ForwarderObject *self, int n) {
    int head[GROUP_BUCKETS], tail[GROUP_BUCKETS], firsts[QUEUE], groups = 0;
    memset(head, -1, sizeof head);
    for (int i = 0; i < n; i++) {
        unsigned int b = dest_hash(self, i);
        self->next_in_group[i] = -1;
        if (head[b] < 0) {
            head[b] = i;
            firsts[groups++] = i;
        } else {
            self->next_in_group[tail[b]] = i;
        }
        tail[b] = i;
    }
    int k = 0;
    for (int g = 0; g < groups; g++)
        for (int i = firsts[g]; i >= 0; i = self->next_in_group[i])
            self->order[k++] = i;
}

/* The kernel or device cannot do UDP GSO at all (EINVAL refuses only the message). */
static int gso_unsupported(int err) {
    return err == EIO || err == EOPNOTSUPP || err == ENOPROTOOPT;
}

static void account(ForwarderObject *self, int first, int count, int sent, int err) {
    for (int k = first; k < first + count; k++) {
        if (sent) {
            self->sent_packets++;
            self->sent_bytes += self->iov[k].iov_len;
        } else {
            count_send_error(self, err);
        }
    }
}

/* Send the queue: per destination, one message per run of equal-size packets (the last of a
 * run may be shorter) with UDP GSO (UDP_SEGMENT), else one per packet; all in sendmmsg
 * calls, resuming after a message the kernel refused; sendto per packet where sendmmsg is
 * missing or GSO was refused. Every packet is sent or a counted drop. */
void forwarder_flush(ForwarderObject *self) {
    int n = self->queued;
    self->queued = 0;
    if (n == 0)
        return;
    group_by_destination(self, n);
    for (int k = 0; k < n; k++) {
        int slot = self->order[k];
        self->iov[k].iov_base = self->slots[slot];
        self->iov[k].iov_len = (size_t)self->slot_len[slot];
    }
    int m = 0;
    for (int k = 0; k < n;) {
        int slot = self->order[k], count = 1;
        size_t size = self->iov[k].iov_len;
        if (self->gso)
            while (k + count < n && count < GSO_MAX_SEGMENTS &&
                   (size_t)(count + 1) * size <= GSO_MAX_BYTES &&
                   same_dest(self, slot, self->order[k + count])) {
                size_t len = self->iov[k + count].iov_len;
                if (len > size || len == 0) /* only the last segment may be shorter */
                    break;
                count++;
                if (len < size)
                    break;
            }
        struct msghdr *h = &self->msgs[m].msg_hdr;
        memset(h, 0, sizeof *h);
        h->msg_name = &self->dest[slot];
        h->msg_namelen = self->dest_len[slot];
        h->msg_iov = &self->iov[k];
        h->msg_iovlen = (size_t)count;
        if (count > 1) {
            h->msg_control = self->tx_control[m];
            h->msg_controllen = sizeof self->tx_control[m];
            struct cmsghdr *c = CMSG_FIRSTHDR(h);
            c->cmsg_level = SOL_UDP;
            c->cmsg_type = UDP_SEGMENT;
            c->cmsg_len = CMSG_LEN(sizeof(uint16_t));
            uint16_t segment = (uint16_t)size;
            memcpy(CMSG_DATA(c), &segment, sizeof segment);
        }
        self->tx_first[m] = k;
        self->tx_count[m] = count;
        m++;
        k += count;
    }
    for (int j = 0; j < m;) {
        int sent = sendmmsg(self->fd, &self->msgs[j], (unsigned)(m - j), MSG_DONTWAIT);
        if (sent > 0) {
            for (int i = j; i < j + sent; i++) {
                account(self, self->tx_first[i], self->tx_count[i], 1, 0);
                self->gso_messages += self->tx_count[i] > 1;
            }
            j += sent;
            continue;
        }
        int err = sent < 0 ? errno : EAGAIN;
        if (err == EINTR)
            continue;
        int first = self->tx_first[j], count = self->tx_count[j];
        if (err == ENOSYS || (count > 1 && (err == EINVAL || gso_unsupported(err)))) {
            if (count > 1 && gso_unsupported(err))
                self->gso = 0;
            for (int k = first; k < first + count; k++) { /* one sendto each */
                int slot = self->order[k];
                ssize_t r = sendto(self->fd, self->iov[k].iov_base, self->iov[k].iov_len,
                                   MSG_DONTWAIT, (struct sockaddr *)&self->dest[slot],
                                   self->dest_len[slot]);
                account(self, k, 1, r >= 0, errno);
            }
        } else { /* the first remaining message failed: drop it, go on */
            account(self, first, count, 0, err);
        }
        j++;
    }
}

/* ---------------------------------------------------------------- Egress */


static PyTypeObject ForwarderType;

static int parse_address(PyObject *address, struct sockaddr_storage *dest, socklen_t *len) {
    const char *host;
    int port;
    if (!PyTuple_Check(address)) {
        PyErr_SetString(PyExc_TypeError, "address must be a (host, port) tuple");
        return -1;
    }
    if (!PyArg_ParseTuple(address, "si;address must be (host, port)", &host, &port))
        return -1;
    if (port < 0 || port > 65535) {
        PyErr_SetString(PyExc_ValueError, "port out of range");
        return -1;
    }
    memset(dest, 0, sizeof *dest);
    struct sockaddr_in *v4 = (struct sockaddr_in *)dest;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)dest;
    if (inet_pton(AF_INET, host, &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons((uint16_t)port);
        *len = sizeof *v4;
    } else if (inet_pton(AF_INET6, host, &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons((uint16_t)port);
        *len = sizeof *v6;
    } else {
        PyErr_SetString(PyExc_ValueError, "address host must be an IP literal");
        return -1;
    }
    return 0;
}

static int egress_set_address(EgressObject *self, PyObject *value, void *closure) {
    if (value == NULL) {
        PyErr_SetString(PyExc_AttributeError, "cannot delete address");
        return -1;
    }
    struct sockaddr_storage dest;
    socklen_t len;
    if (parse_address(value, &dest, &len) < 0)
        return -1;
    self->dest = dest;
    self->dest_len = len;
    Py_INCREF(value);
    Py_XSETREF(self->address, value);
    return 0;
}

static PyObject *egress_get_address(EgressObject *self, void *closure) {
    return Py_NewRef(self->address ? self->address : Py_None);
}

static int egress_init(EgressObject *self, PyObject *args, PyObject *kwds) {
    static char *kwlist[] = {"forwarder", "session", "address", NULL};
    PyObject *forwarder, *session, *address;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O!O!O", kwlist, &ForwarderType, &forwarder,
                                     &SessionType, &session, &address))
        return -1;
    if (egress_set_address(self, address, NULL) < 0)
        return -1;
    Py_INCREF(forwarder);
    Py_XSETREF(self->forwarder, (ForwarderObject *)forwarder);
    Py_INCREF(session);
    Py_XSETREF(self->session, (SessionObject *)session);
    return 0;
}

static int egress_traverse(EgressObject *self, visitproc visit, void *arg) {
    Py_VISIT(self->forwarder);
    Py_VISIT(self->session);
    Py_VISIT(self->address);
    return 0;
}

static int egress_clear(EgressObject *self) {
    Py_CLEAR(self->forwarder);
    Py_CLEAR(self->session);
    Py_CLEAR(self->address);
    return 0;
}

static void egress_dealloc(EgressObject *self) {
    PyObject_GC_UnTrack(self);
    egress_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* Protect slot `slot` of the forwarder queue (len bytes) for `egress` and keep it queued. */
void enqueue(ForwarderObject *fw, EgressObject *egress, int len) {
    SessionObject *session = egress->session;
    if (session == NULL || !session_live(session)) {
        fw->drops[D_NOT_CONNECTED]++;
        return;
    }
    int slot = fw->queued;
    if (session_protect_rtp(session, fw->slots[slot], &len) != 0) {
        fw->drops[D_PROTECT]++;
        return;
    }
    fw->slot_len[slot] = len;
    fw->dest[slot] = egress->dest;
    fw->dest_len[slot] = egress->dest_len;
    fw->queued++;
    if (fw->queued == QUEUE)
        forwarder_flush(fw);
}

static PyObject *egress_send(EgressObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "send(buffer, size)");
        return NULL;
    }
    Py_ssize_t size = PyLong_AsSsize_t(args[1]);
    if (size == -1 && PyErr_Occurred())
        return NULL;
    Py_buffer buf;
    if (PyObject_GetBuffer(args[0], &buf, PyBUF_SIMPLE) < 0)
        return NULL;
    ForwarderObject *fw = self->forwarder;
    if (fw == NULL) {
        PyBuffer_Release(&buf);
        PyErr_SetString(PyExc_RuntimeError, "Egress is not initialised");
        return NULL;
    }
    if (size < 12 || size > buf.len || size > PROTECT_LIMIT) {
        PyBuffer_Release(&buf);
        fw->drops[D_PROTECT]++;
    } else {
        memcpy(fw->slots[fw->queued], buf.buf, (size_t)size);
        PyBuffer_Release(&buf);
        enqueue(fw, self, (int)size);
        forwarder_flush(fw);
    }
    if (forwarder_report(fw) < 0)
        return NULL;
    Py_RETURN_NONE;
}

/* The next transport-wide sequence number for a packet of `size` RTP bytes sent at `now`,
 * remembered for take_sent() (the oldest record overwritten when the log is full). */
uint16_t egress_number(EgressObject *self, int size, double now) {
    uint16_t seq = (uint16_t)self->transport_seq;
    self->transport_seq = (self->transport_seq + 1) & 0xFFFF;
    int slot = (self->sent_head + self->sent_count) % SENT_LOG;
    if (self->sent_count == SENT_LOG)
        self->sent_head = (self->sent_head + 1) % SENT_LOG;
    else
        self->sent_count++;
    self->sent[slot].seq = seq;
    self->sent[slot].size = (uint16_t)size;
    self->sent[slot].time = now;
    return seq;
}

static PyObject *egress_take_sent(EgressObject *self, PyObject *unused) {
    PyObject *list = PyList_New(self->sent_count);
    if (list == NULL)
        return NULL;
    for (int i = 0; i < self->sent_count; i++) {
        int slot = (self->sent_head + i) % SENT_LOG;
        PyObject *record = Py_BuildValue("(idi)", self->sent[slot].seq, self->sent[slot].time,
                                         self->sent[slot].size);
        if (record == NULL) {
            Py_DECREF(list);
            return NULL;
        }
        PyList_SET_ITEM(list, i, record);
    }
    self->sent_head = self->sent_count = 0;
    return list;
}

static PyObject *egress_get_transport_seq(EgressObject *self, void *closure) {
    return PyLong_FromUnsignedLong(self->transport_seq);
}

static int egress_set_transport_seq(EgressObject *self, PyObject *value, void *closure) {
    if (value == NULL) {
        PyErr_SetString(PyExc_AttributeError, "cannot delete transport_seq");
        return -1;
    }
    long seq = PyLong_AsLong(value);
    if (seq == -1 && PyErr_Occurred())
        return -1;
    if (seq < 0 || seq > 0xFFFF) {
        PyErr_SetString(PyExc_ValueError, "transport_seq must be 0-65535");
        return -1;
    }
    self->transport_seq = (unsigned int)seq;
    return 0;
}

static PyMethodDef egress_methods[] = {
    {"send", (PyCFunction)(void (*)(void))egress_send, METH_FASTCALL,
     "send(buffer, size) -> None: protect buffer[:size] (plaintext RTP) and send it now."},
    {"take_sent", (PyCFunction)egress_take_sent, METH_NOARGS,
     "take_sent() -> list[(seq, time, size)]: the packets forward() numbered since the last "
     "call, oldest first (at most 1024: older ones are forgotten)."},
    {NULL}};

static PyGetSetDef egress_getset[] = {
    {"address", (getter)egress_get_address, (setter)egress_set_address,
     "(host, port) the packets go to (the ICE-selected address).", NULL},
    {"transport_seq", (getter)egress_get_transport_seq, (setter)egress_set_transport_seq,
     "The next transport-wide sequence number forward() writes (0-65535).", NULL},
    {NULL}};

PyTypeObject EgressType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "sfu._forwardcore.Egress",
    .tp_basicsize = sizeof(EgressObject),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "Egress(forwarder, session, address): one subscriber transport's sender.",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)egress_init,
    .tp_dealloc = (destructor)egress_dealloc,
    .tp_traverse = (traverseproc)egress_traverse,
    .tp_clear = (inquiry)egress_clear,
    .tp_methods = egress_methods,
    .tp_getset = egress_getset,
};

static PyObject *forwarder_forward(ForwarderObject *self, PyObject *const *args,
                                   Py_ssize_t nargs) {
    if (nargs != 7) {
        PyErr_SetString(PyExc_TypeError,
                        "forward(plain, routes, now, ext_ok, abs_pos, abs_value, transport_cc_id)");
        return NULL;
    }
    PyObject *routes = args[1];
    if (!PyList_Check(routes)) {
        PyErr_SetString(PyExc_TypeError, "routes must be a list of Route");
        return NULL;
    }
    double now = PyFloat_AsDouble(args[2]);
    int ext_ok = PyObject_IsTrue(args[3]);
    long abs_pos = PyLong_AsLong(args[4]);
    long source_cc_id = PyLong_AsLong(args[6]);
    if ((now == -1.0 || abs_pos == -1 || source_cc_id == -1) && PyErr_Occurred())
        return NULL;
    if (ext_ok < 0)
        return NULL;
    Py_buffer plain, abs_value;
    if (PyObject_GetBuffer(args[0], &plain, PyBUF_SIMPLE) < 0)
        return NULL;
    if (PyObject_GetBuffer(args[5], &abs_value, PyBUF_SIMPLE) < 0) {
        PyBuffer_Release(&plain);
        return NULL;
    }
    int rc = forward_routes(self, plain.buf, plain.len, routes, now, ext_ok, abs_pos,
                            abs_value.buf, abs_value.len, source_cc_id);
    PyBuffer_Release(&plain);
    PyBuffer_Release(&abs_value);
    if (rc < 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyMethodDef forwarder_methods[] = {
    {"set_ingress", (PyCFunction)(void (*)(void))forwarder_set_ingress,
     METH_VARARGS | METH_KEYWORDS,
     "set_ingress(by_addr, demultiplex, deliver, clock, on_error) -> None: what receive() "
     "reads and calls (see sfu/_forwardcore.pyi)."},
    {"drain", (PyCFunction)forwarder_drain, METH_NOARGS,
     "drain() -> None: read the socket's waiting datagrams in batches and receive() each, "
     "then send what they queued (see sfu/_forwardcore.pyi)."},
    {"receive", (PyCFunction)(void (*)(void))forwarder_receive, METH_FASTCALL,
     "receive(data, addr) -> None: one datagram from the worker socket (see "
     "sfu/_forwardcore.pyi)."},
    {"forward", (PyCFunction)(void (*)(void))forwarder_forward, METH_FASTCALL,
     "forward(plain, routes, now, ext_ok, abs_pos, abs_value, transport_cc_id) -> None: "
     "rewrite, protect and send one decrypted RTP packet for every Route in the list (one "
     "sendmmsg), numbering it on the routes' transports (transport_cc_id: the publisher's)."},
    {NULL}};

static PyMemberDef forwarder_members[] = {
    {"gso_messages", T_ULONGLONG, offsetof(ForwarderObject, gso_messages), READONLY,
     "Messages of more than one packet sent with UDP GSO."},
    {"gso", T_INT, offsetof(ForwarderObject, gso), READONLY,
     "1 until the kernel refused UDP GSO (then one message per packet)."},
    {NULL}};

static PyTypeObject ForwarderType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "sfu._forwardcore.Forwarder",
    .tp_basicsize = sizeof(ForwarderObject),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "Forwarder(fd, stats): batched sender on the worker socket, counting into stats.",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)forwarder_init,
    .tp_dealloc = (destructor)forwarder_dealloc,
    .tp_traverse = (traverseproc)forwarder_traverse,
    .tp_clear = (inquiry)forwarder_clear,
    .tp_methods = forwarder_methods,
    .tp_members = forwarder_members,
};

/* ---------------------------------------------------------------- module */

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "sfu._forwardcore",
    "The SFU's native per-packet forwarding core (see sfu/native_forward.py).", -1,
    rtp_parser_functions,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__forwardcore(void) {
    if (srtp_init() != srtp_err_status_ok) {
        PyErr_SetString(PyExc_ImportError, "srtp_init failed");
        return NULL;
    }
    S_forwarded_packets = PyUnicode_InternFromString("forwarded_packets");
    S_forwarded_bytes = PyUnicode_InternFromString("forwarded_bytes");
    S_received_packets = PyUnicode_InternFromString("received_packets");
    S_drop = PyUnicode_InternFromString("drop");
    if (!S_forwarded_packets || !S_forwarded_bytes || !S_received_packets || !S_drop ||
        ingress_init_names() < 0 || receive_state_init_names() < 0)
        return NULL;
    PyTypeObject *types[] = {&SessionType, &ForwarderType, &EgressType, &RouteType,
                             &ReceiveStatsType, &RetransmissionBufferType, &TwccArrivalsType,
                             &RembArrivalsType, &InboundStreamType};
    const char *names[] = {"SrtpSession", "Forwarder", "Egress", "Route", "ReceiveStats",
                           "RetransmissionBuffer", "TwccArrivals", "RembArrivals",
                           "InboundStream"};
    PyObject *m = PyModule_Create(&module);
    if (m == NULL)
        return NULL;
    for (int i = 0; i < 9; i++) {
        if (PyType_Ready(types[i]) < 0 || PyModule_AddObjectRef(m, names[i],
                                                                 (PyObject *)types[i]) < 0) {
            Py_DECREF(m);
            return NULL;
        }
    }
    PyModule_AddIntConstant(m, "PROTECT_LIMIT", PROTECT_LIMIT);
    return m;
}
