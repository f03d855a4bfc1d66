/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sctpdk protocol core: per-destination transfer state (RFC 9260 sections
 * 6.3, 7, 8) for inspection and tests: congestion window, RTO estimate,
 * error counter and retransmission counters.
 */
#ifndef SCTPDK_SCTP_PATH_H
#define SCTPDK_SCTP_PATH_H

#include <stdint.h>

#include <sctpdk/sctpdk_sctp.h>

#ifdef __cplusplus
extern "C" {
#endif

struct sctpdk_sctp_path_info {
	struct sctpdk_addr addr;       /* peer transport address */
	uint32_t cwnd;                 /* bytes of DATA payload */
	uint32_t ssthresh;
	uint32_t partial_bytes_acked;
	uint32_t mtu;                  /* DATA payload bytes per packet (the cc MTU) */
	uint32_t flight;               /* bytes in flight */
	uint64_t srtt_us;
	uint64_t rttvar_us;
	uint64_t rto_us;
	uint32_t error_count;          /* consecutive T3-rtx expiries */
	uint64_t t3_expiries;
	uint64_t fast_rtx_events;      /* fast recoveries entered */
	uint64_t retransmitted_chunks;
	uint64_t rtt_samples;          /* RTT measurements used (one per round trip) */
};

/* State of peer address idx (0 = the primary) of association id.
 * Returns 0, SCTPDK_ERR_NOTFOUND (no association or address),
 * SCTPDK_ERR_STATE (no transfer state yet). */
int sctpdk_sctp_path_info(const struct sctpdk_sctp_ep *ep, sctpdk_assoc_id_t id, unsigned idx,
			  struct sctpdk_sctp_path_info *pi);

#ifdef __cplusplus
}
#endif

#endif
