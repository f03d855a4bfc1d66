/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A plain Ethernet + IPv4 frame around an SCTP packet, without routing or
 * neighbour resolution: for tools and tests that inject frames at a port
 * (the stack itself sends through lib/net, see netif.h).
 */
#ifndef SCTPDK_RT_NET_H
#define SCTPDK_RT_NET_H

#include <stdint.h>

#include <sctpdk/sctpdk_addr.h>
#include <sctpdk/sctpdk_runtime.h>

struct rte_mbuf;

/*
 * Prepend IPv4 and Ethernet headers to an SCTP packet. Returns 0, or
 * SCTPDK_ERR_NOSPACE (no headroom), SCTPDK_ERR_UNSUPP (not IPv4).
 */
int sctpdk_rt_net_encap(struct rte_mbuf *m, const struct sctpdk_addr *src,
			const struct sctpdk_addr *dst, const uint8_t src_mac[6],
			const uint8_t dst_mac[6], uint16_t ip_id);

#endif
