/* SPDX-License-Identifier: BSD-3-Clause */
/* Address parameters: IPv4, IPv6, Host Name Address, Supported Address Types. */
#include <string.h>

#include <sctpdk/sctpdk_error.h>

#include "param.h"

static void
value_reader(const struct sctpdk_param *p, struct sctpdk_rd *rd)
{
	struct sctpdk_span v = sctpdk_param_value(p);
	sctpdk_rd_init(rd, &p->src, v.off, v.len);
}

enum sctpdk_wire_reason
sctpdk_param_addr_decode(const struct sctpdk_param *p, struct sctpdk_addr *a)
{
	struct sctpdk_rd rd;
	memset(a, 0, sizeof(*a));
	if (p->type == SCTPDK_PARAM_IPV4) {
		if (p->len != 8)
			return SCTPDK_WIRE_R_PARAM_BAD_LEN;
		value_reader(p, &rd);
		a->family = SCTPDK_AF_INET;
		sctpdk_rd_bytes(&rd, &a->u.v4, 4);
	} else if (p->type == SCTPDK_PARAM_IPV6) {
		if (p->len != 20)
			return SCTPDK_WIRE_R_PARAM_BAD_LEN;
		value_reader(p, &rd);
		a->family = SCTPDK_AF_INET6;
		sctpdk_rd_bytes(&rd, a->u.v6, 16);
	} else {
		return SCTPDK_WIRE_R_WRONG_TYPE;
	}
	return rd.err != 0 ? SCTPDK_WIRE_R_PAST_END : SCTPDK_WIRE_OK;
}

int
sctpdk_param_addr_encode(struct sctpdk_wr *w, const struct sctpdk_addr *a)
{
	if (a->family == SCTPDK_AF_INET)
		return sctpdk_tlv_put(w, SCTPDK_PARAM_IPV4, &a->u.v4, 4);
	if (a->family == SCTPDK_AF_INET6)
		return sctpdk_tlv_put(w, SCTPDK_PARAM_IPV6, a->u.v6, 16);
	return SCTPDK_ERR_INVAL;
}

enum sctpdk_wire_reason
sctpdk_param_host_name_decode(const struct sctpdk_param *p, struct sctpdk_span *name)
{
	if (p->type != SCTPDK_PARAM_HOST_NAME)
		return SCTPDK_WIRE_R_WRONG_TYPE;
	if (p->len <= SCTPDK_TLV_HDR_LEN)
		return SCTPDK_WIRE_R_PARAM_BAD_LEN;
	*name = sctpdk_param_value(p);
	return SCTPDK_WIRE_OK;
}

int
sctpdk_param_host_name_encode(struct sctpdk_wr *w, const char *name)
{
	if (name == NULL)
		return SCTPDK_ERR_INVAL;
	size_t n = strlen(name) + 1; /* the NUL terminator is part of the value */
	if (n > UINT16_MAX - SCTPDK_TLV_HDR_LEN)
		return SCTPDK_ERR_INVAL;
	return sctpdk_tlv_put(w, SCTPDK_PARAM_HOST_NAME, name, (uint16_t)n);
}

enum sctpdk_wire_reason
sctpdk_param_supported_addr_types_decode(const struct sctpdk_param *p, uint8_t *mask)
{
	if (p->type != SCTPDK_PARAM_SUPPORTED_ADDR_TYPES)
		return SCTPDK_WIRE_R_WRONG_TYPE;
	/* at least one 16-bit type, a whole number of them */
	if (p->len < 6 || (p->len - SCTPDK_TLV_HDR_LEN) % 2 != 0)
		return SCTPDK_WIRE_R_PARAM_BAD_LEN;
	struct sctpdk_rd rd;
	value_reader(p, &rd);
	uint8_t m = 0;
	while (sctpdk_rd_left(&rd) >= 2 && rd.err == 0) {
		uint16_t t = sctpdk_rd_u16(&rd);
		if (t == SCTPDK_PARAM_IPV4)
			m |= SCTPDK_ADDRTYPE_IPV4;
		else if (t == SCTPDK_PARAM_IPV6)
			m |= SCTPDK_ADDRTYPE_IPV6;
		else if (t == SCTPDK_PARAM_HOST_NAME)
			m |= SCTPDK_ADDRTYPE_HOSTNAME;
	}
	*mask = m;
	return rd.err != 0 ? SCTPDK_WIRE_R_PAST_END : SCTPDK_WIRE_OK;
}

int
sctpdk_param_supported_addr_types_encode(struct sctpdk_wr *w, uint8_t mask)
{
	if ((mask & (SCTPDK_ADDRTYPE_IPV4 | SCTPDK_ADDRTYPE_IPV6 | SCTPDK_ADDRTYPE_HOSTNAME)) == 0)
		return SCTPDK_ERR_INVAL;
	uint32_t mark = sctpdk_tlv_begin(w, SCTPDK_PARAM_SUPPORTED_ADDR_TYPES);
	if (mask & SCTPDK_ADDRTYPE_IPV4)
		sctpdk_wr_u16(w, SCTPDK_PARAM_IPV4);
	if (mask & SCTPDK_ADDRTYPE_IPV6)
		sctpdk_wr_u16(w, SCTPDK_PARAM_IPV6);
	if (mask & SCTPDK_ADDRTYPE_HOSTNAME)
		sctpdk_wr_u16(w, SCTPDK_PARAM_HOST_NAME);
	return sctpdk_tlv_end(w, mark);
}
