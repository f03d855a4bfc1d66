/* SPDX-License-Identifier: BSD-3-Clause */
#include <sctpdk/sctpdk_error.h>

#include "ecn.h"

enum sctpdk_wire_reason
sctpdk_ecn_decode(const struct sctpdk_chunk *c, sctpdk_tsn_t *tsn)
{
	if (c->type != SCTPDK_CHUNK_ECNE && c->type != SCTPDK_CHUNK_CWR)
		return SCTPDK_WIRE_R_WRONG_TYPE;
	if (c->len != 8)
		return SCTPDK_WIRE_R_CHUNK_BAD_LEN;
	struct sctpdk_rd rd;
	sctpdk_chunk_value_reader(c, &rd);
	*tsn = sctpdk_tsn(sctpdk_rd_u32(&rd));
	return rd.err != 0 ? SCTPDK_WIRE_R_PAST_END : SCTPDK_WIRE_OK;
}

int
sctpdk_ecn_encode(struct sctpdk_wr *w, uint8_t type, sctpdk_tsn_t tsn)
{
	if (type != SCTPDK_CHUNK_ECNE && type != SCTPDK_CHUNK_CWR)
		return SCTPDK_ERR_INVAL;
	uint32_t mark = sctpdk_chunk_begin(w, type, 0);
	sctpdk_wr_u32(w, tsn.v);
	return sctpdk_chunk_end(w, mark);
}
