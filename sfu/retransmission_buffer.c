/* RetransmissionBuffer of the SFU native core: sfu.rtp.retransmission_buffer's
 * RetransmissionBuffer in C (the Python class stays the reference; sfu/native_forward.py
 * subclasses this one). The ingress path stores each forwarded video packet of a publisher
 * (buffer_store) so that a subscriber's NACK (RFC 4585 section 6.2.1) can be answered with
 * a retransmission; get() returns a packet no older than max_age seconds. */
#include "receive_state.h"

#define MAX_BUFFER_SLOTS (1 << 16)

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

void buffer_store(RetransmissionBufferObject *self, long long seq, PyObject *packet,
                  double now) {
    if (self->size == 0)
        return; /* not initialised: nothing to keep it in (take() refuses such streams) */
    Py_ssize_t i = buffer_slot(self, seq);
    self->seqs[i] = seq;
    Py_INCREF(packet);
    Py_XSETREF(self->packets[i], packet);
    self->times[i] = now;
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
