/* SPDX-License-Identifier: BSD-3-Clause */
/* Error causes with numeric fields: Invalid Stream Identifier, Missing
 * Mandatory Parameter, Stale Cookie Error, No User Data. */
#include <sctpdk/sctpdk_error.h>

#include "cause.h"

static void
value_reader(const struct sctpdk_cause *c, struct sctpdk_rd *rd)
{
	struct sctpdk_span v = sctpdk_cause_value(c);
	sctpdk_rd_init(rd, &c->src, v.off, v.len);
}

static enum sctpdk_wire_reason
check(const struct sctpdk_cause *c, uint16_t code, uint16_t len)
{
	if (c->code != code)
		return SCTPDK_WIRE_R_WRONG_TYPE;
	return c->len == len ? SCTPDK_WIRE_OK : SCTPDK_WIRE_R_CAUSE_BAD_LEN;
}

static int
put_u32_cause(struct sctpdk_wr *w, uint16_t code, uint32_t v)
{
	uint32_t mark = sctpdk_tlv_begin(w, code);
	sctpdk_wr_u32(w, v);
	return sctpdk_tlv_end(w, mark);
}

static enum sctpdk_wire_reason
get_u32_cause(const struct sctpdk_cause *c, uint16_t code, uint32_t *v)
{
	enum sctpdk_wire_reason r = check(c, code, 8);
	if (r != SCTPDK_WIRE_OK)
		return r;
	struct sctpdk_rd rd;
	value_reader(c, &rd);
	*v = sctpdk_rd_u32(&rd);
	return rd.err != 0 ? SCTPDK_WIRE_R_PAST_END : SCTPDK_WIRE_OK;
}

enum sctpdk_wire_reason
sctpdk_cause_invalid_stream_decode(const struct sctpdk_cause *c, uint16_t *sid)
{
	uint32_t v;
	enum sctpdk_wire_reason r = get_u32_cause(c, SCTPDK_CAUSE_INVALID_STREAM, &v);
	if (r == SCTPDK_WIRE_OK)
		*sid = (uint16_t)(v >> 16); /* stream id, then 16 reserved bits */
	return r;
}

int
sctpdk_cause_invalid_stream_encode(struct sctpdk_wr *w, uint16_t sid)
{
	return put_u32_cause(w, SCTPDK_CAUSE_INVALID_STREAM, (uint32_t)sid << 16);
}

enum sctpdk_wire_reason
sctpdk_cause_missing_param_decode(const struct sctpdk_cause *c, struct sctpdk_cause_missing *m)
{
	if (c->code != SCTPDK_CAUSE_MISSING_PARAM)
		return SCTPDK_WIRE_R_WRONG_TYPE;
	if (c->len < 8)
		return SCTPDK_WIRE_R_CAUSE_BAD_LEN;
	struct sctpdk_rd rd;
	value_reader(c, &rd);
	m->n = sctpdk_rd_u32(&rd);
	/* every announced type must be present: len == 8 + 2n */
	if (m->n > (uint32_t)(c->len - 8) / 2 || c->len != 8 + 2 * m->n)
		return SCTPDK_WIRE_R_CAUSE_BAD_LEN;
	m->n_stored = m->n < SCTPDK_CAUSE_MAX_MISSING ? (uint16_t)m->n : SCTPDK_CAUSE_MAX_MISSING;
	for (uint16_t k = 0; k < m->n_stored; k++)
		m->types[k] = sctpdk_rd_u16(&rd);
	return rd.err != 0 ? SCTPDK_WIRE_R_PAST_END : SCTPDK_WIRE_OK;
}

int
sctpdk_cause_missing_param_encode(struct sctpdk_wr *w, const uint16_t *types, uint16_t n)
{
	if (types == NULL && n > 0)
		return SCTPDK_ERR_INVAL;
	uint32_t mark = sctpdk_tlv_begin(w, SCTPDK_CAUSE_MISSING_PARAM);
	sctpdk_wr_u32(w, n);
	for (uint16_t k = 0; k < n && w->err == 0; k++)
		sctpdk_wr_u16(w, types[k]);
	return sctpdk_tlv_end(w, mark);
}

enum sctpdk_wire_reason
sctpdk_cause_stale_cookie_decode(const struct sctpdk_cause *c, uint32_t *staleness_us)
{
	return get_u32_cause(c, SCTPDK_CAUSE_STALE_COOKIE, staleness_us);
}

int
sctpdk_cause_stale_cookie_encode(struct sctpdk_wr *w, uint32_t staleness_us)
{
	return put_u32_cause(w, SCTPDK_CAUSE_STALE_COOKIE, staleness_us);
}

enum sctpdk_wire_reason
sctpdk_cause_no_user_data_decode(const struct sctpdk_cause *c, sctpdk_tsn_t *tsn)
{
	uint32_t v = 0;
	enum sctpdk_wire_reason r = get_u32_cause(c, SCTPDK_CAUSE_NO_USER_DATA, &v);
	if (r == SCTPDK_WIRE_OK)
		*tsn = sctpdk_tsn(v);
	return r;
}

int
sctpdk_cause_no_user_data_encode(struct sctpdk_wr *w, sctpdk_tsn_t tsn)
{
	return put_u32_cause(w, SCTPDK_CAUSE_NO_USER_DATA, tsn.v);
}
