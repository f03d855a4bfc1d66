/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Congestion control, per destination (RFC 9260 section 7.2).
 *
 * The algorithm is an ops table chosen once at association setup;
 * sctpdk_cc_rfc9260 is the standard one. Each destination has a
 * struct sctpdk_cc_path; the association calls the ops with facts it got
 * from the outq (bytes acked, flight size before the SACK, whether the
 * cumulative TSN advanced, fast recovery) and reads cwnd back. All sizes
 * are bytes of DATA chunk payload as counted by the outq. Stateless ops,
 * no clocks: times are passed in.
 *
 * Standard behaviour (sctpdk_cc_rfc9260):
 *  - init: cwnd = min(4*MTU, max(2*MTU, 4380)), ssthresh = peer rwnd
 *    (7.2.1), partial_bytes_acked = 0.
 *  - on_ack with cwnd <= ssthresh (slow start, 7.2.1): when the cumulative
 *    TSN advanced, cwnd was fully used (flight before SACK >= cwnd) and not
 *    in fast recovery, cwnd += min(bytes acked, MTU).
 *  - on_ack with cwnd > ssthresh (congestion avoidance, 7.2.2):
 *    partial_bytes_acked += bytes acked; when it reaches cwnd and the
 *    cumulative TSN advanced: if flight before SACK >= cwnd then
 *    pba -= cwnd and cwnd += MTU, else pba = cwnd (no growth).
 *    pba = 0 when all data is acked (flight after SACK is 0).
 *  - on_fast_rtx (7.2.4 step 2, only when entering fast recovery):
 *    ssthresh = max(cwnd/2, 4*MTU), cwnd = ssthresh, pba = 0.
 *  - on_t3 (7.2.3): ssthresh = max(cwnd/2, 4*MTU), cwnd = MTU, pba = 0.
 *  - on_idle (7.2.1): no data sent for a whole RTO: cwnd = max(cwnd/2,
 *    4*MTU) per RTO elapsed; never raises a cwnd already below 4*MTU.
 *  - on_mtu: new MTU; cwnd is raised to at least one MTU.
 * Duplicate TSN bytes (7.2.2) are not counted in partial_bytes_acked: the
 * sender no longer knows the size of chunks below its ack point.
 */
#ifndef SCTPDK_SCTP_CC_H
#define SCTPDK_SCTP_CC_H

#include <stdbool.h>
#include <stdint.h>

#define SCTPDK_CC_MAX_BURST_DEFAULT 4 /* Max.Burst, RFC 9260 section 16 */

struct sctpdk_cc_path {
	uint32_t cwnd;
	uint32_t ssthresh;
	uint32_t partial_bytes_acked;
	uint32_t mtu;          /* bytes of DATA payload per packet the caller counts as MTU */
	uint64_t last_send_us; /* for idle decay; set by sctpdk_cc_on_send() */
	uint64_t priv[4];      /* private state of non-standard algorithms */
};

/* What one SACK meant for one destination. */
struct sctpdk_cc_ack {
	uint32_t bytes_acked;   /* newly acked bytes sent to this destination (cum + gaps) */
	uint32_t flight_before; /* bytes in flight to this destination before the SACK */
	uint32_t flight_after;  /* bytes in flight to this destination after the SACK */
	bool cum_advanced;      /* the SACK advanced the cumulative TSN ack point */
	bool in_fast_recovery;  /* association in fast recovery (7.2.4) */
};

struct sctpdk_cc_ops {
	const char *name;
	/* New destination: mtu as above, peer_rwnd from INIT/INIT-ACK a_rwnd. */
	void (*init)(struct sctpdk_cc_path *p, uint32_t mtu, uint32_t peer_rwnd);
	void (*on_ack)(struct sctpdk_cc_path *p, const struct sctpdk_cc_ack *ack);
	/* Fast retransmit of chunks sent to this destination, entering fast recovery. */
	void (*on_fast_rtx)(struct sctpdk_cc_path *p);
	/* T3-rtx expired for this destination. */
	void (*on_t3)(struct sctpdk_cc_path *p);
	/* Idle check: called before sending, with the path's RTO. */
	void (*on_idle)(struct sctpdk_cc_path *p, uint64_t now_us, uint64_t rto_us);
	/* Path MTU changed. */
	void (*on_mtu)(struct sctpdk_cc_path *p, uint32_t mtu);
};

/* The RFC 9260 algorithm described above. */
extern const struct sctpdk_cc_ops sctpdk_cc_rfc9260;

/* Initial cwnd of 7.2.1: min(4*MTU, max(2*MTU, 4380)). */
uint32_t sctpdk_cc_initial_cwnd(uint32_t mtu);

/* Record that data was sent to this destination now (for idle decay). */
static inline void
sctpdk_cc_on_send(struct sctpdk_cc_path *p, uint64_t now_us)
{
	p->last_send_us = now_us;
}

/*
 * Sending rule B of 6.1: may a new DATA chunk of len bytes go to this
 * destination with flight bytes outstanding? True when flight < cwnd (the
 * chunk may then exceed cwnd by up to MTU - 1 bytes).
 */
bool sctpdk_cc_can_send(const struct sctpdk_cc_path *p, uint32_t flight, uint32_t len);

/*
 * Max.Burst of 6.1: before a burst, if flight + max_burst * MTU < cwnd,
 * lower cwnd to flight + max_burst * MTU. Returns the (possibly new) cwnd.
 */
uint32_t sctpdk_cc_apply_max_burst(struct sctpdk_cc_path *p, uint32_t flight, uint32_t max_burst);

#endif
