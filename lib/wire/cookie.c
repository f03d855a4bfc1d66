/* SPDX-License-Identifier: BSD-3-Clause */
#include <stdio.h>

#include <sctpdk/sctpdk_error.h>

#include "cookie.h"

enum sctpdk_wire_reason
sctpdk_cookie_echo_decode(const struct sctpdk_chunk *c, struct sctpdk_cookie_echo *ce)
{
	if (c->type != SCTPDK_CHUNK_COOKIE_ECHO)
		return SCTPDK_WIRE_R_WRONG_TYPE;
	if (c->len <= SCTPDK_CHUNK_HDR_LEN)
		return SCTPDK_WIRE_R_CHUNK_TOO_SHORT;
	ce->cookie_off = c->off + SCTPDK_CHUNK_HDR_LEN;
	ce->cookie_len = (uint16_t)(c->len - SCTPDK_CHUNK_HDR_LEN);
	return SCTPDK_WIRE_OK;
}

int
sctpdk_cookie_echo_encode(struct sctpdk_wr *w, const void *cookie, uint16_t cookie_len)
{
	if (cookie == NULL || cookie_len == 0)
		return SCTPDK_ERR_INVAL;
	uint32_t mark = sctpdk_chunk_begin(w, SCTPDK_CHUNK_COOKIE_ECHO, 0);
	sctpdk_wr_bytes(w, cookie, cookie_len);
	return sctpdk_chunk_end(w, mark);
}

enum sctpdk_wire_reason
sctpdk_cookie_ack_decode(const struct sctpdk_chunk *c)
{
	if (c->type != SCTPDK_CHUNK_COOKIE_ACK)
		return SCTPDK_WIRE_R_WRONG_TYPE;
	return c->len == SCTPDK_CHUNK_HDR_LEN ? SCTPDK_WIRE_OK : SCTPDK_WIRE_R_CHUNK_BAD_LEN;
}

int
sctpdk_cookie_ack_encode(struct sctpdk_wr *w)
{
	return sctpdk_chunk_encode_empty(w, SCTPDK_CHUNK_COOKIE_ACK, 0);
}

int
sctpdk_cookie_echo_format(const struct sctpdk_cookie_echo *ce, char *buf, size_t cap)
{
	return snprintf(buf, cap, "COOKIE ECHO len=%u", ce->cookie_len);
}
