/* SPDX-License-Identifier: BSD-3-Clause */
#include <stdio.h>

#include <sctpdk/sctpdk_error.h>

#include "abort.h"
#include "cause.h"
#include "tlv.h"

enum sctpdk_wire_reason
sctpdk_abort_decode(const struct sctpdk_chunk *c, struct sctpdk_abort *a)
{
	if (c->type != SCTPDK_CHUNK_ABORT)
		return SCTPDK_WIRE_R_WRONG_TYPE;
	if (c->len < SCTPDK_CHUNK_HDR_LEN)
		return SCTPDK_WIRE_R_CHUNK_TOO_SHORT;
	a->t_bit = (c->flags & SCTPDK_FLAG_T) != 0;
	a->causes_off = c->off + SCTPDK_CHUNK_HDR_LEN;
	a->causes_len = (uint16_t)(c->len - SCTPDK_CHUNK_HDR_LEN);
	enum sctpdk_wire_reason why = SCTPDK_WIRE_OK;
	int n = sctpdk_tlv_walk(&c->src, a->causes_off, a->causes_off + a->causes_len, &why);
	if (n < 0)
		return why;
	a->n_causes = (uint16_t)n;
	return SCTPDK_WIRE_OK;
}

int
sctpdk_abort_encode(struct sctpdk_wr *w, int t_bit, const void *causes, uint16_t causes_len)
{
	if (causes == NULL && causes_len > 0)
		return SCTPDK_ERR_INVAL;
	uint32_t mark = sctpdk_chunk_begin(w, SCTPDK_CHUNK_ABORT, t_bit ? SCTPDK_FLAG_T : 0);
	sctpdk_wr_bytes(w, causes, causes_len);
	return sctpdk_chunk_end(w, mark);
}

int
sctpdk_abort_encode_cause(struct sctpdk_wr *w, int t_bit, uint16_t code, const void *info,
			  uint16_t info_len)
{
	uint32_t mark = sctpdk_chunk_begin(w, SCTPDK_CHUNK_ABORT, t_bit ? SCTPDK_FLAG_T : 0);
	int rc = code != 0 ? sctpdk_cause_encode(w, code, info, info_len) : 0;
	if (rc != 0) { /* the cause did not fit (or is bad): no chunk */
		w->len = mark;
		return rc;
	}
	return sctpdk_chunk_end(w, mark);
}

int
sctpdk_abort_format(const struct sctpdk_abort *a, char *buf, size_t cap)
{
	return snprintf(buf, cap, "ABORT%s causes=%u", a->t_bit ? " T" : "", a->n_causes);
}
