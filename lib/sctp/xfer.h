/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Decoded values shared by the data-transfer components (tracker, reasm,
 * sendq, outq). They are not wire structures: the codec in lib/wire turns
 * DATA and SACK chunks into these and back.
 */
#ifndef SCTPDK_SCTP_XFER_H
#define SCTPDK_SCTP_XFER_H

#include <stdint.h>

struct rte_mbuf;

/* DATA chunk flags, same bit values as the wire (RFC 9260 section 3.3.1). */
#define SCTPDK_DATA_FLAG_E 0x01 /* last fragment */
#define SCTPDK_DATA_FLAG_B 0x02 /* first fragment */
#define SCTPDK_DATA_FLAG_U 0x04 /* unordered */
#define SCTPDK_DATA_FLAG_I 0x08 /* immediate SACK requested (RFC 7053) */

/* Upper bound on destination (path) ids known to tracker-side components. */
#define SCTPDK_XFER_MAX_DEST 16

/*
 * One DATA chunk's decoded contents. The payload is bytes [off, off + len)
 * of the mbuf chain m. Who owns m is said by each function taking or
 * returning this struct.
 */
struct sctpdk_data_chunk {
	uint32_t tsn;
	uint16_t sid;
	uint16_t ssn;
	uint32_t ppid;     /* opaque, as on the wire */
	uint8_t flags;     /* SCTPDK_DATA_FLAG_* */
	uint8_t dest;      /* sender side: destination id (< SCTPDK_XFER_MAX_DEST) */
	uint16_t reserved;
	uint32_t len;      /* payload bytes */
	uint32_t off;      /* payload offset inside m */
	struct rte_mbuf *m;
	uint32_t context;  /* sender side: sctp_sndrcvinfo context, echoed in failures */
	uint64_t expire_us; /* sender side: lifetime end, UINT64_MAX for none */
};

/* One Gap Ack Block: TSNs cum+start .. cum+end received (RFC 9260 3.3.4). */
struct sctpdk_sack_gap {
	uint16_t start;
	uint16_t end;
};

/*
 * A SACK's contents. The tracker fills one to send (into caller arrays
 * gaps[max_gaps] and dups[max_dups]); the outq reads one received.
 */
struct sctpdk_sack_desc {
	uint32_t cum_tsn;
	uint32_t a_rwnd;
	uint16_t n_gaps;
	uint16_t n_dups;
	uint16_t max_gaps; /* capacity of gaps when filled by the tracker */
	uint16_t max_dups; /* capacity of dups when filled by the tracker */
	struct sctpdk_sack_gap *gaps;
	uint32_t *dups;
};

#endif
