/* The receive-side state of the SFU native core (sfu/receive_state.c, the retransmission
 * buffer in sfu/retransmission_buffer.c): the C types that hold what sfu/ingress.c's
 * per-packet path updates for a publisher's stream, and the updates it calls. Each is the
 * twin of a Python class (the reference), subclassed in sfu/native_forward.py. */
#ifndef FJORD_RECEIVE_STATE_H
#define FJORD_RECEIVE_STATE_H

#include "forwardcore.h"

typedef struct {
    PyObject_HEAD
    int clock_rate;
    long long base, max_seq, cycles, received, expected_prior, received_prior, octets;
    double jitter, last_transit;
    char started, has_transit;
} ReceiveStatsObject;

typedef struct {
    PyObject_HEAD
    Py_ssize_t size;
    double max_age;
    PyObject *clock;
    long long *seqs;
    PyObject **packets;
    double *times;
} RetransmissionBufferObject;

typedef struct {
    PyObject_HEAD
    PyObject *seqs_obj, *ticks_obj; /* array('q') rings the report side reads */
    Py_buffer seqs_view, ticks_view;
    long long mask, max, next, count, late;
    unsigned int ssrc;
    int max_packets;
} TwccArrivalsObject;

typedef struct {
    PyObject_HEAD
    long long bytes;
    double queue_ms, group_send, group_arrival, prev_send, prev_arrival;
    char has_group, has_prev;
} RembArrivalsObject;

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
    int vp8;  /* VP8 payloads: one whose descriptor is malformed is Python's */
    int h264; /* H.264 payloads: one carrying an SPS is Python's (it reads the picture size) */
    /* audio levels of the packets taken whole, kept for take_levels() (the room's speaker
     * detector reads them at its tick) instead of a Python call per packet */
    int level_count;
    uint8_t level_value[LEVELS];
    double level_time[LEVELS];
    /* the highest VP8 temporal layer id (TID) of the packets taken whole since the last
     * take_tid() (-1: none carried one), for the layer's meter (sfu.simulcast.layers) */
    int max_tid;
} InboundStreamObject;

/* sfu.receive_stats.ReceiveStats.update: the number of sequence numbers skipped just
 * before `seq` (RFC 3550 appendix A.1), its arrival (seconds) fed to the jitter (A.8). */
long long receive_stats_update(ReceiveStatsObject *self, int seq, uint32_t ts, double arrival);

/* sfu.rtp.retransmission_buffer.RetransmissionBuffer.store: keep `packet` (a reference is
 * taken) under `seq`, stored at `now` (seconds). */
void buffer_store(RetransmissionBufferObject *self, long long seq, PyObject *packet,
                  double now);

/* sfu.twcc_builder.TwccFeedbackBuilder.record: transport-wide `seq` arrived at `arrival`
 * (seconds) on the stream `ssrc`. */
void twcc_record(TwccArrivalsObject *self, int seq, double arrival, uint32_t ssrc);

/* sfu.remb_estimator.RembEstimator.on_packet: abs-send-time `send_time` (seconds, 64 s
 * wrap), `size` bytes, arrived at `arrival` (seconds). */
void remb_on_packet(RembArrivalsObject *self, double send_time, Py_ssize_t size,
                    double arrival);

/* Hand the kept levels to report_level(value, time), oldest first, and forget them: 0, or
 * -1 with the exception report_level raised (the levels after it are lost). */
int inbound_report_levels(InboundStreamObject *self);

/* Call `clock` (no arguments) for a float of seconds into *now: 0, or -1 with an exception. */
int call_clock(PyObject *clock, double *now);

#endif
