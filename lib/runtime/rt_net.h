/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * L2/L3 for the runtime until lib/net is wired in: Ethernet (one 802.1Q
 * tag tolerated), IPv4 without options or fragments, SCTP over it.
 * This file and rt_net.c are the only ones to change when lib/net lands.
 */
#ifndef SCTPDK_RT_NET_H
#define SCTPDK_RT_NET_H

#include <stdint.h>

#include <sctpdk/sctpdk_addr.h>
#include <sctpdk/sctpdk_runtime.h>

struct rte_mbuf;

/* Headroom the output path needs in front of the SCTP header. */
#define SCTPDK_RT_NET_HEADROOM (14 + 20)

/*
 * Classify one received frame. On SCTP for the stack, strips L2/L3 (and
 * any trailer past the IP total length) so the mbuf starts at the SCTP
 * common header, fills src/dst and returns -1; otherwise returns the
 * SCTPDK_RT_DROP_* reason and leaves the mbuf to the caller.
 * local[] are the port's addresses (IPv4 destinations must be one).
 */
int sctpdk_rt_net_classify(struct rte_mbuf *m, const struct sctpdk_addr *local, unsigned n_local,
			   struct sctpdk_addr *src, struct sctpdk_addr *dst);

/*
 * Prepend IPv4 and Ethernet headers to an SCTP packet. Returns 0, or
 * SCTPDK_ERR_NOSPACE (no headroom), SCTPDK_ERR_UNSUPP (not IPv4).
 */
int sctpdk_rt_net_encap(struct rte_mbuf *m, const struct sctpdk_addr *src,
			const struct sctpdk_addr *dst, const uint8_t src_mac[6],
			const uint8_t dst_mac[6], uint16_t ip_id);

#endif
