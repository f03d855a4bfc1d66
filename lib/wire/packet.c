/* SPDX-License-Identifier: BSD-3-Clause */
/* Packet builder (bundling into one mbuf) and the checksum front end. */
#include <rte_mbuf.h>

#include <sctpdk/sctpdk_error.h>

#include "packet.h"
#include "sctpdk_crc32c.h"

int
sctpdk_pkt_build_begin(struct sctpdk_pkt_builder *b, struct rte_mbuf *m, uint32_t max_len,
		       const struct sctpdk_common_hdr *h)
{
	if (m == NULL || h == NULL || max_len < SCTPDK_COMMON_HDR_LEN + SCTPDK_CHUNK_HDR_LEN)
		return SCTPDK_ERR_INVAL;
	b->m = m;
	b->sctp_off = rte_pktmbuf_pkt_len(m);
	b->n_chunks = 0;
	int rc = sctpdk_wr_init_mbuf(&b->w, m, max_len);
	if (rc != 0)
		return rc;
	return sctpdk_common_hdr_encode(&b->w, h);
}

uint32_t
sctpdk_pkt_build_room(const struct sctpdk_pkt_builder *b)
{
	return sctpdk_wr_room(&b->w);
}

int
sctpdk_pkt_build_added(struct sctpdk_pkt_builder *b, int rc)
{
	if (rc == 0 && b->n_chunks < UINT16_MAX)
		b->n_chunks++;
	return rc;
}

int
sctpdk_pkt_build_add(struct sctpdk_pkt_builder *b, const struct sctpdk_chunk *c)
{
	return sctpdk_pkt_build_added(b, sctpdk_chunk_copy(&b->w, c));
}

int
sctpdk_pkt_build_finish(struct sctpdk_pkt_builder *b, unsigned int flags)
{
	if (b->w.err != 0)
		return SCTPDK_ERR_NOSPACE;
	if (b->w.len <= SCTPDK_COMMON_HDR_LEN)
		return SCTPDK_ERR_INVAL;
	uint32_t len = b->w.len;
	int rc = sctpdk_wr_commit_mbuf(&b->w);
	if (rc != 0)
		return rc;
	if (flags & SCTPDK_PKT_CKSUM_OFFLOAD)
		b->m->ol_flags |= RTE_MBUF_F_TX_SCTP_CKSUM; /* field stays zero */
	else
		sctpdk_sctp_cksum_set(b->m, b->sctp_off);
	return (int)len;
}

enum sctpdk_wire_reason
sctpdk_pkt_cksum_check(const struct rte_mbuf *m, uint32_t sctp_off)
{
	if (sctp_off > rte_pktmbuf_pkt_len(m) ||
	    rte_pktmbuf_pkt_len(m) - sctp_off < SCTPDK_COMMON_HDR_LEN)
		return SCTPDK_WIRE_R_PKT_SHORT;
	uint64_t l4 = m->ol_flags & RTE_MBUF_F_RX_L4_CKSUM_MASK;
	if (l4 == RTE_MBUF_F_RX_L4_CKSUM_GOOD)
		return SCTPDK_WIRE_OK;
	if (l4 == RTE_MBUF_F_RX_L4_CKSUM_BAD)
		return SCTPDK_WIRE_R_BAD_CKSUM;
	return sctpdk_sctp_cksum_ok(m, sctp_off) ? SCTPDK_WIRE_OK : SCTPDK_WIRE_R_BAD_CKSUM;
}
