/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Receiver reassembly and per-stream ordering (RFC 9260 sections 6.5, 6.6
 * and 6.9).
 *
 * Takes DATA chunks the tracker accepted as new, with their payload inside
 * a received mbuf chain. Payloads are sliced out without copying
 * (in-place trim when the caller's reference is the only one, indirect
 * mbufs otherwise) and fragments are chained, never linearised.
 *  - Unordered messages (U flag) are delivered as soon as complete.
 *  - Ordered messages are delivered per stream in SSN order: the stream's
 *    next expected SSN starts at 0 and wraps at 65535.
 *  - Fragments of one message carry consecutive TSNs from the B fragment
 *    to the E fragment and, when ordered, the same SID and SSN.
 * Complete messages wait in a FIFO for sctpdk_reasm_pull(); per stream
 * that FIFO is in SSN order.
 * Partial delivery (6.9, sockets API PD-API): when the buffer is full of an
 * incomplete message, sctpdk_reasm_pd_start() lets the head of that message
 * be pulled in pieces; while a partial delivery runs, pull returns only its
 * pieces (interleave level 0), and the other messages wait.
 * Cost: an ordered fragment is placed by a walk from the stream's tail
 * (O(1) in order or as a new head; a hostile middle-of-the-list pattern
 * costs O(fragments buffered on that stream), bounded by the tracker
 * window), completion is tracked incrementally; an unordered fragment is
 * placed from the tail of the unordered list and joined to its message in
 * O(1).
 * Limits: a delivered chain has at most 65535 segments in nb_segs (the
 * count saturates beyond; the chain itself stays whole).
 * Memory: fragment records from an object pool (max_frags), stream table
 * from the allocator at init. buffered_bytes counts payload bytes held
 * (incomplete and not yet pulled) for the a_rwnd computation.
 * Single-threaded: the association owner calls it.
 */
#ifndef SCTPDK_SCTP_REASM_H
#define SCTPDK_SCTP_REASM_H

#include <stdbool.h>
#include <stdint.h>

#include "alloc.h"
#include "objpool.h"
#include "xfer.h"

struct rte_mbuf;
struct rte_mempool;
struct sctpdk_reasm_frag;

#define SCTPDK_REASM_MAX_FRAGS_DEFAULT 65536

struct sctpdk_reasm_config {
	uint16_t n_streams;                /* inbound streams negotiated (1..65535) */
	uint32_t max_frags;                /* fragment records; 0 = default 65536 */
	struct rte_mempool *indirect_pool; /* for indirect slices of shared packets */
};

/* Message flags in struct sctpdk_reasm_msg. */
#define SCTPDK_REASM_MSG_UNORDERED 0x01
#define SCTPDK_REASM_MSG_EOR       0x02 /* message ends with this piece */
#define SCTPDK_REASM_MSG_PARTIAL   0x04 /* piece of a partial delivery */

/* A message (or a partial-delivery piece) handed to the upper layer. */
struct sctpdk_reasm_msg {
	uint16_t sid;
	sctpdk_ssn_t ssn; /* 0 for unordered */
	uint32_t ppid;
	sctpdk_tsn_t tsn;   /* TSN of the first fragment in m */
	uint32_t flags;     /* SCTPDK_REASM_MSG_* */
	uint32_t len;       /* bytes in m */
	struct rte_mbuf *m; /* owned by the caller after pull */
};

struct sctpdk_reasm_stats {
	uint64_t frags_in;
	uint64_t msgs_out;
	uint64_t pd_pieces;
	uint64_t bad_sid;  /* SID >= n_streams */
	uint64_t bad_ssn;  /* ordered SSN already delivered */
	uint64_t dup_tsn;  /* TSN already buffered */
	uint64_t bad_frag; /* inconsistent fragment flags/ids */
	uint64_t nomem;    /* fragment record or indirect mbuf missing */
};

struct sctpdk_reasm_stream {
	sctpdk_ssn_t next_ssn;
	struct sctpdk_reasm_frag *head; /* ordered fragments, by (SSN, TSN) */
	struct sctpdk_reasm_frag *tail;
	struct sctpdk_reasm_frag *run_end; /* end of the contiguous B.. run of the
					      next-SSN message at head, or NULL */
};

struct sctpdk_reasm {
	const struct sctpdk_allocator *alloc;
	struct rte_mempool *indirect_pool;
	struct sctpdk_objpool pool;
	struct sctpdk_reasm_stream *streams;
	uint16_t n_streams;
	struct sctpdk_reasm_frag *uo_head; /* unordered fragments, by TSN */
	struct sctpdk_reasm_frag *uo_tail;
	struct sctpdk_reasm_frag *ready_head; /* complete messages FIFO */
	struct sctpdk_reasm_frag *ready_tail;
	uint64_t buffered_bytes;
	/* partial delivery in progress */
	bool pd_active;
	bool pd_unordered;
	uint16_t pd_sid;
	sctpdk_ssn_t pd_ssn;
	sctpdk_tsn_t pd_next_tsn; /* next TSN to deliver of the PD message */
	struct sctpdk_reasm_stats stats;
};

/*
 * Set up for cfg->n_streams inbound streams, all expecting SSN 0.
 * Errors: SCTPDK_ERR_INVAL (n_streams 0, no indirect_pool), SCTPDK_ERR_NOMEM.
 */
int sctpdk_reasm_init(struct sctpdk_reasm *r, const struct sctpdk_reasm_config *cfg,
		      const struct sctpdk_allocator *a);

/* Free every buffered fragment and message (abort/cleanup) and the tables. */
void sctpdk_reasm_free(struct sctpdk_reasm *r);

/* Is sid a valid inbound stream (RFC 9260 6.5: else ERROR Invalid Stream Identifier)? */
static inline bool
sctpdk_reasm_sid_valid(const struct sctpdk_reasm *r, uint16_t sid)
{
	return sid < r->n_streams;
}

/*
 * Accept one DATA chunk: c->tsn, sid, ssn, ppid, flags (B/E/U), and the
 * payload bytes [c->off, c->off + c->len) of chain c->m. Always consumes one
 * reference to c->m (success or not): a caller passing several chunks of one
 * packet takes a reference per chunk (rte_pktmbuf_refcnt_update) and hands
 * its own reference over with the last one, so that a packet carrying a
 * single DATA chunk is trimmed in place with no allocation. c->len 0
 * is refused (RFC 9260 6.2: empty DATA is a protocol violation, the caller
 * aborts).
 * Returns 0 when buffered or completed a message;
 * SCTPDK_ERR_NOTFOUND bad SID, SCTPDK_ERR_INVAL empty payload,
 * SCTPDK_ERR_EXISTS TSN already buffered (duplicates should have been
 * stopped by the tracker; this is a second line of defence),
 * SCTPDK_ERR_MALFORMED ordered SSN already delivered or payload range
 * outside m, SCTPDK_ERR_NOMEM out of fragment records or indirect mbufs
 * (checked before the duplicate test). Each error also bumps a stats
 * counter; state is unchanged.
 */
int sctpdk_reasm_add(struct sctpdk_reasm *r, const struct sctpdk_data_chunk *c);

/*
 * Next deliverable message (or partial-delivery piece) into *out; the caller
 * owns out->m. Returns 0, or SCTPDK_ERR_AGAIN when nothing is deliverable.
 */
int sctpdk_reasm_pull(struct sctpdk_reasm *r, struct sctpdk_reasm_msg *out);

/* Is a message or piece ready for sctpdk_reasm_pull()? */
bool sctpdk_reasm_ready(const struct sctpdk_reasm *r);

/*
 * Start a partial delivery: among incomplete messages that are next in
 * line (ordered: their stream's next SSN; or unordered) and whose B fragment
 * and at least min_bytes of contiguous following payload have arrived,
 * pick the one with the lowest first TSN. Returns 0 when started (pull
 * then returns its pieces), SCTPDK_ERR_AGAIN when no message qualifies,
 * SCTPDK_ERR_STATE when one is already running or complete messages are
 * waiting to be pulled.
 */
int sctpdk_reasm_pd_start(struct sctpdk_reasm *r, uint32_t min_bytes);

/* Is a partial delivery running? */
static inline bool
sctpdk_reasm_pd_active(const struct sctpdk_reasm *r)
{
	return r->pd_active;
}

/* Payload bytes held (buffered fragments + complete messages not pulled). */
static inline uint64_t
sctpdk_reasm_buffered_bytes(const struct sctpdk_reasm *r)
{
	return r->buffered_bytes;
}

/* Next expected SSN of an inbound stream (sid must be valid). */
static inline sctpdk_ssn_t
sctpdk_reasm_next_ssn(const struct sctpdk_reasm *r, uint16_t sid)
{
	return r->streams[sid].next_ssn;
}

/*
 * Debug consistency check (O(buffered fragments)): true when the byte
 * count, record count and list orders agree.
 */
bool sctpdk_reasm_check(const struct sctpdk_reasm *r);

/*
 * a_rwnd to advertise (6.2) with receiver silly window avoidance:
 * avail = rcvbuf - used (0 if used >= rcvbuf). A window above the last one
 * advertised is only offered when it grew by at least min(rcvbuf / 2, mtu)
 * (RFC 1122 4.2.3.3 as referenced by RFC 9260 6.2); a smaller one is always
 * offered at once. Pure function.
 */
uint32_t sctpdk_reasm_rwnd(uint32_t rcvbuf, uint64_t used, uint32_t last_advertised, uint32_t mtu);

#endif
