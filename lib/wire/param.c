/* SPDX-License-Identifier: BSD-3-Clause */
/* Parameter view, iterator, unknown-type rule and format. */
#include <inttypes.h>
#include <stdio.h>

#include <sctpdk/sctpdk_error.h>

#include "param.h"

enum sctpdk_param_action
sctpdk_param_unknown_action(uint16_t type)
{
	switch (type >> 14) {
	case 0:
		return SCTPDK_PARAM_STOP;
	case 1:
		return SCTPDK_PARAM_STOP_REPORT;
	case 2:
		return SCTPDK_PARAM_SKIP;
	default:
		return SCTPDK_PARAM_SKIP_REPORT;
	}
}

void
sctpdk_param_iter_init(struct sctpdk_param_iter *it, const struct sctpdk_wire_src *src,
		       uint32_t off, uint32_t len)
{
	it->src = *src;
	it->pos = off;
	it->end = (off <= src->len && len <= src->len - off) ? off + len : src->len;
	it->reason = SCTPDK_WIRE_OK;
}

int
sctpdk_param_iter_next(struct sctpdk_param_iter *it, struct sctpdk_param *p)
{
	struct sctpdk_tlv t;
	int rc = sctpdk_tlv_next(&it->src, &it->pos, it->end, &t, &it->reason);
	if (rc <= 0)
		return rc;
	p->src = it->src;
	p->off = t.off;
	p->type = t.type;
	p->len = t.len;
	return 1;
}

struct sctpdk_span
sctpdk_param_value(const struct sctpdk_param *p)
{
	struct sctpdk_span s = {p->off + SCTPDK_TLV_HDR_LEN,
				p->len >= SCTPDK_TLV_HDR_LEN ? p->len - SCTPDK_TLV_HDR_LEN : 0};
	return s;
}

int
sctpdk_param_copy(struct sctpdk_wr *w, const struct sctpdk_wire_src *src,
		  const struct sctpdk_tlv *t)
{
	uint32_t mark = sctpdk_wr_mark(w);
	sctpdk_wr_src(w, src, t->off, t->len);
	sctpdk_wr_zero(w, sctpdk_pad4(t->len) - t->len);
	return sctpdk_wr_end(w, mark);
}

int
sctpdk_param_format(const struct sctpdk_param *p, char *buf, size_t cap)
{
	const char *name = sctpdk_param_type_name(p->type);
	switch (p->type) {
	case SCTPDK_PARAM_IPV4:
	case SCTPDK_PARAM_IPV6: {
		struct sctpdk_addr a;
		if (sctpdk_param_addr_decode(p, &a) != SCTPDK_WIRE_OK)
			break;
		const uint8_t *b = a.family == SCTPDK_AF_INET ? (const uint8_t *)&a.u.v4 : a.u.v6;
		if (a.family == SCTPDK_AF_INET)
			return snprintf(buf, cap, "IPv4 %u.%u.%u.%u", b[0], b[1], b[2], b[3]);
		return snprintf(buf, cap,
				"IPv6 %02x%02x:%02x%02x:%02x%02x:%02x%02x:%02x%02x:%02x%02x:"
				"%02x%02x:%02x%02x",
				b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10],
				b[11], b[12], b[13], b[14], b[15]);
	}
	case SCTPDK_PARAM_COOKIE_PRESERVATIVE: {
		uint32_t ms;
		if (sctpdk_param_cookie_preservative_decode(p, &ms) == SCTPDK_WIRE_OK)
			return snprintf(buf, cap, "Cookie Preservative +%" PRIu32 "ms", ms);
		break;
	}
	case SCTPDK_PARAM_SUPPORTED_ADDR_TYPES: {
		uint8_t mask;
		if (sctpdk_param_supported_addr_types_decode(p, &mask) == SCTPDK_WIRE_OK)
			return snprintf(buf, cap, "Supported Address Types%s%s%s",
					(mask & SCTPDK_ADDRTYPE_IPV4) ? " IPv4" : "",
					(mask & SCTPDK_ADDRTYPE_IPV6) ? " IPv6" : "",
					(mask & SCTPDK_ADDRTYPE_HOSTNAME) ? " HostName" : "");
		break;
	}
	case SCTPDK_PARAM_ADAPTATION: {
		uint32_t ind;
		if (sctpdk_param_adaptation_decode(p, &ind) == SCTPDK_WIRE_OK)
			return snprintf(buf, cap, "Adaptation Layer Indication 0x%08" PRIx32, ind);
		break;
	}
	default:
		break;
	}
	if (name != NULL)
		return snprintf(buf, cap, "%s len=%u", name, p->len);
	return snprintf(buf, cap, "param 0x%04x len=%u", p->type, p->len);
}
