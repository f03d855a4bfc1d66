/* SPDX-License-Identifier: BSD-3-Clause */
/* Chunk iterator over one SCTP packet: whole-packet structure check, then
 * chunk by chunk with the action the receiver must take. */
#include <rte_mbuf.h>

#include "iter.h"
#include "tlv.h"

/* Minimum Chunk Length per recognised type; exact[] marks fixed sizes. */
static const uint16_t min_len[SCTPDK_CHUNK_TYPE_MAX_KNOWN + 1] = {
	[SCTPDK_CHUNK_DATA] = SCTPDK_DATA_HDR_LEN,
	[SCTPDK_CHUNK_INIT] = SCTPDK_INIT_FIXED_LEN,
	[SCTPDK_CHUNK_INIT_ACK] = SCTPDK_INIT_FIXED_LEN,
	[SCTPDK_CHUNK_SACK] = SCTPDK_SACK_FIXED_LEN,
	[SCTPDK_CHUNK_HEARTBEAT] = 8,
	[SCTPDK_CHUNK_HEARTBEAT_ACK] = 8,
	[SCTPDK_CHUNK_ABORT] = 4,
	[SCTPDK_CHUNK_SHUTDOWN] = 8,
	[SCTPDK_CHUNK_SHUTDOWN_ACK] = 4,
	[SCTPDK_CHUNK_ERROR] = 4,
	[SCTPDK_CHUNK_COOKIE_ECHO] = 4,
	[SCTPDK_CHUNK_COOKIE_ACK] = 4,
	[SCTPDK_CHUNK_ECNE] = 8,
	[SCTPDK_CHUNK_CWR] = 8,
	[SCTPDK_CHUNK_SHUTDOWN_COMPLETE] = 4,
};

static const uint8_t exact[SCTPDK_CHUNK_TYPE_MAX_KNOWN + 1] = {
	[SCTPDK_CHUNK_SHUTDOWN] = 1,	[SCTPDK_CHUNK_SHUTDOWN_ACK] = 1,
	[SCTPDK_CHUNK_COOKIE_ACK] = 1,	[SCTPDK_CHUNK_ECNE] = 1,
	[SCTPDK_CHUNK_CWR] = 1,		[SCTPDK_CHUNK_SHUTDOWN_COMPLETE] = 1,
};

static int
must_be_alone(uint8_t type)
{
	return type == SCTPDK_CHUNK_INIT || type == SCTPDK_CHUNK_INIT_ACK ||
	       type == SCTPDK_CHUNK_SHUTDOWN_COMPLETE;
}

static enum sctpdk_wire_reason
validate(struct sctpdk_pkt_iter *it)
{
	enum sctpdk_wire_reason why = SCTPDK_WIRE_OK;
	uint32_t pos = it->pos;
	struct sctpdk_tlv t;
	int alone = 0;
	uint32_t n = 0;
	int rc;
	while ((rc = sctpdk_tlv_next(&it->src, &pos, it->end, &t, &why)) > 0) {
		uint8_t type = (uint8_t)(t.type >> 8);
		n++;
		if (!sctpdk_chunk_type_known(type))
			continue;
		if (t.len < min_len[type])
			return SCTPDK_WIRE_R_CHUNK_TOO_SHORT;
		if (exact[type] && t.len != min_len[type])
			return SCTPDK_WIRE_R_CHUNK_BAD_LEN;
		if (must_be_alone(type))
			alone = 1;
	}
	if (rc < 0)
		return why;
	if (n == 0)
		return SCTPDK_WIRE_R_NO_CHUNKS;
	if (alone && n > 1)
		return SCTPDK_WIRE_R_BUNDLED;
	it->n_chunks = n > UINT16_MAX ? UINT16_MAX : (uint16_t)n;
	return SCTPDK_WIRE_OK;
}

static enum sctpdk_wire_reason
iter_start(struct sctpdk_pkt_iter *it, uint32_t sctp_off)
{
	it->sctp_off = sctp_off;
	it->pos = sctp_off + SCTPDK_COMMON_HDR_LEN;
	it->end = it->src.len;
	it->n_chunks = 0;
	it->idx = 0;
	it->done = 1;
	it->reason = sctpdk_common_hdr_decode(&it->src, sctp_off, &it->hdr);
	if (it->reason == SCTPDK_WIRE_OK)
		it->reason = validate(it);
	if (it->reason == SCTPDK_WIRE_OK)
		it->done = 0;
	return it->reason;
}

enum sctpdk_wire_reason
sctpdk_pkt_iter_init(struct sctpdk_pkt_iter *it, const struct rte_mbuf *m, uint32_t sctp_off)
{
	it->src = sctpdk_src_mbuf(m);
	return iter_start(it, sctp_off);
}

enum sctpdk_wire_reason
sctpdk_pkt_iter_init_buf(struct sctpdk_pkt_iter *it, const void *pkt, uint32_t len)
{
	it->src = sctpdk_src_buf(pkt, len);
	return iter_start(it, 0);
}

enum sctpdk_chunk_action
sctpdk_pkt_iter_next(struct sctpdk_pkt_iter *it, struct sctpdk_chunk *c)
{
	if (it->done)
		return SCTPDK_CHUNK_END;
	struct sctpdk_tlv t;
	enum sctpdk_wire_reason why;
	if (sctpdk_tlv_next(&it->src, &it->pos, it->end, &t, &why) <= 0) {
		it->done = 1;
		return SCTPDK_CHUNK_END;
	}
	it->idx++;
	c->src = it->src;
	c->off = t.off;
	c->len = t.len;
	c->type = (uint8_t)(t.type >> 8);
	c->flags = (uint8_t)t.type;
	if (sctpdk_chunk_type_known(c->type)) {
		if (c->type == SCTPDK_CHUNK_DATA && c->len == SCTPDK_DATA_HDR_LEN) {
			/* RFC 9260 6.2: answer with ABORT (No User Data) */
			it->done = 1;
			it->reason = SCTPDK_WIRE_R_NO_USER_DATA;
			return SCTPDK_CHUNK_NO_USER_DATA;
		}
		return SCTPDK_CHUNK_PROCESS;
	}
	enum sctpdk_chunk_action a = sctpdk_chunk_unknown_action(c->type);
	if (a == SCTPDK_CHUNK_STOP || a == SCTPDK_CHUNK_STOP_REPORT)
		it->done = 1;
	return a;
}
