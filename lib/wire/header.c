/* SPDX-License-Identifier: BSD-3-Clause */
#include <stdio.h>

#include "header.h"

enum sctpdk_wire_reason
sctpdk_common_hdr_decode(const struct sctpdk_wire_src *src, uint32_t off,
			 struct sctpdk_common_hdr *h)
{
	struct sctpdk_rd rd;
	sctpdk_rd_init(&rd, src, off, SCTPDK_COMMON_HDR_LEN);
	if (rd.err != 0)
		return SCTPDK_WIRE_R_PKT_SHORT;
	h->src_port = sctpdk_rd_u16(&rd);
	h->dst_port = sctpdk_rd_u16(&rd);
	h->vtag = sctpdk_rd_u32(&rd);
	uint8_t c[4];
	sctpdk_rd_bytes(&rd, c, 4);
	/* the CRC is stored least significant byte first (RFC 9260 Appendix A) */
	h->cksum = (uint32_t)c[0] | (uint32_t)c[1] << 8 | (uint32_t)c[2] << 16 |
		   (uint32_t)c[3] << 24;
	return rd.err != 0 ? SCTPDK_WIRE_R_PKT_SHORT : SCTPDK_WIRE_OK;
}

int
sctpdk_common_hdr_encode(struct sctpdk_wr *w, const struct sctpdk_common_hdr *h)
{
	uint32_t mark = sctpdk_wr_mark(w);
	sctpdk_wr_u16(w, h->src_port);
	sctpdk_wr_u16(w, h->dst_port);
	sctpdk_wr_u32(w, h->vtag);
	sctpdk_wr_u32(w, 0);
	return sctpdk_wr_end(w, mark);
}

int
sctpdk_common_hdr_format(const struct sctpdk_common_hdr *h, char *buf, size_t cap)
{
	return snprintf(buf, cap, "sport=%u dport=%u vtag=0x%08x cksum=0x%08x", h->src_port,
			h->dst_port, h->vtag, h->cksum);
}
