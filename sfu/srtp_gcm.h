/* SRTP for RTP with the AEAD AES-GCM profiles (RFC 7714) over OpenSSL's EVP interface, for
 * the SFU forwarding core (sfu/_forwardcore.c): SRTP_AEAD_AES_128_GCM and
 * SRTP_AEAD_AES_256_GCM, 16-byte tag, no MKI, no header extension encryption. Same bytes and
 * same accept/refuse decisions as a libsrtp 2 session with an any-SSRC policy, replay
 * window 1024 and repeated sends allowed (sfu/srtp.py's policies).
 *
 * A session holds one EVP_CIPHER_CTX keyed once (only the IV changes per packet) and a fixed
 * table of streams, one per SSRC: GCM_TX_STREAMS for an outbound session, GCM_RX_STREAMS for
 * an inbound one. A packet of a new SSRC when the table is full is refused.
 */
#ifndef FJORD_SRTP_GCM_H
#define FJORD_SRTP_GCM_H

#include <stddef.h>
#include <stdint.h>

#define GCM_TAG_LEN 16      /* bytes protect appends */
#define GCM_SALT_LEN 12     /* master and session salt, RFC 7714 section 12 */
#define GCM_TX_STREAMS 2048 /* SSRCs per outbound session, a power of two: a subscriber of a
                             * full room gets at most 199 x 4 tracks x (media + RTX) = 1592,
                             * and a reused m-line keeps its SSRCs (sfu/router.py slots) */
#define GCM_RX_STREAMS 64   /* SSRCs per inbound session, a power of two: a publisher sends
                             * at most 4 tracks x 3 simulcast layers x (media + RTX) = 24 */

typedef struct GcmSession GcmSession;

/* A session from `master` (key_len bytes of master key, 16 or 32, then GCM_SALT_LEN of
 * master salt); NULL for another key length or when OpenSSL or memory fails. */
GcmSession *gcm_session_new(const uint8_t *master, size_t key_len, int outbound);

/* Protect the RTP packet of *len bytes at `packet` in place (RFC 7714 section 8.1) and
 * append the tag: `packet` must have GCM_TAG_LEN bytes of room after it. 0 and the new
 * length in *len, or -1 (refused: malformed header, stream table full, sequence number
 * older than the window). */
int gcm_protect(GcmSession *session, uint8_t *packet, int *len);

/* Verify and decrypt the SRTP packet of *len bytes at `packet` in place (RFC 7714 section
 * 8.2): 0 and the RTP length in *len, or -1 (malformed, stream table full, replayed or older
 * than the window, tag mismatch; the bytes are then undefined). */
int gcm_unprotect(GcmSession *session, uint8_t *packet, int *len);

/* Zero the session's keys and stream state and free it (NULL is allowed). */
void gcm_session_free(GcmSession *session);

#endif
