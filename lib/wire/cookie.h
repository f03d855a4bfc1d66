/* SPDX-License-Identifier: BSD-3-Clause */
/* COOKIE ECHO and COOKIE ACK chunks (RFC 9260 3.3.11, 3.3.12). */
#ifndef SCTPDK_WIRE_COOKIE_H
#define SCTPDK_WIRE_COOKIE_H

#include <stddef.h>
#include <stdint.h>

#include "chunk.h"

struct sctpdk_cookie_echo {
	uint32_t cookie_off; /* absolute offset of the cookie bytes in the source */
	uint16_t cookie_len; /* Chunk Length - 4 */
};

/*
 * Decode a COOKIE ECHO (the cookie is not copied: read cookie_len bytes at
 * cookie_off, e.g. with sctpdk_src_copy()).
 * Returns SCTPDK_WIRE_OK, R_WRONG_TYPE, R_CHUNK_TOO_SHORT (empty cookie).
 */
enum sctpdk_wire_reason sctpdk_cookie_echo_decode(const struct sctpdk_chunk *c,
						  struct sctpdk_cookie_echo *ce);

/* COOKIE ECHO carrying cookie_len (> 0) bytes.
 * Returns 0, SCTPDK_ERR_INVAL, SCTPDK_ERR_NOSPACE, SCTPDK_ERR_MSGSIZE. */
int sctpdk_cookie_echo_encode(struct sctpdk_wr *w, const void *cookie, uint16_t cookie_len);

/* COOKIE ACK: Chunk Length must be 4.
 * Returns SCTPDK_WIRE_OK, R_WRONG_TYPE, R_CHUNK_BAD_LEN. */
enum sctpdk_wire_reason sctpdk_cookie_ack_decode(const struct sctpdk_chunk *c);
int sctpdk_cookie_ack_encode(struct sctpdk_wr *w);

/* "COOKIE ECHO len=64". */
int sctpdk_cookie_echo_format(const struct sctpdk_cookie_echo *ce, char *buf, size_t cap);

#endif
