/* The SFU native core's routes: one per consumer of a publisher's stream (see
 * sfu/native_forward.py), and forward_routes(), the per-route rewrite of one decrypted ingress
 * packet (RFC 3550 SSRC, sequence number, timestamp and payload type; RFC 8285 extension ids;
 * abs-send-time; transport-wide sequence numbers; a simulcast layer's VP8 PictureID and
 * TL0PICIDX, RFC 7741), protected and queued on the route's Egress. The reference is the
 * Python path (sfu/consumer.py, sfu/simulcast/): the same packets in give the same bytes out.
 */
#include "forwardcore.h"

#include <structmember.h>

#include <string.h>

#define FLOOR_SPAN 0x1000 /* as sfu.simulcast.consumer.FLOOR_SPAN */

typedef struct {
    PyObject_HEAD
    EgressObject *egress;
    unsigned int ssrc;
    int payload_type;
    int seq_offset;
    unsigned int ts_offset;
    int last_seq;
    unsigned int last_ts;
    double last_time;
    unsigned long long packets, octets;
    int stamps_abs_send_time;
    int transport_cc_id;  /* subscriber's transport-wide sequence number id, 0: none */
    int identity;  /* id_map changes no id: skip the remap walk */
    uint8_t id_map[256];
    uint32_t last_in_ts;  /* input timestamp of the packet forwarded last */
    /* a simulcast consumer's VP8 layer (sfu.simulcast.codecs.Vp8Rewriter, every temporal
     * layer forwarded): PictureID and TL0PICIDX offsets, newest values written (-1: none) */
    int vp8;
    int pid_offset, tl0_offset, last_pid, last_tl0;
    /* log_sent: the output sequence numbers of the packets forwarded (the newest
     * SENT_LOG), for a simulcast consumer's NACK ring */
    int log_sent, sent_count;
    uint16_t sent[SENT_LOG];
    /* a simulcast consumer's switch point: input packets older than it are not this
     * stream's (late ones from before the key frame); -1 none, or once FLOOR_SPAN past */
    int floor;
} RouteObject;

/* PyArg "O&" converter: an int in 0-2^32-1 (RTP SSRCs and timestamps), else ValueError. */
static int to_u32(PyObject *obj, void *out) {
    unsigned long long value = PyLong_Check(obj) ? PyLong_AsUnsignedLongLong(obj) : 0;
    if (!PyLong_Check(obj) || (value == (unsigned long long)-1 && PyErr_Occurred()) ||
        value > 0xFFFFFFFFull) {
        PyErr_Clear();
        PyErr_SetString(PyExc_ValueError, "SSRCs and timestamps must be ints in 0-4294967295");
        return 0;
    }
    *(unsigned int *)out = (unsigned int)value;
    return 1;
}

/* PyArg "O&" converter: a non-negative int (packet and octet counts), else ValueError. */
static int to_count(PyObject *obj, void *out) {
    unsigned long long value = PyLong_Check(obj) ? PyLong_AsUnsignedLongLong(obj) : 0;
    if (!PyLong_Check(obj) || (value == (unsigned long long)-1 && PyErr_Occurred())) {
        PyErr_Clear();
        PyErr_SetString(PyExc_ValueError, "counts must be non-negative ints below 2^64");
        return 0;
    }
    *(unsigned long long *)out = value;
    return 1;
}

static int route_init(RouteObject *self, PyObject *args, PyObject *kwds) {
    static char *kwlist[] = {"egress", "ssrc", "payload_type", "id_map", "stamps_abs_send_time",
                             "transport_cc_id", "vp8", "log_sent", NULL};
    PyObject *egress;
    unsigned int ssrc;
    int pt, stamps, transport_cc_id = 0, vp8 = 0, log_sent = 0;
    Py_buffer id_map;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O!O&iy*p|ipp", kwlist, &EgressType, &egress,
                                     to_u32, &ssrc, &pt, &id_map, &stamps, &transport_cc_id,
                                     &vp8, &log_sent))
        return -1;
    if (id_map.len != 256 || pt < 0 || pt > 127 || transport_cc_id < 0 ||
        transport_cc_id > 255) {
        PyBuffer_Release(&id_map);
        PyErr_SetString(PyExc_ValueError,
                        "id_map must be 256 bytes, payload_type 0-127, transport_cc_id 0-255");
        return -1;
    }
    self->transport_cc_id = transport_cc_id;
    memcpy(self->id_map, id_map.buf, 256);
    PyBuffer_Release(&id_map);
    self->identity = 1;
    for (int i = 1; i < 256; i++)
        if (self->id_map[i] != i)
            self->identity = 0;
    Py_INCREF(egress);
    Py_XSETREF(self->egress, (EgressObject *)egress);
    self->ssrc = ssrc;
    self->payload_type = pt;
    self->stamps_abs_send_time = stamps;
    self->vp8 = vp8;
    self->log_sent = log_sent;
    self->sent_count = 0;
    self->floor = -1;
    self->last_pid = self->last_tl0 = -1;
    return 0;
}

static int route_traverse(RouteObject *self, visitproc visit, void *arg) {
    Py_VISIT(self->egress);
    return 0;
}

static int route_clear(RouteObject *self) {
    Py_CLEAR(self->egress);
    return 0;
}

static void route_dealloc(RouteObject *self) {
    PyObject_GC_UnTrack(self);
    route_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *route_set_state(RouteObject *self, PyObject *args) {
    int seq_offset, last_seq;
    unsigned int ts_offset, last_ts;
    double last_time;
    unsigned long long packets, octets;
    if (!PyArg_ParseTuple(args, "iO&iO&dO&O&", &seq_offset, to_u32, &ts_offset, &last_seq,
                          to_u32, &last_ts, &last_time, to_count, &packets, to_count, &octets))
        return NULL;
    self->seq_offset = seq_offset & 0xFFFF;
    self->ts_offset = ts_offset;
    self->last_seq = last_seq & 0xFFFF;
    self->last_ts = last_ts;
    self->last_time = last_time;
    self->packets = packets;
    self->octets = octets;
    Py_RETURN_NONE;
}

static PyObject *route_set_pictures(RouteObject *self, PyObject *args) {
    int pid_offset, tl0_offset, last_pid, last_tl0;
    if (!PyArg_ParseTuple(args, "iiii", &pid_offset, &tl0_offset, &last_pid, &last_tl0))
        return NULL;
    if (last_pid < -1 || last_pid > 0x7FFF || last_tl0 < -1 || last_tl0 > 0xFF) {
        PyErr_SetString(PyExc_ValueError, "last_pid must be -1-32767 and last_tl0 -1-255");
        return NULL;
    }
    self->pid_offset = pid_offset & 0x7FFF;
    self->tl0_offset = tl0_offset & 0xFF;
    self->last_pid = last_pid;
    self->last_tl0 = last_tl0;
    Py_RETURN_NONE;
}

/* The forwarded packets' output sequence numbers logged since the last call, oldest
 * first (the newest SENT_LOG). */
static PyObject *route_take_sent(RouteObject *self, PyObject *unused) {
    int n = self->sent_count < SENT_LOG ? self->sent_count : SENT_LOG;
    PyObject *list = PyList_New(n);
    if (list == NULL)
        return NULL;
    for (int i = 0; i < n; i++) {
        int at = (self->sent_count - n + i) % SENT_LOG;
        PyObject *seq = PyLong_FromLong(self->sent[at]);
        if (seq == NULL) {
            Py_DECREF(list);
            return NULL;
        }
        PyList_SET_ITEM(list, i, seq);
    }
    self->sent_count = 0;
    return list;
}

static PyObject *route_get_floor(RouteObject *self, void *closure) {
    return PyLong_FromLong(self->floor);
}

static int route_set_floor(RouteObject *self, PyObject *value, void *closure) {
    long floor = value != NULL ? PyLong_AsLong(value) : -2;
    if (floor == -1 && PyErr_Occurred())
        return -1;
    if (floor < -1 || floor > 0xFFFF) {
        PyErr_SetString(PyExc_ValueError, "floor must be an input sequence number or -1");
        return -1;
    }
    self->floor = (int)floor;
    return 0;
}

static PyObject *route_get_last_in_ts(RouteObject *self, void *closure) {
    return PyLong_FromUnsignedLong(self->last_in_ts);
}

static int route_set_last_in_ts(RouteObject *self, PyObject *value, void *closure) {
    unsigned int ts;
    if (value == NULL) {
        PyErr_SetString(PyExc_AttributeError, "cannot delete last_in_ts");
        return -1;
    }
    if (!to_u32(value, &ts))
        return -1;
    self->last_in_ts = ts;
    return 0;
}

static PyGetSetDef route_getset[] = {
    {"last_in_ts", (getter)route_get_last_in_ts, (setter)route_set_last_in_ts,
     "Input timestamp of the packet forwarded last (0-4294967295).", NULL},
    {"floor", (getter)route_get_floor, (setter)route_set_floor,
     "Input sequence number of the key frame a simulcast consumer switched at: older "
     "packets are not forwarded; -1 none (cleared 4096 numbers past it).", NULL},
    {NULL}};

static PyMemberDef route_members[] = {
    {"last_seq", T_INT, offsetof(RouteObject, last_seq), READONLY, "Newest output sequence."},
    {"last_ts", T_UINT, offsetof(RouteObject, last_ts), READONLY, "Its output timestamp."},
    {"last_time", T_DOUBLE, offsetof(RouteObject, last_time), READONLY,
     "Clock time (s) it was mapped."},
    {"packets", T_ULONGLONG, offsetof(RouteObject, packets), READONLY, "Packets sent (RTCP SR)."},
    {"octets", T_ULONGLONG, offsetof(RouteObject, octets), READONLY, "Payload octets sent."},
    {"last_pid", T_INT, offsetof(RouteObject, last_pid), READONLY,
     "VP8: newest PictureID written (-1: none)."},
    {"last_tl0", T_INT, offsetof(RouteObject, last_tl0), READONLY,
     "VP8: newest TL0PICIDX written (-1: none)."},
    {NULL}};

static PyMethodDef route_methods[] = {
    {"set_state", (PyCFunction)route_set_state, METH_VARARGS,
     "set_state(seq_offset, ts_offset, last_seq, last_ts, last_time, packets, octets)."},
    {"take_sent", (PyCFunction)route_take_sent, METH_NOARGS,
     "take_sent() -> [output sequence number]: the packets forwarded since the last call "
     "(the newest 1024), oldest first; with log_sent."},
    {"set_pictures", (PyCFunction)route_set_pictures, METH_VARARGS,
     "set_pictures(pid_offset, tl0_offset, last_pid, last_tl0): a VP8 route's renumbering "
     "(sfu.simulcast.picture_ids.PictureIdMapper)."},
    {NULL}};

PyTypeObject RouteType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "sfu._forwardcore.Route",
    .tp_basicsize = sizeof(RouteObject),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "Route(egress, ssrc, payload_type, id_map, stamps_abs_send_time, "
              "transport_cc_id=0, vp8=False, log_sent=False): a consumer; with vp8, a "
              "simulcast consumer's VP8 layer whose PictureID and TL0PICIDX are renumbered "
              "(set_pictures); with log_sent, it logs what it forwards (take_sent).",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)route_init,
    .tp_dealloc = (destructor)route_dealloc,
    .tp_traverse = (traverseproc)route_traverse,
    .tp_clear = (inquiry)route_clear,
    .tp_members = route_members,
    .tp_methods = route_methods,
    .tp_getset = route_getset,
};

/* RFC 8285 id remap in place, as sfu.rtp.extensions.remap_extensions; -1: malformed. */
static int remap(uint8_t *p, int start, int end, int profile, const uint8_t *map) {
    Py_ssize_t pos = start;
    Element e;
    int result;
    while ((result = next_element(p, &pos, end, profile, &e)) == ELEMENT) {
        int new_id = map[e.id];
        if (new_id == 0 || (profile == ONE_BYTE_PROFILE && new_id > 14))
            memset(p + e.pos, 0, (size_t)(pos - e.pos));
        else if (profile == ONE_BYTE_PROFILE)
            p[e.pos] = (uint8_t)((new_id << 4) | (p[e.pos] & 0x0F));
        else
            p[e.pos] = (uint8_t)new_id;
    }
    return result == BLOCK_END ? 0 : -1;
}

/* sfu.rtp.transport_cc.element_offset: offset of the id byte of the first element `id`
 * when its value is 2 bytes long, else -1 (absent, another length, malformed block). */
static int element_offset(const uint8_t *p, int start, int end, int profile, long id) {
    Py_ssize_t pos = start;
    Element e;
    if (id <= 0)
        return -1;
    while (next_element(p, &pos, end, profile, &e) == ELEMENT)
        if (e.id == id)
            return e.length == 2 ? (int)e.pos : -1;
    return -1;
}

int read_vp8_fields(const uint8_t *p, int start, int end, Vp8Fields *f) {
    f->pid_pos = f->tl0_pos = -1;
    f->pid_bits = f->picture_id = f->tl0 = 0;
    f->tid = -1;
    if (end - start < 1)
        return -1;
    int pos = start + 1;
    if (p[start] & 0x80) {
        if (pos >= end)
            return -1;
        uint8_t x = p[pos++];
        if (x & 0x80) {
            if (pos >= end)
                return -1;
            f->pid_pos = pos;
            if (p[pos] & 0x80) {
                if (pos + 1 >= end)
                    return -1;
                f->pid_bits = 15;
                f->picture_id = ((p[pos] & 0x7F) << 8) | p[pos + 1];
                pos += 2;
            } else {
                f->pid_bits = 7;
                f->picture_id = p[pos++];
            }
        }
        if (x & 0x40) {
            if (pos >= end)
                return -1;
            f->tl0_pos = pos;
            f->tl0 = p[pos++];
        }
        if ((x & 0x30) && pos >= end)
            return -1;
        if (x & 0x20)
            f->tid = p[pos] >> 6;
    }
    return 0;
}

/* sfu.simulcast.picture_ids.PictureIdMapper.map with the offsets fixed (no switch while
 * routed): `f`'s renumbered PictureID and TL0PICIDX, the route's newest ones updated. */
static void map_vp8_fields(RouteObject *route, const Vp8Fields *f, int *pid, int *tl0) {
    *pid = (f->picture_id + route->pid_offset) & 0x7FFF;
    *tl0 = (f->tl0 + route->tl0_offset) & 0xFF;
    if (route->last_pid < 0 || ((*pid - route->last_pid) & 0x7FFF) < 0x4000)
        route->last_pid = *pid;
    if (route->last_tl0 < 0 || ((*tl0 - route->last_tl0) & 0xFF) < 0x80)
        route->last_tl0 = *tl0;
}

/* sfu.simulcast.codecs.Vp8Rewriter.write: the fields keep their width. */
static void write_vp8_fields(const Vp8Fields *f, int pid, int tl0, uint8_t *out) {
    if (f->pid_bits == 15) {
        out[f->pid_pos] = (uint8_t)(0x80 | ((pid >> 8) & 0x7F));
        out[f->pid_pos + 1] = (uint8_t)pid;
    } else if (f->pid_bits == 7) {
        out[f->pid_pos] = (uint8_t)(pid & 0x7F);
    }
    if (f->tl0_pos >= 0)
        out[f->tl0_pos] = (uint8_t)tl0;
}

int forward_routes(ForwarderObject *self, const uint8_t *in, Py_ssize_t size, PyObject *routes,
                   double now, int ext_ok, long abs_pos, const uint8_t *abs_value,
                   Py_ssize_t abs_len, long source_cc_id) {
    Py_ssize_t count = PyList_GET_SIZE(routes);
    /* the header as sfu.rtp.header.read_header bounds it */
    int header_end = 0, ext_start = 0, ext_end = 0, profile = 0, payload_start = 0;
    int ok = size >= 12 && (in[0] >> 6) == 2;
    if (ok) {
        header_end = 12 + 4 * (in[0] & 0x0F);
        if (in[0] & 0x10) {
            ok = header_end + 4 <= size;
            if (ok) {
                profile = (in[header_end] << 8) | in[header_end + 1];
                ext_start = header_end + 4;
                ext_end = ext_start + 4 * ((in[header_end + 2] << 8) | in[header_end + 3]);
                header_end = ext_end;
            }
        }
        ok = ok && header_end <= size;
        payload_start = header_end;
    }
    if (!ok) {
        self->drops[D_PARSE] += (unsigned long long)(count ? count : 1);
        count = 0;
    }
    uint16_t seq = ok ? (uint16_t)((in[2] << 8) | in[3]) : 0;
    uint32_t ts = ok ? ((uint32_t)in[4] << 24 | (uint32_t)in[5] << 16 | (uint32_t)in[6] << 8 |
                        in[7]) : 0;
    int stamp_ok = abs_pos >= ext_start && abs_pos <= (long)ext_end - 3 && abs_len == 3;
    int cc_pos = ok && ext_ok && profile ? element_offset(in, ext_start, ext_end, profile,
                                                          source_cc_id) : -1;
    int vp8_read = 0; /* the VP8 descriptor, read at the first VP8 route: 1, -1 malformed */
    Vp8Fields vp8;
    int pid = 0, tl0 = 0;
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *item = PyList_GET_ITEM(routes, i);
        if (!PyObject_TypeCheck(item, &RouteType))
            continue;
        RouteObject *route = (RouteObject *)item;
        if (route->egress == NULL) { /* a Route whose __init__ never ran or failed */
            self->drops[D_NOT_CONNECTED]++;
            continue;
        }
        if (route->floor >= 0 && ok) {
            uint16_t behind = (uint16_t)(route->floor - seq);
            if (behind != 0 && behind < 0x8000) {
                self->drops[D_BEFORE_SWITCH]++; /* as the Python path */
                continue;
            }
            if ((uint16_t)(seq - route->floor) >= FLOOR_SPAN)
                route->floor = -1;
        }
        if (route->vp8) {
            /* Python hands a simulcast route only packets its own path would forward
             * (sfu.native_forward.Fanout.forward, take() in ingress.c): these are drops */
            if (vp8_read == 0) {
                RtpHeader h;
                vp8_read = ok && parse_rtp_header(in, size, &h) == NULL &&
                                   read_vp8_fields(in, h.payload_start, h.payload_end, &vp8) == 0
                               ? 1 : -1;
            }
            if (vp8_read < 0 || !ext_ok) {
                self->drops[vp8_read < 0 ? D_VP8 : D_EXTENSION]++;
                continue;
            }
            map_vp8_fields(route, &vp8, &pid, &tl0);
        }
        uint16_t out_seq = (uint16_t)(seq + route->seq_offset);
        uint32_t out_ts = ts + route->ts_offset;
        if ((uint16_t)(out_seq - route->last_seq) < 0x8000) {
            route->last_seq = out_seq;
            route->last_ts = out_ts;
            route->last_time = now;
        }
        if (!ext_ok) {
            self->drops[D_EXTENSION]++;
            continue;
        }
        if (route->log_sent) { /* what the ring gets: a dropped packet takes no number */
            route->sent[route->sent_count % SENT_LOG] = out_seq;
            route->sent_count++; /* past SENT_LOG the oldest are overwritten */
            if (route->sent_count == 2 * SENT_LOG)
                route->sent_count = SENT_LOG;
        }
        route->last_in_ts = ts;
        route->packets++;
        route->octets += (unsigned long long)(size - payload_start);
        if (size > PROTECT_LIMIT) {
            self->drops[D_PROTECT]++;
            continue;
        }
        uint8_t *out = self->slots[self->queued];
        memcpy(out, in, (size_t)size);
        out[1] = (uint8_t)((in[1] & 0x80) | route->payload_type);
        out[2] = (uint8_t)(out_seq >> 8);
        out[3] = (uint8_t)out_seq;
        out[4] = (uint8_t)(out_ts >> 24);
        out[5] = (uint8_t)(out_ts >> 16);
        out[6] = (uint8_t)(out_ts >> 8);
        out[7] = (uint8_t)out_ts;
        out[8] = (uint8_t)(route->ssrc >> 24);
        out[9] = (uint8_t)(route->ssrc >> 16);
        out[10] = (uint8_t)(route->ssrc >> 8);
        out[11] = (uint8_t)route->ssrc;
        if (profile && !route->identity &&
            remap(out, ext_start, ext_end, profile, route->id_map) < 0) {
            self->drops[D_EXTENSION]++;
            continue;
        }
        if (stamp_ok && route->stamps_abs_send_time)
            memcpy(out + abs_pos, abs_value, 3);
        if (route->vp8)
            write_vp8_fields(&vp8, pid, tl0, out);
        if (cc_pos >= 0 && route->transport_cc_id &&
            (profile != ONE_BYTE_PROFILE || route->transport_cc_id < 15)) {
            uint16_t number = egress_number(route->egress, (int)size, now);
            int at = cc_pos;
            if (profile == ONE_BYTE_PROFILE) {
                out[at++] = (uint8_t)((route->transport_cc_id << 4) | 1);
            } else {
                out[at++] = (uint8_t)route->transport_cc_id;
                out[at++] = 2;
            }
            out[at] = (uint8_t)(number >> 8);
            out[at + 1] = (uint8_t)number;
        }
        enqueue(self, route->egress, (int)size);
    }
    if (self->queued && !self->deferring)
        forwarder_flush(self);
    return forwarder_report(self);
}
