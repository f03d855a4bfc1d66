/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Packet builder and checksum front end.
 *
 * Build: sctpdk_pkt_build_begin() writes the common header at the current
 * end of an mbuf (the layers below prepend their headers into headroom);
 * chunk encoders then write into b.w, which is limited to both the
 * mbuf's tailroom and the packet size limit, so a chunk that does not fit
 * returns SCTPDK_ERR_NOSPACE and leaves the packet as it was (the caller
 * sends this packet and starts another). sctpdk_pkt_build_finish()
 * appends the bytes to the mbuf and fills the CRC32c in software, or
 * requests it from the NIC (SCTPDK_PKT_CKSUM_OFFLOAD).
 *
 * Receive: sctpdk_pkt_cksum_check() honours the NIC's RX verdict flags and
 * otherwise verifies in software.
 */
#ifndef SCTPDK_WIRE_PACKET_H
#define SCTPDK_WIRE_PACKET_H

#include <stdint.h>

#include "defs.h"
#include "chunk.h"
#include "header.h"
#include "writer.h"

struct rte_mbuf;

#define SCTPDK_PKT_CKSUM_OFFLOAD 0x1 /* finish: let the NIC fill the CRC
					(sets RTE_MBUF_F_TX_SCTP_CKSUM, field left 0) */

struct sctpdk_pkt_builder {
	struct rte_mbuf *m;
	uint32_t sctp_off; /* offset of the common header in m */
	uint16_t n_chunks; /* chunks added with sctpdk_pkt_build_add_done() */
	struct sctpdk_wr w;   /* chunk encoders write here */
};

/*
 * Start a packet at the end of m's data, at most max_len bytes of SCTP
 * packet (common header included; typically PMTU - IP header).
 * Returns 0, SCTPDK_ERR_INVAL (NULL m, max_len < 12 + 4),
 * SCTPDK_ERR_NOSPACE (tailroom too small for the header).
 */
int sctpdk_pkt_build_begin(struct sctpdk_pkt_builder *b, struct rte_mbuf *m, uint32_t max_len,
			   const struct sctpdk_common_hdr *h);

/* Bytes of chunk space left in the packet. */
uint32_t sctpdk_pkt_build_room(const struct sctpdk_pkt_builder *b);

/*
 * Bundle a chunk copied from a view (e.g. chunks built elsewhere): same as
 * sctpdk_chunk_copy(&b->w, c), counted in n_chunks.
 */
int sctpdk_pkt_build_add(struct sctpdk_pkt_builder *b, const struct sctpdk_chunk *c);

/*
 * Count a chunk a caller wrote directly into b->w with a chunk encoder,
 * when that encoder returned 0 (returns rc unchanged, so it can wrap
 * the call: rc = sctpdk_pkt_build_added(b, sctpdk_sack_encode(&b->w, ...))).
 */
int sctpdk_pkt_build_added(struct sctpdk_pkt_builder *b, int rc);

/*
 * Append the packet to the mbuf and fill (or request) the checksum.
 * Returns the SCTP packet length (> 0), SCTPDK_ERR_INVAL (no chunk
 * written) or SCTPDK_ERR_NOSPACE (pending write error).
 */
int sctpdk_pkt_build_finish(struct sctpdk_pkt_builder *b, unsigned int flags);

/*
 * Checksum verdict for a received SCTP packet at sctp_off of m: the NIC's
 * RTE_MBUF_F_RX_L4_CKSUM_GOOD / _BAD flags when present, else a software
 * CRC32c. Returns SCTPDK_WIRE_OK, R_BAD_CKSUM or R_PKT_SHORT.
 */
enum sctpdk_wire_reason sctpdk_pkt_cksum_check(const struct rte_mbuf *m, uint32_t sctp_off);

#endif
