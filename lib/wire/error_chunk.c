/* SPDX-License-Identifier: BSD-3-Clause */
#include <stdio.h>

#include <sctpdk/sctpdk_error.h>

#include "cause.h"
#include "error_chunk.h"
#include "tlv.h"

enum sctpdk_wire_reason
sctpdk_error_chunk_decode(const struct sctpdk_chunk *c, struct sctpdk_error_chunk *e)
{
	if (c->type != SCTPDK_CHUNK_ERROR)
		return SCTPDK_WIRE_R_WRONG_TYPE;
	if (c->len < SCTPDK_CHUNK_HDR_LEN)
		return SCTPDK_WIRE_R_CHUNK_TOO_SHORT;
	e->causes_off = c->off + SCTPDK_CHUNK_HDR_LEN;
	e->causes_len = (uint16_t)(c->len - SCTPDK_CHUNK_HDR_LEN);
	enum sctpdk_wire_reason why = SCTPDK_WIRE_OK;
	int n = sctpdk_tlv_walk(&c->src, e->causes_off, e->causes_off + e->causes_len, &why);
	if (n < 0)
		return why;
	e->n_causes = (uint16_t)n;
	return SCTPDK_WIRE_OK;
}

int
sctpdk_error_chunk_encode(struct sctpdk_wr *w, const void *causes, uint16_t causes_len)
{
	if (causes == NULL || causes_len < SCTPDK_TLV_HDR_LEN)
		return SCTPDK_ERR_INVAL;
	uint32_t mark = sctpdk_chunk_begin(w, SCTPDK_CHUNK_ERROR, 0);
	sctpdk_wr_bytes(w, causes, causes_len);
	return sctpdk_chunk_end(w, mark);
}

int
sctpdk_error_chunk_encode_cause(struct sctpdk_wr *w, uint16_t code, const void *info,
				uint16_t info_len)
{
	uint32_t mark = sctpdk_chunk_begin(w, SCTPDK_CHUNK_ERROR, 0);
	int rc = sctpdk_cause_encode(w, code, info, info_len);
	if (rc != 0) { /* the cause did not fit (or is bad): no chunk */
		w->len = mark;
		return rc;
	}
	return sctpdk_chunk_end(w, mark);
}

int
sctpdk_error_chunk_format(const struct sctpdk_error_chunk *e, char *buf, size_t cap)
{
	return snprintf(buf, cap, "ERROR causes=%u", e->n_causes);
}
