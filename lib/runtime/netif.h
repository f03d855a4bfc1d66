/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The runtime's use of lib/net: one sctpdk_net instance per stack lcore
 * (lib/net is single-threaded), each with every port and address of the
 * stack. Neighbours one lcore learns (ARP/ND replies arrive on one RX
 * queue) are passed to the others through a per-lcore ring.
 */
#ifndef SCTPDK_RT_NETIF_H
#define SCTPDK_RT_NETIF_H

#include <stdint.h>

#include <sctpdk/sctpdk_addr.h>

struct rte_mbuf;
struct sctpdk_stack;
struct sctpdk_rt_lcore;
struct sctpdk_rt_port;
struct sctpdk_net_stats;

/* Create the instances of every lcore (after the ports are set up).
 * 0, SCTPDK_ERR_NOMEM, or the lib/net error of a bad address. */
int sctpdk_rt_netif_create(struct sctpdk_stack *st);
void sctpdk_rt_netif_free(struct sctpdk_stack *st);

/* On the lcore, once at loop start: gratuitous ARP / unsolicited NA. */
void sctpdk_rt_netif_start(struct sctpdk_rt_lcore *lc, uint64_t now_us);

/* Classify a burst from port pt. SCTP packets (trimmed to the SCTP header)
 * go to rx(); the rest is consumed, answered or dropped and counted.
 * Returns how many frames were seen. */
typedef void (*sctpdk_rt_netif_rx_cb)(struct sctpdk_rt_lcore *lc, struct sctpdk_rt_port *pt,
				      struct rte_mbuf *m, const struct sctpdk_addr *src,
				      const struct sctpdk_addr *dst, uint64_t now_us);
void sctpdk_rt_netif_rx(struct sctpdk_rt_lcore *lc, struct sctpdk_rt_port *pt,
			struct rte_mbuf **pkts, uint16_t n, uint64_t now_us,
			sctpdk_rt_netif_rx_cb rx);

/* Route and frame an SCTP packet; the frame joins the lcore's TX list.
 * Takes m in every case. 0 or a negative SCTPDK_ERR_* (counted). */
int sctpdk_rt_netif_output(struct sctpdk_rt_lcore *lc, struct rte_mbuf *m,
			   const struct sctpdk_addr *src, const struct sctpdk_addr *dst,
			   uint64_t now_us);

/* Housekeeping each iteration: neighbours from other lcores, ICMP errors
 * for endpoints this lcore owns, lib/net timer. */
void sctpdk_rt_netif_poll(struct sctpdk_rt_lcore *lc, uint64_t now_us);

/* Sum of the lib/net counters of every lcore. */
void sctpdk_rt_netif_stats(const struct sctpdk_stack *st, struct sctpdk_net_stats *sum);

#endif
