/* SRTP AES-GCM for RTP over OpenSSL EVP (RFC 7714); see srtp_gcm.h.
 *
 * Packet index and replay database as libsrtp's (RFC 3711 section 3.3.1 and appendix A):
 * each stream keeps the highest index accepted (ROC << 16 | SEQ) and, inbound, which of the
 * last WINDOW indexes were accepted. The estimate, the checks and their order follow
 * libsrtp 2.5 (srtp_rdbx_estimate_index, srtp_rdbx_check, srtp_protect_aead,
 * srtp_unprotect_aead) so that both accept and refuse the same packets.
 */
#include "srtp_gcm.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#define WINDOW 1024 /* replay window (packets), as sfu/srtp.py's policy.window_size */
#define MEDIAN 0x8000

typedef struct {
    uint32_t ssrc;
    uint32_t used;
    uint64_t index; /* highest packet index accepted, ROC << 16 | SEQ; 0 for a new stream */
} Stream;

struct GcmSession {
    EVP_CIPHER_CTX *ctx; /* keyed with the session key, for this session's direction */
    int outbound;
    int capacity, hash_shift; /* a power of two, = 1 << (32 - hash_shift) */
    Stream *streams;          /* open addressing on the SSRC; never removed */
    uint64_t (*seen)[WINDOW / 64]; /* inbound: per stream, bit i % WINDOW set once index i,
                                    * one of the last WINDOW, was accepted */
    uint8_t salt[GCM_SALT_LEN];    /* session salt */
};

/* RFC 3711 section 4.3.1 key derivation with the AES-CM PRF (section 4.3.3),
 * key_derivation_rate 0: n bytes of AES-CTR keystream under the master key from the block
 * (master salt XOR (label << 48)) || 0x0000. The 96-bit GCM master salt is the first 12 of
 * the 14 salt bytes, the other two zero (libsrtp's srtp_stream_init_keys). */
static int derive(const EVP_CIPHER *ctr, const uint8_t *key, const uint8_t *salt,
                  uint8_t label, uint8_t *out, int n) {
    static const uint8_t zeros[32];
    uint8_t block[16] = {0};
    memcpy(block, salt, GCM_SALT_LEN);
    block[7] ^= label;
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    int len = 0;
    int ok = ctx != NULL && EVP_EncryptInit_ex(ctx, ctr, NULL, key, block) == 1 &&
             EVP_EncryptUpdate(ctx, out, &len, zeros, n) == 1 && len == n;
    EVP_CIPHER_CTX_free(ctx);
    return ok ? 0 : -1;
}

GcmSession *gcm_session_new(const uint8_t *master, size_t key_len, int outbound) {
    const EVP_CIPHER *gcm, *ctr;
    if (key_len == 16) {
        gcm = EVP_aes_128_gcm();
        ctr = EVP_aes_128_ctr();
    } else if (key_len == 32) {
        gcm = EVP_aes_256_gcm();
        ctr = EVP_aes_256_ctr();
    } else {
        return NULL;
    }
    GcmSession *s = calloc(1, sizeof *s);
    if (s == NULL)
        return NULL;
    s->capacity = outbound ? GCM_TX_STREAMS : GCM_RX_STREAMS;
    s->hash_shift = 32 - __builtin_ctz((unsigned)s->capacity);
    s->outbound = outbound;
    s->streams = calloc((size_t)s->capacity, sizeof *s->streams);
    s->seen = outbound ? NULL : calloc((size_t)s->capacity, sizeof *s->seen);
    s->ctx = EVP_CIPHER_CTX_new();
    uint8_t key[32];
    int ok = s->streams != NULL && (outbound || s->seen != NULL) && s->ctx != NULL &&
             derive(ctr, master, master + key_len, 0x00, key, (int)key_len) == 0 &&
             derive(ctr, master, master + key_len, 0x02, s->salt, GCM_SALT_LEN) == 0 &&
             EVP_CipherInit_ex(s->ctx, gcm, NULL, key, NULL, outbound) == 1;
    OPENSSL_cleanse(key, sizeof key);
    if (!ok) {
        gcm_session_free(s);
        return NULL;
    }
    return s;
}

void gcm_session_free(GcmSession *s) {
    if (s == NULL)
        return;
    EVP_CIPHER_CTX_free(s->ctx); /* OpenSSL zeroes the key schedule */
    if (s->streams != NULL) {
        OPENSSL_cleanse(s->streams, (size_t)s->capacity * sizeof *s->streams);
        free(s->streams);
    }
    if (s->seen != NULL) {
        OPENSSL_cleanse(s->seen, (size_t)s->capacity * sizeof *s->seen);
        free(s->seen);
    }
    OPENSSL_cleanse(s, sizeof *s);
    free(s);
}

/* The RTP header's length through the end of the header extension (RFC 3550 section 5.1,
 * RFC 8285), the AEAD's associated data; -1 when the packet is shorter (libsrtp's
 * srtp_validate_rtp_header: the version is not checked). */
static int header_length(const uint8_t *p, int len) {
    if (len < 12)
        return -1;
    int end = 12 + 4 * (p[0] & 0x0F);
    if (p[0] & 0x10) {
        if (len < end + 4)
            return -1;
        end += 4 + 4 * ((p[end + 2] << 8) | p[end + 3]);
    }
    return len < end ? -1 : end;
}

/* The slot of `ssrc`'s stream, or of the free slot it would take; -1 when it has none and
 * the table is full. */
static int find_stream(const GcmSession *s, uint32_t ssrc) {
    int mask = s->capacity - 1;
    int slot = (int)((ssrc * 2654435761u) >> s->hash_shift);
    for (int probes = 0; probes < s->capacity; probes++, slot = (slot + 1) & mask) {
        const Stream *stream = &s->streams[slot];
        if (!stream->used || stream->ssrc == ssrc)
            return slot;
    }
    return -1;
}

/* RFC 3711 appendix A as libsrtp: the index of `seq` nearest the stream's highest `index`
 * in *est, and its distance from it (>0: newer). A stream that has seen no index past 2^15
 * takes ROC 0. */
static int estimate(uint64_t index, uint16_t seq, uint64_t *est) {
    if (index <= MEDIAN) {
        *est = seq;
        return (int)seq - (int)index;
    }
    uint32_t roc = (uint32_t)(index >> 16);
    int local = (uint16_t)index;
    int delta = (int)seq - local;
    if (local < MEDIAN && delta > MEDIAN) {
        roc--;
        delta -= 0x10000;
    } else if (local >= MEDIAN && local - MEDIAN > seq) {
        roc++;
        delta += 0x10000;
    }
    *est = (uint64_t)roc << 16 | seq;
    return delta;
}

/* RFC 7714 section 8.1: (00 00 || SSRC || ROC || SEQ) XOR the session salt. */
static void make_iv(const GcmSession *s, const uint8_t *p, uint64_t est, uint8_t *iv) {
    iv[0] = iv[1] = 0;
    memcpy(iv + 2, p + 8, 4);
    for (int i = 0; i < 4; i++)
        iv[6 + i] = (uint8_t)(est >> (40 - 8 * i));
    iv[10] = p[2];
    iv[11] = p[3];
    for (int i = 0; i < GCM_SALT_LEN; i++)
        iv[i] ^= s->salt[i];
}

int gcm_protect(GcmSession *s, uint8_t *p, int *len) {
    int aad = header_length(p, *len);
    if (aad < 0 || !s->outbound)
        return -1;
    uint32_t ssrc = (uint32_t)p[8] << 24 | (uint32_t)p[9] << 16 | (uint32_t)p[10] << 8 | p[11];
    int slot = find_stream(s, ssrc);
    if (slot < 0)
        return -1;
    Stream *stream = &s->streams[slot];
    stream->used = 1; /* libsrtp keeps a stream for an SSRC it refuses a packet of, too */
    stream->ssrc = ssrc;
    uint64_t est;
    int delta = estimate(stream->index, (uint16_t)(p[2] << 8 | p[3]), &est);
    /* Older than the window: refused. Inside it, a repeat is allowed (a retransmission:
     * libsrtp's allow_repeat_tx), so the sender keeps no window, only the highest index. */
    if (delta <= -WINDOW)
        return -1;
    if (delta > 0)
        stream->index = est;
    uint8_t iv[12];
    make_iv(s, p, est, iv);
    int n;
    EVP_CIPHER_CTX *ctx = s->ctx;
    if (EVP_EncryptInit_ex(ctx, NULL, NULL, NULL, iv) != 1 ||
        EVP_EncryptUpdate(ctx, NULL, &n, p, aad) != 1 ||
        EVP_EncryptUpdate(ctx, p + aad, &n, p + aad, *len - aad) != 1 ||
        EVP_EncryptFinal_ex(ctx, p + *len, &n) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, GCM_TAG_LEN, p + *len) != 1)
        return -1;
    *len += GCM_TAG_LEN;
    return 0;
}

static int seen_bit(const uint64_t *seen, uint64_t index) {
    return (int)(seen[(index % WINDOW) / 64] >> (index % 64)) & 1;
}

static void set_seen(uint64_t *seen, uint64_t index) {
    seen[(index % WINDOW) / 64] |= (uint64_t)1 << (index % 64);
}

int gcm_unprotect(GcmSession *s, uint8_t *p, int *len) {
    int aad = header_length(p, *len);
    if (aad < 0 || *len - aad < GCM_TAG_LEN || s->outbound)
        return -1;
    uint32_t ssrc = (uint32_t)p[8] << 24 | (uint32_t)p[9] << 16 | (uint32_t)p[10] << 8 | p[11];
    int slot = find_stream(s, ssrc);
    if (slot < 0)
        return -1;
    Stream *stream = &s->streams[slot]; /* a free slot reads as a new stream: index 0 */
    uint64_t *seen = s->seen[slot];
    uint64_t est;
    int delta = estimate(stream->index, (uint16_t)(p[2] << 8 | p[3]), &est);
    if (delta <= -WINDOW || (delta <= 0 && seen_bit(seen, est)))
        return -1; /* older than the window, or replayed */
    uint8_t iv[12];
    make_iv(s, p, est, iv);
    int n, body = *len - aad - GCM_TAG_LEN;
    EVP_CIPHER_CTX *ctx = s->ctx;
    if (EVP_DecryptInit_ex(ctx, NULL, NULL, NULL, iv) != 1 ||
        EVP_DecryptUpdate(ctx, NULL, &n, p, aad) != 1 ||
        EVP_DecryptUpdate(ctx, p + aad, &n, p + aad, body) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, GCM_TAG_LEN, p + aad + body) != 1 ||
        EVP_DecryptFinal_ex(ctx, p + aad + body, &n) != 1)
        return -1;
    /* authentic: only now does the stream exist and the index count (libsrtp likewise) */
    stream->used = 1;
    stream->ssrc = ssrc;
    if (delta > 0) {
        if (delta >= WINDOW) {
            memset(seen, 0, WINDOW / 8);
        } else {
            for (uint64_t i = stream->index + 1; i < est; i++)
                seen[(i % WINDOW) / 64] &= ~((uint64_t)1 << (i % 64));
        }
        stream->index = est;
    }
    set_seen(seen, est);
    *len -= GCM_TAG_LEN;
    return 0;
}
