/* SPDX-License-Identifier: BSD-3-Clause */
/* Heartbeat Info, State Cookie, Unrecognized Parameter, Cookie Preservative,
 * ECN Capable, Forward-TSN-Supported, Adaptation Layer Indication. */
#include <sctpdk/sctpdk_error.h>

#include "param.h"

static enum sctpdk_wire_reason
span_decode(const struct sctpdk_param *p, uint16_t type, struct sctpdk_span *v)
{
	if (p->type != type)
		return SCTPDK_WIRE_R_WRONG_TYPE;
	*v = sctpdk_param_value(p);
	return SCTPDK_WIRE_OK;
}

static enum sctpdk_wire_reason
u32_decode(const struct sctpdk_param *p, uint16_t type, uint32_t *v)
{
	if (p->type != type)
		return SCTPDK_WIRE_R_WRONG_TYPE;
	if (p->len != 8)
		return SCTPDK_WIRE_R_PARAM_BAD_LEN;
	struct sctpdk_rd rd;
	sctpdk_rd_init(&rd, &p->src, p->off + SCTPDK_TLV_HDR_LEN, 4);
	*v = sctpdk_rd_u32(&rd);
	return rd.err != 0 ? SCTPDK_WIRE_R_PAST_END : SCTPDK_WIRE_OK;
}

static int
u32_encode(struct sctpdk_wr *w, uint16_t type, uint32_t v)
{
	uint32_t mark = sctpdk_tlv_begin(w, type);
	sctpdk_wr_u32(w, v);
	return sctpdk_tlv_end(w, mark);
}

static enum sctpdk_wire_reason
empty_decode(const struct sctpdk_param *p, uint16_t type)
{
	if (p->type != type)
		return SCTPDK_WIRE_R_WRONG_TYPE;
	return p->len == SCTPDK_TLV_HDR_LEN ? SCTPDK_WIRE_OK : SCTPDK_WIRE_R_PARAM_BAD_LEN;
}

enum sctpdk_wire_reason
sctpdk_param_heartbeat_info_decode(const struct sctpdk_param *p, struct sctpdk_span *info)
{
	return span_decode(p, SCTPDK_PARAM_HEARTBEAT_INFO, info);
}

int
sctpdk_param_heartbeat_info_encode(struct sctpdk_wr *w, const void *info, uint16_t len)
{
	if (len > UINT16_MAX - SCTPDK_TLV_HDR_LEN)
		return SCTPDK_ERR_INVAL;
	return sctpdk_tlv_put(w, SCTPDK_PARAM_HEARTBEAT_INFO, info, len);
}

enum sctpdk_wire_reason
sctpdk_param_state_cookie_decode(const struct sctpdk_param *p, struct sctpdk_span *cookie)
{
	return span_decode(p, SCTPDK_PARAM_STATE_COOKIE, cookie);
}

int
sctpdk_param_state_cookie_encode(struct sctpdk_wr *w, const void *cookie, uint16_t len)
{
	if (len > UINT16_MAX - SCTPDK_TLV_HDR_LEN)
		return SCTPDK_ERR_INVAL;
	return sctpdk_tlv_put(w, SCTPDK_PARAM_STATE_COOKIE, cookie, len);
}

enum sctpdk_wire_reason
sctpdk_param_unrecognized_decode(const struct sctpdk_param *p, struct sctpdk_span *reported)
{
	enum sctpdk_wire_reason r = span_decode(p, SCTPDK_PARAM_UNRECOGNIZED, reported);
	if (r == SCTPDK_WIRE_OK && reported->len < SCTPDK_TLV_HDR_LEN)
		return SCTPDK_WIRE_R_PARAM_BAD_LEN;
	return r;
}

int
sctpdk_param_unrecognized_encode(struct sctpdk_wr *w, const struct sctpdk_wire_src *src,
				 const struct sctpdk_tlv *t)
{
	if (t->len < SCTPDK_TLV_HDR_LEN || t->len > UINT16_MAX - 8)
		return SCTPDK_ERR_INVAL;
	uint32_t mark = sctpdk_tlv_begin(w, SCTPDK_PARAM_UNRECOGNIZED);
	/* the wrapped parameter with its own padding, so the length covers it */
	sctpdk_wr_src(w, src, t->off, t->len);
	sctpdk_wr_zero(w, sctpdk_pad4(t->len) - t->len);
	return sctpdk_tlv_end(w, mark);
}

enum sctpdk_wire_reason
sctpdk_param_cookie_preservative_decode(const struct sctpdk_param *p, uint32_t *inc_ms)
{
	return u32_decode(p, SCTPDK_PARAM_COOKIE_PRESERVATIVE, inc_ms);
}

int
sctpdk_param_cookie_preservative_encode(struct sctpdk_wr *w, uint32_t inc_ms)
{
	return u32_encode(w, SCTPDK_PARAM_COOKIE_PRESERVATIVE, inc_ms);
}

enum sctpdk_wire_reason
sctpdk_param_ecn_capable_decode(const struct sctpdk_param *p)
{
	return empty_decode(p, SCTPDK_PARAM_ECN_CAPABLE);
}

int
sctpdk_param_ecn_capable_encode(struct sctpdk_wr *w)
{
	return sctpdk_tlv_put(w, SCTPDK_PARAM_ECN_CAPABLE, NULL, 0);
}

enum sctpdk_wire_reason
sctpdk_param_fwd_tsn_supported_decode(const struct sctpdk_param *p)
{
	return empty_decode(p, SCTPDK_PARAM_FWD_TSN_SUPPORTED);
}

int
sctpdk_param_fwd_tsn_supported_encode(struct sctpdk_wr *w)
{
	return sctpdk_tlv_put(w, SCTPDK_PARAM_FWD_TSN_SUPPORTED, NULL, 0);
}

enum sctpdk_wire_reason
sctpdk_param_adaptation_decode(const struct sctpdk_param *p, uint32_t *ind)
{
	return u32_decode(p, SCTPDK_PARAM_ADAPTATION, ind);
}

int
sctpdk_param_adaptation_encode(struct sctpdk_wr *w, uint32_t ind)
{
	return u32_encode(w, SCTPDK_PARAM_ADAPTATION, ind);
}
