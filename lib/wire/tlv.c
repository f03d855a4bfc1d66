/* SPDX-License-Identifier: BSD-3-Clause */
#include <sctpdk/sctpdk_error.h>

#include "tlv.h"

int
sctpdk_tlv_next(const struct sctpdk_wire_src *src, uint32_t *pos, uint32_t end,
		struct sctpdk_tlv *t, enum sctpdk_wire_reason *why)
{
	uint32_t off = *pos;
	if (end > src->len)
		end = src->len;
	if (off >= end)
		return 0;
	if (end - off < SCTPDK_TLV_HDR_LEN) {
		*why = SCTPDK_WIRE_R_HDR_TRUNC;
		return -1;
	}
	uint8_t tmp[SCTPDK_TLV_HDR_LEN];
	const uint8_t *h = sctpdk_src_ptr(src, off, SCTPDK_TLV_HDR_LEN, tmp);
	if (h == NULL) {
		*why = SCTPDK_WIRE_R_HDR_TRUNC;
		return -1;
	}
	uint16_t type = (uint16_t)(h[0] << 8 | h[1]);
	uint16_t len = (uint16_t)(h[2] << 8 | h[3]);
	if (len < SCTPDK_TLV_HDR_LEN) {
		*why = SCTPDK_WIRE_R_LEN_SHORT;
		return -1;
	}
	if (len > end - off) {
		*why = SCTPDK_WIRE_R_PAST_END;
		return -1;
	}
	uint32_t unpadded = off + len;
	uint32_t padded = off + sctpdk_pad4(len);
	uint32_t next;
	if (unpadded == end)
		next = end; /* last element, padding absent */
	else if (padded > end) {
		*why = SCTPDK_WIRE_R_PAD_PARTIAL;
		return -1;
	} else
		next = padded;
	t->off = off;
	t->type = type;
	t->len = len;
	*pos = next;
	return 1;
}

int
sctpdk_tlv_walk(const struct sctpdk_wire_src *src, uint32_t pos, uint32_t end,
		enum sctpdk_wire_reason *why)
{
	struct sctpdk_tlv t;
	int n = 0, rc;
	while ((rc = sctpdk_tlv_next(src, &pos, end, &t, why)) > 0)
		n++;
	return rc < 0 ? -1 : n;
}

uint32_t
sctpdk_tlv_begin(struct sctpdk_wr *w, uint16_t type)
{
	uint32_t mark = sctpdk_wr_mark(w);
	sctpdk_wr_u16(w, type);
	sctpdk_wr_u16(w, 0);
	return mark;
}

int
sctpdk_tlv_end(struct sctpdk_wr *w, uint32_t mark)
{
	if (w->err != 0)
		return sctpdk_wr_end(w, mark);
	uint32_t len = w->len - mark;
	if (len > UINT16_MAX) {
		w->len = mark;
		return SCTPDK_ERR_MSGSIZE;
	}
	sctpdk_wr_patch_u16(w, mark + 2, (uint16_t)len);
	sctpdk_wr_zero(w, sctpdk_pad4(len) - len);
	int rc = sctpdk_wr_end(w, mark);
	if (rc == 0) {
		w->pad_end = w->len;
		w->pad_len = sctpdk_pad4(len) - len;
	}
	return rc;
}

int
sctpdk_tlv_put(struct sctpdk_wr *w, uint16_t type, const void *val, uint16_t len)
{
	if (val == NULL && len > 0)
		return SCTPDK_ERR_INVAL;
	uint32_t mark = sctpdk_tlv_begin(w, type);
	sctpdk_wr_bytes(w, val, len);
	return sctpdk_tlv_end(w, mark);
}
