/* The receive-side state of the SFU native core: the C twins of the Python classes whose
 * per-packet updates sfu/ingress.c's Forwarder.receive makes (receive_state.h declares those
 * updates). The Python classes stay the reference; sfu/native_forward.py subclasses these.
 *
 * Types:
 *   ReceiveStats          sfu.receive_stats.ReceiveStats's state and update() in C.
 *   RetransmissionBuffer  (retransmission_buffer.c) sfu.rtp.retransmission_buffer's in C.
 *   TwccArrivals          sfu.twcc_builder.TwccFeedbackBuilder's arrival record.
 *   RembArrivals          sfu.remb_estimator.RembEstimator's per-packet state and on_packet.
 *   InboundStream         what receive() needs of one producer (sfu.producer.Producer).
 */
#include "receive_state.h"

#include <math.h>
#include <string.h>
#include <structmember.h>

static PyObject *S_clock_attr;

int call_clock(PyObject *clock, double *now) {
    PyObject *value = PyObject_CallNoArgs(clock);
    if (value == NULL)
        return -1;
    *now = PyFloat_AsDouble(value);
    Py_DECREF(value);
    return *now == -1.0 && PyErr_Occurred() ? -1 : 0;
}

int receive_state_init_names(void) {
    S_clock_attr = PyUnicode_InternFromString("_clock");
    return S_clock_attr == NULL ? -1 : 0;
}

/* ---------------------------------------------------------------- ReceiveStats */

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
long long receive_stats_update(ReceiveStatsObject *self, int seq, uint32_t ts,
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

/* ---------------------------------------------------------------- TwccArrivals */

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
void twcc_record(TwccArrivalsObject *self, int seq, double arrival, uint32_t ssrc) {
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

/* Python's float a % 64.0: the sign of the divisor. */
static double wrap_mod(double a) {
    double r = fmod(a, REMB_WRAP);
    return r < 0 ? r + REMB_WRAP : r;
}

/* sfu.remb_estimator.RembEstimator.on_packet, with the arrival time given. */
void remb_on_packet(RembArrivalsObject *self, double send_time, Py_ssize_t size,
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
                             "report_level", "vp8", "h264", NULL};
    PyObject *stats, *buffer, *pending, *consumers, *routes, *report_level;
    int pt, abs_id, level_id, vp8 = 0, h264 = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O!OOO!O!iiiO|pp", kwlist, &ReceiveStatsType,
                                     &stats, &buffer, &pending, &PyList_Type, &consumers,
                                     &PyList_Type, &routes, &pt, &abs_id, &level_id,
                                     &report_level, &vp8, &h264))
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
    self->h264 = h264;
    self->level_count = 0;
    self->max_tid = -1;
    return 0;
}

int inbound_report_levels(InboundStreamObject *self) {
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

static PyObject *inbound_take_tid(InboundStreamObject *self, PyObject *unused) {
    int tid = self->max_tid;
    self->max_tid = -1;
    return PyLong_FromLong(tid);
}

static PyMethodDef inbound_methods[] = {
    {"take_levels", (PyCFunction)inbound_take_levels, METH_NOARGS,
     "take_levels() -> list[(level byte, arrival)]: the audio levels of the packets "
     "Forwarder.receive took whole since the last call, oldest first."},
    {"take_tid", (PyCFunction)inbound_take_tid, METH_NOARGS,
     "take_tid() -> int: the highest VP8 TID of the packets Forwarder.receive took whole "
     "since the last call (-1: none carried one)."},
    {NULL}};

PyTypeObject InboundStreamType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "sfu._forwardcore.InboundStream",
    .tp_basicsize = sizeof(InboundStreamObject),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "InboundStream(stats, buffer, nack_pending, consumers, routes, payload_type, "
              "abs_send_time_id, audio_level_id, report_level, vp8=False, h264=False): "
              "what Forwarder.receive reads and updates of one producer (vp8: its payloads "
              "are VP8, a malformed descriptor and a key frame's first packet go up to "
              "Python; h264: H.264, a packet carrying an SPS goes up to Python).",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)inbound_init,
    .tp_dealloc = (destructor)inbound_dealloc,
    .tp_traverse = (traverseproc)inbound_traverse,
    .tp_clear = (inquiry)inbound_clear,
    .tp_methods = inbound_methods,
};
