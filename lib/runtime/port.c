/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Port setup for the runtime until drivers/port is wired in: one TX queue
 * per stack lcore (required), one RX queue per stack lcore up to what the
 * port offers (lcores past that poll no RX queue of this port), RSS when
 * there are several RX queues, SCTP checksum offloads when offered.
 */
#include <string.h>

#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_ether.h>
#include <rte_mbuf.h>

#include <sctpdk/sctpdk_error.h>

#include "rt_port.h"
#include "rt_priv.h"

int
sctpdk_rt_port_setup(struct sctpdk_stack *st, struct sctpdk_rt_port *pt)
{
	struct rte_eth_dev_info info;
	struct rte_eth_conf conf;
	unsigned n_lc = st->cfg.n_lcores;
	uint16_t pid;

	if (pt->cfg.dev_name[0] != '\0') {
		if (rte_eth_dev_get_port_by_name(pt->cfg.dev_name, &pid) != 0) {
			RT_LOG(ERR, "no port named %s", pt->cfg.dev_name);
			return SCTPDK_ERR_NOTFOUND;
		}
	} else {
		pid = pt->cfg.port_id;
		if (!rte_eth_dev_is_valid_port(pid))
			return SCTPDK_ERR_NOTFOUND;
	}
	pt->port_id = pid;
	if (rte_eth_dev_info_get(pid, &info) != 0)
		return SCTPDK_ERR_NOTFOUND;
	if (info.max_tx_queues < n_lc) {
		RT_LOG(ERR, "port %u has %u TX queues, the stack needs %u", pid, info.max_tx_queues,
		       n_lc);
		return SCTPDK_ERR_UNSUPP;
	}
	pt->nb_txq = (uint16_t)n_lc;
	pt->nb_rxq = (uint16_t)RTE_MIN(n_lc, info.max_rx_queues);
	if (pt->nb_rxq == 0)
		return SCTPDK_ERR_UNSUPP;

	memset(&conf, 0, sizeof(conf));
	if (pt->nb_rxq > 1) {
		conf.rxmode.mq_mode = RTE_ETH_MQ_RX_RSS;
		conf.rx_adv_conf.rss_conf.rss_hf =
		    (RTE_ETH_RSS_NONFRAG_IPV4_SCTP | RTE_ETH_RSS_NONFRAG_IPV6_SCTP |
		     RTE_ETH_RSS_IP) &
		    info.flow_type_rss_offloads;
	}
	pt->tx_cksum_offload = (info.tx_offload_capa & RTE_ETH_TX_OFFLOAD_SCTP_CKSUM) != 0;
	pt->rx_cksum_offload = (info.rx_offload_capa & RTE_ETH_RX_OFFLOAD_SCTP_CKSUM) != 0;
	if (pt->tx_cksum_offload)
		conf.txmode.offloads |= RTE_ETH_TX_OFFLOAD_SCTP_CKSUM;
	/* DATA payloads may go by reference (mbuf chains, sctpdk_sctp.h
	 * tx_ref_min): only to a port that says it sends chains */
	pt->tx_multi_seg = (info.tx_offload_capa & RTE_ETH_TX_OFFLOAD_MULTI_SEGS) != 0;
	if (pt->tx_multi_seg)
		conf.txmode.offloads |= RTE_ETH_TX_OFFLOAD_MULTI_SEGS;
	if (pt->rx_cksum_offload)
		conf.rxmode.offloads |= RTE_ETH_RX_OFFLOAD_SCTP_CKSUM;
	int rc = rte_eth_dev_configure(pid, pt->nb_rxq, pt->nb_txq, &conf);
	if (rc != 0) {
		RT_LOG(ERR, "port %u configure: %s", pid, rte_strerror(-rc));
		return SCTPDK_ERR_UNSUPP;
	}
	uint16_t nrx = pt->cfg.rx_desc ? pt->cfg.rx_desc : 1024;
	uint16_t ntx = pt->cfg.tx_desc ? pt->cfg.tx_desc : 1024;
	rte_eth_dev_adjust_nb_rx_tx_desc(pid, &nrx, &ntx);
	int sock_id = rte_eth_dev_socket_id(pid);
	unsigned sock = sock_id < 0 ? (unsigned)SOCKET_ID_ANY : (unsigned)sock_id;
	for (uint16_t q = 0; q < pt->nb_rxq; q++)
		if (rte_eth_rx_queue_setup(pid, q, nrx, sock, NULL, st->pool) != 0)
			return SCTPDK_ERR_UNSUPP;
	for (uint16_t q = 0; q < pt->nb_txq; q++)
		if (rte_eth_tx_queue_setup(pid, q, ntx, sock, NULL) != 0)
			return SCTPDK_ERR_UNSUPP;
	struct rte_ether_addr mac;
	if (rte_eth_macaddr_get(pid, &mac) != 0 || rte_is_zero_ether_addr(&mac)) {
		/* some virtual ports (net_ring) have none: make a locally
		 * administered one; a port that cannot take it does not filter
		 * by MAC anyway */
		rte_eth_random_addr(mac.addr_bytes);
		rte_eth_dev_default_mac_addr_set(pid, &mac);
	}
	memcpy(pt->mac, mac.addr_bytes, 6);
	return 0;
}

int
sctpdk_rt_port_start(struct sctpdk_rt_port *pt)
{
	if (pt->started)
		return 0;
	int rc = rte_eth_dev_start(pt->port_id);
	if (rc != 0) {
		RT_LOG(ERR, "port %u start: %s", pt->port_id, rte_strerror(-rc));
		return SCTPDK_ERR_UNSUPP;
	}
	pt->started = 1;
	return 0;
}

void
sctpdk_rt_port_stop(struct sctpdk_rt_port *pt)
{
	if (!pt->started)
		return;
	/* give back what the RX queues still hold */
	struct rte_mbuf *pkts[RT_BURST];
	for (uint16_t q = 0; q < pt->nb_rxq; q++) {
		uint16_t n;
		while ((n = rte_eth_rx_burst(pt->port_id, q, pkts, RT_BURST)) != 0)
			rte_pktmbuf_free_bulk(pkts, n);
	}
	rte_eth_dev_stop(pt->port_id);
	pt->started = 0;
}
