/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Receiver TSN tracking and SACK timing (RFC 9260 sections 6.2 and 6.7).
 *
 * Keeps the cumulative TSN ack point, a bitmap of TSNs received above it
 * (window of `window_tsns` TSNs: a TSN beyond cum + window is refused as
 * out of window and not recorded), the duplicate TSNs to report, and the
 * SACK timing policy:
 *  - every packet with new DATA starts the delayed-SACK timer if not
 *    running (default 200 ms, settable; RFC 9260 section 6.2 allows <= 500);
 *  - a SACK is due once `sack_freq` (default 2) packets with DATA arrived
 *    since the last SACK;
 *  - a SACK is due immediately when, after a packet, a gap exists, the gap
 *    set changed (including a gap being filled), a duplicate arrived, the
 *    packet carried the I bit (RFC 7053), or immediate mode is on (used by
 *    the association while shutting down, 9.2: every DATA packet answered
 *    at once).
 * Usage per received packet: sctpdk_tracker_on_data() per DATA chunk, then
 * sctpdk_tracker_on_packet_end(); if sctpdk_tracker_sack_due(), build and
 * send a SACK with sctpdk_tracker_build_sack(); arm a timer for
 * sctpdk_tracker_deadline() and call sctpdk_tracker_on_timer() then.
 * Single-threaded: the association owner calls it.
 */
#ifndef SCTPDK_SCTP_TRACKER_H
#define SCTPDK_SCTP_TRACKER_H

#include <stdbool.h>
#include <stdint.h>

#include "alloc.h"
#include "xfer.h"

#define SCTPDK_TRACKER_SACK_DELAY_US 200000 /* 200 ms */
#define SCTPDK_TRACKER_SACK_FREQ     2
#define SCTPDK_TRACKER_WINDOW_TSNS   16384
#define SCTPDK_TRACKER_MAX_DUPS      64

struct sctpdk_tracker_config {
	uint32_t window_tsns;   /* power of two, 64..65536; 0 = default 16384 */
	uint64_t sack_delay_us; /* 0 = default 200 ms */
	uint32_t sack_freq;     /* packets with DATA per SACK; 0 = default 2 */
	uint16_t max_dups;      /* duplicate TSNs remembered; 0 = default 64 */
};

enum sctpdk_tracker_verdict {
	SCTPDK_TRACKER_NEW = 0,       /* first time seen: process the chunk */
	SCTPDK_TRACKER_DUPLICATE,     /* seen before (or <= cum): drop, reported in SACK */
	SCTPDK_TRACKER_OUT_OF_WINDOW, /* too far above cum: drop, not recorded */
};

struct sctpdk_tracker_stats {
	uint64_t data_new;
	uint64_t data_dup;
	uint64_t data_out_of_window;
	uint64_t dups_overflow; /* duplicates not reported: list full */
	uint64_t sacks_built;
};

struct sctpdk_tracker {
	const struct sctpdk_allocator *alloc;
	uint64_t *bits;       /* bit (tsn & mask): TSN received, for cum < tsn <= cum + window */
	uint32_t mask;        /* window_tsns - 1 */
	sctpdk_tsn_t cum;     /* cumulative TSN ack point */
	sctpdk_tsn_t highest; /* highest TSN received (== cum when no gap) */
	sctpdk_tsn_t *dups;
	uint16_t n_dups;
	uint16_t max_dups;
	bool had_gaps; /* a gap existed after the previous DATA packet */
	uint64_t sack_delay_us;
	uint32_t sack_freq;
	uint32_t pkts_unacked; /* packets with DATA since the last SACK */
	uint64_t deadline_us;  /* delayed SACK timer, UINT64_MAX when not armed */
	bool sack_now;         /* a SACK is due at once */
	bool pkt_new;          /* current packet: new DATA seen */
	bool pkt_dup;          /* current packet: duplicate seen */
	bool pkt_immediate;    /* current packet: I bit */
	bool immediate_mode;
	bool ack_pending; /* data received and not yet acknowledged */
	struct sctpdk_tracker_stats stats;
};

/*
 * Set up for a peer whose initial TSN is peer_initial_tsn (from its INIT or
 * INIT-ACK): cum = peer_initial_tsn - 1. cfg NULL selects the defaults.
 * Errors: SCTPDK_ERR_INVAL (window not a power of two >= 64),
 * SCTPDK_ERR_NOMEM.
 */
int sctpdk_tracker_init(struct sctpdk_tracker *t, const struct sctpdk_tracker_config *cfg,
			const struct sctpdk_allocator *a, sctpdk_tsn_t peer_initial_tsn);

/* Release the tracker's memory. */
void sctpdk_tracker_free(struct sctpdk_tracker *t);

/*
 * Record one received DATA chunk's TSN. A duplicate is added to the
 * duplicate list. Cheap: O(1) amortised; advancing cum over a long run of
 * received TSNs is O(run / 64).
 */
enum sctpdk_tracker_verdict sctpdk_tracker_on_data(struct sctpdk_tracker *t, sctpdk_tsn_t tsn);

/*
 * Would a TSN be accepted as new? (no state change) Lets the association
 * check the receive window before handing the chunk to reassembly.
 */
enum sctpdk_tracker_verdict sctpdk_tracker_peek(const struct sctpdk_tracker *t, sctpdk_tsn_t tsn);

/*
 * End of a received packet that held at least one DATA chunk: applies the
 * SACK policy. immediate: the packet had a DATA chunk with the I bit.
 */
void sctpdk_tracker_on_packet_end(struct sctpdk_tracker *t, uint64_t now_us, bool immediate);

/* Delayed SACK timer check: call at or after sctpdk_tracker_deadline(). */
void sctpdk_tracker_on_timer(struct sctpdk_tracker *t, uint64_t now_us);

/* Should a SACK be sent now (bundled with whatever goes out)? */
static inline bool
sctpdk_tracker_sack_due(const struct sctpdk_tracker *t)
{
	return t->sack_now;
}

/* When the delayed SACK timer fires, UINT64_MAX if not armed. */
static inline uint64_t
sctpdk_tracker_deadline(const struct sctpdk_tracker *t)
{
	return t->deadline_us;
}

/* Answer every DATA packet at once (SHUTDOWN-SENT/RECEIVED, 9.2). */
void sctpdk_tracker_set_immediate(struct sctpdk_tracker *t, bool on);

/* Change the delayed SACK time (applies from the next arming). */
void sctpdk_tracker_set_sack_delay(struct sctpdk_tracker *t, uint64_t delay_us);

/* Change how many DATA packets trigger a SACK (>= 1). */
void sctpdk_tracker_set_sack_freq(struct sctpdk_tracker *t, uint32_t freq);

/* Cumulative TSN ack point. */
static inline sctpdk_tsn_t
sctpdk_tracker_cum_tsn(const struct sctpdk_tracker *t)
{
	return t->cum;
}

/* Is any TSN above cum received (a gap exists)? */
static inline bool
sctpdk_tracker_has_gaps(const struct sctpdk_tracker *t)
{
	return !sctpdk_tsn_eq(t->highest, t->cum);
}

/*
 * Fill s for a SACK to send now: cum_tsn, a_rwnd (given by the caller, from
 * the reassembly buffer), up to s->max_gaps Gap Ack Blocks in ascending
 * order (those nearest cum first: they are the ones that let the peer
 * advance; blocks that do not fit are left out), up to s->max_dups
 * duplicate TSNs. s->gaps/s->dups must point to caller arrays of those
 * capacities (either may be 0/NULL). Counts as sending the SACK: clears
 * the duplicate list (those that did not fit are dropped and counted in
 * dups_overflow), the packet count, the delay timer and sack_due.
 * Returns 0; SCTPDK_ERR_INVAL if s is NULL.
 */
int sctpdk_tracker_build_sack(struct sctpdk_tracker *t, uint32_t a_rwnd,
			      struct sctpdk_sack_desc *s);

/*
 * Advance cum to new_cum as a FORWARD-TSN would (RFC 3758): TSNs up to
 * new_cum count as received. Ignored if new_cum <= cum.
 */
void sctpdk_tracker_skip_to(struct sctpdk_tracker *t, sctpdk_tsn_t new_cum);

/*
 * Debug consistency check (O(window)): true when the invariants hold (cum
 * is not directly followed by a received TSN, nothing at or below cum is
 * marked, highest is marked or equal to cum, duplicate count in bounds).
 */
bool sctpdk_tracker_check(const struct sctpdk_tracker *t);

#endif
