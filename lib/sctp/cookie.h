/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * State cookie (RFC 9260 5.1.3): everything an association needs, sealed
 * with HMAC-SHA256 under an endpoint secret, so nothing is kept for a peer
 * until it echoes a valid cookie. Two keys: the current one signs, the
 * current and the previous one verify, so rotating the key does not break
 * cookies in flight.
 */
#ifndef SCTPDK_SCTP_COOKIE_H
#define SCTPDK_SCTP_COOKIE_H

#include <stddef.h>
#include <stdint.h>

#include <sctpdk/sctpdk_error.h>
#include <sctpdk/sctpdk_sctp.h>

#define SCTPDK_COOKIE_KEY_LEN 32
#define SCTPDK_COOKIE_MAC_LEN 32

/*
 * Key slots readable while the owner rotates them: rotation writes the
 * slot the current generation does not use, then publishes the new
 * generation (release). A reader on another thread takes a consistent
 * copy with sctpdk_cookie_keys_snapshot() (retried if a rotation reused
 * the slot it was copying), so sealing cookies needs no lock.
 */
struct sctpdk_cookie_keys {
	uint64_t key[2][SCTPDK_COOKIE_KEY_LEN / 8]; /* accessed as atomic words */
	uint8_t gen;      /* generation of the current key; slot = gen & 1 */
	uint8_t has_prev; /* previous generation still accepted */
};

/* What the cookie carries (host order; serialised by seal/open). */
struct sctpdk_cookie {
	uint64_t created_us;
	uint32_t life_us;
	uint32_t local_vtag;  /* our Initiate Tag (from the INIT ACK) */
	uint32_t peer_vtag;   /* the peer's Initiate Tag (from the INIT) */
	uint32_t local_tsn;   /* our initial TSN */
	uint32_t peer_tsn;    /* the peer's initial TSN */
	uint32_t local_tie;   /* tie-tags (0 when no association existed) */
	uint32_t peer_tie;
	uint32_t peer_rwnd;
	uint32_t peer_adaptation;
	uint16_t out_streams; /* negotiated: min(our OS, peer MIS) */
	uint16_t in_streams;  /* negotiated: min(peer OS, our MIS) */
	uint16_t local_port;
	uint16_t peer_port;
	uint8_t has_adaptation;
	uint8_t n_peer_addrs;
	struct sctpdk_addr peer_addrs[SCTPDK_SCTP_MAX_ADDRS];
};

/* Bytes of a sealed cookie. */
size_t sctpdk_cookie_len(void);

/* Draw the first key from the random source. */
void sctpdk_cookie_keys_init(struct sctpdk_cookie_keys *k, const struct sctpdk_sctp_ops *ops);

/* New current key; the old current one is still accepted. */
void sctpdk_cookie_keys_rotate(struct sctpdk_cookie_keys *k, const struct sctpdk_sctp_ops *ops);

/* Copy the current key and generation of k into out (any thread, while
 * the owner may rotate k). out then seals like k; it does not verify
 * cookies of the previous key. */
void sctpdk_cookie_keys_snapshot(const struct sctpdk_cookie_keys *k,
				 struct sctpdk_cookie_keys *out);

/* Serialise and sign c into out (sctpdk_cookie_len() bytes).
 * Returns the length or SCTPDK_ERR_NOSPACE when cap is too small. */
int sctpdk_cookie_seal(const struct sctpdk_cookie_keys *k, const struct sctpdk_cookie *c,
		       uint8_t *out, size_t cap);

/* Returned by sctpdk_cookie_open for an authentic cookie past its life. */
#define SCTPDK_COOKIE_STALE 1

/*
 * Verify and parse a cookie of len bytes at buf against now_us.
 * Returns 0 (c filled), SCTPDK_COOKIE_STALE (authentic but expired: c
 * filled, *stale_us = how long past its life, as 9260 5.1.3 measures it),
 * SCTPDK_ERR_MALFORMED (wrong length or version) or SCTPDK_ERR_PROTOCOL
 * (MAC mismatch, unknown key generation). The MAC comparison is
 * constant-time.
 */
int sctpdk_cookie_open(const struct sctpdk_cookie_keys *k, const uint8_t *buf, size_t len,
		       uint64_t now_us, struct sctpdk_cookie *c, uint64_t *stale_us);

#endif
