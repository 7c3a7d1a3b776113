/* The SFU native core's per-ingress-packet parsers: parse_rtp_header (sfu.rtp.header's
 * read_header, RFC 3550 section 5.1) and the module functions read_header and
 * scan_extensions (sfu.rtp.extensions, RFC 8285), which give the same results and raise the
 * same sfu.errors.ParseError as the Python reference they are tested against. */
#include "forwardcore.h"

#include <string.h>

/* sfu.errors.ParseError(message), imported when first raised (the module imports alone). */
static PyObject *parse_error(const char *message) {
    PyObject *errors = PyImport_ImportModule("sfu.errors");
    PyObject *type = errors ? PyObject_GetAttrString(errors, "ParseError") : NULL;
    Py_XDECREF(errors);
    if (type != NULL) {
        PyErr_SetString(type, message);
        Py_DECREF(type);
    }
    return NULL;
}

/* Fill `tuple` (size n) with new ints; NULL (tuple freed) when one cannot be made. */
static PyObject *fill_tuple(PyObject *tuple, PyObject **items, Py_ssize_t n) {
    for (Py_ssize_t i = 0; i < n; i++) {
        if (items[i] == NULL) {
            for (Py_ssize_t j = 0; j < n; j++)
                Py_XDECREF(items[j]);
            Py_DECREF(tuple);
            return NULL;
        }
    }
    for (Py_ssize_t i = 0; i < n; i++)
        PyTuple_SET_ITEM(tuple, i, items[i]);
    return tuple;
}

const char *parse_rtp_header(const uint8_t *p, Py_ssize_t size, RtpHeader *h) {
    Py_ssize_t pos, ext_start = 0, ext_end = 0, end = size;
    int profile = 0;
    if (size < 12)
        return "RTP packet shorter than 12 bytes";
    if (p[0] >> 6 != 2)
        return "RTP version is not 2";
    pos = 12 + 4 * (p[0] & 0x0F);
    if (p[0] & 0x10) {
        if (pos + 4 > size)
            return "RTP extension header truncated";
        profile = (p[pos] << 8) | p[pos + 1];
        ext_start = pos + 4;
        ext_end = ext_start + 4 * ((p[pos + 2] << 8) | p[pos + 3]);
        pos = ext_end;
    }
    if (pos > size)
        return "RTP header longer than packet";
    if (p[0] & 0x20) {
        int pad = p[size - 1];
        if (pad == 0 || size - pad < pos)
            return "RTP padding length invalid";
        end = size - pad;
    }
    h->payload_type = p[1] & 0x7F;
    h->marker = p[1] >> 7;
    h->seq = (p[2] << 8) | p[3];
    h->ts = (uint32_t)p[4] << 24 | (uint32_t)p[5] << 16 | (uint32_t)p[6] << 8 | p[7];
    h->ssrc = (uint32_t)p[8] << 24 | (uint32_t)p[9] << 16 | (uint32_t)p[10] << 8 | p[11];
    h->ext_start = (int)ext_start;
    h->ext_end = (int)ext_end;
    h->profile = profile;
    h->payload_start = (int)pos;
    h->payload_end = (int)end;
    return NULL;
}

/* sfu.rtp.header.read_header: same tuple, same ParseError messages. */
static PyObject *core_read_header(PyObject *module, PyObject *arg) {
    Py_buffer data;
    if (PyObject_GetBuffer(arg, &data, PyBUF_SIMPLE) < 0)
        return NULL;
    RtpHeader h;
    const char *error = parse_rtp_header(data.buf, data.len, &h);
    PyBuffer_Release(&data);
    if (error != NULL)
        return parse_error(error);
    PyObject *items[10] = {
        PyLong_FromLong(h.payload_type),
        PyLong_FromLong(h.marker),
        PyLong_FromLong(h.seq),
        PyLong_FromUnsignedLong(h.ts),
        PyLong_FromUnsignedLong(h.ssrc),
        PyLong_FromLong(h.ext_start),
        PyLong_FromLong(h.ext_end),
        PyLong_FromLong(h.profile),
        PyLong_FromLong(h.payload_start),
        PyLong_FromLong(h.payload_end),
    };
    PyObject *tuple = PyTuple_New(10);
    if (tuple == NULL) {
        for (int i = 0; i < 10; i++)
            Py_XDECREF(items[i]);
        return NULL;
    }
    return fill_tuple(tuple, items, 10);
}

const char *scan_block(const uint8_t *p, Py_ssize_t start, Py_ssize_t end, long profile,
                       long ext_id, uint64_t mask[4], Py_ssize_t *found) {
    Py_ssize_t pos = start;
    Element e;
    int result;
    mask[0] = mask[1] = mask[2] = mask[3] = 0;
    *found = -1;
    while ((result = next_element(p, &pos, end, profile, &e)) == ELEMENT) {
        mask[e.id >> 6] |= (uint64_t)1 << (e.id & 63);
        if (e.id == ext_id) { /* -2 for good once one is not 3 bytes */
            if (e.length != 3)
                *found = -2;
            else if (*found == -1)
                *found = e.value;
        }
    }
    if (result == ONE_BYTE_OVERRUN)
        return "one-byte extension element overruns block";
    if (result == TWO_BYTE_TRUNCATED)
        return "two-byte extension header truncated";
    if (result == TWO_BYTE_OVERRUN)
        return "two-byte extension element overruns block";
    return NULL;
}

/* sfu.rtp.extensions.scan_extensions: (mask, value_pos), ParseError exactly when it raises;
 * ValueError when start/end do not bound a block inside data. */
static PyObject *core_scan_extensions(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 5) {
        PyErr_SetString(PyExc_TypeError, "scan_extensions(data, start, end, profile, ext_id)");
        return NULL;
    }
    Py_ssize_t start = PyLong_AsSsize_t(args[1]), end = PyLong_AsSsize_t(args[2]);
    long profile = PyLong_AsLong(args[3]), ext_id = PyLong_AsLong(args[4]);
    if (PyErr_Occurred())
        return NULL;
    Py_buffer data;
    if (PyObject_GetBuffer(args[0], &data, PyBUF_SIMPLE) < 0)
        return NULL;
    uint64_t mask[4];
    Py_ssize_t found;
    int one_byte = profile == ONE_BYTE_PROFILE, two_byte = (profile & 0xFFF0) == 0x1000;
    if ((one_byte || two_byte) && start < end && (start < 0 || end > data.len)) {
        PyBuffer_Release(&data);
        PyErr_SetString(PyExc_ValueError, "extension block outside the data");
        return NULL;
    }
    const char *error = scan_block(data.buf, start, end, profile, ext_id, mask, &found);
    PyBuffer_Release(&data);
    if (error != NULL)
        return parse_error(error);
    PyObject *items[2];
    if (mask[1] | mask[2] | mask[3]) {
        unsigned char bytes[32];  /* little-endian */
        for (int i = 0; i < 32; i++)
            bytes[i] = (unsigned char)(mask[i >> 3] >> (8 * (i & 7)));
        items[0] = _PyLong_FromByteArray(bytes, 32, 1, 0);
    } else {
        items[0] = PyLong_FromUnsignedLongLong(mask[0]);
    }
    items[1] = PyLong_FromSsize_t(found >= 0 ? found : -1);
    PyObject *tuple = PyTuple_New(2);
    if (tuple == NULL) {
        Py_XDECREF(items[0]);
        Py_XDECREF(items[1]);
        return NULL;
    }
    return fill_tuple(tuple, items, 2);
}

PyMethodDef rtp_parser_functions[] = {
    {"read_header", (PyCFunction)core_read_header, METH_O,
     "read_header(data) -> tuple: sfu.rtp.header.read_header in C (same tuple and errors)."},
    {"scan_extensions", (PyCFunction)(void (*)(void))core_scan_extensions, METH_FASTCALL,
     "scan_extensions(data, start, end, profile, ext_id) -> (mask, value_pos): "
     "sfu.rtp.extensions.scan_extensions in C (same result and errors)."},
    {NULL}};
