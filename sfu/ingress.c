/* The SFU native core's ingress path: one call per datagram from the worker socket.
 *
 * Forwarder.receive(data, addr) takes an SRTP packet of a connected publish transport
 * whose stream is in its steady state and does all of the per-packet work the Python path
 * (sfu/worker.py, sfu/transport.py, sfu/router.py, sfu/producer.py: the reference) does for
 * it: SRTP unprotect, header parse, receive statistics (RFC 3550 appendix A.1 and A.8), the
 * retransmission cache, the transport-cc arrival record and the REMB estimator's input
 * (their Python objects' own methods), the audio level (kept for the speaker detector's tick,
 * InboundStream.take_levels), the abs-send-time restamp and
 * the fan-out to every routed consumer (forward_routes). Anything else goes up to Python:
 * other datagrams to the worker's demultiplex(data, addr) untouched, and an RTP packet this
 * path does not take (unknown SSRC, RTX, another payload type, padding only, a sequence gap
 * or a loss being repaired, a consumer not routed, a malformed extension block or VP8
 * descriptor, a test tap)
 * to deliver(transport, plain) once decrypted, before any state is changed, so every packet
 * is handled exactly once by one of the two paths.
 *
 * Types (subclassed in sfu/native_forward.py):
 *   ReceiveStats          sfu.receive_stats.ReceiveStats's state and update() in C.
 *   RetransmissionBuffer  sfu.rtp.retransmission_buffer.RetransmissionBuffer in C.
 *   TwccArrivals          sfu.twcc_builder.TwccFeedbackBuilder's arrival record.
 *   RembArrivals          sfu.remb_estimator.RembEstimator's per-packet state and on_packet.
 *   InboundStream         what receive() needs of one producer (sfu.producer.Producer).
 */
#include "forwardcore.h"

#include <arpa/inet.h>
#include <errno.h>
#include <math.h>
#include <string.h>
#include <structmember.h>

#define MAX_BUFFER_SLOTS (1 << 16)

/* ---------------------------------------------------------------- ReceiveStats */

typedef struct {
    PyObject_HEAD
    int clock_rate;
    long long base, max_seq, cycles, received, expected_prior, received_prior, octets;
    double jitter, last_transit;
    char started, has_transit;
} ReceiveStatsObject;

static int receive_stats_init(ReceiveStatsObject *self, PyObject *args, PyObject *kwds) {
    static char *kwlist[] = {"clock_rate", NULL};
    int clock_rate;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "i", kwlist, &clock_rate))
        return -1;
    if (clock_rate <= 0) {
        PyErr_SetString(PyExc_ValueError, "clock_rate must be positive");
        return -1;
    }
    self->clock_rate = clock_rate;
    return 0;
}

/* ReceiveStats.update: the number of sequence numbers skipped just before `seq`. */
static long long receive_stats_update(ReceiveStatsObject *self, int seq, uint32_t ts,
                                      double arrival) {
    long long gap = 0;
    if (!self->started) {
        self->started = 1;
        self->base = seq;
        self->max_seq = seq;
    } else if (((seq - self->max_seq) & 0xFFFF) < 0x8000) {
        gap = ((seq - self->max_seq) & 0xFFFF) - 1;
        if (seq < self->max_seq)
            self->cycles += 1 << 16;
        self->max_seq = seq;
    }
    self->received++;
    double transit = arrival * (double)self->clock_rate - (double)ts;
    if (self->has_transit) {
        double d = fabs(transit - self->last_transit);
        if (d < (double)(1 << 30)) /* ignore timestamp jumps (source switch, wrap) */
            self->jitter += (d - self->jitter) / 16.0;
    }
    self->last_transit = transit;
    self->has_transit = 1;
    return gap > 0 ? gap : 0;
}

static PyObject *receive_stats_update_method(ReceiveStatsObject *self, PyObject *const *args,
                                             Py_ssize_t nargs) {
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "update(seq, ts, arrival)");
        return NULL;
    }
    long seq = PyLong_AsLong(args[0]);
    unsigned long ts = PyLong_AsUnsignedLong(args[1]);
    double arrival = PyFloat_AsDouble(args[2]);
    if (PyErr_Occurred())
        return NULL;
    if (seq < 0 || seq > 0xFFFF || ts > 0xFFFFFFFFUL) {
        PyErr_SetString(PyExc_ValueError, "seq must be 16 bits and ts 32 bits");
        return NULL;
    }
    return PyLong_FromLongLong(receive_stats_update(self, (int)seq, (uint32_t)ts, arrival));
}

static PyMemberDef receive_stats_members[] = {
    {"clock_rate", T_INT, offsetof(ReceiveStatsObject, clock_rate), READONLY, "RTP Hz."},
    {"_base", T_LONGLONG, offsetof(ReceiveStatsObject, base), 0, NULL},
    {"_max_seq", T_LONGLONG, offsetof(ReceiveStatsObject, max_seq), 0, NULL},
    {"_cycles", T_LONGLONG, offsetof(ReceiveStatsObject, cycles), 0, NULL},
    {"received", T_LONGLONG, offsetof(ReceiveStatsObject, received), 0, "Packets counted."},
    {"_jitter", T_DOUBLE, offsetof(ReceiveStatsObject, jitter), 0, NULL},
    {"_expected_prior", T_LONGLONG, offsetof(ReceiveStatsObject, expected_prior), 0, NULL},
    {"_received_prior", T_LONGLONG, offsetof(ReceiveStatsObject, received_prior), 0, NULL},
    {"_started", T_BOOL, offsetof(ReceiveStatsObject, started), 0, NULL},
    {"octets", T_LONGLONG, offsetof(ReceiveStatsObject, octets), 0,
     "RTP bytes of media packets received (headers included)."},
    {NULL}};

static PyMethodDef receive_stats_methods[] = {
    {"update", (PyCFunction)(void (*)(void))receive_stats_update_method, METH_FASTCALL,
     "update(seq, ts, arrival) -> int: sfu.receive_stats.ReceiveStats.update."},
    {NULL}};

PyTypeObject ReceiveStatsType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "sfu._forwardcore.ReceiveStats",
    .tp_basicsize = sizeof(ReceiveStatsObject),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "ReceiveStats(clock_rate): RTP receive statistics (RFC 3550 A.1, A.8).",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)receive_stats_init,
    .tp_members = receive_stats_members,
    .tp_methods = receive_stats_methods,
};

/* ---------------------------------------------------------------- RetransmissionBuffer */

typedef struct {
    PyObject_HEAD
    Py_ssize_t size;
    double max_age;
    PyObject *clock;
    long long *seqs;
    PyObject **packets;
    double *times;
} RetransmissionBufferObject;

static int buffer_clear_refs(RetransmissionBufferObject *self) {
    for (Py_ssize_t i = 0; self->packets != NULL && i < self->size; i++) {
        self->seqs[i] = -1;
        Py_CLEAR(self->packets[i]);
    }
    return 0;
}

static int buffer_gc_clear(RetransmissionBufferObject *self) {
    buffer_clear_refs(self);
    Py_CLEAR(self->clock);
    return 0;
}

static int buffer_traverse(RetransmissionBufferObject *self, visitproc visit, void *arg) {
    Py_VISIT(self->clock);
    for (Py_ssize_t i = 0; self->packets != NULL && i < self->size; i++)
        Py_VISIT(self->packets[i]);
    return 0;
}

static void buffer_free_arrays(RetransmissionBufferObject *self) {
    buffer_clear_refs(self);
    PyMem_Free(self->seqs);
    PyMem_Free(self->packets);
    PyMem_Free(self->times);
    self->seqs = NULL;
    self->packets = NULL;
    self->times = NULL;
    self->size = 0;
}

static void buffer_dealloc(RetransmissionBufferObject *self) {
    PyObject_GC_UnTrack(self);
    buffer_free_arrays(self);
    Py_CLEAR(self->clock);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int buffer_init(RetransmissionBufferObject *self, PyObject *args, PyObject *kwds) {
    static char *kwlist[] = {"size", "max_age", "clock", NULL};
    Py_ssize_t size;
    double max_age;
    PyObject *clock;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "ndO", kwlist, &size, &max_age, &clock))
        return -1;
    if (size < 1) {
        PyErr_SetString(PyExc_ValueError, "size must be at least 1");
        return -1;
    }
    if (size > MAX_BUFFER_SLOTS) {
        PyErr_SetString(PyExc_ValueError, "size must be at most 65536");
        return -1;
    }
    if (!PyCallable_Check(clock)) {
        PyErr_SetString(PyExc_TypeError, "clock must be callable");
        return -1;
    }
    buffer_free_arrays(self);
    self->seqs = PyMem_Calloc((size_t)size, sizeof(long long));
    self->packets = PyMem_Calloc((size_t)size, sizeof(PyObject *));
    self->times = PyMem_Calloc((size_t)size, sizeof(double));
    if (self->seqs == NULL || self->packets == NULL || self->times == NULL) {
        PyMem_Free(self->seqs);
        PyMem_Free(self->packets);
        PyMem_Free(self->times);
        self->seqs = NULL;
        self->packets = NULL;
        self->times = NULL;
        PyErr_NoMemory();
        return -1;
    }
    self->size = size;
    for (Py_ssize_t i = 0; i < size; i++)
        self->seqs[i] = -1;
    self->max_age = max_age;
    Py_INCREF(clock);
    Py_XSETREF(self->clock, clock);
    return 0;
}

/* Python's seq % size for any int seq. */
static Py_ssize_t buffer_slot(const RetransmissionBufferObject *self, long long seq) {
    long long i = seq % self->size;
    return (Py_ssize_t)(i < 0 ? i + self->size : i);
}

/* 0, or -1 with RuntimeError when __init__ never ran or failed (no slots). */
static int buffer_ready(const RetransmissionBufferObject *self) {
    if (self->size > 0)
        return 0;
    PyErr_SetString(PyExc_RuntimeError, "RetransmissionBuffer is not initialised");
    return -1;
}

static void buffer_store(RetransmissionBufferObject *self, long long seq, PyObject *packet,
                         double now) {
    if (self->size == 0)
        return; /* not initialised: nothing to keep it in (take() refuses such streams) */
    Py_ssize_t i = buffer_slot(self, seq);
    self->seqs[i] = seq;
    Py_INCREF(packet);
    Py_XSETREF(self->packets[i], packet);
    self->times[i] = now;
}

static int call_clock(PyObject *clock, double *now) {
    PyObject *value = PyObject_CallNoArgs(clock);
    if (value == NULL)
        return -1;
    *now = PyFloat_AsDouble(value);
    Py_DECREF(value);
    return *now == -1.0 && PyErr_Occurred() ? -1 : 0;
}

static PyObject *buffer_store_method(RetransmissionBufferObject *self, PyObject *args,
                                     PyObject *kwds) {
    static char *kwlist[] = {"seq", "packet", "now", NULL};
    long long seq;
    PyObject *packet, *now_obj = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "LO|O", kwlist, &seq, &packet, &now_obj))
        return NULL;
    double now;
    if (now_obj == Py_None) {
        if (buffer_ready(self) < 0 || call_clock(self->clock, &now) < 0)
            return NULL;
    } else {
        now = PyFloat_AsDouble(now_obj);
        if (now == -1.0 && PyErr_Occurred())
            return NULL;
    }
    if (buffer_ready(self) < 0) /* the clock may have run anything */
        return NULL;
    buffer_store(self, seq, packet, now);
    Py_RETURN_NONE;
}

static PyObject *buffer_get(RetransmissionBufferObject *self, PyObject *arg) {
    long long seq = PyLong_AsLongLong(arg);
    if (seq == -1 && PyErr_Occurred())
        return NULL;
    if (buffer_ready(self) < 0)
        return NULL;
    Py_ssize_t i = buffer_slot(self, seq);
    if (self->seqs[i] != seq || self->packets[i] == NULL)
        Py_RETURN_NONE;
    double now;
    if (call_clock(self->clock, &now) < 0)
        return NULL;
    /* the clock may have cleared or re-sized the buffer: look again */
    if (buffer_ready(self) < 0)
        return NULL;
    i = buffer_slot(self, seq);
    if (self->seqs[i] != seq || self->packets[i] == NULL || now - self->times[i] > self->max_age)
        Py_RETURN_NONE;
    return Py_NewRef(self->packets[i]);
}

static PyObject *buffer_stored(RetransmissionBufferObject *self, PyObject *unused) {
    Py_ssize_t count = 0, octets = 0;
    for (Py_ssize_t i = 0; i < self->size; i++) {
        if (self->packets[i] == NULL)
            continue;
        Py_ssize_t n = PyObject_Size(self->packets[i]);
        if (n < 0)
            return NULL;
        count++;
        octets += n;
    }
    return Py_BuildValue("(nn)", count, octets);
}

static PyObject *buffer_clear_method(RetransmissionBufferObject *self, PyObject *unused) {
    buffer_clear_refs(self);
    Py_RETURN_NONE;
}

static PyMethodDef buffer_methods[] = {
    {"store", (PyCFunction)(void (*)(void))buffer_store_method, METH_VARARGS | METH_KEYWORDS,
     "store(seq, packet, now=None) -> None"},
    {"get", (PyCFunction)buffer_get, METH_O, "get(seq) -> bytes | None"},
    {"stored", (PyCFunction)buffer_stored, METH_NOARGS, "stored() -> (packets, bytes)"},
    {"clear", (PyCFunction)buffer_clear_method, METH_NOARGS, "clear() -> None"},
    {NULL}};

PyTypeObject RetransmissionBufferType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "sfu._forwardcore.RetransmissionBuffer",
    .tp_basicsize = sizeof(RetransmissionBufferObject),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "RetransmissionBuffer(size, max_age, clock): recent RTP packets by sequence "
              "number (sfu.rtp.retransmission_buffer.RetransmissionBuffer in C).",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)buffer_init,
    .tp_dealloc = (destructor)buffer_dealloc,
    .tp_traverse = (traverseproc)buffer_traverse,
    .tp_clear = (inquiry)buffer_gc_clear,
    .tp_methods = buffer_methods,
};

/* ---------------------------------------------------------------- TwccArrivals */

typedef struct {
    PyObject_HEAD
    PyObject *seqs_obj, *ticks_obj; /* array('q') rings the report side reads */
    Py_buffer seqs_view, ticks_view;
    long long mask, max, next, count, late;
    unsigned int ssrc;
    int max_packets;
} TwccArrivalsObject;

static void twcc_release(TwccArrivalsObject *self) {
    if (self->seqs_obj != NULL)
        PyBuffer_Release(&self->seqs_view);
    if (self->ticks_obj != NULL)
        PyBuffer_Release(&self->ticks_view);
    Py_CLEAR(self->seqs_obj);
    Py_CLEAR(self->ticks_obj);
}

static void twcc_dealloc(TwccArrivalsObject *self) {
    PyTypeObject *type = Py_TYPE(self);
    twcc_release(self);
    type->tp_free((PyObject *)self);
}

static int twcc_view(PyObject *obj, Py_buffer *view) {
    if (PyObject_GetBuffer(obj, view, PyBUF_WRITABLE | PyBUF_FORMAT) < 0)
        return -1;
    if (view->itemsize != 8 || view->format == NULL || strcmp(view->format, "q") != 0) {
        PyBuffer_Release(view);
        PyErr_SetString(PyExc_TypeError, "seqs and ticks must be array('q')");
        return -1;
    }
    return 0;
}

static int twcc_init(TwccArrivalsObject *self, PyObject *args, PyObject *kwds) {
    static char *kwlist[] = {"seqs", "ticks", "max_packets", NULL};
    PyObject *seqs, *ticks;
    int max_packets;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "OOi", kwlist, &seqs, &ticks, &max_packets))
        return -1;
    twcc_release(self);
    if (twcc_view(seqs, &self->seqs_view) < 0)
        return -1;
    if (twcc_view(ticks, &self->ticks_view) < 0) {
        PyBuffer_Release(&self->seqs_view);
        return -1;
    }
    self->seqs_obj = Py_NewRef(seqs);
    self->ticks_obj = Py_NewRef(ticks);
    Py_ssize_t window = self->seqs_view.len / 8;
    if (window < 1 || (window & (window - 1)) || self->ticks_view.len != self->seqs_view.len) {
        twcc_release(self);
        PyErr_SetString(PyExc_ValueError, "window must be a power of two");
        return -1;
    }
    self->mask = window - 1;
    self->max = -1;
    self->next = self->count = self->late = 0;
    self->ssrc = 0;
    self->max_packets = max_packets;
    return 0;
}

/* sfu.twcc_builder.TwccFeedbackBuilder.record. */
static void twcc_record(TwccArrivalsObject *self, int seq, double arrival, uint32_t ssrc) {
    long long useq, last = self->max;
    if (self->seqs_obj == NULL)
        return;
    if (last < 0) {
        useq = self->next = seq + 0x10000; /* room below for reordered first packets */
        self->max = useq;
    } else {
        long long delta = (seq - last) & 0xFFFF;
        if (delta >= 0x8000)
            delta -= 0x10000;
        useq = last + delta;
        if (useq < self->next) {
            self->late++;
            return;
        }
        if (delta > 0)
            self->max = useq;
    }
    long long i = useq & self->mask;
    ((long long *)self->seqs_view.buf)[i] = useq;
    ((long long *)self->ticks_view.buf)[i] = (long long)(arrival * 4000.0 + 0.5);
    self->ssrc = ssrc;
}

static PyObject *twcc_record_method(TwccArrivalsObject *self, PyObject *const *args,
                                    Py_ssize_t nargs) {
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "record(seq, arrival, media_ssrc)");
        return NULL;
    }
    long seq = PyLong_AsLong(args[0]);
    double arrival = PyFloat_AsDouble(args[1]);
    unsigned long ssrc = PyLong_AsUnsignedLong(args[2]);
    if (PyErr_Occurred())
        return NULL;
    if (seq < 0 || seq > 0xFFFF || ssrc > 0xFFFFFFFFUL) {
        PyErr_SetString(PyExc_ValueError, "seq must be 16 bits and media_ssrc 32 bits");
        return NULL;
    }
    if (self->seqs_obj == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "TwccArrivals not initialised");
        return NULL;
    }
    twcc_record(self, (int)seq, arrival, (uint32_t)ssrc);
    Py_RETURN_NONE;
}

static PyMemberDef twcc_members[] = {
    {"_seqs", T_OBJECT, offsetof(TwccArrivalsObject, seqs_obj), READONLY, NULL},
    {"_ticks", T_OBJECT, offsetof(TwccArrivalsObject, ticks_obj), READONLY, NULL},
    {"_mask", T_LONGLONG, offsetof(TwccArrivalsObject, mask), READONLY, NULL},
    {"_max", T_LONGLONG, offsetof(TwccArrivalsObject, max), 0, NULL},
    {"_next", T_LONGLONG, offsetof(TwccArrivalsObject, next), 0, NULL},
    {"_ssrc", T_UINT, offsetof(TwccArrivalsObject, ssrc), 0, NULL},
    {"_count", T_LONGLONG, offsetof(TwccArrivalsObject, count), 0, NULL},
    {"_max_packets", T_INT, offsetof(TwccArrivalsObject, max_packets), READONLY, NULL},
    {"late", T_LONGLONG, offsetof(TwccArrivalsObject, late), 0,
     "Arrivals ignored because their sequence number was already reported."},
    {NULL}};

static PyMethodDef twcc_methods[] = {
    {"record", (PyCFunction)(void (*)(void))twcc_record_method, METH_FASTCALL,
     "record(seq, arrival, media_ssrc) -> None: sfu.twcc_builder.TwccFeedbackBuilder.record."},
    {NULL}};

PyTypeObject TwccArrivalsType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "sfu._forwardcore.TwccArrivals",
    .tp_basicsize = sizeof(TwccArrivalsObject),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "TwccArrivals(seqs, ticks, max_packets): the transport-cc arrival record "
              "(subclassed with sfu.twcc_builder.TwccFeedbackReport).",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)twcc_init,
    .tp_dealloc = (destructor)twcc_dealloc,
    .tp_members = twcc_members,
    .tp_methods = twcc_methods,
};

/* ---------------------------------------------------------------- RembArrivals */

#define REMB_WRAP 64.0 /* abs-send-time wraps every 64 s */

typedef struct {
    PyObject_HEAD
    long long bytes;
    double queue_ms, group_send, group_arrival, prev_send, prev_arrival;
    char has_group, has_prev;
} RembArrivalsObject;

/* Python's float a % 64.0: the sign of the divisor. */
static double wrap_mod(double a) {
    double r = fmod(a, REMB_WRAP);
    return r < 0 ? r + REMB_WRAP : r;
}

/* sfu.remb_estimator.RembEstimator.on_packet, with the arrival time given. */
static void remb_on_packet(RembArrivalsObject *self, double send_time, Py_ssize_t size,
                           double arrival) {
    self->bytes += size;
    if (!self->has_group) {
        self->has_group = 1;
        self->group_send = send_time;
        self->group_arrival = arrival;
        return;
    }
    if (wrap_mod(send_time - self->group_send) < 0.005) {
        self->group_arrival = arrival;
        return;
    }
    if (self->has_prev) {
        double send_delta = wrap_mod(self->group_send - self->prev_send);
        double arrival_delta = self->group_arrival - self->prev_arrival;
        double variation_ms = (arrival_delta - send_delta) * 1000.0;
        if (-1000.0 < variation_ms && variation_ms < 1000.0) {
            double queue = self->queue_ms * 0.98 + variation_ms;
            self->queue_ms = queue > 0.0 ? queue : 0.0;
        }
    }
    self->has_prev = 1;
    self->prev_send = self->group_send;
    self->prev_arrival = self->group_arrival;
    self->group_send = send_time;
    self->group_arrival = arrival;
}

static PyObject *S_clock_attr;

static PyObject *remb_on_packet_method(RembArrivalsObject *self, PyObject *const *args,
                                       Py_ssize_t nargs) {
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "on_packet(send_time, size)");
        return NULL;
    }
    double send_time = PyFloat_AsDouble(args[0]);
    Py_ssize_t size = PyLong_AsSsize_t(args[1]);
    if ((send_time == -1.0 || size == -1) && PyErr_Occurred())
        return NULL;
    PyObject *clock = PyObject_GetAttr((PyObject *)self, S_clock_attr);
    if (clock == NULL)
        return NULL;
    double arrival;
    int rc = call_clock(clock, &arrival);
    Py_DECREF(clock);
    if (rc < 0)
        return NULL;
    remb_on_packet(self, send_time, size, arrival);
    Py_RETURN_NONE;
}

static PyMemberDef remb_members[] = {
    {"_bytes", T_LONGLONG, offsetof(RembArrivalsObject, bytes), 0, NULL},
    {"_queue_ms", T_DOUBLE, offsetof(RembArrivalsObject, queue_ms), 0, NULL},
    {NULL}};

static PyMethodDef remb_methods[] = {
    {"on_packet", (PyCFunction)(void (*)(void))remb_on_packet_method, METH_FASTCALL,
     "on_packet(send_time, size) -> None: sfu.remb_estimator.RembEstimator.on_packet (the "
     "arrival time from the instance's _clock)."},
    {NULL}};

PyTypeObject RembArrivalsType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "sfu._forwardcore.RembArrivals",
    .tp_basicsize = sizeof(RembArrivalsObject),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "RembArrivals(): the REMB estimator's per-packet state and on_packet "
              "(subclassed with sfu.remb_estimator.RembRate).",
    .tp_new = PyType_GenericNew,
    .tp_members = remb_members,
    .tp_methods = remb_methods,
};

/* ---------------------------------------------------------------- InboundStream */

#define LEVELS 64 /* audio levels kept between take_levels() calls (1.3 s at 50 packets/s) */

typedef struct {
    PyObject_HEAD
    PyObject *stats;         /* ReceiveStats (a subclass) */
    PyObject *buffer;        /* RetransmissionBuffer, or NULL (audio) */
    PyObject *nack_pending;  /* the NackGenerator's pending dict, or NULL */
    PyObject *consumers;     /* the producer's list of consumers */
    PyObject *routes;        /* its Fanout's list of routes */
    PyObject *report_level;  /* report_level(level byte, now), or NULL */
    int payload_type, abs_send_time_id, audio_level_id;
    int vp8; /* VP8 payloads: one whose descriptor is malformed is Python's */
    /* audio levels of the packets taken whole, kept for take_levels() (the room's speaker
     * detector reads them at its tick) instead of a Python call per packet */
    int level_count;
    uint8_t level_value[LEVELS];
    double level_time[LEVELS];
} InboundStreamObject;

static int inbound_traverse(InboundStreamObject *self, visitproc visit, void *arg) {
    Py_VISIT(self->stats);
    Py_VISIT(self->buffer);
    Py_VISIT(self->nack_pending);
    Py_VISIT(self->consumers);
    Py_VISIT(self->routes);
    Py_VISIT(self->report_level);
    return 0;
}

static int inbound_clear(InboundStreamObject *self) {
    Py_CLEAR(self->stats);
    Py_CLEAR(self->buffer);
    Py_CLEAR(self->nack_pending);
    Py_CLEAR(self->consumers);
    Py_CLEAR(self->routes);
    Py_CLEAR(self->report_level);
    return 0;
}

static void inbound_dealloc(InboundStreamObject *self) {
    PyObject_GC_UnTrack(self);
    inbound_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int inbound_init(InboundStreamObject *self, PyObject *args, PyObject *kwds) {
    static char *kwlist[] = {"stats", "buffer", "nack_pending", "consumers", "routes",
                             "payload_type", "abs_send_time_id", "audio_level_id",
                             "report_level", "vp8", NULL};
    PyObject *stats, *buffer, *pending, *consumers, *routes, *report_level;
    int pt, abs_id, level_id, vp8 = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O!OOO!O!iiiO|p", kwlist, &ReceiveStatsType,
                                     &stats, &buffer, &pending, &PyList_Type, &consumers,
                                     &PyList_Type, &routes, &pt, &abs_id, &level_id,
                                     &report_level, &vp8))
        return -1;
    if ((buffer != Py_None && !PyObject_TypeCheck(buffer, &RetransmissionBufferType)) ||
        (pending != Py_None && !PyDict_Check(pending)) ||
        (report_level != Py_None && !PyCallable_Check(report_level))) {
        PyErr_SetString(PyExc_TypeError, "buffer must be a RetransmissionBuffer or None, "
                                         "nack_pending a dict or None, report_level callable "
                                         "or None");
        return -1;
    }
    if (pt < 0 || pt > 127 || abs_id < 0 || abs_id > 255 || level_id < 0 || level_id > 255) {
        PyErr_SetString(PyExc_ValueError,
                        "payload_type must be 0-127 and extension ids 0-255");
        return -1;
    }
    inbound_clear(self);
    self->stats = Py_NewRef(stats);
    self->buffer = buffer == Py_None ? NULL : Py_NewRef(buffer);
    self->nack_pending = pending == Py_None ? NULL : Py_NewRef(pending);
    self->consumers = Py_NewRef(consumers);
    self->routes = Py_NewRef(routes);
    self->report_level = report_level == Py_None ? NULL : Py_NewRef(report_level);
    self->payload_type = pt;
    self->abs_send_time_id = abs_id;
    self->audio_level_id = level_id;
    self->vp8 = vp8;
    self->level_count = 0;
    return 0;
}

/* Hand the kept levels to report_level(value, time), oldest first, and forget them: 0, or
 * -1 with the exception report_level raised (the levels after it are lost). */
static int inbound_report_levels(InboundStreamObject *self) {
    int count = self->level_count;
    uint8_t values[LEVELS];
    double times[LEVELS];
    memcpy(values, self->level_value, (size_t)count);
    memcpy(times, self->level_time, (size_t)count * sizeof(double));
    self->level_count = 0; /* before any call: report_level may run anything */
    for (int i = 0; i < count && self->report_level != NULL; i++) {
        PyObject *r = PyObject_CallFunction(self->report_level, "id", values[i], times[i]);
        if (r == NULL)
            return -1;
        Py_DECREF(r);
    }
    return 0;
}

static PyObject *inbound_take_levels(InboundStreamObject *self, PyObject *unused) {
    PyObject *list = PyList_New(self->level_count);
    for (int i = 0; list != NULL && i < self->level_count; i++) {
        PyObject *item = Py_BuildValue("(id)", self->level_value[i], self->level_time[i]);
        if (item == NULL)
            Py_CLEAR(list);
        else
            PyList_SET_ITEM(list, i, item);
    }
    if (list != NULL)
        self->level_count = 0;
    return list;
}

static PyMethodDef inbound_methods[] = {
    {"take_levels", (PyCFunction)inbound_take_levels, METH_NOARGS,
     "take_levels() -> list[(level byte, arrival)]: the audio levels of the packets "
     "Forwarder.receive took whole since the last call, oldest first."},
    {NULL}};

PyTypeObject InboundStreamType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "sfu._forwardcore.InboundStream",
    .tp_basicsize = sizeof(InboundStreamObject),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "InboundStream(stats, buffer, nack_pending, consumers, routes, payload_type, "
              "abs_send_time_id, audio_level_id, report_level, vp8=False): what "
              "Forwarder.receive reads and updates of one producer (vp8: its payloads are "
              "VP8, a malformed descriptor goes up to Python).",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)inbound_init,
    .tp_dealloc = (destructor)inbound_dealloc,
    .tp_traverse = (traverseproc)inbound_traverse,
    .tp_clear = (inquiry)inbound_clear,
    .tp_methods = inbound_methods,
};

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
        {&S_on_packet, "on_packet"}, {&S_clock_attr, "_clock"},
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
} Taken;

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
    k->abs_pos = -1;
    k->level_pos = -1;
    k->twcc_id = 0;
    if (h->profile) {
        uint64_t mask[4];
        if (scan_block(p, h->ext_start, h->ext_end, h->profile, stream->abs_send_time_id, mask,
                       &k->abs_pos) != NULL)
            goto done;
        if (k->abs_pos < 0)
            k->abs_pos = -1;
        long level_id = stream->audio_level_id;
        Element e;
        if (stream->report_level != NULL && level_id &&
            (mask[level_id >> 6] >> (level_id & 63)) & 1 &&
            find_element(p, h, level_id, &e) == 0 && e.length > 0)
            k->level_pos = (int)e.value;
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
