/* SPDX-License-Identifier: BSD-3-Clause */
#include <inttypes.h>
#include <stdio.h>

#include <sctpdk/sctpdk_error.h>

#include "shutdown.h"

enum sctpdk_wire_reason
sctpdk_shutdown_decode(const struct sctpdk_chunk *c, sctpdk_tsn_t *cum_tsn)
{
	if (c->type != SCTPDK_CHUNK_SHUTDOWN)
		return SCTPDK_WIRE_R_WRONG_TYPE;
	if (c->len != 8)
		return SCTPDK_WIRE_R_CHUNK_BAD_LEN;
	struct sctpdk_rd rd;
	sctpdk_chunk_value_reader(c, &rd);
	*cum_tsn = sctpdk_tsn(sctpdk_rd_u32(&rd));
	return rd.err != 0 ? SCTPDK_WIRE_R_PAST_END : SCTPDK_WIRE_OK;
}

int
sctpdk_shutdown_encode(struct sctpdk_wr *w, sctpdk_tsn_t cum_tsn)
{
	uint32_t mark = sctpdk_chunk_begin(w, SCTPDK_CHUNK_SHUTDOWN, 0);
	sctpdk_wr_u32(w, cum_tsn.v);
	return sctpdk_chunk_end(w, mark);
}

enum sctpdk_wire_reason
sctpdk_shutdown_ack_decode(const struct sctpdk_chunk *c)
{
	if (c->type != SCTPDK_CHUNK_SHUTDOWN_ACK)
		return SCTPDK_WIRE_R_WRONG_TYPE;
	return c->len == SCTPDK_CHUNK_HDR_LEN ? SCTPDK_WIRE_OK : SCTPDK_WIRE_R_CHUNK_BAD_LEN;
}

int
sctpdk_shutdown_ack_encode(struct sctpdk_wr *w)
{
	return sctpdk_chunk_encode_empty(w, SCTPDK_CHUNK_SHUTDOWN_ACK, 0);
}

enum sctpdk_wire_reason
sctpdk_shutdown_complete_decode(const struct sctpdk_chunk *c, uint8_t *t_bit)
{
	if (c->type != SCTPDK_CHUNK_SHUTDOWN_COMPLETE)
		return SCTPDK_WIRE_R_WRONG_TYPE;
	if (c->len != SCTPDK_CHUNK_HDR_LEN)
		return SCTPDK_WIRE_R_CHUNK_BAD_LEN;
	*t_bit = (c->flags & SCTPDK_FLAG_T) != 0;
	return SCTPDK_WIRE_OK;
}

int
sctpdk_shutdown_complete_encode(struct sctpdk_wr *w, int t_bit)
{
	return sctpdk_chunk_encode_empty(w, SCTPDK_CHUNK_SHUTDOWN_COMPLETE,
					 t_bit ? SCTPDK_FLAG_T : 0);
}

int
sctpdk_shutdown_format(sctpdk_tsn_t cum_tsn, char *buf, size_t cap)
{
	return snprintf(buf, cap, "SHUTDOWN cum=%" PRIu32, cum_tsn.v);
}
