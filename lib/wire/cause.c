/* SPDX-License-Identifier: BSD-3-Clause */
/* Error cause view, iterator and format. */
#include <inttypes.h>
#include <stdio.h>

#include <sctpdk/sctpdk_error.h>

#include "cause.h"
#include "tlv.h"

void
sctpdk_cause_iter_init(struct sctpdk_cause_iter *it, const struct sctpdk_chunk *c)
{
	it->src = c->src;
	it->pos = c->off + SCTPDK_CHUNK_HDR_LEN;
	it->end = c->len >= SCTPDK_CHUNK_HDR_LEN ? c->off + c->len : it->pos;
	it->reason = SCTPDK_WIRE_OK;
}

int
sctpdk_cause_iter_next(struct sctpdk_cause_iter *it, struct sctpdk_cause *cause)
{
	struct sctpdk_tlv t;
	int rc = sctpdk_tlv_next(&it->src, &it->pos, it->end, &t, &it->reason);
	if (rc <= 0)
		return rc;
	cause->src = it->src;
	cause->off = t.off;
	cause->code = t.type;
	cause->len = t.len;
	return 1;
}

struct sctpdk_span
sctpdk_cause_value(const struct sctpdk_cause *c)
{
	struct sctpdk_span s = {c->off + SCTPDK_TLV_HDR_LEN,
				c->len >= SCTPDK_TLV_HDR_LEN ? c->len - SCTPDK_TLV_HDR_LEN : 0};
	return s;
}

int
sctpdk_cause_encode(struct sctpdk_wr *w, uint16_t code, const void *info, uint16_t info_len)
{
	if ((info == NULL && info_len > 0) || info_len > UINT16_MAX - SCTPDK_TLV_HDR_LEN)
		return SCTPDK_ERR_INVAL;
	return sctpdk_tlv_put(w, code, info, info_len);
}

int
sctpdk_cause_format(const struct sctpdk_cause *c, char *buf, size_t cap)
{
	const char *name = sctpdk_cause_code_name(c->code);
	enum sctpdk_wire_reason r = SCTPDK_WIRE_OK;
	switch (c->code) {
	case SCTPDK_CAUSE_INVALID_STREAM: {
		uint16_t sid;
		r = sctpdk_cause_invalid_stream_decode(c, &sid);
		if (r == SCTPDK_WIRE_OK)
			return snprintf(buf, cap, "%s sid=%u", name, sid);
		break;
	}
	case SCTPDK_CAUSE_MISSING_PARAM: {
		struct sctpdk_cause_missing m;
		r = sctpdk_cause_missing_param_decode(c, &m);
		if (r == SCTPDK_WIRE_OK)
			return snprintf(buf, cap, "%s n=%" PRIu32 " first=%u", name, m.n,
					m.n_stored > 0 ? m.types[0] : 0);
		break;
	}
	case SCTPDK_CAUSE_STALE_COOKIE: {
		uint32_t us;
		r = sctpdk_cause_stale_cookie_decode(c, &us);
		if (r == SCTPDK_WIRE_OK)
			return snprintf(buf, cap, "%s staleness=%" PRIu32 "us", name, us);
		break;
	}
	case SCTPDK_CAUSE_NO_USER_DATA: {
		sctpdk_tsn_t tsn;
		r = sctpdk_cause_no_user_data_decode(c, &tsn);
		if (r == SCTPDK_WIRE_OK)
			return snprintf(buf, cap, "%s tsn=%" PRIu32, name, tsn.v);
		break;
	}
	case SCTPDK_CAUSE_UNRECOGNIZED_CHUNK: {
		uint8_t type;
		struct sctpdk_span s;
		r = sctpdk_cause_unrecognized_chunk_decode(c, &type, &s);
		if (r == SCTPDK_WIRE_OK)
			return snprintf(buf, cap, "%s type=%u", name, type);
		break;
	}
	default:
		break;
	}
	if (r != SCTPDK_WIRE_OK)
		return snprintf(buf, cap, "%s len=%u malformed: %s", name, c->len,
				sctpdk_wire_reason_str(r));
	if (name != NULL)
		return snprintf(buf, cap, "%s len=%u", name, c->len);
	return snprintf(buf, cap, "cause %u len=%u", c->code, c->len);
}
