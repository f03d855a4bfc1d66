/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Decoded values shared by the data-transfer components (tracker, reasm,
 * sendq, outq). They are not wire structures: the codec in lib/wire turns
 * DATA and SACK chunks into these and back.
 */
#ifndef SCTPDK_SCTP_XFER_H
#define SCTPDK_SCTP_XFER_H

#include <stdint.h>

#include "defs.h"   /* SCTPDK_DATA_FLAG_{E,B,U,I} (lib/wire) */
#include "sack.h"   /* struct sctpdk_gap (lib/wire) */
#include "serial.h" /* sctpdk_tsn_t, sctpdk_ssn_t (lib/wire) */

struct rte_mbuf;

/* Upper bound on destination (path) ids known to the sender-side components. */
#define SCTPDK_XFER_MAX_DEST 16

/*
 * One DATA chunk's decoded contents. The payload is bytes [off, off + len)
 * of the mbuf chain m. Who owns m is said by each function taking or
 * returning this struct.
 */
struct sctpdk_data_chunk {
	sctpdk_tsn_t tsn;
	uint16_t sid;
	sctpdk_ssn_t ssn;
	uint32_t ppid; /* opaque, as on the wire */
	uint8_t flags; /* SCTPDK_DATA_FLAG_* */
	uint8_t dest;  /* sender side: destination id (< SCTPDK_XFER_MAX_DEST) */
	uint16_t reserved;
	uint32_t len; /* payload bytes */
	uint32_t off; /* payload offset inside m */
	struct rte_mbuf *m;
	uint32_t context;   /* sender side: sctp_sndrcvinfo context, echoed in failures */
	uint64_t expire_us; /* sender side: lifetime end, UINT64_MAX for none */
};

/*
 * A SACK's contents. The tracker fills one to send (into caller arrays
 * gaps[max_gaps] and dups[max_dups]); the outq reads one received. Gap
 * Ack Blocks are lib/wire's struct sctpdk_gap (TSNs cum+start .. cum+end,
 * RFC 9260 3.3.4), so a decoded struct sctpdk_sack can be pointed at:
 * gaps = sack.gaps, n_gaps = sack.n_gaps_stored.
 */
struct sctpdk_sack_desc {
	sctpdk_tsn_t cum_tsn;
	uint32_t a_rwnd;
	uint16_t n_gaps;
	uint16_t n_dups;
	uint16_t max_gaps; /* capacity of gaps when filled by the tracker */
	uint16_t max_dups; /* capacity of dups when filled by the tracker */
	struct sctpdk_gap *gaps;
	sctpdk_tsn_t *dups;
};

#endif
