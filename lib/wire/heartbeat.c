/* SPDX-License-Identifier: BSD-3-Clause */
#include <stdio.h>

#include <sctpdk/sctpdk_error.h>

#include "heartbeat.h"
#include "tlv.h"

static int
is_hb(uint8_t type)
{
	return type == SCTPDK_CHUNK_HEARTBEAT || type == SCTPDK_CHUNK_HEARTBEAT_ACK;
}

enum sctpdk_wire_reason
sctpdk_heartbeat_decode(const struct sctpdk_chunk *c, struct sctpdk_heartbeat *hb)
{
	if (!is_hb(c->type))
		return SCTPDK_WIRE_R_WRONG_TYPE;
	if (c->len < SCTPDK_CHUNK_HDR_LEN + SCTPDK_TLV_HDR_LEN)
		return SCTPDK_WIRE_R_CHUNK_TOO_SHORT;
	uint32_t pos = c->off + SCTPDK_CHUNK_HDR_LEN;
	struct sctpdk_tlv t;
	enum sctpdk_wire_reason why = SCTPDK_WIRE_OK;
	int rc = sctpdk_tlv_next(&c->src, &pos, c->off + c->len, &t, &why);
	if (rc < 0)
		return why;
	if (rc == 0 || t.type != SCTPDK_PARAM_HEARTBEAT_INFO)
		return SCTPDK_WIRE_R_HB_NO_INFO;
	hb->info_off = t.off + SCTPDK_TLV_HDR_LEN;
	hb->info_len = (uint16_t)(t.len - SCTPDK_TLV_HDR_LEN);
	return SCTPDK_WIRE_OK;
}

int
sctpdk_heartbeat_encode(struct sctpdk_wr *w, uint8_t type, const void *info, uint16_t info_len)
{
	if (!is_hb(type) || (info == NULL && info_len > 0) ||
	    info_len > UINT16_MAX - SCTPDK_CHUNK_HDR_LEN - SCTPDK_TLV_HDR_LEN)
		return SCTPDK_ERR_INVAL;
	uint32_t mark = sctpdk_chunk_begin(w, type, 0);
	uint32_t pmark = sctpdk_tlv_begin(w, SCTPDK_PARAM_HEARTBEAT_INFO);
	sctpdk_wr_bytes(w, info, info_len);
	int rc = sctpdk_tlv_end(w, pmark);
	if (rc != 0) {
		w->len = mark;
		return rc;
	}
	/* chunk length excludes the padding of the last parameter */
	w->len = pmark + SCTPDK_TLV_HDR_LEN + info_len;
	return sctpdk_chunk_end(w, mark);
}

int
sctpdk_heartbeat_ack_from(struct sctpdk_wr *w, const struct sctpdk_chunk *hb)
{
	if (hb->type != SCTPDK_CHUNK_HEARTBEAT || hb->len < SCTPDK_CHUNK_HDR_LEN)
		return SCTPDK_ERR_INVAL;
	uint32_t mark = sctpdk_chunk_begin(w, SCTPDK_CHUNK_HEARTBEAT_ACK, 0);
	sctpdk_wr_src(w, &hb->src, hb->off + SCTPDK_CHUNK_HDR_LEN,
		      hb->len - SCTPDK_CHUNK_HDR_LEN);
	return sctpdk_chunk_end(w, mark);
}

int
sctpdk_heartbeat_format(uint8_t type, const struct sctpdk_heartbeat *hb, char *buf, size_t cap)
{
	return snprintf(buf, cap, "%s info_len=%u",
			type == SCTPDK_CHUNK_HEARTBEAT ? "HEARTBEAT" : "HEARTBEAT ACK",
			hb->info_len);
}
