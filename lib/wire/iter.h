/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Bounded chunk iterator over one SCTP packet in an rte_mbuf chain (or a
 * flat buffer).
 *
 * sctpdk_pkt_iter_init() decodes the common header and checks the
 * structure of the whole packet before anything is processed, so a packet
 * that must be discarded is discarded as a whole:
 *   - at least 12 bytes (R_PKT_SHORT) and at least one chunk (R_NO_CHUNKS);
 *   - every chunk: length >= 4 (R_LEN_SHORT), inside the packet
 *     (R_PAST_END), header complete (R_HDR_TRUNC), padding present except
 *     possibly after the last chunk (R_PAD_PARTIAL);
 *   - recognised chunk types at least as long as their fixed part
 *     (R_CHUNK_TOO_SHORT) and fixed-size ones exactly that size
 *     (R_CHUNK_BAD_LEN);
 *   - INIT, INIT ACK and SHUTDOWN COMPLETE alone in the packet (R_BUNDLED).
 * Chunks may straddle mbuf segments: headers are read with
 * rte_pktmbuf_read into a stack buffer.
 *
 * sctpdk_pkt_iter_next() then hands out chunks in order with the action
 * the caller must take (enum sctpdk_chunk_action), including the upper-
 * two-bits rule for unknown types and the No User Data rule for an empty
 * DATA chunk. After STOP, STOP_REPORT or NO_USER_DATA it returns END.
 *
 * Threading: the iterator is a stack value owned by the caller; the mbuf
 * must stay unmodified while iterating.
 */
#ifndef SCTPDK_WIRE_ITER_H
#define SCTPDK_WIRE_ITER_H

#include <stdint.h>

#include "chunk.h"
#include "defs.h"
#include "header.h"
#include "reader.h"

struct rte_mbuf;

struct sctpdk_pkt_iter {
	struct sctpdk_wire_src src;
	struct sctpdk_common_hdr hdr; /* decoded common header */
	uint32_t sctp_off;            /* offset of the common header in src */
	uint32_t pos;                 /* next chunk header */
	uint32_t end;                 /* end of the SCTP packet */
	uint16_t n_chunks;            /* chunks in the packet (valid after init) */
	uint16_t idx;                 /* chunks handed out so far */
	uint8_t done;
	enum sctpdk_wire_reason reason; /* why init failed, or R_NO_USER_DATA */
};

/*
 * Validate the SCTP packet that starts at sctp_off of m and runs to the
 * end of the chain (lower layers trim link padding first), and prepare to
 * iterate. The checksum is not looked at (see sctpdk_pkt_cksum_check()).
 * Returns SCTPDK_WIRE_OK or the reason the whole packet must be dropped.
 */
enum sctpdk_wire_reason sctpdk_pkt_iter_init(struct sctpdk_pkt_iter *it, const struct rte_mbuf *m,
					     uint32_t sctp_off);

/* Same over a flat buffer holding just the SCTP packet. */
enum sctpdk_wire_reason sctpdk_pkt_iter_init_buf(struct sctpdk_pkt_iter *it, const void *pkt,
						 uint32_t len);

/*
 * Next chunk: fills *c (for every action but END) and returns the action.
 * Offsets in *c are absolute in the mbuf chain.
 */
enum sctpdk_chunk_action sctpdk_pkt_iter_next(struct sctpdk_pkt_iter *it, struct sctpdk_chunk *c);

#endif
