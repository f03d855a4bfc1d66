/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Retransmission and sending policy of an association (RFC 9260 6.1, 6.3,
 * 7.2.3, 7.2.4), kept apart from the data glue: which retransmissions may
 * leave now, Max.Burst, one RTT measurement per round trip, and counters.
 *
 *  - After a T3-rtx expiry (6.3.3 E3) or on entering fast retransmit
 *    (7.2.4 step 3) one packet of retransmissions leaves regardless of
 *    cwnd; further retransmissions wait for flight < cwnd (6.1 B/D).
 *  - Max.Burst (6.1, 16): at most max_burst packets of new data leave per
 *    sending opportunity (one received packet or timer run); cwnd itself
 *    is not lowered, so it keeps the value the congestion rules gave it.
 *  - RTT (6.3.1 C4, C5): at most one measurement per smoothed RTT of
 *    each destination, and only from a chunk first sent after the last
 *    retransmission (to any destination).
 * Association-wide state is struct rtx_state; what belongs to one
 * destination (RTT sampling, counters) is struct rtx_dest.
 */
#ifndef SCTPDK_SCTP_RTX_H
#define SCTPDK_SCTP_RTX_H

#include <stdbool.h>
#include <stdint.h>

struct sctpdk_cc_path;
struct sctpdk_rto;
struct sctpdk_sctp_config;

struct rtx_stats {
	uint64_t t3_expiries;
	uint64_t fast_rtx_events;
	uint64_t retransmitted_chunks;
	uint64_t rtt_samples;
};

/* One destination: RTT sampling and counters. */
struct rtx_dest {
	uint64_t last_rtt_us; /* time of the last RTT measurement taken */
	bool have_rtt;
	struct rtx_stats stats;
};

struct rtx_state {
	uint32_t max_burst;   /* packets of new data per opportunity, 0 = no limit */
	uint32_t burst_pkts;  /* packets of new data in this opportunity */
	bool one_free;        /* one retransmission packet may ignore cwnd */
	uint64_t last_rtx_us; /* time of the last retransmission */
};

void rtx_init(struct rtx_state *r, const struct sctpdk_sctp_config *cfg);
/* A sending opportunity starts. */
void rtx_flush_begin(struct rtx_state *r);
/* T3-rtx expired on destination rd / fast retransmit entered. */
void rtx_on_t3(struct rtx_state *r, struct rtx_dest *rd);
void rtx_on_fast_rtx(struct rtx_state *r);
/* May another retransmitted chunk go into the packet being built (n chunks
 * already in it)? */
bool rtx_may_retransmit(const struct rtx_state *r, const struct sctpdk_cc_path *cc,
			uint32_t flight, int n);
/* The packet being built got n retransmitted chunks. */
void rtx_end_rtx_packet(struct rtx_state *r, int n);
/* Max.Burst: may another packet of new data leave in this opportunity? */
bool rtx_burst_allows(const struct rtx_state *r);
void rtx_count_packet(struct rtx_state *r);
/* Use this Karn-safe RTT sample of destination rd (one per round trip of
 * that destination, rto its estimate)? Counts it. */
bool rtx_rtt_sample_ok(const struct rtx_state *r, struct rtx_dest *rd,
		       const struct sctpdk_rto *rto, uint64_t now_us, uint64_t rtt_us);
/* A chunk was retransmitted now, to destination rd. */
void rtx_note_retransmit(struct rtx_state *r, struct rtx_dest *rd, uint64_t now_us);

#endif
