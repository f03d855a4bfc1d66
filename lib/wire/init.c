/* SPDX-License-Identifier: BSD-3-Clause */
/* INIT and INIT ACK: fixed part and parameters. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <sctpdk/sctpdk_error.h>

#include "init.h"
#include "param.h"

/* Is this parameter type handled in this chunk type? */
static int
recognised(uint8_t ctype, uint16_t ptype)
{
	switch (ptype) {
	case SCTPDK_PARAM_IPV4:
	case SCTPDK_PARAM_IPV6:
	case SCTPDK_PARAM_HOST_NAME:
	case SCTPDK_PARAM_ECN_CAPABLE:
	case SCTPDK_PARAM_FWD_TSN_SUPPORTED:
	case SCTPDK_PARAM_ADAPTATION:
		return 1;
	case SCTPDK_PARAM_COOKIE_PRESERVATIVE:
	case SCTPDK_PARAM_SUPPORTED_ADDR_TYPES:
		return ctype == SCTPDK_CHUNK_INIT;
	case SCTPDK_PARAM_STATE_COOKIE:
	case SCTPDK_PARAM_UNRECOGNIZED:
		return ctype == SCTPDK_CHUNK_INIT_ACK;
	default:
		return 0;
	}
}

static void
report(struct sctpdk_init *i, const struct sctpdk_param *p)
{
	if (i->n_unrec >= SCTPDK_INIT_MAX_UNREC) {
		i->n_unrec_over++;
		return;
	}
	struct sctpdk_tlv *t = &i->unrec[i->n_unrec++];
	t->off = p->off;
	t->type = p->type;
	t->len = p->len;
}

static enum sctpdk_wire_reason
take_param(struct sctpdk_init *i, const struct sctpdk_param *p)
{
	enum sctpdk_wire_reason r = SCTPDK_WIRE_OK;
	switch (p->type) {
	case SCTPDK_PARAM_IPV4:
	case SCTPDK_PARAM_IPV6: {
		struct sctpdk_addr a;
		r = sctpdk_param_addr_decode(p, &a);
		if (r != SCTPDK_WIRE_OK)
			break;
		if (i->n_addrs < SCTPDK_INIT_MAX_ADDRS)
			i->addrs[i->n_addrs++] = a;
		else if (i->n_addrs_over < UINT16_MAX)
			i->n_addrs_over++;
		break;
	}
	case SCTPDK_PARAM_STATE_COOKIE: {
		struct sctpdk_span v;
		r = sctpdk_param_state_cookie_decode(p, &v);
		if (r == SCTPDK_WIRE_OK && !i->has_cookie) {
			i->has_cookie = 1;
			i->cookie_off = v.off;
			i->cookie_len = (uint16_t)v.len;
		}
		if (i->n_cookies < UINT8_MAX)
			i->n_cookies++;
		break;
	}
	case SCTPDK_PARAM_UNRECOGNIZED: {
		struct sctpdk_span v;
		r = sctpdk_param_unrecognized_decode(p, &v); /* informational only */
		break;
	}
	case SCTPDK_PARAM_COOKIE_PRESERVATIVE:
		r = sctpdk_param_cookie_preservative_decode(p, &i->cookie_preservative_ms);
		i->has_cookie_preservative = r == SCTPDK_WIRE_OK;
		break;
	case SCTPDK_PARAM_HOST_NAME: {
		struct sctpdk_span v;
		r = sctpdk_param_host_name_decode(p, &v);
		if (r == SCTPDK_WIRE_OK && !i->host_name_seen) {
			i->host_name.off = p->off;
			i->host_name.type = p->type;
			i->host_name.len = p->len;
		}
		i->host_name_seen = 1;
		break;
	}
	case SCTPDK_PARAM_SUPPORTED_ADDR_TYPES:
		r = sctpdk_param_supported_addr_types_decode(p, &i->supported_addr_types);
		i->has_supported_addr_types = r == SCTPDK_WIRE_OK;
		break;
	case SCTPDK_PARAM_ECN_CAPABLE:
		r = sctpdk_param_ecn_capable_decode(p);
		i->ecn_capable = r == SCTPDK_WIRE_OK;
		break;
	case SCTPDK_PARAM_FWD_TSN_SUPPORTED:
		r = sctpdk_param_fwd_tsn_supported_decode(p);
		i->fwd_tsn_supported = r == SCTPDK_WIRE_OK;
		break;
	case SCTPDK_PARAM_ADAPTATION:
		r = sctpdk_param_adaptation_decode(p, &i->adaptation_ind);
		i->has_adaptation = r == SCTPDK_WIRE_OK;
		break;
	default:
		break;
	}
	return r;
}

enum sctpdk_wire_reason
sctpdk_init_decode(const struct sctpdk_chunk *c, struct sctpdk_init *i)
{
	memset(i, 0, sizeof(*i));
	if (c->type != SCTPDK_CHUNK_INIT && c->type != SCTPDK_CHUNK_INIT_ACK)
		return SCTPDK_WIRE_R_WRONG_TYPE;
	if (c->len < SCTPDK_INIT_FIXED_LEN)
		return SCTPDK_WIRE_R_CHUNK_TOO_SHORT;
	struct sctpdk_rd rd;
	sctpdk_chunk_value_reader(c, &rd);
	i->init_tag = sctpdk_rd_u32(&rd);
	i->a_rwnd = sctpdk_rd_u32(&rd);
	i->n_out_streams = sctpdk_rd_u16(&rd);
	i->n_in_streams = sctpdk_rd_u16(&rd);
	i->init_tsn = sctpdk_tsn(sctpdk_rd_u32(&rd));
	if (rd.err != 0)
		return SCTPDK_WIRE_R_PAST_END;

	/* structure first: a malformed parameter list drops the chunk */
	enum sctpdk_wire_reason why = SCTPDK_WIRE_OK;
	uint32_t poff = c->off + SCTPDK_INIT_FIXED_LEN;
	if (sctpdk_tlv_walk(&c->src, poff, c->off + c->len, &why) < 0)
		return why;

	struct sctpdk_param_iter it;
	struct sctpdk_param p;
	sctpdk_param_iter_init(&it, &c->src, poff, c->len - SCTPDK_INIT_FIXED_LEN);
	while (sctpdk_param_iter_next(&it, &p) > 0) {
		if (recognised(c->type, p.type)) {
			enum sctpdk_wire_reason r = take_param(i, &p);
			if (r != SCTPDK_WIRE_OK)
				return r;
			continue;
		}
		enum sctpdk_param_action a = sctpdk_param_unknown_action(p.type);
		if (a == SCTPDK_PARAM_STOP_REPORT || a == SCTPDK_PARAM_SKIP_REPORT)
			report(i, &p);
		if (a == SCTPDK_PARAM_STOP || a == SCTPDK_PARAM_STOP_REPORT) {
			i->params_stopped = 1;
			break;
		}
	}
	return SCTPDK_WIRE_OK;
}

uint32_t
sctpdk_init_begin(struct sctpdk_wr *w, uint8_t type, const struct sctpdk_init *i)
{
	uint32_t mark = sctpdk_chunk_begin(w, type, 0);
	sctpdk_wr_u32(w, i->init_tag);
	sctpdk_wr_u32(w, i->a_rwnd);
	sctpdk_wr_u16(w, i->n_out_streams);
	sctpdk_wr_u16(w, i->n_in_streams);
	sctpdk_wr_u32(w, i->init_tsn.v);
	return mark;
}

/* Parameter encoders return 0 or an error; the sticky writer error decides. */
static int
put_params(struct sctpdk_wr *w, uint8_t type, const struct sctpdk_init *i)
{
	int rc = 0;
	for (uint16_t k = 0; k < i->n_addrs && k < SCTPDK_INIT_MAX_ADDRS && rc == 0; k++)
		rc = sctpdk_param_addr_encode(w, &i->addrs[k]);
	if (rc == 0 && type == SCTPDK_CHUNK_INIT_ACK && i->cookie != NULL)
		rc = sctpdk_param_state_cookie_encode(w, i->cookie, i->cookie_len);
	if (rc == 0 && type == SCTPDK_CHUNK_INIT && i->has_cookie_preservative)
		rc = sctpdk_param_cookie_preservative_encode(w, i->cookie_preservative_ms);
	if (rc == 0 && type == SCTPDK_CHUNK_INIT && i->has_supported_addr_types)
		rc = sctpdk_param_supported_addr_types_encode(w, i->supported_addr_types);
	if (rc == 0 && i->ecn_capable)
		rc = sctpdk_param_ecn_capable_encode(w);
	if (rc == 0 && i->fwd_tsn_supported)
		rc = sctpdk_param_fwd_tsn_supported_encode(w);
	if (rc == 0 && i->has_adaptation)
		rc = sctpdk_param_adaptation_encode(w, i->adaptation_ind);
	if (type == SCTPDK_CHUNK_INIT_ACK && i->unrec_src != NULL) {
		for (uint16_t k = 0; k < i->n_unrec && k < SCTPDK_INIT_MAX_UNREC && rc == 0; k++)
			rc = sctpdk_param_unrecognized_encode(w, i->unrec_src, &i->unrec[k]);
	}
	return rc;
}

int
sctpdk_init_encode(struct sctpdk_wr *w, uint8_t type, const struct sctpdk_init *i)
{
	if (type != SCTPDK_CHUNK_INIT && type != SCTPDK_CHUNK_INIT_ACK)
		return SCTPDK_ERR_INVAL;
	uint32_t mark = sctpdk_init_begin(w, type, i);
	int rc = put_params(w, type, i);
	if (rc != 0) {
		w->err = 0;
		w->len = mark;
		return rc;
	}
	return sctpdk_chunk_end(w, mark);
}

int
sctpdk_init_format(uint8_t type, const struct sctpdk_init *i, char *buf, size_t cap)
{
	return snprintf(buf, cap,
			"%s tag=0x%08" PRIx32 " a_rwnd=%" PRIu32 " os=%u mis=%u tsn=%" PRIu32
			" addrs=%u%s cookie=%u%s%s%s unrec=%u%s",
			type == SCTPDK_CHUNK_INIT ? "INIT" : "INIT ACK", i->init_tag, i->a_rwnd,
			i->n_out_streams, i->n_in_streams, i->init_tsn.v, i->n_addrs,
			i->host_name_seen ? " hostname" : "",
			i->has_cookie ? (unsigned)i->cookie_len : 0u,
			i->ecn_capable ? " ecn" : "", i->fwd_tsn_supported ? " fwd-tsn" : "",
			i->has_adaptation ? " adapt" : "", i->n_unrec,
			i->params_stopped ? " stopped" : "");
}
