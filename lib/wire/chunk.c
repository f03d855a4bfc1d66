/* SPDX-License-Identifier: BSD-3-Clause */
/* Generic chunk helpers and the one-line format of any chunk. */
#include <stdio.h>

#include <sctpdk/sctpdk_error.h>

#include "sctpdk_wire.h"

int
sctpdk_chunk_type_known(uint8_t type)
{
	return type <= SCTPDK_CHUNK_TYPE_MAX_KNOWN;
}

enum sctpdk_chunk_action
sctpdk_chunk_unknown_action(uint8_t type)
{
	switch (type >> 6) {
	case 0:
		return SCTPDK_CHUNK_STOP;
	case 1:
		return SCTPDK_CHUNK_STOP_REPORT;
	case 2:
		return SCTPDK_CHUNK_SKIP;
	default:
		return SCTPDK_CHUNK_SKIP_REPORT;
	}
}

const char *
sctpdk_chunk_action_str(enum sctpdk_chunk_action a)
{
	switch (a) {
	case SCTPDK_CHUNK_END:
		return "end";
	case SCTPDK_CHUNK_PROCESS:
		return "process";
	case SCTPDK_CHUNK_STOP:
		return "stop";
	case SCTPDK_CHUNK_STOP_REPORT:
		return "stop-report";
	case SCTPDK_CHUNK_SKIP:
		return "skip";
	case SCTPDK_CHUNK_SKIP_REPORT:
		return "skip-report";
	case SCTPDK_CHUNK_NO_USER_DATA:
		return "no-user-data";
	}
	return "?";
}

enum sctpdk_wire_reason
sctpdk_chunk_from_buf(const void *buf, uint32_t len, struct sctpdk_chunk *c)
{
	struct sctpdk_wire_src src = sctpdk_src_buf(buf, len);
	uint32_t pos = 0;
	struct sctpdk_tlv t;
	enum sctpdk_wire_reason why = SCTPDK_WIRE_R_HDR_TRUNC;
	int rc = sctpdk_tlv_next(&src, &pos, len, &t, &why);
	if (rc <= 0)
		return rc == 0 ? SCTPDK_WIRE_R_HDR_TRUNC : why;
	c->src = src;
	c->off = 0;
	c->len = t.len;
	c->type = (uint8_t)(t.type >> 8);
	c->flags = (uint8_t)t.type;
	return SCTPDK_WIRE_OK;
}

void
sctpdk_chunk_value_reader(const struct sctpdk_chunk *c, struct sctpdk_rd *rd)
{
	uint32_t vlen = c->len >= SCTPDK_CHUNK_HDR_LEN ? c->len - SCTPDK_CHUNK_HDR_LEN : 0;
	sctpdk_rd_init(rd, &c->src, c->off + SCTPDK_CHUNK_HDR_LEN, vlen);
}

uint32_t
sctpdk_chunk_begin(struct sctpdk_wr *w, uint8_t type, uint8_t flags)
{
	return sctpdk_tlv_begin(w, (uint16_t)(type << 8 | flags));
}

int
sctpdk_chunk_end(struct sctpdk_wr *w, uint32_t mark)
{
	if (w->err != 0)
		return sctpdk_wr_end(w, mark);
	/* RFC 9260 3.2: the Chunk Length counts the padding of every parameter
	 * but the last one; if the value ends with a TLV's padding, leave it out */
	uint32_t trail = 0;
	if (w->pad_end == w->len && w->pad_len > 0 && w->len - mark >= 8 + w->pad_len &&
	    (w->len - mark) % 4 == 0)
		trail = w->pad_len;
	uint32_t len = w->len - mark - trail;
	if (len > UINT16_MAX) {
		w->len = mark;
		return SCTPDK_ERR_MSGSIZE;
	}
	sctpdk_wr_patch_u16(w, mark + 2, (uint16_t)len);
	sctpdk_wr_zero(w, sctpdk_pad4(len) - len - trail);
	int rc = sctpdk_wr_end(w, mark);
	w->pad_len = 0;
	return rc;
}

int
sctpdk_chunk_encode_empty(struct sctpdk_wr *w, uint8_t type, uint8_t flags)
{
	return sctpdk_chunk_end(w, sctpdk_chunk_begin(w, type, flags));
}

int
sctpdk_chunk_copy(struct sctpdk_wr *w, const struct sctpdk_chunk *c)
{
	uint32_t mark = sctpdk_wr_mark(w);
	/* fresh zero padding: the received one may be absent or not zero */
	sctpdk_wr_src(w, &c->src, c->off, c->len);
	sctpdk_wr_zero(w, sctpdk_pad4(c->len) - c->len);
	return sctpdk_wr_end(w, mark);
}

static int
format_causes(const struct sctpdk_chunk *c, char *buf, size_t cap, int n)
{
	struct sctpdk_cause_iter it;
	struct sctpdk_cause cause;
	sctpdk_cause_iter_init(&it, c);
	int k = 0;
	while (sctpdk_cause_iter_next(&it, &cause) > 0 && k < 4) {
		size_t used = (size_t)n < cap ? (size_t)n : cap;
		n += snprintf(buf + used, cap - used, " [");
		used = (size_t)n < cap ? (size_t)n : cap;
		n += sctpdk_cause_format(&cause, buf + used, cap - used);
		used = (size_t)n < cap ? (size_t)n : cap;
		n += snprintf(buf + used, cap - used, "]");
		k++;
	}
	return n;
}

int
sctpdk_chunk_format(const struct sctpdk_chunk *c, char *buf, size_t cap)
{
	enum sctpdk_wire_reason r = SCTPDK_WIRE_OK;
	int n = 0;
	switch (c->type) {
	case SCTPDK_CHUNK_DATA: {
		struct sctpdk_data d;
		r = sctpdk_data_decode(c, &d);
		if (r == SCTPDK_WIRE_OK || r == SCTPDK_WIRE_R_NO_USER_DATA)
			return sctpdk_data_format(&d, buf, cap);
		break;
	}
	case SCTPDK_CHUNK_INIT:
	case SCTPDK_CHUNK_INIT_ACK: {
		struct sctpdk_init i;
		r = sctpdk_init_decode(c, &i);
		if (r == SCTPDK_WIRE_OK)
			return sctpdk_init_format(c->type, &i, buf, cap);
		break;
	}
	case SCTPDK_CHUNK_SACK: {
		struct sctpdk_sack s;
		r = sctpdk_sack_decode(c, &s);
		if (r == SCTPDK_WIRE_OK)
			return sctpdk_sack_format(&s, buf, cap);
		break;
	}
	case SCTPDK_CHUNK_HEARTBEAT:
	case SCTPDK_CHUNK_HEARTBEAT_ACK: {
		struct sctpdk_heartbeat hb;
		r = sctpdk_heartbeat_decode(c, &hb);
		if (r == SCTPDK_WIRE_OK)
			return sctpdk_heartbeat_format(c->type, &hb, buf, cap);
		break;
	}
	case SCTPDK_CHUNK_ABORT: {
		struct sctpdk_abort a;
		r = sctpdk_abort_decode(c, &a);
		if (r == SCTPDK_WIRE_OK)
			return format_causes(c, buf, cap, sctpdk_abort_format(&a, buf, cap));
		break;
	}
	case SCTPDK_CHUNK_ERROR: {
		struct sctpdk_error_chunk e;
		r = sctpdk_error_chunk_decode(c, &e);
		if (r == SCTPDK_WIRE_OK)
			return format_causes(c, buf, cap, sctpdk_error_chunk_format(&e, buf, cap));
		break;
	}
	case SCTPDK_CHUNK_SHUTDOWN: {
		sctpdk_tsn_t cum;
		r = sctpdk_shutdown_decode(c, &cum);
		if (r == SCTPDK_WIRE_OK)
			return sctpdk_shutdown_format(cum, buf, cap);
		break;
	}
	case SCTPDK_CHUNK_COOKIE_ECHO: {
		struct sctpdk_cookie_echo ce;
		r = sctpdk_cookie_echo_decode(c, &ce);
		if (r == SCTPDK_WIRE_OK)
			return sctpdk_cookie_echo_format(&ce, buf, cap);
		break;
	}
	case SCTPDK_CHUNK_ECNE:
	case SCTPDK_CHUNK_CWR: {
		sctpdk_tsn_t tsn;
		r = sctpdk_ecn_decode(c, &tsn);
		if (r == SCTPDK_WIRE_OK)
			return snprintf(buf, cap, "%s tsn=%u", sctpdk_chunk_type_name(c->type),
					tsn.v);
		break;
	}
	case SCTPDK_CHUNK_SHUTDOWN_ACK:
	case SCTPDK_CHUNK_COOKIE_ACK:
	case SCTPDK_CHUNK_SHUTDOWN_COMPLETE:
		if (c->len != SCTPDK_CHUNK_HDR_LEN)
			r = SCTPDK_WIRE_R_CHUNK_BAD_LEN;
		else
			return snprintf(buf, cap, "%s%s", sctpdk_chunk_type_name(c->type),
					c->type == SCTPDK_CHUNK_SHUTDOWN_COMPLETE &&
							(c->flags & SCTPDK_FLAG_T)
						? " T"
						: "");
		break;
	default:
		return snprintf(buf, cap, "chunk type=%u flags=0x%02x len=%u (%s)", c->type,
				c->flags, c->len,
				sctpdk_chunk_action_str(sctpdk_chunk_unknown_action(c->type)));
	}
	n = snprintf(buf, cap, "%s flags=0x%02x len=%u malformed: %s",
		     sctpdk_chunk_type_name(c->type), c->flags, c->len, sctpdk_wire_reason_str(r));
	return n;
}
