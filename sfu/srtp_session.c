/* SrtpSession, the SFU native core's SRTP session type: one session keyed from DTLS-SRTP by
 * Python, RFC 7714 AES-GCM over OpenSSL EVP (srtp_gcm.c) or libsrtp for the other profiles
 * (RFC 3711); wipe() frees it, and both engines zero the keys. The forwarder protects with
 * it (session_protect_rtp) and the ingress path unprotects (session_unprotect_rtp). */
#include "forwardcore.h"

#include <string.h>

/* Free the session (libsrtp and OpenSSL zero its keys) and zero the work buffer. */
static void session_wipe_now(SessionObject *self) {
    if (self->session != NULL) {
        srtp_dealloc(self->session);
        self->session = NULL;
    }
    gcm_session_free(self->gcm);
    self->gcm = NULL;
    memset(self->work, 0, sizeof self->work);
}

int session_live(const SessionObject *self) {
    return self->session != NULL || self->gcm != NULL;
}

/* Protect `*len` bytes of RTP at p in place (SRTP_MAX_TRAILER_LEN bytes of room after
 * them) with the session's engine: 0 and the SRTP length in *len, or -1 (refused). */
int session_protect_rtp(SessionObject *self, uint8_t *p, int *len) {
    if (self->gcm != NULL)
        return gcm_protect(self->gcm, p, len);
    return srtp_protect(self->session, p, len) == srtp_err_status_ok ? 0 : -1;
}

/* Verify and decrypt `*len` bytes of SRTP at p in place: 0 and the RTP length, or -1. */
int session_unprotect_rtp(SessionObject *self, uint8_t *p, int *len) {
    if (self->gcm != NULL)
        return gcm_unprotect(self->gcm, p, len);
    if (*len < 12)
        return -1;
    uint32_t ssrc = (uint32_t)p[8] << 24 | (uint32_t)p[9] << 16 | (uint32_t)p[10] << 8 | p[11];
    int known = 0;
    for (int i = 0; i < self->ssrc_count && !known; i++)
        known = self->ssrcs[i] == ssrc;
    if (!known && self->ssrc_count == GCM_RX_STREAMS)
        return -1; /* a stream per SSRC is kept for ever: bounded as the GCM table */
    if (srtp_unprotect(self->session, p, len) != srtp_err_status_ok)
        return -1;
    if (!known)
        self->ssrcs[self->ssrc_count++] = ssrc;
    return 0;
}

static int session_init(SessionObject *self, PyObject *args, PyObject *kwds) {
    static char *kwlist[] = {"profile", "key", "outbound", NULL};
    int profile, outbound;
    Py_buffer key;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "iy*p", kwlist, &profile, &key, &outbound))
        return -1;
    srtp_policy_t policy;
    memset(&policy, 0, sizeof policy);
    if (srtp_crypto_policy_set_from_profile_for_rtp(&policy.rtp, (srtp_profile_t)profile) ||
        srtp_crypto_policy_set_from_profile_for_rtcp(&policy.rtcp, (srtp_profile_t)profile)) {
        PyBuffer_Release(&key);
        PyErr_Format(PyExc_ValueError, "unsupported SRTP profile %d", profile);
        return -1;
    }
    size_t key_len = (size_t)srtp_profile_get_master_key_length((srtp_profile_t)profile);
    size_t needed = key_len +
                    (size_t)srtp_profile_get_master_salt_length((srtp_profile_t)profile);
    if ((size_t)key.len != needed) {
        PyBuffer_Release(&key);
        PyErr_Format(PyExc_ValueError, "SRTP key and salt must be %zu bytes", needed);
        return -1;
    }
    session_wipe_now(self);
    self->ssrc_count = 0;
    if (profile == srtp_profile_aead_aes_128_gcm || profile == srtp_profile_aead_aes_256_gcm) {
        self->gcm = gcm_session_new(key.buf, key_len, outbound);
        PyBuffer_Release(&key);
        if (self->gcm == NULL) {
            PyErr_SetString(PyExc_ValueError, "OpenSSL refused the AES-GCM session");
            return -1;
        }
        return 0;
    }
    policy.ssrc.type = outbound ? ssrc_any_outbound : ssrc_any_inbound;
    policy.key = (unsigned char *)key.buf;
    policy.window_size = 1024;
    policy.allow_repeat_tx = 1;
    srtp_err_status_t status = srtp_create(&self->session, &policy);
    PyBuffer_Release(&key);
    if (status != srtp_err_status_ok) {
        self->session = NULL;
        PyErr_Format(PyExc_ValueError, "srtp_create failed (status %d)", (int)status);
        return -1;
    }
    return 0;
}

static void session_dealloc(SessionObject *self) {
    session_wipe_now(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

typedef int (*srtp_fn)(SessionObject *, uint8_t *, int *);

/* protect/unprotect one packet through the work buffer; None when the session refuses it */
static PyObject *session_apply(SessionObject *self, PyObject *arg, srtp_fn fn, Py_ssize_t limit) {
    Py_buffer data;
    if (PyObject_GetBuffer(arg, &data, PyBUF_SIMPLE) < 0)
        return NULL;
    if (!session_live(self) || data.len > limit || data.len < 12) {
        PyBuffer_Release(&data);
        Py_RETURN_NONE;
    }
    int len = (int)data.len;
    memcpy(self->work, data.buf, data.len);
    PyBuffer_Release(&data);
    if (fn(self, self->work, &len) != 0)
        Py_RETURN_NONE;
    return PyBytes_FromStringAndSize((const char *)self->work, len);
}

static PyObject *session_protect(SessionObject *self, PyObject *arg) {
    return session_apply(self, arg, session_protect_rtp, PROTECT_LIMIT);
}

static PyObject *session_unprotect(SessionObject *self, PyObject *arg) {
    return session_apply(self, arg, session_unprotect_rtp, WORK);
}

static PyObject *session_wipe(SessionObject *self, PyObject *unused) {
    session_wipe_now(self);
    Py_RETURN_NONE;
}

static PyObject *session_get_wiped(SessionObject *self, void *closure) {
    return PyBool_FromLong(!session_live(self));
}

static PyMethodDef session_methods[] = {
    {"protect", (PyCFunction)session_protect, METH_O,
     "protect(rtp) -> bytes | None: SRTP-protect one RTP packet (None: refused)."},
    {"unprotect", (PyCFunction)session_unprotect, METH_O,
     "unprotect(srtp) -> bytes | None: verify and decrypt one SRTP packet (None: refused)."},
    {"wipe", (PyCFunction)session_wipe, METH_NOARGS,
     "wipe() -> None: free the session (its keys are zeroed)."},
    {NULL}};

static PyGetSetDef session_getset[] = {
    {"wiped", (getter)session_get_wiped, NULL, "True after wipe().", NULL}, {NULL}};

PyTypeObject SessionType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "sfu._forwardcore.SrtpSession",
    .tp_basicsize = sizeof(SessionObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "SrtpSession(profile, key, outbound): one SRTP session (AES-GCM over OpenSSL "
              "EVP, the other profiles through libsrtp).",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)session_init,
    .tp_dealloc = (destructor)session_dealloc,
    .tp_methods = session_methods,
    .tp_getset = session_getset,
};
