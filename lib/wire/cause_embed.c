/* SPDX-License-Identifier: BSD-3-Clause */
/* Error causes carrying bytes: Unresolvable Address, Unrecognized Chunk
 * Type, Unrecognized Parameters, Restart with New Addresses, User-Initiated
 * Abort, Protocol Violation. */
#include <sctpdk/sctpdk_error.h>

#include "cause.h"

static enum sctpdk_wire_reason
span_decode(const struct sctpdk_cause *c, uint16_t code, uint32_t min_value,
	    struct sctpdk_span *v)
{
	if (c->code != code)
		return SCTPDK_WIRE_R_WRONG_TYPE;
	*v = sctpdk_cause_value(c);
	return v->len >= min_value ? SCTPDK_WIRE_OK : SCTPDK_WIRE_R_CAUSE_BAD_LEN;
}

static int
bytes_encode(struct sctpdk_wr *w, uint16_t code, const void *p, uint16_t len)
{
	if ((p == NULL && len > 0) || len > UINT16_MAX - SCTPDK_TLV_HDR_LEN)
		return SCTPDK_ERR_INVAL;
	return sctpdk_tlv_put(w, code, p, len);
}

enum sctpdk_wire_reason
sctpdk_cause_unresolvable_addr_decode(const struct sctpdk_cause *c, struct sctpdk_param *addr)
{
	struct sctpdk_span v;
	enum sctpdk_wire_reason r = span_decode(c, SCTPDK_CAUSE_UNRESOLVABLE_ADDR, 4, &v);
	if (r != SCTPDK_WIRE_OK)
		return r;
	struct sctpdk_param_iter it;
	sctpdk_param_iter_init(&it, &c->src, v.off, v.len);
	if (sctpdk_param_iter_next(&it, addr) <= 0)
		return SCTPDK_WIRE_R_CAUSE_BAD_LEN;
	return SCTPDK_WIRE_OK;
}

int
sctpdk_cause_unresolvable_addr_encode(struct sctpdk_wr *w, const struct sctpdk_wire_src *src,
				      const struct sctpdk_tlv *t)
{
	if (t->len < SCTPDK_TLV_HDR_LEN || t->len > UINT16_MAX - 8)
		return SCTPDK_ERR_INVAL;
	uint32_t mark = sctpdk_tlv_begin(w, SCTPDK_CAUSE_UNRESOLVABLE_ADDR);
	sctpdk_wr_src(w, src, t->off, t->len);
	return sctpdk_tlv_end(w, mark);
}

enum sctpdk_wire_reason
sctpdk_cause_unrecognized_chunk_decode(const struct sctpdk_cause *c, uint8_t *type,
				       struct sctpdk_span *chunk)
{
	enum sctpdk_wire_reason r =
		span_decode(c, SCTPDK_CAUSE_UNRECOGNIZED_CHUNK, SCTPDK_CHUNK_HDR_LEN, chunk);
	if (r != SCTPDK_WIRE_OK)
		return r;
	struct sctpdk_rd rd;
	sctpdk_rd_init(&rd, &c->src, chunk->off, 1);
	*type = sctpdk_rd_u8(&rd);
	return rd.err != 0 ? SCTPDK_WIRE_R_PAST_END : SCTPDK_WIRE_OK;
}

int
sctpdk_cause_unrecognized_chunk_encode(struct sctpdk_wr *w, const struct sctpdk_chunk *rc)
{
	if (rc->len < SCTPDK_CHUNK_HDR_LEN || rc->len > UINT16_MAX - 8)
		return SCTPDK_ERR_INVAL;
	uint32_t mark = sctpdk_tlv_begin(w, SCTPDK_CAUSE_UNRECOGNIZED_CHUNK);
	sctpdk_wr_src(w, &rc->src, rc->off, rc->len);
	return sctpdk_tlv_end(w, mark);
}

enum sctpdk_wire_reason
sctpdk_cause_unrecognized_params_decode(const struct sctpdk_cause *c, struct sctpdk_span *params)
{
	return span_decode(c, SCTPDK_CAUSE_UNRECOGNIZED_PARAMS, SCTPDK_TLV_HDR_LEN, params);
}

int
sctpdk_cause_unrecognized_params_encode(struct sctpdk_wr *w, const struct sctpdk_wire_src *src,
					const struct sctpdk_tlv *t, uint16_t n)
{
	if (t == NULL || n == 0)
		return SCTPDK_ERR_INVAL;
	uint32_t mark = sctpdk_tlv_begin(w, SCTPDK_CAUSE_UNRECOGNIZED_PARAMS);
	for (uint16_t k = 0; k < n && w->err == 0; k++) {
		sctpdk_wr_src(w, src, t[k].off, t[k].len);
		if (k + 1 < n) /* inner padding, except after the last one */
			sctpdk_wr_zero(w, sctpdk_pad4(t[k].len) - t[k].len);
	}
	return sctpdk_tlv_end(w, mark);
}

enum sctpdk_wire_reason
sctpdk_cause_restart_new_addrs_decode(const struct sctpdk_cause *c, struct sctpdk_span *addrs)
{
	return span_decode(c, SCTPDK_CAUSE_RESTART_NEW_ADDRS, 0, addrs);
}

int
sctpdk_cause_restart_new_addrs_encode(struct sctpdk_wr *w, const struct sctpdk_addr *addrs,
				      uint16_t n)
{
	if (addrs == NULL && n > 0)
		return SCTPDK_ERR_INVAL;
	uint32_t mark = sctpdk_tlv_begin(w, SCTPDK_CAUSE_RESTART_NEW_ADDRS);
	for (uint16_t k = 0; k < n; k++) {
		int rc = sctpdk_param_addr_encode(w, &addrs[k]);
		if (rc != 0) {
			w->err = 0;
			w->len = mark;
			return rc;
		}
	}
	return sctpdk_tlv_end(w, mark);
}

enum sctpdk_wire_reason
sctpdk_cause_user_abort_decode(const struct sctpdk_cause *c, struct sctpdk_span *reason)
{
	return span_decode(c, SCTPDK_CAUSE_USER_ABORT, 0, reason);
}

int
sctpdk_cause_user_abort_encode(struct sctpdk_wr *w, const void *reason, uint16_t len)
{
	return bytes_encode(w, SCTPDK_CAUSE_USER_ABORT, reason, len);
}

enum sctpdk_wire_reason
sctpdk_cause_protocol_violation_decode(const struct sctpdk_cause *c, struct sctpdk_span *info)
{
	return span_decode(c, SCTPDK_CAUSE_PROTOCOL_VIOLATION, 0, info);
}

int
sctpdk_cause_protocol_violation_encode(struct sctpdk_wr *w, const void *info, uint16_t len)
{
	return bytes_encode(w, SCTPDK_CAUSE_PROTOCOL_VIOLATION, info, len);
}
