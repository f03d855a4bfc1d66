/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Sender outstanding-data and retransmission queue (RFC 9260 sections
 * 6.2.1, 6.3, 7.2.4).
 *
 * Every DATA chunk handed to the peer is added here in TSN order (TSNs
 * consecutive) and stays until the cumulative TSN ack passes it. Entries
 * live in a ring indexed by TSN (growing by doubling from
 * SCTPDK_OUTQ_CAPACITY_INITIAL up to the capacity given at init), so lookup by TSN
 * for Gap Ack Blocks is O(1). A chunk is in one state:
 *   IN_FLIGHT  sent, counted in flight size for its destination;
 *   ACKED      covered by a Gap Ack Block (not in flight; can be reneged);
 *   RTX        waiting to be retransmitted (T3 expiry or fast retransmit).
 * SACK processing (sctpdk_outq_on_sack) does, in order:
 *   - drops a SACK whose cum TSN is behind the ack point (stale, 6.2.1 D)
 *     and refuses one acking a TSN never sent (protocol violation);
 *   - frees chunks up to cum TSN, marks gap-acked chunks ACKED, counts
 *     newly acked bytes per destination (the one each chunk was last sent
 *     to) and takes one RTT sample per destination from its latest-sent
 *     newly acked chunk transmitted only once (Karn, 6.3.1 C5);
 *   - reneging: an ACKED chunk above cum not covered by the new blocks goes
 *     back IN_FLIGHT (treated as not received, 6.2.1). Only TSNs below the
 *     end of the last block are judged (a receiver may leave out blocks
 *     that do not fit), or all of them when the SACK has no block;
 *   - miss indications with HTNA (7.2.4): IN_FLIGHT chunks below the
 *     highest newly acked TSN (all reported missing ones when in fast
 *     recovery and cum advanced) get +1; at 3 a chunk is marked for fast
 *     retransmission (once per chunk); if not in fast recovery the queue
 *     enters it with exit point = highest TSN sent, and reports the
 *     destinations whose cwnd must be cut (cc on_fast_rtx);
 *   - fast recovery ends when cum reaches the exit point;
 *   - peer rwnd = a_rwnd - bytes in flight (floor 0), then lowered by each
 *     chunk sent (6.2.1 B/C).
 * Sizes are payload bytes. Single-threaded: the association owner calls it.
 */
#ifndef SCTPDK_SCTP_OUTQ_H
#define SCTPDK_SCTP_OUTQ_H

#include <stdbool.h>
#include <stdint.h>

#include "alloc.h"
#include "xfer.h"

struct rte_mbuf;

#define SCTPDK_OUTQ_CAPACITY_DEFAULT 8192
/* Entries allocated at init: an idle or lightly used association keeps
 * a small ring (setup cost and memory per association). */
#define SCTPDK_OUTQ_CAPACITY_INITIAL 16
#define SCTPDK_OUTQ_FAST_RTX_MISSES  3

enum sctpdk_outq_state {
	SCTPDK_OUTQ_FREE = 0,
	SCTPDK_OUTQ_IN_FLIGHT,
	SCTPDK_OUTQ_ACKED,
	SCTPDK_OUTQ_RTX,
};

struct sctpdk_outq_entry {
	struct rte_mbuf *m; /* payload, owned by the queue */
	uint64_t sent_us;   /* last transmission time */
	uint64_t expire_us; /* lifetime end, UINT64_MAX none */
	uint32_t len;
	uint32_t ppid;
	uint32_t context;
	uint16_t sid;
	sctpdk_ssn_t ssn;
	uint8_t flags; /* SCTPDK_DATA_FLAG_* */
	uint8_t dest;
	uint8_t state;      /* enum sctpdk_outq_state */
	uint8_t tx_count;   /* transmissions so far, saturates at 255 */
	uint8_t misses;     /* miss indications */
	bool fast_rtx;      /* marked for fast retransmit (done once) */
	bool fast_rtx_done; /* fast retransmitted already: no more miss counting */
};

/* What a SACK did; per-destination arrays indexed by destination id. */
struct sctpdk_outq_sack_result {
	bool stale; /* ignored: cum TSN behind the ack point */
	bool cum_advanced;
	bool entered_fast_recovery;
	bool exited_fast_recovery;
	bool rtt_valid;
	uint8_t rtt_dest;
	uint64_t rtt_us; /* Karn-safe sample when rtt_valid (latest sent of all) */
	uint32_t rtt_dests; /* bit d: rtt_dest_us[d] is a Karn-safe sample of dest d */
	uint64_t rtt_dest_us[SCTPDK_XFER_MAX_DEST]; /* per destination, its latest sent */
	uint32_t newly_acked_chunks;
	uint32_t newly_acked_bytes;
	uint32_t reneged_chunks;
	uint32_t fast_rtx_chunks;      /* newly marked for fast retransmit */
	uint32_t fast_rtx_dests;       /* bit d: cut cwnd of dest d (only when entering FR) */
	uint32_t acked_dests;          /* bit d: some chunk to d newly acked */
	uint32_t acked_live_dests;     /* bit d: ... while in flight (not marked for
					  retransmission since it was sent to d) */
	uint32_t earliest_acked_dests; /* bit d: the lowest outstanding TSN to d got acked
				    (restart its T3-rtx, 6.3.2 R3) */
	uint32_t bytes_acked[SCTPDK_XFER_MAX_DEST];
	uint32_t flight_before[SCTPDK_XFER_MAX_DEST];
	uint32_t flight_after[SCTPDK_XFER_MAX_DEST];
	uint32_t peer_rwnd;
};

struct sctpdk_outq_stats {
	uint64_t sacks;
	uint64_t sacks_stale;
	uint64_t bad_gap_blocks;
	uint64_t reneged;
	uint64_t fast_rtx;
	uint64_t t3_marked;
	uint64_t retransmitted;
};

struct sctpdk_outq {
	const struct sctpdk_allocator *alloc;
	struct sctpdk_outq_entry *ring;
	uint32_t mask;         /* ring entries - 1 */
	uint32_t max_mask;     /* capacity - 1: the ring doubles up to it */
	sctpdk_tsn_t cum;      /* cumulative TSN ack point (highest TSN acked in order) */
	sctpdk_tsn_t next_tsn; /* TSN the next added chunk must carry */
	uint32_t count;        /* entries between cum and next_tsn */
	uint32_t n_rtx;        /* entries in state RTX */
	sctpdk_tsn_t rtx_low;  /* no RTX entry below this TSN */
	uint32_t n_gap_acked;  /* entries in state ACKED (above cum) */
	uint32_t flight[SCTPDK_XFER_MAX_DEST];
	uint32_t flight_total;
	uint32_t peer_rwnd;
	bool in_fast_recovery;
	sctpdk_tsn_t fr_exit_tsn;
	struct sctpdk_outq_stats stats;
};

/*
 * Empty queue whose first chunk will carry initial_tsn (our INIT's initial
 * TSN); the ack point starts at initial_tsn - 1. capacity: the most chunks
 * outstanding, power of two, 0 = default 8192; the ring starts at
 * SCTPDK_OUTQ_CAPACITY_INITIAL entries and doubles when it fills. peer_rwnd: a_rwnd from the peer's INIT/INIT-ACK.
 * Errors: SCTPDK_ERR_INVAL, SCTPDK_ERR_NOMEM.
 */
int sctpdk_outq_init(struct sctpdk_outq *q, uint32_t capacity, sctpdk_tsn_t initial_tsn,
		     uint32_t peer_rwnd, const struct sctpdk_allocator *a);

/* Free every chunk's mbuf and the ring. */
void sctpdk_outq_free(struct sctpdk_outq *q);

/*
 * Record chunk c as sent now to c->dest: c->tsn must equal the queue's next
 * TSN. Takes ownership of c->m (payload of exactly c->len bytes at
 * c->off == 0) on success. Adds to flight and lowers peer rwnd.
 * Errors: SCTPDK_ERR_AGAIN queue full, SCTPDK_ERR_INVAL wrong TSN, dest or
 * offset.
 */
int sctpdk_outq_add(struct sctpdk_outq *q, const struct sctpdk_data_chunk *c, uint64_t now_us);

/*
 * Process a received SACK (see the header comment). *res is filled in.
 * Returns 0 (also for a stale SACK: res->stale), SCTPDK_ERR_PROTOCOL when
 * cum TSN acks a TSN not yet sent (the association aborts), SCTPDK_ERR_INVAL
 * on NULL arguments. Malformed Gap Ack Blocks (start > end, start 0, beyond
 * the highest TSN sent) are skipped and counted.
 */
int sctpdk_outq_on_sack(struct sctpdk_outq *q, const struct sctpdk_sack_desc *s, uint64_t now_us,
			struct sctpdk_outq_sack_result *res);

/*
 * Process the Cumulative TSN Ack of a SHUTDOWN chunk (RFC 9260 9.2): like a
 * SACK up to cum_tsn, but the missing Gap Ack Blocks are not a renege, no
 * miss indications are counted and the peer rwnd estimate is kept (it
 * carries no a_rwnd). Same returns as sctpdk_outq_on_sack().
 */
int sctpdk_outq_on_cum_ack(struct sctpdk_outq *q, sctpdk_tsn_t cum_tsn, uint64_t now_us,
			   struct sctpdk_outq_sack_result *res);

/* Replace the peer rwnd estimate (e.g. from the a_rwnd of INIT/INIT-ACK). */
static inline void
sctpdk_outq_set_peer_rwnd(struct sctpdk_outq *q, uint32_t rwnd)
{
	q->peer_rwnd = rwnd;
}

/*
 * T3-rtx expired for destination dest (or all when dest < 0): every
 * IN_FLIGHT chunk to it is marked RTX and leaves the flight (6.3.3 E3).
 * Returns the number of chunks marked.
 */
uint32_t sctpdk_outq_on_t3(struct sctpdk_outq *q, int dest);

/*
 * Hand out the lowest-TSN chunk marked RTX if its len <= max_len: it is
 * retransmitted now to dest (which may differ from the last one): state
 * IN_FLIGHT, tx_count + 1, sent time now, flight and peer rwnd updated.
 * *out gets the chunk; out->m is BORROWED (the queue keeps it; clone it
 * into the packet) and valid until the next call that may free chunks.
 * fast_only: only chunks marked by fast retransmit (7.2.4 step 3).
 * Returns 0, SCTPDK_ERR_AGAIN when none is marked or the lowest does not fit.
 */
int sctpdk_outq_next_rtx(struct sctpdk_outq *q, uint64_t now_us, uint8_t dest, uint32_t max_len,
			 bool fast_only, struct sctpdk_data_chunk *out);

/*
 * The lowest-TSN chunk marked RTX, or NULL when none is: its dest is the
 * destination it was last sent to. Valid until the next call that changes
 * the queue.
 */
const struct sctpdk_outq_entry *sctpdk_outq_peek_rtx(struct sctpdk_outq *q);

/*
 * Copy up to max TSNs of unacked chunks whose lifetime ended (expire_us <=
 * now_us) into tsns (lowest first). Returns how many. They stay queued:
 * abandoning them needs PR-SCTP FORWARD-TSN.
 */
uint32_t sctpdk_outq_expired(const struct sctpdk_outq *q, uint64_t now_us, sctpdk_tsn_t *tsns,
			     uint32_t max);

/* Look at a queued chunk by TSN (NULL if not between cum and next TSN). */
const struct sctpdk_outq_entry *sctpdk_outq_find(const struct sctpdk_outq *q, sctpdk_tsn_t tsn);

/*
 * Sending rule A of 6.1: may a new DATA chunk of len bytes go out given the
 * peer's window? True when len <= peer rwnd, or when nothing is in flight
 * (one chunk may always probe a closed window).
 */
static inline bool
sctpdk_outq_rwnd_allows(const struct sctpdk_outq *q, uint32_t len)
{
	return len <= q->peer_rwnd || q->flight_total == 0;
}

/*
 * Debug consistency check (O(chunks)): true when flight sizes, counters
 * and entry states agree.
 */
bool sctpdk_outq_check(const struct sctpdk_outq *q);

/* Bytes in flight to one destination / all. */
static inline uint32_t
sctpdk_outq_flight(const struct sctpdk_outq *q, uint8_t dest)
{
	return dest < SCTPDK_XFER_MAX_DEST ? q->flight[dest] : 0;
}

static inline uint32_t
sctpdk_outq_flight_total(const struct sctpdk_outq *q)
{
	return q->flight_total;
}

/* Peer's receive window as the sender currently estimates it (6.2.1). */
static inline uint32_t
sctpdk_outq_peer_rwnd(const struct sctpdk_outq *q)
{
	return q->peer_rwnd;
}

/* Chunks not yet acked by the cumulative TSN (any state). */
static inline uint32_t
sctpdk_outq_count(const struct sctpdk_outq *q)
{
	return q->count;
}

/* No chunk left unacked: stop the T3-rtx timers. */
static inline bool
sctpdk_outq_empty(const struct sctpdk_outq *q)
{
	return q->count == 0;
}

/* Room for another chunk? */
static inline bool
sctpdk_outq_full(const struct sctpdk_outq *q)
{
	return q->count > q->max_mask;
}

/* Chunks waiting for retransmission. */
static inline uint32_t
sctpdk_outq_rtx_pending(const struct sctpdk_outq *q)
{
	return q->n_rtx;
}

/* Cumulative TSN ack point. */
static inline sctpdk_tsn_t
sctpdk_outq_cum_tsn(const struct sctpdk_outq *q)
{
	return q->cum;
}

/* TSN the next new chunk must get. */
static inline sctpdk_tsn_t
sctpdk_outq_next_tsn(const struct sctpdk_outq *q)
{
	return q->next_tsn;
}

static inline bool
sctpdk_outq_in_fast_recovery(const struct sctpdk_outq *q)
{
	return q->in_fast_recovery;
}

#endif
